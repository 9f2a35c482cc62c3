/// Lightning's `_LRFinder.suggestion()`: the steepest point after dropping non-finite losses.
///
/// - ``Variant/linearLearningRate`` (Lightning ≥ 2.5.3, PR #21055): `torch.gradient(losses,
///   spacing=[lrs])` — against the *linear* learning rate — in float32, argmin, mapped back to the
///   row of the original run.
/// - ``Variant/index`` (Lightning ≤ 2.5.2): `torch.gradient(losses)` by index; the argmin's position
///   among the finite points is used as if no point had been dropped (a known offset bug, kept for
///   fidelity; the returned index is that shifted one).
///
/// Both need at least two finite points; fewer give no answer ("Failed to compute suggestion").
///
/// Failure modes: d loss/d lr = (d loss/d log lr)/lr pulls the linear-LR argmin strongly towards
/// small rates, which broke suggestions on noisy curves (issue #21141).
///
/// Reference: lightning/pytorch/tuner/lr_finder.py `_LRFinder.suggestion`.
public struct LightningGradient: SuggestionHeuristic {
    public enum Variant: Sendable { case linearLearningRate, index }

    public let variant: Variant
    public var name: String { variant == .linearLearningRate ? "lightning" : "lightning-2.5" }

    public init(variant: Variant = .linearLearningRate) { self.variant = variant }

    public func suggest(learningRates: [Double], losses: [Double]) -> Suggestion {
        let lossesF = losses.map(Float.init)
        let finite = lossesF.indices.filter { lossesF[$0].isFinite }
        guard finite.count >= 2 else {
            return .none("Failed to compute suggestion: needs at least 2 finite losses, found \(finite.count)")
        }
        let l = finite.map { lossesF[$0] }
        let gradient: [Float]
        switch variant {
        case .linearLearningRate: gradient = NumericalGradient.byCoordinates(l, finite.map { Float(learningRates[$0]) })
        case .index: gradient = NumericalGradient.byIndex(l)
        }
        let best = NumericalGradient.argmin(gradient)!
        let i = variant == .linearLearningRate ? finite[best] : best
        return Suggestion(learningRate: learningRates[i], loss: losses[i], index: i)
    }
}
