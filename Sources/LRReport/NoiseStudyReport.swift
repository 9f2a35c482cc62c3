import Foundation
import LRCore

/// The files of `lrscope study`: five or six CSV tables and a short text summary of a ``NoiseStudy``.
///
/// Column meanings are in the README (`study`); numbers follow ``CSVWriter``'s rules (shortest
/// round-trip form, `nan`/`inf`, empty when missing).
public struct NoiseStudyReport {
    public let study: NoiseStudy

    public init(_ study: NoiseStudy) { self.study = study }

    /// The files, by name, in the order they should be written (the summary last, so that its presence
    /// marks a finished study).
    public var files: [(name: String, text: String)] {
        [("curve.csv", curveCSV), ("noise_by_step.csv", noiseByStepCSV), ("noise_by_lr.csv", noiseByLearningRateCSV),
         ("runs.csv", runsCSV), ("factors.csv", factorsCSV), ("batch_scaling.csv", batchScalingCSV), ("summary.txt", summary)]
    }

    /// `step,lr,mean,lower,upper,runs`.
    public var curveCSV: String {
        var csv = CSVWriter(header: ["step", "lr", "mean", "lower", "upper", "runs"])
        for t in study.steps.indices {
            csv.appendRow(["\(study.steps[t])", CSVWriter.number(study.learningRates[t]), CSVWriter.number(study.meanCurve[t]),
                           CSVWriter.number(study.lowerCurve[t]), CSVWriter.number(study.upperCurve[t]), "\(study.curveRunCounts[t])"])
        }
        return csv.text
    }

    /// `step,lr,noise_sd,runs`.
    public var noiseByStepCSV: String {
        var csv = CSVWriter(header: ["step", "lr", "noise_sd", "runs"])
        for t in study.steps.indices {
            csv.appendRow(["\(study.steps[t])", CSVWriter.number(study.learningRates[t]),
                           CSVWriter.number(study.stepNoise.standardDeviations[t]), "\(study.stepNoise.runCounts[t])"])
        }
        return csv.text
    }

    /// `lr_low,lr_high,noise_sd,points`.
    public var noiseByLearningRateCSV: String {
        var csv = CSVWriter(header: ["lr_low", "lr_high", "noise_sd", "points"])
        for bin in study.learningRateNoise.bins {
            csv.appendRow([CSVWriter.number(bin.lower), CSVWriter.number(bin.upper), CSVWriter.number(bin.standardDeviation), "\(bin.points)"])
        }
        return csv.text
    }

    /// `run,batch_size,points,noise_sd,min_loss,lr_at_min,factor_groups,profile_noise_sd` (groups
    /// `;`-separated; the last column is the noise level of `raw − profile`, biased low on steep stretches).
    public var runsCSV: String {
        var csv = CSVWriter(header: ["run", "batch_size", "points", "noise_sd", "min_loss", "lr_at_min", "factor_groups", "profile_noise_sd"])
        for run in study.runs {
            csv.appendRow([run.name, run.batchSize.map { "\($0)" } ?? "", "\(run.noise.finiteCount)", CSVWriter.number(run.noise.standardDeviation),
                           CSVWriter.number(run.minimumLoss), CSVWriter.number(run.learningRateAtMinimum), run.factorNames.joined(separator: ";"),
                           CSVWriter.number(run.noise.profileStandardDeviation)])
        }
        return csv.text
    }

    /// `factor,pattern,runs,between_run_variance,within_run_noise_variance,share`.
    public var factorsCSV: String {
        var csv = CSVWriter(header: ["factor", "pattern", "runs", "between_run_variance", "within_run_noise_variance", "share"])
        for f in study.factorSplit.factors {
            csv.appendRow([f.name, f.pattern, "\(f.runNames.count)", CSVWriter.number(f.betweenRunVariance),
                           CSVWriter.number(f.withinRunNoiseVariance), CSVWriter.number(f.share)])
        }
        return csv.text
    }

    /// `batch_size,runs,noise_sd,between_run_sd,noise_ratio_to_smallest`: one row per batch size found
    /// (none when no run has one); the slope is in the summary.
    public var batchScalingCSV: String {
        var csv = CSVWriter(header: ["batch_size", "runs", "noise_sd", "between_run_sd", "noise_ratio_to_smallest"])
        for row in study.batchSizeScaling.rows {
            csv.appendRow(["\(row.batchSize)", "\(row.runs)", CSVWriter.number(row.noiseStandardDeviation),
                           CSVWriter.number(row.betweenRunStandardDeviation), CSVWriter.number(row.noiseRatioToSmallest)])
        }
        return csv.text
    }

