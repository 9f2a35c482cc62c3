import Foundation
import LRCore
import LRIngest
import LRReport

/// `lrscope study RUNS... -o DIR`: a repeated-seed noise study of one setup.
enum StudyCommand: Subcommand {
    static let name = "study"
    static let abstract = "Repeated-seed noise study of one setup: mean curve and band, noise by step and LR, factor split, batch-size scaling."
    static let overview = """
        Runs of one setup (repeated seeds). Recovers each run's raw losses, smooths them (--smoother, \
        default a centered median of 11 steps) and writes to DIR: curve.csv (mean curve and across-run \
        band by step), noise_by_step.csv and noise_by_lr.csv (RMS of the pseudo-residuals (x[k-1] - 2x[k] + \
        x[k+1])/sqrt(6) of the raw losses, which a locally linear curve does not bias), runs.csv (each \
        run's robust noise SD before the minimum of its moving-median profile, its minimum and batch size), factors.csv (between-run variance of the group of runs each --factor selects, and its \
        share), batch_scaling.csv (noise by batch size) and summary.txt, which is also printed. Without \
        -o only the summary is printed. Cost: O(runs x steps), well under a second for 50 runs of 100 steps.
        """
    static let usage = "lrscope study <run> <run> ... [-o DIR] [--force] [--factor NAME=REGEX ...] [--batch-size-pattern REGEX] [options]"
    static let arguments = [("<run> ...", "Two or more runs of one setup (files or folders; '-' reads standard input).")]
    static let options = [
        OptionSpec(["--output", "-o"], value: "DIR", help: "Write the CSV files and summary.txt to DIR (created when missing; each file atomically)."),
        OptionSpec(["--force"], help: "Overwrite a study already in DIR (one with a summary.txt)."),
        OptionSpec(["--factor"], value: "NAME=REGEX", help: "Repeatable. The runs whose name or path matches REGEX form the group in which only factor NAME varies (e.g. --factor data=sameinit --factor init=samedata); each group needs at least 2 runs."),
        OptionSpec(["--batch-size-pattern"], value: "REGEX", help: "Reads the batch size from a run's name or path: the first capture group (default \(RunPattern.defaultBatchSizePattern))."),
        OptionSpec(["--profile-window"], value: "N", help: "Window of the centered moving median whose minimum ends the stretch each run's noise level is taken over (default \(ResidualModel.defaultProfileWindow))."),
        OptionSpec(["--level"], value: "L", help: "Coverage of the across-run band (default 0.95: the 2.5% and 97.5% quantiles)."),
    ] + SmoothingArguments.options(methodFlag: "--smoother", methodHelp: "Smoother of the curves (default median, centered, 11 steps): \(SmoothingMethod.names.joined(separator: ", ")).")
        + IngestArguments.options

    static func run(_ scanned: ScannedArguments) throws {
        let smoothing = try SmoothingArguments.methods(scanned, subcommand: name, methodFlag: "--smoother", default: "median", allowAll: false)[0]
        let factors = try factors(scanned)
        var batchSizePattern = RunPattern.defaultBatchSize
        if let text = scanned.value("--batch-size-pattern") {
            do { batchSizePattern = try RunPattern(text) } catch {
                throw UsageError("invalid --batch-size-pattern '\(text)': \(error)", subcommand: name)
            }
        }
        var profileWindow = ResidualModel.defaultProfileWindow
        if let text = scanned.value("--profile-window") {
            guard let w = Int(text), w >= 3, w % 2 == 1 else { throw UsageError("invalid --profile-window '\(text)': expected an odd integer >= 3", subcommand: name) }
            profileWindow = w
        }
        var level = 0.95
        if let text = scanned.value("--level") {
            guard let l = Double(text), l > 0, l < 1 else { throw UsageError("invalid --level '\(text)': expected a number between 0 and 1", subcommand: name) }
            level = l
        }
        let options = try IngestArguments.ingestOptions(scanned, subcommand: name)
        let paths = try IngestArguments.paths(scanned, subcommand: name)
        let folder = scanned.value("--output")
        if let folder { try prepare(folder, force: scanned.isSet("--force")) }

        let runs = try LogLoader.load(paths: paths, options: options)
        let study = try NoiseStudy(runs: runs, smoothing: smoothing, factors: factors, batchSizePattern: batchSizePattern,
                                   profileWindow: profileWindow, level: level)
        for skipped in study.skipped { Output.writeStandardError("warning: \(skipped.name): \(skipped.reason); skipped\n") }
        let report = NoiseStudyReport(study)
        if let folder {
            for file in report.files {
                try AtomicFile.write(file.text, to: URL(fileURLWithPath: folder).appendingPathComponent(file.name).path)
            }
        }
        Output.writeStandardOutput(report.summary)
    }

    /// The `--factor NAME=REGEX` values, in order.
    static func factors(_ scanned: ScannedArguments) throws(UsageError) -> [StudyFactor] {
        var factors: [StudyFactor] = []
        for text in scanned.values("--factor") {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
                throw UsageError("invalid --factor '\(text)': expected NAME=REGEX, e.g. data=sameinit", subcommand: name)
            }
            let factorName = String(text[..<equals])
            guard !factors.contains(where: { $0.name == factorName }) else {
                throw UsageError("invalid --factor '\(text)': factor '\(factorName)' is already given; give each factor one pattern", subcommand: name)
            }
            do {
                factors.append(try StudyFactor(name: factorName, pattern: String(text[text.index(after: equals)...])))
            } catch {
                throw UsageError("invalid --factor '\(text)': \(error)", subcommand: name)
            }
        }
        return factors
    }

    /// Creates the output folder when missing; refuses one that holds a study unless `force`.
    static func prepare(_ folder: String, force: Bool) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw CommandFailure("\(folder): exists and is not a folder") }
            let summary = URL(fileURLWithPath: folder).appendingPathComponent("summary.txt").path
            if FileManager.default.fileExists(atPath: summary) && !force {
                throw CommandFailure("\(folder): holds a study already (summary.txt); not overwritten without --force")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure("\(folder): cannot create the folder: \((error as NSError).localizedDescription)")
            }
        }
    }
}
