import Foundation
import LRNumerics

/// The lag of an equal-weight moving window, written once for the mean and the median: each point's
/// position minus the mean position of the finite points in its window, and the same in log10(lr).
///
/// For a centered window this is 0 in the interior and grows only where the window is truncated at
/// the ends; a trailing window of size N lags (N−1)/2 steps. For the median the weights depend on the
/// data, so the equal-weight lag of the same window is reported as its typical value.
enum WindowLag {
    static func lags(rawLosses: [Double], learningRates: [Double], size: Int,
                     alignment: MovingWindow.Alignment) throws(GSLError) -> (steps: [Double], decades: [Double]) {
        let finite = rawLosses.map(\.isFinite)
        let positions = rawLosses.indices.map { finite[$0] ? Double($0) : .nan }
        let logRates = learningRates.indices.map { finite[$0] ? log10(learningRates[$0]) : .nan }
        let meanPosition = try MovingWindow.finiteMean(positions, size: size, alignment: alignment).means
        let meanLogRate = try MovingWindow.finiteMean(logRates, size: size, alignment: alignment).means
        var steps = [Double](repeating: .nan, count: rawLosses.count)
        var decades = steps
        for k in rawLosses.indices where finite[k] {
            steps[k] = Double(k) - meanPosition[k]
            decades[k] = log10(learningRates[k]) - meanLogRate[k]
        }
        return (steps, decades)
    }
}
