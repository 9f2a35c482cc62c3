import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import LRCore
import LRReport
import TestSupport

/// Every report file read back: its schema, and its numbers equal the library's results.
@Suite struct ReportTests {
    static func curve(_ name: String) throws -> LearningRateCurve {
        let rows = try Fixtures.csvRows("corpus/\(name)/lr_find.csv")
        return try LearningRateCurve(runName: name, steps: Array(rows.indices), learningRates: rows.map { Fixtures.number($0["lr"]) },
                                     losses: rows.map { Fixtures.number($0["loss"]) }, lossKind: .smoothed(.fastai(beta: 0.98)),
                                     provenance: Provenance(format: .csv, files: [], learningRateSeries: "lr", lossSeries: "loss", framework: "fastai"))
    }

    static func report() throws -> Report {
        var options = Report.Options()
        options.replicates = 60
        options.threads = 2
        let curves = try ["digits_mlp-fastai-noise_bs64_sameinit-seed0", "digits_mlp-fastai-noise_bs64_sameinit-seed1"].map(curve)
        return Report.build(curves: curves, inputs: [Report.Input(path: "a.csv", bytes: 3, sha256: SHA256.hex(Array("abc".utf8)))],
                            sweep: nil, options: options, version: "test")
    }

    /// Rows of a CSV text as dictionaries (the report's CSV has no quoted commas in these columns).
    static func rows(_ text: String) -> (header: [String], rows: [[String: String]]) {
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (header, lines.map { Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init))) })
    }

    @Test func curvesHoldTheStoredRawAndEverySmoothedLoss() throws {
        let report = try Self.report()
        let (header, rows) = Self.rows(report.curvesCSV)
        #expect(header == ["run", "step", "lr", "loss", "raw_loss", "ema", "fastai_ema", "lightning_ema", "torch_lr_finder_ema", "window", "median", "spline"])
        let curve = report.runs[0].curve
        let mine = rows.filter { $0["run"] == curve.runName }
        #expect(mine.count == curve.count)
        let raw = curve.recoveredRawLosses()
        let median = try curve.smoothed(by: .median(size: 11, alignment: .centered)).values
        let fastai = try curve.smoothed(by: .fastaiEMA(beta: 0.98)).values
        for (t, row) in mine.enumerated() {
            #expect(Double(row["lr"]!) == curve.learningRates[t])
            #expect(Double(row["loss"]!) == curve.losses[t])
            #expect(Double(row["raw_loss"]!) == raw[t])
            #expect(Double(row["median"]!) == median[t])
            // fastai's EMA of the recovered raw losses gives back what fastai stored (float32).
            #expect(Tolerance.close(Double(row["fastai_ema"]!)!, curve.losses[t], relative: 1e-5))
            #expect(Double(row["fastai_ema"]!) == fastai[t])
        }
    }

    @Test func bandsAndSuggestionsEqualTheLibrarysResults() throws {
        let report = try Self.report()
        let (bandHeader, bands) = Self.rows(report.bandsCSV)
        #expect(bandHeader == ["run", "band", "step", "lr", "estimate", "lower", "upper", "simultaneous_lower", "simultaneous_upper", "level"])
        let run = report.runs[0]
        let confidence = bands.filter { $0["run"] == run.curve.runName && $0["band"] == "confidence" }
        #expect(confidence.count == run.curve.count)
        for (t, row) in confidence.enumerated() {
            #expect(Double(row["estimate"]!) == run.confidence!.estimate[t])
            let lower = Double(row["lower"]!)!, expected = run.confidence!.lower[t]
            #expect(lower == expected || (lower.isNaN && expected.isNaN))
        }
        let (header, suggestions) = Self.rows(report.suggestionsCSV)
        #expect(header == ["run", "heuristic", "lr", "loss", "index", "note", "lr_lower", "lr_upper", "spread_decades", "failure_rate"])
        let valley = try #require(suggestions.first { $0["run"] == run.curve.runName && $0["heuristic"] == "fastai/valley" })
        let direct = FrameworkCompatibility.fastai.suggestions(for: run.curve).first { $0.heuristic == "valley" }!.suggestion
        #expect(Double(valley["lr"]!) == direct.learningRate)
        let own = try run.curve.suggestions(using: HeuristicCatalog.all, smoothing: .median(size: 11, alignment: .centered))
        for (name, s) in own {
            let row = try #require(suggestions.first { $0["run"] == run.curve.runName && $0["heuristic"] == name })
            #expect(row["lr"]! == CSVWriter.number(s.learningRate))
        }
        let (scoreHeader, scores) = Self.rows(report.scoresCSV)
        #expect(scoreHeader.prefix(9) == ["heuristic", "runs", "median_lr", "bootstrap_spread_decades", "seed_spread_decades", "failure_rate", "regret_decades", "regret_loss", "rank"])
        #expect(scores.map { Int($0["rank"]!)! }.sorted() == Array(1...scores.count))
    }

    @Test func summaryJSONRecordsInputsOptionsAndFigures() throws {
        let report = try Self.report()
        let json = try JSONSerialization.jsonObject(with: Data(report.summaryJSON.utf8)) as! [String: Any]
        #expect(json["lrscope_version"] as? String == "test")
        let inputs = json["inputs"] as! [[String: Any]]
        #expect(inputs[0]["sha256"] as? String == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "FIPS 180-4 test vector for 'abc'")
        let options = json["options"] as! [String: Any]
        #expect(options["seed"] as? String == "1" && options["replicates"] as? Int == 60)
        let runs = json["runs"] as! [[String: Any]]
        #expect(runs.count == 2)
        #expect((runs[0]["suggestions"] as! [Any]).count == report.runs[0].suggestions.count)
    }

    @Test func theSameInputsAndSeedGiveByteIdenticalFiles() throws {
        let a = try Self.report(), b = try Self.report()
        #expect(a.curvesCSV == b.curvesCSV && a.bandsCSV == b.bandsCSV && a.suggestionsCSV == b.suggestionsCSV)
        #expect(a.scoresCSV == b.scoresCSV && a.summaryJSON == b.summaryJSON)
        #expect(CurvePlot(report: a).svg == CurvePlot(report: b).svg)
    }

    @Test func thePlotIsWellFormedSVG() throws {
        let svg = CurvePlot(report: try Self.report()).svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "XML error: \(String(describing: parser.parserError))")
        #expect(svg.contains("learning rate (log scale)") && svg.contains(">valley</text>"))
    }

    @Test func aReportFolderIsReplacedOnlyWithForceAndNeverHalfWritten() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("r").path
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try ReportFolder.write([("a.csv", "old\n")], to: folder, force: false)
        #expect(throws: ReportFolder.WriteError.self) { try ReportFolder.write([("a.csv", "new\n")], to: folder, force: false) }
        #expect(try String(contentsOfFile: folder + "/a.csv", encoding: .utf8) == "old\n")
        try ReportFolder.write([("a.csv", "new\n"), ("b.csv", "b\n")], to: folder, force: true)
        #expect(try String(contentsOfFile: folder + "/a.csv", encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["r"], "no staging or old folders left behind")
        // A parent that is a file: the write fails before anything is moved.
        try "x".write(toFile: root.path + "/file", atomically: true, encoding: .utf8)
        #expect(throws: ReportFolder.WriteError.self) { try ReportFolder.write([("a.csv", "x")], to: root.path + "/file/r", force: true) }
        #expect(try String(contentsOfFile: folder + "/a.csv", encoding: .utf8) == "new\n")
    }
}
