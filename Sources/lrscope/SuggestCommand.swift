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
    ] + SmoothingArguments.options(methodFlag: "--smoother", methodHelp: "Smoother for lrscope's own suggestions (default median, centered, 11 steps: robust to spikes and to the diverging tail, no lag): \(SmoothingMethod.names.joined(separator: ", ")).")
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
        var heuristics = HeuristicCatalog.all
        if let list = scanned.value("--heuristics") {
            if compat != nil { throw UsageError("--heuristics chooses lrscope's own heuristics; --compat gives each framework's own", subcommand: name) }
            heuristics = []
            for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let heuristic = HeuristicCatalog.named(item) else {
                    throw UsageError("unknown heuristic '\(item)': expected \(HeuristicCatalog.names.joined(separator: ", ")).\(DidYouMean.hint(for: item, among: HeuristicCatalog.names))", subcommand: name)
                }
                heuristics.append(heuristic)
            }
        }
        let smoothing = try SmoothingArguments.methods(scanned, subcommand: name, methodFlag: "--smoother", default: "median", allowAll: false)[0]
        let options = try IngestArguments.ingestOptions(scanned, subcommand: name)
        let curves = try LogLoader.load(paths: try IngestArguments.paths(scanned, subcommand: name), options: options)

        var rows: [(run: String, heuristic: String, suggestion: Suggestion)] = []
        for curve in curves {
            if let compat {
                for (heuristic, suggestion) in compat.suggestions(for: curve, numIt: numIt) { rows.append((curve.runName, heuristic, suggestion)) }
            } else {
                guard curve.lossKind != .unknown else {
                    throw CommandFailure("\(curve.runName): whether its losses are raw or smoothed is unknown (\(curve.provenance.lossKindDecision)); pass --source, or --compat to use the stored losses as the framework does")
                }
                do {
                    for (heuristic, suggestion) in try curve.suggestions(using: heuristics, smoothing: smoothing) {
                        rows.append((curve.runName, heuristic, suggestion))
                    }
                } catch {
                    for heuristic in heuristics { rows.append((curve.runName, heuristic.name, .none("\(error)"))) }
                }
            }
        }
        try Output.emit(render(rows, format: format), to: scanned.value("--output"))
    }

    static func render(_ rows: [(run: String, heuristic: String, suggestion: Suggestion)], format: OutputFormat) -> String {
        switch format {
        case .csv:
            var csv = CSVWriter(header: ["run", "heuristic", "lr", "loss", "index", "note"])
            for r in rows {
                csv.appendRow([r.run, r.heuristic, CSVWriter.number(r.suggestion.learningRate), CSVWriter.number(r.suggestion.loss),
                               r.suggestion.index.map(String.init) ?? "", r.suggestion.note])
            }
            return csv.text
        case .json:
            return JSONText.array(rows.map { r in
                .object([("run", .string(r.run)), ("heuristic", .string(r.heuristic)),
                         ("lr", r.suggestion.learningRate.map(JSONText.number) ?? .null), ("loss", r.suggestion.loss.map(JSONText.number) ?? .null),
                         ("index", r.suggestion.index.map(JSONText.integer) ?? .null), ("note", .string(r.suggestion.note))])
            }).rendered() + "\n"
        case .table:
            var table = TextTable(header: ["run", "heuristic", "lr", "loss", "index", "note"], rightAligned: [2, 3, 4])
            for r in rows {
                table.append([r.run, r.heuristic, r.suggestion.learningRate.map { formatSignificant($0, 4) } ?? "-",
                              r.suggestion.loss.map { formatSignificant($0, 4) } ?? "-", r.suggestion.index.map(String.init) ?? "-", r.suggestion.note])
            }
            return table.rendered
        }
    }
}
