/// fastai's `slide` (Andrew Chang, Novetta): slides a pair of points `lrDifference` apart leftwards
/// from the right end of the curve until the index gradients at the two ends differ by at most
/// `threshold`, and returns the learning rate at the left end.
///
/// `loss_grad = np.gradient(losses)` (by index) in float32; the comparison `|g[r] − g[l]| > thresh`
/// happens in float32 too (NumPy 2 treats the Python float as weak). With fewer than `lrDifference + 1`
/// points fastai raises IndexError: here the answer is empty with a note.
///
/// Failure modes: `threshold` is in absolute loss units per step, so the rule depends on the loss's
/// scale (cross-entropy of 10 classes versus a standardized MSE); it needs more than 15 points.
///
/// Reference: fastai/callback/schedule.py `slide`; forums.fast.ai "Automated Learning Rate Suggester".
public struct FastaiSlide: SuggestionHeuristic {
    public let name = "slide"
    public let lrDifference: Int
    public let threshold: Double

    public init(lrDifference: Int = 15, threshold: Double = 0.005) {
        self.lrDifference = lrDifference
        self.threshold = threshold
    }

    public func suggest(learningRates: [Double], losses: [Double]) -> Suggestion {
        let n = losses.count
        guard n > lrDifference else {
            return .none("slide needs more than \(lrDifference) points, found \(n) (fastai raises IndexError here)")
        }
        let grad = NumericalGradient.byIndex(losses.map(Float.init))
        let thresh = Float(threshold)
        var right = n - 1
        var left = right - lrDifference
        var chosen = left
        while left >= 0 && abs(grad[right] - grad[left]) > thresh {
            chosen = left
            right -= 1
            left -= 1
        }
        return Suggestion(learningRate: Double(Float(learningRates[chosen])), loss: Double(Float(losses[chosen])), index: chosen)
    }
}
