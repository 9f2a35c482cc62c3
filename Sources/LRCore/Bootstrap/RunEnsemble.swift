import Foundation
import LRNumerics

/// Several runs of one setup (repeated seeds) as the empirical distribution of curves and
/// suggestions: `--resampling runs`.
///
/// Runs are aligned by logged step (the schedule is the same, so a step is a learning rate); a run
/// that stopped early simply has no value at later steps.
/// - estimate: the mean of the runs' smoothed curves at each step;
/// - prediction band (another run's curve): the pointwise quantiles of the runs' curves, and the sup-t
///   band from their standard deviation;
/// - confidence band (the expected curve): the quantiles of the mean over runs resampled with
///   replacement.
/// Suggestion intervals are the quantiles of the runs' own suggestions in log10(lr) (prediction), or of
/// their resampled means (confidence).
///
/// With few runs the extreme quantiles are the extreme runs: 8 runs cannot give a 95% band much
/// narrower than their range.
public struct RunEnsemble: Sendable {
    public let steps: [Int]
    public let learningRates: [Double]
    /// `curves[j][t]`, NaN where run j has no finite value at step t.
    public let curves: [[Double]]
    /// `suggestions[j][h]`.
    public let suggestions: [[Suggestion]]

    public init(runs: [LearningRateCurve], analysis: ReplicateAnalysis) throws(SmoothingError) {
        guard runs.count >= 2 else {
            throw SmoothingError(method: "runs", reason: "needs at least 2 runs of one setup, found \(runs.count)")
        }
        var lrByStep: [Int: Double] = [:]
        for run in runs { for (s, lr) in zip(run.steps, run.learningRates) where lrByStep[s] == nil { lrByStep[s] = lr } }
        steps = lrByStep.keys.sorted()
        learningRates = steps.map { lrByStep[$0]! }
        let position = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1, $0) })
        var curves: [[Double]] = []
        var suggestions: [[Suggestion]] = []
        for run in runs {
            let raw = run.recoveredRawLosses().map { $0 ?? .nan }
            let result = analysis.analyze(rawLosses: raw, of: run)
            var aligned = [Double](repeating: .nan, count: steps.count)
            for (k, s) in run.steps.enumerated() { aligned[position[s]!] = result.smoothed[k] }
            curves.append(aligned)
            suggestions.append(result.suggestions)
        }
        self.curves = curves
        self.suggestions = suggestions
    }

    /// The band at `level`; `seed` drives the resampling of runs for the confidence band.
    public func band(kind: BandKind, level: Double, replicates: Int = 1000, seed: UInt64 = 1) -> CurveBand {
        let n = steps.count
        let estimate = (0..<n).map { t in CurveBand.mean(curves.map { $0[t] }) }
        switch kind {
        case .prediction:
            var band = CurveBand(estimate: estimate, replicates: [], kind: .prediction, level: level)
            var spread = [Double](repeating: .nan, count: n)
            for t in 0..<n {
                let column = curves.map { $0[t] }.filter(\.isFinite)
                guard column.count >= 2 else { continue }
                band.lower[t] = Quantiles.quantile(column, (1 - level) / 2)
                band.upper[t] = Quantiles.quantile(column, 1 - (1 - level) / 2)
                spread[t] = CurveBand.standardDeviation(column)
            }
            let maxima = curves.map { curve in
                (0..<n).filter { spread[$0].isFinite && spread[$0] > 0 && curve[$0].isFinite }
                    .map { abs(curve[$0] - estimate[$0]) / spread[$0] }.max() ?? .nan
            }
            let q = Quantiles.quantile(maxima, level)
            for t in 0..<n where spread[t].isFinite && q.isFinite {
                band.simultaneousLower[t] = estimate[t] - q * spread[t]
                band.simultaneousUpper[t] = estimate[t] + q * spread[t]
            }
            return band
        case .confidence:
            let random = RandomSource(seed: seed)
            var means: [[Double]] = []
            for b in 0..<replicates {
                random.reseed(RandomSource.replicateSeed(seed, b))
                let chosen = (0..<curves.count).map { _ in curves[random.uniformInt(curves.count)] }
                means.append((0..<n).map { t in CurveBand.mean(chosen.map { $0[t] }) })
            }
            return CurveBand(estimate: estimate, replicates: means, kind: .confidence, level: level)
        }
    }

    /// The interval of heuristic `h` across runs.
    public func interval(heuristic h: Int, kind: BandKind, level: Double) -> SuggestionInterval {
        let values = suggestions.map { $0.count > h ? $0[h] : .none("") }
        switch kind {
        case .prediction:
            let logs = values.compactMap { $0.learningRate.map(log10) }.filter(\.isFinite)
            var interval = SuggestionInterval(estimate: .none(""), replicates: values, runLength: steps.count, kind: .confidence, level: level)
            guard logs.count >= 2 else { return interval }
            let lo = Quantiles.quantile(logs, (1 - level) / 2), hi = Quantiles.quantile(logs, 1 - (1 - level) / 2)
            interval.lower = pow(10, lo)
            interval.upper = pow(10, hi)
            interval.spreadDecades = hi - lo
            return interval
        case .confidence:
            return SuggestionInterval(estimate: .none(""), replicates: values, runLength: steps.count, kind: .confidence, level: level)
        }
    }
}
