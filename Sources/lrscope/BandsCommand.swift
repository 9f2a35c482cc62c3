import LRCore
import LRIngest
import LRReport

/// `lrscope bands PATH... [-o FILE]`: pointwise and simultaneous bands for each run's smoothed curve.
enum BandsCommand: Subcommand {
    static let name = "bands"
    static let abstract = "Bootstrap bands for the smoothed curve: pointwise and simultaneous, confidence or prediction."
    static let overview = """
        Resamples each run's per-batch noise around a smooth profile (--resampling), smooths every \
        replicate like the estimate (--smoother) and writes CSV \
        run,step,lr,estimate,lower,upper,simultaneous_lower,simultaneous_upper. A confidence band is for \
        the expected curve; a prediction band for the smoothed curve of another run of the same setup. \
        With --resampling runs, the given runs are the replicates (their mean is the estimate). Cost: \
        replicates x (resampling + smoothing), O(n) each for the default median.
        """
    static let usage = "lrscope bands <path> ... [--resampling R] [--replicates N] [--level L] [--band confidence|prediction] [-o FILE]"
    static let arguments = [("<path> ...", IngestArguments.pathsHelp)]
    static let options = BootstrapArguments.options(defaultReplicates: 1000, defaultBand: .confidence)
        + [OptionSpec(["--output", "-o"], value: "FILE", help: "Write to FILE (atomically) instead of standard output.")]
        + SmoothingArguments.options(methodFlag: "--smoother", methodHelp: "Smoother for the estimate and every replicate (default median): \(SmoothingMethod.names.joined(separator: ", ")).")
        + IngestArguments.options

    static func run(_ scanned: ScannedArguments) throws {
        let boot = try BootstrapArguments.values(scanned, subcommand: name, defaultReplicates: 1000, defaultBand: .confidence)
        let smoothing = try SmoothingArguments.methods(scanned, subcommand: name, methodFlag: "--smoother", default: "median", allowAll: false)[0]
        let options = try IngestArguments.ingestOptions(scanned, subcommand: name)
        let curves = try LogLoader.load(paths: try IngestArguments.paths(scanned, subcommand: name), options: options)
        let analysis = ReplicateAnalysis(smoothing: smoothing, suggestions: .own([]))
        var csv = CSVWriter(header: ["run", "step", "lr", "estimate", "lower", "upper", "simultaneous_lower", "simultaneous_upper"])
        func append(_ run: String, _ steps: [Int], _ lrs: [Double], _ band: CurveBand) {
            for t in steps.indices {
                csv.appendRow([run, "\(steps[t])", CSVWriter.number(lrs[t]), CSVWriter.number(band.estimate[t]), CSVWriter.number(band.lower[t]),
                               CSVWriter.number(band.upper[t]), CSVWriter.number(band.simultaneousLower[t]), CSVWriter.number(band.simultaneousUpper[t])])
            }
        }
        if boot.resampling == .runs {
            let ensemble: RunEnsemble
            do { ensemble = try RunEnsemble(runs: curves, analysis: analysis) } catch { throw CommandFailure("\(error)") }
            let band = ensemble.band(kind: boot.band, level: boot.level, replicates: boot.replicates, seed: boot.seed)
            append("mean of \(curves.count) runs", ensemble.steps, ensemble.learningRates, band)
        } else {
            for curve in curves {
                let result = try BootstrapArguments.run(boot, analysis: analysis, on: curve)
                append(curve.runName, curve.steps, curve.learningRates, result.band(kind: boot.band, level: boot.level))
            }
        }
        try Output.emit(csv.text, to: scanned.value("--output"))
    }
}
