/// A suggested learning rate, or why there is none.
public struct Suggestion: Sendable, Equatable {
    /// The suggested learning rate; `nil` when the heuristic has no answer.
    public var learningRate: Double?
    /// The loss at the point the heuristic chose (for fastai's `minimum`, the minimum itself).
    public var loss: Double?
    /// The 0-based row of that point in the run.
    public var index: Int?
    /// Why there is no answer, or how the answer was reached (trimming, inferred parameters).
    public var note: String

    public init(learningRate: Double?, loss: Double?, index: Int?, note: String = "") {
        self.learningRate = learningRate
        self.loss = loss
        self.index = index
        self.note = note
    }

    /// No answer, with the reason.
    public static func none(_ note: String) -> Suggestion {
        Suggestion(learningRate: nil, loss: nil, index: nil, note: note)
    }

    /// This suggestion with its index moved by `offset` and a note appended.
    func shifted(by offset: Int, note extra: String = "") -> Suggestion {
        var copy = self
        copy.index = index.map { $0 + offset }
        if !extra.isEmpty { copy.note = copy.note.isEmpty ? extra : copy.note + "; " + extra }
        return copy
    }
}

/// A rule that picks a learning rate from a loss curve.
///
/// Heuristics receive the points they are to look at (already trimmed and in the arithmetic their
/// framework uses); indices in the result are positions in those arrays.
public protocol SuggestionHeuristic: Sendable {
    /// The CLI name (`--heuristics`).
    var name: String { get }
    /// Picks a learning rate. Never throws: no answer is a ``Suggestion`` with a note.
    func suggest(learningRates: [Double], losses: [Double]) -> Suggestion
}
