import Foundation

/// lrscope's own suggestion: the steepest descent of a lag-free smoothed curve against log10(lr),
/// before the smoothed minimum.
///
/// Meant for losses smoothed by a centered or spline smoother (no lag, unlike the frameworks' EMAs,
/// whose steepest point sits 1–2 decades to the right). The gradient is taken against log10(lr) with
/// the second-order formula for uneven spacing (Lightning's first gap is double), only over the
/// finite points up to the minimum of the smoothed curve, so the diverging tail cannot win.
///
/// Needs at least 3 finite points up to the minimum.
///
/// Reference: Smith (2017) "Cyclical Learning Rates", §3.3 (the LR where the loss falls fastest);
/// frameworks.md §7.3 (the bias of EMA-based and linear-LR gradients).
public struct SteepestDescent: SuggestionHeuristic {
    public let name = "steepest"
    public init() {}

    public func suggest(learningRates: [Double], losses: [Double]) -> Suggestion {
        let finite = losses.indices.filter { losses[$0].isFinite }
        guard let minimumAt = finite.min(by: { losses[$0] < losses[$1] }) else { return .none("no finite losses") }
        let kept = finite.filter { $0 <= minimumAt }
        guard kept.count >= 3 else {
            return .none("the smoothed curve falls over fewer than 3 points before its minimum")
        }
        let gradient = NumericalGradient.byCoordinates(kept.map { losses[$0] }, kept.map { log10(learningRates[$0]) })
        let best = NumericalGradient.argmin(gradient)!
        let i = kept[best]
        return Suggestion(learningRate: learningRates[i], loss: losses[i], index: i)
    }
}
