import Foundation
import LRCore

/// Reads MLflow's file store: `mlruns/<experiment_id>/<run_id>/metrics/<key>`.
///
/// The input is a folder (`bytes == nil`): the tracking root `mlruns` (or a folder holding it), one
/// experiment folder, or one run folder (see ``MLflowStore/layout(of:)``). Each run becomes one
/// ``SeriesTable``, named by `run_name:` in the run's `meta.yaml`, else the `tags/mlflow.runName`
/// file, else the run id (the folder name); tables are ordered by name, then path. Each metric file is
/// one series, named by its path below `metrics/` (MLflow stores the key `train/loss` as
/// `metrics/train/loss`), sorted by step; `stepName` is `"step"`.
///
/// MLflow appends one line per logged value, `"%s %s %s\n" % (timestamp, value, step)`: an integer
/// millisecond timestamp, the value as Python's `str(float)` writes it (`nan`, `inf`, `-inf` as text),
/// and an integer step, which files from MLflow before 1.0 leave out (then the step is 0).
///
/// Edge cases:
/// - Lines are parsed strictly: a line that is not `<int> <number> [<int>]`, separated by single spaces,
///   is an ``IngestError`` at that file, line and field (``IngestError/Kind/badNumber`` for a field
///   that is not a number, ``IngestError/Kind/malformed`` for a missing or extra field):
///   `expected '<timestamp> <value> <step>', found '…'`. A `\r` before the newline is accepted.
/// - A (key, step) logged more than once keeps the value with the latest timestamp, with one warning
///   per key (see ``MLflowRunMetrics``); an empty metric file gives an empty series and a warning.
/// - Hidden files and folders (`.DS_Store`, `.trash`) and the `models` registry folder are skipped.
/// - `options.run` keeps only the run of that name (or run id); no match gives an empty result.
///
/// Reference: MLflow `mlflow/store/tracking/file_store.py` (`_get_metric_from_line`, `log_metric`).
public struct MLflowFileStoreReader: LogReader {
    public var format: LogFormat { .mlflow }

    public init() {}

    /// How deep metric keys may nest below `metrics/` (guards against link cycles).
    static let maximumKeyDepth = 32

    public func read(_ input: LogInput, options: IngestOptions) throws(IngestError) -> [SeriesTable] {
        let folder = input.path
        guard input.bytes == nil, MLflowStore.isDirectory(folder) else {
            throw IngestError(.unreadable, at: SourceLocation(file: folder),
                              "an MLflow file store is a folder (mlruns/<experiment>/<run>/metrics/<key>); pass the folder")
        }
        let runFolders = MLflowStore.runFolders(in: folder)
        guard !runFolders.isEmpty else {
            throw IngestError(.noLogs, at: SourceLocation(file: folder),
                              "expected an MLflow file store (mlruns/<experiment>/<run>/metrics/<key>); found no run folder with 'metrics/'")
        }
        var runs: [MLflowRunMetrics] = []
        for runFolder in runFolders {
            let runID = (runFolder as NSString).lastPathComponent
            let name = MLflowStore.runName(ofRunFolder: runFolder) ?? runID
            guard options.keepsMLflowRun(name: name, id: runID) else { continue }
            runs.append(try readRun(runFolder, id: runID, name: name))
        }
        return runs
            .sorted { ($0.runName, $0.files.first ?? "") < ($1.runName, $1.files.first ?? "") }
            .map { $0.table() }
    }

    /// Reads every metric file of one run folder.
    private func readRun(_ runFolder: String, id: String, name: String) throws(IngestError) -> MLflowRunMetrics {
        let metricsFolder = MLflowStore.join(runFolder, "metrics")
        let metricFiles = Self.metricFiles(in: metricsFolder, key: nil, depth: 0)
        var run = MLflowRunMetrics(runID: id, runName: name, files: metricFiles.map(\.path),
                                   headerLocation: SourceLocation(file: metricsFolder))
        for (key, path) in metricFiles {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IngestError(.unreadable, at: SourceLocation(file: path), "cannot read the metric file")
            }
            let count = try Self.parseMetricFile([UInt8](data), key: key, path: path, into: &run)
            if count == 0 { run.addEmptyKey(key) }
        }
        return run
    }

    /// The metric files below `folder` as (key, path), keys joined with `/`, sorted by key.
    private static func metricFiles(in folder: String, key: String?, depth: Int) -> [(key: String, path: String)] {
        guard depth <= maximumKeyDepth else { return [] }
        var found: [(key: String, path: String)] = []
        for name in MLflowStore.entries(of: folder) {
            let path = MLflowStore.join(folder, name)
            let childKey = key.map { $0 + "/" + name } ?? name
            if MLflowStore.isDirectory(path) {
                found += metricFiles(in: path, key: childKey, depth: depth + 1)
            } else {
                found.append((childKey, path))
            }
        }
        return found
    }

    /// Parses one metric file's lines into `run`; returns how many values it held.
    @discardableResult
    static func parseMetricFile(_ bytes: [UInt8], key: String, path: String,
                                into run: inout MLflowRunMetrics) throws(IngestError) -> Int {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (offset, rawLine) in lines.enumerated() {
            var line = rawLine
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let text = String(decoding: line, as: UTF8.self)
            let point = try parseLine(text, at: path, line: offset + 1)
            run.add(key: key, step: point.step, timestamp: point.timestamp, value: point.value,
                    at: SourceLocation(file: path, line: offset + 1))
        }
        return lines.count
    }

    /// Parses `<timestamp> <value> [<step>]`.
    static func parseLine(_ text: String, at path: String, line: Int)
        throws(IngestError) -> (timestamp: Int64, value: Double, step: Int) {
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        func fail(_ kind: IngestError.Kind, field: Int) -> IngestError {
            IngestError(kind, at: SourceLocation(file: path, line: line, field: field),
                        "expected '<timestamp> <value> <step>', found \(quotedForMessage(Substring(text)))")
        }
        guard let timestamp = Int64(fields[0]) else { throw fail(.badNumber, field: 1) }
        guard fields.count >= 2 else { throw fail(.malformed, field: 2) }
        guard let value = pythonFloat(fields[1]) else { throw fail(.badNumber, field: 2) }
        guard fields.count <= 3 else { throw fail(.malformed, field: 4) }
        var step = 0
        if fields.count == 3 {
            guard let parsed = Int(fields[2]) else { throw fail(.badNumber, field: 3) }
            step = parsed
        }
        return (timestamp, value, step)
    }

    /// A float as Python's `str(float)` / `repr` writes it: decimal digits with an optional exponent,
    /// or `nan`, `inf`, `-inf` (any case, optional sign); no hex, no spaces.
    static func pythonFloat(_ text: Substring) -> Double? {
        switch text.lowercased() {
        case "nan", "+nan", "-nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: break
        }
        guard !text.isEmpty, text.utf8.allSatisfy({ byte in
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        }) else { return nil }
        return Double(text)
    }
}
