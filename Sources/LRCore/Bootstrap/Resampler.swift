import LRNumerics

/// Draws the per-batch noise of one bootstrap replicate from a ``ResidualModel``.
///
/// A resampler returns new residuals (one per modelled point); the replicate is the profile plus
/// them. Resamplers differ in what they keep of the noise: its marginal distribution (all), its
/// local scale (all: standardized residuals are rescaled, or the wild bootstrap multiplies in
/// place), its autocorrelation (blocks, wild), its order (none: a new batch ordering).
///
/// The band and interval logic is written once against this protocol (``BootstrapRunner``).
public protocol Resampler: Sendable {
    var name: String { get }
    func resample(_ model: ResidualModel, using random: RandomSource, into residuals: inout [Double])
}

/// The resampling schemes by their CLI names (`--resampling`).
public enum ResamplingMethod: String, Sendable, CaseIterable {
    case permute
    case circularBlock = "circular-block"
    case stationary
    case wild
    /// The empirical distribution across several runs of one setup (not a residual resampler).
    case runs

    /// The resampler for a run's model, with block lengths chosen for it (Politis–White).
    public func resampler(for model: ResidualModel) -> (any Resampler)? {
        let lengths = OptimalBlockLength(model.standardized)
        switch self {
        case .permute: return PermutationResampler()
        case .circularBlock: return CircularBlockResampler(blockLength: max(1, Int(lengths.circular.rounded(.up))))
        case .stationary: return StationaryBootstrapResampler(meanBlockLength: max(1, lengths.stationary))
        case .wild: return DependentWildResampler(bandwidth: max(1, Int(lengths.circular.rounded(.up))))
        case .runs: return nil
        }
    }
}
