/// A tokenizer for delimited text (CSV, TSV): RFC 4180 quoting, a UTF-8 byte-order mark, CRLF or LF
/// line ends, and a delimiter sniffed from the header when not given.
///
/// Edge cases: an empty input yields no rows; blank lines are skipped; a quoted field may hold the
/// delimiter, `""` (an escaped quote) and line breaks; an unterminated quote runs to the end of the
/// input and is reported by ``rows()`` as an error at the line where it opened.
///
/// Reference: RFC 4180; Python's `csv` module (what pandas and Lightning's CSVLogger write).
struct DelimitedText {
    /// One row: its 1-based line number and its fields.
    struct Row {
        var line: Int
        var fields: [String]
    }

    let file: String
    let bytes: [UInt8]
    let delimiter: UInt8

    /// - Parameters:
    ///   - delimiter: `nil` sniffs it from the first line (`,`, tab, `;` or `|`, whichever occurs most
    ///     outside quotes; `,` when none does).
    init(file: String, bytes: [UInt8], delimiter: UInt8? = nil) {
        self.file = file
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        self.bytes = body
        self.delimiter = delimiter ?? Self.sniffDelimiter(body)
    }

    static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: "\t"): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "|"): 0]
        var inQuotes = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if !inQuotes && (b == 0x0A || b == 0x0D) { break }
            if !inQuotes, counts[b] != nil { counts[b]! += 1 }
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key != UInt8(ascii: ",")) }
        return (best?.value ?? 0) > 0 ? best!.key : UInt8(ascii: ",")
    }

    /// All non-blank rows.
    /// - Throws: ``IngestError`` for an unterminated quoted field or text that is not UTF-8.
    func rows() throws(IngestError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var rowLine = 1
        var inQuotes = false
        var quoteLine = 1
        var fieldWasQuoted = false
        var i = 0
        let n = bytes.count
        let quote = UInt8(ascii: "\"")

        func finishField() throws(IngestError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw IngestError(.unreadable, at: SourceLocation(file: file, line: rowLine, field: fields.count + 1),
                                  "expected UTF-8 text")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func finishRow() {
            let blank = fields.count == 1 && fields[0].isEmpty
            if !blank { rows.append(Row(line: rowLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < n && bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                    inQuotes = false
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case quote where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            case delimiter:
                try finishField()
            case 0x0D, 0x0A:
                try finishField()
                finishRow()
                if b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                line += 1
                rowLine = line
            default:
                field.append(b)
            }
            i += 1
        }
        if inQuotes {
            throw IngestError(.malformed, at: SourceLocation(file: file, line: quoteLine),
                              "unterminated quoted field: expected a closing '\"'")
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
            try finishField()
            finishRow()
        }
        return rows
    }
}
