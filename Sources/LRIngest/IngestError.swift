/// Why an input could not be read, and where.
///
/// The message says what was expected and what was found; `description` is the one-line form the
/// CLI prints: `runs/a.csv:17:2: expected a number in column 'loss', found 'nan?'`.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unreadable, emptyFile, headerOnly, missingColumn, badNumber, malformed, mismatchedLengths
        case invalidLearningRate, duplicateStep, nonIncreasingStep, truncatedRecord, checksumMismatch
        case missingTables, noLogs, unknownFormat, noSuchRun, noData, limitExceeded
    }

    public let kind: Kind
    public let location: SourceLocation
    public let message: String

    public init(_ kind: Kind, at location: SourceLocation, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// Quotes a found value for a message, shortened when long.
func quotedForMessage(_ text: Substring) -> String {
    let shown = text.count > 40 ? text.prefix(40) + "…" : text
    return "'\(shown)'"
}
