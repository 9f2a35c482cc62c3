import Foundation

/// Lightning's `_LRCallback` smoothing, exactly: `avg = β·avg + (1−β)·loss` in double from 0, stored
/// `avg / (1 − β^{current_step + 1})` where `current_step = trainer.global_step` has already been
/// incremented, so batch k (from 0) is divided by `1 − β^{k+2}`: the first value is (1−β)/(1−β²) ≈
/// 0.505 of the first loss, and the curve rises artificially over the first tens of points
/// (Lightning issue #14167). Assumes the finder started at global step 0.
///
/// Non-finite losses follow Python's float arithmetic: inf is carried until a NaN arrives.
///
/// - Complexity: O(n).
/// - Reference: lightning/pytorch/tuner/lr_finder.py `_LRCallback.on_train_batch_end`.
public struct LightningEMA: Smoother {
    public let beta: Double

    public init(beta: Double = SmoothingConvention.defaultBeta) { self.beta = beta }

    public var method: SmoothingMethod { .lightningEMA(beta: beta) }

    public func smooth(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> SmoothedSeries {
        try SmoothingMethod.checkBeta(beta, method: method.name)
        var average = 0.0
        var values: [Double] = []
        var worked: [WorkedStep] = []
        for (k, loss) in rawLosses.enumerated() {
            average = beta * average + (1 - beta) * loss
            let correction = 1 / (1 - pow(beta, Double(k + 2)))
            let result = average / (1 - pow(beta, Double(k + 2)))
            values.append(result)
            worked.append(WorkedStep(raw: loss, running: average, correction: correction, result: result))
        }
        let lag = ExponentialAverageLag.lags(beta: beta, learningRates: learningRates,
                                             included: [Bool](repeating: true, count: rawLosses.count), seeded: false)
        return SmoothedSeries(values: values, lagSteps: lag.steps, lagDecades: lag.decades, workedSteps: worked)
    }
}
