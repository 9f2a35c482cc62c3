@preconcurrency internal import CGSL

/// A penalized cubic B-spline (P-spline) smoother: the curve through noisy points that balances the
/// squared residuals against the roughness of the spline's coefficients.
///
/// The model is a sum of `p` cubic B-splines (order 4) on Eilers and Marx's equally spaced knots:
/// `p − 3` intervals of width `h` over `[min x, max x]` and three more knots beyond each end, with no
/// repeated end knots. (GSL 2.7.1 builds only clamped knots; the basis is taken as the middle `p` of
/// the `p + 6` B-splines of `gsl_bspline_alloc(4, p + 4)` with `gsl_bspline_knots_uniform` on
/// `[min x − 3h, max x + 3h]`, which are exactly the unclamped ones. With clamped knots `D₂` would
/// penalise straight lines near the ends and bend the smooth limit there.) With `X` the n×p design
/// matrix and `D₂` the (p−2)×p matrix of second differences of neighbouring coefficients, the
/// coefficients minimise
///
///     ‖y − X c‖² + λ² ‖D₂ c‖²
///
/// Note that λ enters **squared**: this is GSL's Tikhonov convention (Eilers and Marx write the same
/// penalty as λ_EM ‖D₂ c‖², so λ_EM = λ²). λ = 0 is the unpenalized least-squares spline; as λ grows
/// the fit tends to the least-squares straight line: on equally spaced knots a line has coefficients
/// linear in their index, which `D₂` does not penalise, so a straight line (and a constant) is
/// reproduced exactly at every λ, and the smoother applied to an evenly spaced x returns x.
///
/// The problem is solved the way Hansen describes for a general penalty matrix: it is transformed to
/// standard form (`gsl_multifit_linear_L_decomp`, `gsl_multifit_linear_stdform2`), an (n−2)×(p−2)
/// problem whose SVD (`gsl_multifit_linear_svd`) gives every λ cheaply; `gsl_multifit_linear_solve`
/// and `gsl_multifit_linear_genform2` then return the coefficients, and the fit is `X c`. The trace of
/// the hat matrix `H` (with fit = H y) is `2 + Σ sᵢ²/(sᵢ² + λ²)` over the standard-form singular
/// values `sᵢ`: the two unpenalised directions (constant and slope) plus the SVD filter factors.
///
/// λ is fixed, chosen so that trace(H) equals a given number of degrees of freedom (bisection on
/// log λ; the trace falls monotonically from p at λ = 0 to 2 as λ → ∞), or chosen by generalized
/// cross-validation: GSL's `gsl_multifit_linear_gcv_init`/`_curve` on a grid of 300 values from
/// `max(s_min/1000, 16ε·s_max)` to `10⁴·s_max` (wider than GSL's own grid, which stops at `s_max` and
/// cannot reach fits close to a straight line), then a golden-section search on log λ around the best
/// grid point with `gsl_multifit_linear_gcv_calc`. When the best grid point is an end of the grid,
/// that end is taken.
///
/// GCV assumes independent noise. When the noise is positively autocorrelated, as the per-batch
/// losses of a range test are, GCV mistakes the correlated wiggles for signal and under-smooths
/// (Opsomer, Wang and Yang 2001); prefer `.degreesOfFreedom` or a fixed λ there.
///
/// - Complexity: O(n·p²) time for the standard form and its SVD (n = 10,000, p = 40: about 70 ms),
///   O(n·p) memory; choosing λ adds O(p) per trial λ.
///
/// ## Edge cases
/// - `x` and `y` must have the same length, at least 4, and hold finite values only; otherwise the
///   initialiser throws (`.badLength` / `.domain`). The caller drops non-finite points first, since
///   range tests produce inf and NaN losses by design.
/// - `x` must not be constant (`.domain`): the knots span `[min x, max x]`. `x` need not be sorted.
/// - `basisCount` is clamped to `4 ... max(4, n − 1)`: a cubic spline has at least 4 basis
///   functions, and at most n − 1 keeps the standard-form problem ((n−2)×(p−2)) taller than wide, so
///   that GCV has residual degrees of freedom. ``basisCount`` reports the value used.
/// - Constant `y` (or `y` linear in `x`): the fit equals `y` up to rounding at any λ; GCV then has no
///   information and the λ it returns is arbitrary.
/// - Basis functions with (almost) no data under them make the standard-form matrix numerically
///   rank deficient (singular values ≤ max(n, p)·ε·s_max are treated as zero). Any λ > 0 still gives
///   a unique fit; λ = 0 throws `.singular`, and `.degreesOfFreedom(df)` with df ≥ 2 + rank throws
///   `.domain`.
///
/// ## References
/// - P. H. C. Eilers and B. D. Marx (1996), "Flexible smoothing with B-splines and penalties",
///   *Statistical Science* 11(2):89–121.
/// - P. C. Hansen (2010), *Discrete Inverse Problems: Insight and Algorithms*, SIAM, for the standard
///   form of a general-form Tikhonov problem and GCV (GSL's `multifit/multireg.c` and `gcv.c`
///   follow it).
/// - J. Opsomer, Y. Wang and Y. Yang (2001), "Nonparametric regression with correlated errors",
///   *Statistical Science* 16(2):134–153.
public struct PenalizedSplineFit: Sendable {
    /// How the smoothing parameter λ is chosen.
    public enum Penalty: Sendable, Equatable {
        /// λ minimising the GCV score RSS / (n − trace H)².
        case generalizedCrossValidation
        /// A fixed λ ≥ 0 (finite); λ enters the objective squared.
        case lambda(Double)
        /// λ such that trace(H) = df, with 2 < df ≤ ``PenalizedSplineFit/basisCount`` (after clamping);
        /// df = basisCount gives λ = 0 (when the data determine every coefficient).
        case degreesOfFreedom(Double)
    }

