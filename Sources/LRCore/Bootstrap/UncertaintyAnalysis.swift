import LRNumerics

/// Bands and suggestion intervals for one run from residual bootstrap replicates: the entry point the
/// commands use.
public struct UncertaintyAnalysis: Sendable {
    public var resampling: ResamplingMethod
    public var analysis: ReplicateAnalysis
    public var replicates: Int
    public var seed: UInt64
    public var threads: Int
    /// The profile's window (``ResidualModel``).
    public var profileWindow: Int
    /// Called with the number of replicates done (from worker threads).
    public var progress: (@Sendable (Int) -> Void)?

    public init(resampling: ResamplingMethod, analysis: ReplicateAnalysis, replicates: Int, seed: UInt64, threads: Int,
                profileWindow: Int = ResidualModel.defaultProfileWindow) {
        self.profileWindow = profileWindow
        self.resampling = resampling
        self.analysis = analysis
        self.replicates = replicates
        self.seed = seed
        self.threads = threads
    }

    /// The replicates of one run, with its point estimate.
    public struct Result: Sendable {
        public var estimate: (smoothed: [Double], suggestions: [Suggestion])
        public var replicates: ReplicateSet
        public var resamplerName: String
    }

    /// Runs the bootstrap on `curve`'s raw losses.
    /// - Throws: ``SmoothingError`` when the raw losses are unknown or too few to model, or for
    ///   `runs`, which needs several runs (``RunEnsemble``).
    public func run(_ curve: LearningRateCurve) throws(SmoothingError) -> Result {
        guard curve.lossKind != .unknown else {
            throw SmoothingError(method: "bootstrap", reason: "the raw losses are unknown (pass --source)")
        }
        let raw = curve.recoveredRawLosses().map { $0 ?? .nan }
        let model = try ResidualModel(rawLosses: raw, profileWindow: profileWindow)
        guard let resampler = resampling.resampler(for: model) else {
            throw SmoothingError(method: "bootstrap", reason: "--resampling runs needs several runs of one setup and uses them instead of replicates")
        }
        var analysis = self.analysis
        if case .compat(.fastai, nil) = analysis.suggestions {
            // fastai's requested iterations come from the run's schedule, the same for every replicate.
            analysis.suggestions = .compat(.fastai, numIt: FrameworkCompatibility.fastaiRequestedIterations(curve, given: nil).0)
        }
        let estimate = analysis.analyze(rawLosses: raw, of: curve)
        let set = BootstrapRunner.run(curve: curve, model: model, resampler: resampler, analysis: analysis,
                                      replicates: replicates, seed: seed, threads: threads, progress: progress)
        return Result(estimate: estimate, replicates: set, resamplerName: resampler.name)
    }
}

extension UncertaintyAnalysis.Result {
    /// The curve band at `level`.
    public func band(kind: BandKind, level: Double) -> CurveBand {
        CurveBand(estimate: estimate.smoothed, replicates: replicates.smoothed, kind: kind, level: level)
    }

    /// One interval per suggestion of the point estimate.
    public func intervals(kind: BandKind, level: Double, of curve: LearningRateCurve) -> [SuggestionInterval] {
        intervals(around: estimate.suggestions, kind: kind, level: level, of: curve)
    }

    /// Intervals centred on given point estimates (e.g. a framework's exact answers on its stored losses).
    public func intervals(around estimates: [Suggestion], kind: BandKind, level: Double, of curve: LearningRateCurve) -> [SuggestionInterval] {
        let range = (curve.learningRates.min() ?? 1)...(curve.learningRates.max() ?? 1)
        return estimates.indices.map { h in
            SuggestionInterval(estimate: estimates[h],
                               replicates: replicates.suggestions.map { $0.count > h ? $0[h] : .none("replicate failed") },
                               runLength: curve.count, kind: kind, level: level, learningRateRange: range)
        }
    }
}
