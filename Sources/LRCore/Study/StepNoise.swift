/// The per-batch noise at each step, pooled over runs: the root mean square of the runs'
/// pseudo-residuals (``RunNoise/residuals``) (`noise_by_step.csv`).
///
/// With pseudo-residuals `e_j(t)` of runs aligned by step, the noise SD at step t is
/// `sqrt(Σ_j e_j(t)² / m)` over the m runs with a finite one there; for independent noise of SD σ
/// around a locally linear curve its expectation is σ². It is the plain (not robust) estimate, so a
/// spike shows where it happened; past the minimum it also holds the curvature of the divergence.
///
/// - Complexity: O(runs × steps).
/// - Edge cases: NaN residuals are missing; a step where no run has one has NaN and 0 runs.
public struct StepNoise: Sendable, Equatable {
    /// The RMS residual at each step; NaN where no run has a finite residual.
    public let standardDeviations: [Double]
    /// How many runs have a finite residual at each step.
    public let runCounts: [Int]

    /// - Parameter residuals: `residuals[j][t]`, the runs' residuals on one step grid.
    public init(residuals: [[Double]]) {
        let n = residuals.map(\.count).max() ?? 0
        var sds = [Double](repeating: .nan, count: n)
        var counts = [Int](repeating: 0, count: n)
        for t in 0..<n {
            let column = residuals.compactMap { $0.count > t && $0[t].isFinite ? $0[t] : nil }
            counts[t] = column.count
            guard !column.isEmpty else { continue }
            sds[t] = (column.reduce(0) { $0 + $1 * $1 } / Double(column.count)).squareRoot()
        }
        standardDeviations = sds
        runCounts = counts
    }
}