    /// The number of cubic B-spline basis functions used (the request, clamped; see the edge cases).
    public let basisCount: Int
    /// The smoothing parameter λ used (GSL's convention: the penalty is λ²‖D₂c‖²).
    public let lambda: Double
    /// The effective degrees of freedom: the trace of the hat matrix at ``lambda``, between 2 and
    /// ``basisCount``.
    public let degreesOfFreedom: Double
    /// The GCV score at ``lambda``, normalised as RSS / (n − trace H)² (without the factor n that
    /// some texts put in front; GSL's normalisation). RSS is the residual sum of squares of ``fitted``.
    public let gcvScore: Double
    /// The fitted value at each input x, in input order.
    public let fitted: [Double]

    /// The abscissae, kept so that ``smoothing(_:)`` rebuilds the same smoother.
    private let x: [Double]

    /// Fits a P-spline to the points (x, y).
    ///
    /// - Parameters:
    ///   - x: abscissae (for a range test, log10 of the learning rate); finite, not all equal.
    ///   - y: ordinates (the losses); finite, same length as `x`, at least 4 points.
    ///   - basisCount: the number of cubic B-splines requested; clamped to `4 ... max(4, n − 1)`.
    ///   - penalty: how λ is chosen.
    /// - Throws: ``GSLError``: `.badLength` for unequal lengths or fewer than 4 points; `.domain` for a
    ///   non-finite value, constant `x`, a negative or non-finite λ, or df outside `(2, basisCount]`;
    ///   `.singular` when λ = 0 leaves a coefficient undetermined; any failure GSL reports.
    /// - Complexity: O(n·p²).
    public init(x: [Double], y: [Double], basisCount: Int, penalty: Penalty) throws(GSLError) {
        GSL.initialize()
        try Self.validate(x: x, values: y, name: "y")
        let p = Self.clampedBasisCount(basisCount, pointCount: x.count)
        let system = try StandardFormSystem(x: x, y: y, basisCount: p)

        let lambda: Double
        switch penalty {
        case .lambda(let value):
            guard value.isFinite, value >= 0 else {
                throw GSLError(kind: .domain, reason: "PenalizedSplineFit: λ must be finite and ≥ 0, got \(value)")
            }
            lambda = value
        case .degreesOfFreedom(let df):
            guard df.isFinite, df > 2, df <= Double(p) else {
                throw GSLError(
                    kind: .domain,
                    reason: "PenalizedSplineFit: degrees of freedom must lie in (2, \(p)] for \(p) basis functions, got \(df)")
            }
            lambda = try system.lambda(forDegreesOfFreedom: df)
        case .generalizedCrossValidation:
            lambda = try system.gcvMinimizer()
        }

        let fitted = try system.fit(lambda: lambda)
        let df = system.degreesOfFreedom(lambda: lambda)
        var rss = 0.0
        for (yi, fi) in zip(y, fitted) { rss += (yi - fi) * (yi - fi) }
        let residualDF = Double(x.count) - df

        self.basisCount = p
        self.lambda = lambda
        self.degreesOfFreedom = df
        self.gcvScore = residualDF > 0 ? rss / (residualDF * residualDF) : .infinity
        self.fitted = fitted
        self.x = x
    }

