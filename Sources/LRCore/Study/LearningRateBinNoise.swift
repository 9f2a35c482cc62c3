import Foundation

/// The per-batch noise by learning rate: the root mean square of every run's pseudo-residuals
/// (``RunNoise/residuals``) in half-decade bins of log10(lr) (`noise_by_lr.csv`).
///
/// Bin k holds the learning rates in `[10^(k/2), 10^((k+1)/2))`; only bins with points are listed, in
/// increasing order. Binning by learning rate rather than by step pools runs whose schedules differ.
///
/// - Complexity: O(points log bins).
/// - Edge cases: non-finite residuals, and learning rates that are not positive and finite, are left out.
public struct LearningRateBinNoise: Sendable, Equatable {
    /// One half-decade bin.
    public struct Bin: Sendable, Equatable {
        /// The bin's edges: `[lower, upper)`.
        public let lower: Double
        public let upper: Double
        /// The RMS of the residuals in the bin.
        public let standardDeviation: Double
        /// The number of residuals in the bin.
        public let points: Int
    }

    /// Bins per decade of learning rate.
    public static let binsPerDecade = 2

    public let bins: [Bin]

    /// - Parameter points: (learning rate, residual) pairs of every run.
    public init(points: [(learningRate: Double, residual: Double)]) {
        var sums: [Int: (squares: Double, count: Int)] = [:]
        let perDecade = Double(Self.binsPerDecade)
        for (lr, r) in points where lr.isFinite && lr > 0 && r.isFinite {
            // The small offset keeps an exact edge such as 1e-3 (log10 = −3 up to rounding) in its own bin.
            let k = Int((log10(lr) * perDecade + 1e-9).rounded(.down))
            sums[k, default: (0, 0)].squares += r * r
            sums[k, default: (0, 0)].count += 1
        }
        bins = sums.keys.sorted().map { k in
            let (squares, count) = sums[k]!
            return Bin(lower: Self.edge(k), upper: Self.edge(k + 1),
                       standardDeviation: (squares / Double(count)).squareRoot(), points: count)
        }
    }

    /// `10^(k / binsPerDecade)`, exact for whole decades (`1e-3`, not `0.0010000000000000002`).
    static func edge(_ k: Int) -> Double {
        if k % binsPerDecade == 0, let exact = Double("1e\(k / binsPerDecade)") { return exact }
        return pow(10, Double(k) / Double(binsPerDecade))
    }
}
