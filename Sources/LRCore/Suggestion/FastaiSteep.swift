import Foundation

/// fastai's `steep`: the left end of the steepest segment against ln(lr).
///
/// `grads = (losses[1:] − losses[:-1]) / (lrs[1:].log() − lrs[:-1].log()); lrs[grads.argmin()]`, in
/// float32. On an exponential schedule this is the steepest forward difference by index.
///
/// Failure modes: a single noisy drop wins; on the stored (lagging) EMA the steepest point sits
/// about 1.5 decades to the right of the raw curve's.
///
/// Reference: fastai/callback/schedule.py `steep`.
public struct FastaiSteep: SuggestionHeuristic {
    public let name = "steep"
    public init() {}

    public func suggest(learningRates: [Double], losses: [Double]) -> Suggestion {
        guard losses.count >= 2 else { return .none("needs at least 2 points, found \(losses.count)") }
        let l: [Float] = losses.map(Float.init)
        let logs: [Float] = learningRates.map { Foundation.log(Float($0)) }
        var grads: [Float] = []
        grads.reserveCapacity(l.count - 1)
        for k in 0..<(l.count - 1) {
            let rise: Float = l[k + 1] - l[k]
            let run: Float = logs[k + 1] - logs[k]
            grads.append(rise / run)
        }
        let i = NumericalGradient.argmin(grads)!
        return Suggestion(learningRate: Double(Float(learningRates[i])), loss: Double(l[i]), index: i)
    }
}
