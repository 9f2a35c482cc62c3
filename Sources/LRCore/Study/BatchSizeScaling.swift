import Foundation
import LRNumerics

/// How the per-batch noise and the run-to-run spread change with the batch size (`batch_scaling.csv`).
///
/// Runs are grouped by batch size. Per batch size: the median of the runs' noise levels
/// (``RunNoise/standardDeviation``), the median over steps (before the group's mean-curve minimum) of
/// the standard deviation across the group's smoothed curves (``BetweenRunSpread``), and the noise
/// level relative to the smallest batch size's. The ``slope`` is the least-squares slope of
/// log(noise SD) on log(batch size) over the runs (GSL `gsl_fit_linear`). A batch's loss is the mean
/// of its samples' losses, so for independent per-sample losses its standard deviation falls as
/// 1/√batch: slope −0.5. A shallower slope means the per-batch losses share noise that a larger batch
/// does not average away (the weights' own path during the test, correlated samples).
///
/// - Complexity: O(runs × steps).
/// - Edge cases: runs without a batch size, or with a non-finite or non-positive noise level, are
///   left out of the slope (and, without a batch size, of the table). The slope is `nil` with fewer
///   than 2 distinct batch sizes. A batch size with one run has a NaN between-run SD.
///
/// Reference: Smith & Le (2018), "A Bayesian perspective on generalization and stochastic gradient
/// descent", ICLR (noise scale ∝ lr/batch); McCandlish et al. (2018), arXiv:1812.06162.
public struct BatchSizeScaling: Sendable, Equatable {
    /// One batch size.
    public struct Row: Sendable, Equatable {
        public let batchSize: Int
        public let runs: Int
        /// The median of the runs' noise standard deviations.
        public let noiseStandardDeviation: Double
        /// The median over steps of the standard deviation across the runs' smoothed curves.
        public let betweenRunStandardDeviation: Double
        /// `noiseStandardDeviation` over the smallest batch size's.
        public let noiseRatioToSmallest: Double
    }

    /// The slope of log(noise SD) on log(batch size) for independent per-sample losses.
    public static let independentSamplesSlope = -0.5

    /// One row per batch size, increasing.
    public let rows: [Row]
    /// The least-squares slope of log(noise SD) on log(batch size), `nil` with fewer than 2 batch sizes.
    public let slope: Double?
    /// The runs the slope was fitted on.
    public let fittedRuns: Int

    /// - Parameters:
    ///   - batchSizes: each run's batch size, `nil` when unknown.
    ///   - noise: each run's noise standard deviation.
    ///   - curves: `curves[j][t]`, the runs' smoothed curves on one step grid.
    public init(batchSizes: [Int?], noise: [Double], curves: [[Double]]) {
        let sizes = Set(batchSizes.compactMap { $0 }).sorted()
        var rows: [Row] = []
        for size in sizes {
            let group = batchSizes.indices.filter { batchSizes[$0] == size }
            let spread = BetweenRunSpread(curves: group.map { curves[$0] })
            let median = Quantiles.median(group.map { noise[$0] })
            let smallest = rows.first?.noiseStandardDeviation ?? median
            rows.append(Row(batchSize: size, runs: group.count, noiseStandardDeviation: median,
                            betweenRunStandardDeviation: group.count >= 2 ? spread.medianStandardDeviation : .nan,
                            noiseRatioToSmallest: median / smallest))
        }
        self.rows = rows
        let fitted = batchSizes.indices.filter { batchSizes[$0] != nil && noise[$0].isFinite && noise[$0] > 0 }
        fittedRuns = fitted.count
        if Set(fitted.map { batchSizes[$0]! }).count >= 2 {
            slope = try? LinearFit(x: fitted.map { log(Double(batchSizes[$0]!)) }, y: fitted.map { log(noise[$0]) }).slope
        } else {
            slope = nil
        }
    }
}
