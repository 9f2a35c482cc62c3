import Foundation

/// Exact inversion of each framework's loss smoother: from stored values back to per-batch losses.
///
/// Every inversion stops at the first non-finite stored value: once a NaN or inf has entered the
/// running average, later stored values carry no information about later batches, so those raw
/// losses are `nil` (unrecoverable), not guessed.
///
/// Reference: `../shared/reference/frameworks.md` §7.1; fastai `AvgSmoothLoss`, Lightning
/// `_LRCallback.on_train_batch_end`, torch-lr-finder `range_test`, Keras batch-log running means.
public enum Unsmoothing {
    /// Recovers per-batch losses from values smoothed with `convention`.
    ///
    /// - Parameters:
    ///   - stored: the smoothed values in recording order.
    ///   - convention: how they were smoothed.
    ///   - batchIndicesInEpoch: for ``SmoothingConvention/kerasRunningMean``, each value's batch index in
    ///     its epoch (the mean restarts at batch 0); `nil` means one epoch (b = 0, 1, 2, …).
    /// - Returns: one raw loss per stored value; `nil` from the first non-finite stored value on, and,
    ///   for Keras, where the batch before in the same epoch is not the value before (a log that starts
    ///   mid-epoch or skips batches).
    /// - Complexity: O(n).
    public static func rawLosses(from stored: [Double], convention: SmoothingConvention,
                                 batchIndicesInEpoch: [Int]? = nil) -> [Double?] {
        var raw = [Double?](repeating: nil, count: stored.count)
        switch convention {
        case .fastai(let beta):
            // stored s_k = a_k / (1 − β^{k+1}); a_k = β·a_{k−1} + (1−β)·l_k, a_{−1} = 0.
            invertDebiasedEMA(stored, beta: beta, exponentOffset: 1, into: &raw)
        case .lightning(let beta):
            // Lightning divides by 1 − β^{global_step+1} with global_step already incremented: k + 2.
            invertDebiasedEMA(stored, beta: beta, exponentOffset: 2, into: &raw)
        case .torchLRFinder(let f):
            guard let first = stored.first, first.isFinite else { return raw }
            raw[0] = first
            for k in stored.indices.dropFirst() {
                guard stored[k].isFinite else { break }
                raw[k] = (stored[k] - (1 - f) * stored[k - 1]) / f
            }
        case .kerasRunningMean:
            for k in stored.indices {
                guard stored[k].isFinite else { break }
                let b = batchIndicesInEpoch?[k] ?? k
                if b == 0 {
                    raw[k] = stored[k]
                    continue
                }
                // The mean over batches 0…b gives batch b only beside the mean over 0…b−1, which must be
                // the value just before it: a log that starts mid-epoch or skips a batch leaves it nil.
                let previous = k > 0 ? (batchIndicesInEpoch?[k - 1] ?? k - 1) : nil
                guard b > 0, let previous, previous == b - 1 else { continue }
                raw[k] = Double(b + 1) * stored[k] - Double(b) * stored[k - 1]
            }
        }
        return raw
    }

    private static func invertDebiasedEMA(_ stored: [Double], beta: Double, exponentOffset: Int,
                                          into raw: inout [Double?]) {
        var previousAverage = 0.0
        var betaPower = pow(beta, Double(exponentOffset - 1))
        for k in stored.indices {
            betaPower *= beta
            guard stored[k].isFinite else { break }
            let average = stored[k] * (1 - betaPower)
            raw[k] = (average - beta * previousAverage) / (1 - beta)
            previousAverage = average
        }
    }
}

extension LearningRateCurve {
    /// The per-batch losses: the stored losses for a raw log (non-finite values included), the exact
    /// inversion of the smoother for a smoothed one, and `nil` where they cannot be recovered
    /// (unknown convention; from the first non-finite stored value on).
    public func recoveredRawLosses() -> [Double?] {
        switch lossKind {
        case .raw: losses.map { $0 }
        case .unknown: [Double?](repeating: nil, count: count)
        case .smoothed(let convention):
            Unsmoothing.rawLosses(from: losses, convention: convention, batchIndicesInEpoch: batchIndicesInEpoch)
        }
    }
}
