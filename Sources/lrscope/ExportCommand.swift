import LRCore
import LRIngest
import LRReport

/// `lrscope export PATH... [-o FILE]`: tidy CSV `run,step,lr,loss,raw_loss`.
enum ExportCommand: Subcommand {
    static let name = "export"
    static let abstract = "Tidy CSV of every run: run,step,lr,loss,raw_loss (raw losses recovered)."
    static let overview = """
        Tidy CSV, one row per step: run,step,lr,loss,raw_loss. 'loss' is the value as stored; 'raw_loss' is \
        the per-batch loss: equal to 'loss' for raw logs, recovered by exactly inverting the framework's \
        smoother for smoothed ones, empty where it cannot be recovered (unknown convention; after the first \
        non-finite value). Cost is linear in the input size.
        """
    static let usage = "lrscope export <path> ... [-o FILE] [ingest options]"
    static let arguments = [("<path> ...", IngestArguments.pathsHelp)]
    static let options = [OptionSpec(["--output", "-o"], value: "FILE", help: "Write to FILE (atomically) instead of standard output.")]
        + IngestArguments.options

    static func run(_ scanned: ScannedArguments) throws {
        let options = try IngestArguments.ingestOptions(scanned, subcommand: name)
        let curves = try LogLoader.load(paths: try IngestArguments.paths(scanned, subcommand: name), options: options)
        // Streamed out in pieces: a multi-million-row export never sits in memory as one string.
        let output = try Output.Stream(path: scanned.value("--output"))
        var csv = CSVWriter(header: ["run", "step", "lr", "loss", "raw_loss"])
        for curve in curves {
            let raw = curve.recoveredRawLosses()
            let run = CSVWriter.quoted(curve.runName)
            for i in 0..<curve.count {
                csv.appendRow([run, "\(curve.steps[i])", CSVWriter.number(curve.learningRates[i]),
                               CSVWriter.number(curve.losses[i]), CSVWriter.number(raw[i])], quoted: true)
                if csv.pendingBytes > 1 << 20 { try output.write(csv.drain()) }
            }
            for warning in curve.provenance.warnings { Output.writeStandardError("warning: \(curve.runName): \(warning)\n") }
        }
        try output.write(csv.drain())
        try output.finish()
    }
}
