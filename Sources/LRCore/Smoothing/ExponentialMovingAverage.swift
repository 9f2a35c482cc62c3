import Foundation

/// lrscope's exponential moving average: `v_n = β·v_{n−1} + (1−β)·l_n` from `v_0 = 0`, optionally
/// debiased by `1/(1 − β^n)` (Adam's correction), where n counts the finite losses so far.
///
/// Non-finite losses are missing (see ``Smoother``): they do not update `v` and give NaN.
/// Without debiasing, the first values are pulled towards zero (at n = 1 the value is (1−β)·l₁).
///
/// - Complexity: O(n).
/// - Reference: Kingma & Ba 2015 (the bias correction); fastai `AvgSmoothLoss` for the same formula.
public struct ExponentialMovingAverage: Smoother {
    public let beta: Double
    public let debias: Bool

    public init(beta: Double, debias: Bool) {
        self.beta = beta
        self.debias = debias
    }

    public var method: SmoothingMethod { .ema(beta: beta, debias: debias) }

    public func smooth(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> SmoothedSeries {
        try SmoothingMethod.checkBeta(beta, method: method.name)
        var values = [Double](repeating: .nan, count: rawLosses.count)
        var worked = [WorkedStep](repeating: WorkedStep(raw: .nan, running: .nan, correction: .nan, result: .nan), count: rawLosses.count)
        var average = 0.0
        var betaPower = 1.0
        for (k, loss) in rawLosses.enumerated() where loss.isFinite {
            average = beta * average + (1 - beta) * loss
            betaPower *= beta
            let correction = debias ? 1 / (1 - betaPower) : 1
            values[k] = average * correction
            worked[k] = WorkedStep(raw: loss, running: average, correction: correction, result: values[k])
        }
        for k in rawLosses.indices where !rawLosses[k].isFinite { worked[k].raw = rawLosses[k] }
        let lag = ExponentialAverageLag.lags(beta: beta, learningRates: learningRates, included: rawLosses.map(\.isFinite), seeded: false)
        return SmoothedSeries(values: values, lagSteps: lag.steps, lagDecades: lag.decades, workedSteps: worked)
    }
}
