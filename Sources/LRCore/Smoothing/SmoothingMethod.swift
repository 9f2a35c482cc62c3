import LRNumerics

/// The smoothers lrscope offers, with their parameters; the names are `smooth --method`'s.
public enum SmoothingMethod: Sendable, Equatable {
    case ema(beta: Double, debias: Bool)
    case fastaiEMA(beta: Double)
    case lightningEMA(beta: Double)
    case torchLRFinderEMA(smoothF: Double)
    case window(size: Int, alignment: MovingWindow.Alignment)
    case median(size: Int, alignment: MovingWindow.Alignment)
    case spline(penalty: PenalizedSplineSmoother.Penalty, basisCount: Int?)

    /// The CLI names, in `--method all` order.
    public static let names = ["ema", "fastai-ema", "lightning-ema", "torch-lr-finder-ema", "window", "median", "spline"]

    public var name: String {
        switch self {
        case .ema: "ema"
        case .fastaiEMA: "fastai-ema"
        case .lightningEMA: "lightning-ema"
        case .torchLRFinderEMA: "torch-lr-finder-ema"
        case .window: "window"
        case .median: "median"
        case .spline: "spline"
        }
    }

    /// The smoother that implements this method.
    public var smoother: any Smoother {
        switch self {
        case let .ema(beta, debias): ExponentialMovingAverage(beta: beta, debias: debias)
        case .fastaiEMA(let beta): FastaiEMA(beta: beta)
        case .lightningEMA(let beta): LightningEMA(beta: beta)
        case .torchLRFinderEMA(let f): TorchLRFinderEMA(smoothF: f)
        case let .window(size, alignment): MovingMeanSmoother(size: size, alignment: alignment)
        case let .median(size, alignment): MovingMedianSmoother(size: size, alignment: alignment)
        case let .spline(penalty, basis): PenalizedSplineSmoother(penalty: penalty, basisCount: basis)
        }
    }

    static func checkBeta(_ beta: Double, method: String) throws(SmoothingError) {
        guard beta >= 0 && beta < 1 else {
            throw SmoothingError(method: method, reason: "beta must be in [0, 1), got \(beta)")
        }
    }
}

extension LearningRateCurve {
    /// This run's raw losses smoothed by `method`.
    ///
    /// Raw losses that cannot be recovered (unknown convention; after the first non-finite stored
    /// value) are NaN for the smoother.
    public func smoothed(by method: SmoothingMethod) throws(SmoothingError) -> SmoothedSeries {
        let raw = recoveredRawLosses().map { $0 ?? .nan }
        return try method.smoother.smooth(rawLosses: raw, learningRates: learningRates)
    }
}

extension SmoothingConvention {
    /// The smoother that reproduces this convention, or `nil` for Keras' running mean (which restarts
    /// every epoch and has no smoother of its own here).
    public var smoothingMethod: SmoothingMethod? {
        switch self {
        case .fastai(let beta): .fastaiEMA(beta: beta)
        case .lightning(let beta): .lightningEMA(beta: beta)
        case .torchLRFinder(let f): .torchLRFinderEMA(smoothF: f)
        case .kerasRunningMean: nil
        }
    }
}

extension LearningRateCurve {
    /// The lag of the smoothing in the stored losses at the middle point, in steps and decades of LR;
    /// `nil` for raw or unknown losses and for Keras running means.
    public var storedSmoothingLagAtMidRun: (steps: Double, decades: Double)? {
        guard case .smoothed(let convention) = lossKind, let method = convention.smoothingMethod, count > 0 else { return nil }
        let ones = [Double](repeating: 1, count: count)
        guard let series = try? method.smoother.smooth(rawLosses: ones, learningRates: learningRates) else { return nil }
        let middle = count / 2
        return (series.lagSteps[middle], series.lagDecades[middle])
    }
}
