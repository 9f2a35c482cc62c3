import Foundation
import LRNumerics

/// Scores heuristics against one another over runs grouped by task: stability under resampling and
/// across seeds, failures, and — with a ground-truth sweep — regret.
///
/// For each run, every heuristic of lrscope's own analysis (raw losses smoothed by a lag-free
/// smoother) and, when the run's framework is known, that framework's own answers (`fastai/valley`,
/// `torch-lr-finder/gradient`, `lightning/gradient`, computed exactly as the framework does on what it
/// stored). Per heuristic and task:
/// - `medianLR`: median suggested learning rate over runs;
/// - `bootstrapSpread`: median over runs of the width (decades) of the 95% prediction interval from
///   stationary-bootstrap replicates (none for framework answers on logs whose raw losses are unknown);
/// - `seedSpread`: max − min of log10 of the runs' suggestions (decades), the spread across seeds;
/// - `failureRate`: share of runs with no answer or an answer at the first or last point;
/// - `regretDecades`: mean over runs of |log10 suggested − log10 best| (best of the sweep);
/// - `regretLoss`: mean over runs of (sweep's mean validation loss at the suggestion, interpolated in
///   log10 lr) − (best mean validation loss); +inf when a suggestion lands where a seed diverged.
/// Heuristics are ranked by `regretDecades` when the task has a sweep, else by stability
/// (`bootstrapSpread + seedSpread`, then `failureRate`).
public struct HeuristicComparison: Sendable {
    public struct Task: Sendable {
        public var name: String
        public var runs: [LearningRateCurve]
        public var sweep: LearningRateSweep?

        public init(name: String, runs: [LearningRateCurve], sweep: LearningRateSweep?) {
            self.name = name
            self.runs = runs
            self.sweep = sweep
        }
    }

    /// One heuristic's answer on one run.
    public struct Detail: Sendable {
        public var task: String
        public var run: String
        public var heuristic: String
        public var suggestion: Suggestion
        public var bootstrapSpread: Double?
        public var failed: Bool
        public var regretDecades: Double?
        public var regretLoss: Double?
        /// log10 suggestions of the replicates, NaN where none (for the agreement matrix).
        public var replicateLogs: [Double]
    }

    public struct Row: Sendable {
        public var task: String
        public var heuristic: String
        public var runs: Int
        public var medianLR: Double?
        public var bootstrapSpread: Double?
        public var seedSpread: Double?
        public var failureRate: Double
        public var regretDecades: Double?
        public var regretLoss: Double?
        public var rank: Int
        public var rankedBy: String
        public var bestLR: Double?
        public var outsideSweep: Int
    }

    public var smoothing: SmoothingMethod
    public var replicates: Int
    public var seed: UInt64
    public var threads: Int

    public init(smoothing: SmoothingMethod, replicates: Int, seed: UInt64, threads: Int) {
        self.smoothing = smoothing
        self.replicates = replicates
        self.seed = seed
        self.threads = threads
    }

    /// Every heuristic's answer on every run.
    public func details(for task: Task) -> [Detail] {
        var details: [Detail] = []
        for (r, run) in task.runs.enumerated() {
            var answers: [(name: String, suggestion: Suggestion, analysis: ReplicateAnalysis?)] = []
            if run.lossKind != .unknown, let own = try? run.suggestions(using: HeuristicCatalog.all, smoothing: smoothing) {
                let analysis = ReplicateAnalysis(smoothing: smoothing, suggestions: .own(HeuristicCatalog.all))
                answers += own.map { ($0.heuristic, $0.suggestion, analysis) }
            }
            if let framework = run.provenance.framework.flatMap(FrameworkCompatibility.init(rawValue:)) {
                let analysis = run.lossKind == .unknown ? nil : ReplicateAnalysis(smoothing: smoothing, suggestions: .compat(framework, numIt: nil))
                for (heuristic, suggestion) in framework.suggestions(for: run) {
                    let name = framework.qualifiedName(heuristic)
                    answers.append((name, suggestion, analysis))
                }
            }
            // One bootstrap per analysis kind, shared by its heuristics.
            var replicateSets: [String: (UncertaintyAnalysis.Result, Int)] = [:]
            for (h, answer) in answers.enumerated() {
                guard let analysis = answer.analysis, replicates > 0 else { continue }
                let key = answer.name.contains("/") ? "compat" : "own"
                if replicateSets[key] == nil,
                   let result = try? UncertaintyAnalysis(resampling: .stationary, analysis: analysis, replicates: replicates,
                                                         seed: seed &+ UInt64(r), threads: threads).run(run) {
                    replicateSets[key] = (result, h)
                }
            }
            for (h, answer) in answers.enumerated() {
                var spread: Double?
                var logs: [Double] = []
                let key = answer.name.contains("/") ? "compat" : "own"
                if answer.analysis != nil, let (result, first) = replicateSets[key] {
                    let column = h - first
                    let reps = result.replicates.suggestions.map { $0.count > column ? $0[column] : .none("") }
                    let range = (run.learningRates.min() ?? 1)...(run.learningRates.max() ?? 1)
                    spread = SuggestionInterval(estimate: answer.suggestion, replicates: reps, runLength: run.count,
                                                kind: .prediction, level: 0.95, learningRateRange: range).spreadDecades
                    logs = reps.map { $0.learningRate.map(log10) ?? .nan }
                }
                let failed = answer.suggestion.learningRate == nil || answer.suggestion.index == 0 || answer.suggestion.index == run.count - 1
                var regretDecades: Double?, regretLoss: Double?
                if let sweep = task.sweep, let lr = answer.suggestion.learningRate {
                    regretDecades = abs(log10(lr) - log10(sweep.bestLearningRate))
                    regretLoss = sweep.meanValidLoss(at: lr) - sweep.bestMeanValidLoss
                }
                details.append(Detail(task: task.name, run: run.runName, heuristic: answer.name, suggestion: answer.suggestion,
                                      bootstrapSpread: spread, failed: failed, regretDecades: regretDecades, regretLoss: regretLoss,
                                      replicateLogs: logs))
            }
        }
        return details
    }

