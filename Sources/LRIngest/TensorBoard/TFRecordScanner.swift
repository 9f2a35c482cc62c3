/// One record of a TFRecord file: where it starts and where its payload is.
struct TFRecord {
    /// 1-based position of the record in its file.
    var number: Int
    /// 0-based byte offset of the record's first header byte in the file.
    var byteOffset: Int
    /// 0-based byte offset of the payload's first byte (`byteOffset + 12`).
    var dataOffset: Int
    /// The payload, a view into the scanned buffer (valid only while that buffer is).
    var data: UnsafeRawBufferPointer
}

/// Walks the records of a TFRecord byte buffer, the framing of TensorBoard event files, verifying
/// both checksums of every record.
///
/// Each record is
///
///     uint64 length (little-endian)
///     uint32 masked_crc32c(the 8 length bytes)
///     byte   data[length]
///     uint32 masked_crc32c(data)
///
/// Edge cases:
/// - The length's checksum is checked before the length is trusted, so a corrupt length reports
///   `.checksumMismatch` rather than a nonsense truncation.
/// - Fewer than 12 header bytes, fewer data bytes than the length says, or a missing data
///   checksum report `.truncatedRecord` (a writer killed mid-record leaves such a tail; TensorBoard
///   itself stops reading there and retries later).
/// - Every error names the record (1-based) and the byte offset of the record's first byte.
/// - A buffer of no bytes has no records (the reader reports empty files itself).
///
/// The scanner holds an `UnsafeRawBufferPointer`: use it only inside the `withUnsafeBytes` call that
/// produced the buffer.
///
/// Reference: TensorBoard `tensorboard/summary/writer/record_writer.py` (`RecordWriter.write`) and
/// `tensorboard/compat/tensorflow_stub/pywrap_tensorflow.py` (`PyRecordReader_New`); TensorFlow
/// `tensorflow/core/lib/io/record_reader.cc`.
struct TFRecordScanner {
    /// Header bytes before the payload: the length and its checksum.
    static let headerSize = 12
    /// Bytes after the payload: its checksum.
    static let footerSize = 4

    /// The file name used in error locations.
    let file: String
    private let buffer: UnsafeRawBufferPointer
    private var offset = 0
    private var recordNumber = 0

    /// A scanner over `buffer`, naming `file` in errors.
    init(_ buffer: UnsafeRawBufferPointer, file: String) {
        self.buffer = buffer
        self.file = file
    }

    /// Whether every byte has been scanned.
    var isAtEnd: Bool { offset >= buffer.count }

    /// The next record, or `nil` after the last one.
    /// - Throws: `.truncatedRecord` when the buffer ends inside a record, `.checksumMismatch` when a
    ///   stored checksum disagrees with the bytes.
    mutating func next() throws(IngestError) -> TFRecord? {
        guard offset < buffer.count else { return nil }
        let start = offset
        recordNumber += 1
        let location = SourceLocation(file: file, record: recordNumber, byteOffset: start)
        let remaining = buffer.count - start
        guard remaining >= Self.headerSize else {
            throw IngestError(.truncatedRecord, at: location,
                              "truncated record: header needs \(Self.headerSize) bytes, only \(remaining) remain")
        }
        let length = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: start, as: UInt64.self))
        let storedLengthCRC = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: start + 8, as: UInt32.self))
        let computedLengthCRC = CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: buffer[start..<start + 8])))
        guard storedLengthCRC == computedLengthCRC else {
            throw IngestError(.checksumMismatch, at: location,
                              "CRC32C mismatch in record length: stored \(Self.hex(storedLengthCRC)), computed \(Self.hex(computedLengthCRC))")
        }
        let available = remaining - Self.headerSize
        guard length <= UInt64(available) else {
            throw IngestError(.truncatedRecord, at: location,
                              "truncated record: header says \(length) bytes of data, only \(available) remain")
        }
        let dataLength = Int(length)
        guard available - dataLength >= Self.footerSize else {
            throw IngestError(.truncatedRecord, at: location,
                              "truncated record: the \(Self.footerSize)-byte data checksum after \(dataLength) bytes of data is missing, only \(available - dataLength) bytes remain")
        }
        let dataStart = start + Self.headerSize
        let data = UnsafeRawBufferPointer(rebasing: buffer[dataStart..<dataStart + dataLength])
        let storedDataCRC = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: dataStart + dataLength, as: UInt32.self))
        let computedDataCRC = CRC32C.masked(CRC32C.checksum(data))
        guard storedDataCRC == computedDataCRC else {
            throw IngestError(.checksumMismatch, at: location,
                              "CRC32C mismatch in record data: stored \(Self.hex(storedDataCRC)), computed \(Self.hex(computedDataCRC))")
        }
        offset = dataStart + dataLength + Self.footerSize
        return TFRecord(number: recordNumber, byteOffset: start, dataOffset: dataStart, data: data)
    }

    /// Whether `bytes` begin with a well-formed TFRecord header: at least 12 bytes whose last four
    /// are the masked CRC-32C of the first eight. For content-based format detection; a random
    /// file passes with probability 2⁻³².
    static func looksLikeEventFile(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= headerSize else { return false }
        return bytes.withUnsafeBytes { raw in
            let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            return stored == CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<8])))
        }
    }

    /// `0x` and eight lowercase hex digits.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
