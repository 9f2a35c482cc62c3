// libFuzzer target: JSON logs (object of parallel arrays, array of records) and JSON lines.
//
// Declarations only: built with `--sanitize=fuzzer`, libFuzzer supplies `main`; in a normal build
// this is an executable whose top-level code is empty (it exits 0). See `make fuzz`.
//
// Input: the first byte chooses the format (even: json, odd: jsonl); the rest is the file. Each file
// is read and its tables assembled into curves, as `lrscope` does.
// Thrown ``IngestError``s are expected; traps, crashes, hangs and leaks are bugs.
import LRCore
import LRIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let format: LogFormat = data[0] & 1 == 0 ? .json : .jsonl
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    do {
        _ = try LogLoader.curves(bytes: bytes, path: "fuzz.json", format: format)
    } catch {
        _ = error.description
    }
    return 0
}
