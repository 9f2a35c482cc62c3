/// fastai's `valley` (the default since fastai 2.4, credited to ESRI): about the middle of the longest
/// strictly decreasing *subsequence* of the losses.
///
/// fastai's O(n²) scan finds, for each i, `lds[i]` = the length of the longest strictly decreasing
/// subsequence ending at i, and keeps the first i where the running maximum grows; it then takes
/// `max_start = max_end − lds`, treating the subsequence as if it were contiguous, and returns
/// `lrs[max_start + int(L/3) + int(L/3/2)]` with `L = max_end − max_start`: the midpoint, not the
/// "2/3 through" of the documentation. `max_start` can be −1, and then a negative index wraps around
/// to the end of the curve, as in Python.
///
/// This implementation gives identical results in O(n log n): `lds[i]`, the longest strictly decreasing
/// subsequence ending at i, from the patience method (a binary search over the smallest tails). fastai sets
/// `max_start` when `lds[i]` first exceeds the running maximum M inside its inner loop, which is always
/// at `lds[i] = M + 1`, so `max_start = i − (M + 1)`. NaN compares false both ways: a NaN point has
/// `lds = 1` and extends nothing. Values compare in float32, as fastai's tensors do.
///
/// Failure modes: the "subsequence" may skip over bumps and plateaus, so the valley can span the
/// whole curve; the midpoint is not where the loss falls fastest.
///
/// - Complexity: O(n log n).
/// - Reference: fastai/callback/schedule.py `valley`; fastai PR #3377.
public struct FastaiValley: SuggestionHeuristic {
    public let name = "valley"
    public init() {}

    public func suggest(learningRates: [Double], losses: [Double]) -> Suggestion {
        let l = losses.map(Float.init)
        guard let i = Self.index(l) else { return .none("no points") }
        return Suggestion(learningRate: Double(Float(learningRates[i])), loss: Double(l[i]), index: i)
    }

    /// The index fastai's valley returns (wrapped into range), or `nil` for no points.
    static func index(_ losses: [Float]) -> Int? {
        let n = losses.count
        guard n > 0 else { return nil }
        // lds[i] by the patience method: tails[k] is the smallest -loss ending a strictly decreasing
        // subsequence of length k+1; a binary search places each loss (NaN compares false both ways
        // in fastai's scan, so it extends nothing and has lds = 1, and is not placed).
        var tails: [Float] = []
        tails.reserveCapacity(n)
        var running = 1, maxEnd = 0, maxStart = 0
        for i in 0..<n {
            let v = losses[i]
            guard !v.isNaN else { continue }
            let key = -v
            var lo = 0, hi = tails.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if tails[mid] < key { lo = mid + 1 } else { hi = mid }
            }
            if lo == tails.count { tails.append(key) } else { tails[lo] = key }
            let lds = lo + 1
            if i > 0 && lds > running {
                maxEnd = i
                maxStart = i - (running + 1)
                running = lds
            }
        }
        let sections = Double(maxEnd - maxStart) / 3
        var idx = maxStart + Int(sections) + Int(sections / 2)
        if idx < 0 { idx += n }
        return idx >= 0 && idx < n ? idx : nil
    }

    /// fastai's O(n²) scan, ported line by line: the reference for tests.
    static func quadraticIndex(_ losses: [Float]) -> Int? {
        let n = losses.count
        guard n > 0 else { return nil }
        var lds = [Int](repeating: 1, count: n)
        var maxStart = 0, maxEnd = 0
        for i in 1..<max(1, n) {
            for j in 0..<i {
                if losses[i] < losses[j] && lds[i] < lds[j] + 1 { lds[i] = lds[j] + 1 }
                if lds[maxEnd] < lds[i] { maxEnd = i; maxStart = maxEnd - lds[maxEnd] }
            }
        }
        let sections = Double(maxEnd - maxStart) / 3
        var idx = maxStart + Int(sections) + Int(sections / 2)
        if idx < 0 { idx += n }
        return idx >= 0 && idx < n ? idx : nil
    }
}
