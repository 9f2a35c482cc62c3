import Foundation

/// Automatic block lengths for the stationary and circular block bootstraps, chosen from a series'
/// own autocovariances (Politis & White 2004, with the Patton, Politis & White 2009 correction).
///
/// A block bootstrap keeps the dependence inside blocks of consecutive points; too short a block
/// breaks it, too long a block leaves few distinct resamples. The estimate balances the two:
///
///     b = (2 Ĝ² / D̂)^(1/3) · n^(1/3),   D̂_SB = 2 σ̂⁴,   D̂_CB = (4/3) σ̂⁴,
///     Ĝ = Σ_{|k| ≤ M} λ(k/M) |k| γ̂(k),   σ̂² = Σ_{|k| ≤ M} λ(k/M) γ̂(k),
///
/// with autocovariances γ̂(k) = n⁻¹ Σ_{t ≥ k} ε_t ε_{t−k} of the de-meaned series ε and the
/// flat-top lag window λ(t) = 1 for |t| ≤ 1/2 and 2(1 − |t|) for 1/2 < |t| ≤ 1. The bandwidth is
/// M = min(2·max(m̂, 1), m_max), where m̂ is the first lag that begins a run of
/// K_N = max(5, ⌊log₁₀ n⌋) consecutive absolute autocorrelations inside 2·√(log₁₀ n / n) (the
/// runs looked at end by lag m_max − 1, with m_max = ⌈√n⌉ + K_N); with no such run, M = m_max.
/// Both lengths are capped at b_max = ⌈min(3√n, n/3)⌉.
///
/// This is a port of `arch.bootstrap.optimal_block_length` (Kevin Sheppard's `arch`, version 8),
/// detail for detail, so the values agree with it to rounding (see
/// `fixtures/bootstrap/block_length_reference.py`). That includes its quirks: the
/// autocorrelation at lag k divides by the sums of squares of the two overlapping stretches of
/// length n − k − 1 (not n − k), and a correlation whose denominator is zero (the last lags of a
/// short series) is infinite or NaN and so counts as significant.
///
/// Where `arch` gives no usable length (below 1, NaN, or an exception), this type departs from it:
/// - Both lengths are at least 1: `arch` returns values below 1 for nearly independent series
///   (about 0.7 for 100 points of white noise); a block shorter than one point means "resample
///   points", which is a block length of 1. So the result is `min(max(b, 1), b_max)`, with
///   b_max ≥ 1 for every n ≥ 1.
/// - A constant series (every value equal, so no variance), or fewer than two points, gives 1
///   for both: nothing to keep together. `arch` returns NaN for these.
/// - For n = 2…7 `arch` raises (its slices of the lags past the end of the series do not
///   match); here a lag past the end has an empty (zero) cross product, and the result is
///   clamped as above (1 for n ≤ 3, where b_max = 1).
/// - A zero σ̂² with Ĝ ≠ 0 gives b = ∞, capped at b_max (as in `arch`); both zero gives 1.
/// - The series is first scaled by a power of two, which changes no bit of the result (block
///   lengths do not depend on scale, and such a scaling is exact) but keeps the squares of very
///   large or very small values from overflowing or underflowing (`arch` gives NaN for a series
///   of values near 1e300).
///
/// - Complexity: O(n·√n) time (three dot products of length ≤ n for each of the ⌈√n⌉ + K_N + 1
///   lags) and O(n) memory.
///
/// Non-finite values are not allowed in a series to estimate from: callers pass finite
/// stretches (residuals of finite losses). If any are given, they are dropped, and the finite
/// values that remain are treated as consecutive.
///
/// References:
/// - D. N. Politis and H. White (2004), "Automatic Block-Length Selection for the Dependent
///   Bootstrap", Econometric Reviews 23(1), 53–70. doi:10.1081/ETC-120028836.
/// - A. Patton, D. N. Politis and H. White (2009), "Correction to 'Automatic Block-Length
///   Selection for the Dependent Bootstrap'", Econometric Reviews 28(4), 372–375.
///   doi:10.1080/07474930802459016.
/// - K. Sheppard, `arch`, `arch/bootstrap/base.py`, `_single_optimal_block`.
public struct OptimalBlockLength: Sendable, Equatable {
    /// Expected block length for the stationary bootstrap (Politis & Romano 1994): the mean of
    /// its geometrically distributed block lengths. At least 1, at most ⌈min(3√n, n/3)⌉.
    public let stationary: Double
    /// Block length for the circular block bootstrap (Politis & Romano 1992). At least 1, at
    /// most ⌈min(3√n, n/3)⌉; not rounded (round up to use it as a whole number of points).
    public let circular: Double

