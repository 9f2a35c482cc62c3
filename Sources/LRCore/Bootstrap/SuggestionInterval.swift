import Foundation
import LRNumerics

/// A bootstrap interval for one heuristic's suggested learning rate, in log10(lr).
///
/// The interval is the point estimate plus the α/2 and 1 − α/2 quantiles of the replicates'
/// deviations in log10(lr) (``Deviations``: around their median for `confidence`, pairwise
/// differences for `prediction`, i.e. where another run's suggestion would fall). When the point
/// estimate has no answer, the replicates' median stands in for it. `failureRate` is the share of
/// replicates where the heuristic had no answer or chose the first or last point of the run. Bounds are
/// clipped to the run's learning-rate range, where every suggestion lies.
public struct SuggestionInterval: Sendable, Equatable {
    public var lower: Double?
    public var upper: Double?
    /// upper/lower in decades (log10).
    public var spreadDecades: Double?
    public var failureRate: Double

    public init(estimate: Suggestion, replicates: [Suggestion], runLength: Int, kind: BandKind, level: Double,
                learningRateRange: ClosedRange<Double>? = nil) {
        let logs = replicates.map { s -> Double in
            guard let lr = s.learningRate, lr > 0 else { return .nan }
            return log10(lr)
        }
        let failures = replicates.filter { s in
            guard s.learningRate != nil, let i = s.index else { return true }
            return i == 0 || i == runLength - 1
        }.count
        failureRate = replicates.isEmpty ? .nan : Double(failures) / Double(replicates.count)
        let median = Quantiles.median(logs)
        let center = estimate.learningRate.map { log10($0) } ?? median
        var deviations = Deviations.of(logs, kind: kind, center: median)
        guard center.isFinite, deviations.count >= 2 else {
            lower = nil; upper = nil; spreadDecades = nil
            return
        }
        deviations.sort()
        let alpha = 1 - level
        var lo = center + Quantiles.quantile(sorted: deviations, alpha / 2)
        var hi = center + Quantiles.quantile(sorted: deviations, 1 - alpha / 2)
        if let range = learningRateRange {
            lo = min(max(lo, log10(range.lowerBound)), log10(range.upperBound))
            hi = max(min(hi, log10(range.upperBound)), log10(range.lowerBound))
        }
        lower = pow(10, lo)
        upper = pow(10, hi)
        spreadDecades = hi - lo
    }

    /// Whether a learning rate falls inside.
    public func contains(_ lr: Double) -> Bool {
        guard let lower, let upper else { return false }
        return lr >= lower * (1 - 1e-12) && lr <= upper * (1 + 1e-12)
    }
}
