/// Parses numbers as loggers write them.
///
/// Accepts what Python's `repr`/`str`, pandas, `csv.DictWriter`, C's `printf` and JSON write:
/// decimal and exponent forms, and the non-finite spellings `nan`, `NaN`, `-nan`, `inf`, `-inf`,
/// `Infinity`, `-Infinity` (any case). Leading and trailing spaces are ignored.
enum NumberParsing {
    /// The value of `text`, or `nil` when it is not a number.
    static func double<S: StringProtocol>(_ text: S) -> Double? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        if let value = Double(trimmed) { return value }
        switch trimmed.lowercased() {
        case "nan", "-nan", "+nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return nil
        }
    }

    /// An integer step: digits, or a float with no fractional part ("12.0", as pandas writes ints with gaps).
    static func step<S: StringProtocol>(_ text: S) -> Int? {
        let trimmed = text.trimmingSpaces()
        if let value = Int(trimmed) { return value }
        if let value = Double(trimmed), value.isFinite, value.rounded() == value, abs(value) < 9.0e15 {
            return Int(value)
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
