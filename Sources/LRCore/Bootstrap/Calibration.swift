import Foundation
import LRNumerics

/// How well one run's bands and intervals describe other runs of the same setup.
///
/// For each resampler: from each run alone, the bands and suggestion intervals are built, and the
/// other runs are checked against them — at each step whether another run's smoothed curve lies in the
/// pointwise band (`pointwiseCoverage`, averaged over steps and pairs of runs), whether it lies in the
/// simultaneous band at every step (`simultaneousCoverage`, the share of pairs), and whether another
/// run's suggestion lies in the interval (`suggestionCoverage`, the share of (pair, heuristic) with an
/// answer). A confidence band is checked against the mean of the other runs' curves instead (it is a
/// band for the expected curve). `runs` is calibrated leaving one run out.
///
/// Reference: the corpus noise studies (digits MLP, same init and different data order; same data
/// order and different init).
public struct Calibration: Sendable {
    public struct Row: Sendable {
        public var resampling: String
        public var band: BandKind
        public var heuristic: String
        public var level: Double
        public var suggestionLevel: Double
        public var pointwiseCoverage: Double
        public var simultaneousCoverage: Double
        public var suggestionCoverage: Double
        public var meanSpreadDecades: Double
        public var runs: Int
    }

    public static func rows(runs: [LearningRateCurve], heuristics: [any SuggestionHeuristic], smoothing: SmoothingMethod,
                            resamplings: [ResamplingMethod], level: Double, suggestionLevel: Double,
                            replicates: Int, seed: UInt64, threads: Int,
                            profileWindow: Int = ResidualModel.defaultProfileWindow) throws(SmoothingError) -> [Row] {
        let analysis = ReplicateAnalysis(smoothing: smoothing, suggestions: .own(heuristics))
        let ensemble = try RunEnsemble(runs: runs, analysis: analysis)
        let position = Dictionary(uniqueKeysWithValues: ensemble.steps.enumerated().map { ($1, $0) })
        var rows: [Row] = []
        for resampling in resamplings {
            // bands[i][kind], intervals[i][kind][h] on the ensemble's step grid.
            var bands: [[BandKind: CurveBand]] = []
            var intervals: [[BandKind: [SuggestionInterval]]] = []
            for (i, run) in runs.enumerated() {
                if resampling == .runs {
                    var others = runs
                    others.remove(at: i)
                    let leaveOut = try RunEnsemble(runs: others, analysis: analysis)
                    var b: [BandKind: CurveBand] = [:], s: [BandKind: [SuggestionInterval]] = [:]
                    for kind in BandKind.allCases {
                        b[kind] = Self.aligned(leaveOut.band(kind: kind, level: level, seed: seed), steps: leaveOut.steps, onto: position, count: ensemble.steps.count)
                        s[kind] = heuristics.indices.map { leaveOut.interval(heuristic: $0, kind: kind, level: suggestionLevel) }
                    }
                    bands.append(b)
                    intervals.append(s)
                    continue
                }
                let result = try UncertaintyAnalysis(resampling: resampling, analysis: analysis, replicates: replicates,
                                                     seed: seed &+ UInt64(i), threads: threads, profileWindow: profileWindow).run(run)
                var b: [BandKind: CurveBand] = [:], s: [BandKind: [SuggestionInterval]] = [:]
                for kind in BandKind.allCases {
                    b[kind] = Self.aligned(result.band(kind: kind, level: level), steps: run.steps, onto: position, count: ensemble.steps.count)
                    s[kind] = result.intervals(kind: kind, level: suggestionLevel, of: run)
                }
                bands.append(b)
                intervals.append(s)
            }
            for kind in BandKind.allCases {
                var pointwise: [Double] = [], simultaneous: [Double] = []
                var hits = [Int](repeating: 0, count: heuristics.count), tries = hits
                var spreads = [[Double]](repeating: [], count: heuristics.count)
                for i in runs.indices {
                    let band = bands[i][kind]!
                    let targets: [[Double]]
                    if kind == .confidence {
                        let others = runs.indices.filter { $0 != i }
                        targets = [(0..<ensemble.steps.count).map { t in CurveBand.mean(others.map { ensemble.curves[$0][t] }) }]
                    } else {
                        targets = runs.indices.filter { $0 != i }.map { ensemble.curves[$0] }
                    }
                    for target in targets {
                        let steps = target.indices.filter { target[$0].isFinite && band.lower[$0].isFinite && band.upper[$0].isFinite }
                        guard !steps.isEmpty else { continue }
                        pointwise.append(Double(steps.filter { band.lower[$0] <= target[$0] && target[$0] <= band.upper[$0] }.count) / Double(steps.count))
                        let simSteps = target.indices.filter { target[$0].isFinite && band.simultaneousLower[$0].isFinite }
                        simultaneous.append(simSteps.allSatisfy { band.simultaneousLower[$0] <= target[$0] && target[$0] <= band.simultaneousUpper[$0] } ? 1 : 0)
                    }
                    for h in heuristics.indices {
                        let interval = intervals[i][kind]![h]
                        if let spread = interval.spreadDecades { spreads[h].append(spread) }
                        for j in runs.indices where j != i {
                            guard let lr = ensemble.suggestions[j][h].learningRate else { continue }
                            tries[h] += 1
                            if interval.contains(lr) { hits[h] += 1 }
                        }
                    }
                }
                let pw = CurveBand.mean(pointwise), sim = CurveBand.mean(simultaneous)
                let totalHits = hits.reduce(0, +), totalTries = tries.reduce(0, +)
                rows.append(Row(resampling: resampling.rawValue, band: kind, heuristic: "all", level: level, suggestionLevel: suggestionLevel,
                                pointwiseCoverage: pw, simultaneousCoverage: sim,
                                suggestionCoverage: totalTries > 0 ? Double(totalHits) / Double(totalTries) : .nan,
                                meanSpreadDecades: CurveBand.mean(spreads.flatMap { $0 }), runs: runs.count))
                for h in heuristics.indices {
                    rows.append(Row(resampling: resampling.rawValue, band: kind, heuristic: heuristics[h].name, level: level,
                                    suggestionLevel: suggestionLevel, pointwiseCoverage: pw, simultaneousCoverage: sim,
                                    suggestionCoverage: tries[h] > 0 ? Double(hits[h]) / Double(tries[h]) : .nan,
                                    meanSpreadDecades: CurveBand.mean(spreads[h]), runs: runs.count))
                }
            }
        }
        return rows
    }

    /// A run's band moved onto the ensemble's step grid.
    private static func aligned(_ band: CurveBand, steps: [Int], onto position: [Int: Int], count: Int) -> CurveBand {
        var out = CurveBand(estimate: [Double](repeating: .nan, count: count), replicates: [], kind: .confidence, level: 0.5)
        for (k, s) in steps.enumerated() {
            guard let t = position[s] else { continue }
            out.estimate[t] = band.estimate[k]
            out.lower[t] = band.lower[k]
            out.upper[t] = band.upper[k]
            out.simultaneousLower[t] = band.simultaneousLower[k]
            out.simultaneousUpper[t] = band.simultaneousUpper[k]
        }
        return out
    }
}
