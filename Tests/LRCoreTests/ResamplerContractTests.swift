import Foundation
import Testing
@testable import LRCore
import LRNumerics
import TestSupport

/// Each resampler's statistical contract on synthetic runs with known noise: replicate variance,
/// autocorrelation and local scale as in the truth (within sampling error and the profile's share of
/// the noise), and bands that cover the known expected curve near their nominal level.
@Suite struct ResamplerContractTests {
    static let n = 400
    static let learningRates = (0..<n).map { 1e-6 * pow(10, 6 * Double($0) / Double(n)) }
    static let truth = (0..<n).map { 2.3 - 1.5 / (1 + exp(-(Double($0) - 250) / 25)) }

    enum Noise: String, CaseIterable { case iid, ar1, heteroscedastic }

    static func noise(_ kind: Noise, seed: UInt64) -> [Double] {
        let random = RandomSource(seed: seed)
        switch kind {
        case .iid:
            return (0..<n).map { _ in 0.05 * random.gaussian() }
        case .ar1:
            var e = 0.0
            return (0..<n).map { _ in e = 0.6 * e + 0.05 * sqrt(1 - 0.36) * random.gaussian(); return e }
        case .heteroscedastic:
            return (0..<n).map { 0.02 * pow(10, Double($0) / Double(n)) * random.gaussian() }
        }
    }

    static func variance(_ x: [Double]) -> Double {
        let m = x.reduce(0, +) / Double(x.count)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
    }

    static func replicateResiduals(_ method: ResamplingMethod, _ model: ResidualModel, count: Int) -> [[Double]] {
        let resampler = method.resampler(for: model)!
        let random = RandomSource(seed: 7)
        var out: [[Double]] = []
        var r: [Double] = []
        for b in 0..<count {
            random.reseed(RandomSource.replicateSeed(7, b))
            resampler.resample(model, using: random, into: &r)
            out.append(r)
        }
        return out
    }

    @Test(arguments: [ResamplingMethod.permute, .circularBlock, .stationary, .wild])
    func replicateNoiseHasTheRunsVarianceAndLocalScale(_ method: ResamplingMethod) throws {
        for kind in Noise.allCases {
            let eps = Self.noise(kind, seed: 11)
            let model = try ResidualModel(rawLosses: zip(Self.truth, eps).map(+))
            let replicates = Self.replicateResiduals(method, model, count: 200)
            // Same variance as the run's own residuals (the profile absorbs a few percent of the noise).
            let pooled = replicates.map(Self.variance).reduce(0, +) / Double(replicates.count)
            let own = Self.variance(model.residuals)
            #expect(abs(pooled / own - 1) < 0.15, "\(method) \(kind): variance ratio \(pooled / own)")
            #expect(own / Self.variance(eps) > 0.75 && own / Self.variance(eps) < 1.1, "\(kind): profile absorbs too much")
            if kind == .heteroscedastic {
                // Local scale kept: the last quarter is about 10^0.75 ≈ 5.6 times as noisy as the first.
                let q = Self.n / 4
                let first = replicates.map { Self.variance(Array($0[0..<q])) }.reduce(0, +)
                let last = replicates.map { Self.variance(Array($0[(3 * q)...])) }.reduce(0, +)
                let ratio = sqrt(last / first)
                #expect(ratio > 3.5 && ratio < 8.5, "\(method): scale ratio \(ratio), truth 4.2 to 10 across quarters")
            }
        }
    }

    @Test func blockResamplersKeepAutocorrelationAndPermutationDropsIt() throws {
        let eps = Self.noise(.ar1, seed: 5)
        let model = try ResidualModel(rawLosses: zip(Self.truth, eps).map(+))
        let own = Autocorrelation.lag1(model.residuals)!
        #expect(own > 0.4, "the run's residuals keep most of φ = 0.6: \(own)")
        for method in [ResamplingMethod.circularBlock, .stationary, .wild, .permute] {
            let replicates = Self.replicateResiduals(method, model, count: 100)
            let r1 = replicates.compactMap(Autocorrelation.lag1).reduce(0, +) / Double(replicates.count)
            if method == .permute {
                #expect(abs(r1) < 0.05, "permute: \(r1)")
            } else {
                // Blocks of length b keep the lag-1 correlation within blocks: about own·(1 − 1/b).
                #expect(r1 > 0.5 * own && r1 < own + 0.1, "\(method): \(r1) vs the run's \(own)")
            }
        }
    }

    @Test func confidenceBandsCoverTheKnownExpectedCurveNearNominal() throws {
        // The window mean is linear, so its expected value is the window mean of the truth.
        let smoothing = SmoothingMethod.window(size: 21, alignment: .centered)
        let expected = try smoothing.smoother.smooth(rawLosses: Self.truth, learningRates: Self.learningRates).values
        var coverage: [Double] = []
        for dataset in 0..<12 {
            let raw = zip(Self.truth, Self.noise(.iid, seed: 100 + UInt64(dataset))).map(+)
            let curve = try LearningRateCurve(runName: "s", steps: Array(0..<Self.n), learningRates: Self.learningRates, losses: raw,
                                              lossKind: .raw, provenance: Provenance(format: .csv, files: [], learningRateSeries: "lr", lossSeries: "loss"))
            let result = try UncertaintyAnalysis(resampling: .permute, analysis: ReplicateAnalysis(smoothing: smoothing, suggestions: .own([])),
                                                 replicates: 200, seed: UInt64(dataset), threads: 2).run(curve)
            let band = result.band(kind: .confidence, level: 0.9)
            let inside = (30..<(Self.n - 30)).filter { band.lower[$0] <= expected[$0] && expected[$0] <= band.upper[$0] }.count
            coverage.append(Double(inside) / Double(Self.n - 60))
        }
        let mean = coverage.reduce(0, +) / Double(coverage.count)
        #expect(mean > 0.8 && mean < 0.98, "90% pointwise band covers the expected curve at \(mean)")
    }

    @Test func resultsDependOnTheSeedNotOnThreads() throws {
        let raw = zip(Self.truth, Self.noise(.ar1, seed: 3)).map(+)
        let curve = try LearningRateCurve(runName: "s", steps: Array(0..<Self.n), learningRates: Self.learningRates, losses: raw,
                                          lossKind: .raw, provenance: Provenance(format: .csv, files: [], learningRateSeries: "lr", lossSeries: "loss"))
        let analysis = ReplicateAnalysis(smoothing: .median(size: 11, alignment: .centered), suggestions: .own(HeuristicCatalog.all))
        let one = try UncertaintyAnalysis(resampling: .stationary, analysis: analysis, replicates: 64, seed: 9, threads: 1).run(curve)
        let two = try UncertaintyAnalysis(resampling: .stationary, analysis: analysis, replicates: 64, seed: 9, threads: 2).run(curve)
        let other = try UncertaintyAnalysis(resampling: .stationary, analysis: analysis, replicates: 64, seed: 10, threads: 2).run(curve)
        #expect(one.replicates.smoothed == two.replicates.smoothed)
        #expect(one.replicates.suggestions == two.replicates.suggestions)
        #expect(one.replicates.smoothed != other.replicates.smoothed)
    }

    @Test func tooFewFinitePointsIsAnErrorNotACrash() {
        #expect(throws: SmoothingError.self) { _ = try ResidualModel(rawLosses: [1, .nan, 2, .infinity]) }
    }
}
