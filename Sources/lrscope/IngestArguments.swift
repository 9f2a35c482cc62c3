import LRCore
import LRIngest

/// The ingest options every subcommand that reads logs shares (`../shared/CLI.md`).
enum IngestArguments {
    static let options: [OptionSpec] = [
        OptionSpec(["--input-format"], value: "F",
                   help: "Input format: auto (default: decided from the content), \(LogFormat.allCases.map(\.rawValue).joined(separator: ", "))."),
        OptionSpec(["--source"], value: "S",
                   help: "Smoothing the stored loss carries: auto (default), raw, fastai, torch-lr-finder, lightning, keras."),
        OptionSpec(["--source-beta"], value: "B",
                   help: "Beta of the stored log's smoothing, used to invert it (default 0.98; torch-lr-finder 0.95)."),
        OptionSpec(["--smooth-f"], value: "F", help: "torch-lr-finder's smooth_f, exactly (default 0.05)."),
        OptionSpec(["--lr-column"], value: "K", help: "Column, key, tag or metric holding the learning rate (default: inferred)."),
        OptionSpec(["--loss-column"], value: "K", help: "Column, key, tag or metric holding the loss (default: inferred)."),
        OptionSpec(["--step-column"], value: "K", help: "Column or key holding the step (default: inferred, else row position)."),
        OptionSpec(["--run"], value: "NAME", help: "Only the run with this name."),
        OptionSpec(["--max-points"], value: "N", help: "The most points one run may have (default 50000000): a guard against runaway logs."),
    ]

    static let pathsHelp = "Log files or folders (TensorBoard, metrics.csv, mlflow.db, mlruns/); '-' reads standard input."

    /// Builds ``IngestOptions`` from scanned arguments.
    static func ingestOptions(_ scanned: ScannedArguments, subcommand: String) throws(UsageError) -> IngestOptions {
        var options = IngestOptions()
        if let text = scanned.value("--input-format"), text != "auto" {
            guard let format = LogFormat(rawValue: text) else {
                let names = ["auto"] + LogFormat.allCases.map(\.rawValue)
                throw UsageError("invalid --input-format '\(text)': expected one of \(names.joined(separator: ", ")).\(DidYouMean.hint(for: text, among: names))",
                                 subcommand: subcommand)
            }
            options.inputFormat = format
        }
        if let text = scanned.value("--source") {
            guard let source = SourceOption(rawValue: text) else {
                let names = SourceOption.allCases.map(\.rawValue)
                throw UsageError("invalid --source '\(text)': expected one of \(names.joined(separator: ", ")).\(DidYouMean.hint(for: text, among: names))",
                                 subcommand: subcommand)
            }
            options.source = source
        }
        options.sourceBeta = try fraction(scanned, "--source-beta", subcommand: subcommand)
        options.smoothF = try fraction(scanned, "--smooth-f", subcommand: subcommand)
        options.learningRateColumn = scanned.value("--lr-column")
        options.lossColumn = scanned.value("--loss-column")
        options.stepColumn = scanned.value("--step-column")
        options.run = scanned.value("--run")
        if let text = scanned.value("--max-points") {
            guard let n = Int(text), n >= 1 else {
                throw UsageError("invalid --max-points '\(text)': expected a positive integer", subcommand: subcommand)
            }
            options.maximumPoints = n
        }
        return options
    }

    /// A value strictly between 0 and 1.
    private static func fraction(_ scanned: ScannedArguments, _ name: String, subcommand: String) throws(UsageError) -> Double? {
        guard let text = scanned.value(name) else { return nil }
        guard let value = Double(text), value > 0, value < 1 else {
            throw UsageError("invalid \(name) '\(text)': expected a number between 0 and 1 (exclusive)", subcommand: subcommand)
        }
        return value
    }

    /// The paths, or a usage error when none are given.
    static func paths(_ scanned: ScannedArguments, subcommand: String) throws(UsageError) -> [String] {
        guard !scanned.positionals.isEmpty else {
            throw UsageError("missing expected argument '<path> ...'", subcommand: subcommand)
        }
        return scanned.positionals
    }
}
