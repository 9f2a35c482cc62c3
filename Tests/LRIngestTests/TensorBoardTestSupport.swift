@testable import LRIngest
import Foundation
import TestSupport

/// Builds small TensorBoard event files in tests: protobuf fields and TFRecord framing, written
/// independently of the reader's decoder (only the checksum is shared).
enum TensorBoardBytes {
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            let low = UInt8(value & 0x7F)
            value >>= 7
            out.append(value == 0 ? low : low | 0x80)
        } while value != 0
        return out
    }

    static func key(_ field: Int, _ wireType: UInt8) -> [UInt8] {
        varint(UInt64(field) << 3 | UInt64(wireType))
    }

    static func varintField(_ field: Int, _ value: Int) -> [UInt8] {
        key(field, 0) + varint(UInt64(bitPattern: Int64(value)))
    }

    static func doubleField(_ field: Int, _ value: Double) -> [UInt8] {
        key(field, 1) + withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
    }

    static func floatField(_ field: Int, _ value: Float) -> [UInt8] {
        key(field, 5) + withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
    }

    static func bytesField(_ field: Int, _ bytes: [UInt8]) -> [UInt8] {
        key(field, 2) + varint(UInt64(bytes.count)) + bytes
    }

    /// `Summary.Value { tag, simple_value }`.
    static func simpleValue(_ tag: String, _ value: Float) -> [UInt8] {
        bytesField(1, Array(tag.utf8)) + floatField(2, value)
    }

    /// An `Event` at `step` with a summary of the given values.
    static func summaryEvent(step: Int, _ values: [[UInt8]]) -> [UInt8] {
        doubleField(1, 1_700_000_000) + varintField(2, step) + bytesField(5, values.flatMap { bytesField(1, $0) })
    }

    /// An `Event` at `step` with `session_log { status }` (START = 1).
    static func sessionLogEvent(step: Int, status: Int) -> [UInt8] {
        doubleField(1, 1_700_000_000) + varintField(2, step) + bytesField(7, varintField(1, status))
    }

    /// The TFRecord framing of one payload.
    static func record(_ payload: [UInt8]) -> [UInt8] {
        let length = withUnsafeBytes(of: UInt64(payload.count).littleEndian, Array.init)
        return length + le32(CRC32C.masked(CRC32C.checksum(length))) + payload + le32(CRC32C.masked(CRC32C.checksum(payload)))
    }

    static func le32(_ value: UInt32) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian, Array.init)
    }

    /// The start offsets and payload lengths of every record of a well-formed file.
    static func recordLayout(_ bytes: [UInt8]) -> [(offset: Int, length: Int)] {
        var layout: [(Int, Int)] = []
        var offset = 0
        while offset + 12 <= bytes.count {
            var length = 0
            for index in 0..<8 { length |= Int(bytes[offset + index]) << (8 * index) }
            layout.append((offset, length))
            offset += 16 + length
        }
        return layout
    }

    /// A fresh empty folder under the temporary directory.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-tb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
