import Foundation
import LRCore
import LRIngest
import LRReport

/// `lrscope suggest PATH... [--compat FRAMEWORK] [-o FILE]`: suggested learning rates per run and heuristic.
enum SuggestCommand: Subcommand {
    static let name = "suggest"
    static let abstract = "Suggested learning rates by every heuristic, or exactly as fastai, torch-lr-finder or Lightning give them."
    static let overview = """
        One row per run and heuristic: run,heuristic,lr,loss,index,note. With --compat, the framework's own \
        rule runs on the stored losses exactly as the framework would (its trimming, non-finite handling and \
        float32 arithmetic). Without it, lrscope recovers the raw losses, smooths them with --smoother \
        (default median) and applies each heuristic to that lag-free curve. When a heuristic has no answer \
        the lr is empty and the note says why. Cost: O(n log n) per heuristic after smoothing.
        """
    static let usage = "lrscope suggest <path> ... [--compat fastai|torch-lr-finder|lightning] [--heuristics LIST] [-o FILE] [options]"
    static let arguments = [("<path> ...", IngestArguments.pathsHelp)]
    static let options = [
        OptionSpec(["--compat"], value: "F", help: "fastai (minimum, steep, valley, slide), torch-lr-finder or lightning: the framework's own answer on its stored losses."),
        OptionSpec(["--num-it"], value: "N", help: "fastai's requested iterations (num_it), for its head trim num_it//10 (default: inferred from the schedule)."),
        OptionSpec(["--heuristics"], value: "LIST", help: "Comma-separated heuristics without --compat (default all: \(HeuristicCatalog.names.joined(separator: ", ")))."),
        OptionSpec(["--format"], value: "F", help: "Output: csv (default), json or table."),
        OptionSpec(["--output", "-o"], value: "FILE", help: "Write to FILE (atomically) instead of standard output."),
    ] + BootstrapArguments.options(defaultReplicates: 0, defaultBand: .prediction).map { option in
        option.primaryName == "--replicates"
            ? OptionSpec(["--replicates"], value: "N", help: "Bootstrap replicates; adds lr_lower, lr_upper, spread_decades, failure_rate (default 0: none). About 1 ms per replicate of a 1,000-point run.")
            : option
    } + SmoothingArguments.options(methodFlag: "--smoother", methodHelp: "Smoother for lrscope's own suggestions (default median, centered, 11 steps: robust to spikes and to the diverging tail, no lag): \(SmoothingMethod.names.joined(separator: ", ")).")
        + IngestArguments.options

    static func run(_ scanned: ScannedArguments) throws {
        let format = try OutputFormat.parse(scanned.value("--format"), default: .csv, subcommand: name)
        var compat: FrameworkCompatibility?
        if let text = scanned.value("--compat") {
            guard let value = FrameworkCompatibility(rawValue: text) else {
                let names = FrameworkCompatibility.allCases.map(\.rawValue)
                throw UsageError("invalid --compat '\(text)': expected one of \(names.joined(separator: ", ")).\(DidYouMean.hint(for: text, among: names))", subcommand: name)
            }
            compat = value
        }
        var numIt: Int?
        if let text = scanned.value("--num-it") {
            guard let value = Int(text), value >= 1 else { throw UsageError("invalid --num-it '\(text)': expected a positive integer", subcommand: name) }
            numIt = value
        }
        if scanned.value("--heuristics") != nil && compat != nil {
            throw UsageError("--heuristics chooses lrscope's own heuristics; --compat gives each framework's own", subcommand: name)
        }
        let heuristics = try Self.heuristics(scanned, subcommand: name)
        let smoothing = try SmoothingArguments.methods(scanned, subcommand: name, methodFlag: "--smoother", default: "median", allowAll: false)[0]
        let boot = try BootstrapArguments.values(scanned, subcommand: name, defaultReplicates: 0, defaultBand: .prediction)
        if boot.resampling == .runs && boot.replicates > 0 {
            throw UsageError("--resampling runs compares runs with 'lrscope calibrate'; suggest --replicates resamples each run", subcommand: name)
        }
        let options = try IngestArguments.ingestOptions(scanned, subcommand: name)
        let paths = try IngestArguments.paths(scanned, subcommand: name)
        let curves = try Timings.measure("read") { try LogLoader.load(paths: paths, options: options) }

        var rows: [Row] = []
        try Timings.measure("analysis") {
            for curve in curves {
                var pointEstimates: [(heuristic: String, suggestion: Suggestion)]
                if let compat {
                    pointEstimates = compat.suggestions(for: curve, numIt: numIt)
                } else {
                    guard curve.lossKind != .unknown else {
                        throw CommandFailure("\(curve.runName): whether its losses are raw or smoothed is unknown (\(curve.provenance.lossKindDecision)); pass --source, or --compat to use the stored losses as the framework does")
                    }
                    do {
                        pointEstimates = try curve.suggestions(using: heuristics, smoothing: smoothing)
                    } catch {
                        pointEstimates = heuristics.map { ($0.name, .none("\(error)")) }
                    }
                }
                var intervals: [SuggestionInterval?] = pointEstimates.map { _ in nil }
                if boot.replicates > 0 {
                    let analysis = ReplicateAnalysis(smoothing: smoothing, suggestions: compat.map { .compat($0, numIt: numIt) } ?? .own(heuristics))
                    let result = try BootstrapArguments.run(boot, analysis: analysis, on: curve)
                    intervals = result.intervals(around: pointEstimates.map(\.suggestion), kind: boot.band, level: boot.level, of: curve)
                }
                for (h, estimate) in pointEstimates.enumerated() {
                    rows.append(Row(run: curve.runName, heuristic: estimate.heuristic, suggestion: estimate.suggestion, interval: intervals[h]))
                }
            }
        }
        try Output.emit(render(rows, format: format, withIntervals: boot.replicates > 0), to: scanned.value("--output"))
    }

