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
    /// The most points one run may have (`--max-points`): a guard against exhausting memory on a
    /// runaway log; exceeding it is a clear error, not a crash.
    public var maximumPoints = 50_000_000

    /// The error for a run past ``maximumPoints``.
    func tooManyPoints(_ run: String, at location: SourceLocation) -> IngestError {
        IngestError(.limitExceeded, at: location,
                    "run '\(run)' has more than \(maximumPoints) points: pass --max-points to raise the limit")
    }

    public init() {}
}
