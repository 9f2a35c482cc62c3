import LRCore
import LRReport

/// `smooth --explain`: a worked table of a smoother's first steps, so a user sees that a smoothed
/// value is a weighted average and why the first values need a correction.
enum SmoothingExplanation {
    static func text(method: SmoothingMethod, curve: LearningRateCurve, series: SmoothedSeries, rows: Int) -> String {
        var text = "\(method.name) on \(curve.runName)\n\(formula(method))\n\n"
        var table = TextTable(header: ["step", "lr", "raw_loss", "running", "correction", "smoothed", "lag_steps"],
                              rightAligned: [0, 1, 2, 3, 4, 5, 6])
        for i in 0..<min(rows, curve.count) {
            let w = series.workedSteps[i]
            table.append(["\(curve.steps[i])", formatSignificant(curve.learningRates[i], 4), formatSignificant(w.raw, 6),
                          formatSignificant(w.running, 6), formatSignificant(w.correction, 6), formatSignificant(w.result, 6),
                          formatSignificant(series.lagSteps[i], 3)])
        }
        text += table.rendered
        if !series.parameters.isEmpty {
            text += "\n" + series.parameters.map { "\($0.name) = \(formatSignificant($0.value, 6))" }.joined(separator: ", ") + "\n"
        }
        if let middle = middleFinite(series.lagSteps) {
            text += "lag at mid-run (step \(curve.steps[middle])): \(formatSignificant(series.lagSteps[middle], 3)) steps, \(formatSignificant(series.lagDecades[middle], 3)) decades of LR\n"
        }
        return text + "\n"
    }

    static func formula(_ method: SmoothingMethod) -> String {
        switch method {
        case let .ema(beta, debias):
            "running_n = \(g(beta))*running_{n-1} + \(g(1 - beta))*raw_n from running_0 = 0: a weighted average of all losses so far, weights shrinking by \(g(beta)) per step; "
                + (debias ? "its weights sum to 1 - \(g(beta))^n, so correction = 1/(1 - \(g(beta))^n) turns it into an average (without it the first values are pulled towards 0)." : "no correction: the first values are pulled towards 0.")
        case .fastaiEMA(let beta):
            "fastai: running = lerp(raw, running, \(g(beta))) in float32 from 0; smoothed = running/(1 - \(g(beta))^n). The weights of the n losses so far sum to 1 - \(g(beta))^n; the correction divides by that sum, so the first value equals the first loss."
        case .lightningEMA(let beta):
            "Lightning: running = \(g(beta))*running + \(g(1 - beta))*raw from 0; smoothed = running/(1 - \(g(beta))^(n+1)), one power too many: the weights sum to 1 - \(g(beta))^n, so the first value is only \(formatSignificant((1 - beta) / (1 - beta * beta), 4)) of the first loss and the curve rises at first."
        case .torchLRFinderEMA(let f):
            "torch-lr-finder: smoothed_0 = raw_0, smoothed_n = \(g(f))*raw_n + \(g(1 - f))*smoothed_{n-1}: seeded with the first loss, so no correction is needed."
        case let .window(size, alignment):
            "moving mean of the finite losses in a \(alignment.rawValue) window of \(size) steps: running = their sum, correction = 1/count."
        case let .median(size, alignment):
            "moving median of the finite losses in a \(alignment.rawValue) window of \(size) steps (robust to spikes)."
        case .spline:
            "penalized cubic B-spline in log10(lr): minimizes the squared error plus lambda^2 times the squared second differences of the coefficients; running = the fit."
        }
    }

    /// A parameter as a person writes it (0.02, not 0.020000000000000018).
    private static func g(_ x: Double) -> String { formatSignificant(x, 6) }

    private static func middleFinite(_ values: [Double]) -> Int? {
        let finite = values.indices.filter { values[$0].isFinite }
        return finite.isEmpty ? nil : finite[finite.count / 2]
    }
}
