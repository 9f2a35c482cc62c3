import Testing
@testable import LRCore

@Suite struct LearningRateCurveTests {
    let provenance = Provenance(format: .csv, files: ["x.csv"], learningRateSeries: "lr", lossSeries: "loss")

    @Test func invariantsAreCheckedWhenBuilt() {
        #expect(throws: CurveError(kind: .empty, index: nil)) {
            _ = try LearningRateCurve(runName: "r", steps: [], learningRates: [], losses: [], lossKind: .raw, provenance: provenance)
        }
        #expect(throws: CurveError(kind: .mismatchedLengths(steps: 2, learningRates: 2, losses: 1), index: nil)) {
            _ = try LearningRateCurve(runName: "r", steps: [0, 1], learningRates: [1, 2], losses: [1], lossKind: .raw, provenance: provenance)
        }
        #expect(throws: CurveError(kind: .invalidLearningRate(-1), index: 1)) {
            _ = try LearningRateCurve(runName: "r", steps: [0, 1], learningRates: [1, -1], losses: [1, 1], lossKind: .raw, provenance: provenance)
        }
        #expect(throws: CurveError(kind: .nonIncreasingStep(previous: 1, current: 1), index: 2)) {
            _ = try LearningRateCurve(runName: "r", steps: [0, 1, 1], learningRates: [1, 2, 3], losses: [1, 1, 1], lossKind: .raw, provenance: provenance)
        }
    }

    @Test func nonFiniteLossesAreKeptAndCounted() throws {
        let curve = try LearningRateCurve(runName: "r", steps: [0, 1, 2], learningRates: [1e-3, 1e-2, 1e-1],
                                          losses: [1, .infinity, .nan], lossKind: .raw, provenance: provenance)
        #expect(curve.finiteLossCount == 1)
        #expect(curve.recoveredRawLosses().map { $0?.isFinite } == [true, false, false])
        #expect(curve.learningRatesIncrease)
    }
}
