/// What the stored loss values are.
public enum LossKind: Sendable, Equatable {
    /// Per-batch losses as computed.
    case raw
    /// Values smoothed by a known convention (invertible).
    case smoothed(SmoothingConvention)
    /// Could not be decided from the log; raw losses are then not recovered.
    case unknown

    /// "raw", "smoothed" or "unknown".
    public var name: String {
        switch self {
        case .raw: "raw"
        case .smoothed: "smoothed"
        case .unknown: "unknown"
        }
    }
}
