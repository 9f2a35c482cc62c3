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
