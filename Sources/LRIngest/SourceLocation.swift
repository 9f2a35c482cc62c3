/// Where in an input a value or a problem is: file, and line and column, record, or byte offset.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line in a text file.
    public var line: Int?
    /// 1-based field number on that line (for delimited text).
    public var field: Int?
    /// 1-based record number (JSON array element, TensorBoard record, database row).
    public var record: Int?
    /// 0-based byte offset in a binary file.
    public var byteOffset: Int?

    public init(file: String, line: Int? = nil, field: Int? = nil, record: Int? = nil, byteOffset: Int? = nil) {
        self.file = file
        self.line = line
        self.field = field
        self.record = record
        self.byteOffset = byteOffset
    }

    /// `file:line:field`, `file: record N`, or `file: byte offset N`.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let field { text += ":\(field)" }
        }
        if let record { text += ": record \(record)" }
        if let byteOffset { text += ": byte offset \(byteOffset)" }
        return text
    }
}
