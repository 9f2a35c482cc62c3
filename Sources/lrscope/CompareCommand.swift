import Foundation
import LRCore
import LRIngest
import LRReport

/// `lrscope compare PATH... [--truth SWEEP.csv]`: heuristics scored against one another.
enum CompareCommand: Subcommand {
    static let name = "compare"
    static let abstract = "Score every heuristic: stability, failures, and regret against a ground-truth LR sweep."
    static let overview = """
        Scores the heuristics against one another over the given runs: median suggested LR, bootstrap spread \
        (decades), spread across runs, failure/edge rate, and with --truth the regret in decades \
        (|log10 suggested - log10 best|) and in validation loss (interpolated in log10 LR, minus the best), \
        then a rank (by regret with a sweep, else by stability; column ranked_by). Both lrscope's own \
        heuristics and, where a run's framework is known, the framework's own answers (fastai/valley, ...). \
        Cost: runs x replicates analyses (about 1 s for 15 runs at 200 replicates).
        """
    static let usage = "lrscope compare <path> ... [--truth SWEEP.csv | --truth TASK=SWEEP.csv ...] [--format csv|table] [-o FILE]"
    static let arguments = [("<path> ...", IngestArguments.pathsHelp)]
    static let options = [
        OptionSpec(["--truth"], value: "SWEEP", help: "Ground-truth sweep (columns lr_max or lr, seed, valid_loss). Repeat as TASK=SWEEP.csv to score several tasks: a run belongs to TASK when its name or path contains TASK."),
        OptionSpec(["--details"], value: "FILE", help: "Also write every (task, run, heuristic) answer with its regrets to FILE."),
        OptionSpec(["--agreement"], value: "FILE", help: "Also write the median pairwise distance (decades) between heuristics over runs and replicates."),
        OptionSpec(["--format"], value: "F", help: "Output: csv (default) or table (a leaderboard per task)."),
        OptionSpec(["--output", "-o"], value: "FILE", help: "Write to FILE (atomically) instead of standard output."),
    ] + BootstrapArguments.options(defaultReplicates: 200, defaultBand: .prediction).filter { ["--replicates", "--seed", "--threads"].contains($0.primaryName) }
        + SmoothingArguments.options(methodFlag: "--smoother", methodHelp: "Smoother for lrscope's own heuristics (default median).")
        + IngestArguments.options

