/// Writes tidy CSV as `../shared/CLI.md` specifies: RFC 4180 quoting, `\n` line ends, a header row,
/// `.` decimal point, numbers in the shortest form that parses back to the same `Double`, non-finite
/// values as `nan`, `inf`, `-inf`, and a missing value as an empty field.
public struct CSVWriter {
    private var bytes: [UInt8] = []

    /// The table so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Starts a table with its header row.
    public init(header: [String]) {
        appendRow(header)
    }

    /// Appends one row of already formatted fields (quoted when needed, unless `quoted` says they
    /// already are: numbers never need it).
    public mutating func appendRow(_ fields: [String], quoted alreadyQuoted: Bool = false) {
        var first = true
        for field in fields {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            if alreadyQuoted || !Self.needsQuotes(field) {
                bytes.append(contentsOf: field.utf8)
            } else {
                bytes.append(contentsOf: Self.quoted(field).utf8)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    private static func needsQuotes(_ field: String) -> Bool {
        field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
    }

    /// The text written so far, emptied (for streaming large tables out in pieces).
    public mutating func drain() -> String {
        defer { bytes.removeAll(keepingCapacity: true) }
        return text
    }

    /// The size of the text not yet drained, in bytes.
    public var pendingBytes: Int { bytes.count }

    /// A field quoted per RFC 4180 when it holds a comma, quote or line break.
    public static func quoted(_ field: String) -> String {
        guard needsQuotes(field) else { return field }
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
