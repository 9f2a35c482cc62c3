import Foundation

/// Locates files under the repository's `fixtures/` folder (real logs copied from the corpus, and
/// golden values with the scripts that made them).
public enum Fixtures {
    /// The repository root, found from this file's path (Tests/TestSupport/Fixtures.swift).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The absolute path of `fixtures/<relativePath>`.
    public static func path(_ relativePath: String) -> String {
        repositoryRoot.appendingPathComponent("fixtures").appendingPathComponent(relativePath).path
    }

    /// The bytes of `fixtures/<relativePath>`.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relativePath))))
    }

    /// Parses a small CSV fixture (no quoted fields) into rows of named string fields.
    public static func csvRows(_ relativePath: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path(relativePath), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    /// Parses a number as Python writes it (`nan`, `inf`, `-inf`, empty = NaN).
    public static func number(_ text: String?) -> Double {
        guard let text, !text.isEmpty else { return .nan }
        switch text.lowercased() {
        case "nan", "-nan": return .nan
        case "inf", "+inf", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return Double(text) ?? .nan
        }
    }
}

extension Fixtures {
    /// The `lr` and `loss` arrays of a `json.dump`ed history (`history.json`, `results.json`), read
    /// without lrscope's own parser (they hold bare `NaN`/`Infinity`, which Foundation rejects).
    public static func historyArrays(_ relativePath: String) throws -> (lr: [Double], loss: [Double]) {
        let text = try String(contentsOfFile: path(relativePath), encoding: .utf8)
        func array(_ key: String) -> [Double] {
            guard let start = text.range(of: "\"\(key)\": [")?.upperBound, let end = text[start...].firstIndex(of: "]") else { return [] }
            return text[start..<end].split(separator: ",").map { number($0.trimmingCharacters(in: .whitespaces)) }
        }
        return (array("lr"), array("loss"))
    }
}
