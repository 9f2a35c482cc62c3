import LRNumerics

/// One run's per-batch noise: pseudo-residuals of its raw losses, and a robust noise level.
///
/// The noise at a point is measured by the Gasser–Sroka–Jennen-Steinmetz pseudo-residual
/// `e_k = (x_{k−1} − 2x_k + x_{k+1}) / √6` of consecutive finite raw losses: a straight line through
/// three neighbours cancels, so any locally linear curve — the steep descent of a range test included —
/// leaves `E[e_k²] = σ²` for independent noise of SD σ. The run's noise level is the median, over the
/// points *before* the minimum of its profile (``ResidualModel``'s centered moving median of
/// `profileWindow` steps), of the local scale: a centered moving MAD of 21 pseudo-residuals ×1.4826
/// (GSL `gsl_movstat_mad`). Past the minimum the loss diverges and its curvature is not noise.
///
/// Why not `raw − profile`: a running median reproduces a monotone stretch exactly (a "root signal"),
/// so where the curve falls faster than the noise can reorder the points the residuals vanish. The
/// noise level of ``ResidualModel``'s residuals (``profileStandardDeviation``) therefore comes out low,
/// and lower the smaller σ is (on a synthetic range test: 0.85σ at σ = 0.1, 0.68σ at σ = 0.025), which
/// steepens the batch-size slope; the pseudo-residuals stay within a few percent of σ.
///
/// - Complexity: O(n log w) for n points and window w.
/// - Edge cases: non-finite raw losses (NaN, ±inf, unrecovered) are left out, and their neighbours
///   become consecutive; the first and last finite points have no pseudo-residual (NaN). When nothing
///   precedes the profile's minimum (a curve that only rises), the whole run is used. Fewer than
///   ``minimumFiniteLosses`` finite losses is an error. Positively autocorrelated noise (the weights'
///   path) makes both estimates measure the batch-to-batch part of the noise, below its marginal SD.
///
/// Reference: Gasser, Sroka & Jennen-Steinmetz (1986), "Residual variance and residual pattern in
/// nonlinear regression", Biometrika 73:625–633; Hampel (1974), J. Amer. Statist. Assoc. 69:383–393
/// (the MAD as a scale estimate); Tukey (1977), Exploratory Data Analysis (running medians).
public struct RunNoise: Sendable, Equatable {
    /// A run needs this many finite raw losses to be modelled (``ResidualModel``'s minimum).
    public static let minimumFiniteLosses = 4
    /// The window of the moving MAD that gives the local scale.
    public static let scaleWindow = 21

    /// The pseudo-residual at each of the run's points; NaN where the raw loss is not finite and at
    /// the first and last finite points.
    public let residuals: [Double]
    /// The moving-median profile at each point; NaN where the raw loss is not finite.
    public let profile: [Double]
    /// The number of finite raw losses.
    public let finiteCount: Int
    /// The 0-based point of the profile's minimum (the first one when tied).
    public let profileMinimumIndex: Int
    /// The number of local scales the noise level is the median of.
    public let pointsUsed: Int
    /// The robust noise standard deviation: the median local scale of the pseudo-residuals before the
    /// profile's minimum.
    public let standardDeviation: Double
    /// The same median of ``ResidualModel``'s local scale of `raw − profile`: biased low where the curve
    /// is steep (see above); kept for comparison.
    public let profileStandardDeviation: Double

    /// Measures a run's noise.
    /// - Parameters:
    ///   - rawLosses: the per-batch losses, NaN where unknown.
    ///   - profileWindow: the centered moving median's window (odd; shortened for short runs).
    /// - Throws: ``SmoothingError`` when fewer than ``minimumFiniteLosses`` losses are finite.
    public init(rawLosses: [Double], profileWindow: Int = ResidualModel.defaultProfileWindow) throws(SmoothingError) {
        let model = try ResidualModel(rawLosses: rawLosses, profileWindow: profileWindow)
        let positions = model.finitePositions
        let m = positions.count
        var profile = [Double](repeating: .nan, count: rawLosses.count)
        for (k, position) in positions.enumerated() { profile[position] = model.profile[k] }
        // Pseudo-residuals at the interior finite points k = 1 … m−2.
        var pseudo: [Double] = []
        pseudo.reserveCapacity(m - 2)
        var residuals = [Double](repeating: .nan, count: rawLosses.count)
        for k in 1..<(m - 1) {
            let e = (rawLosses[positions[k - 1]] - 2 * rawLosses[positions[k]] + rawLosses[positions[k + 1]]) / 6.0.squareRoot()
            pseudo.append(e)
            residuals[positions[k]] = e
        }
        self.residuals = residuals
        self.profile = profile
        finiteCount = m
        var best = 0
        for k in model.profile.indices.dropFirst() where model.profile[k] < model.profile[best] { best = k }
        profileMinimumIndex = positions[best]
        let scales: [Double]
        do {
            scales = try MovingWindow.scaledMAD(pseudo, size: max(1, min(Self.scaleWindow, pseudo.count - (pseudo.count + 1) % 2)))
        } catch {
            throw SmoothingError(method: "noise", reason: error.reason)
        }
        // scales[i] belongs to finite point i + 1: keep those before the minimum.
        let before = best > 1 ? Array(scales[..<(best - 1)]) : scales
        pointsUsed = before.count
        standardDeviation = Quantiles.median(before)
        profileStandardDeviation = Quantiles.median(best > 0 ? Array(model.scales[..<best]) : model.scales)
    }
}