    /// Applies the same linear smoother (same x, basis and λ) to other data.
    ///
    /// The smoother is linear in the data, so `smoothing(y)` equals ``fitted`` and, with `other` the
    /// indices 0, 1, …, n − 1, it returns the mean position of each fitted value's equivalent kernel:
    /// its lag behind (or lead over) the point it is reported at.
    ///
    /// - Parameter other: one finite value per input x.
    /// - Returns: the fit at each input x, exactly as a fresh fit with `.lambda(lambda)` gives it.
    /// - Throws: ``GSLError``: `.badLength` when `other` has a different length, `.domain` for a
    ///   non-finite value, or any failure GSL reports.
    /// - Complexity: O(n·p²): the standard form and its SVD are rebuilt.
    public func smoothing(_ other: [Double]) throws(GSLError) -> [Double] {
        GSL.initialize()
        try Self.validate(x: x, values: other, name: "other")
        return try StandardFormSystem(x: x, y: other, basisCount: basisCount).fit(lambda: lambda)
    }

    /// The basis size actually used for `requested` basis functions and `n` points.
    static func clampedBasisCount(_ requested: Int, pointCount n: Int) -> Int {
        min(max(requested, 4), max(4, n - 1))
    }

    private static func validate(x: [Double], values: [Double], name: String) throws(GSLError) {
        guard x.count == values.count else {
            throw GSLError(
                kind: .badLength,
                reason: "PenalizedSplineFit: x has \(x.count) values but \(name) has \(values.count)")
        }
        guard x.count >= 4 else {
            throw GSLError(
                kind: .badLength,
                reason: "PenalizedSplineFit: a cubic spline needs at least 4 points, got \(x.count)")
        }
        if let i = x.firstIndex(where: { !$0.isFinite }) {
            throw GSLError(
                kind: .domain,
                reason: "PenalizedSplineFit: x[\(i)] is \(x[i]); drop non-finite points before smoothing")
        }
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw GSLError(
                kind: .domain,
                reason: "PenalizedSplineFit: \(name)[\(i)] is \(values[i]); drop non-finite points before smoothing")
        }
        guard let low = x.min(), let high = x.max(), low < high else {
            throw GSLError(kind: .domain, reason: "PenalizedSplineFit: all x are equal; a spline needs an interval")
        }
    }
}

/// The P-spline problem for one (x, y) in GSL's standard form, with the SVD of the standard-form
/// matrix computed: the state that every λ shares.
///
/// GSL's workspace is scratch space (`genform2` overwrites the SVD's U with X), so a system is
/// used for one ``fit(lambda:)`` after any number of λ queries, and never shared.
private final class StandardFormSystem {
    let n: Int
    let p: Int
    private let design: GSLOwned<gsl_matrix>          // X, n×p
    private let penaltyQR: GSLOwned<gsl_matrix>       // D₂ after gsl_multifit_linear_L_decomp, (p−2)×p
    private let penaltyTau: GSLOwned<gsl_vector>      // its Householder scalars, p−2
    private let workspace: GSLOwned<gsl_multifit_linear_workspace>
    private let standardX: GSLOwned<gsl_matrix>       // (n−2)×(p−2)
    private let standardY: GSLOwned<gsl_vector>       // n−2
    private let backTransform: GSLOwned<gsl_matrix>   // M, n×p
    private let y: GSLOwned<gsl_vector>
    /// The standard-form singular values, largest first.
    let singularValues: [Double]

