import Foundation
import Testing
import LRCore
import TestSupport

/// Sweeps against the best learning rate and per-LR means the corpus generator recorded (summary.json).
@Suite struct LearningRateSweepTests {
    func sweep(_ task: String) throws -> LearningRateSweep {
        let rows = try Fixtures.csvRows("ground_truth/\(task)/sweep.csv")
        return try LearningRateSweep(name: task, rows: rows.map { (Fixtures.number($0["lr_max"]), $0["seed"] ?? "", Fixtures.number($0["valid_loss"])) })
    }

    @Test(arguments: ["digits_mlp", "digits_cnn", "wine_mlp", "moons_mlp", "friedman1_mlp"])
    func bestLearningRateAndMeansMatchTheRecordedSummary(_ task: String) throws {
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("ground_truth/\(task)/summary.json")))) as! [String: Any]
        let s = try sweep(task)
        // Foundation's JSONSerialization on Linux rounds some doubles by an ulp or two: compare at 1e-14.
        #expect(Tolerance.close(s.bestLearningRate, summary["best_lr"] as! Double, relative: 1e-14))
        #expect(Tolerance.close(s.bestMeanValidLoss, summary["best_mean_valid_loss"] as! Double, relative: 1e-12))
        #expect(s.bestIsInterior == summary["best_is_interior"] as! Bool)
        let perLR = summary["per_lr"] as! [[String: Any]]
        for (point, recorded) in zip(s.points, perLR) {
            #expect(Tolerance.close(point.learningRate, recorded["lr_max"] as! Double, relative: 1e-14))
            #expect(Tolerance.close(point.meanValidLoss, recorded["mean_valid_loss"] as! Double, relative: 1e-12))
        }
    }

    @Test func interpolationIsLinearInLog10AndClampedOutside() throws {
        let s = try LearningRateSweep(name: "t", rows: [(1e-3, "0", 2.0), (1e-2, "0", 1.0), (1e-1, "0", 3.0), (1e-1, "1", .nan)])
        #expect(s.bestLearningRate == 1e-2)
        #expect(s.points[2].meanValidLoss == .infinity, "a non-finite seed ranks its LR last")
        #expect(abs(s.meanValidLoss(at: pow(10, -2.5)) - 1.5) < 1e-12)
        #expect(s.meanValidLoss(at: 1e-5) == 2.0)
        #expect(!s.contains(1e-5))
        #expect(s.meanValidLoss(at: pow(10, -1.5)) == .infinity)
        #expect(throws: ScoringError.self) { _ = try LearningRateSweep(name: "e", rows: []) }
    }
}
