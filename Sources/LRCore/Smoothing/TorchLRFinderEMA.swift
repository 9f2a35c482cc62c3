import Foundation

/// torch-lr-finder's smoothing, exactly: the first loss as is, then
/// `loss = smooth_f·loss + (1 − smooth_f)·previous` in double (β = 1 − smooth_f). No bias correction
/// is needed because the average is seeded with the first loss.
///
/// Non-finite losses follow Python's float arithmetic (inf carried until a NaN).
///
/// - Complexity: O(n).
/// - Reference: torch_lr_finder/lr_finder.py `LRFinder.range_test`.
public struct TorchLRFinderEMA: Smoother {
    public let smoothF: Double

    public init(smoothF: Double = SmoothingConvention.defaultSmoothF) { self.smoothF = smoothF }

    public var method: SmoothingMethod { .torchLRFinderEMA(smoothF: smoothF) }

    public func smooth(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> SmoothedSeries {
        guard smoothF > 0 && smoothF <= 1 else {
            throw SmoothingError(method: method.name, reason: "smooth_f must be in (0, 1], got \(smoothF)")
        }
        var values: [Double] = []
        var worked: [WorkedStep] = []
        for (k, loss) in rawLosses.enumerated() {
            let result = k == 0 ? loss : smoothF * loss + (1 - smoothF) * values[k - 1]
            values.append(result)
            worked.append(WorkedStep(raw: loss, running: result, correction: 1, result: result))
        }
        let lag = ExponentialAverageLag.lags(beta: 1 - smoothF, learningRates: learningRates,
                                             included: [Bool](repeating: true, count: rawLosses.count), seeded: true)
        return SmoothedSeries(values: values, lagSteps: lag.steps, lagDecades: lag.decades, workedSteps: worked)
    }
}
