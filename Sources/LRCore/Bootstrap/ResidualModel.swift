import LRNumerics

/// A run's raw losses split into a smooth profile and per-batch noise, the model every resampler draws
/// from: `raw = profile + scale · standardized`.
///
/// - The profile is a centered moving median of `profileWindow` steps (robust to spikes, no lag).
/// - The residuals `raw − profile` are heteroscedastic: the noise grows towards divergence. Their local
///   scale is a centered moving MAD of ``scaleWindow`` residuals (×1.4826, GSL `gsl_movstat_mad`),
///   floored at a tenth of its median so that flat stretches cannot divide by zero.
/// - Only finite losses are modelled; a replicate keeps the non-finite losses of the run where they
///   are (a diverged tail stays diverged).
///
/// Reference: frameworks.md §9.1 (resample residuals around a smoother fitted on raw losses, not the
/// curve; standardize them because their variance grows near divergence).
public struct ResidualModel: Sendable {
    /// The default profile window (chosen by `lrscope calibrate` on the corpus noise studies; README).
    public static let defaultProfileWindow = 21
    public static let scaleWindow = 21

    /// The run's raw losses (NaN where unknown).
    public let rawLosses: [Double]
    /// Positions of the finite raw losses, in order.
    public let finitePositions: [Int]
    /// The profile at the finite positions.
    public let profile: [Double]
    /// `raw − profile` at the finite positions.
    public let residuals: [Double]
    /// The local noise scale at the finite positions (> 0).
    public let scales: [Double]
    /// `residuals / scales`, times one factor that gives resampled noise the run's variance.
    public let standardized: [Double]

    /// Builds the model.
    /// - Throws: ``SmoothingError`` when fewer than 4 losses are finite.
    public init(rawLosses: [Double], profileWindow: Int = ResidualModel.defaultProfileWindow) throws(SmoothingError) {
        self.rawLosses = rawLosses
        let positions = rawLosses.indices.filter { rawLosses[$0].isFinite }
        guard positions.count >= 4 else {
            throw SmoothingError(method: "bootstrap", reason: "needs at least 4 finite losses to model the noise, found \(positions.count)")
        }
        finitePositions = positions
        let finite = positions.map { rawLosses[$0] }
        do {
            let window = min(profileWindow | 1, positions.count - (positions.count + 1) % 2)
            profile = try MovingWindow.finiteMedian(finite, size: max(1, window), alignment: .centered)
            let residuals = zip(finite, profile).map { $0 - $1 }
            self.residuals = residuals
            let scaleWindow = min(Self.scaleWindow, positions.count - (positions.count + 1) % 2)
            var scales = try MovingWindow.scaledMAD(residuals, size: max(1, scaleWindow))
            let typical = Quantiles.median(scales)
            let floor = typical > 0 ? typical / 10 : max(Quantiles.median(residuals.map(abs)), 1e-12)
            scales = scales.map { max($0, floor, 1e-300) }
            self.scales = scales
            // Moment matching: the local scale is estimated from the same residuals, so |r| and the scale
            // at a point grow together and scale × (permuted residual / scale) has more variance than the
            // run's residuals (by a third for white noise). One factor makes the replicates' noise
            // variance equal to the run's.
            var standardized = zip(residuals, scales).map { $0 / $1 }
            let ownVariance = residuals.reduce(0) { $0 + $1 * $1 }
            let scaleSquares = scales.reduce(0) { $0 + $1 * $1 } / Double(scales.count)
            let standardizedSquares = standardized.reduce(0) { $0 + $1 * $1 }
            if scaleSquares > 0, standardizedSquares > 0 {
                let factor = (ownVariance / (scaleSquares * standardizedSquares)).squareRoot()
                standardized = standardized.map { $0 * factor }
            }
            self.standardized = standardized
        } catch {
            throw SmoothingError(method: "bootstrap", reason: error.reason)
        }
    }

    /// The number of modelled (finite) points.
    public var count: Int { finitePositions.count }

    /// A replicate's raw losses: the profile plus `residuals` at the finite positions, the run's own
    /// values elsewhere.
    public func replicate(residuals newResiduals: [Double], into output: inout [Double]) {
        output = rawLosses
        for (k, position) in finitePositions.enumerated() { output[position] = profile[k] + newResiduals[k] }
    }
}
