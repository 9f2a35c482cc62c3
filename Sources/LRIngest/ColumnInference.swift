/// Chooses the step, learning-rate and loss series among the names a log has.
///
/// Names are matched case-insensitively, in order of preference:
/// - learning rate: `lr`, `learning_rate`, `learning-rate`, `learningrate`, `lr_0`, `lr-<Optimizer>`
///   (Lightning's `LearningRateMonitor`), `lr_<k>`, `lr/<…>`, `<…>/lr`, `<…>/learning_rate`,
///   `epoch_learning_rate`, `batch_learning_rate`;
/// - loss: `raw_loss` (per-batch, never smoothed), `loss`, `train_loss`, `train_loss_step`,
///   `batch_loss`, `training_loss`, `train/loss`, `loss/train`, `<…>/loss`, `loss_step`; never a
///   validation, test or epoch-level series (`val_*`, `valid*`, `test*`, `*_epoch`, `epoch_*`).
///   `raw_loss` comes first: when a log holds both, the per-batch series is what every later
///   statistic needs;
/// - step: `step`, `Step`, `_step`, `global_step`, `iteration`, `iter`, `it`.
///
/// An explicit `--lr-column`/`--loss-column`/`--step-column` always wins and must exist.
enum ColumnInference {
    static let learningRateDescription = "lr, learning_rate, lr-<optimizer>, lr_0"
    static let lossDescription = "raw_loss, loss, train_loss, train_loss_step"

    static func learningRate(in names: [String]) -> String? {
        let exact = ["lr", "learning_rate", "learning-rate", "learningrate", "lr_0", "learning_rate_0"]
        if let hit = firstMatch(names, exact) { return hit }
        let lowered = names.map { $0.lowercased() }
        let patterns: [(String) -> Bool] = [
            { $0.hasPrefix("lr-") },
            { $0.hasPrefix("lr_") && $0.dropFirst(3).allSatisfy(\.isNumber) && $0.count > 3 },
            { $0.hasPrefix("lr/") },
            { $0.hasSuffix("/lr") || $0.hasSuffix("/learning_rate") },
            { $0 == "batch_learning_rate" || $0 == "epoch_learning_rate" },
        ]
        for pattern in patterns {
            if let i = lowered.firstIndex(where: pattern) { return names[i] }
        }
        return nil
    }

    static func loss(in names: [String]) -> String? {
        let exact = ["raw_loss", "loss", "train_loss", "train_loss_step", "batch_loss", "training_loss",
                     "train/loss", "loss/train", "loss_step", "batch_train_loss", "trn_loss"]
        if let hit = firstMatch(names, exact) { return hit }
        let lowered = names.map { $0.lowercased() }
        if let i = lowered.firstIndex(where: { ($0.hasSuffix("/loss") || $0.hasSuffix("_loss")) && !isExcludedLoss($0) }) {
            return names[i]
        }
        return nil
    }

    static func step(in names: [String]) -> String? {
        firstMatch(names, ["step", "_step", "global_step", "iteration", "iter", "it"])
    }

    private static func isExcludedLoss(_ name: String) -> Bool {
        name.hasPrefix("val") || name.hasPrefix("valid") || name.hasPrefix("test") || name.hasPrefix("eval")
            || name.hasSuffix("_epoch") || name.hasPrefix("epoch_") || name.contains("val_")
    }

    private static func firstMatch(_ names: [String], _ wanted: [String]) -> String? {
        let lowered = names.map { $0.lowercased() }
        for w in wanted {
            if let i = lowered.firstIndex(of: w) { return names[i] }
        }
        return nil
    }

    /// The learning-rate series: `explicit` (`--lr-column`), which must exist, else the inferred one.
    /// - Throws: ``IngestError`` listing the names found when there is none.
    static func chooseLearningRate(in names: [String], explicit: String?, at location: SourceLocation) throws(IngestError) -> String {
        try choose(explicit, option: "--lr-column", inferred: learningRate(in: names), what: "learning-rate",
                   expected: learningRateDescription, names: names, at: location)
    }

    /// The loss series: `explicit` (`--loss-column`), which must exist, else the inferred one.
    static func chooseLoss(in names: [String], explicit: String?, at location: SourceLocation) throws(IngestError) -> String {
        try choose(explicit, option: "--loss-column", inferred: loss(in: names), what: "loss",
                   expected: lossDescription, names: names, at: location)
    }

    private static func choose(_ explicit: String?, option: String, inferred: String?, what: String, expected: String,
                               names: [String], at location: SourceLocation) throws(IngestError) -> String {
        if let explicit {
            guard names.contains(explicit) else { throw notFound(explicit, option: option, found: names, at: location) }
            return explicit
        }
        guard let inferred else { throw missing(what, expected: expected, option: option, found: names, at: location) }
        return inferred
    }

    /// The error for a missing series, listing what exists.
    static func missing(_ what: String, expected: String, option: String, found: [String],
                        at location: SourceLocation) -> IngestError {
        let list = found.isEmpty ? "none" : found.joined(separator: ", ")
        return IngestError(.missingColumn, at: location,
                           "no \(what) column: expected one of \(expected) (or pass \(option)); columns found: \(list)")
    }

    /// The error for an explicitly named series that does not exist.
    static func notFound(_ name: String, option: String, found: [String], at location: SourceLocation) -> IngestError {
        let list = found.isEmpty ? "none" : found.joined(separator: ", ")
        return IngestError(.missingColumn, at: location, "\(option) '\(name)' not found; columns found: \(list)")
    }
}
