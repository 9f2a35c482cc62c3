import Foundation

/// fastai's `AvgSmoothLoss`, exactly: `val = torch.lerp(loss, val, β)` in float32 from `val = 0`, and
/// the stored value `val / (1 − β^n)` for the n-th batch.
///
/// The arithmetic follows PyTorch's CPU `lerp` kernel for weight ≥ 0.5,
/// `end − (end − start)·(1 − weight)`, in float32 with β rounded to float32, and the division by the
/// float32 rounding of the double `1 − β**n`. So an inf loss stores inf and every later value is NaN,
/// as in fastai (inf − inf).
///
/// - Complexity: O(n).
/// - Reference: fastai/learner.py `AvgSmoothLoss` (`accumulate`, `value`); aten/src/ATen/native/cpu/LerpKernel.cpp.
public struct FastaiEMA: Smoother {
    public let beta: Double

    public init(beta: Double = SmoothingConvention.defaultBeta) { self.beta = beta }

    public var method: SmoothingMethod { .fastaiEMA(beta: beta) }

    public func smooth(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> SmoothedSeries {
        try SmoothingMethod.checkBeta(beta, method: method.name)
        let weight = Float(beta)
        var value: Float = 0
        var values: [Double] = []
        var worked: [WorkedStep] = []
        values.reserveCapacity(rawLosses.count)
        for (k, loss) in rawLosses.enumerated() {
            let start = Float(loss)
            value = value - (value - start) * (1 - weight)
            let denominator = Float(1 - pow(beta, Double(k + 1)))
            let result = value / denominator
            values.append(Double(result))
            worked.append(WorkedStep(raw: Double(start), running: Double(value), correction: 1 / Double(denominator), result: Double(result)))
        }
        let lag = ExponentialAverageLag.lags(beta: beta, learningRates: learningRates,
                                             included: [Bool](repeating: true, count: rawLosses.count), seeded: false)
        return SmoothedSeries(values: values, lagSteps: lag.steps, lagDecades: lag.decades, workedSteps: worked)
    }
}
