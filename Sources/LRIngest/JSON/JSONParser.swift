/// A strict JSON parser over UTF-8 bytes that reports errors by line and column.
///
/// Extensions over RFC 8259, all written by Python's `json.dump`: the bare tokens `NaN`,
/// `Infinity`, `-Infinity`. Nesting deeper than ``maximumDepth`` is rejected rather than allowed to
/// exhaust the stack.
///
/// - Complexity: O(n) in the input size.
struct JSONParser {
    static let maximumDepth = 256

    let file: String
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// What the end of `bytes` is, for messages: the end of the file, or of one line (JSON lines).
    private var endName = "the end of the file"

    init(file: String, bytes: [UInt8]) {
        self.file = file
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        self.bytes = body
    }

    /// A parser of one line of a JSON lines file, reporting errors at `line`.
    private init(file: String, line bytes: ArraySlice<UInt8>, number: Int) {
        self.file = file
        self.bytes = Array(bytes)
        self.line = number
        self.endName = "the end of the line"
    }

    /// Every value of a JSON lines file with the line it is on: each non-blank line must hold exactly
    /// one JSON value (<https://jsonlines.org>), so a damaged line is reported at that line, not where
    /// the parser would have run into the next one.
    static func parseLines(file: String, bytes: [UInt8]) throws(IngestError) -> [(JSONValue, Int)] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var records: [(JSONValue, Int)] = []
        var number = 0
        for line in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            guard line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
            var parser = JSONParser(file: file, line: line, number: number)
            records.append((try parser.parseDocument(), number))
        }
        return records
    }

    /// The current 1-based line.
    var currentLine: Int { line }

    /// Parses one complete document (only whitespace may follow).
    mutating func parseDocument() throws(IngestError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else {
            throw IngestError(.emptyFile, at: SourceLocation(file: file), "empty file: expected JSON")
        }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else {
            throw error(endName == "the end of the line" ? "expected one value per line" : "expected the end of the document")
        }
        return value
    }

    private func error(_ expected: String) -> IngestError {
        let found: String
        if index >= bytes.count {
            found = endName
        } else {
            let end = min(bytes.count, index + 12)
            let snippet = String(decoding: bytes[index..<end], as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
            found = "'\(snippet)'"
        }
        return IngestError(.malformed, at: SourceLocation(file: file, line: line, field: index - lineStart + 1),
                           "malformed JSON: \(expected), found \(found)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(IngestError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        skipWhitespace()
        guard index < bytes.count else { throw error("expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "N"): try expectWord("NaN"); return .number(.nan)
        case UInt8(ascii: "I"): try expectWord("Infinity"); return .number(.infinity)
        default: return .number(try parseNumber())
        }
    }

    private mutating func expectWord(_ word: String) throws(IngestError) {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, bytes[index..<index + expected.count].elementsEqual(expected) else {
            throw error("expected a value")
        }
        index += expected.count
    }

    private mutating func parseObject(depth: Int) throws(IngestError) -> JSONValue {
        index += 1
        var members: [(key: String, value: JSONValue, line: Int)] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            index += 1
            skipWhitespace()
            let valueLine = line
            members.append((key, try parseValue(depth: depth + 1), valueLine))
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func parseArray(depth: Int) throws(IngestError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        var lines: [Int] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements, lines: lines) }
        while true {
            skipWhitespace()
            lines.append(line)
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements, lines: lines) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func parseString() throws(IngestError) -> String {
        index += 1
        var buffer: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: buffer, as: UTF8.self) else { throw error("expected UTF-8 text in a string") }
                return text
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { throw error("expected an escape sequence") }
                let e = bytes[index + 1]
                index += 2
                switch e {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count,
                       bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("expected a low surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    index -= 1
                    throw error("expected a valid escape")
                }
            case 0x00..<0x20:
                throw error("expected a closing '\"' (control character in a string)")
            default:
                buffer.append(b)
                index += 1
            }
        }
        throw error("expected a closing '\"'")
    }

    private mutating func parseHex4() throws(IngestError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("expected four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("expected four hex digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(IngestError) -> Double {
        let start = index
        if index < bytes.count && bytes[index] == UInt8(ascii: "-") {
            index += 1
            if index < bytes.count && bytes[index] == UInt8(ascii: "I") {
                try expectWord("Infinity")
                return -.infinity
            }
        }
        while index < bytes.count && Self.isNumberByte(bytes[index]) { index += 1 }
        guard index > start, let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
            index = start
            throw error("expected a value")
        }
        return value
    }

    private static func isNumberByte(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e")
            || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }
}
