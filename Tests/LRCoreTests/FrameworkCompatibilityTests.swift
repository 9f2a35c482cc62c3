import Foundation
import Testing
@testable import LRCore
import TestSupport

/// `--compat`: each framework's own answer on its stored losses, against the suggestions the
/// frameworks returned in the corpus (fixtures/corpus/*/suggestion(s).json).
@Suite struct FrameworkCompatibilityTests {
    func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path(path)))) as! [String: Any]
    }

    /// A curve from a CSV or a parallel-arrays JSON of the corpus, as the framework stored it.
    func curve(lrs: [Double], losses: [Double]) throws -> LearningRateCurve {
        try LearningRateCurve(runName: "r", steps: Array(lrs.indices), learningRates: lrs, losses: losses, lossKind: .unknown,
                              provenance: Provenance(format: .csv, files: [], learningRateSeries: "lr", lossSeries: "loss"))
    }

    func history(_ path: String) throws -> LearningRateCurve {
        let arrays = try Fixtures.historyArrays(path)
        return try curve(lrs: arrays.lr, losses: arrays.loss)
    }

    @Test(arguments: ["digits_mlp-fastai-lrfind-seed0", "digits_mlp-fastai-edge_stopdiv-seed0",
                      "friedman1_mlp-fastai-edge_nan-seed0", "digits_mlp-fastai-edge_numit20-seed0"])
    func fastaiMatchesAllFourReturnedSuggestions(_ name: String) throws {
        let rows = try Fixtures.csvRows("corpus/\(name)/lr_find.csv")
        let run = try curve(lrs: rows.map { Fixtures.number($0["lr"]) }, losses: rows.map { Fixtures.number($0["loss"]) })
        let caseInfo = try json("corpus/\(name)/case.json")
        let numIt = caseInfo["num_it"] as! Int
        let recorded = try json("corpus/\(name)/suggestions.json")
        var expected: [String: Double?] = [:]
        if let all = recorded["suggestions"] as? [String: Double] {
            for (k, v) in all { expected[k] = v }
        } else {
            for (k, v) in recorded["per_function_after_error"] as! [String: [String: Any]] { expected[k] = v["value"] as? Double }
        }
        for inferred in [false, true] {
            let ours = Dictionary(uniqueKeysWithValues: FrameworkCompatibility.fastai.suggestions(for: run, numIt: inferred ? nil : numIt)
                .map { ($0.heuristic, $0.suggestion) })
            for (heuristic, want) in expected {
                let got = try #require(ours[heuristic])
                if let want {
                    #expect(Tolerance.close(got.learningRate ?? .nan, want, relative: 1e-6), "\(name) \(heuristic): \(String(describing: got.learningRate)) vs \(want)")
                } else {
                    #expect(got.learningRate == nil && !got.note.isEmpty, "\(name) \(heuristic): fastai fails here")
                }
            }
        }
    }

    @Test func fastaiNumItIsInferredFromTheScheduleOfAStoppedRun() throws {
        let rows = try Fixtures.csvRows("corpus/digits_mlp-fastai-edge_stopdiv-seed0/lr_find.csv")
        let run = try curve(lrs: rows.map { Fixtures.number($0["lr"]) }, losses: rows.map { Fixtures.number($0["loss"]) })
        let (numIt, how) = FrameworkCompatibility.fastaiRequestedIterations(run, given: nil)
        #expect(numIt == 100, "62 points recorded of 100 requested")
        #expect(how.contains("inferred from the exponential schedule"))
        let minimum = FrameworkCompatibility.fastai.suggestions(for: run)[0].suggestion
        #expect(minimum.note.hasPrefix("fastai range [10:57] of 62 points (num_it 100, inferred"))
    }

    @Test(arguments: ["digits_mlp-torchlrfinder-smooth0.05-seed0", "digits_mlp-torchlrfinder-raw-seed0", "friedman1_mlp-torchlrfinder-edge_nan-seed0",
                      "digits_mlp-torchlrfinder-edge_hugeloss-seed0"])
    func torchLRFinderMatchesItsSuggestion(_ name: String) throws {
        let run = try history("corpus/\(name)/history.json")
        let recorded = try json("corpus/\(name)/suggestion.json")
        let got = FrameworkCompatibility.torchLRFinder.suggestions(for: run)[0].suggestion
        let want = try #require(recorded["suggested_lr"] as? Double)
        #expect(Tolerance.close(got.learningRate ?? .nan, want, relative: 1e-9))
        #expect(got.index == recorded["suggested_index_in_history"] as? Int)
    }

    @Test(arguments: ["digits_mlp-lightning-lrfind-seed0", "friedman1_mlp-lightning-edge_nan-seed0", "digits_mlp-lightning-edge_numit20-seed0"])
    func lightningMatchesItsSuggestion(_ name: String) throws {
        let run = try history("corpus/\(name)/results.json")
        let want = try #require(try json("corpus/\(name)/suggestion.json")["suggested_lr"] as? Double)
        let got = FrameworkCompatibility.lightning.suggestions(for: run)[0].suggestion
        #expect(Tolerance.close(got.learningRate ?? .nan, want, relative: 1e-9))
    }

    @Test func heuristicsWithoutAnAnswerGiveANoteNotACrash() throws {
        let short = try curve(lrs: (0..<12).map { 1e-5 * pow(2, Double($0)) }, losses: (0..<12).map { 2 - 0.1 * Double($0) })
        #expect(FrameworkCompatibility.torchLRFinder.suggestions(for: short)[0].suggestion.note.hasPrefix("torch-lr-finder needs at least 17 points"))
        // Lightning's [10:-1] keeps 1 of 12 points: too few for a gradient; 13 points keep 2.
        #expect(FrameworkCompatibility.lightning.suggestions(for: short)[0].suggestion.note.hasPrefix("Failed to compute suggestion"))
        let thirteen = try curve(lrs: (0..<13).map { 1e-5 * pow(2, Double($0)) }, losses: (0..<13).map { 2 - 0.1 * Double($0) })
        #expect(FrameworkCompatibility.lightning.suggestions(for: thirteen)[0].suggestion.index == 10)
        let eleven = try curve(lrs: (0..<11).map { 1e-5 * pow(2, Double($0)) }, losses: [Double](repeating: .nan, count: 11))
        #expect(FrameworkCompatibility.lightning.suggestions(for: eleven)[0].suggestion.note.hasPrefix("Failed to compute suggestion"))
        let allNaN = try curve(lrs: (0..<30).map { 1e-5 * pow(2, Double($0)) }, losses: [Double](repeating: .nan, count: 30))
        for (_, s) in FrameworkCompatibility.fastai.suggestions(for: allNaN, numIt: 30) {
            #expect(s.learningRate == nil && !s.note.isEmpty)
        }
        #expect(FrameworkCompatibility.lightning.suggestions(for: allNaN)[0].suggestion.learningRate == nil)
        for heuristic in HeuristicCatalog.all {
            let s = heuristic.suggest(learningRates: [], losses: [])
            #expect(s.learningRate == nil && !s.note.isEmpty, "\(heuristic.name)")
        }
    }
}
