import LRNumerics

/// A new batch ordering: the standardized residuals permuted across steps and rescaled by the local
/// scale at their new position, so that heteroscedastic noise near divergence stays where it is.
///
/// Keeps the marginal distribution of the standardized noise; destroys its autocorrelation (right
/// when batches are exchangeable and the weights carry little of one batch into the next).
///
/// - Complexity: O(n) per replicate.
public struct PermutationResampler: Resampler {
    public let name = "permute"
    public init() {}

    public func resample(_ model: ResidualModel, using random: RandomSource, into residuals: inout [Double]) {
        var shuffled = model.standardized
        random.shuffle(&shuffled)
        residuals = zip(shuffled, model.scales).map { $0 * $1 }
    }
}
