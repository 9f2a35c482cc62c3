import LRNumerics

/// A repeated-seed noise study of one setup (`lrscope study`): the runs' mean curve and across-run
/// band, their per-batch noise by step and by learning rate, each run's noise level, the split of the
/// run-to-run spread between named factors, and the scaling of the noise with the batch size.
///
/// Every run's raw losses are recovered (``LearningRateCurve/recoveredRawLosses()``) and:
/// - smoothed by `smoothing` (default a centered moving median of 11 steps, lag-free and robust to
///   spikes); the smoothed curves, aligned by logged step, give the mean curve and the pointwise
///   `level` band across runs (``RunEnsemble``);
/// - measured for per-batch noise (``RunNoise``: second-difference pseudo-residuals, robust to the
///   curve's trend, and a profile, a centered moving median of `profileWindow` steps, whose minimum
///   ends the stretch the noise level is taken over): ``stepNoise``, ``learningRateNoise`` and each
///   run's noise level;
/// - grouped by the factors' patterns (``FactorSplit``) and by the batch size that
///   `batchSizePattern` reads from the run's name or path (``BatchSizeScaling``).
///
/// Runs are aligned by logged step: the runs of one setup share the schedule, so a step is a learning
/// rate. A run that stopped early (fastai stops at divergence) has no value at later steps.
///
/// - Complexity: O(runs × steps × (factors + log window)).
/// - Throws: ``StudyError`` for fewer than 2 runs, a run whose loss kind is unknown, fewer than 2 runs
///   left after skipping, and a factor that matches fewer than 2 runs.
/// - Edge cases: NaN and ±inf losses are missing values everywhere (a range test diverges by design);
///   smoothed logs lose their raw losses from the first non-finite stored value on. A run with fewer
///   than ``RunNoise/minimumFiniteLosses`` finite raw losses is skipped and listed in ``skipped``.
///
/// Reference: Bouthillier et al. (2021), "Accounting for variance in machine learning benchmarks",
/// MLSys; the corpus noise studies (digits MLP, batch 16/64/256, same init / same data order).
public struct NoiseStudy: Sendable {
    /// One run of the study.
    public struct Run: Sendable, Equatable {
        public let name: String
        /// The batch size read from the run's name or path, `nil` when the pattern does not match.
        public let batchSize: Int?
        public let noise: RunNoise
        /// The minimum of the run's smoothed curve (NaN when it has no finite value).
        public let minimumLoss: Double
        /// The run's learning rate at that minimum (NaN when none).
        public let learningRateAtMinimum: Double
        /// The factors whose group holds this run, in the order they were given.
        public let factorNames: [String]
    }

    /// A run left out, and why.
    public struct SkippedRun: Sendable, Equatable {
        public let name: String
        public let reason: String
    }

    public let smoothing: SmoothingMethod
    public let profileWindow: Int
    /// The coverage of the across-run band (0.95: the 2.5% and 97.5% quantiles).
    public let level: Double
    /// The runs studied, in the order given.
    public let runs: [Run]
    public let skipped: [SkippedRun]

    /// The step grid: every logged step of any run, increasing.
    public let steps: [Int]
    /// The learning rate at each step (the first run's that has the step).
    public let learningRates: [Double]
    /// `curves[j][t]`: run j's smoothed curve on the grid, NaN where it has no finite value.
    public let curves: [[Double]]
    /// The mean of the smoothed curves at each step (over the finite ones).
    public let meanCurve: [Double]
    /// The across-run band: the (1 − level)/2 and 1 − (1 − level)/2 quantiles of the smoothed curves
    /// at each step; NaN where fewer than 2 runs are finite.
    public let lowerCurve: [Double]
    public let upperCurve: [Double]
    /// How many runs have a finite smoothed value at each step.
    public let curveRunCounts: [Int]
    /// The RMS of the runs' residuals at each step.
    public let stepNoise: StepNoise
    /// The RMS of the residuals in half-decade bins of learning rate.
    public let learningRateNoise: LearningRateBinNoise
    public let factorSplit: FactorSplit
    public let batchSizeScaling: BatchSizeScaling

