/// Where a run came from and how lrscope interpreted it.
public struct Provenance: Sendable, Equatable {
    /// The format the reader used.
    public var format: LogFormat
    /// The files the run was read from, as given or found.
    public var files: [String]
    /// The series (columns, keys, tags or metrics) used for step, learning rate and loss.
    public var stepSeries: String?
    public var learningRateSeries: String
    public var lossSeries: String
    /// How the loss kind was decided (for `inspect`), e.g. "--source fastai" or "logger format: raw".
    public var lossKindDecision: String
    /// The framework that wrote the log, when known ("fastai", "lightning", …).
    public var framework: String?
    /// Things the user should know (downsampled export, running means, dropped rows …).
    public var warnings: [String]

    public init(format: LogFormat, files: [String], stepSeries: String? = nil, learningRateSeries: String,
                lossSeries: String, lossKindDecision: String = "", framework: String? = nil, warnings: [String] = []) {
        self.format = format
        self.files = files
        self.stepSeries = stepSeries
        self.learningRateSeries = learningRateSeries
        self.lossSeries = lossSeries
        self.lossKindDecision = lossKindDecision
        self.framework = framework
        self.warnings = warnings
    }
}
