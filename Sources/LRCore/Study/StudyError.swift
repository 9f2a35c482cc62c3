/// Why a noise study (``NoiseStudy``) could not be made from the runs it was given.
public struct StudyError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// Fewer than two runs were given: a spread across runs needs two.
        case tooFewRuns(found: Int)
        /// Fewer than two runs are left once the runs without enough finite raw losses are skipped.
        case tooFewUsableRuns(found: Int, skipped: [String])
        /// A run's loss kind is unknown, so its raw losses cannot be recovered.
        case unknownLossKind(run: String)
        /// A pattern is not a valid regular expression.
        case invalidPattern(pattern: String, reason: String)
        /// A factor's pattern matches none of the runs.
        case factorMatchesNoRun(factor: String, pattern: String)
        /// A factor's pattern matches a single run: a between-run variance needs two.
        case factorMatchesOneRun(factor: String, pattern: String, run: String)
        /// Two factors have the same name.
        case duplicateFactor(String)
    }

    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case .tooFewRuns(let found):
            "study needs at least 2 runs of one setup, found \(found)"
        case let .tooFewUsableRuns(found, skipped):
            "study needs at least 2 runs of one setup with at least \(RunNoise.minimumFiniteLosses) finite raw losses, found \(found)"
                + (skipped.isEmpty ? "" : " (skipped: \(skipped.joined(separator: ", ")))")
        case .unknownLossKind(let run):
            "\(run): the loss kind is unknown, so the raw losses cannot be recovered; pass --source raw if the log holds raw losses, or --source fastai|torch-lr-finder|lightning|keras for the smoothing it carries"
        case let .invalidPattern(pattern, reason):
            "invalid regular expression '\(pattern)': \(reason)"
        case let .factorMatchesNoRun(factor, pattern):
            "factor '\(factor)': pattern '\(pattern)' matches no run name or path; a factor's pattern selects the runs in which only that factor varies"
        case let .factorMatchesOneRun(factor, pattern, run):
            "factor '\(factor)': pattern '\(pattern)' matches only one run (\(run)); a between-run variance needs at least 2"
        case .duplicateFactor(let name):
            "factor '\(name)' is given twice; give each factor one pattern"
        }
    }
}
