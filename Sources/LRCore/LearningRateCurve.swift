/// One learning-rate range test: an ordered series of (step, learning rate, loss) and what is known
/// about it.
///
/// A curve checks its invariants when built: at least one point, parallel arrays of equal length,
/// strictly increasing steps and positive finite learning rates. Losses may be NaN or ±inf: a range
/// test diverges by design, and non-finite losses are data, not errors. Learning rates are kept
/// exactly as recorded (Lightning's first gap is double, fastai never reaches `end_lr`); a run whose
/// rates do not increase is accepted and reported by ``learningRatesIncrease``.
public struct LearningRateCurve: Sendable, Equatable {
    /// The run's name: the one the log records, else the input path.
    public var runName: String
    /// Step values as logged (not necessarily 0, 1, 2, …).
    public let steps: [Int]
    /// Learning rates as recorded.
    public let learningRates: [Double]
    /// Losses as stored (raw or smoothed, see ``lossKind``).
    public let losses: [Double]
    /// Keras batch index within its epoch for each point, when the log says (running means reset per epoch).
    public let batchIndicesInEpoch: [Int]?
    /// What the stored losses are.
    public var lossKind: LossKind
    /// Where the run came from.
    public var provenance: Provenance

    /// Builds a curve, checking its invariants.
    /// - Throws: ``CurveError`` naming the first offending point.
    public init(runName: String, steps: [Int], learningRates: [Double], losses: [Double],
                batchIndicesInEpoch: [Int]? = nil, lossKind: LossKind, provenance: Provenance) throws(CurveError) {
        guard steps.count == learningRates.count, steps.count == losses.count,
              batchIndicesInEpoch.map({ $0.count == steps.count }) ?? true else {
            throw CurveError(kind: .mismatchedLengths(steps: steps.count, learningRates: learningRates.count,
                                                      losses: losses.count), index: nil)
        }
        guard !steps.isEmpty else { throw CurveError(kind: .empty, index: nil) }
        for (i, lr) in learningRates.enumerated() where !(lr.isFinite && lr > 0) {
            throw CurveError(kind: .invalidLearningRate(lr), index: i)
        }
        for i in steps.indices.dropFirst() where steps[i] <= steps[i - 1] {
            throw CurveError(kind: .nonIncreasingStep(previous: steps[i - 1], current: steps[i]), index: i)
        }
        self.runName = runName
        self.steps = steps
        self.learningRates = learningRates
        self.losses = losses
        self.batchIndicesInEpoch = batchIndicesInEpoch
        self.lossKind = lossKind
        self.provenance = provenance
    }

    /// The number of points.
    public var count: Int { steps.count }

    /// The number of points whose loss is finite.
    public var finiteLossCount: Int { losses.lazy.filter(\.isFinite).count }

    /// The first 0-based index where the learning rate does not increase, or `nil` when it increases throughout.
    public var firstNonIncreasingLearningRate: Int? {
        learningRates.indices.dropFirst().first { learningRates[$0] <= learningRates[$0 - 1] }
    }

    /// Whether the learning rates strictly increase, as a range test's do.
    public var learningRatesIncrease: Bool { firstNonIncreasingLearningRate == nil }
}
