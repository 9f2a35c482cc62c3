// libFuzzer target: MLflow file-store metric files (`<timestamp> <value> [<step>]` per line).
//
// Declarations only: built with `--sanitize=fuzzer`, libFuzzer supplies `main`; in a normal build
// this is an executable whose top-level code is empty (it exits 0). See `make fuzz`.
//
// Input: two metric files separated by the first NUL byte: `metrics/lr`, then `metrics/loss` (no NUL:
// all of it is `metrics/loss`, and `lr` is missing). They are parsed in memory by the file-store
// reader's line parser (``MLflowFileStoreReader/table(metricFiles:runName:folder:)``), then the run is
// assembled into a curve, as `lrscope` does. Writing a real `mlruns/` tree per input would measure
// the file system rather than the parser.
// Thrown ``IngestError``s are expected; traps, crashes, hangs and leaks are bugs.
import LRCore
import LRIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var files: [(key: String, bytes: [UInt8])]
    if let nul = bytes.firstIndex(of: 0) {
        files = [("lr", Array(bytes[..<nul])), ("loss", Array(bytes[(nul + 1)...]))]
    } else {
        files = [("loss", bytes)]
    }
    do {
        let table = try MLflowFileStoreReader.table(metricFiles: files, runName: "fuzz", folder: "mlruns/0/fuzz")
        _ = try LogLoader.curves(from: [table], path: "mlruns/0/fuzz")
    } catch {
        _ = error.description
    }
    return 0
}
