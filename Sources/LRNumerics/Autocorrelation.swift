@preconcurrency internal import CGSL

/// Sample autocorrelation helpers.
public enum Autocorrelation {
    /// The lag-1 autocorrelation of a series (GSL `gsl_stats_lag1_autocorrelation`).
    ///
    /// - Returns: `nil` when fewer than three finite values are given or the series is constant.
    ///   Non-finite values are not allowed: pass a finite stretch.
    /// - Complexity: O(n).
    public static func lag1(_ values: [Double]) -> Double? {
        GSL.initialize()
        guard values.count >= 3, values.allSatisfy(\.isFinite) else { return nil }
        let r = values.withUnsafeBufferPointer { gsl_stats_lag1_autocorrelation($0.baseAddress, 1, $0.count) }
        return r.isFinite ? r : nil
    }
}
