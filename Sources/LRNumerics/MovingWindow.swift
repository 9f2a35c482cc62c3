@preconcurrency internal import CGSL

/// Moving-window statistics over a series, from GSL's `gsl_movstat` module.
///
/// Windows are truncated at the ends (`GSL_MOVSTAT_END_TRUNCATE`): near the first and last points
/// a window holds only the points that exist. Non-finite values are *missing*: they count in no sum
/// and no median, so a window's statistic is over its finite values alone, and is NaN when it has none.
///
/// Reference: GSL manual, "Moving Window Statistics" (gsl_movstat_sum, gsl_movstat_median,
/// gsl_movstat_apply).
public enum MovingWindow {
    /// Where a window sits relative to its point.
    public enum Alignment: String, Sendable, CaseIterable {
        /// `size` points centered on the point (size odd): (size−1)/2 before and after.
        case centered
        /// The point and the `size − 1` before it.
        case trailing
    }

    /// The number of points before and after a point's own, for a window of `size`.
    public static func extent(size: Int, alignment: Alignment) -> (before: Int, after: Int) {
        switch alignment {
        case .centered: ((size - 1) / 2, (size - 1) / 2)
        case .trailing: (size - 1, 0)
        }
    }

    /// The mean of the finite values in each point's window, and how many there were.
    ///
    /// - Complexity: O(n) (two running sums with `gsl_movstat_sum`).
    /// - Throws: ``GSLError`` for a window size below 1, or an even size when centered.
    public static func finiteMean(_ values: [Double], size: Int, alignment: Alignment) throws(GSLError) -> (means: [Double], counts: [Int]) {
        try check(size: size, alignment: alignment)
        guard !values.isEmpty else { return ([], []) }
        let zeroFilled = values.map { $0.isFinite ? $0 : 0 }
        let present = values.map { $0.isFinite ? 1.0 : 0 }
        let sums = try movingSum(zeroFilled, size: size, alignment: alignment)
        let counts = try movingSum(present, size: size, alignment: alignment).map { Int($0.rounded()) }
        let means = zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : .nan }
        return (means, counts)
    }

    /// The median of the finite values in each point's window (for an even count, the mean of the two
    /// middle values).
    ///
    /// - Complexity: O(n log size) with `gsl_movstat_median` when every value is finite; otherwise
    ///   O(n · size log size) through `gsl_movstat_apply` over the window's finite values.
    public static func finiteMedian(_ values: [Double], size: Int, alignment: Alignment) throws(GSLError) -> [Double] {
        try check(size: size, alignment: alignment)
        GSL.initialize()
        guard !values.isEmpty else { return [] }
        let (before, after) = extent(size: size, alignment: alignment)
        guard let workspace = gsl_movstat_alloc2(before, after) else {
            throw GSLError(kind: .noMemory, reason: "gsl_movstat_alloc2: out of memory")
        }
        defer { gsl_movstat_free(workspace) }
        var input = values
        var output = [Double](repeating: .nan, count: values.count)
        let allFinite = values.allSatisfy(\.isFinite)
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inView = gsl_vector_view_array(inBuffer.baseAddress, inBuffer.count)
                var outView = gsl_vector_view_array(outBuffer.baseAddress, outBuffer.count)
                if allFinite {
                    return gsl_movstat_median(GSL_MOVSTAT_END_TRUNCATE, &inView.vector, &outView.vector, workspace)
                }
                var function = gsl_movstat_function(function: finiteMedianOfWindow, params: nil)
                return gsl_movstat_apply(GSL_MOVSTAT_END_TRUNCATE, &function, &inView.vector, &outView.vector, workspace)
            }
        }
        try GSLError.check(status, allFinite ? "gsl_movstat_median" : "gsl_movstat_apply")
        return output
    }

    /// The median absolute deviation of each centered window, scaled by 1.4826 so that it estimates
    /// the standard deviation of normal data (`gsl_movstat_mad`). Values must be finite.
    ///
    /// - Complexity: O(n log size).
    public static func scaledMAD(_ values: [Double], size: Int) throws(GSLError) -> [Double] {
        try check(size: size, alignment: .centered)
        GSL.initialize()
        guard !values.isEmpty else { return [] }
        guard values.allSatisfy(\.isFinite) else {
            throw GSLError(kind: .domain, reason: "moving MAD: values must be finite")
        }
        let (before, after) = extent(size: size, alignment: .centered)
        guard let workspace = gsl_movstat_alloc2(before, after) else {
            throw GSLError(kind: .noMemory, reason: "gsl_movstat_alloc2: out of memory")
        }
        defer { gsl_movstat_free(workspace) }
        var input = values
        var medians = [Double](repeating: 0, count: values.count)
        var mads = [Double](repeating: 0, count: values.count)
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            medians.withUnsafeMutableBufferPointer { medianBuffer in
                mads.withUnsafeMutableBufferPointer { madBuffer in
                    var inView = gsl_vector_view_array(inBuffer.baseAddress, inBuffer.count)
                    var medianView = gsl_vector_view_array(medianBuffer.baseAddress, medianBuffer.count)
                    var madView = gsl_vector_view_array(madBuffer.baseAddress, madBuffer.count)
                    return gsl_movstat_mad(GSL_MOVSTAT_END_TRUNCATE, &inView.vector, &medianView.vector, &madView.vector, workspace)
                }
            }
        }
        try GSLError.check(status, "gsl_movstat_mad")
        return mads
    }

    private static func movingSum(_ values: [Double], size: Int, alignment: Alignment) throws(GSLError) -> [Double] {
        GSL.initialize()
        let (before, after) = extent(size: size, alignment: alignment)
        guard let workspace = gsl_movstat_alloc2(before, after) else {
            throw GSLError(kind: .noMemory, reason: "gsl_movstat_alloc2: out of memory")
        }
        defer { gsl_movstat_free(workspace) }
        var input = values
        var output = [Double](repeating: 0, count: values.count)
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inView = gsl_vector_view_array(inBuffer.baseAddress, inBuffer.count)
                var outView = gsl_vector_view_array(outBuffer.baseAddress, outBuffer.count)
                return gsl_movstat_sum(GSL_MOVSTAT_END_TRUNCATE, &inView.vector, &outView.vector, workspace)
            }
        }
        try GSLError.check(status, "gsl_movstat_sum")
        return output
    }

    private static func check(size: Int, alignment: Alignment) throws(GSLError) {
        guard size >= 1 else {
            throw GSLError(kind: .invalidArgument, reason: "moving window: size must be at least 1, got \(size)")
        }
        guard alignment == .trailing || size % 2 == 1 else {
            throw GSLError(kind: .invalidArgument, reason: "moving window: a centered window needs an odd size, got \(size)")
        }
    }
}

/// `gsl_movstat_apply`'s callback: the median of the window's finite values (NaN when none).
/// A C function pointer cannot capture context, so this is a free function.
private func finiteMedianOfWindow(_ count: Int, _ window: UnsafeMutablePointer<Double>?, _: UnsafeMutableRawPointer?) -> Double {
    guard let window else { return .nan }
    var finite: [Double] = []
    finite.reserveCapacity(count)
    for i in 0..<count where window[i].isFinite { finite.append(window[i]) }
    guard !finite.isEmpty else { return .nan }
    finite.sort()
    let m = finite.count / 2
    return finite.count % 2 == 1 ? finite[m] : (finite[m - 1] + finite[m]) / 2
}