    /// The leaderboard of one task (or of all tasks, from all their details).
    public static func rows(task: String, details: [Detail], sweep: LearningRateSweep?, hasTruth: Bool) -> [Row] {
        var names: [String] = []
        for d in details where !names.contains(d.heuristic) { names.append(d.heuristic) }
        var rows: [Row] = names.map { name in
            let mine = details.filter { $0.heuristic == name }
            let lrs = mine.compactMap(\.suggestion.learningRate)
            let logs = lrs.map(log10)
            let regrets = mine.compactMap(\.regretDecades)
            let losses = mine.compactMap(\.regretLoss)
            let spreads = mine.compactMap(\.bootstrapSpread)
            return Row(task: task, heuristic: name, runs: mine.count,
                       medianLR: lrs.isEmpty ? nil : Quantiles.median(lrs),
                       bootstrapSpread: spreads.isEmpty ? nil : Quantiles.median(spreads),
                       seedSpread: logs.count >= 2 ? logs.max()! - logs.min()! : nil,
                       failureRate: Double(mine.filter(\.failed).count) / Double(max(1, mine.count)),
                       regretDecades: regrets.isEmpty ? nil : regrets.reduce(0, +) / Double(regrets.count),
                       regretLoss: losses.isEmpty ? nil : losses.reduce(0, +) / Double(losses.count),
                       rank: 0, rankedBy: hasTruth ? "regret" : "stability", bestLR: sweep?.bestLearningRate,
                       outsideSweep: sweep.map { s in lrs.filter { !s.contains($0) }.count } ?? 0)
        }
        let order = rows.indices.sorted { a, b in
            if hasTruth {
                let ra = rows[a].regretDecades ?? .infinity, rb = rows[b].regretDecades ?? .infinity
                if ra != rb { return ra < rb }
                return rows[a].failureRate < rows[b].failureRate
            }
            let sa = (rows[a].bootstrapSpread ?? .infinity) + (rows[a].seedSpread ?? 0)
            let sb = (rows[b].bootstrapSpread ?? .infinity) + (rows[b].seedSpread ?? 0)
            if sa != sb { return sa < sb }
            return rows[a].failureRate < rows[b].failureRate
        }
        for (rank, i) in order.enumerated() { rows[i].rank = rank + 1 }
        return order.map { rows[$0] }
    }

    /// Median pairwise distance (decades) between two heuristics' suggestions over runs and replicates.
    public static func agreement(_ details: [Detail]) -> [(a: String, b: String, medianDistance: Double, pairs: Int)] {
        var names: [String] = []
        for d in details where !names.contains(d.heuristic) { names.append(d.heuristic) }
        var byRun: [String: [String: Detail]] = [:]
        for d in details { byRun["\(d.task)\u{1}\(d.run)", default: [:]][d.heuristic] = d }
        var out: [(String, String, Double, Int)] = []
        for i in names.indices {
            for j in names.indices where j > i {
                var distances: [Double] = []
                for run in byRun.values {
                    guard let a = run[names[i]], let b = run[names[j]] else { continue }
                    if let x = a.suggestion.learningRate, let y = b.suggestion.learningRate { distances.append(abs(log10(x) - log10(y))) }
                    for (x, y) in zip(a.replicateLogs, b.replicateLogs) where x.isFinite && y.isFinite { distances.append(abs(x - y)) }
                }
                if !distances.isEmpty { out.append((names[i], names[j], Quantiles.median(distances), distances.count)) }
            }
        }
        return out
    }
}
