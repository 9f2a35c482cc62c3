/// Writes tidy CSV as `../shared/CLI.md` specifies: RFC 4180 quoting, `\n` line ends, a header row,
/// `.` decimal point, numbers in the shortest form that parses back to the same `Double`, non-finite
/// values as `nan`, `inf`, `-inf`, and a missing value as an empty field.
public struct CSVWriter {
    public private(set) var text = ""

    /// Starts a table with its header row.
    public init(header: [String]) {
        appendRow(header)
    }

    /// Appends one row of already formatted fields (quoted when needed, unless `quoted` says they
    /// already are: numbers never need it).
    public mutating func appendRow(_ fields: [String], quoted alreadyQuoted: Bool = false) {
        var first = true
        for field in fields {
            if !first { text += "," }
            first = false
            text += alreadyQuoted ? field : Self.quoted(field)
        }
        text += "\n"
    }

    /// The text written so far, emptied (for streaming large tables out in pieces).
    public mutating func drain() -> String {
        defer { text = "" }
        return text
    }

    /// The size of the text not yet drained, in bytes.
    public var pendingBytes: Int { text.utf8.count }

    /// A field quoted per RFC 4180 when it holds a comma, quote or line break.
    public static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingQuotes() + "\""
    }

    /// A number in its shortest round-trip form; `nan`, `inf`, `-inf`; empty for `nil`.
    public static func number(_ x: Double?) -> String {
        guard let x else { return "" }
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return x.description
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        out.reserveCapacity(count + 2)
        for c in self {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out
    }
}
