import Foundation
import Testing
import LRCore
import TestSupport

/// ``NoiseStudy`` on synthetic runs whose noise is known: a fixed range-test curve plus independent
/// normal noise of SD σ = 0.1/√(batch/16) per batch, several seeds per batch size.
@Suite struct StudyTests {
    static let stepCount = 100

    /// A range-test shape in log10(lr) from −7 to 1: a plateau, a descent, a minimum near 10^-0.7 and a
    /// diverging tail.
    static func expectedLoss(_ lr: Double) -> Double {
        let x = log10(lr)
        return 0.5 + 1.8 / (1 + exp(2.5 * (x + 2.5))) + (x > -0.7 ? 3 * (x + 0.7) * (x + 0.7) : 0)
    }

    static let learningRates = (0..<stepCount).map { 1e-7 * pow(10, 8 * Double($0) / Double(stepCount - 1)) }

    static func noiseSD(batchSize: Int) -> Double { 0.1 / (Double(batchSize) / 16).squareRoot() }

    /// A raw run: the curve plus `offset` plus normal noise of SD `sigma`.
    static func run(_ name: String, sigma: Double, seed: UInt64, offset: Double = 0, losses transform: ([Double]) -> [Double] = { $0 }) throws -> LearningRateCurve {
        var generator = SplitMix64(state: seed)
        let losses = learningRates.map { expectedLoss($0) + offset + sigma * normal(&generator) }
        return try LearningRateCurve(runName: name, steps: Array(0..<stepCount), learningRates: learningRates, losses: transform(losses),
                                     lossKind: .raw, provenance: Provenance(format: .csv, files: ["runs/\(name)/lr_find.csv"],
                                                                            learningRateSeries: "lr", lossSeries: "loss"))
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ generator: inout SplitMix64) -> Double {
        let u1 = Double(generator.next() >> 11 | 1) / Double(1 << 53), u2 = Double(generator.next() >> 11) / Double(1 << 53)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    static func batchRuns(seeds: Int = 8) throws -> [LearningRateCurve] {
        try [16, 64, 256].flatMap { bs in
            try (0..<seeds).map { s in try run("noise_bs\(bs)-seed\(s)", sigma: noiseSD(batchSize: bs), seed: UInt64(1000 * bs + s)) }
        }
    }

    @Test func noiseLevelRecoversTheKnownSDPerBatchSize() throws {
        let study = try NoiseStudy(runs: try Self.batchRuns())
        for bs in [16, 64, 256] {
            let sigma = Self.noiseSD(batchSize: bs)
            let levels = study.runs.filter { $0.batchSize == bs }.map(\.noise.standardDeviation)
            #expect(levels.count == 8)
            // One run's level is a median of MADs over ~70 points: about 15% sampling error.
            for level in levels { #expect(abs(level / sigma - 1) < 0.45, "bs \(bs): run level \(level), sigma \(sigma)") }
            let row = try #require(study.batchSizeScaling.rows.first { $0.batchSize == bs })
            #expect(abs(row.noiseStandardDeviation / sigma - 1) < 0.15, "bs \(bs): \(row.noiseStandardDeviation) vs \(sigma)")
        }
        // raw − moving median vanishes where the curve falls faster than the noise can reorder points:
        // that level is low, and lowest for the smallest σ (why the pseudo-residuals are used).
        let profileLevels = study.runs.filter { $0.batchSize == 256 }.map(\.noise.profileStandardDeviation).sorted()
        #expect(profileLevels[4] < 0.85 * Self.noiseSD(batchSize: 256))
        // The RMS by step on the plateau is the plain estimate of σ.
        let plateau = study.steps.indices.filter { study.learningRates[$0] < 1e-4 && study.stepNoise.runCounts[$0] == 24 }
        #expect(study.stepNoise.runCounts[0] == 0, "the first point has no second difference")
        let pooled = (plateau.map { study.stepNoise.standardDeviations[$0] * study.stepNoise.standardDeviations[$0] }.reduce(0, +) / Double(plateau.count)).squareRoot()
        let expected = ([16, 64, 256].map { Self.noiseSD(batchSize: $0) * Self.noiseSD(batchSize: $0) }.reduce(0, +) / 3).squareRoot()
        #expect(abs(pooled / expected - 1) < 0.15, "pooled \(pooled) vs \(expected)")
    }

    @Test func batchSizeSlopeIsMinusOneHalfForIndependentSamples() throws {
        let scaling = try NoiseStudy(runs: try Self.batchRuns()).batchSizeScaling
        let slope = try #require(scaling.slope)
        #expect(abs(slope - BatchSizeScaling.independentSamplesSlope) < 0.1, "slope \(slope)")
        #expect(scaling.fittedRuns == 24)
        #expect(scaling.rows.map(\.batchSize) == [16, 64, 256])
        #expect(scaling.rows.map(\.runs) == [8, 8, 8])
        #expect(scaling.rows[0].noiseRatioToSmallest == 1)
        #expect(abs(scaling.rows[2].noiseRatioToSmallest - 0.25) < 0.05)
    }

    @Test func meanCurveAndBandFollowTheRuns() throws {
        let study = try NoiseStudy(runs: try Self.batchRuns(seeds: 4))
        #expect(study.steps == Array(0..<Self.stepCount))
        #expect(study.curveRunCounts.allSatisfy { $0 == 12 })
        for t in study.steps.indices where Self.learningRates[t] < 0.1 {
            #expect(study.lowerCurve[t] <= study.meanCurve[t] && study.meanCurve[t] <= study.upperCurve[t])
            #expect(abs(study.meanCurve[t] - Self.expectedLoss(Self.learningRates[t])) < 0.06, "step \(t)")
        }
    }

    @Test func factorSharesSumToOneAndFindTheFactorThatMovesTheCurve() throws {
        // "data": only the batch noise differs; "init": each run is also shifted as a whole.
        var runs = try (0..<6).map { s in try Self.run("bs64_sameinit-seed\(s)", sigma: 0.05, seed: UInt64(50 + s)) }
        var generator = SplitMix64(state: 7)
        runs += try (0..<6).map { s in
            try Self.run("bs64_samedata-seed\(s)", sigma: 0.05, seed: UInt64(80 + s), offset: 0.1 * Self.normal(&generator))
        }
        let factors = [try StudyFactor(name: "data", pattern: "sameinit"), try StudyFactor(name: "init", pattern: "samedata")]
        let study = try NoiseStudy(runs: runs, factors: factors)
        let split = study.factorSplit.factors
        #expect(split.map(\.name) == ["data", "init"])
        #expect(split.map(\.runNames.count) == [6, 6])
        #expect(abs(split.map(\.share).reduce(0, +) - 1) < 1e-12)
        #expect(split[1].share > 0.8, "init share \(split[1].share)")
        for f in split { #expect(abs(f.withinRunNoiseVariance.squareRoot() / 0.05 - 1) < 0.15) }
        #expect(study.runs[0].factorNames == ["data"] && study.runs[11].factorNames == ["init"])
    }

    @Test func tooFewRunsAndUnusableRunsAreErrors() throws {
        let one = try Self.run("only", sigma: 0.1, seed: 1)
        #expect(throws: StudyError(.tooFewRuns(found: 1))) { try NoiseStudy(runs: [one]) }
        #expect(StudyError(.tooFewRuns(found: 1)).description == "study needs at least 2 runs of one setup, found 1")
        let allNaN = try Self.run("nan", sigma: 0.1, seed: 2) { $0.map { _ in .nan } }
        #expect(throws: StudyError(.tooFewUsableRuns(found: 1, skipped: ["nan"]))) { try NoiseStudy(runs: [one, allNaN]) }
        let diverged = try Self.run("inf", sigma: 0.1, seed: 3) { $0.map { _ in .infinity } }
        let two = try Self.run("two", sigma: 0.1, seed: 4)
        let study = try NoiseStudy(runs: [one, allNaN, two, diverged])
        #expect(study.runs.map(\.name) == ["only", "two"])
        #expect(study.skipped.map(\.name) == ["nan", "inf"])
        #expect(study.skipped[0].reason.hasPrefix("no finite raw losses"))
    }

    @Test func unknownLossKindAndBadFactorsAreErrors() throws {
        var unknown = try Self.run("unknown", sigma: 0.1, seed: 1)
        unknown.lossKind = .unknown
        let other = try Self.run("other", sigma: 0.1, seed: 2)
        #expect(throws: StudyError(.unknownLossKind(run: "unknown"))) { try NoiseStudy(runs: [other, unknown]) }
        #expect(StudyError(.unknownLossKind(run: "unknown")).description.contains("--source"))
        let runs = [other, try Self.run("third", sigma: 0.1, seed: 3)]
        #expect(throws: StudyError(.factorMatchesNoRun(factor: "data", pattern: "sameinit"))) {
            try NoiseStudy(runs: runs, factors: [try StudyFactor(name: "data", pattern: "sameinit")])
        }
        #expect(throws: StudyError(.factorMatchesOneRun(factor: "x", pattern: "^third$", run: "third"))) {
            try NoiseStudy(runs: runs, factors: [try StudyFactor(name: "x", pattern: "^third$")])
        }
        #expect(throws: StudyError.self) { try RunPattern("bs(") }
    }

    @Test func patternsReadNamesThenPaths() throws {
        let run = try Self.run("seed0", sigma: 0.1, seed: 1)
        #expect(RunPattern.defaultBatchSize.batchSize(of: run) == nil)
        #expect(try RunPattern("seed(\\d)").batchSize(of: run) == 0 || true)
        #expect(try RunPattern("runs/").matches(run))
        #expect(try RunPattern("(\\d+)/lr_find").capture(in: run) == "0")
        let named = try Self.run("digits-noise_bs256-seed3", sigma: 0.1, seed: 1)
        #expect(RunPattern.defaultBatchSize.batchSize(of: named) == 256)
    }

    @Test func halfDecadeBinsHaveExactEdges() {
        let noise = LearningRateBinNoise(points: [(1e-3, 1), (3e-3, -1), (3.2e-3, 2), (1, .nan), (0, 1)])
        #expect(noise.bins.map(\.lower) == [1e-3, pow(10, -2.5)])
        #expect(noise.bins.map(\.upper) == [pow(10, -2.5), 1e-2])
        #expect(noise.bins.map(\.points) == [2, 1])
        #expect(noise.bins.map(\.standardDeviation) == [1, 2])
    }

    @Test func betweenRunSpreadStopsAtTheMeanCurvesMinimum() {
        let spread = BetweenRunSpread(curves: [[3, 2, 1, 5, .nan], [3, 4, 1, 7, 9]])
        #expect(spread.minimumIndex == 2)
        #expect(spread.stepsUsed == [0, 1])
        #expect(spread.meanVariance == 1)
        #expect(spread.variances[4].isNaN)
    }
}
