/// Why a protobuf message could not be decoded, and at which byte of the outermost message.
struct ProtobufDecodingError: Error, Sendable, Equatable {
    /// 0-based offset from the start of the outermost buffer (the TFRecord payload).
    var offset: Int
    /// What was expected and found, e.g. "a varint runs past the end of the message".
    var message: String
}

/// The protobuf wire types (the low three bits of a field key).
enum ProtobufWireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// A minimal, bounds-checked decoder of the protobuf wire format over a borrowed byte buffer.
///
/// It reads one message's fields in order: `nextField()` gives each field's number and wire type,
/// then the caller reads the value with the matching `read…` call or `skip(_:)`s it. Nested
/// messages are decoded by a sub-reader over the same buffer (`readMessage()`), so error offsets stay
/// relative to the outermost buffer.
///
/// Edge cases:
/// - Every read is bounds-checked against the end of the current message: a varint, fixed-width
///   value or length that runs past it throws ``ProtobufDecodingError``; nothing traps.
/// - Varints longer than 10 bytes, field number 0, and wire types 6 and 7 are malformed.
/// - Groups (wire types 3 and 4, deprecated since proto2 and never written by TensorBoard) are
///   reported as malformed rather than skipped.
/// - Repeated scalar fields may arrive packed (one length-delimited run) or unpacked (one key per
///   element); ``forEachFixed32(_:wireType:_:)`` and its siblings accept both, as parsers must.
/// - Unknown fields are skipped by the caller with `skip(_:)`, as proto3 requires.
///
/// The reader holds an `UnsafeRawBufferPointer`: use it only inside the `withUnsafeBytes` call that
/// produced the buffer.
///
/// Reference: https://protobuf.dev/programming-guides/encoding/ ("Message Structure", "Packed
/// Repeated Fields").
struct ProtobufReader {
    private let buffer: UnsafeRawBufferPointer
    /// Offset of the next unread byte.
    private(set) var position: Int
    /// Offset just past the current message.
    let end: Int

