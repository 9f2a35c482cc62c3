/// Tolerance helpers for comparing series against recorded values.
public enum Tolerance {
    /// True when both are NaN, equal infinities, or |a − b| ≤ rel · max(|a|, |b|, scale).
    public static func close(_ a: Double, _ b: Double, relative rel: Double, scale: Double = 0) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= rel * max(abs(a), abs(b), scale)
    }

    /// The first index where the two series disagree, or `nil`.
    public static func firstMismatch(_ a: [Double], _ b: [Double], relative rel: Double) -> Int? {
        guard a.count == b.count else { return min(a.count, b.count) }
        return a.indices.first { !close(a[$0], b[$0], relative: rel) }
    }
}
