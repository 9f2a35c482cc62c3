/// torch-lr-finder's suggestion: the point of steepest descent by index,
/// `np.gradient(np.array(losses)).argmin()`, in double.
///
/// On an exponential schedule the index is proportional to log(lr), so this is the steepest point
/// against log(lr); on a linear schedule it is against lr. `LRFinder.plot` first drops 10 points at
/// the start and 5 at the end (see ``FrameworkCompatibility``). NaN in the gradient wins the argmin,
/// as in NumPy.
///
/// Failure modes: a wiggly curve has many local steep points ("not a fixable problem", issue #106);
/// on the stored EMA the answer lags to the right.
///
/// Reference: torch_lr_finder/lr_finder.py `LRFinder.plot(suggest_lr=True)`.
public struct TorchLRFinderGradient: SuggestionHeuristic {
    public let name = "torch-lr-finder"
    public init() {}

    public func suggest(learningRates: [Double], losses: [Double]) -> Suggestion {
        guard losses.count >= 2 else { return .none("needs at least 2 points, found \(losses.count)") }
        let i = NumericalGradient.argmin(NumericalGradient.byIndex(losses))!
        return Suggestion(learningRate: learningRates[i], loss: losses[i], index: i)
    }
}
