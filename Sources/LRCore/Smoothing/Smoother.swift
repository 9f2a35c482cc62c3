import Foundation

/// A smoother of per-batch losses along a range test.
///
/// Every smoother works on *raw* per-batch losses (recovered by ingest when the log stored smoothed
/// values) and reports, besides the smoothed values, its effective lag at each point: the distance
/// between the point and the weighted mean position of the losses that made its value, in steps and
/// in decades of learning rate. A trailing smoother's lag shifts every suggestion computed on it
/// towards larger learning rates (frameworks.md §7.2).
///
/// **Non-finite losses.** A range test diverges by design, so NaN and ±inf are expected:
/// - the framework conventions (`fastai-ema`, `lightning-ema`, `torch-lr-finder-ema`) reproduce the
///   framework's own arithmetic, non-finite values included (fastai stores inf at an inf loss and NaN
///   after it; Lightning and torch-lr-finder carry inf until a NaN arrives);
/// - lrscope's own smoothers (`ema`, `window`, `median`, `spline`) treat a non-finite loss as
///   *missing*: it enters no average or fit, and the smoothed value (and lag) at that step is NaN.
public protocol Smoother: Sendable {
    /// The method with its parameters.
    var method: SmoothingMethod { get }
    /// Smooths raw losses.
    /// - Parameters:
    ///   - rawLosses: one per step, in order; NaN where unknown.
    ///   - learningRates: one per step (positive), for lags in decades and for the spline's axis.
    /// - Throws: ``SmoothingError`` when the smoother cannot run (too few finite points, bad parameters).
    func smooth(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> SmoothedSeries

    /// The smoothed values alone (no lags, no worked steps): what bootstrap replicates need.
    func values(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> [Double]
}

extension Smoother {
    public func values(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> [Double] {
        try smooth(rawLosses: rawLosses, learningRates: learningRates).values
    }
}

/// Smoothed values with the smoother's lag and a worked trace of its arithmetic.
public struct SmoothedSeries: Sendable, Equatable {
    public var values: [Double]
    /// Effective lag in steps: position − weighted mean position of the losses behind the value.
    public var lagSteps: [Double]
    /// Effective lag in decades of learning rate: log10(lr) − weighted mean of log10(lr) behind the value.
    public var lagDecades: [Double]
    /// Parameters the smoother chose or used (e.g. `lambda`, `df` for the spline).
    public var parameters: [(name: String, value: Double)]
    /// One row per point of the smoother's own arithmetic, for `smooth --explain`.
    public var workedSteps: [WorkedStep]

    public init(values: [Double], lagSteps: [Double], lagDecades: [Double],
                parameters: [(name: String, value: Double)] = [], workedSteps: [WorkedStep] = []) {
        self.values = values
        self.lagSteps = lagSteps
        self.lagDecades = lagDecades
        self.parameters = parameters
        self.workedSteps = workedSteps
    }

    public static func == (a: SmoothedSeries, b: SmoothedSeries) -> Bool {
        a.values.elementsEqual(b.values) { $0 == $1 || ($0.isNaN && $1.isNaN) }
            && a.parameters.map(\.name) == b.parameters.map(\.name)
    }
}

/// One step of a smoother's arithmetic: the running value before correction, the correction factor
/// applied to it, and the result (`result = running × correction` for the averages).
public struct WorkedStep: Sendable, Equatable {
    public var raw: Double
    public var running: Double
    public var correction: Double
    public var result: Double

    public init(raw: Double, running: Double, correction: Double, result: Double) {
        self.raw = raw
        self.running = running
        self.correction = correction
        self.result = result
    }
}

/// Why a smoother could not run.
public struct SmoothingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let method: String
    public let reason: String

    public init(method: String, reason: String) {
        self.method = method
        self.reason = reason
    }

    public var description: String { "\(method): \(reason)" }
}
