import Foundation

/// A ground-truth learning-rate sweep: final validation loss of full trainings at several learning
/// rates and seeds (the corpus' `ground_truth/<task>/sweep.csv`).
///
/// The best learning rate has the lowest mean validation loss over seeds; a learning rate where any
/// seed's loss is non-finite ranks last (its mean is +inf). The validation loss at a suggested learning
/// rate is the per-LR mean interpolated linearly in log10(lr); outside the grid it is the end value
/// (and the suggestion is counted as outside).
public struct LearningRateSweep: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var learningRate: Double
        /// Mean validation loss over seeds; +inf when any seed is non-finite.
        public var meanValidLoss: Double
        public var seeds: Int
    }

    public let name: String
    /// Sorted by learning rate.
    public let points: [Point]

    /// - Throws: ``ScoringError`` for an empty sweep or non-positive learning rates.
    public init(name: String, rows: [(learningRate: Double, seed: String, validLoss: Double)]) throws(ScoringError) {
        guard !rows.isEmpty else { throw ScoringError("sweep '\(name)' has no rows") }
        var byRate: [Double: [Double]] = [:]
        for row in rows {
            guard row.learningRate.isFinite, row.learningRate > 0 else {
                throw ScoringError("sweep '\(name)': learning rate \(row.learningRate) is not positive")
            }
            byRate[row.learningRate, default: []].append(row.validLoss)
        }
        self.name = name
        points = byRate.keys.sorted().map { lr in
            let losses = byRate[lr]!
            let mean = losses.allSatisfy(\.isFinite) ? losses.reduce(0, +) / Double(losses.count) : .infinity
            return Point(learningRate: lr, meanValidLoss: mean, seeds: losses.count)
        }
    }

    /// The index of the best learning rate (the first of equal means).
    public var bestIndex: Int {
        points.indices.min { points[$0].meanValidLoss < points[$1].meanValidLoss } ?? 0
    }

    public var bestLearningRate: Double { points[bestIndex].learningRate }
    public var bestMeanValidLoss: Double { points[bestIndex].meanValidLoss }

    /// Whether the best learning rate is inside the grid (not its first or last point).
    public var bestIsInterior: Bool { bestIndex > 0 && bestIndex < points.count - 1 }

    /// The mean validation loss at `lr`, interpolated linearly in log10(lr); the end values outside.
    public func meanValidLoss(at lr: Double) -> Double {
        let x = log10(lr)
        guard let first = points.first, let last = points.last else { return .nan }
        if x <= log10(first.learningRate) { return first.meanValidLoss }
        if x >= log10(last.learningRate) { return last.meanValidLoss }
        let upper = points.firstIndex { log10($0.learningRate) >= x }!
        let a = points[upper - 1], b = points[upper]
        let xa = log10(a.learningRate), xb = log10(b.learningRate)
        let w = (x - xa) / (xb - xa)
        if w == 0 { return a.meanValidLoss }
        if w == 1 { return b.meanValidLoss }
        return a.meanValidLoss + w * (b.meanValidLoss - a.meanValidLoss)
    }

    /// Whether `lr` lies inside the grid.
    public func contains(_ lr: Double) -> Bool {
        guard let first = points.first, let last = points.last else { return false }
        return lr >= first.learningRate && lr <= last.learningRate
    }
}

/// A scoring problem, said plainly.
public struct ScoringError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
