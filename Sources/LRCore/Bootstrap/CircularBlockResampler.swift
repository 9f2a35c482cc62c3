import LRNumerics

/// The circular block bootstrap of the standardized residuals (Politis & Romano 1992): blocks of
/// fixed length starting at uniform positions, wrapping around the end, rescaled by the local scale.
///
/// Keeps autocorrelation up to the block length (chosen by Politis–White with the Patton–Politis–
/// White correction); wrapping gives every point the same chance to be drawn.
///
/// - Complexity: O(n) per replicate.
public struct CircularBlockResampler: Resampler {
    public let name = "circular-block"
    public let blockLength: Int

    public init(blockLength: Int) { self.blockLength = max(1, blockLength) }

    public func resample(_ model: ResidualModel, using random: RandomSource, into residuals: inout [Double]) {
        let n = model.count
        residuals = [Double](repeating: 0, count: n)
        var k = 0
        while k < n {
            let start = random.uniformInt(n)
            for j in 0..<blockLength where k < n {
                residuals[k] = model.standardized[(start + j) % n] * model.scales[k]
                k += 1
            }
        }
    }
}