    init(x: [Double], y values: [Double], basisCount p: Int) throws(GSLError) {
        let n = x.count
        let m = p - 2
        self.n = n
        self.p = p

        // Design matrix: row i holds the p cubic B-splines at x[i], on Eilers and Marx's equally
        // spaced knots (p − 3 intervals over [min x, max x], three more knots beyond each end). GSL
        // 2.7.1 only builds clamped knots (end knots repeated), under which D₂ penalises straight
        // lines near the ends; but on the interval widened by three spacings each side, the middle p
        // of GSL's p + 6 clamped B-splines are exactly the unclamped ones.
        let low = x.min()!, high = x.max()!
        let spacing = (high - low) / Double(p - 3)
        let splines = try GSLOwned<gsl_bspline_workspace>(
            "gsl_bspline_alloc", allocate: { gsl_bspline_alloc(4, p + 4) }, release: { gsl_bspline_free($0) })
        try GSLError.check(
            gsl_bspline_knots_uniform(low - 3 * spacing, high + 3 * spacing, splines.pointer), "gsl_bspline_knots_uniform")
        let widened = try GSLOwned<gsl_vector>(count: p + 6)
        var middle = gsl_vector_subvector(widened.pointer, 3, p)
        design = try GSLOwned(rows: n, columns: p)
        for (i, xi) in x.enumerated() {
            try GSLError.check(gsl_bspline_eval(xi, widened.pointer, splines.pointer), "gsl_bspline_eval")
            try GSLError.check(gsl_matrix_set_row(design.pointer, i, &middle.vector), "gsl_matrix_set_row")
        }

        penaltyQR = try GSLOwned(rows: m, columns: p)
        penaltyTau = try GSLOwned(count: m)
        try GSLError.check(gsl_multifit_linear_Lk(p, 2, penaltyQR.pointer), "gsl_multifit_linear_Lk")
        try GSLError.check(
            gsl_multifit_linear_L_decomp(penaltyQR.pointer, penaltyTau.pointer), "gsl_multifit_linear_L_decomp")

        workspace = try GSLOwned(
            "gsl_multifit_linear_alloc", allocate: { gsl_multifit_linear_alloc(n, p) },
            release: { gsl_multifit_linear_free($0) })
        standardX = try GSLOwned(rows: n - 2, columns: m)
        standardY = try GSLOwned(count: n - 2)
        backTransform = try GSLOwned(rows: n, columns: p)
        y = try GSLOwned(values)
        try GSLError.check(
            gsl_multifit_linear_stdform2(
                penaltyQR.pointer, penaltyTau.pointer, design.pointer, y.pointer,
                standardX.pointer, standardY.pointer, backTransform.pointer, workspace.pointer),
            "gsl_multifit_linear_stdform2")
        try GSLError.check(gsl_multifit_linear_svd(standardX.pointer, workspace.pointer), "gsl_multifit_linear_svd")
        // Numerical rank: singular values at or below max(n, p)·ε·s_max (numpy's matrix_rank rule) are
        // set to zero in GSL's workspace, so that every later step (solve at any λ ≥ 0, GCV) treats
        // their directions as undetermined instead of amplifying rounding noise by 1/s. They arise
        // when a basis function has (almost) no data under it.
        let s = workspace.pointer.pointee.S!
        let largest = gsl_vector_get(s, 0)
        let threshold = largest * Double(max(n, p)) * Double.ulpOfOne
        for i in 0..<m where gsl_vector_get(s, i) <= threshold { gsl_vector_set(s, i, 0) }
        singularValues = (0..<m).map { gsl_vector_get(s, $0) }
    }

    /// The numerical rank of the standard-form matrix (at most p − 2).
    var rank: Int { singularValues.count(where: { $0 > 0 }) }

    /// trace(H) = 2 + Σ sᵢ²/(sᵢ² + λ²) over the nonzero singular values (at λ = 0: 2 + rank).
    func degreesOfFreedom(lambda: Double) -> Double {
        let lambdaSquared = lambda * lambda
        var trace = 2.0
        for s in singularValues where s > 0 { trace += s * s / (s * s + lambdaSquared) }
        return trace
    }

    /// λ with trace(H) = `target`, by bisection on log λ (the trace is decreasing in λ).
    func lambda(forDegreesOfFreedom target: Double) throws(GSLError) -> Double {
        guard let largest = singularValues.first, largest > 0 else {
            throw GSLError(kind: .singular, reason: "PenalizedSplineFit: the standard-form matrix is zero")
        }
        let reachable = degreesOfFreedom(lambda: 0)  // 2 + rank
        guard target < reachable else {
            guard target == reachable, rank == p - 2 else {
                throw GSLError(
                    kind: .domain,
                    reason: "PenalizedSplineFit: only \(Int(reachable)) degrees of freedom are reachable (some basis functions have no data under them); asked for \(target)")
            }
            return 0
        }
        // Bracket log λ: the trace is above the target at `low` and at or below it at `high`.
        var low = log(largest), high = log(largest)
        while degreesOfFreedom(lambda: exp(low)) <= target { low -= log(10.0) }
        while degreesOfFreedom(lambda: exp(high)) > target { high += log(10.0) }
        for _ in 0..<200 {
            let middle = 0.5 * (low + high)
            guard middle > low, middle < high else { break }
            if degreesOfFreedom(lambda: exp(middle)) > target { low = middle } else { high = middle }
        }
        let l = exp(low), h = exp(high)
        return abs(degreesOfFreedom(lambda: l) - target) <= abs(degreesOfFreedom(lambda: h) - target) ? l : h
    }

