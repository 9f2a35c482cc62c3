import LRNumerics

/// The stationary bootstrap of the standardized residuals (Politis & Romano 1994): blocks of
/// geometric length with mean `meanBlockLength` — each next index follows the previous one (wrapping)
/// with probability 1 − 1/mean, else starts anew uniformly — rescaled by the local scale.
///
/// The replicate series is stationary, unlike the circular bootstrap's; block length by Politis–White.
///
/// - Complexity: O(n) per replicate.
/// - Reference: Politis & Romano (1994), JASA 89:1303–1313.
public struct StationaryBootstrapResampler: Resampler {
    public let name = "stationary"
    public let meanBlockLength: Double

    public init(meanBlockLength: Double) { self.meanBlockLength = max(1, meanBlockLength) }

    public func resample(_ model: ResidualModel, using random: RandomSource, into residuals: inout [Double]) {
        let n = model.count
        let restart = 1 / meanBlockLength
        residuals = [Double](repeating: 0, count: n)
        var index = random.uniformInt(n)
        for k in 0..<n {
            if k > 0 {
                index = random.uniform() < restart ? random.uniformInt(n) : (index + 1) % n
            }
            residuals[k] = model.standardized[index] * model.scales[k]
        }
    }
}
