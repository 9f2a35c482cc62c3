import Foundation
import LRNumerics

/// The dependent wild bootstrap (Shao 2010): each residual stays at its step and is multiplied by a
/// smooth random weight series with mean 0, variance 1 and Bartlett-kernel covariance
/// `max(0, 1 − |s − t|/ℓ)` (a moving sum of ℓ standard normals, divided by √ℓ).
///
/// Keeps the local scale exactly (no standardization needed) and autocorrelation over about ℓ steps;
/// ℓ is the Politis–White circular block length of the standardized residuals.
///
/// - Complexity: O(n) per replicate.
/// - Reference: Shao (2010), "The dependent wild bootstrap", JASA 105:218–235.
public struct DependentWildResampler: Resampler {
    public let name = "wild"
    public let bandwidth: Int

    public init(bandwidth: Int) { self.bandwidth = max(1, bandwidth) }

    public func resample(_ model: ResidualModel, using random: RandomSource, into residuals: inout [Double]) {
        let n = model.count
        let normals = (0..<(n + bandwidth - 1)).map { _ in random.gaussian() }
        let norm = 1 / sqrt(Double(bandwidth))
        var window = normals[0..<bandwidth].reduce(0, +)
        residuals = [Double](repeating: 0, count: n)
        for k in 0..<n {
            if k > 0 { window += normals[k + bandwidth - 1] - normals[k - 1] }
            residuals[k] = model.residuals[k] * window * norm
        }
    }
}
