import Testing
import LRCore
@testable import LRIngest
import TestSupport

/// Mutated copies of real text logs: every outcome is runs or an IngestError, never a trap.
@Suite struct HostileTextInputTests {
    static let seeds: [String] = [
        "corpus/digits_mlp-fastai-edge_stopdiv-seed0/lr_find.csv",
        "corpus/digits_mlp-lightning-edge_numit20-seed0/results.json",
        "corpus/digits_mlp-lightning-ramplog-seed0/csv_logs/version_0/metrics.csv",
        "corpus/digits_mlp-wandbcsv-relayout-seed0/wandb_export_lr.csv",
        "generated/json/records.jsonl",
        "generated/keras/batch_log.csv",
        "generated/dialects/bom_crlf_quoted.csv",
    ]

    @Test(arguments: seeds)
    func mutatedLogsNeverCrash(_ path: String) throws {
        let original = try Fixtures.bytes(path)
        var random = SplitMix64(state: 0x5EED ^ UInt64(path.utf8.count))
        let interesting: [UInt8] = Array(",;\t\"\n\r{}[]:.-eE0123456789naNIinf ".utf8) + [0, 0xFF, 0xC3]
        var errors = 0
        for _ in 0..<150 {
            var bytes = Array(original.prefix(4096))
            for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[at] = interesting.randomElement(using: &random)!
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(interesting.randomElement(using: &random)!, at: at)
                default: bytes = Array(bytes.prefix(at))
                }
            }
            for format in [LogFormat.csv, .json, .jsonl, .lightningCSV, .wandbCSV, .kerasCSV, .tsv] {
                do {
                    let tables = try LogLoader.reader(for: format, isFolder: false).read(LogInput(path: "m", bytes: bytes), options: IngestOptions())
                    for table in tables { _ = try? CurveAssembler.curve(from: table, options: IngestOptions()) }
                } catch {
                    errors += 1
                    #expect(!error.description.isEmpty)
                }
            }
            _ = try? FormatDetection.format(of: bytes, path: "m")
        }
        #expect(errors > 0)
    }

    @Test func deeplyNestedJSONIsRejectedNotOverflowed() {
        let bytes = Array(String(repeating: "[", count: 100_000).utf8)
        var parser = JSONParser(file: "deep.json", bytes: bytes)
        #expect(throws: IngestError.self) { _ = try parser.parseDocument() }
    }
}
