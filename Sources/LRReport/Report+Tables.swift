import Foundation
import LRCore

extension Report {
    /// `curves.csv`: per run and step the learning rate, the loss as stored, the raw loss and every
    /// smoother's value (one column per smoother, named as `smooth --method` with `-` as `_`).
    public var curvesCSV: String {
        let methods = runs.first?.smoothed.map(\.method) ?? []
        var csv = CSVWriter(header: ["run", "step", "lr", "loss", "raw_loss"] + methods.map { $0.replacingOccurrences(of: "-", with: "_") })
        for run in runs {
            for t in 0..<run.curve.count {
                csv.appendRow([run.curve.runName, "\(run.curve.steps[t])", CSVWriter.number(run.curve.learningRates[t]),
                               CSVWriter.number(run.curve.losses[t]), CSVWriter.number(run.rawLosses[t])]
                              + run.smoothed.map { CSVWriter.number($0.values[t]) })
            }
        }
        return csv.text
    }

    /// `bands.csv`: per run, band (`confidence`, `prediction`) and step.
    public var bandsCSV: String {
        var csv = CSVWriter(header: ["run", "band", "step", "lr", "estimate", "lower", "upper", "simultaneous_lower", "simultaneous_upper", "level"])
        for run in runs {
            for (kind, band) in [("confidence", run.confidence), ("prediction", run.prediction)] {
                guard let band else { continue }
                for t in 0..<run.curve.count {
                    csv.appendRow([run.curve.runName, kind, "\(run.curve.steps[t])", CSVWriter.number(run.curve.learningRates[t]),
                                   CSVWriter.number(band.estimate[t]), CSVWriter.number(band.lower[t]), CSVWriter.number(band.upper[t]),
                                   CSVWriter.number(band.simultaneousLower[t]), CSVWriter.number(band.simultaneousUpper[t]),
                                   CSVWriter.number(options.level)])
                }
            }
        }
        return csv.text
    }

    /// `suggestions.csv`: per run and heuristic, with the bootstrap interval where there is one.
    public var suggestionsCSV: String {
        Self.suggestionsCSV(runs.flatMap { run in run.suggestions.map { (run.curve.runName, $0.heuristic, $0.suggestion, $0.interval) } },
                            withIntervals: true)
    }

    /// The suggestion table `lrscope suggest` and `suggestions.csv` write: `run,heuristic,lr,loss,index,note`,
    /// then `lr_lower,lr_upper,spread_decades,failure_rate` when there are intervals.
    public static func suggestionsCSV(_ rows: [(run: String, heuristic: String, suggestion: Suggestion, interval: SuggestionInterval?)],
                                      withIntervals: Bool) -> String {
        var csv = CSVWriter(header: ["run", "heuristic", "lr", "loss", "index", "note"]
            + (withIntervals ? ["lr_lower", "lr_upper", "spread_decades", "failure_rate"] : []))
        for r in rows {
            var fields = [r.run, r.heuristic, CSVWriter.number(r.suggestion.learningRate), CSVWriter.number(r.suggestion.loss),
                          r.suggestion.index.map(String.init) ?? "", r.suggestion.note]
            if withIntervals {
                fields += [CSVWriter.number(r.interval?.lower), CSVWriter.number(r.interval?.upper),
                           CSVWriter.number(r.interval?.spreadDecades), CSVWriter.number(r.interval?.failureRate)]
            }
            csv.appendRow(fields)
        }
        return csv.text
    }

    /// `scores.csv`: the comparison of heuristics (as `lrscope compare`).
    public var scoresCSV: String { Self.scoresCSV(scores) }

    /// The comparison table `lrscope compare` and `scores.csv` write.
    public static func scoresCSV(_ rows: [HeuristicComparison.Row]) -> String {
        var csv = CSVWriter(header: ["heuristic", "runs", "median_lr", "bootstrap_spread_decades", "seed_spread_decades", "failure_rate",
                                     "regret_decades", "regret_loss", "rank", "task", "ranked_by", "best_lr", "outside_sweep"])
        for r in rows {
            csv.appendRow([r.heuristic, "\(r.runs)", CSVWriter.number(r.medianLR), CSVWriter.number(r.bootstrapSpread), CSVWriter.number(r.seedSpread),
                           CSVWriter.number(r.failureRate), CSVWriter.number(r.regretDecades), CSVWriter.number(r.regretLoss), "\(r.rank)",
                           r.task, r.rankedBy, CSVWriter.number(r.bestLR), "\(r.outsideSweep)"])
        }
        return csv.text
    }

