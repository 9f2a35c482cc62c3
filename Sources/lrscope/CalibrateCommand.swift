import LRCore
import LRIngest
import LRReport

/// `lrscope calibrate RUNS... [-o FILE]`: how well one run's bands and intervals cover the other runs.
enum CalibrateCommand: Subcommand {
    static let name = "calibrate"
    static let abstract = "Coverage of each resampler's bands and intervals, built from one run, of the other runs of one setup."
    static let overview = """
        Runs of one setup (e.g. same init, different data order). From each run alone, builds bands and \
        suggestion intervals with each resampler and measures how often the other runs fall inside. CSV \
        resampling,band,level,pointwise_coverage,simultaneous_coverage,suggestion_coverage,runs, plus \
        heuristic (all, then each), suggestion_level and mean_spread_decades. Cost: runs x resamplers x \
        replicates analyses (about 1 s for 8 runs of 100 points at the defaults).
        """
    static let usage = "lrscope calibrate <run> <run> ... [--replicates N] [--level L] [-o FILE] [options]"
    static let arguments = [("<run> ...", "Two or more runs of one setup (files or folders; '-' reads standard input).")]
    static let options = [
        OptionSpec(["--suggestion-level"], value: "L", help: "Coverage of the suggestion intervals (default 0.9)."),
        OptionSpec(["--heuristics"], value: "LIST", help: "Comma-separated heuristics (default all)."),
        OptionSpec(["--output", "-o"], value: "FILE", help: "Write to FILE (atomically) instead of standard output."),
    ] + BootstrapArguments.options(defaultReplicates: 200, defaultBand: .prediction).filter { $0.primaryName != "--band" && $0.primaryName != "--resampling" }
        + SmoothingArguments.options(methodFlag: "--smoother", methodHelp: "Smoother (default median).")
        + IngestArguments.options

    static func run(_ scanned: ScannedArguments) throws {
        let boot = try BootstrapArguments.values(scanned, subcommand: name, defaultReplicates: 200, defaultBand: .prediction)
        var suggestionLevel = 0.9
        if let text = scanned.value("--suggestion-level") {
            guard let l = Double(text), l > 0, l < 1 else { throw UsageError("invalid --suggestion-level '\(text)': expected a number between 0 and 1", subcommand: name) }
            suggestionLevel = l
        }
        let heuristics = try SuggestCommand.heuristics(scanned, subcommand: name)
        let smoothing = try SmoothingArguments.methods(scanned, subcommand: name, methodFlag: "--smoother", default: "median", allowAll: false)[0]
        let options = try IngestArguments.ingestOptions(scanned, subcommand: name)
        let runs = try LogLoader.load(paths: try IngestArguments.paths(scanned, subcommand: name), options: options)
        let rows = try Calibration.rows(runs: runs, heuristics: heuristics, smoothing: smoothing, resamplings: ResamplingMethod.allCases,
                                        level: boot.level, suggestionLevel: suggestionLevel, replicates: boot.replicates,
                                        seed: boot.seed, threads: boot.threads, profileWindow: boot.profileWindow)
        var csv = CSVWriter(header: ["resampling", "band", "level", "pointwise_coverage", "simultaneous_coverage", "suggestion_coverage", "runs",
                                     "heuristic", "suggestion_level", "mean_spread_decades"])
        for r in rows {
            csv.appendRow([r.resampling, r.band.rawValue, CSVWriter.number(r.level), CSVWriter.number(r.pointwiseCoverage),
                           CSVWriter.number(r.simultaneousCoverage), CSVWriter.number(r.suggestionCoverage), "\(r.runs)", r.heuristic,
                           CSVWriter.number(r.suggestionLevel), CSVWriter.number(r.meanSpreadDecades)])
        }
        try Output.emit(csv.text, to: scanned.value("--output"))
    }
}
