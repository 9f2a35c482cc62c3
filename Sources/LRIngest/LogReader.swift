import LRCore

/// One reader per log format.
public protocol LogReader: Sendable {
    /// The format this reader reads.
    var format: LogFormat { get }
    /// Reads every run in the input.
    /// - Parameters:
    ///   - input: a file or folder, or standard input's bytes.
    ///   - options: the ingest options (column names, run filter …).
    /// - Throws: ``IngestError`` naming the file, line or record, column, and what was expected.
    func read(_ input: LogInput, options: IngestOptions) throws(IngestError) -> [SeriesTable]
}

/// An input: its display path and its bytes (files), or a folder path.
public struct LogInput: Sendable {
    /// The path as given (or "-" / "<stdin>" for standard input).
    public var path: String
    /// The file's contents; `nil` for a folder.
    public var bytes: [UInt8]?

    public init(path: String, bytes: [UInt8]?) {
        self.path = path
        self.bytes = bytes
    }
}
