import Foundation

/// Reads the records of a TFRecord file one at a time from disk, so that memory is bounded by the
/// largest record, not the file: a 2 GB event file of image summaries with one small scalar tag is read
/// through a buffer the size of one image record.
///
/// Checks exactly what ``TFRecordScanner`` checks, with the same messages (record number, byte offset
/// of the record): both masked CRC-32C checksums and truncation against the file's size. A record
/// longer than ``maximumRecordBytes`` is refused before anything is allocated for it.
///
/// The record's payload is valid until the next call to ``next()``.
final class TFRecordFileReader {
    /// The largest record accepted (1 GiB); TensorBoard's own writers stay far below.
    static let maximumRecordBytes = 1 << 30

    let file: String
    private let handle: FileHandle
    private let size: Int
    private var offset = 0
    private var recordNumber = 0
    /// A window of the file: `buffer[head..<filled]` holds the bytes from file offset `offset` on.
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var head = 0
    private var filled = 0
    /// Bytes read from the file at a time (records are served from memory in between).
    static let readSize = 1 << 20

    init(path: String) throws(IngestError) {
        file = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError(.unreadable, at: SourceLocation(file: path), "cannot open the file")
        }
        self.handle = handle
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        capacity = 2 * Self.readSize
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        buffer.deallocate()
        try? handle.close()
    }

    /// The file's size in bytes.
    var fileSize: Int { size }

    /// The next record, or `nil` at the end of the file.
    func next() throws(IngestError) -> TFRecord? {
        guard offset < size else { return nil }
        let start = offset
        recordNumber += 1
        let location = SourceLocation(file: file, record: recordNumber, byteOffset: start)
        let remaining = size - start
        guard remaining >= TFRecordScanner.headerSize else {
            throw IngestError(.truncatedRecord, at: location,
                              "truncated record: header needs \(TFRecordScanner.headerSize) bytes, only \(remaining) remain")
        }
        try fill(TFRecordScanner.headerSize, at: location)
        let header = UnsafeRawBufferPointer(start: buffer + head, count: TFRecordScanner.headerSize)
        let length = UInt64(littleEndian: header.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let storedLengthCRC = UInt32(littleEndian: header.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        let computedLengthCRC = CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: header[0..<8])))
        guard storedLengthCRC == computedLengthCRC else {
            throw IngestError(.checksumMismatch, at: location,
                              "CRC32C mismatch in record length: stored \(TFRecordScanner.hex(storedLengthCRC)), computed \(TFRecordScanner.hex(computedLengthCRC))")
        }
        let available = remaining - TFRecordScanner.headerSize
        guard length <= UInt64(available) else {
            throw IngestError(.truncatedRecord, at: location, "truncated record: header says \(length) bytes of data, only \(available) remain")
        }
        let dataLength = Int(length)
        guard dataLength <= Self.maximumRecordBytes else {
            throw IngestError(.malformed, at: location,
                              "record of \(dataLength) bytes is larger than the \(Self.maximumRecordBytes >> 20) MiB limit for one TensorBoard event")
        }
        guard available - dataLength >= TFRecordScanner.footerSize else {
            throw IngestError(.truncatedRecord, at: location,
                              "truncated record: the \(TFRecordScanner.footerSize)-byte data checksum after \(dataLength) bytes of data is missing, only \(available - dataLength) bytes remain")
        }
        let total = TFRecordScanner.headerSize + dataLength + TFRecordScanner.footerSize
        try fill(total, at: location)
        let record = UnsafeRawBufferPointer(start: buffer + head, count: total)
        let data = UnsafeRawBufferPointer(rebasing: record[TFRecordScanner.headerSize..<TFRecordScanner.headerSize + dataLength])
        let storedDataCRC = UInt32(littleEndian: record.loadUnaligned(fromByteOffset: TFRecordScanner.headerSize + dataLength, as: UInt32.self))
        let computedDataCRC = CRC32C.masked(CRC32C.checksum(data))
        guard storedDataCRC == computedDataCRC else {
            throw IngestError(.checksumMismatch, at: location,
                              "CRC32C mismatch in record data: stored \(TFRecordScanner.hex(storedDataCRC)), computed \(TFRecordScanner.hex(computedDataCRC))")
        }
        head += total
        offset = start + total
        return TFRecord(number: recordNumber, byteOffset: start, dataOffset: start + TFRecordScanner.headerSize, data: data)
    }

    /// Makes at least `count` bytes from the current record available at `buffer + head`, reading the
    /// file in large pieces (and growing the buffer for a record larger than it).
    private func fill(_ count: Int, at location: SourceLocation) throws(IngestError) {
        guard filled - head < count else { return }
        // Move what is left to the front, grow if one record needs more room, then read on.
        let kept = filled - head
        if head > 0 {
            buffer.copyMemory(from: buffer + head, byteCount: kept)
            head = 0
            filled = kept
        }
        if count > capacity {
            let larger = UnsafeMutableRawPointer.allocate(byteCount: count + Self.readSize, alignment: 16)
            larger.copyMemory(from: buffer, byteCount: kept)
            buffer.deallocate()
            buffer = larger
            capacity = count + Self.readSize
        }
        while filled < count {
            let data: Data?
            do { data = try handle.read(upToCount: max(count - filled, min(Self.readSize, capacity - filled))) } catch {
                throw IngestError(.unreadable, at: location, "cannot read the file: \((error as NSError).localizedDescription)")
            }
            guard let data, !data.isEmpty else {
                throw IngestError(.truncatedRecord, at: location, "truncated record: the file ended while reading it")
            }
            data.copyBytes(to: (buffer + filled).assumingMemoryBound(to: UInt8.self), count: data.count)
            filled += data.count
        }
    }
}
