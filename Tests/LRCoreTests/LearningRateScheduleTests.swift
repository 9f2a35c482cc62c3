import Foundation
import Testing
import LRCore
import TestSupport

/// Schedules of real runs, against each framework's own formula (frameworks.md §1.1, §2.1, §3.2).
@Suite struct LearningRateScheduleTests {
    func rates(_ path: String, column: String = "lr") throws -> [Double] {
        try Fixtures.csvRows(path).map { Fixtures.number($0[column]) }
    }

    @Test func fastaiRampIsExponentialWithRatioOfTenToThe008() throws {
        let lrs = try rates("corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv")
        let schedule = LearningRateSchedule(steps: Array(lrs.indices), learningRates: lrs)
        guard case .exponential(let ratio) = schedule.shape else { Issue.record("not exponential"); return }
        // fastai: lr_i = 1e-7 · (10/1e-7)^(i/100): ratio 10^(8/100).
        #expect(abs(ratio - pow(10, 0.08)) < 1e-12)
        #expect(!schedule.firstGapIsDouble)
    }

    @Test func torchLRFinderRampReachesEndLRExactly() throws {
        let lrs = try rates("corpus/digits_mlp-torchlrfinder-raw-seed0/raw.csv")
        let schedule = LearningRateSchedule(steps: Array(lrs.indices), learningRates: lrs)
        guard case .exponential(let ratio) = schedule.shape else { Issue.record("not exponential"); return }
        // torch-lr-finder: base·(end/base)^(k/(num_iter−1)) with 1e-7 → 10 over 100 iterations.
        #expect(abs(ratio - pow(1e8, 1.0 / 99)) < 1e-12)
    }

    @Test func lightningRampHasADoubleFirstGap() throws {
        let lrs = try rates("corpus/digits_mlp-lightning-lrfind-seed0/raw.csv")
        let schedule = LearningRateSchedule(steps: Array(lrs.indices), learningRates: lrs)
        guard case .exponential(let ratio) = schedule.shape else { Issue.record("not exponential"); return }
        // Lightning: min·(max/min)^((k+1)/N), 1e-8 → 1 over 100 steps, first point min: ratio 10^(8/100).
        #expect(abs(ratio - pow(10, 0.08)) < 1e-9)
        #expect(schedule.firstGapIsDouble)
    }

    @Test func linearRampIsLinear() {
        let lrs = (0..<50).map { 1e-4 + Double($0) * 2e-3 }
        let schedule = LearningRateSchedule(steps: Array(lrs.indices), learningRates: lrs)
        guard case .linear(let increment) = schedule.shape else { Issue.record("not linear"); return }
        #expect(abs(increment - 2e-3) < 1e-12)
    }

    @Test func tooFewOrIrregularRatesAreIrregular() {
        #expect(LearningRateSchedule(steps: [0, 1], learningRates: [1e-3, 1e-2]).shape == .irregular)
        #expect(LearningRateSchedule(steps: [0, 1, 2, 3], learningRates: [1e-3, 5e-3, 6e-3, 1e-1]).shape == .irregular)
    }
}
