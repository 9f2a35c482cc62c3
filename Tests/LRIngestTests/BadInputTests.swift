import Foundation
import Testing
import LRCore
@testable import LRIngest
import TestSupport

/// Every reader rejects bad input with one clear line: file, line or record, column, what was expected.
@Suite struct BadInputTests {
    /// Writes `text` to a temporary file and returns the error loading it gives.
    func error(loading text: String, name: String = "bad.csv", options: IngestOptions = IngestOptions()) throws -> IngestError {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try LogLoader.load(paths: [path], options: options)
        } catch {
            return IngestError(error.kind, at: SourceLocation(file: name, line: error.location.line, field: error.location.field,
                                                              record: error.location.record, byteOffset: error.location.byteOffset),
                               error.message)
        }
        Issue.record("expected an error")
        return IngestError(.noData, at: SourceLocation(file: name), "")
    }

    @Test func emptyFile() throws {
        #expect(try error(loading: "").description
                == "bad.csv: empty file: expected a log (MLflow SQLite store, TensorBoard event file, JSON, JSON lines, delimited text (CSV/TSV))")
    }

    @Test func headerOnly() throws {
        #expect(try error(loading: "lr,loss\n").description == "bad.csv:1: header only: expected data rows after the header")
    }

    @Test func missingLearningRateColumnListsTheColumns() throws {
        #expect(try error(loading: "step,rate,loss\n0,1e-7,2.3\n").description
                == "bad.csv:1: no learning-rate column: expected one of lr, learning_rate, lr-<optimizer>, lr_0 (or pass --lr-column); columns found: step, rate, loss")
    }

    @Test func missingLossColumnListsTheColumns() throws {
        #expect(try error(loading: "lr,val_loss\n1e-7,2.3\n").description
                == "bad.csv:1: no loss column: expected one of raw_loss, loss, train_loss, train_loss_step (or pass --loss-column); columns found: lr, val_loss")
    }

    @Test func explicitColumnThatDoesNotExist() throws {
        var options = IngestOptions()
        options.lossColumn = "los"
        #expect(try error(loading: "lr,loss\n1e-7,2.3\n", options: options).description
                == "bad.csv:1: --loss-column 'los' not found; columns found: lr, loss")
    }

    @Test func unparsableNumberNamesLineFieldAndColumn() throws {
        #expect(try error(loading: "step,lr,loss\n0,1e-7,2.3\n1,2e-7,nan?\n").description
                == "bad.csv:3:3: expected a number in column 'loss', found 'nan?'")
    }

    @Test func emptyLearningRateIsAnError() throws {
        #expect(try error(loading: "step,lr,loss\n0,,2.3\n").description
                == "bad.csv:2:2: expected a number in column 'lr', found an empty field")
    }

    @Test func negativeAndZeroLearningRates() throws {
        #expect(try error(loading: "step,lr,loss\n0,1e-7,2.3\n1,-1e-7,2.3\n").description
                == "bad.csv:3:2: expected a positive finite learning rate, found -1e-07 in 'lr'")
        #expect(try error(loading: "step,lr,loss\n0,0,2.3\n").description
                == "bad.csv:2:2: expected a positive finite learning rate, found 0.0 in 'lr'")
    }

    @Test func duplicateSteps() throws {
        #expect(try error(loading: "step,lr,loss\n0,1e-7,2.3\n1,2e-7,2.3\n1,3e-7,2.2\n").description
                .hasPrefix("bad.csv:4:2: duplicate step 1 in 'lr' (first at "))
    }

    @Test func nonIncreasingLearningRatesAreReportedNotRejected() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-dec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("dec.csv").path
        try Data("step,lr,loss\n0,1e-7,2.3\n1,2e-7,2.3\n2,1.5e-7,2.2\n".utf8).write(to: URL(fileURLWithPath: path))
        let curve = try LogLoader.load(paths: [path], options: IngestOptions())[0]
        #expect(!curve.learningRatesIncrease)
        #expect(curve.firstNonIncreasingLearningRate == 2)
        #expect(curve.provenance.warnings == ["\(path):4:2: learning rate 1.5e-07 does not increase (previous 2e-07); a range test's rates increase at every step"])
    }

    @Test func mismatchedJSONLengths() throws {
        let text = try String(contentsOfFile: Fixtures.path("generated/json/history_mismatched.json"), encoding: .utf8)
        #expect(try error(loading: text, name: "h.json").description == "h.json:1: mismatched lengths: 'lr' has 100 values, 'loss' has 99")
    }

    @Test func malformedJSONNamesLineAndColumn() throws {
        #expect(try error(loading: "{\"lr\": [1e-7, 2e-7],\n \"loss\": [2.3, ]}", name: "h.json").description
                == "h.json:2:16: malformed JSON: expected a value, found ']}'")
    }

    @Test func jsonRecordWithoutLoss() throws {
        #expect(try error(loading: "[{\"lr\": 1e-7, \"loss\": 2.3},\n {\"lr\": 2e-7}]", name: "r.json").description
                == "r.json:2: record 2: expected a 'loss' key in this record")
    }

    @Test func unterminatedQuote() throws {
        #expect(try error(loading: "lr,loss\n1e-7,\"2.3\n").description == "bad.csv:2: unterminated quoted field: expected a closing '\"'")
    }

    @Test func binaryContentIsAnUnknownFormat() throws {
        #expect(try error(loading: "\u{01}\u{00}\u{02}garbage", name: "x.bin").description
                == "x.bin: unknown format: binary content that is none of: MLflow SQLite store, TensorBoard event file, JSON, JSON lines, delimited text (CSV/TSV); pass --input-format")
    }

    @Test func folderWithoutLogs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: IngestError(.noLogs, at: SourceLocation(file: folder.path),
                                    "no logs in this folder: expected TensorBoard event files (events.out.tfevents.*), metrics.csv, mlflow.db, mlruns/, lr_find.csv, history.json or results.json")) {
            _ = try LogLoader.load(paths: [folder.path], options: IngestOptions())
        }
    }

    @Test func missingPath() throws {
        #expect(throws: IngestError(.unreadable, at: SourceLocation(file: "/no/such/file.csv"), "no such file or folder")) {
            _ = try LogLoader.load(paths: ["/no/such/file.csv"], options: IngestOptions())
        }
    }

    @Test func nonFiniteLossesAreData() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-nan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("n.csv").path
        try Data("step,lr,loss\n0,1e-7,2.3\n1,2e-7,inf\n2,4e-7,\n3,8e-7,NaN\n".utf8).write(to: URL(fileURLWithPath: path))
        let curve = try LogLoader.load(paths: [path], options: IngestOptions())[0]
        #expect(curve.count == 4)
        #expect(curve.finiteLossCount == 1)
        #expect(curve.losses[1] == .infinity && curve.losses[2].isNaN && curve.losses[3].isNaN)
    }

    @Test func runsPastThePointLimitAreRefusedWithAClearError() throws {
        var options = IngestOptions()
        options.maximumPoints = 2
        let csv = try error(loading: "step,lr,loss\n0,1e-5,2\n1,2e-5,2\n2,4e-5,2\n", options: options)
        #expect(csv.kind == .limitExceeded && csv.location.line == 4)
        #expect(csv.message.hasSuffix("has more than 2 points: pass --max-points to raise the limit"))
        let json = try error(loading: "{\"lr\": [1e-5, 2e-5, 4e-5], \"loss\": [2, 2, 2]}", name: "h.json", options: options)
        #expect(json.kind == .limitExceeded)
        let tb = TensorBoardReader()
        var tbOptions = IngestOptions()
        tbOptions.maximumPoints = 3
        let bytes = try Fixtures.bytes("tensorboard/encodings/events.out.tfevents.0.encodings")
        #expect(throws: IngestError.self) { _ = try tb.read(LogInput(path: "runs/x/events.out.tfevents.0", bytes: bytes), options: tbOptions) }
    }
}
