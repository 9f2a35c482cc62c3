import LRCore
import LRIngest
import LRReport

/// `lrscope inspect PATH...`: what was found, per run.
enum InspectCommand: Subcommand {
    static let name = "inspect"
    static let abstract = "What was found: per run the format, points, LR range, loss kind and schedule."
    static let overview = """
        What was found in the logs: per run the format, run name, points, finite points, LR range, loss kind \
        (raw or smoothed, with the convention and how it was decided) and schedule (exponential or linear, \
        ratio per step). Reads each input once; cost is linear in the input size.
        """
    static let usage = "lrscope inspect <path> ... [--format table|csv|json] [ingest options]"
    static let arguments = [("<path> ...", IngestArguments.pathsHelp)]
    static let options = [OptionSpec(["--format"], value: "F", help: "Output: table (default), csv or json."),
                          OptionSpec(["--output", "-o"], value: "FILE", help: "Write to FILE (atomically) instead of standard output.")]
        + IngestArguments.options

    static func run(_ scanned: ScannedArguments) throws {
        let format = try OutputFormat.parse(scanned.value("--format"), default: .table, subcommand: name)
        let options = try IngestArguments.ingestOptions(scanned, subcommand: name)
        let curves = try LogLoader.load(paths: try IngestArguments.paths(scanned, subcommand: name), options: options)
        let records = curves.map(RunSummary.init)
        let text: String
        switch format {
        case .json:
            text = JSONText.array(records.map(\.json)).rendered() + "\n"
        case .csv:
            var csv = CSVWriter(header: RunSummary.csvHeader)
            for record in records { csv.appendRow(record.csvFields) }
            text = csv.text
        case .table:
            var table = TextTable(header: ["run", "format", "points", "finite", "lr_min", "lr_max", "loss_kind", "schedule"],
                                  rightAligned: [2, 3, 4, 5])
            var notes = ""
            for r in records {
                table.append([r.run, r.format, "\(r.points)", "\(r.finitePoints)", formatSignificant(r.lrMin, 4),
                              formatSignificant(r.lrMax, 4), r.lossKind, r.scheduleSummary])
                notes += "\n\(r.run):\n  files: \(r.files.joined(separator: ", "))\n"
                notes += "  series: step \(r.stepSeries.map { "'\($0)'" } ?? "(row position)"), lr '\(r.lrSeries)', loss '\(r.lossSeries)'\n"
                notes += "  loss kind: \(r.lossKind)\(r.convention.map { " (\($0))" } ?? ""); decided by: \(r.decision)\n"
                if let lag = r.storedLag {
                    notes += "  stored smoothing lags \(formatSignificant(lag.steps, 3)) steps (\(formatSignificant(lag.decades, 3)) decades of LR) at mid-run\n"
                }
                if !r.learningRatesIncrease { notes += "  learning rates do not increase at every step\n" }
                for warning in r.warnings { notes += "  warning: \(warning)\n" }
            }
            text = table.rendered + notes
        }
        try Output.emit(text, to: scanned.value("--output"))
    }
}

/// One run's `inspect` record.
struct RunSummary {
    let run: String
    let format: String
    let files: [String]
    let points: Int
    let finitePoints: Int
    let lrMin: Double
    let lrMax: Double
    let lossKind: String
    let convention: String?
    let framework: String?
    let beta: Double?
    let decision: String
    let scheduleSummary: String
    let scheduleShape: String
    let ratioPerStep: Double?
    let firstGapDouble: Bool
    let learningRatesIncrease: Bool
    let stepSeries: String?
    let lrSeries: String
    let lossSeries: String
    let warnings: [String]
    /// The stored smoothing's lag at mid-run (steps, decades), when the losses are smoothed.
    let storedLag: (steps: Double, decades: Double)?

    init(_ curve: LearningRateCurve) {
        run = curve.runName
        format = curve.provenance.format.rawValue
        files = curve.provenance.files
        points = curve.count
        finitePoints = curve.finiteLossCount
        lrMin = curve.learningRates.min() ?? .nan
        lrMax = curve.learningRates.max() ?? .nan
        lossKind = curve.lossKind.name
        if case .smoothed(let convention) = curve.lossKind {
            self.convention = convention.summary
            beta = convention.beta
        } else {
            convention = nil
            beta = nil
        }
        framework = curve.provenance.framework
        decision = curve.provenance.lossKindDecision
        let schedule = curve.schedule
        scheduleSummary = schedule.summary
        switch schedule.shape {
        case .exponential(let r): scheduleShape = "exponential"; ratioPerStep = r
        case .linear: scheduleShape = "linear"; ratioPerStep = nil
        case .irregular: scheduleShape = "irregular"; ratioPerStep = nil
        }
        firstGapDouble = schedule.firstGapIsDouble
        learningRatesIncrease = curve.learningRatesIncrease
        stepSeries = curve.provenance.stepSeries
        lrSeries = curve.provenance.learningRateSeries
        lossSeries = curve.provenance.lossSeries
        warnings = curve.provenance.warnings
        storedLag = curve.storedSmoothingLagAtMidRun
    }

    static let csvHeader = ["run", "format", "files", "points", "finite_points", "lr_min", "lr_max", "loss_kind",
                            "convention", "framework", "beta", "schedule", "ratio_per_step", "first_gap_double",
                            "lr_increasing", "step_series", "lr_series", "loss_series", "decided_by", "warnings",
                            "stored_lag_steps_mid", "stored_lag_decades_mid"]

    var csvFields: [String] {
        [run, format, files.joined(separator: ";"), "\(points)", "\(finitePoints)", CSVWriter.number(lrMin),
         CSVWriter.number(lrMax), lossKind, convention ?? "", framework ?? "", CSVWriter.number(beta), scheduleShape,
         CSVWriter.number(ratioPerStep), firstGapDouble ? "true" : "false", learningRatesIncrease ? "true" : "false",
         stepSeries ?? "", lrSeries, lossSeries, decision, warnings.joined(separator: " | "),
         CSVWriter.number(storedLag?.steps), CSVWriter.number(storedLag?.decades)]
    }

    var json: JSONText {
        func optional(_ s: String?) -> JSONText { s.map(JSONText.string) ?? .null }
        return .object([
            ("run", .string(run)), ("format", .string(format)), ("files", .array(files.map(JSONText.string))),
            ("points", .integer(points)), ("finite_points", .integer(finitePoints)),
            ("lr_min", .number(lrMin)), ("lr_max", .number(lrMax)),
            ("loss_kind", .string(lossKind)), ("convention", optional(convention)), ("framework", optional(framework)),
            ("beta", beta.map(JSONText.number) ?? .null), ("decided_by", .string(decision)),
            ("schedule", .object([("shape", .string(scheduleShape)), ("ratio_per_step", ratioPerStep.map(JSONText.number) ?? .null),
                                  ("first_gap_double", .bool(firstGapDouble)), ("summary", .string(scheduleSummary))])),
            ("lr_increasing", .bool(learningRatesIncrease)),
            ("series", .object([("step", optional(stepSeries)), ("lr", .string(lrSeries)), ("loss", .string(lossSeries))])),
            ("warnings", .array(warnings.map(JSONText.string))),
            ("stored_lag_mid", storedLag.map { .object([("steps", .number($0.steps)), ("decades", .number($0.decades))]) } ?? .null),
        ])
    }
}