    /// The heuristics `--heuristics` names (default all).
    static func heuristics(_ scanned: ScannedArguments, subcommand: String) throws(UsageError) -> [any SuggestionHeuristic] {
        guard let list = scanned.value("--heuristics") else { return HeuristicCatalog.all }
        var heuristics: [any SuggestionHeuristic] = []
        for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let heuristic = HeuristicCatalog.named(item) else {
                throw UsageError("unknown heuristic '\(item)': expected \(HeuristicCatalog.names.joined(separator: ", ")).\(DidYouMean.hint(for: item, among: HeuristicCatalog.names))", subcommand: subcommand)
            }
            heuristics.append(heuristic)
        }
        return heuristics
    }

    struct Row {
        var run: String
        var heuristic: String
        var suggestion: Suggestion
        var interval: SuggestionInterval?
    }

    static func render(_ rows: [Row], format: OutputFormat, withIntervals: Bool) -> String {
        switch format {
        case .csv:
            return Report.suggestionsCSV(rows.map { ($0.run, $0.heuristic, $0.suggestion, $0.interval) }, withIntervals: withIntervals)
        case .json:
            return JSONText.array(rows.map { r in
                var members: [(String, JSONText)] = [("run", .string(r.run)), ("heuristic", .string(r.heuristic)),
                    ("lr", r.suggestion.learningRate.map(JSONText.number) ?? .null), ("loss", r.suggestion.loss.map(JSONText.number) ?? .null),
                    ("index", r.suggestion.index.map(JSONText.integer) ?? .null), ("note", .string(r.suggestion.note))]
                if withIntervals {
                    members += [("lr_lower", r.interval?.lower.map(JSONText.number) ?? .null), ("lr_upper", r.interval?.upper.map(JSONText.number) ?? .null),
                                ("spread_decades", r.interval?.spreadDecades.map(JSONText.number) ?? .null),
                                ("failure_rate", r.interval.map { JSONText.number($0.failureRate) } ?? .null)]
                }
                return .object(members)
            }).rendered() + "\n"
        case .table:
            var table = TextTable(header: ["run", "heuristic", "lr", "loss", "index"] + (withIntervals ? ["interval", "decades", "failed"] : []) + ["note"],
                                  rightAligned: [2, 3, 4])
            for r in rows {
                var cells = [r.run, r.heuristic, r.suggestion.learningRate.map { formatSignificant($0, 4) } ?? "-",
                             r.suggestion.loss.map { formatSignificant($0, 4) } ?? "-", r.suggestion.index.map(String.init) ?? "-"]
                if withIntervals {
                    let interval = r.interval.flatMap { i in i.lower.flatMap { lo in i.upper.map { "\(formatSignificant(lo, 3))..\(formatSignificant($0, 3))" } } } ?? "-"
                    cells += [interval, r.interval?.spreadDecades.map { formatSignificant($0, 3) } ?? "-",
                              r.interval.map { formatSignificant($0.failureRate, 3) } ?? "-"]
                }
                table.append(cells + [r.suggestion.note])
            }
            return table.rendered
        }
    }
}
