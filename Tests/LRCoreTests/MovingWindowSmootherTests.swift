import Foundation
import Testing
import LRCore
import LRNumerics
import TestSupport

/// The GSL-backed moving mean and median against a naive O(n·K) reference written here, on curves
/// with NaN and ±inf in them.
@Suite struct MovingWindowSmootherTests {
    /// The finite values in point k's window.
    func window(_ x: [Double], _ k: Int, size: Int, alignment: MovingWindow.Alignment) -> [Double] {
        let before = alignment == .centered ? (size - 1) / 2 : size - 1
        let after = alignment == .centered ? (size - 1) / 2 : 0
        return (max(0, k - before)...min(x.count - 1, k + after)).map { x[$0] }.filter(\.isFinite)
    }

    func naiveMean(_ x: [Double], size: Int, alignment: MovingWindow.Alignment) -> [Double] {
        x.indices.map { k in
            guard x[k].isFinite else { return .nan }
            let w = window(x, k, size: size, alignment: alignment)
            return w.reduce(0, +) / Double(w.count)
        }
    }

    func naiveMedian(_ x: [Double], size: Int, alignment: MovingWindow.Alignment) -> [Double] {
        x.indices.map { k in
            guard x[k].isFinite else { return .nan }
            let w = window(x, k, size: size, alignment: alignment).sorted()
            return w.count % 2 == 1 ? w[w.count / 2] : (w[w.count / 2 - 1] + w[w.count / 2]) / 2
        }
    }

    static let curves: [[Double]] = {
        var random = SplitMix64(state: 42)
        let base = (0..<60).map { 2.3 - 0.01 * Double($0) + Double.random(in: -0.1...0.1, using: &random) }
        var withHoles = base
        withHoles[7] = .nan
        withHoles[30] = .infinity
        withHoles[31] = -.infinity
        var diverging = base
        for k in 52..<60 { diverging[k] = k < 55 ? .infinity : .nan }
        return [base, withHoles, diverging, [1.0], [Double.nan, 3, .nan]]
    }()

    @Test(arguments: [(1, MovingWindow.Alignment.centered), (5, .centered), (11, .centered), (4, .trailing), (11, .trailing)])
    func meanAndMedianMatchTheNaiveReference(_ size: Int, _ alignment: MovingWindow.Alignment) throws {
        for curve in Self.curves {
            let lr = curve.indices.map { 1e-6 * pow(1.2, Double($0)) }
            let mean = try MovingMeanSmoother(size: size, alignment: alignment).smooth(rawLosses: curve, learningRates: lr).values
            let median = try MovingMedianSmoother(size: size, alignment: alignment).smooth(rawLosses: curve, learningRates: lr).values
            let expectedMean = naiveMean(curve, size: size, alignment: alignment)
            let expectedMedian = naiveMedian(curve, size: size, alignment: alignment)
            for k in curve.indices {
                #expect(Tolerance.close(mean[k], expectedMean[k], relative: 1e-12, scale: 1), "mean k=\(k) size=\(size)")
                #expect(Tolerance.close(median[k], expectedMedian[k], relative: 0, scale: 1), "median k=\(k) size=\(size) \(median[k]) vs \(expectedMedian[k])")
            }
        }
    }

    @Test func centeredWindowsHaveNoLagInTheInteriorAndTrailingOnesLagHalfTheWindow() throws {
        let lr = (0..<40).map { 1e-6 * pow(10, 0.1 * Double($0)) }
        let ones = [Double](repeating: 1, count: 40)
        let centered = try MovingMeanSmoother(size: 9, alignment: .centered).smooth(rawLosses: ones, learningRates: lr)
        #expect(centered.lagSteps[4...35].allSatisfy { abs($0) < 1e-12 })
        #expect(abs(centered.lagSteps[0] + 2) < 1e-12, "truncated window 0...4 has mean position 2")
        let trailing = try MovingMedianSmoother(size: 9, alignment: .trailing).smooth(rawLosses: ones, learningRates: lr)
        #expect(trailing.lagSteps[8...].allSatisfy { abs($0 - 4) < 1e-12 })
        #expect(trailing.lagDecades[8...].allSatisfy { abs($0 - 0.4) < 1e-12 })
    }

    @Test func evenCenteredWindowIsRejected() {
        #expect(throws: SmoothingError.self) {
            _ = try MovingMeanSmoother(size: 4, alignment: .centered).smooth(rawLosses: [1, 2, 3], learningRates: [1, 2, 3])
        }
    }
}
