import Foundation
import Testing
import LRCore
import LRIngest
import TestSupport

/// Inputs found by the fuzz targets (`make fuzz`, `Sources/Fuzz*`) and hand-made hostile inputs,
/// kept in `fixtures/bad/`: each is fed through the same path as its fuzz target (or the CLI's
/// loader) and must give exactly this one-line error, or be read as data.
@Suite struct FuzzRegressionTests {
    /// The error loading a fixture as the CLI does, with the fixture's path shown relative to `fixtures/`.
    func loadError(_ relative: String, options: IngestOptions = IngestOptions()) -> String {
        let path = Fixtures.path(relative)
        do {
            let curves = try LogLoader.load(paths: [path], options: options)
            Issue.record("expected an error, read \(curves.count) runs")
            return ""
        } catch {
            return error.description.replacingOccurrences(of: path, with: relative)
        }
    }

    /// The error reading bytes in memory as the fuzz targets do (`LogLoader.curves(bytes:…)`).
    func memoryError(_ bytes: [UInt8], path: String, format: LogFormat? = nil) -> String {
        do {
            let curves = try LogLoader.curves(bytes: bytes, path: path, format: format)
            Issue.record("expected an error, read \(curves.count) runs")
            return ""
        } catch {
            return error.description
        }
    }

    /// The error of MLflow metric files read as `FuzzMLflowFileStore` reads them.
    func mlflowError(lr: [UInt8]?, loss: [UInt8]) -> String {
        var files: [(key: String, bytes: [UInt8])] = []
        if let lr { files.append(("lr", lr)) }
        files.append(("loss", loss))
        do {
            let table = try MLflowFileStoreReader.table(metricFiles: files, runName: "fuzz", folder: "mlruns/0/fuzz")
            let curves = try LogLoader.curves(from: [table], path: "mlruns/0/fuzz")
            Issue.record("expected an error, read \(curves.count) runs")
            return ""
        } catch {
            return error.description
        }
    }

    // MARK: Hand-made hostile inputs (fixtures/bad/)

    @Test func nonUTF8ByteInACSVHeader() {
        #expect(loadError("bad/csv-header-not-utf8.csv") == "bad/csv-header-not-utf8.csv:1:3: expected UTF-8 text, found the byte 0xFF")
    }

