// libFuzzer target: TensorBoard event files (TFRecord framing, CRC32C, protobuf `Event`s).
//
// Declarations only: built with `--sanitize=fuzzer`, libFuzzer supplies `main`; in a normal build
// this is an executable whose top-level code is empty (it exits 0). See `make fuzz`.
//
// Input: the first byte chooses the mode.
// - even: the remaining bytes are the event file as is (exercises the TFRecord scanner and its checks);
// - odd: the remaining bytes are payloads, each `<uint16 little-endian length><payload>`, framed here
//   into TFRecords with correct checksums, so that mutations reach the protobuf decoder instead of
//   dying at the CRC32C check (a random 32-bit checksum passes with probability 2⁻³²).
// Thrown ``IngestError``s are expected; traps, crashes, hangs and leaks are bugs.
import LRCore
import LRIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let bytes = input[0] & 1 == 0 ? Array(input.dropFirst()) : frameRecords(input.dropFirst())
    do {
        let tables = try TensorBoardReader().read(LogInput(path: "run/events.out.tfevents.1.fuzz", bytes: bytes),
                                                  options: IngestOptions())
        _ = try? LogLoader.curves(from: tables, path: "run/events.out.tfevents.1.fuzz")
    } catch {
        _ = error.description
    }
    return 0
}

/// TFRecords, with valid masked CRC-32Cs, of the payloads in `body` (`<uint16 LE length><payload>`…);
/// a last payload shorter than its length takes what remains.
func frameRecords(_ body: ArraySlice<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    var rest = body
    while rest.count >= 2 {
        let length = Int(rest[rest.startIndex]) | Int(rest[rest.startIndex + 1]) << 8
        rest = rest.dropFirst(2)
        let payload = Array(rest.prefix(length))
        rest = rest.dropFirst(payload.count)
        var header: [UInt8] = []
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { header.append(contentsOf: $0) }
        output += header
        appendLittleEndian(maskedCRC32C(header), to: &output)
        output += payload
        appendLittleEndian(maskedCRC32C(payload), to: &output)
    }
    return output
}

func appendLittleEndian(_ value: UInt32, to output: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
}

/// TFRecord's masked CRC-32C (Castagnoli), bit by bit: slow but independent of the reader's tables.
func maskedCRC32C(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
    }
    crc = ~crc
    return ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
}