    /// A reader over the whole of `buffer`.
    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
        self.position = 0
        self.end = buffer.count
    }

    private init(buffer: UnsafeRawBufferPointer, range: Range<Int>) {
        self.buffer = buffer
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// Whether the current message has no more bytes.
    var isAtEnd: Bool { position >= end }

    /// The next field's number and wire type, or `nil` at the end of the message.
    mutating func nextField() throws(ProtobufDecodingError) -> (number: Int, wireType: ProtobufWireType)? {
        guard position < end else { return nil }
        let keyOffset = position
        let key = try readVarint()
        let number = key >> 3
        guard number != 0, number <= 0x1FFF_FFFF else {
            throw ProtobufDecodingError(offset: keyOffset, message: "field number \(number) is out of range (expected 1 to 536870911)")
        }
        guard let wireType = ProtobufWireType(rawValue: UInt8(key & 7)) else {
            throw ProtobufDecodingError(offset: keyOffset, message: "unknown wire type \(key & 7) for field \(number)")
        }
        return (Int(number), wireType)
    }

    /// A base-128 varint of at most 10 bytes, as its 64 low bits.
    mutating func readVarint() throws(ProtobufDecodingError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else {
                throw ProtobufDecodingError(offset: start, message: "a varint runs past the end of the message")
            }
            let byte = buffer[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            guard shift < 70 else {
                throw ProtobufDecodingError(offset: start, message: "a varint is longer than 10 bytes")
            }
        }
    }

    /// A little-endian 32-bit value (wire type 5: `float`, `fixed32`, `sfixed32`).
    mutating func readFixed32() throws(ProtobufDecodingError) -> UInt32 {
        try require(4, what: "a 4-byte value")
        let value = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self))
        position += 4
        return value
    }

    /// A little-endian 64-bit value (wire type 1: `double`, `fixed64`, `sfixed64`).
    mutating func readFixed64() throws(ProtobufDecodingError) -> UInt64 {
        try require(8, what: "an 8-byte value")
        let value = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        position += 8
        return value
    }

    /// The byte range of a length-delimited value (wire type 2), after its length prefix.
    mutating func readLengthDelimitedRange() throws(ProtobufDecodingError) -> Range<Int> {
        let start = position
        let length = try readVarint()
        guard length <= UInt64(end - position) else {
            throw ProtobufDecodingError(offset: start, message: "a length-delimited field says \(length) bytes, only \(end - position) remain")
        }
        let range = position..<position + Int(length)
        position = range.upperBound
        return range
    }

    /// The bytes of a length-delimited value, as a view into the buffer.
    mutating func readBytes() throws(ProtobufDecodingError) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffer[try readLengthDelimitedRange()])
    }

    /// A `string` field, decoded as UTF-8 (ill-formed sequences become U+FFFD, as Python's
    /// `errors='replace'` would show them).
    mutating func readString() throws(ProtobufDecodingError) -> String {
        String(decoding: try readBytes(), as: UTF8.self)
    }

    /// A reader over an embedded message (wire type 2).
    mutating func readMessage() throws(ProtobufDecodingError) -> ProtobufReader {
        ProtobufReader(buffer: buffer, range: try readLengthDelimitedRange())
    }

    /// Skips a value of the given wire type (for unknown or unneeded fields).
    mutating func skip(_ wireType: ProtobufWireType) throws(ProtobufDecodingError) {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: try require(8, what: "an 8-byte value"); position += 8
        case .fixed32: try require(4, what: "a 4-byte value"); position += 4
        case .lengthDelimited: _ = try readLengthDelimitedRange()
        case .startGroup, .endGroup:
            throw ProtobufDecodingError(offset: position, message: "groups (wire type \(wireType.rawValue)) are not supported")
        }
    }

    /// Calls `body` with each element of a repeated 32-bit field (`float`, `fixed32`): packed when
    /// `wireType` is length-delimited, else the single element at the reader's position.
    mutating func forEachFixed32(field: Int, wireType: ProtobufWireType,
                                 _ body: (UInt32) -> Void) throws(ProtobufDecodingError) {
        switch wireType {
        case .fixed32:
            body(try readFixed32())
        case .lengthDelimited:
            let start = position
            var packed = try readMessage()
            guard (packed.end - packed.position) % 4 == 0 else {
                throw ProtobufDecodingError(offset: start, message: "packed field \(field) holds \(packed.end - packed.position) bytes, not a multiple of 4")
            }
            while !packed.isAtEnd { body(try packed.readFixed32()) }
        default:
            throw wrongWireType(wireType, field: field, expected: "5 or 2 (packed)")
        }
    }

    /// Calls `body` with each element of a repeated 64-bit field (`double`, `fixed64`), packed or not.
    mutating func forEachFixed64(field: Int, wireType: ProtobufWireType,
                                 _ body: (UInt64) -> Void) throws(ProtobufDecodingError) {
        switch wireType {
        case .fixed64:
            body(try readFixed64())
        case .lengthDelimited:
            let start = position
            var packed = try readMessage()
            guard (packed.end - packed.position) % 8 == 0 else {
                throw ProtobufDecodingError(offset: start, message: "packed field \(field) holds \(packed.end - packed.position) bytes, not a multiple of 8")
            }
            while !packed.isAtEnd { body(try packed.readFixed64()) }
        default:
            throw wrongWireType(wireType, field: field, expected: "1 or 2 (packed)")
        }
    }

    /// Calls `body` with each element of a repeated varint field (`int32`, `int64`, enums), packed or not.
    mutating func forEachVarint(field: Int, wireType: ProtobufWireType,
                                _ body: (UInt64) -> Void) throws(ProtobufDecodingError) {
        switch wireType {
        case .varint:
            body(try readVarint())
        case .lengthDelimited:
            var packed = try readMessage()
            while !packed.isAtEnd { body(try packed.readVarint()) }
        default:
            throw wrongWireType(wireType, field: field, expected: "0 or 2 (packed)")
        }
    }

    /// The error for a known field that arrived with a wire type its declared type cannot have.
    func wrongWireType(_ wireType: ProtobufWireType, field: Int, expected: String) -> ProtobufDecodingError {
        ProtobufDecodingError(offset: position, message: "field \(field) has wire type \(wireType.rawValue), expected \(expected)")
    }

    private func require(_ count: Int, what: String) throws(ProtobufDecodingError) {
        guard end - position >= count else {
            throw ProtobufDecodingError(offset: position, message: "\(what) runs past the end of the message (\(end - position) bytes remain)")
        }
    }
}
