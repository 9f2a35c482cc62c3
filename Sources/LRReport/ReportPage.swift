import Foundation
import LRCore

extension Report {
    /// `report.html`: one self-contained page (no external files, scripts or fonts): the plot, the
    /// suggestions and scores tables, and the provenance (inputs with checksums, options, version).
    public func html(plot svg: String) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>lrscope report</title>
            <style>
            body { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; margin: 24px; color: #222; max-width: 1100px; }
            table { border-collapse: collapse; margin: 8px 0 24px; font-size: 13px; }
            th, td { border-bottom: 1px solid #ddd; padding: 3px 10px; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            code { font-size: 12px; }
            </style></head><body>
            <h1>lrscope report</h1>
            <p>\(runs.count) run\(runs.count == 1 ? "" : "s"); smoother <code>\(escape(options.smoothing.name))</code>; \
            \(options.replicates) <code>\(escape(options.resampling.rawValue))</code> bootstrap replicates, seed \(options.seed); \
            bands and intervals at \(Int(options.level * 100))%.</p>

            """
        page += svg
        page += "<h2>Suggestions</h2>\n<table><tr><th>run</th><th>heuristic</th><th>lr</th><th>interval (prediction)</th><th>spread (decades)</th><th>failure rate</th><th>note</th></tr>\n"
        for run in runs {
            for s in run.suggestions {
                let interval = s.interval.flatMap { i in i.lower.flatMap { lo in i.upper.map { "\(formatSignificant(lo, 3)) – \(formatSignificant($0, 3))" } } } ?? ""
                page += "<tr><td>\(escape(CurvePlot.shortName(run.curve.runName)))</td><td>\(escape(s.heuristic))</td>"
                    + "<td class=\"n\">\(s.suggestion.learningRate.map { formatSignificant($0, 4) } ?? "–")</td><td class=\"n\">\(interval)</td>"
                    + "<td class=\"n\">\(s.interval?.spreadDecades.map { formatSignificant($0, 3) } ?? "")</td>"
                    + "<td class=\"n\">\(s.interval.map { formatSignificant($0.failureRate, 3) } ?? "")</td><td>\(escape(s.suggestion.note))</td></tr>\n"
            }
        }
        page += "</table>\n<h2>Heuristics compared</h2>\n<p>Ranked by \(escape(scores.first?.rankedBy ?? "stability"))\(sweep.map { "; best learning rate of the sweep \(formatSignificant($0.bestLearningRate, 4))" } ?? "").</p>\n"
        page += "<table><tr><th>rank</th><th>heuristic</th><th>runs</th><th>median lr</th><th>bootstrap spread</th><th>seed spread</th><th>failure rate</th><th>regret (decades)</th><th>regret (loss)</th></tr>\n"
        func g(_ x: Double?) -> String { x.map { formatSignificant($0, 3) } ?? "" }
        for r in scores {
            page += "<tr><td class=\"n\">\(r.rank)</td><td>\(escape(r.heuristic))</td><td class=\"n\">\(r.runs)</td><td class=\"n\">\(g(r.medianLR))</td>"
                + "<td class=\"n\">\(g(r.bootstrapSpread))</td><td class=\"n\">\(g(r.seedSpread))</td><td class=\"n\">\(g(r.failureRate))</td>"
                + "<td class=\"n\">\(g(r.regretDecades))</td><td class=\"n\">\(g(r.regretLoss))</td></tr>\n"
        }
        page += "</table>\n<h2>Provenance</h2>\n<table><tr><th>input</th><th>bytes</th><th>SHA-256</th></tr>\n"
        for input in inputs {
            page += "<tr><td>\(escape(input.path))</td><td class=\"n\">\(input.bytes)</td><td><code>\(input.sha256)</code></td></tr>\n"
        }
        page += "</table>\n<table><tr><th>run</th><th>format</th><th>points</th><th>loss kind</th><th>decided by</th><th>schedule</th></tr>\n"
        for run in runs {
            let c = run.curve
            page += "<tr><td>\(escape(c.runName))</td><td>\(c.provenance.format.rawValue)</td><td class=\"n\">\(c.count)</td><td>\(c.lossKind.name)</td>"
                + "<td>\(escape(c.provenance.lossKindDecision))</td><td>\(escape(c.schedule.summary))</td></tr>\n"
        }
        page += "</table>\n<p>lrscope \(escape(version)). Every number on this page is in the report's CSV and JSON files.</p>\n</body></html>\n"
        return page
    }
}