    /// Estimates both lengths from a series; its mean is removed here.
    ///
    /// - Parameter series: Consecutive observations, in time order. Non-finite values are
    ///   dropped (see the type's discussion).
    /// - Complexity: O(n·√n).
    public init(_ series: [Double]) {
        let finite = series.filter(\.isFinite)
        guard let raw = Self.politisWhite(finite) else {
            stationary = 1
            circular = 1
            return
        }
        let cap = Self.cap(count: finite.count)
        stationary = Self.clamped(raw.stationary, cap: cap)
        circular = Self.clamped(raw.circular, cap: cap)
    }
}

extension OptimalBlockLength {
    /// The largest block length returned for `count` points: ⌈min(3√n, n/3)⌉, at least 1.
    static func cap(count: Int) -> Double {
        let n = Double(count)
        return max(1, (min(3 * n.squareRoot(), n / 3)).rounded(.up))
    }

    /// A raw estimate within [1, cap]; NaN (0/0: no dependence measured at all) becomes 1.
    private static func clamped(_ value: Double, cap: Double) -> Double {
        guard !value.isNaN else { return 1 }
        return min(max(value, 1), cap)
    }

    /// `arch`'s estimates before the lower bound of 1: capped at b_max, possibly below 1, NaN when
    /// Ĝ = σ̂² = 0. `nil` for fewer than two points or a constant series (where `arch` gives NaN).
    ///
    /// - Parameter values: Finite values in time order.
    static func politisWhite(_ values: [Double]) -> (stationary: Double, circular: Double)? {
        let count = values.count
        guard count >= 2, let first = values.first, values.contains(where: { $0 != first }) else { return nil }

        // Scale by a power of two so the largest magnitude lies in [1, 2): exact, and no square
        // overflows or underflows. (`Double(sign:exponent:significand:)` is x·2^e, done exactly.)
        let largest = values.reduce(0) { max($0, abs($1)) }
        let shift = -Int(largest.exponent)
        var sum = 0.0
        var scaled = [Double](repeating: 0, count: count)
        for (t, x) in values.enumerated() {
            scaled[t] = Double(sign: .plus, exponent: shift, significand: x)
            sum += scaled[t]
        }
        let mean = sum / Double(count)
        let eps = scaled.map { $0 - mean }

        let n = Double(count)
        let kn = max(5, Int(log10(n)))
        let mMax = Int(n.squareRoot().rounded(.up)) + kn
        let criticalValue = 2 * (log10(n) / n).squareRoot()

        // Autocovariances and autocorrelations for lags 0…mMax; a lag at or past the end has an
        // empty (zero) sum. The correlation's denominator uses stretches of length n − i − 1,
        // as arch does.
        var autocovariance = [Double](repeating: 0, count: mMax + 1)
        var absoluteCorrelation = [Double](repeating: 0, count: mMax + 1)
        var firstQuietLag: Int? = nil
        eps.withUnsafeBufferPointer { e in
            for i in 0...mMax {
                var later = 0.0    // Σ_{t = i+1}^{n−1} ε_t²
                var earlier = 0.0  // Σ_{t = 0}^{n−i−2} ε_t²
                var cross = 0.0    // Σ_{t = i}^{n−1} ε_t ε_{t−i}
                if i + 1 < count {
                    for t in (i + 1)..<count { later += e[t] * e[t] }
                    for t in 0..<(count - i - 1) { earlier += e[t] * e[t] }
                }
                if i < count {
                    for t in i..<count { cross += e[t] * e[t - i] }
                }
                autocovariance[i] = cross / n
                // 0/0 = NaN and x/0 = ∞ are both "not inside the band", as in arch.
                absoluteCorrelation[i] = abs(cross) / (later * earlier).squareRoot()
                if i >= kn, firstQuietLag == nil,
                   absoluteCorrelation[(i - kn)..<i].allSatisfy({ $0 < criticalValue }) {
                    firstQuietLag = i - kn
                }
            }
        }
        let bandwidth = min(firstQuietLag.map { 2 * max($0, 1) } ?? mMax, mMax)

        var g = 0.0
        var longRunVariance = autocovariance[0]
        let m = Double(bandwidth)
        for k in 1...bandwidth {
            let ratio = Double(k) / m
            let weight = ratio <= 0.5 ? 1 : 2 * (1 - ratio)
            g += 2 * weight * Double(k) * autocovariance[k]
            longRunVariance += 2 * weight * autocovariance[k]
        }
        // Same operations in the same order as arch, so rounding matches too.
        let squaredVariance = longRunVariance * longRunVariance
        let dStationary = 2 * squaredVariance
        let dCircular = 4.0 / 3.0 * squaredVariance
        let third = 1.0 / 3.0
        let growth = pow(n, third)
        let bMax = min(3 * n.squareRoot(), n / 3).rounded(.up)
        let stationary = pow(2 * (g * g) / dStationary, third) * growth
        let circular = pow(2 * (g * g) / dCircular, third) * growth
        // NaN (Ĝ = σ̂² = 0) stays NaN, as Python's min(nan, b_max) keeps it; ∞ becomes b_max.
        return (stationary.isNaN ? .nan : min(stationary, bMax), circular.isNaN ? .nan : min(circular, bMax))
    }
}