    static func run(_ scanned: ScannedArguments) throws {
        let format = try OutputFormat.parse(scanned.value("--format"), default: .csv, subcommand: name)
        let boot = try BootstrapArguments.values(scanned, subcommand: name, defaultReplicates: 200, defaultBand: .prediction)
        let smoothing = try SmoothingArguments.methods(scanned, subcommand: name, methodFlag: "--smoother", default: "median", allowAll: false)[0]
        let options = try IngestArguments.ingestOptions(scanned, subcommand: name)
        let curves = try LogLoader.load(paths: try IngestArguments.paths(scanned, subcommand: name), options: options)

        // Tasks: by --truth TASK=FILE, or one task.
        var tasks: [HeuristicComparison.Task] = []
        let truths = scanned.values("--truth")
        if truths.count == 1, !truths[0].contains("=") {
            let sweep = try SweepReader.read(path: truths[0])
            tasks = [.init(name: sweep.name, runs: curves, sweep: sweep)]
        } else if !truths.isEmpty {
            var assigned = Set<Int>()
            for spec in truths {
                guard let eq = spec.firstIndex(of: "=") else {
                    throw UsageError("invalid --truth '\(spec)': with several sweeps, give TASK=SWEEP.csv", subcommand: name)
                }
                let task = String(spec[..<eq]), path = String(spec[spec.index(after: eq)...])
                let sweep = try SweepReader.read(path: path, name: task)
                let mine = curves.indices.filter { i in curves[i].runName.contains(task) || curves[i].provenance.files.contains { $0.contains(task) } }
                assigned.formUnion(mine)
                if mine.isEmpty { Output.writeStandardError("warning: --truth \(task): no run's name or path contains '\(task)'\n") }
                tasks.append(.init(name: task, runs: mine.map { curves[$0] }, sweep: sweep))
            }
            let rest = curves.indices.filter { !assigned.contains($0) }
            if !rest.isEmpty {
                Output.writeStandardError("warning: \(rest.count) runs match no --truth task; scored without ground truth as task 'runs'\n")
                tasks.append(.init(name: "runs", runs: rest.map { curves[$0] }, sweep: nil))
            }
        } else {
            tasks = [.init(name: "runs", runs: curves, sweep: nil)]
        }
        for task in tasks {
            if let sweep = task.sweep, !sweep.bestIsInterior {
                Output.writeStandardError("warning: sweep '\(sweep.name)': its best learning rate \(sweep.bestLearningRate) is at the edge of the grid, so the true best may lie outside it and regrets are lower bounds\n")
            }
            if task.runs.count == 1 {
                Output.writeStandardError("warning: task '\(task.name)' has a single run: no spread across seeds\n")
            }
            for run in task.runs where run.finiteLossCount == 0 {
                Output.writeStandardError("warning: \(run.runName): no finite losses; every heuristic fails on it\n")
            }
        }

        let comparison = HeuristicComparison(smoothing: smoothing, replicates: boot.replicates, seed: boot.seed, threads: boot.threads)
        var rows: [HeuristicComparison.Row] = []
        var allDetails: [HeuristicComparison.Detail] = []
        for task in tasks where !task.runs.isEmpty {
            let details = comparison.details(for: task)
            allDetails += details
            rows += HeuristicComparison.rows(task: task.name, details: details, sweep: task.sweep, hasTruth: task.sweep != nil)
        }
        let scored = tasks.filter { !$0.runs.isEmpty }
        if scored.count > 1 {
            let withTruth = scored.allSatisfy { $0.sweep != nil }
            let overall = HeuristicComparison.rows(task: "all", details: allDetails, sweep: nil, hasTruth: withTruth)
            rows += overall.map { row in
                var r = row
                // Over several tasks, stability is the median of the tasks' spreads, not the spread of all runs pooled.
                let perTask = rows.filter { $0.heuristic == row.heuristic && $0.task != "all" }
                r.seedSpread = Self.median(perTask.compactMap(\.seedSpread))
                return r
            }
        }
        if let path = scanned.value("--details") { try AtomicFile.write(detailsCSV(allDetails), to: path) }
        if let path = scanned.value("--agreement") {
            var csv = CSVWriter(header: ["heuristic_a", "heuristic_b", "median_distance_decades", "pairs"])
            for a in HeuristicComparison.agreement(allDetails) {
                csv.appendRow([a.a, a.b, CSVWriter.number(a.medianDistance), "\(a.pairs)"])
            }
            try AtomicFile.write(csv.text, to: path)
        }
        try Output.emit(format == .table ? table(rows) : Report.scoresCSV(rows), to: scanned.value("--output"))
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func detailsCSV(_ details: [HeuristicComparison.Detail]) -> String {
        var csv = CSVWriter(header: ["task", "run", "heuristic", "lr", "index", "bootstrap_spread_decades", "failed", "regret_decades", "regret_loss", "note"])
        for d in details {
            csv.appendRow([d.task, d.run, d.heuristic, CSVWriter.number(d.suggestion.learningRate), d.suggestion.index.map(String.init) ?? "",
                           CSVWriter.number(d.bootstrapSpread), d.failed ? "true" : "false", CSVWriter.number(d.regretDecades),
                           CSVWriter.number(d.regretLoss), d.suggestion.note])
        }
        return csv.text
    }

    static func table(_ rows: [HeuristicComparison.Row]) -> String {
        var text = ""
        var tasks: [String] = []
        for r in rows where !tasks.contains(r.task) { tasks.append(r.task) }
        for task in tasks {
            let mine = rows.filter { $0.task == task }
            let by = mine.first?.rankedBy ?? ""
            text += "\(task == "all" ? "all tasks" : "task \(task)") (ranked by \(by)"
                + (mine.first?.bestLR.map { ", best LR \(formatSignificant($0, 4))" } ?? "") + ")\n"
            var t = TextTable(header: ["rank", "heuristic", "runs", "median_lr", "regret_dec", "regret_loss", "boot_spread", "seed_spread", "failed"],
                              rightAligned: [0, 2, 3, 4, 5, 6, 7, 8])
            func f(_ x: Double?, _ d: Int = 3) -> String { x.map { formatSignificant($0, d) } ?? "-" }
            for r in mine {
                t.append(["\(r.rank)", r.heuristic, "\(r.runs)", f(r.medianLR), f(r.regretDecades), f(r.regretLoss), f(r.bootstrapSpread),
                          f(r.seedSpread), f(r.failureRate, 2)])
            }
            text += t.rendered + "\n"
        }
        return text
    }
}