    /// λ minimising the GCV score (see ``PenalizedSplineFit``'s discussion for the grid).
    func gcvMinimizer() throws(GSLError) -> Double {
        let m = p - 2
        guard let largest = singularValues.first, largest > 0 else {
            throw GSLError(kind: .singular, reason: "PenalizedSplineFit: the standard-form matrix is zero")
        }
        let smallest = singularValues.last(where: { $0 > 0 })!
        let gridCount = 300
        let low = max(smallest / 1000, 16 * Double.ulpOfOne * largest), high = largest * 1e4

        // gcv_init computes Uᵀy and δ₀ = ‖y‖² − ‖Uᵀy‖², and writes GSL's own grid, which we replace.
        let grid = try GSLOwned<gsl_vector>(count: gridCount)
        let scores = try GSLOwned<gsl_vector>(count: gridCount)
        let projection = try GSLOwned<gsl_vector>(count: m)
        var delta0 = 0.0
        try GSLError.check(
            gsl_multifit_linear_gcv_init(standardY.pointer, grid.pointer, projection.pointer, &delta0, workspace.pointer),
            "gsl_multifit_linear_gcv_init")
        let step = log(high / low) / Double(gridCount - 1)
        for i in 0..<gridCount { gsl_vector_set(grid.pointer, i, low * exp(Double(i) * step)) }
        try GSLError.check(
            gsl_multifit_linear_gcv_curve(grid.pointer, projection.pointer, delta0, scores.pointer, workspace.pointer),
            "gsl_multifit_linear_gcv_curve")

        let best = Int(gsl_vector_min_index(scores.pointer))
        guard best > 0, best < gridCount - 1 else { return gsl_vector_get(grid.pointer, best) }

        // Golden-section search on u = log λ between the best grid point's neighbours.
        let score = { (u: Double) -> Double in
            gsl_multifit_linear_gcv_calc(exp(u), projection.pointer, delta0, self.workspace.pointer)
        }
        let ratio = (sqrt(5.0) - 1) / 2
        var a = log(gsl_vector_get(grid.pointer, best - 1)), b = log(gsl_vector_get(grid.pointer, best + 1))
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = score(c), fd = score(d)
        while b - a > 1e-12 * max(1, abs(a)) {
            if fc <= fd {
                b = d; d = c; fd = fc
                c = b - ratio * (b - a); fc = score(c)
            } else {
                a = c; c = d; fc = fd
                d = a + ratio * (b - a); fd = score(d)
            }
        }
        return exp(0.5 * (a + b))
    }

    /// The fit X c at λ. Call once, last: `genform2` overwrites the SVD in the workspace.
    func fit(lambda: Double) throws(GSLError) -> [Double] {
        let m = p - 2
        guard lambda > 0 || rank == m else {
            throw GSLError(
                kind: .singular,
                reason: "PenalizedSplineFit: at λ = 0 only \(rank + 2) of \(p) coefficients are determined (some basis functions have no data under them); use λ > 0 or fewer basis functions")
        }
        let standardCoefficients = try GSLOwned<gsl_vector>(count: m)
        let coefficients = try GSLOwned<gsl_vector>(count: p)
        var residualNorm = 0.0, solutionNorm = 0.0
        try GSLError.check(
            gsl_multifit_linear_solve(
                lambda, standardX.pointer, standardY.pointer, standardCoefficients.pointer,
                &residualNorm, &solutionNorm, workspace.pointer),
            "gsl_multifit_linear_solve")
        try GSLError.check(
            gsl_multifit_linear_genform2(
                penaltyQR.pointer, penaltyTau.pointer, design.pointer, y.pointer,
                standardCoefficients.pointer, backTransform.pointer, coefficients.pointer, workspace.pointer),
            "gsl_multifit_linear_genform2")
        var fitted = [Double](repeating: 0, count: n)
        let status = fitted.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_vector_view_array(buffer.baseAddress, buffer.count)
            return gsl_blas_dgemv(CblasNoTrans, 1, design.pointer, coefficients.pointer, 0, &view.vector)
        }
        try GSLError.check(status, "gsl_blas_dgemv")
        guard fitted.allSatisfy(\.isFinite) else {
            throw GSLError(
                kind: .singular,
                reason: "PenalizedSplineFit: the fit at λ = \(lambda) is not finite (a basis function has no data; use λ > 0)")
        }
        return fitted
    }
}
