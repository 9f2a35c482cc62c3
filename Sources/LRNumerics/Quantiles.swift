@preconcurrency internal import CGSL

/// Sample quantiles (Hyndman–Fan type 7, as NumPy's default and `gsl_stats_quantile_from_sorted_data`).
public enum Quantiles {
    /// The `p`-quantile of the finite values (NaN when there are none).
    /// - Complexity: O(n log n) (sorts a copy).
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        var sorted = values.filter(\.isFinite)
        guard !sorted.isEmpty else { return .nan }
        sorted.sort()
        return quantile(sorted: sorted, p)
    }

    /// The `p`-quantile of already sorted finite values.
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, min(1, max(0, p))) }
    }

    /// The median of the finite values.
    public static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }
}
