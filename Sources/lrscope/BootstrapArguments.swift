import LRCore
import LRNumerics

/// The options of every command that resamples (`bands`, `suggest --replicates`, `calibrate`).
enum BootstrapArguments {
    static let defaultResampling = ResamplingMethod.stationary

    static func options(defaultReplicates: Int, defaultBand: BandKind) -> [OptionSpec] {
        [
            OptionSpec(["--resampling"], value: "R", help: "permute, circular-block, stationary (default), wild, or runs (several runs of one setup instead of replicates)."),
            OptionSpec(["--replicates"], value: "N", help: "Bootstrap replicates (default \(defaultReplicates)). Cost grows linearly: about 1 ms per replicate of a 1,000-point run with every heuristic."),
            OptionSpec(["--level"], value: "L", help: "Coverage of bands and intervals (default 0.95)."),
            OptionSpec(["--band"], value: "B", help: "confidence (the expected curve) or prediction (another run's curve) (default \(defaultBand.rawValue))."),
            OptionSpec(["--seed"], value: "S", help: "Random seed (default 1); results depend on it, not on --threads."),
            OptionSpec(["--threads"], value: "K", help: "Worker threads (default: all cores)."),
            OptionSpec(["--profile-window"], value: "N", help: "Window of the centered moving median the noise is resampled around (default \(ResidualModel.defaultProfileWindow))."),
        ]
    }

    struct Values {
        var resampling: ResamplingMethod
        var replicates: Int
        var level: Double
        var band: BandKind
        var seed: UInt64
        var threads: Int
        var profileWindow: Int
    }

    static func values(_ scanned: ScannedArguments, subcommand: String, defaultReplicates: Int, defaultBand: BandKind) throws(UsageError) -> Values {
        var values = Values(resampling: defaultResampling, replicates: defaultReplicates, level: 0.95, band: defaultBand, seed: 1,
                            threads: BootstrapRunner.defaultThreads, profileWindow: ResidualModel.defaultProfileWindow)
        if let text = scanned.value("--resampling") {
            guard let r = ResamplingMethod(rawValue: text) else {
                let names = ResamplingMethod.allCases.map(\.rawValue)
                throw UsageError("invalid --resampling '\(text)': expected one of \(names.joined(separator: ", ")).\(DidYouMean.hint(for: text, among: names))", subcommand: subcommand)
            }
            values.resampling = r
        }
        if let text = scanned.value("--replicates") {
            guard let n = Int(text), n >= 2 else { throw UsageError("invalid --replicates '\(text)': expected an integer >= 2", subcommand: subcommand) }
            values.replicates = n
        }
        if let text = scanned.value("--level") {
            guard let l = Double(text), l > 0, l < 1 else { throw UsageError("invalid --level '\(text)': expected a number between 0 and 1", subcommand: subcommand) }
            values.level = l
        }
        if let text = scanned.value("--band") {
            guard let b = BandKind(rawValue: text) else {
                throw UsageError("invalid --band '\(text)': expected confidence or prediction.\(DidYouMean.hint(for: text, among: ["confidence", "prediction"]))", subcommand: subcommand)
            }
            values.band = b
        }
        if let text = scanned.value("--seed") {
            guard let s = UInt64(text) else { throw UsageError("invalid --seed '\(text)': expected a non-negative integer", subcommand: subcommand) }
            values.seed = s
        }
        if let text = scanned.value("--threads") {
            guard let k = Int(text), k >= 1 else { throw UsageError("invalid --threads '\(text)': expected a positive integer", subcommand: subcommand) }
            values.threads = k
        }
        if let text = scanned.value("--profile-window") {
            guard let w = Int(text), w >= 3, w % 2 == 1 else { throw UsageError("invalid --profile-window '\(text)': expected an odd integer >= 3", subcommand: subcommand) }
            values.profileWindow = w
        }
        return values
    }

    /// Bootstraps one run as the options say, with a progress bar on a terminal.
    static func run(_ boot: Values, analysis: ReplicateAnalysis, on curve: LearningRateCurve) throws -> UncertaintyAnalysis.Result {
        let bar = ProgressBar(total: boot.replicates, label: "\(curve.runName): replicates")
        defer { bar.finish() }
        var uncertainty = UncertaintyAnalysis(resampling: boot.resampling, analysis: analysis, replicates: boot.replicates,
                                              seed: boot.seed, threads: boot.threads, profileWindow: boot.profileWindow)
        uncertainty.progress = { bar.update($0) }
        do {
            return try uncertainty.run(curve)
        } catch {
            throw CommandFailure("\(curve.runName): \(error)")
        }
    }
}
