/// A violated invariant of a ``LearningRateCurve``, naming the 0-based point where it happens.
public struct CurveError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The run has no points.
        case empty
        /// The parallel arrays differ in length.
        case mismatchedLengths(steps: Int, learningRates: Int, losses: Int)
        /// A learning rate is zero, negative, NaN or infinite.
        case invalidLearningRate(Double)
        /// A step value equals or precedes the one before it.
        case nonIncreasingStep(previous: Int, current: Int)
    }

    public let kind: Kind
    /// The 0-based point where the violation is, when it concerns one point.
    public let index: Int?

    public var description: String {
        switch kind {
        case .empty: "no data points"
        case let .mismatchedLengths(s, l, o): "mismatched lengths: \(s) steps, \(l) learning rates, \(o) losses"
        case .invalidLearningRate(let lr): "expected a positive finite learning rate, found \(formatForMessage(lr))"
        case let .nonIncreasingStep(p, c):
            c == p ? "duplicate step \(c)" : "step \(c) comes after step \(p); expected increasing steps"
        }
    }
}

/// Formats a number for an error message the way a user would type it.
func formatForMessage(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    return "\(x)"
}
