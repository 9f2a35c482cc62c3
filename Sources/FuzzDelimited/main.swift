// libFuzzer target: delimited text readers (CSV, TSV, Lightning metrics.csv, W&B export, Keras batch log).
//
// Declarations only: built with `--sanitize=fuzzer`, libFuzzer supplies `main`; in a normal build
// this is an executable whose top-level code is empty (it exits 0). See `make fuzz`.
//
// Input: the first byte chooses the format (byte % 5: csv, tsv, lightning-csv, wandb-csv, keras-csv);
// the rest is the file. Each file is read and its tables assembled into curves, as `lrscope` does.
// Thrown ``IngestError``s are expected; traps, crashes, hangs and leaks are bugs.
import LRCore
import LRIngest

let delimitedFormats: [LogFormat] = [.csv, .tsv, .lightningCSV, .wandbCSV, .kerasCSV]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let format = delimitedFormats[Int(data[0]) % delimitedFormats.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    do {
        _ = try LogLoader.curves(bytes: bytes, path: "fuzz.csv", format: format)
    } catch {
        _ = error.description
    }
    return 0
}
