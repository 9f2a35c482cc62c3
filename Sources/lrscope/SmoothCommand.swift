import LRCore
import LRIngest
import LRReport

/// `lrscope smooth PATH... --method M [-o FILE]`: smoothed curves, one block per method.
enum SmoothCommand: Subcommand {
    static let name = "smooth"
    static let abstract = "Smooth the raw losses: framework EMAs, windowed mean and median, P-spline; with lags."
    static let overview = """
        Smooths each run's raw per-batch losses (recovered from smoothed logs) and writes CSV \
        run,step,lr,loss,method,smoothed,raw_loss,lag_steps,lag_decades, one block of rows per method. \
        fastai-ema, lightning-ema and torch-lr-finder-ema reproduce each framework's stored values exactly; \
        ema, window, median and spline are lrscope's own (non-finite losses are missing there). The lag is \
        how far behind its point a smoothed value sits, in steps and decades of LR. Cost: O(n) per EMA and \
        window, O(n K^2) for the spline with K basis functions.
        """
    static let usage = "lrscope smooth <path> ... [--method M] [-o FILE] [--explain] [options]"
    static let arguments = [("<path> ...", IngestArguments.pathsHelp)]
    static let options = SmoothingArguments.options(methodFlag: "--method", methodHelp: "Smoother: \(SmoothingMethod.names.joined(separator: ", ")), or all (default: all, one block per method).") + [
        OptionSpec(["--explain"], help: "Print a worked table of the first steps (step, raw, running value, correction, result) instead of CSV."),
        OptionSpec(["--rows"], value: "N", help: "Steps shown by --explain (default 12)."),
        OptionSpec(["--output", "-o"], value: "FILE", help: "Write to FILE (atomically) instead of standard output."),
    ] + IngestArguments.options

    static func run(_ scanned: ScannedArguments) throws {
        let methods = try SmoothingArguments.methods(scanned, subcommand: name)
        let options = try IngestArguments.ingestOptions(scanned, subcommand: name)
        var rows = 12
        if let text = scanned.value("--rows") {
            guard let value = Int(text), value >= 1 else { throw UsageError("invalid --rows '\(text)': expected a positive integer", subcommand: name) }
            rows = value
        }
        let paths = try IngestArguments.paths(scanned, subcommand: name)
        let curves = try Timings.measure("read") { try LogLoader.load(paths: paths, options: options) }
        for curve in curves where curve.lossKind == .unknown {
            throw CommandFailure("\(curve.runName): whether its losses are raw or smoothed is unknown (\(curve.provenance.lossKindDecision)), so there are no raw losses to smooth")
        }
        let failOnError = methods.count == 1
        var csv = CSVWriter(header: ["run", "step", "lr", "loss", "method", "smoothed", "raw_loss", "lag_steps", "lag_decades"])
        var explanation = ""
        for method in methods {
            for curve in curves {
                let series: SmoothedSeries
                do {
                    series = try Timings.measure("analysis") { try curve.smoothed(by: method) }
                } catch {
                    if failOnError { throw CommandFailure("\(curve.runName): \(error)") }
                    Output.writeStandardError("warning: \(curve.runName): \(error); no \(method.name) block for this run\n")
                    continue
                }
                if scanned.isSet("--explain") {
                    explanation += SmoothingExplanation.text(method: method, curve: curve, series: series, rows: rows)
                    continue
                }
                let raw = curve.recoveredRawLosses()
                for i in 0..<curve.count {
                    csv.appendRow([curve.runName, "\(curve.steps[i])", CSVWriter.number(curve.learningRates[i]),
                                   CSVWriter.number(curve.losses[i]), method.name, CSVWriter.number(series.values[i]),
                                   CSVWriter.number(raw[i]), CSVWriter.number(series.lagSteps[i]), CSVWriter.number(series.lagDecades[i])])
                }
            }
        }
        try Output.emit(scanned.isSet("--explain") ? explanation : csv.text, to: scanned.value("--output"))
    }
}

/// A failed analysis: printed as `Error: …`, exit 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
