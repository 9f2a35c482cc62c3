/// Parses numbers as loggers write them.
///
/// Accepts what Python's `repr`/`str`, pandas, `csv.DictWriter`, C's `printf` and JSON write:
/// decimal and exponent forms, and the non-finite spellings `nan`, `NaN`, `-nan`, `inf`, `-inf`,
/// `Infinity`, `-Infinity` (any case). Leading and trailing spaces are ignored.
import Foundation

enum NumberParsing {
    /// The value of the bytes of one field (spaces already trimmed), or `nil` when they are not a
    /// number. Parsed with C's `strtod` in the C locale (correctly rounded, so `repr` output round-trips
    /// exactly); hexadecimal floats and trailing garbage are rejected.
    static func double(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        guard n > 0 else { return nil }
        guard n < 64 else { return double(String(decoding: bytes, as: UTF8.self)) }
        // Only digits, signs, '.', 'e'/'E' reach strtod; letters go through the spelled-out forms.
        var plain = true
        for b in bytes {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                continue
            default:
                plain = false
            }
        }
        guard plain else { return double(String(decoding: bytes, as: UTF8.self)) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
            for i in 0..<n { buffer[i] = CChar(bitPattern: bytes[i]) }
            buffer[n] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == n else { return nil }
            return value
        }
    }

    /// An integer step from the bytes of one field.
    static func step(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0
        var negative = false
        var i = 0
        if bytes.count > 0 && (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")) { negative = bytes[0] == UInt8(ascii: "-"); i = 1 }
        guard i < bytes.count, bytes.count - i <= 18 else { return step(String(decoding: bytes, as: UTF8.self)) }
        while i < bytes.count {
            let d = Int(bytes[i]) - 48
            guard d >= 0 && d <= 9 else { return step(String(decoding: bytes, as: UTF8.self)) }
            value = value * 10 + d
            i += 1
        }
        return negative ? -value : value
    }

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

extension NumberParsing {
    /// Why `text` is not an integer step, when it is a whole number that does not fit: `" (beyond the
    /// 64-bit integer range)"` for digits, `" (a step written as a float must be below 9e15 to be exact)"`
    /// for a float form; `""` otherwise.
    static func stepRangeNote<S: StringProtocol>(_ text: S) -> String {
        let trimmed = text.trimmingSpaces()
        let digits = trimmed.drop { $0 == "-" || $0 == "+" }
        if !digits.isEmpty, digits.count + 1 >= trimmed.count, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return " (beyond the 64-bit integer range)"
        }
        if let value = Double(trimmed), value.isFinite, value.rounded() == value {
            return " (a step written as a float must be below 9e15 to be exact)"
        }
        return ""
    }

    /// Whether `text` is a decimal number too large for a `Double` (it parses as ±infinity but is not
    /// spelled `inf`/`infinity`), such as `1e400`.
    static func overflows<S: StringProtocol>(_ text: S) -> Bool {
        guard let value = double(text), value.isInfinite else { return false }
        return !text.trimmingSpaces().lowercased().contains("inf")
    }

    /// The first byte of `bytes` that starts an ill-formed UTF-8 sequence, or `nil` when they are UTF-8.
    static func firstInvalidUTF8Byte(_ bytes: [UInt8]) -> UInt8? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset < bytes.count ? bytes[offset] : nil
            case .emptyInput: return nil
            }
        }
    }
}

/// `0xFF` for a byte in a message.
func hexByte(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return "0x" + (digits.count == 1 ? "0" : "") + digits
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
