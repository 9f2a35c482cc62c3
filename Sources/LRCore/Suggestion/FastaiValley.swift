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
/// This implementation gives identical results in O(n log n): `lds[i] = 1 + max{lds[j] : j < i,
/// losses[j] > losses[i]}` from a Fenwick tree of prefix maxima over the losses' ranks. fastai sets
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
        // Ranks of the distinct non-NaN values, largest first (equal values share a rank), so that
        // "greater than v" is a prefix; from one sort of the indices, no hashing.
        let order = losses.indices.filter { !losses[$0].isNaN }.sorted { losses[$0] > losses[$1] }
        var rank = [Int](repeating: 0, count: n)
        var distinct = 0
        for (k, i) in order.enumerated() {
            if k == 0 || losses[i] != losses[order[k - 1]] { distinct += 1 }
            rank[i] = distinct
        }
        var tree = [Int](repeating: 0, count: distinct + 1)
        func prefixMax(_ r: Int) -> Int {
            var best = 0, k = r
            while k > 0 { best = max(best, tree[k]); k -= k & (-k) }
            return best
        }
        func update(_ r: Int, _ value: Int) {
            var k = r
            while k < tree.count { tree[k] = max(tree[k], value); k += k & (-k) }
        }
        var running = 1, maxEnd = 0, maxStart = 0
        for i in 0..<n {
            guard !losses[i].isNaN else { continue }
            let r = rank[i]
            let lds = 1 + prefixMax(r - 1)   // losses strictly greater than v have ranks < r
            update(r, lds)
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