    /// Makes the study.
    /// - Parameters:
    ///   - runs: runs of one setup (repeated seeds), at least 2.
    ///   - smoothing: the smoother of the curves (default a centered moving median of 11 steps).
    ///   - factors: named groups of runs, each of at least 2 runs (may be empty).
    ///   - batchSizePattern: reads the batch size from a run's name or path (default `bs(\d+)`).
    ///   - profileWindow: the noise profile's window (default 21, odd).
    ///   - level: the coverage of the across-run band, in (0, 1).
    public init(runs input: [LearningRateCurve], smoothing: SmoothingMethod = .median(size: 11, alignment: .centered),
                factors: [StudyFactor] = [], batchSizePattern: RunPattern = .defaultBatchSize,
                profileWindow: Int = ResidualModel.defaultProfileWindow, level: Double = 0.95) throws(StudyError) {
        guard input.count >= 2 else { throw StudyError(.tooFewRuns(found: input.count)) }
        if let unknown = input.first(where: { $0.lossKind == .unknown }) {
            throw StudyError(.unknownLossKind(run: unknown.runName))
        }
        var names = Set<String>()
        for factor in factors where !names.insert(factor.name).inserted { throw StudyError(.duplicateFactor(factor.name)) }

        var kept: [LearningRateCurve] = []
        var noises: [RunNoise] = []
        var skipped: [SkippedRun] = []
        for run in input {
            let raw = run.recoveredRawLosses().map { $0 ?? .nan }
            let finite = raw.lazy.filter(\.isFinite).count
            guard finite >= RunNoise.minimumFiniteLosses, let noise = try? RunNoise(rawLosses: raw, profileWindow: profileWindow) else {
                let what = finite == 0 ? "no finite raw losses" : "only \(finite) finite raw losses"
                skipped.append(SkippedRun(name: run.runName, reason: "\(what); a run needs at least \(RunNoise.minimumFiniteLosses)"))
                continue
            }
            kept.append(run)
            noises.append(noise)
        }
        guard kept.count >= 2 else { throw StudyError(.tooFewUsableRuns(found: kept.count, skipped: skipped.map(\.name))) }

        var members: [[Int]] = []
        for factor in factors {
            let group = kept.indices.filter { factor.pattern.matches(kept[$0]) }
            if group.isEmpty { throw StudyError(.factorMatchesNoRun(factor: factor.name, pattern: factor.pattern.pattern)) }
            if group.count == 1 {
                throw StudyError(.factorMatchesOneRun(factor: factor.name, pattern: factor.pattern.pattern, run: kept[group[0]].runName))
            }
            members.append(group)
        }

        let ensemble: RunEnsemble
        do {
            ensemble = try RunEnsemble(runs: kept, analysis: ReplicateAnalysis(smoothing: smoothing, suggestions: .own([])))
        } catch {
            throw StudyError(.tooFewUsableRuns(found: kept.count, skipped: skipped.map(\.name)))
        }
        let band = ensemble.band(kind: .prediction, level: level)
        let position = Dictionary(uniqueKeysWithValues: ensemble.steps.enumerated().map { ($1, $0) })
        let n = ensemble.steps.count

        var studied: [Run] = []
        var alignedResiduals: [[Double]] = []
        var lrResiduals: [(learningRate: Double, residual: Double)] = []
        let batchSizes = kept.map { batchSizePattern.batchSize(of: $0) }
        for (j, run) in kept.enumerated() {
            var aligned = [Double](repeating: .nan, count: n)
            var minimum = (loss: Double.nan, learningRate: Double.nan)
            for (k, step) in run.steps.enumerated() {
                let t = position[step]!
                aligned[t] = noises[j].residuals[k]
                lrResiduals.append((run.learningRates[k], noises[j].residuals[k]))
                let value = ensemble.curves[j][t]
                if value.isFinite && !(value >= minimum.loss) { minimum = (value, run.learningRates[k]) }
            }
            alignedResiduals.append(aligned)
            studied.append(Run(name: run.runName, batchSize: batchSizes[j], noise: noises[j], minimumLoss: minimum.loss,
                               learningRateAtMinimum: minimum.learningRate,
                               factorNames: factors.indices.filter { members[$0].contains(j) }.map { factors[$0].name }))
        }

        self.smoothing = smoothing
        self.profileWindow = profileWindow
        self.level = level
        self.runs = studied
        self.skipped = skipped
        steps = ensemble.steps
        learningRates = ensemble.learningRates
        curves = ensemble.curves
        meanCurve = band.estimate
        lowerCurve = band.lower
        upperCurve = band.upper
        curveRunCounts = (0..<n).map { t in ensemble.curves.lazy.filter { $0[t].isFinite }.count }
        stepNoise = StepNoise(residuals: alignedResiduals)
        learningRateNoise = LearningRateBinNoise(points: lrResiduals)
        let noiseLevels = noises.map(\.standardDeviation)
        factorSplit = FactorSplit(factors: factors, members: members, runNames: studied.map(\.name), curves: ensemble.curves, noise: noiseLevels)
        batchSizeScaling = BatchSizeScaling(batchSizes: batchSizes, noise: noiseLevels, curves: ensemble.curves)
    }
}
