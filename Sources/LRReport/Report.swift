import Foundation
import LRCore

/// Everything `lrscope report` writes, computed once from the runs: smoothed curves, bands,
/// suggestions with intervals and the heuristics' scores.
public struct Report: Sendable {
    public struct Options: Sendable {
        public var smoothing: SmoothingMethod = .median(size: 11, alignment: .centered)
        public var resampling: ResamplingMethod = .stationary
        public var replicates = 1000
        public var level = 0.95
        public var seed: UInt64 = 1
        public var threads = 1
        /// Heuristics marked on the plot (all are in the tables).
        public var plotted = ["valley", "minimum", "steepest"]
        public init() {}
    }

    public struct Input: Sendable {
        public var path: String
        public var bytes: Int
        public var sha256: String
        public init(path: String, bytes: Int, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// One run's analysis.
    public struct Run: Sendable {
        public var curve: LearningRateCurve
        public var rawLosses: [Double?]
        /// Every smoother's values, in ``SmoothingMethod/names`` order (NaN where a smoother failed).
        public var smoothed: [(method: String, values: [Double])]
        public var estimate: [Double]
        public var confidence: CurveBand?
        public var prediction: CurveBand?
        public var suggestions: [(heuristic: String, suggestion: Suggestion, interval: SuggestionInterval?)]
        /// Why the bootstrap could not run, if it could not.
        public var bootstrapNote: String?
    }

    public var version: String
    public var options: Options
    public var inputs: [Input]
    public var runs: [Run]
    public var scores: [HeuristicComparison.Row]
    public var sweep: LearningRateSweep?

    /// Analyses the runs.
    public static func build(curves: [LearningRateCurve], inputs: [Input], sweep: LearningRateSweep?, options: Options, version: String,
                             progress: (@Sendable (Int) -> Void)? = nil) -> Report {
        var runs: [Run] = []
        let allMethods: [SmoothingMethod] = [
            .ema(beta: 0.98, debias: true), .fastaiEMA(beta: 0.98), .lightningEMA(beta: 0.98), .torchLRFinderEMA(smoothF: 0.05),
            .window(size: 11, alignment: .centered), .median(size: 11, alignment: .centered), .spline(penalty: .degreesOfFreedom(10), basisCount: nil),
        ]
        for curve in curves {
            let raw = curve.recoveredRawLosses()
            let known = curve.lossKind != .unknown
            let smoothed = allMethods.map { method -> (String, [Double]) in
                let values = known ? ((try? curve.smoothed(by: method).values) ?? []) : []
                return (method.name, values.isEmpty ? [Double](repeating: .nan, count: curve.count) : values)
            }
            let estimate = known ? ((try? curve.smoothed(by: options.smoothing).values) ?? []) : []
            var run = Run(curve: curve, rawLosses: raw, smoothed: smoothed,
                          estimate: estimate.isEmpty ? [Double](repeating: .nan, count: curve.count) : estimate,
                          confidence: nil, prediction: nil, suggestions: [], bootstrapNote: nil)
            // lrscope's own heuristics with bootstrap intervals.
            var own: [(String, Suggestion)] = []
            if known, let s = try? curve.suggestions(using: HeuristicCatalog.all, smoothing: options.smoothing) { own = s }
            var intervals: [SuggestionInterval?] = own.map { _ in nil }
            if known {
                var analysis = UncertaintyAnalysis(resampling: options.resampling == .runs ? .stationary : options.resampling,
                                                   analysis: ReplicateAnalysis(smoothing: options.smoothing, suggestions: .own(HeuristicCatalog.all)),
                                                   replicates: options.replicates, seed: options.seed, threads: options.threads)
                analysis.progress = progress
                do {
                    let result = try analysis.run(curve)
                    run.confidence = result.band(kind: .confidence, level: options.level)
                    run.prediction = result.band(kind: .prediction, level: options.level)
                    intervals = result.intervals(around: own.map(\.1), kind: .prediction, level: options.level, of: curve)
                } catch {
                    run.bootstrapNote = "\(error)"
                }
            } else {
                run.bootstrapNote = "raw losses unknown: \(curve.provenance.lossKindDecision)"
            }
            run.suggestions = own.indices.map { (own[$0].0, own[$0].1, intervals[$0]) }
            // The framework's own answers on what it stored.
            if let framework = curve.provenance.framework.flatMap(FrameworkCompatibility.init(rawValue:)) {
                for (heuristic, suggestion) in framework.suggestions(for: curve) {
                    let name = framework.qualifiedName(heuristic)
                    run.suggestions.append((name, suggestion, nil))
                }
            }
            runs.append(run)
        }
        let comparison = HeuristicComparison(smoothing: options.smoothing, replicates: min(options.replicates, 200), seed: options.seed, threads: options.threads)
        let task = HeuristicComparison.Task(name: sweep?.name ?? "runs", runs: curves, sweep: sweep)
        let scores = HeuristicComparison.rows(task: task.name, details: comparison.details(for: task), sweep: sweep, hasTruth: sweep != nil)
        return Report(version: version, options: options, inputs: inputs, runs: runs, scores: scores, sweep: sweep)
    }
}