    /// The text summary: runs, noise level, factor shares, batch-size table and slope, and what they mean.
    public var summary: String {
        let noise = study.runs.map(\.noise.standardDeviation).filter(\.isFinite)
        var text = "lrscope study: \(study.runs.count) runs, \(study.steps.count) steps"
        if let first = study.learningRates.first, let last = study.learningRates.last {
            text += ", lr \(Self.format(first)) .. \(Self.format(last))"
        }
        text += "\nsmoothed curves: \(Self.describe(study.smoothing)); noise: second differences of the raw losses / sqrt(6), "
            + "before the minimum of a moving median of \(study.profileWindow) steps\n"
        for s in study.skipped { text += "skipped: \(s.name): \(s.reason)\n" }
        if let lo = noise.min(), let hi = noise.max() {
            let sorted = noise.sorted()
            let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            text += "per-batch noise SD (median of the local MAD x 1.4826): median \(Self.format(median)), range \(Self.format(lo)) .. \(Self.format(hi))\n"
        }

        let factors = study.factorSplit.factors
        if !factors.isEmpty {
            text += "\nFactors (between-run variance of the smoothed curves before the minimum; share of the sum):\n"
            var table = TextTable(header: ["factor", "pattern", "runs", "between_run_variance", "within_run_noise_variance", "share"], rightAligned: [2, 3, 4, 5])
            for f in factors {
                table.append([f.name, f.pattern, "\(f.runNames.count)", Self.format(f.betweenRunVariance), Self.format(f.withinRunNoiseVariance), Self.format(f.share, digits: 3)])
            }
            text += table.rendered
        }

        let scaling = study.batchSizeScaling
        if !scaling.rows.isEmpty {
            text += "\nBatch size (median per-run noise SD; median between-run SD of the smoothed curves before the minimum):\n"
            var table = TextTable(header: ["batch_size", "runs", "noise_sd", "between_run_sd", "noise_ratio_to_smallest"], rightAligned: [0, 1, 2, 3, 4])
            for row in scaling.rows {
                table.append(["\(row.batchSize)", "\(row.runs)", Self.format(row.noiseStandardDeviation),
                              Self.format(row.betweenRunStandardDeviation), Self.format(row.noiseRatioToSmallest, digits: 3)])
            }
            text += table.rendered
            if let slope = scaling.slope {
                text += "slope of log(noise SD) on log(batch size): \(Self.format(slope, digits: 3)) over \(scaling.fittedRuns) runs "
                    + "(independent per-sample losses: \(Self.format(BatchSizeScaling.independentSamplesSlope)))\n"
            }
        }

        let meaning = interpretation
        if !meaning.isEmpty { text += "\n" + meaning.joined(separator: " ") + "\n" }
        return text
    }

    /// One or two sentences on what the numbers say.
    var interpretation: [String] {
        var sentences: [String] = []
        let factors = study.factorSplit.factors.filter { $0.share.isFinite }
        if factors.count >= 2 {
            let ranked = factors.sorted { $0.share > $1.share }
            let parts = ranked.map { "\($0.name) \(Self.percent($0.share))" }
            let listed = parts.count == 2 ? "\(parts[0]) and \(parts[1])" : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
            sentences.append("Of the between-run variance of the smoothed curves, summed over the factors each varied alone: \(listed).")
        }
        if let top = factors.max(by: { $0.betweenRunVariance < $1.betweenRunVariance }),
           top.betweenRunVariance > 0, top.withinRunNoiseVariance.isFinite {
            let ratio = top.withinRunNoiseVariance / top.betweenRunVariance
            sentences.append("Within a run the per-batch noise variance is \(Self.format(ratio, digits: 2)) times the largest between-run variance "
                + "(\(top.name)): \(ratio >= 1 ? "a single run's raw losses are mostly batch noise, which smoothing removes, while the differences between runs remain" : "the runs differ more than their batches do, so more smoothing will not make one run representative").")
        }
        if let slope = study.batchSizeScaling.slope, slope.isFinite {
            let verdict: String
            if abs(slope - BatchSizeScaling.independentSamplesSlope) <= 0.15 {
                verdict = "the per-batch noise falls about as 1/sqrt(batch size), as for independent per-sample losses"
            } else if slope > BatchSizeScaling.independentSamplesSlope {
                verdict = "the per-batch noise falls more slowly than 1/sqrt(batch size): part of it is shared by the samples of a batch (the weights moving during the test) and does not average out"
            } else {
                verdict = "the per-batch noise falls faster than 1/sqrt(batch size)"
            }
            sentences.append("With a slope of \(Self.format(slope, digits: 3)), \(verdict).")
        }
        return sentences
    }

    static func describe(_ method: SmoothingMethod) -> String {
        switch method {
        case let .median(size, alignment): "moving median of \(size) steps (\(alignment.rawValue))"
        case let .window(size, alignment): "moving mean of \(size) steps (\(alignment.rawValue))"
        case let .ema(beta, debias): "ema, beta \(beta)\(debias ? ", debiased" : "")"
        case .fastaiEMA(let beta): "fastai-ema, beta \(beta)"
        case .lightningEMA(let beta): "lightning-ema, beta \(beta)"
        case .torchLRFinderEMA(let f): "torch-lr-finder-ema, smooth_f \(f)"
        case .spline: "penalized spline"
        }
    }

    static func format(_ x: Double, digits: Int = 4) -> String {
        guard x.isFinite else { return CSVWriter.number(x) }
        return String(format: "%.\(digits)g", x)
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }
}
