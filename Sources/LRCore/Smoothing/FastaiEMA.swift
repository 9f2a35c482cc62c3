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
        var worked: [WorkedStep] = []
        worked.reserveCapacity(rawLosses.count)
        let values = Self.run(rawLosses, beta: beta) { raw, running, denominator, result in
            worked.append(WorkedStep(raw: Double(raw), running: Double(running), correction: 1 / Double(denominator), result: Double(result)))
        }
        let lag = ExponentialAverageLag.lags(beta: beta, learningRates: learningRates,
                                             included: [Bool](repeating: true, count: rawLosses.count), seeded: false)
        return SmoothedSeries(values: values, lagSteps: lag.steps, lagDecades: lag.decades, workedSteps: worked)
    }

    public func values(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> [Double] {
        try SmoothingMethod.checkBeta(beta, method: method.name)
        return Self.run(rawLosses, beta: beta) { _, _, _, _ in }
    }

    /// fastai's arithmetic, once: float32 lerp and the float32 bias correction (β^n kept as a running
    /// product in double, within an ulp or two of Python's `β**n`).
    private static func run(_ rawLosses: [Double], beta: Double, _ step: (Float, Float, Float, Float) -> Void) -> [Double] {
        let weight = Float(beta)
        var value: Float = 0
        var betaPower = 1.0
        var values: [Double] = []
        values.reserveCapacity(rawLosses.count)
        for loss in rawLosses {
            let start = Float(loss)
            value = value - (value - start) * (1 - weight)
            betaPower *= beta
            let denominator = Float(1 - betaPower)
            let result = value / denominator
            values.append(Double(result))
            step(start, value, denominator, result)
        }
        return values
    }
}
