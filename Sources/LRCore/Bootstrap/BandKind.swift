/// What a band or interval is for (`--band`).
public enum BandKind: String, Sendable, CaseIterable {
    /// The expected curve (or suggestion) of this setup: the estimate's own sampling error.
    case confidence
    /// Another run's smoothed curve (or suggestion): the estimate's error plus the other run's noise,
    /// from differences of independent replicates.
    case prediction
}

/// The deviations a band or interval is built from, written once for curves and suggestions:
/// for a confidence band, each replicate minus the replicates' center; for a prediction band, the
/// differences of disjoint replicate pairs (another run's value minus ours has twice the variance).
enum Deviations {
    static func of(_ values: [Double], kind: BandKind, center: Double) -> [Double] {
        switch kind {
        case .confidence:
            return values.filter(\.isFinite).map { $0 - center }
        case .prediction:
            var out: [Double] = []
            var i = 0
            while i + 1 < values.count {
                let d = values[i] - values[i + 1]
                if d.isFinite { out.append(d) }
                i += 2
            }
            return out
        }
    }
}
