import Testing
import LRCore
import TestSupport

/// The inversions against the smoothed values each framework stored from known raw losses (corpus).
@Suite struct UnsmoothingTests {
    func column(_ path: String, _ name: String) throws -> [Double] {
        try Fixtures.csvRows(path).map { Fixtures.number($0[name]) }
    }

    @Test func fastaiInversionRecoversRawLossesFromTheRecorderExport() throws {
        let stored = try column("corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv", "loss")
        let raw = try column("corpus/digits_mlp-fastai-lrfind-seed0/raw.csv", "raw_loss")
        let recovered = Unsmoothing.rawLosses(from: stored, convention: .fastai(beta: 0.98))
        for i in raw.indices { #expect(Tolerance.close(recovered[i]!, raw[i], relative: 2e-4)) }
        // The first stored value equals the first raw loss (up to fastai's float32 storage).
        #expect(Tolerance.close(stored[0], raw[0], relative: 1e-6))
    }

    @Test func lightningFirstValueIsHalfTheRawLossAndIsInverted() throws {
        let raw = try column("corpus/digits_mlp-lightning-lrfind-seed0/raw.csv", "raw_loss")
        // The Lightning convention applied by hand (frameworks.md §3.3): v_k = β v_{k−1} + (1−β) l_k, s_k = v_k/(1−β^{k+2}).
        var v = 0.0
        var smoothed: [Double] = []
        for (k, l) in raw.enumerated() {
            v = 0.98 * v + 0.02 * l
            smoothed.append(v / (1 - pow098(k + 2)))
        }
        #expect(abs(smoothed[0] / raw[0] - 0.02 / (1 - 0.98 * 0.98)) < 1e-12)
        let recovered = Unsmoothing.rawLosses(from: smoothed, convention: .lightning(beta: 0.98))
        for i in raw.indices { #expect(Tolerance.close(recovered[i]!, raw[i], relative: 1e-9)) }
    }

    @Test func inversionStopsAtTheFirstNonFiniteValue() {
        let stored = [2.0, 1.9, .infinity, 1.5, .nan]
        for convention in [SmoothingConvention.fastai(beta: 0.98), .lightning(beta: 0.98), .torchLRFinder(smoothF: 0.05), .kerasRunningMean] {
            let recovered = Unsmoothing.rawLosses(from: stored, convention: convention)
            #expect(recovered[0] != nil && recovered[1] != nil)
            #expect(recovered[2...].allSatisfy { $0 == nil })
        }
    }

    @Test func kerasRunningMeanRestartsEachEpoch() {
        // Epoch 0: losses 3, 1 → means 3, 2; epoch 1: 5, 7 → means 5, 6.
        let recovered = Unsmoothing.rawLosses(from: [3, 2, 5, 6], convention: .kerasRunningMean, batchIndicesInEpoch: [0, 1, 0, 1])
        #expect(recovered == [3, 1, 5, 7])
    }

    @Test func emptyInputGivesEmptyOutput() {
        #expect(Unsmoothing.rawLosses(from: [], convention: .torchLRFinder(smoothF: 0.05)).isEmpty)
    }

    private func pow098(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 0.98 }
        return p
    }
}
