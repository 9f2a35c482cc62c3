import Foundation

/// Each framework's own suggestion, computed as the framework computes it on what it stored:
/// its trimming, its non-finite handling and its floating-point arithmetic (`suggest --compat`).
///
/// - fastai: `recorder.lrs[num_it//10:-5]` and `recorder.losses[num_it//10:-5]` as float32 tensors,
///   cut before the first NaN loss, then `minimum`, `steep`, `valley`, `slide`. The head trim depends on
///   the *requested* iterations `num_it`, not on the points recorded (a run stopped by divergence records
///   fewer): give it with `numIt`, else it is inferred from the exponential schedule and fastai's
///   default `end_lr = 10`, else taken as the number of points (the note says which).
/// - torch-lr-finder: `history[10:-5]` (needs 17 points, else RuntimeError), then the index gradient.
/// - Lightning 2.6: `results[10:-1]`, non-finite dropped, gradient against linear lr.
///
/// Reference: fastai/callback/schedule.py `Learner.lr_find`; torch_lr_finder `LRFinder.plot`;
/// lightning/pytorch/tuner/lr_finder.py `_LRFinder.suggestion`.
public enum FrameworkCompatibility: String, Sendable, CaseIterable {
    case fastai
    case torchLRFinder = "torch-lr-finder"
    case lightning

    /// A framework heuristic's name next to lrscope's own: `fastai/valley`, `torch-lr-finder/gradient`,
    /// `lightning/gradient`.
    public func qualifiedName(_ heuristic: String) -> String {
        self == .fastai ? "fastai/\(heuristic)" : "\(rawValue)/gradient"
    }

    /// The suggestions this framework gives for the stored losses of `curve`, one per heuristic it has.
    public func suggestions(for curve: LearningRateCurve, numIt: Int? = nil) -> [(heuristic: String, suggestion: Suggestion)] {
        let iterations = self == .fastai ? Self.fastaiRequestedIterations(curve, given: numIt) : (0, "")
        return suggestions(learningRates: curve.learningRates, losses: curve.losses, numIt: iterations)
    }

    /// The same on plain arrays, with fastai's requested iterations already resolved (bootstrap
    /// replicates share their run's schedule, so it is resolved once).
    func suggestions(learningRates lrs: [Double], losses: [Double], numIt resolved: (Int, String)) -> [(heuristic: String, suggestion: Suggestion)] {
        let count = losses.count
        switch self {
        case .fastai:
            let (iterations, howNumIt) = resolved
            let start = iterations / 10
            let end = count - 5
            var trimmedEnd = max(start, end)
            if start < trimmedEnd, let nan = (start..<trimmedEnd).first(where: { Float(losses[$0]).isNaN }) { trimmedEnd = nan }
            let heuristics: [any SuggestionHeuristic] = [FastaiMinimum(), FastaiSteep(), FastaiValley(), FastaiSlide()]
            let note = "fastai range [\(start):\(trimmedEnd)] of \(count) points (num_it \(iterations)\(howNumIt))"
            guard start < trimmedEnd else {
                return heuristics.map { ($0.name, .none("no points left after fastai's trimming: \(note)")) }
            }
            let window = start..<trimmedEnd
            return heuristics.map { heuristic in
                let s = heuristic.suggest(learningRates: Array(lrs[window]), losses: Array(losses[window]))
                return (heuristic.name, s.shifted(by: start, note: s.learningRate == nil ? "" : note))
            }
        case .torchLRFinder:
            guard count >= 17 else {
                return [("torch-lr-finder", .none("torch-lr-finder needs at least 17 points (skip_start 10 + skip_end 5 + 2) and raises RuntimeError; found \(count)"))]
            }
            let window = 10..<(count - 5)
            let s = TorchLRFinderGradient().suggest(learningRates: Array(lrs[window]), losses: Array(losses[window]))
            return [("torch-lr-finder", s.shifted(by: 10))]
        case .lightning:
            guard count - 1 > 10 else {
                return [("lightning", .none("Failed to compute suggestion: Lightning's range [10:-1] of \(count) points is empty"))]
            }
            let window = 10..<(count - 1)
            let s = LightningGradient().suggest(learningRates: Array(lrs[window]), losses: Array(losses[window]))
            return [("lightning", s.shifted(by: 10))]
        }
    }

    /// fastai's requested iterations: given, or inferred from the schedule, or the number of points; with
    /// a note saying how.
    ///
    /// fastai records `lr_i = start·(end/start)^(i/num_it)` for i < num_it (and stops early on
    /// divergence), so `start·r^num_it = end_lr` for the ratio r per step. The inference takes the
    /// smallest m ≥ the points recorded with `start·r^m` = 10 (fastai's default `end_lr`), else the
    /// smallest such m with `start·r^m` a power of ten (users pick round end rates), else the points.
    /// The most iterations inferred for fastai's `num_it` (its default is 100; real runs use up to thousands).
    static let maximumInferredIterations = 1_000_000

    static func fastaiRequestedIterations(_ curve: LearningRateCurve, given: Int?) -> (Int, String) {
        if let given { return (given, ", from --num-it") }
        if case .exponential(let ratio) = curve.schedule.shape, ratio > 1, let first = curve.learningRates.first {
            let decadesPerStep = log10(ratio)
            let count = curve.count
            func endExponent(_ m: Int) -> Double { log10(first) + Double(m) * decadesPerStep }
            func isInteger(_ x: Double) -> Bool { abs(x - x.rounded()) < 1e-6 }
            let exact = (1 - log10(first)) / decadesPerStep
            if exact < Double(maximumInferredIterations), isInteger(exact), Int(exact.rounded()) >= count {
                return (Int(exact.rounded()), ", inferred from the exponential schedule with fastai's default end_lr 10")
            }
            // A power-of-ten end rate within 20 decades of the start, and within maximumInferredIterations
            // steps: a nearly flat schedule (ratio 1 + 1e-12) would otherwise search for ~10^13 steps.
            let limit = count + Int(min(20 / decadesPerStep, Double(maximumInferredIterations))) + 1
            if let m = (count...max(count, limit)).first(where: { isInteger(endExponent($0)) }) {
                return (m, ", inferred from the exponential schedule ending at end_lr 1e\(Int(endExponent(m).rounded()))")
            }
        }
        return (curve.count, ", assumed equal to the points recorded: pass --num-it if the run stopped early")
    }
}
