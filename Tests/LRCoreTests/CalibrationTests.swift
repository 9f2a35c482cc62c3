import Testing
import LRCore
import TestSupport

/// The acceptance marks on the corpus noise study with the same init and different data orders
/// (digits MLP, batch 64, 8 runs): the default resampler's 95% prediction band, built from one run,
/// covers the other runs' smoothed curves at 85–99% of points, and its 90% suggestion intervals hold
/// the other runs' suggestions for at least 75% of (run pair, heuristic).
@Suite struct CalibrationTests {
    @Test func defaultResamplerMeetsTheMarksOnTheSameInitStudy() throws {
        let runs = try (0..<8).map { seed in
            let rows = try Fixtures.csvRows("corpus/digits_mlp-fastai-noise_bs64_sameinit-seed\(seed)/lr_find.csv")
            return try LearningRateCurve(runName: "seed\(seed)", steps: Array(rows.indices), learningRates: rows.map { Fixtures.number($0["lr"]) },
                                         losses: rows.map { Fixtures.number($0["loss"]) }, lossKind: .smoothed(.fastai(beta: 0.98)),
                                         provenance: Provenance(format: .csv, files: [], learningRateSeries: "lr", lossSeries: "loss"))
        }
        let rows = try Calibration.rows(runs: runs, heuristics: HeuristicCatalog.all, smoothing: .median(size: 11, alignment: .centered),
                                        resamplings: [.stationary], level: 0.95, suggestionLevel: 0.9, replicates: 200, seed: 1, threads: 2)
        let all = try #require(rows.first { $0.band == .prediction && $0.heuristic == "all" })
        #expect(all.pointwiseCoverage >= 0.85 && all.pointwiseCoverage <= 0.99, "pointwise \(all.pointwiseCoverage)")
        #expect(all.suggestionCoverage >= 0.75, "suggestions \(all.suggestionCoverage)")
        #expect(all.runs == 8)
    }
}