    @Test func utf16TextIsNamed() {
        #expect(loadError("bad/csv-utf16le-bom.csv")
                == "bad/csv-utf16le-bom.csv: UTF-16 text (byte-order mark 0xFF 0xFE): expected UTF-8; save the file as UTF-8")
    }

    /// A 10 MB line (generated here: too big to check in) is read in linear time and quoted shortened.
    @Test(.timeLimit(.minutes(1))) func tenMegabyteLine() {
        let junk = String(repeating: "x", count: 10_000_000)
        let bytes = Array("step,lr,loss\n0,1e-7,2.3\n1,2e-7,\(junk)\n".utf8)
        #expect(memoryError(bytes, path: "long.csv")
                == "long.csv:3:3: expected a number in column 'loss', found '\(String(repeating: "x", count: 40))…'")
        // Ten million digits are a number too large for a double: an infinite loss, which is data.
        let digits = String(repeating: "9", count: 10_000_000)
        let curves = try? LogLoader.curves(bytes: Array("step,lr,loss\n0,1e-7,2.3\n1,2e-7,\(digits)\n".utf8), path: "long.csv")
        #expect(curves?.first?.losses == [2.3, .infinity])
    }

    @Test func stepBeyondInt64() {
        #expect(loadError("bad/csv-step-beyond-int64.csv")
                == "bad/csv-step-beyond-int64.csv:3:1: expected an integer step in column 'step', found '99999999999999999999' (beyond the 64-bit integer range)")
    }

    @Test func learningRateBeyondTheRangeOfADouble() {
        #expect(loadError("bad/csv-lr-1e400.csv")
                == "bad/csv-lr-1e400.csv:3:2: expected a positive finite learning rate in column 'lr', found '1e400' (beyond the range of a double)")
    }

    @Test func infinityAsALearningRateInJSON() {
        #expect(loadError("bad/json-lr-infinity.json")
                == "bad/json-lr-infinity.json:1: record 2: expected a positive finite learning rate, found inf in 'lr'")
    }

    @Test func jsonHistoryOfStrings() throws {
        #expect(loadError("bad/json-history-strings.json")
                == "bad/json-history-strings.json:2: record 2: expected a number for 'loss', found 'diverged'")
        // Strings that are numbers are read as the numbers (some exporters quote every value).
        let curves = try LogLoader.curves(bytes: Array(#"{"lr": ["1e-7", "2e-7"], "loss": ["2.3", "nan"]}"#.utf8), path: "h.json")
        #expect(curves.first?.learningRates == [1e-7, 2e-7])
        #expect(curves.first?.losses.first == 2.3 && curves.first?.losses.last?.isNaN == true)
    }

    @Test func jsonLinesWithOneBadLineInTheMiddle() {
        #expect(loadError("bad/jsonl-bad-middle-line.jsonl")
                == "bad/jsonl-bad-middle-line.jsonl:2:33: malformed JSON: expected a value, found the end of the line")
    }

    @Test func jsonStepThatIsNotAnInteger() {
        #expect(loadError("bad/json-step-fraction.json")
                == "bad/json-step-fraction.json:2: record 2: expected an integer 'step', found 1.5")
        #expect(loadError("bad/json-step-1e20.json")
                == "bad/json-step-1e20.json:1: record 2: expected an integer step in 'step', found 1e+20 (a step must be below 9e15 to be exact)")
    }

    @Test func tfrecordLengthOf2To60() {
        #expect(loadError("bad/tensorboard-length-2pow60.tfevents")
                == "bad/tensorboard-length-2pow60.tfevents: record 1: byte offset 0: truncated record: header says 1152921504606846976 bytes of data, only 11 remain")
    }

    @Test func lightningMetricsWithoutAStepColumn() {
        var options = IngestOptions()
        options.inputFormat = .lightningCSV
        #expect(loadError("bad/lightning-metrics-no-step.csv", options: options)
                == "bad/lightning-metrics-no-step.csv:1: no step column: Lightning's metrics.csv logs 'lr-SGD' and 'train_loss' on separate rows, paired by step; expected one of step, _step, global_step (or pass --step-column); columns found: epoch, lr-SGD, train_loss")
        // Without --input-format it is plain CSV (no `step` column), where an empty learning rate is an error.
        #expect(loadError("bad/lightning-metrics-no-step.csv")
                == "bad/lightning-metrics-no-step.csv:3:2: expected a number in column 'lr-SGD', found an empty field")
    }

    @Test func wandbExportWithANonNumericStep() {
        #expect(loadError("bad/wandb-step-not-numeric.csv")
                == "bad/wandb-step-not-numeric.csv:3:1: expected an integer step in column 'Step', found 'epoch-1'")
    }

    @Test func mlflowMetricLineWithANonIntegerStep() throws {
        #expect(mlflowError(lr: nil, loss: try Fixtures.bytes("bad/mlflow-metric-step-fraction"))
                == "mlruns/0/fuzz/metrics/loss:2:3: expected '<timestamp> <value> <step>', found '1700000000001 0.4 2.5'")
        #expect(mlflowError(lr: nil, loss: try Fixtures.bytes("bad/mlflow-metric-timestamp-beyond-int64"))
                == "mlruns/0/fuzz/metrics/loss:2:1: expected '<timestamp> <value> <step>', found '99999999999999999999 0.4 1'")
    }

    @Test func kerasLogWithANegativeBatchIndex() {
        #expect(loadError("bad/keras-negative-batch.csv")
                == "bad/keras-negative-batch.csv:3:2: expected a non-negative integer batch index in column 'batch', found '-1'")
    }

    // MARK: Found by fuzzing

    /// Hang (FuzzPipeline): learning rates that grow by a factor 1 + 1e-12 per step fit an exponential
    /// schedule, and fastai's `num_it` inference searched ~10^13 steps for a power-of-ten end rate.
    /// The search now stops after ``FrameworkCompatibility/maximumInferredIterations`` steps.
    @Test(.timeLimit(.minutes(1))) func nearlyFlatExponentialScheduleDoesNotHang() throws {
        let curves = try LogLoader.load(paths: [Fixtures.path("bad/FuzzPipeline-flat-exponential-lr.csv")], options: IngestOptions())
        let suggestions = FrameworkCompatibility.fastai.suggestions(for: try #require(curves.first))
        #expect(suggestions.map(\.heuristic) == ["minimum", "steep", "valley", "slide"])
        #expect(suggestions[0].suggestion.note
                == "fastai range [3:25] of 30 points (num_it 30, assumed equal to the points recorded: pass --num-it if the run stopped early)")
    }

    /// Crash (FuzzPipeline, index out of range in `Unsmoothing.rawLosses`): a Keras batch log whose
    /// first row is batch 9 made the running-mean inversion read the value before the first. A log
    /// that starts mid-epoch is data: batch 9's loss cannot be recovered without batch 8's mean, so it
    /// is nil, and smoothers that need finite losses say so.
    @Test func kerasLogStartingMidEpoch() throws {
        let curves = try LogLoader.load(paths: [Fixtures.path("bad/FuzzPipeline-keras-first-batch-not-0.csv")], options: IngestOptions())
        let curve = try #require(curves.first)
        #expect(curve.lossKind == .smoothed(.kerasRunningMean))
        #expect(curve.batchIndicesInEpoch == [9])
        #expect(curve.recoveredRawLosses() == [nil])
        #expect(throws: SmoothingError(method: "spline", reason: "needs at least 4 finite losses, found 0")) {
            try curve.smoothed(by: .spline(penalty: .generalizedCrossValidation, basisCount: nil))
        }
        // A skipped batch leaves that batch unrecovered; the epoch's other batches are still exact.
        let skipped = Unsmoothing.rawLosses(from: [3, 2, 2, 5], convention: .kerasRunningMean, batchIndicesInEpoch: [0, 1, 3, 0])
        #expect(skipped == [3, 1, nil, 5])
    }
}
