import Foundation

/// A streaming tokenizer for delimited text (CSV, TSV): RFC 4180 quoting, a UTF-8 byte-order mark,
/// CRLF or LF line ends, and a delimiter sniffed from the header when not given.
///
/// Rows are handed to a closure as a ``Row`` view whose fields are byte ranges valid during the call:
/// nothing is allocated per field, and the file is read in 1 MiB chunks, so memory is bounded by the
/// longest row, not the file. Numbers are parsed straight from the bytes (``Row/double(_:)``).
///
/// Edge cases: blank lines are skipped; a quoted field may hold the delimiter, `""` (an escaped quote)
/// and line breaks; an unterminated quote is an error at the line where it opened; a row longer than
/// ``maximumRowBytes`` is an error (a stray quote would otherwise swallow the rest of the file).
///
/// Reference: RFC 4180; Python's `csv` module (what pandas and Lightning's CSVLogger write).
struct DelimitedText {
    /// The longest row accepted (16 MiB).
    static let maximumRowBytes = 16 << 20

    /// One row: its 1-based line number and its fields as byte ranges of a shared buffer.
    struct Row {
        let line: Int
        let file: String
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate let bounds: UnsafeBufferPointer<Int>

        /// The number of fields.
        var count: Int { bounds.count / 2 }

        /// Field `i`'s bytes, spaces and tabs around it trimmed (empty past the end of the row).
        func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            guard i < count else { return UnsafeBufferPointer(start: nil, count: 0) }
            var start = bounds[2 * i], end = bounds[2 * i + 1]
            while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
            while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
            return UnsafeBufferPointer(rebasing: bytes[start..<end])
        }

        /// Whether field `i` is empty.
        func isEmpty(_ i: Int) -> Bool { field(i).isEmpty }

        /// Field `i` as text (invalid UTF-8 repaired).
        func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

        /// Field `i` as a number, or `nil` (see ``NumberParsing``).
        func double(_ i: Int) -> Double? { NumberParsing.double(bytes: field(i)) }

        /// Field `i` as an integer step, or `nil`.
        func step(_ i: Int) -> Int? { NumberParsing.step(bytes: field(i)) }

        /// All fields as text.
        var strings: [String] { (0..<count).map(string) }

