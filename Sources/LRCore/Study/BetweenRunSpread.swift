import LRNumerics

/// The spread of several runs' smoothed curves at each step, up to the minimum of their mean curve.
///
/// At each step the variance across the runs that have a finite value there (sample variance, n − 1
/// in the denominator) estimates how much another run's smoothed curve would differ: the path of
/// training (init, data order) plus what the smoother leaves of the per-batch noise. Only steps before
/// the mean curve's minimum count towards ``meanVariance`` and ``medianStandardDeviation``: past the
/// minimum the runs diverge at different steps and their spread says when, not how noisy.
///
/// - Complexity: O(runs × steps).
/// - Edge cases: non-finite values are missing. A step with fewer than 2 finite values has no
///   variance (NaN) and no mean-curve value. When the mean curve's minimum is its first such step,
///   every step with a variance is used. With no step holding two finite values, the summaries are NaN.
public struct BetweenRunSpread: Sendable, Equatable {
    /// The variance across runs at each step; NaN where fewer than 2 runs are finite.
    public let variances: [Double]
    /// The mean across runs at each step; NaN where fewer than 2 runs are finite.
    public let meanCurve: [Double]
    /// The step index of the mean curve's minimum (the first when tied), `nil` when it has no value.
    public let minimumIndex: Int?
    /// The step indices the summaries use: those with a variance, before ``minimumIndex``.
    public let stepsUsed: [Int]

    /// - Parameter curves: `curves[j][t]`, the runs' smoothed curves on one step grid (equal lengths).
    public init(curves: [[Double]]) {
        let n = curves.map(\.count).max() ?? 0
        var variances = [Double](repeating: .nan, count: n)
        var means = variances
        for t in 0..<n {
            let column = curves.compactMap { $0.count > t && $0[t].isFinite ? $0[t] : nil }
            guard column.count >= 2 else { continue }
            let mean = column.reduce(0, +) / Double(column.count)
            means[t] = mean
            variances[t] = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count - 1)
        }
        self.variances = variances
        meanCurve = means
        var best: Int?
        for t in 0..<n where means[t].isFinite {
            if best.map({ means[t] < means[$0] }) ?? true { best = t }
        }
        minimumIndex = best
        let withVariance = (0..<n).filter { variances[$0].isFinite }
        let before = withVariance.filter { t in best.map { t < $0 } ?? true }
        stepsUsed = before.isEmpty ? withVariance : before
    }

    /// The mean of the variances over ``stepsUsed`` (NaN when there are none).
    public var meanVariance: Double {
        guard !stepsUsed.isEmpty else { return .nan }
        return stepsUsed.reduce(0) { $0 + variances[$1] } / Double(stepsUsed.count)
    }

    /// The median of the standard deviations over ``stepsUsed`` (NaN when there are none).
    public var medianStandardDeviation: Double {
        Quantiles.median(stepsUsed.map { variances[$0].squareRoot() })
    }
}
