import Foundation
import LRNumerics

/// A penalized cubic B-spline (P-spline) in log10(learning rate): cubic B-splines on uniform knots,
/// a second-order difference penalty, and λ chosen by generalized cross-validation, fixed, or set by
/// the effective degrees of freedom.
///
/// The fit is zero-phase: its second-difference penalty leaves straight lines in log10(lr) unpenalized
/// and the unclamped basis reproduces them, so the hat matrix H maps x = log10(lr) to itself and the
/// lag in decades, x − Hx, is 0 everywhere (it is reported as 0, not recomputed); the lag in steps is
/// the position minus the mean position of the equivalent kernel, k − (H·k), which is 0 on an
/// exponential schedule and is computed for others.
///
/// **GCV under-smooths autocorrelated noise.** Per-batch losses along a range test are positively
/// autocorrelated (the weights carry every batch forward), and GCV then chooses too small a λ and
/// chases the noise (Opsomer, Wang & Yang 2001). Prefer `--df` or a fixed λ for noisy runs.
///
/// **Least squares.** A diverging tail (losses 100× the minimum in the last steps of a stopped run)
/// pulls the fit and makes it overshoot below the curve before it; a median is robust to that.
///
/// Non-finite losses are missing: the fit uses the finite points, and the value at a non-finite step
/// is NaN.
///
/// - Complexity: O(n·k²) for k basis functions (GSL's SVD of the standard-form problem).
/// - Reference: Eilers & Marx (1996), Statistical Science 11:89–121.
public struct PenalizedSplineSmoother: Smoother {
    public enum Penalty: Sendable, Equatable {
        case generalizedCrossValidation
        case lambda(Double)
        case degreesOfFreedom(Double)
    }

    public let penalty: Penalty
    /// Basis functions; `nil` chooses min(40, finite points / 2), at least 5.
    public let basisCount: Int?

    public init(penalty: Penalty, basisCount: Int? = nil) {
        self.penalty = penalty
        self.basisCount = basisCount
    }

    public var method: SmoothingMethod { .spline(penalty: penalty, basisCount: basisCount) }

    /// The default basis size for `n` finite points.
    public static func defaultBasisCount(points n: Int) -> Int { max(5, min(40, n / 2)) }

    public func smooth(rawLosses: [Double], learningRates: [Double]) throws(SmoothingError) -> SmoothedSeries {
        let finite = rawLosses.indices.filter { rawLosses[$0].isFinite }
        guard finite.count >= 4 else {
            throw SmoothingError(method: method.name, reason: "needs at least 4 finite losses, found \(finite.count)")
        }
        let x = finite.map { log10(learningRates[$0]) }
        let y = finite.map { rawLosses[$0] }
        let k = basisCount ?? Self.defaultBasisCount(points: finite.count)
        let gslPenalty: PenalizedSplineFit.Penalty
        switch penalty {
        case .generalizedCrossValidation: gslPenalty = .generalizedCrossValidation
        case .lambda(let value): gslPenalty = .lambda(value)
        case .degreesOfFreedom(let value): gslPenalty = .degreesOfFreedom(value)
        }
        do {
            let fit = try PenalizedSplineFit(x: x, y: y, basisCount: k, penalty: gslPenalty)
            let meanPosition = try fit.smoothing(finite.map(Double.init))
            var values = [Double](repeating: .nan, count: rawLosses.count)
            var lagSteps = values
            var lagDecades = values
            var worked = rawLosses.map { WorkedStep(raw: $0, running: .nan, correction: 1, result: .nan) }
            for (i, position) in finite.enumerated() {
                values[position] = fit.fitted[i]
                lagSteps[position] = Double(position) - meanPosition[i]
                lagDecades[position] = 0
                worked[position] = WorkedStep(raw: y[i], running: fit.fitted[i], correction: 1, result: fit.fitted[i])
            }
            return SmoothedSeries(values: values, lagSteps: lagSteps, lagDecades: lagDecades,
                                  parameters: [("basis", Double(fit.basisCount)), ("lambda", fit.lambda),
                                               ("df", fit.degreesOfFreedom), ("gcv", fit.gcvScore)],
                                  workedSteps: worked)
        } catch {
            throw SmoothingError(method: method.name, reason: error.reason)
        }
    }
}
