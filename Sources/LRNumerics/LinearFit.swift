@preconcurrency internal import CGSL

/// An ordinary least-squares straight line `y = intercept + slope·x` with its residual spread.
public struct LinearFit: Sendable, Equatable {
    public let intercept: Double
    public let slope: Double
    /// Sum of squared residuals.
    public let sumOfSquares: Double
    /// Largest absolute residual, which tells an exact grid from a noisy one.
    public let maximumAbsoluteResidual: Double

    /// Fits a line with GSL's `gsl_fit_linear`.
    ///
    /// - Complexity: O(n).
    /// - Throws: ``GSLError`` when fewer than two points are given or `x` is constant, or when a
    ///   value is not finite (the caller filters non-finite points: a fit is not defined on them).
    public init(x: [Double], y: [Double]) throws(GSLError) {
        GSL.initialize()
        guard x.count == y.count, x.count >= 2 else {
            throw GSLError(kind: .badLength, reason: "gsl_fit_linear: need at least two (x, y) pairs of equal length")
        }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw GSLError(kind: .domain, reason: "gsl_fit_linear: non-finite value")
        }
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
        let status = x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                gsl_fit_linear(xb.baseAddress, 1, yb.baseAddress, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
            }
        }
        try GSLError.check(status, "gsl_fit_linear")
        guard c0.isFinite, c1.isFinite else {
            throw GSLError(kind: .singular, reason: "gsl_fit_linear: x is constant")
        }
        intercept = c0
        slope = c1
        sumOfSquares = sumsq
        var worst = 0.0
        for (xi, yi) in zip(x, y) { worst = max(worst, abs(yi - (c0 + c1 * xi))) }
        maximumAbsoluteResidual = worst
    }
}
