import Foundation
import LRNumerics

/// Pointwise and simultaneous bands around a smoothed curve, from bootstrap replicates.
///
/// - Pointwise: the estimate plus the α/2 and 1 − α/2 quantiles of the deviations at each step
///   (``Deviations``). Each step is covered with probability `level`; the whole curve much less often.
/// - Simultaneous (sup-t): with s(t) the deviations' standard deviation at step t, q the `level`
///   quantile of max_t |deviation_b(t)|/s(t) over replicates, the band is estimate ± q·s(t); it covers
///   the whole curve with probability `level`.
///
/// Steps where the estimate or the replicates are not finite get NaN bounds.
///
/// Reference: Härdle & Marron (1991), Ann. Statist. 19:778–796; Montiel Olea & Plagborg-Møller (2019),
/// J. Appl. Econometrics 34:1–17 (sup-t bands).
public struct CurveBand: Sendable {
    public var estimate: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var simultaneousLower: [Double]
    public var simultaneousUpper: [Double]

    public init(estimate: [Double], replicates: [[Double]], kind: BandKind, level: Double) {
        let n = estimate.count
        let alpha = 1 - level
        self.estimate = estimate
        lower = [Double](repeating: .nan, count: n)
        upper = lower
        simultaneousLower = lower
        simultaneousUpper = lower
        var deviationsByStep = [[Double]](repeating: [], count: n)
        var spread = [Double](repeating: .nan, count: n)
        for t in 0..<n where estimate[t].isFinite {
            let column = replicates.map { $0.count > t ? $0[t] : .nan }
            let center = Quantiles.median(column)
            guard center.isFinite else { continue }
            var deviations = Deviations.of(column, kind: kind, center: kind == .confidence ? Self.mean(column) : center)
            guard deviations.count >= 2 else { continue }
            deviations.sort()
            lower[t] = estimate[t] + Quantiles.quantile(sorted: deviations, alpha / 2)
            upper[t] = estimate[t] + Quantiles.quantile(sorted: deviations, 1 - alpha / 2)
            deviationsByStep[t] = deviations
            spread[t] = Self.standardDeviation(deviations)
        }
        // sup-t: the replicate-wise maximum of |deviation|/s over steps needs the deviations per replicate,
        // rebuilt in replicate order.
        var maxima: [Double] = []
        let pairs = kind == .prediction ? replicates.count / 2 : replicates.count
        let centers = (0..<n).map { t in Self.mean(replicates.map { $0.count > t ? $0[t] : .nan }) }
        for b in 0..<pairs {
            var worst = 0.0
            var any = false
            for t in 0..<n where spread[t].isFinite && spread[t] > 0 {
                let d: Double
                switch kind {
                case .confidence: d = replicates[b][t] - centers[t]
                case .prediction: d = replicates[2 * b][t] - replicates[2 * b + 1][t]
                }
                guard d.isFinite else { continue }
                worst = max(worst, abs(d) / spread[t])
                any = true
            }
            if any { maxima.append(worst) }
        }
        let q = Quantiles.quantile(maxima, level)
        for t in 0..<n where spread[t].isFinite && q.isFinite {
            simultaneousLower[t] = estimate[t] - q * spread[t]
            simultaneousUpper[t] = estimate[t] + q * spread[t]
        }
    }

    static func mean(_ values: [Double]) -> Double {
        let finite = values.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return .nan }
        let m = values.reduce(0, +) / Double(values.count)
        return sqrt(values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1))
    }
}
