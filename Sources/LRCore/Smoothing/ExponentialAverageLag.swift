import Foundation

/// The effective lag of an exponential moving average, written once for every EMA convention.
///
/// An EMA's value at step k is a weighted average of the losses at steps j ≤ k with weights
/// proportional to β^{k−j} (debiasing rescales all weights alike, so it does not move their mean).
/// The lag is k minus the weights' mean position, and log10(lr_k) minus their mean log10(lr); both
/// follow from running weighted sums S ← β·S + (1−β)·(1, j, x_j) in O(n).
///
/// A seeded EMA (torch-lr-finder) starts from S = (1, 0, x₀) instead of zero.
///
/// Reference: `../shared/reference/frameworks.md` §7.2 (mean age 4.8, 9.3, 20.7, 31.8 steps at
/// k = 10, 20, 50, 90 for β = 0.98, debiased).
enum ExponentialAverageLag {
    /// Lags in steps and decades.
    /// - Parameters:
    ///   - included: which points enter the average (false: skipped, lag NaN there).
    ///   - seeded: whether the first included point starts the average with full weight.
    static func lags(beta: Double, learningRates: [Double], included: [Bool], seeded: Bool) -> (steps: [Double], decades: [Double]) {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0
        var started = false
        var steps = [Double](repeating: .nan, count: learningRates.count)
        var decades = steps
        for k in learningRates.indices where included[k] {
            let x = log10(learningRates[k])
            if seeded && !started {
                (s0, s1, s2) = (1, Double(k), x)
            } else {
                s0 = beta * s0 + (1 - beta)
                s1 = beta * s1 + (1 - beta) * Double(k)
                s2 = beta * s2 + (1 - beta) * x
            }
            started = true
            steps[k] = Double(k) - s1 / s0
            decades[k] = x - s2 / s0
        }
        return (steps, decades)
    }
}
