/// How a framework turned per-batch losses into the values it stored.
///
/// Each convention is exactly invertible (see ``LearningRateCurve/recoveredRawLosses()``), so the
/// per-batch losses can be recovered from what a user exported.
///
/// References: fastai `AvgSmoothLoss` (fastai/learner.py), Lightning `_LRCallback`
/// (lightning/pytorch/tuner/lr_finder.py), torch-lr-finder `LRFinder.range_test`
/// (torch_lr_finder/lr_finder.py), Keras batch logs (tensorflow#36400, keras#17167).
public enum SmoothingConvention: Sendable, Equatable {
    /// fastai's debiased EMA: `v_n = β·v_{n−1} + (1−β)·l_n`, `v_0 = 0`, stored `v_n / (1 − β^n)`, n = 1, 2, …
    case fastai(beta: Double)
    /// Lightning's debiased EMA with its off-by-one exponent: stored `v_k / (1 − β^{k+2})` for batch k = 0, 1, …
    /// (the finder is assumed to start at global step 0).
    case lightning(beta: Double)
    /// torch-lr-finder's EMA seeded with the first loss: `s_0 = l_0`, `s_k = f·l_k + (1−f)·s_{k−1}`.
    case torchLRFinder(smoothF: Double)
    /// Keras' running mean over the current epoch: `m_b = (l_0 + … + l_b)/(b+1)` for batch b of an epoch.
    case kerasRunningMean

    /// fastai's and Lightning's default β.
    public static let defaultBeta = 0.98
    /// torch-lr-finder's default `smooth_f`.
    public static let defaultSmoothF = 0.05

    /// The framework's name as the CLI spells it (`--source`).
    public var frameworkName: String {
        switch self {
        case .fastai: "fastai"
        case .lightning: "lightning"
        case .torchLRFinder: "torch-lr-finder"
        case .kerasRunningMean: "keras"
        }
    }

    /// The β of the EMA (1 − smooth_f for torch-lr-finder); `nil` for the running mean.
    public var beta: Double? {
        switch self {
        case .fastai(let beta), .lightning(let beta): beta
        case .torchLRFinder(let smoothF): 1 - smoothF
        case .kerasRunningMean: nil
        }
    }

    /// A one-line human description, e.g. "fastai debiased EMA, β = 0.98".
    public var summary: String {
        switch self {
        case .fastai(let beta): "fastai debiased EMA, beta \(beta)"
        case .lightning(let beta): "Lightning debiased EMA (off-by-one exponent), beta \(beta)"
        case .torchLRFinder(let f): "torch-lr-finder EMA seeded with the first loss, smooth_f \(f) (beta \(1 - f))"
        case .kerasRunningMean: "Keras running mean over each epoch"
        }
    }
}