    /// `summary.json`: inputs with checksums, options, seed, version, and every figure of the tables.
    public var summaryJSON: String {
        func optional(_ x: Double?) -> JSONText { x.map(JSONText.number) ?? .null }
        let inputs = JSONText.array(self.inputs.map { .object([("path", .string($0.path)), ("bytes", .integer($0.bytes)), ("sha256", .string($0.sha256))]) })
        let options = JSONText.object([
            ("smoother", .string(self.options.smoothing.name)), ("resampling", .string(self.options.resampling.rawValue)),
            ("replicates", .integer(self.options.replicates)), ("level", .number(self.options.level)),
            ("seed", .string(String(self.options.seed))), ("profile_window", .integer(ResidualModel.defaultProfileWindow)),
            ("suggestion_intervals", .string("prediction")),
        ])
        let runs = JSONText.array(self.runs.map { run in
            let c = run.curve
            return .object([
                ("run", .string(c.runName)), ("format", .string(c.provenance.format.rawValue)), ("files", .array(c.provenance.files.map(JSONText.string))),
                ("points", .integer(c.count)), ("finite_points", .integer(c.finiteLossCount)),
                ("lr_min", optional(c.learningRates.min())), ("lr_max", optional(c.learningRates.max())),
                ("loss_kind", .string(c.lossKind.name)), ("decided_by", .string(c.provenance.lossKindDecision)),
                ("schedule", .string(c.schedule.summary)), ("bootstrap_note", run.bootstrapNote.map(JSONText.string) ?? .null),
                ("suggestions", .array(run.suggestions.map { s in
                    .object([("heuristic", .string(s.heuristic)), ("lr", optional(s.suggestion.learningRate)), ("loss", optional(s.suggestion.loss)),
                             ("index", s.suggestion.index.map(JSONText.integer) ?? .null), ("note", .string(s.suggestion.note)),
                             ("lr_lower", optional(s.interval?.lower)), ("lr_upper", optional(s.interval?.upper)),
                             ("spread_decades", optional(s.interval?.spreadDecades)), ("failure_rate", optional(s.interval?.failureRate))])
                })),
                ("warnings", .array(c.provenance.warnings.map(JSONText.string))),
            ])
        })
        let scores = JSONText.array(self.scores.map { r in
            .object([("heuristic", .string(r.heuristic)), ("runs", .integer(r.runs)), ("median_lr", optional(r.medianLR)),
                     ("bootstrap_spread_decades", optional(r.bootstrapSpread)), ("seed_spread_decades", optional(r.seedSpread)),
                     ("failure_rate", .number(r.failureRate)), ("regret_decades", optional(r.regretDecades)), ("regret_loss", optional(r.regretLoss)),
                     ("rank", .integer(r.rank)), ("ranked_by", .string(r.rankedBy))])
        })
        return JSONText.object([
            ("lrscope_version", .string(version)), ("inputs", inputs), ("options", options), ("runs", runs), ("scores", scores),
            ("sweep", sweep.map { .object([("name", .string($0.name)), ("best_lr", .number($0.bestLearningRate)),
                                           ("best_mean_valid_loss", .number($0.bestMeanValidLoss))]) } ?? .null),
        ]).rendered() + "\n"
    }

    /// The short aligned table printed on stdout.
    public var summaryTable: String {
        var table = TextTable(header: ["run", "points", "loss_kind", "heuristic", "lr", "interval"], rightAligned: [1, 4])
        for run in runs {
            for s in run.suggestions where options.plotted.contains(s.heuristic) || s.heuristic.contains("/") {
                let interval = s.interval.flatMap { i in i.lower.flatMap { lo in i.upper.map { "\(formatSignificant(lo, 3))..\(formatSignificant($0, 3))" } } } ?? "-"
                table.append([run.curve.runName, "\(run.curve.count)", run.curve.lossKind.name, s.heuristic,
                              s.suggestion.learningRate.map { formatSignificant($0, 4) } ?? "-", interval])
            }
        }
        return table.rendered
    }
}
