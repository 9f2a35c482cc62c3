/// The numerical gradients the frameworks' heuristics use, in the floating-point type they use.
enum NumericalGradient {
    /// `numpy.gradient(f)` with unit spacing and `edge_order=1`: central differences `(f[i+1] − f[i−1])/2`
    /// inside, one-sided differences at the two ends. Needs at least two values (else empty).
    static func byIndex<T: BinaryFloatingPoint>(_ f: [T]) -> [T] {
        let n = f.count
        guard n >= 2 else { return [] }
        var g = [T](repeating: 0, count: n)
        g[0] = f[1] - f[0]
        g[n - 1] = f[n - 1] - f[n - 2]
        for i in stride(from: 1, to: n - 1, by: 1) { g[i] = (f[i + 1] - f[i - 1]) / 2 }
        return g
    }

    /// `torch.gradient(f, spacing=[x])` (coordinates, `edge_order=1`): the second-order formula for
    /// uneven spacing inside, `a·f[i−1] + b·f[i] + c·f[i+1]` with `a = −dx2/(dx1(dx1+dx2))`,
    /// `b = (dx2−dx1)/(dx1·dx2)`, `c = dx1/(dx2(dx1+dx2))`, and one-sided differences at the ends, in
    /// PyTorch's operation order. Needs at least two values (else empty).
    ///
    /// Reference: aten/src/ATen/native/ReduceOps.cpp `gradient_helper`.
    static func byCoordinates<T: BinaryFloatingPoint>(_ f: [T], _ x: [T]) -> [T] {
        let n = f.count
        guard n >= 2, x.count == n else { return [] }
        var g = [T](repeating: 0, count: n)
        g[0] = (f[1] - f[0]) / (x[1] - x[0])
        g[n - 1] = (f[n - 1] - f[n - 2]) / (x[n - 1] - x[n - 2])
        for i in stride(from: 1, to: n - 1, by: 1) {
            let dx1 = x[i] - x[i - 1], dx2 = x[i + 1] - x[i]
            let a = -dx2 / (dx1 * (dx1 + dx2))
            let b = (dx2 - dx1) / (dx1 * dx2)
            let c = dx1 / (dx2 * (dx1 + dx2))
            g[i] = a * f[i - 1] + b * f[i] + c * f[i + 1]
        }
        return g
    }

    /// `numpy.argmin` / `torch.argmin`: the first NaN if there is one (NaN propagates), else the
    /// first minimum; `nil` for an empty array.
    static func argmin<T: BinaryFloatingPoint>(_ values: [T]) -> Int? {
        guard !values.isEmpty else { return nil }
        if values[0].isNaN { return 0 }
        var best = 0
        var bestValue = values[0]
        for i in 1..<values.count {
            let v = values[i]
            if v.isNaN { return i }
            if v < bestValue { best = i; bestValue = v }
        }
        return best
    }
}
