import LRNumerics

/// The moving median of the finite losses in a window of `size` steps (centered or trailing,
/// truncated at the ends): robust to single-batch spikes, which a mean spreads over the window.
///
/// Non-finite losses are missing: the median is over the window's finite values, and the value at a
/// non-finite step is NaN. An even number of finite values gives the mean of the two middle ones.
///
/// - Complexity: O(n log size) with GSL's `gsl_movstat_median`; O(n · size log size) when some
///   losses are non-finite.
/// - Reference: GSL manual, "Moving Window Statistics"; Tukey (1977) running medians.
public struct MovingMedianSmoother: Smoother {
    public let size: Int
    public let alignment: MovingWindow.Alignment

    public init(size: Int, alignment: MovingWindow.Alignment) {
        self.size = size
        self.alignment = alignment
    }

    public var method: SmoothingMethod { .median(size: size, alignment: alignment) }

    public func smooth(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> SmoothedSeries {
        do {
            var values = try MovingWindow.finiteMedian(rawLosses, size: size, alignment: alignment)
            let lag = try WindowLag.lags(rawLosses: rawLosses, learningRates: learningRates, size: size, alignment: alignment)
            var worked: [WorkedStep] = []
            for k in rawLosses.indices {
                if !rawLosses[k].isFinite { values[k] = .nan }
                worked.append(WorkedStep(raw: rawLosses[k], running: values[k], correction: 1, result: values[k]))
            }
            return SmoothedSeries(values: values, lagSteps: lag.steps, lagDecades: lag.decades, workedSteps: worked)
        } catch {
            throw SmoothingError(method: method.name, reason: error.reason)
        }
    }

    public func values(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> [Double] {
        do {
            var values = try MovingWindow.finiteMedian(rawLosses, size: size, alignment: alignment)
            for k in rawLosses.indices where !rawLosses[k].isFinite { values[k] = .nan }
            return values
        } catch {
            throw SmoothingError(method: method.name, reason: error.reason)
        }
    }
}
