import Foundation

/// A regular expression that selects runs by their name or by the path of a file they were read from
/// (`--factor NAME=REGEX`, `--batch-size-pattern`).
///
/// Matching is a search (the pattern may match anywhere), case-sensitive, over the run's name first
/// and then each of its files, as ICU (`NSRegularExpression`) defines it.
///
/// Reference: ICU regular expressions, https://unicode-org.github.io/icu/userguide/strings/regexp.html
public struct RunPattern: Sendable {
    /// The pattern as given.
    public let pattern: String
    private let expression: NSRegularExpression

    /// Compiles `pattern`.
    /// - Throws: ``StudyError`` (`invalidPattern`) when it is not a valid regular expression.
    public init(_ pattern: String) throws(StudyError) {
        self.pattern = pattern
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw StudyError(.invalidPattern(pattern: pattern, reason: "\((error as NSError).localizedDescription)"))
        }
    }

    /// The default batch-size pattern's text, `bs(\d+)`: `noise_bs64` holds batch size 64.
    public static let defaultBatchSizePattern = "bs(\\d+)"
    /// The default batch-size pattern (a constant that compiles).
    public static let defaultBatchSize: RunPattern = try! RunPattern(defaultBatchSizePattern)

    /// The texts a run is matched against: its name, then its files.
    private static func texts(of run: LearningRateCurve) -> [String] { [run.runName] + run.provenance.files }

    /// Whether the pattern occurs in the run's name or in one of its file paths.
    public func matches(_ run: LearningRateCurve) -> Bool {
        Self.texts(of: run).contains { firstMatch(in: $0) != nil }
    }

    /// The first capture group of the first match (the whole match when the pattern has no group),
    /// searched in the run's name, then its files; `nil` when nothing matches.
    public func capture(in run: LearningRateCurve) -> String? {
        for text in Self.texts(of: run) {
            guard let match = firstMatch(in: text) else { continue }
            let group = expression.numberOfCaptureGroups >= 1 ? 1 : 0
            let range = match.range(at: group)
            guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { continue }
            return String(text[swiftRange])
        }
        return nil
    }

    /// The batch size the pattern's capture reads from the run, when it is a positive integer.
    public func batchSize(of run: LearningRateCurve) -> Int? {
        capture(in: run).flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    private func firstMatch(in text: String) -> NSTextCheckingResult? {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    }
}
