import Foundation
import LRCore

/// The report's figure as standalone SVG (no dependency beyond the standard library): loss against
/// log10(learning rate) with decade ticks, raw per-batch losses as faint points, the chosen smoother as
/// a line, its confidence band shaded, and each plotted heuristic's suggestion as a marker with its
/// prediction interval as a whisker. Several runs are overlaid in distinct (colour-blind safe) colours.
///
/// The y range is clipped when the tail diverges: its top is the highest smoothed loss before the
/// smoothed minimum plus 15% of the curve's range, so that the interesting part fills the plot; losses
/// above it are drawn as small triangles on the top edge, and the caption says where the clip is and
/// how many points it hides.
public struct CurvePlot {
    public static let width = 980.0, height = 600.0
    static let left = 80.0, right = 250.0, top = 56.0, bottom = 78.0
    /// Okabe & Ito (2008) colours.
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    static let markers = ["circle", "square", "diamond", "triangle", "cross"]

    public let report: Report

    public init(report: Report) { self.report = report }

    struct Axis {
        var lo: Double, hi: Double, pixelLo: Double, pixelHi: Double
        func map(_ v: Double) -> Double { pixelLo + (v - lo) / (hi - lo) * (pixelHi - pixelLo) }
    }

    public var svg: String {
        let runs = report.runs
        let xs = runs.flatMap { $0.curve.learningRates.map(log10) }
        let xLo = floor(xs.min() ?? -8), xHi = max(ceil(xs.max() ?? 1), floor(xs.min() ?? -8) + 1)
        // y range: from the lowest finite value to the highest smoothed value before the minimum, plus a margin.
        var yLo = Double.infinity, yTop = -Double.infinity
        for run in runs {
            let curve = run.estimate.allSatisfy { !$0.isFinite } ? run.curve.losses : run.estimate
            let finite = curve.indices.filter { curve[$0].isFinite }
            guard let minimumAt = finite.min(by: { curve[$0] < curve[$1] }) else { continue }
            yTop = max(yTop, finite.filter { $0 <= minimumAt }.map { curve[$0] }.max() ?? curve[minimumAt])
            yLo = min(yLo, curve[minimumAt])
            for r in run.rawLosses.indices.prefix(through: minimumAt) { if let v = run.rawLosses[r], v.isFinite { yLo = min(yLo, v) } }
            if let band = run.confidence { for t in finite where band.lower[t].isFinite && t <= minimumAt { yLo = min(yLo, band.lower[t]) } }
        }
        if !yLo.isFinite || !yTop.isFinite { yLo = 0; yTop = 1 }
        let span = max(yTop - yLo, 1e-12)
        let yHi = yTop + 0.15 * span
        let yBottom = yLo - 0.05 * span
        let x = Axis(lo: xLo, hi: xHi, pixelLo: Self.left, pixelHi: Self.width - Self.right)
        let y = Axis(lo: yBottom, hi: yHi, pixelLo: Self.height - Self.bottom, pixelHi: Self.top)
        var clipped = 0

        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(Self.width))" height="\(f(Self.height))" viewBox="0 0 \(f(Self.width)) \(f(Self.height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(f(Self.left))" y="24" font-size="15" font-weight="bold">Loss against learning rate: \(escape(report.options.smoothing.name)) of the raw losses, \(Int(report.options.level * 100))% bands</text>

            """
        // Grid and axes.
        for decade in Int(xLo)...Int(xHi) {
            let px = x.map(Double(decade))
            out += "<line x1=\"\(f(px))\" y1=\"\(f(Self.top))\" x2=\"\(f(px))\" y2=\"\(f(Self.height - Self.bottom))\" stroke=\"#e5e5e5\"/>\n"
            out += "<text x=\"\(f(px))\" y=\"\(f(Self.height - Self.bottom + 18))\" text-anchor=\"middle\">10<tspan dy=\"-6\" font-size=\"9\">\(decade)</tspan></text>\n"
        }
        for tick in Self.niceTicks(yBottom, yHi) {
            let py = y.map(tick)
            out += "<line x1=\"\(f(Self.left))\" y1=\"\(f(py))\" x2=\"\(f(Self.width - Self.right))\" y2=\"\(f(py))\" stroke=\"#eeeeee\"/>\n"
            out += "<text x=\"\(f(Self.left - 8))\" y=\"\(f(py + 4))\" text-anchor=\"end\">\(formatSignificant(tick, 4))</text>\n"
        }
        out += "<rect x=\"\(f(Self.left))\" y=\"\(f(Self.top))\" width=\"\(f(Self.width - Self.left - Self.right))\" height=\"\(f(Self.height - Self.top - Self.bottom))\" fill=\"none\" stroke=\"#333333\"/>\n"
        out += "<text x=\"\(f((Self.left + Self.width - Self.right) / 2))\" y=\"\(f(Self.height - 38))\" text-anchor=\"middle\">learning rate (log scale)</text>\n"
        out += "<text transform=\"translate(22 \(f((Self.top + Self.height - Self.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">loss</text>\n"
        out += "<clipPath id=\"plot-area\"><rect x=\"\(f(Self.left))\" y=\"\(f(Self.top))\" width=\"\(f(Self.width - Self.left - Self.right))\" height=\"\(f(Self.height - Self.top - Self.bottom))\"/></clipPath>\n"
        out += "<g clip-path=\"url(#plot-area)\">\n"
        for (r, run) in runs.enumerated() {
            let colour = Self.colours[r % Self.colours.count]
            let lrs = run.curve.learningRates.map(log10)
            if let band = run.confidence {
                let upper = lrs.indices.filter { band.upper[$0].isFinite }
                let lower = upper.reversed().filter { band.lower[$0].isFinite }
                if upper.count > 1 {
                    let points = upper.map { "\(f(x.map(lrs[$0]))),\(f(y.map(min(band.upper[$0], yHi))))" }
                        + lower.map { "\(f(x.map(lrs[$0]))),\(f(y.map(max(band.lower[$0], yBottom))))" }
                    out += "<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.14\" stroke=\"none\"/>\n"
                }
            }
            for (t, value) in run.rawLosses.enumerated() {
                guard let v = value, v.isFinite else { continue }
                if v > yHi {
                    clipped += 1
                    let px = x.map(lrs[t]), py = Self.top + 1
                    out += "<path d=\"M\(f(px - 3)) \(f(py + 5)) L\(f(px + 3)) \(f(py + 5)) L\(f(px)) \(f(py)) Z\" fill=\"\(colour)\" fill-opacity=\"0.5\"/>\n"
                } else {
                    out += "<circle cx=\"\(f(x.map(lrs[t])))\" cy=\"\(f(y.map(v)))\" r=\"1.8\" fill=\"\(colour)\" fill-opacity=\"0.3\"/>\n"
                }
            }
            var segment: [String] = []
            func flush() {
                if segment.count > 1 { out += "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n" }
                segment = []
            }
            // Without raw losses (unknown smoothing) the stored losses are drawn dashed instead.
            let storedOnly = run.estimate.allSatisfy { !$0.isFinite }
            let line = storedOnly ? run.curve.losses : run.estimate
            for t in lrs.indices {
                guard line[t].isFinite else { flush(); continue }
                segment.append("\(f(x.map(lrs[t]))),\(f(y.map(min(line[t], yHi + span))))")
            }
            if storedOnly {
                if segment.count > 1 { out += "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n" }
                segment = []
            }
            flush()
        }
        out += "</g>\n"
        // Suggestions: marker at the smoothed loss, whisker over the interval.
        for (r, run) in runs.enumerated() {
            let colour = Self.colours[r % Self.colours.count]
            for (h, name) in report.options.plotted.enumerated() {
                guard let s = run.suggestions.first(where: { $0.heuristic == name }), let lr = s.suggestion.learningRate,
                      let index = s.suggestion.index else { continue }
                let level = run.estimate[index].isFinite ? run.estimate[index] : (s.suggestion.loss ?? yBottom)
                let py = y.map(min(max(level, yBottom), yHi)) + Double(r) * 3
                let px = x.map(log10(lr))
                if let lo = s.interval?.lower, let hi = s.interval?.upper {
                    let a = x.map(log10(lo)), b = x.map(log10(hi))
                    out += "<line x1=\"\(f(a))\" y1=\"\(f(py))\" x2=\"\(f(b))\" y2=\"\(f(py))\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>\n"
                    out += "<line x1=\"\(f(a))\" y1=\"\(f(py - 4))\" x2=\"\(f(a))\" y2=\"\(f(py + 4))\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>\n"
                    out += "<line x1=\"\(f(b))\" y1=\"\(f(py - 4))\" x2=\"\(f(b))\" y2=\"\(f(py + 4))\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>\n"
                }
                out += Self.marker(Self.markers[h % Self.markers.count], at: px, py, colour: colour)
            }
        }
        // Legend.
        var ly = Self.top + 6
        let lx = Self.width - Self.right + 18
        out += "<text x=\"\(f(lx))\" y=\"\(f(ly + 4))\" font-weight=\"bold\">runs</text>\n"
        ly += 18
        for (r, run) in runs.enumerated() {
            let colour = Self.colours[r % Self.colours.count]
            out += "<line x1=\"\(f(lx))\" y1=\"\(f(ly))\" x2=\"\(f(lx + 22))\" y2=\"\(f(ly))\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\(f(lx + 28))\" y=\"\(f(ly + 4))\">\(escape(Self.shortName(run.curve.runName)))</text>\n"
            ly += 17
        }
        ly += 8
        out += "<text x=\"\(f(lx))\" y=\"\(f(ly + 4))\" font-weight=\"bold\">suggestions</text>\n"
        ly += 18
        for (h, name) in report.options.plotted.enumerated() {
            out += Self.marker(Self.markers[h % Self.markers.count], at: lx + 11, ly, colour: "#333333")
            out += "<text x=\"\(f(lx + 28))\" y=\"\(f(ly + 4))\">\(escape(name))</text>\n"
            ly += 17
        }
        ly += 8
        out += "<text x=\"\(f(lx))\" y=\"\(f(ly + 4))\" fill=\"#555555\">shaded: confidence band</text>\n"
        out += "<text x=\"\(f(lx))\" y=\"\(f(ly + 21))\" fill=\"#555555\">points: raw per-batch losses</text>\n"
        out += "<text x=\"\(f(lx))\" y=\"\(f(ly + 38))\" fill=\"#555555\">whiskers: prediction intervals</text>\n"
        out += "<text x=\"\(f(lx))\" y=\"\(f(ly + 55))\" fill=\"#555555\">dashed: stored losses (raw unknown)</text>\n"
        let caption = clipped > 0
            ? "y axis clipped at \(formatSignificant(yHi, 4)): \(clipped) raw losses of the diverging tail lie above it (triangles on the top edge)"
            : "y axis: all finite raw losses shown"
        out += "<text x=\"\(f(Self.left))\" y=\"\(f(Self.height - 12))\" fill=\"#555555\">\(escape(caption))</text>\n"
        out += "</svg>\n"
        return out
    }

    static func marker(_ shape: String, at x: Double, _ y: Double, colour: String) -> String {
        switch shape {
        case "square": return "<rect x=\"\(f(x - 4.5))\" y=\"\(f(y - 4.5))\" width=\"9\" height=\"9\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
        case "diamond": return "<path d=\"M\(f(x)) \(f(y - 6)) L\(f(x + 6)) \(f(y)) L\(f(x)) \(f(y + 6)) L\(f(x - 6)) \(f(y)) Z\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
        case "triangle": return "<path d=\"M\(f(x)) \(f(y - 6)) L\(f(x + 6)) \(f(y + 5)) L\(f(x - 6)) \(f(y + 5)) Z\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
        case "cross": return "<path d=\"M\(f(x - 5)) \(f(y - 5)) L\(f(x + 5)) \(f(y + 5)) M\(f(x + 5)) \(f(y - 5)) L\(f(x - 5)) \(f(y + 5))\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
        default: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"5\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
        }
    }

    /// About five round ticks between lo and hi.
    static func niceTicks(_ lo: Double, _ hi: Double) -> [Double] {
        let raw = (hi - lo) / 5
        guard raw > 0, raw.isFinite else { return [] }
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var t = ceil(lo / step) * step
        while t <= hi + 1e-12 * step { ticks.append(abs(t) < 1e-12 * step ? 0 : t); t += step }
        return ticks
    }

    /// The last path components of a run name, short enough for the legend.
    static func shortName(_ name: String) -> String {
        let parts = name.split(separator: "/")
        let short = parts.suffix(2).joined(separator: "/")
        return short.count > 34 ? "…" + short.suffix(33) : short
    }
}

/// A coordinate with two decimals (deterministic output).
func f(_ x: Double) -> String { String(format: "%.2f", x) }

/// Text escaped for XML and HTML.
func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
