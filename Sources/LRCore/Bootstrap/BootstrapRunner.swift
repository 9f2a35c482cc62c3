import Dispatch
import Foundation
import LRNumerics

/// What is recomputed on every replicate: the same smoothing and suggestions as the point estimate.
public struct ReplicateAnalysis: Sendable {
    public enum Suggestions: Sendable {
        /// lrscope's own heuristics on the smoothed replicate.
        case own([any SuggestionHeuristic])
        /// A framework's own rule on its own smoothing of the replicate (`--compat`).
        case compat(FrameworkCompatibility, numIt: Int?)
    }

    public var smoothing: SmoothingMethod
    public var suggestions: Suggestions

    public init(smoothing: SmoothingMethod, suggestions: Suggestions) {
        self.smoothing = smoothing
        self.suggestions = suggestions
    }

    /// For `--compat`, the framework's smoother (what it stores); the chosen smoother otherwise.
    public var effectiveSmoothing: SmoothingMethod {
        guard case .compat(let framework, _) = suggestions else { return smoothing }
        switch framework {
        case .fastai: return .fastaiEMA(beta: SmoothingConvention.defaultBeta)
        case .torchLRFinder: return .torchLRFinderEMA(smoothF: SmoothingConvention.defaultSmoothF)
        case .lightning: return .lightningEMA(beta: SmoothingConvention.defaultBeta)
        }
    }

    /// The smoothed curve and the suggestions for one set of raw losses of `curve`'s schedule.
    public func analyze(rawLosses: [Double], of curve: LearningRateCurve) -> (smoothed: [Double], suggestions: [Suggestion]) {
        let smoother = effectiveSmoothing.smoother
        let smoothed = (try? smoother.values(rawLosses: rawLosses, learningRates: curve.learningRates))
            ?? [Double](repeating: .nan, count: rawLosses.count)
        switch suggestions {
        case .own(let heuristics):
            let kept = smoothed.indices.filter { smoothed[$0].isFinite }
            let lrs = kept.map { curve.learningRates[$0] }
            let values = kept.map { smoothed[$0] }
            return (smoothed, heuristics.map { heuristic in
                var s = heuristic.suggest(learningRates: lrs, losses: values)
                s.index = s.index.map { kept[$0] }
                return s
            })
        case let .compat(framework, numIt):
            let iterations = framework == .fastai ? FrameworkCompatibility.fastaiRequestedIterations(curve, given: numIt) : (0, "")
            return (smoothed, framework.suggestions(learningRates: curve.learningRates, losses: smoothed, numIt: iterations).map(\.suggestion))
        }
    }
}

/// Every replicate's smoothed curve and suggestions.
public struct ReplicateSet: Sendable {
    /// `smoothed[b][t]`.
    public var smoothed: [[Double]]
    /// `suggestions[b][h]`.
    public var suggestions: [[Suggestion]]
}

/// Runs bootstrap replicates in parallel, deterministically.
///
/// Replicate b draws from a generator seeded with (seed, b), whichever thread runs it, and results are
/// stored by replicate number, so the output depends on the seed only, not on `threads`.
public enum BootstrapRunner {
    public static func run(curve: LearningRateCurve, model: ResidualModel, resampler: any Resampler,
                           analysis: ReplicateAnalysis, replicates: Int, seed: UInt64, threads: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) -> ReplicateSet {
        let store = ReplicateStore(count: replicates)
        let workers = max(1, min(threads, replicates))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let random = RandomSource(seed: seed)
            var residuals: [Double] = []
            var raw: [Double] = []
            for b in stride(from: worker, to: replicates, by: workers) {
                random.reseed(RandomSource.replicateSeed(seed, b))
                resampler.resample(model, using: random, into: &residuals)
                model.replicate(residuals: residuals, into: &raw)
                let done = store.set(b, analysis.analyze(rawLosses: raw, of: curve))
                progress?(done)
            }
        }
        return store.result
    }

    /// The number of cores to use by default.
    public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Per-replicate slots written by distinct threads (each index by exactly one).
private final class ReplicateStore: @unchecked Sendable {
    private var smoothed: [[Double]]
    private var suggestions: [[Suggestion]]
    private let lock = NSLock()
    private var done = 0

    init(count: Int) {
        smoothed = [[Double]](repeating: [], count: count)
        suggestions = [[Suggestion]](repeating: [], count: count)
    }

    /// Stores replicate b; returns how many replicates are done.
    func set(_ b: Int, _ value: (smoothed: [Double], suggestions: [Suggestion])) -> Int {
        lock.lock()
        defer { lock.unlock() }
        smoothed[b] = value.smoothed
        suggestions[b] = value.suggestions
        done += 1
        return done
    }

    var result: ReplicateSet { ReplicateSet(smoothed: smoothed, suggestions: suggestions) }
}
