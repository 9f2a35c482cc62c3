import LRNumerics

/// The moving mean of the finite losses in a window of `size` steps, centered (zero lag in the
/// interior) or trailing (lag (size−1)/2), truncated at the ends.
///
/// Non-finite losses are missing: windows average their finite values, and the value at a
/// non-finite step is NaN.
///
/// - Complexity: O(n), with GSL's `gsl_movstat_sum`.
/// - Reference: GSL manual, "Moving Window Statistics".
public struct MovingMeanSmoother: Smoother {
    public let size: Int
    public let alignment: MovingWindow.Alignment

    public init(size: Int, alignment: MovingWindow.Alignment) {
        self.size = size
        self.alignment = alignment
    }

    public var method: SmoothingMethod { .window(size: size, alignment: alignment) }

    public func smooth(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> SmoothedSeries {
        do {
            let (means, counts) = try MovingWindow.finiteMean(rawLosses, size: size, alignment: alignment)
            let lag = try WindowLag.lags(rawLosses: rawLosses, learningRates: learningRates, size: size, alignment: alignment)
            var values = means
            var worked: [WorkedStep] = []
            for k in rawLosses.indices {
                if !rawLosses[k].isFinite { values[k] = .nan }
                let correction = counts[k] > 0 ? 1 / Double(counts[k]) : .nan
                worked.append(WorkedStep(raw: rawLosses[k], running: means[k] * Double(counts[k]), correction: correction, result: values[k]))
            }
            return SmoothedSeries(values: values, lagSteps: lag.steps, lagDecades: lag.decades, workedSteps: worked)
        } catch {
            throw SmoothingError(method: method.name, reason: error.reason)
        }
    }
}
