/// PyTorch-Ignite's `FastaiLRFinder.lr_suggestion()`: cut the curve at its minimum ("ignore the
/// increasing part"), take central differences `0.5·(L[i+1] − L[i−1])` by index in float32, and
/// return the learning rate at the argmin + 1.
///
/// Needs at least 3 points up to the minimum (Ignite raises RuntimeError: "the curve should be somehow
/// U-shaped").
///
/// Reference: ignite/handlers/lr_finder.py `FastaiLRFinder.lr_suggestion`.
public struct IgniteGradient: SuggestionHeuristic {
    public let name = "ignite"
    public init() {}

    public func suggest(learningRates: [Double], losses: [Double]) -> Suggestion {
        let lossesF = losses.map(Float.init)
        guard let minimum = NumericalGradient.argmin(lossesF) else { return .none("no points") }
        let decreasing = Array(lossesF[...minimum])
        guard decreasing.count >= 3 else {
            return .none("the curve falls over fewer than 3 points before its minimum (Ignite raises RuntimeError: the curve should be somehow U-shaped)")
        }
        var grads: [Float] = []
        for i in 1..<(decreasing.count - 1) { grads.append(0.5 * (decreasing[i + 1] - decreasing[i - 1])) }
        let i = NumericalGradient.argmin(grads)! + 1
        return Suggestion(learningRate: learningRates[i], loss: losses[i], index: i)
    }
}
