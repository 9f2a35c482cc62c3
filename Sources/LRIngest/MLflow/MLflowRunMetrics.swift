import LRCore

/// One metric value as MLflow stores it: step, wall-clock timestamp (ms) and value, with where it was read.
struct MLflowMetricPoint: Sendable {
    var step: Int
    var timestamp: Int64
    var value: Double
    var location: SourceLocation
    /// The position in reading order; breaks ties between equal timestamps (the later read wins).
    var order: Int
}

/// A run's metric histories while an MLflow store is read, and the ``SeriesTable`` they become.
///
/// Both MLflow stores append: logging the same (key, step) twice keeps both rows. MLflow's own
/// `get_metric_history` returns every row; for a curve the reader keeps, per (key, step), the value with
/// the latest timestamp (the later-read row on a tie) and warns once per key:
/// `metric 'loss' has 2 steps logged more than once; kept the latest value` (`1 step` when one).
///
/// Series are named by metric key, in binary (UTF-8 byte) order of the keys, as SQLite's
/// `ORDER BY key` lists them; each series is sorted by step.
struct MLflowRunMetrics: Sendable {
    var runID: String
    var runName: String
    var files: [String]
    var headerLocation: SourceLocation
    private var points: [String: [MLflowMetricPoint]] = [:]
    private var count = 0

    init(runID: String, runName: String, files: [String], headerLocation: SourceLocation) {
        self.runID = runID
        self.runName = runName
        self.files = files
        self.headerLocation = headerLocation
    }

    /// Adds one logged value of `key`.
    mutating func add(key: String, step: Int, timestamp: Int64, value: Double, at location: SourceLocation) {
        points[key, default: []].append(
            MLflowMetricPoint(step: step, timestamp: timestamp, value: value, location: location, order: count))
        count += 1
    }

    /// Adds a metric key with no values (an empty metric file), so that it is still reported.
    mutating func addEmptyKey(_ key: String) {
        if points[key] == nil { points[key] = [] }
    }

    /// The series table: one series per key, sorted by step, duplicates resolved, warnings attached.
    func table() -> SeriesTable {
        var table = SeriesTable(runName: runName, format: .mlflow, files: files, headerLocation: headerLocation)
        table.stepName = "step"
        let keys = points.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for key in keys {
            let sorted = (points[key] ?? []).sorted { a, b in
                (a.step, a.timestamp, a.order) < (b.step, b.timestamp, b.order)
            }
            if sorted.isEmpty {
                table.seriesNames.append(key)
                table.series[key] = Series()
                table.warnings.append("metric '\(key)' has no values")
                continue
            }
            var stepsLoggedTwice = 0
            var index = 0
            while index < sorted.count {
                var last = index
                while last + 1 < sorted.count && sorted[last + 1].step == sorted[index].step { last += 1 }
                if last > index { stepsLoggedTwice += 1 }
                let kept = sorted[last]
                table.append(key, step: kept.step, value: kept.value, at: kept.location)
                index = last + 1
            }
            if stepsLoggedTwice > 0 {
                let steps = stepsLoggedTwice == 1 ? "1 step" : "\(stepsLoggedTwice) steps"
                table.warnings.append("metric '\(key)' has \(steps) logged more than once; kept the latest value")
            }
        }
        return table
    }
}

extension IngestOptions {
    /// Whether an MLflow run passes `run` (`nil` keeps every run): by run name or by run id.
    func keepsMLflowRun(name: String, id: String) -> Bool {
        guard let wanted = run else { return true }
        return wanted == name || wanted == id
    }
}
