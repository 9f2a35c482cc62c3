import LRCore

/// Which framework's smoothing the stored loss carries (`--source`).
public enum SourceOption: String, Sendable, CaseIterable {
    case auto
    case raw
    case fastai
    case torchLRFinder = "torch-lr-finder"
    case lightning
    case keras
}

/// The ingest options shared by every subcommand that reads logs.
public struct IngestOptions: Sendable {
    /// `nil` means decide from the content.
    public var inputFormat: LogFormat?
    public var source: SourceOption = .auto
    /// β of the stored log's convention (fastai, Lightning; torch-lr-finder: 1 − smooth_f).
    public var sourceBeta: Double?
    /// torch-lr-finder's `smooth_f`, exactly.
    public var smoothF: Double?
    public var learningRateColumn: String?
    public var lossColumn: String?
    public var stepColumn: String?
    /// Only this run.
    public var run: String?

    public init() {}
}
