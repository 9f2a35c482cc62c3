/// fastai's `minimum`: one tenth of the learning rate at the minimum loss.
///
/// `lr_min = lrs[losses.argmin()]; return lr_min/10`, in float32 as fastai computes it (the returned
/// value is float32(lr)/10 in double). The row's `index` and `loss` are those of the minimum itself.
///
/// Failure modes: on a curve that never rises the minimum is the last point, and /10 is a rule of thumb
/// with no theory behind it; a single low spike sets the answer.
///
/// Reference: fastai/callback/schedule.py `minimum`.
public struct FastaiMinimum: SuggestionHeuristic {
    public let name = "minimum"
    public init() {}

    public func suggest(learningRates: [Double], losses: [Double]) -> Suggestion {
        let lossesF = losses.map(Float.init)
        guard let i = NumericalGradient.argmin(lossesF) else { return .none("no points to take a minimum of") }
        return Suggestion(learningRate: Double(Float(learningRates[i])) / 10, loss: Double(lossesF[i]), index: i)
    }
}
