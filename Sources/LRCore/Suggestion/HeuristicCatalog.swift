/// Every heuristic by its CLI name, in the order reports list them.
public enum HeuristicCatalog {
    public static let all: [any SuggestionHeuristic] = [
        FastaiMinimum(), FastaiSteep(), FastaiValley(), FastaiSlide(), TorchLRFinderGradient(),
        LightningGradient(variant: .linearLearningRate), LightningGradient(variant: .index), IgniteGradient(), SteepestDescent(),
    ]

    public static var names: [String] { all.map(\.name) }

    public static func named(_ name: String) -> (any SuggestionHeuristic)? {
        all.first { $0.name == name }
    }
}

extension LearningRateCurve {
    /// lrscope's own suggestions: the raw losses smoothed by `smoothing`, then each heuristic applied to
    /// the finite smoothed points, with no framework trimming; indices are rows of the run.
    ///
    /// - Throws: ``SmoothingError`` when the smoother cannot run on this run.
    public func suggestions(using heuristics: [any SuggestionHeuristic], smoothing: SmoothingMethod) throws(SmoothingError)
        -> [(heuristic: String, suggestion: Suggestion)] {
        let smoothed = try self.smoothed(by: smoothing).values
        let kept = smoothed.indices.filter { smoothed[$0].isFinite }
        let lrs = kept.map { learningRates[$0] }
        let values = kept.map { smoothed[$0] }
        return heuristics.map { heuristic in
            var s = heuristic.suggest(learningRates: lrs, losses: values)
            s.index = s.index.map { kept[$0] }
            let note = "on the \(smoothing.name) smoothing of the raw losses"
            s.note = s.note.isEmpty ? note : s.note + "; " + note
            return (heuristic.name, s)
        }
    }
}
