import Foundation
import Testing
import TestSupport

/// `lrscope study` on the corpus noise studies with the same init (data order varies) and the same data
/// order (init varies): digits MLP, batch 64, 8 runs each.
@Suite struct StudyCommandTests {
    static let runs = ["sameinit", "samedata"].flatMap { kind in
        (0..<8).map { "fixtures/corpus/digits_mlp-fastai-noise_bs64_\(kind)-seed\($0)/lr_find.csv" }
    }

    static let headers = [
        "curve.csv": "step,lr,mean,lower,upper,runs",
        "noise_by_step.csv": "step,lr,noise_sd,runs",
        "noise_by_lr.csv": "lr_low,lr_high,noise_sd,points",
        "runs.csv": "run,batch_size,points,noise_sd,min_loss,lr_at_min,factor_groups,profile_noise_sd",
        "factors.csv": "factor,pattern,runs,between_run_variance,within_run_noise_variance,share",
        "batch_scaling.csv": "batch_size,runs,noise_sd,between_run_sd,noise_ratio_to_smallest",
    ]

    @Test func writesTheStudyAndRefusesToOverwriteIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-study-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("study").path
        let arguments = ["study"] + Self.runs + ["--factor", "data=sameinit", "--factor", "init=samedata", "-o", out]
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("lrscope study: 16 runs"))
        for (file, header) in Self.headers {
            let text = try String(contentsOfFile: "\(out)/\(file)", encoding: .utf8)
            #expect(text.split(separator: "\n").first.map(String.init) == header, "\(file)")
        }
        let summary = try String(contentsOfFile: "\(out)/summary.txt", encoding: .utf8)
        #expect(summary == result.standardOutput)

        let factors = try csvRows("\(out)/factors.csv")
        #expect(factors.map { $0["factor"] } == ["data", "init"])
        #expect(factors.map { $0["runs"] } == ["8", "8"])
        let shares = factors.map { Double($0["share"]!)! }
        #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
        let runs = try csvRows("\(out)/runs.csv")
        #expect(runs.count == 16)
        #expect(runs.allSatisfy { $0["batch_size"] == "64" })
        #expect(runs.filter { $0["factor_groups"] == "data" }.count == 8)
        #expect(runs.allSatisfy { Double($0["noise_sd"]!)! > 0 })
        let curve = try csvRows("\(out)/curve.csv")
        #expect(curve.first?["runs"] == "16")

        // A second run without --force leaves the first study as it was.
        let again = try CommandRunner.run(arguments)
        #expect(again.status == 1)
        #expect(again.standardError == "Error: \(out): holds a study already (summary.txt); not overwritten without --force\n")
        #expect(try String(contentsOfFile: "\(out)/summary.txt", encoding: .utf8) == summary)
        #expect(try CommandRunner.run(arguments + ["--force"]).status == 0)
    }

    @Test func badInputAndUsageErrors() throws {
        let one = try CommandRunner.run(["study", Self.runs[0]])
        #expect(one.status == 1)
        #expect(one.standardError == "Error: study needs at least 2 runs of one setup, found 1\n")
        let noMatch = try CommandRunner.run(["study"] + Self.runs.prefix(2) + ["--factor", "init=samedata"])
        #expect(noMatch.status == 1)
        #expect(noMatch.standardError.hasPrefix("Error: factor 'init': pattern 'samedata' matches no run name or path"))
        let badRegex = try CommandRunner.run(["study"] + Self.runs.prefix(2) + ["--factor", "data=same(init"])
        #expect(badRegex.status == 64)
        #expect(badRegex.standardError.hasPrefix("Error: invalid --factor 'data=same(init': invalid regular expression 'same(init'"))
        let badSyntax = try CommandRunner.run(["study"] + Self.runs.prefix(2) + ["--factor", "sameinit"])
        #expect(badSyntax.status == 64)
        #expect(badSyntax.standardError.hasPrefix("Error: invalid --factor 'sameinit': expected NAME=REGEX"))
        let badBatch = try CommandRunner.run(["study"] + Self.runs.prefix(2) + ["--batch-size-pattern", "bs(\\d+"])
        #expect(badBatch.status == 64)
        #expect(badBatch.standardError.hasPrefix("Error: invalid --batch-size-pattern 'bs(\\d+'"))
    }

    @Test func unknownLossKindAsksForSource() throws {
        // A JSON {lr, loss} history on a uniform grid: torch-lr-finder's, smoothing not recorded.
        let history = "{\"lr\": [0.001, 0.002, 0.003, 0.004, 0.005], \"loss\": [2.0, 1.9, 1.8, 1.7, 1.6]}"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.json").path, b = folder.appendingPathComponent("b.json").path
        try history.write(toFile: a, atomically: true, encoding: .utf8)
        try history.write(toFile: b, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["study", a, b])
        #expect(result.status == 1)
        #expect(result.standardError.contains("the loss kind is unknown") && result.standardError.contains("--source"), "\(result.standardError)")
    }

    private func csvRows(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }
}
