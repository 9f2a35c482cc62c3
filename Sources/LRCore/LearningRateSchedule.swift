import Foundation
import LRNumerics

/// The shape of a run's learning-rate schedule, read off the recorded rates.
///
/// The recorded rates are kept as they are; the schedule only describes them: an exponential ramp
/// (constant ratio per step, the fastai / torch-lr-finder / Lightning default), a linear one
/// (constant increment, Smith's original range test), or neither. Lightning's exponential ramp skips
/// one exponent after its first point, so its first gap is twice the others; that is detected and
/// reported rather than treated as irregular.
public struct LearningRateSchedule: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        /// `lr_{k+1} = lr_k · ratioPerStep` (per unit of logged step).
        case exponential(ratioPerStep: Double)
        /// `lr_{k+1} = lr_k + incrementPerStep`.
        case linear(incrementPerStep: Double)
        /// Neither (or too few points to tell).
        case irregular
    }

    public let shape: Shape
    /// Whether the first gap is twice the regular one (Lightning's `_ExponentialLR`).
    public let firstGapIsDouble: Bool

    /// Relative tolerance on the fitted rates: recorded float32 rates (TensorBoard) are exact to about 1e-7.
    static let tolerance = 1e-5

    /// Reads the schedule off recorded steps and rates.
    ///
    /// - Complexity: O(n).
    /// - Note: needs at least three points; fewer give ``Shape/irregular``. Learning rates must be
    ///   positive and finite, which ``LearningRateCurve`` guarantees.
    public init(steps: [Int], learningRates: [Double]) {
        let n = learningRates.count
        guard n >= 3 else { shape = .irregular; firstGapIsDouble = false; return }
        let x = steps.map(Double.init)
        let logRates = learningRates.map { Foundation.log($0) }
        if let fit = try? LinearFit(x: x, y: logRates), fit.maximumAbsoluteResidual <= Self.tolerance, fit.slope != 0 {
            shape = .exponential(ratioPerStep: Foundation.exp(fit.slope))
            firstGapIsDouble = false
            return
        }
        // Lightning: the points after the first lie on the grid, and the first is one extra step back.
        if n >= 4, let fit = try? LinearFit(x: Array(x.dropFirst()), y: Array(logRates.dropFirst())),
           fit.maximumAbsoluteResidual <= Self.tolerance, fit.slope != 0 {
            let firstGap = (logRates[1] - logRates[0]) / (x[1] - x[0])
            if abs(firstGap - 2 * fit.slope) <= Self.tolerance * 10 {
                shape = .exponential(ratioPerStep: Foundation.exp(fit.slope))
                firstGapIsDouble = true
                return
            }
        }
        let scale = learningRates.map(abs).max() ?? 1
        if let fit = try? LinearFit(x: x, y: learningRates), fit.slope != 0,
           fit.maximumAbsoluteResidual <= Self.tolerance * scale {
            shape = .linear(incrementPerStep: fit.slope)
            firstGapIsDouble = false
            return
        }
        shape = .irregular
        firstGapIsDouble = false
    }

    /// A short description for `inspect`, e.g. "exponential, ×1.2023 per step (0.0800 decades)".
    public var summary: String {
        switch shape {
        case .exponential(let r):
            let decades = Foundation.log10(r)
            return "exponential, ratio \(formatSignificant(r, 6)) per step (\(formatSignificant(decades, 4)) decades)"
                + (firstGapIsDouble ? ", first gap double (Lightning)" : "")
        case .linear(let d): return "linear, +\(formatSignificant(d, 6)) per step"
        case .irregular: return "irregular"
        }
    }
}

/// `x` with `digits` significant digits, for human-readable summaries (not for data output).
public func formatSignificant(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    return String(format: "%.\(digits)g", x)
}

extension LearningRateCurve {
    /// The schedule read off this run's recorded rates.
    public var schedule: LearningRateSchedule { LearningRateSchedule(steps: steps, learningRates: learningRates) }
}
