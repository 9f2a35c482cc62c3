/// CRC-32C (Castagnoli), the checksum that frames TFRecord files, and TFRecord's masked form of it.
///
/// The reflected polynomial is 0x82F63B78 (normal form 0x1EDC6F41), initial value and final XOR
/// 0xFFFFFFFF: the CRC that iSCSI, ext4 and SSE4.2's `crc32` instruction compute. Known values:
/// `"123456789"` → 0xE3069283, 32 zero bytes → 0x8A9136AA, no bytes → 0.
///
/// The computation is table-driven, slicing-by-8: eight 256-entry tables let the loop fold one
/// 64-bit little-endian word per iteration instead of one byte. Unaligned input is fine (words are
/// loaded with `loadUnaligned`), and any tail shorter than 8 bytes is folded byte by byte.
///
/// Reference: RFC 3720 §B.4 (CRC32C); TensorBoard `tensorboard/compat/tensorflow_stub/pywrap_tensorflow.py`
/// (`masked_crc32c`) and `record_writer.py`; Kounavis & Berry, "A Systematic Approach to Building High
/// Performance Software-Based CRC Generators" (slicing-by-8).
enum CRC32C {
    /// The reflected Castagnoli polynomial.
    static let polynomial: UInt32 = 0x82F6_3B78

    /// The constant TFRecord adds after rotating a CRC (`kMaskDelta` in TensorFlow's `crc32c.h`).
    static let maskDelta: UInt32 = 0xA282_EAD8

    /// Eight tables of 256 entries, table k at `k * 256`: table 0 is the byte-wise table, table k
    /// advances a byte's contribution by k further zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1
            }
            tables[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// The CRC-32C of `bytes`, continuing from a previous result `crc` (0 to start).
    ///
    /// `checksum(b, continuing: checksum(a))` equals the checksum of `a` followed by `b`.
    static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        tables.withUnsafeBufferPointer { table in
            var state = ~crc
            var offset = 0
            let count = bytes.count
            while count - offset >= 8 {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let low = UInt32(truncatingIfNeeded: word) ^ state
                let high = UInt32(truncatingIfNeeded: word >> 32)
                state = table[7 * 256 + Int(low & 0xFF)]
                    ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)]
                    ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)]
                    ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((high >> 16) & 0xFF)]
                    ^ table[Int(high >> 24)]
                offset += 8
            }
            while offset < count {
                state = (state >> 8) ^ table[Int((state ^ UInt32(bytes[offset])) & 0xFF)]
                offset += 1
            }
            return ~state
        }
    }

    /// The CRC-32C of a byte array.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// TFRecord's masked CRC: rotate right by 15 bits and add 0xA282EAD8 (mod 2³²).
    ///
    /// TensorFlow masks stored CRCs because computing the CRC of a string that itself contains
    /// embedded CRCs is problematic; readers compare stored values with `masked(checksum(…))`.
    static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ maskDelta
    }
}