        /// All fields as text, refusing bytes that are not UTF-8 (for header rows, whose names must match).
        func validatedStrings() throws(IngestError) -> [String] {
            var out: [String] = []
            for i in 0..<count {
                let bytes = Array(field(i))
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    let bad = NumberParsing.firstInvalidUTF8Byte(bytes).map { ", found the byte \(hexByte($0))" } ?? ""
                    throw IngestError(.unreadable, at: SourceLocation(file: file, line: line, field: i + 1), "expected UTF-8 text\(bad)")
                }
                out.append(text)
            }
            return out
        }
    }

    let file: String
    let delimiter: UInt8

    init(file: String, delimiter: UInt8) {
        self.file = file
        self.delimiter = delimiter
    }

    /// The delimiter of the header line: `,`, tab, `;` or `|`, whichever occurs most outside quotes
    /// (`,` when none does).
    static func sniffDelimiter<C: Collection>(_ bytes: C) -> UInt8 where C.Element == UInt8 {
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

    /// Streams the rows of the file at `path` (or of `bytes`) to `body`; `body` returns false to stop.
    func forEachRow(path: String, bytes: [UInt8]?, _ body: (Row) throws(IngestError) -> Bool) throws(IngestError) {
        var tokenizer = Tokenizer(file: file, delimiter: delimiter)
        try ByteChunks.forEach(path: path, bytes: bytes) { chunk throws(IngestError) in
            try tokenizer.feed(chunk, body)
        }
        try tokenizer.finish(body)
    }

    /// The tokenizer's state between chunks. A struct with mutating methods, so that the compiler
    /// checks exclusive access statically (closure captures of many `var`s cost a dynamic check each).
    private struct Tokenizer {
        let file: String
        let delimiter: UInt8
        var rowBytes: [UInt8] = []
        var bounds: [Int] = []
        var line = 1, rowLine = 1, quoteLine = 1
        var inQuotes = false, afterQuote = false, fieldStart = 0, fieldWasQuoted = false
        var atStart = true, pendingCR = false, stopped = false

        init(file: String, delimiter: UInt8) {
            self.file = file
            self.delimiter = delimiter
            rowBytes.reserveCapacity(4096)
            bounds.reserveCapacity(64)
        }

        mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Row) throws(IngestError) -> Bool) throws(IngestError) {
            guard !stopped else { return }
            let quote = UInt8(ascii: "\"")
            var i = 0
            let n = chunk.count
            if atStart {
                atStart = false
                if n >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { i = 3 }
            }
            while i < n {
                // Fast path: a whole row in this chunk with no quotes is split in place, without copying.
                if rowBytes.isEmpty && bounds.isEmpty && !inQuotes && !afterQuote && !pendingCR && !fieldWasQuoted,
                   let end = Self.lineEnd(chunk, from: i) {
                    var hasQuote = false
                    var k = i
                    while k < end { if chunk[k] == quote { hasQuote = true; break }; k += 1 }
                    if !hasQuote {
                        var rowEnd = end
                        if rowEnd > i && chunk[rowEnd - 1] == 0x0D { rowEnd -= 1 }
                        var start = i
                        k = i
                        while k < rowEnd {
                            if chunk[k] == delimiter { bounds.append(start - i); bounds.append(k - i); start = k + 1 }
                            k += 1
                        }
                        bounds.append(start - i)
                        bounds.append(rowEnd - i)
                        let blank = rowEnd == i
                        var keepGoing = true
                        if !blank {
                            let rowSlice = UnsafeBufferPointer(rebasing: chunk[i..<rowEnd])
                            let line = rowLine, file = self.file
                            keepGoing = try bounds.withUnsafeBufferPointer { bd throws(IngestError) in
                                try body(Row(line: line, file: file, bytes: rowSlice, bounds: bd))
                            }
                        }
                        bounds.removeAll(keepingCapacity: true)
                        i = end + 1
                        line += 1
                        rowLine = line
                        if !keepGoing { stopped = true; return }
                        continue
                    }
                }
                let b = chunk[i]
                i += 1
                if pendingCR {
                    pendingCR = false
                    if b == 0x0A { continue }
                }
                if inQuotes {
                    if b == quote {
                        inQuotes = false
                        afterQuote = true
                    } else {
                        if b == 0x0A { line += 1 }
                        rowBytes.append(b)
                    }
                    continue
                }
                if afterQuote {
                    afterQuote = false
                    if b == quote { rowBytes.append(quote); inQuotes = true; continue }   // "" inside quotes
                }
                switch b {
                case quote where rowBytes.count == fieldStart && !fieldWasQuoted:
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteLine = line
                case delimiter:
                    bounds.append(fieldStart)
                    bounds.append(rowBytes.count)
                    fieldStart = rowBytes.count
                    fieldWasQuoted = false
                case 0x0D, 0x0A:
                    if b == 0x0D { pendingCR = true }
                    if !(try finishRow(body)) { stopped = true; return }
                    line += 1
                    rowLine = line
                default:
                    rowBytes.append(b)
                }
                if rowBytes.count > DelimitedText.maximumRowBytes {
                    throw IngestError(.malformed, at: SourceLocation(file: file, line: rowLine),
                                      "row longer than \(DelimitedText.maximumRowBytes >> 20) MiB: expected one line per row (a stray quote?)")
                }
            }
        }

        mutating func finish(_ body: (Row) throws(IngestError) -> Bool) throws(IngestError) {
            guard !stopped else { return }
            if inQuotes {
                throw IngestError(.malformed, at: SourceLocation(file: file, line: quoteLine), "unterminated quoted field: expected a closing '\"'")
            }
            if !rowBytes.isEmpty || !bounds.isEmpty || fieldWasQuoted {
                _ = try finishRow(body)
            }
        }

        /// The index of the next line feed at or after `from`, if the chunk has one.
        private static func lineEnd(_ chunk: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
            guard from < chunk.count, let base = chunk.baseAddress,
                  let hit = memchr(base + from, 0x0A, chunk.count - from) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }

        private mutating func finishRow(_ body: (Row) throws(IngestError) -> Bool) throws(IngestError) -> Bool {
            bounds.append(fieldStart)
            bounds.append(rowBytes.count)
            let blank = bounds.count == 2 && rowBytes.isEmpty && !fieldWasQuoted
            var keepGoing = true
            if !blank {
                let line = rowLine, file = self.file
                keepGoing = try rowBytes.withUnsafeBufferPointer { b throws(IngestError) in
                    try bounds.withUnsafeBufferPointer { bd throws(IngestError) in
                        try body(Row(line: line, file: file, bytes: b, bounds: bd))
                    }
                }
            }
            rowBytes.removeAll(keepingCapacity: true)
            bounds.removeAll(keepingCapacity: true)
            fieldStart = 0
            fieldWasQuoted = false
            return keepGoing
        }
    }

    /// Every row's fields as text, with its line (for small inputs: headers, sweeps, tests).
    func rows(path: String, bytes: [UInt8]?, limit: Int = .max) throws(IngestError) -> [(line: Int, fields: [String])] {
        var out: [(line: Int, fields: [String])] = []
        try forEachRow(path: path, bytes: bytes) { row throws(IngestError) in
            out.append((row.line, row.strings))
            return out.count < limit
        }
        return out
    }
}
