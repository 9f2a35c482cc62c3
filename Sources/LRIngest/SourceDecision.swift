import LRCore

/// Decides what a run's stored losses are (`--source`), and says how, for `inspect`.
///
/// With `--source auto` (the default), only what the log itself shows is used; anything else is
/// reported as unknown (raw losses are then not recovered), never silently guessed:
/// - logger formats (TensorBoard, MLflow, Lightning `metrics.csv`, W&B) store the values as logged:
///   raw, and so does a `raw_loss` series;
/// - Keras batch logs are running means over each epoch;
/// - an `{lr, loss}` JSON history whose first log-LR gap is twice the others is Lightning's
///   `lr_finder.results` (its `_ExponentialLR` skips one exponent after the first point);
/// - an `{lr, loss}` history on a uniform grid is torch-lr-finder's `history.json`, which holds
///   smoothed losses with the default `smooth_f = 0.05` but raw ones with `smooth_f = 0`: the file
///   does not say which, so the kind is unknown until `--source torch-lr-finder` or `--source raw`;
/// - a two-column `lr,loss` table on an exponential grid is fastai's recorder export
///   (`recorder.lrs`, `recorder.losses`), which holds fastai's debiased EMA.
///
/// Reference: `../shared/reference/frameworks.md` §1.2, §2.2, §3.2–3.3, §4.1, §8; `../shared/CLI.md`.
struct SourceDecision {
    var kind: LossKind
    var framework: String?
    var explanation: String
    var warnings: [String] = []

    static func decide(table: SeriesTable, lossName: String, learningRates: [Double], losses: [Double],
                       options: IngestOptions) -> SourceDecision {
        let beta = options.sourceBeta ?? SmoothingConvention.defaultBeta
        let smoothF = options.smoothF ?? options.sourceBeta.map { 1 - $0 } ?? SmoothingConvention.defaultSmoothF
        switch options.source {
        case .raw:
            return SourceDecision(kind: .raw, framework: nil, explanation: "--source raw")
        case .fastai:
            return SourceDecision(kind: .smoothed(.fastai(beta: beta)), framework: "fastai", explanation: "--source fastai")
        case .lightning:
            return SourceDecision(kind: .smoothed(.lightning(beta: beta)), framework: "lightning", explanation: "--source lightning")
        case .torchLRFinder:
            return SourceDecision(kind: .smoothed(.torchLRFinder(smoothF: smoothF)), framework: "torch-lr-finder",
                                  explanation: "--source torch-lr-finder")
        case .keras:
            return SourceDecision(kind: .smoothed(.kerasRunningMean), framework: "keras", explanation: "--source keras")
        case .auto:
            break
        }

        if table.format.isLogger {
            return SourceDecision(kind: .raw, framework: nil,
                                  explanation: "logger format (\(table.format.rawValue)) stores values as logged: raw")
        }
        if lossName.lowercased() == "raw_loss" {
            return SourceDecision(kind: .raw, framework: nil, explanation: "a 'raw_loss' series is raw")
        }
        let steps = Array(0..<learningRates.count)
        let schedule = LearningRateSchedule(steps: steps, learningRates: learningRates)
        switch table.hint {
        case .kerasBatchLog:
            return SourceDecision(kind: .smoothed(.kerasRunningMean), framework: "keras",
                                  explanation: "Keras batch log: the loss is the running mean over each epoch")
        case .historyJSON:
            if case .exponential = schedule.shape, schedule.firstGapIsDouble {
                return SourceDecision(kind: .smoothed(.lightning(beta: beta)), framework: "lightning",
                                      explanation: "{lr, loss} history whose first log-LR gap is twice the others: Lightning lr_finder.results (debiased EMA)")
            }
            if case .exponential = schedule.shape {
                return SourceDecision(kind: .unknown, framework: "torch-lr-finder",
                                      explanation: "{lr, loss} history on a uniform log-LR grid: torch-lr-finder history.json, smoothed with smooth_f = 0.05 by default but raw with smooth_f = 0; the file does not say which: pass --source torch-lr-finder or --source raw")
            }
            if case .linear = schedule.shape {
                return SourceDecision(kind: .unknown, framework: "torch-lr-finder",
                                      explanation: "{lr, loss} history on a linear LR grid: torch-lr-finder (step_mode='linear'); smoothed or raw is not recorded: pass --source torch-lr-finder or --source raw")
            }
            return SourceDecision(kind: .unknown, framework: nil,
                                  explanation: "{lr, loss} history with an irregular LR grid: framework unknown; pass --source")
        case .recorderCSV:
            if case .exponential = schedule.shape, !schedule.firstGapIsDouble {
                return SourceDecision(kind: .smoothed(.fastai(beta: beta)), framework: "fastai",
                                      explanation: "two-column lr,loss table on an exponential LR grid: fastai recorder export (recorder.losses is fastai's debiased EMA); pass --source raw if these are raw losses")
            }
            return SourceDecision(kind: .unknown, framework: nil,
                                  explanation: "lr,loss table whose LR grid is not fastai's exponential one: smoothing unknown; pass --source")
        case .none:
            return SourceDecision(kind: .unknown, framework: nil,
                                  explanation: "nothing in the log says whether '\(lossName)' is raw or smoothed: pass --source raw or the framework")
        }
    }
}
