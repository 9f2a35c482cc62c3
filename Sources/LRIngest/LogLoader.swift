import Foundation
import LRCore

/// Reads every run from the given paths: the one entry point of ingest.
///
/// Each path is a file (its format decided from the content unless `--input-format` is given), a
/// folder (searched for TensorBoard event files, `metrics.csv`, `mlflow.db` and `mlruns/`), or `-`
/// for standard input. Tables of the same run from different inputs (W&B exports one metric per
/// file) are joined by run name when they hold different series; otherwise runs stay apart.
public enum LogLoader {
    /// Loads runs.
    /// - Parameters:
    ///   - paths: files, folders, or `-`.
    ///   - options: the shared ingest options.
    ///   - standardInput: reads standard input's bytes (injected for tests).
    /// - Throws: ``IngestError`` for the first input that cannot be read.
    public static func load(paths: [String], options: IngestOptions,
                            standardInput: () -> [UInt8] = { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) })
        throws(IngestError) -> [LearningRateCurve] {
        var tables: [SeriesTable] = []
        for path in paths {
            tables += try readTables(path: path, options: options, standardInput: standardInput)
        }
        return try curves(from: tables, options: options, path: paths.first ?? "-")
    }

    /// The reader for a format.
    static func reader(for format: LogFormat, isFolder: Bool) -> any LogReader {
        switch format {
        case .csv, .tsv, .lightningCSV, .kerasCSV: DelimitedLogReader(format: format)
        case .json, .jsonl: JSONLogReader(format: format)
        case .wandbCSV: WandBCSVReader()
        case .tensorboard: TensorBoardReader()
        case .mlflow: isFolder ? MLflowFileStoreReader() : MLflowSQLiteReader()
        }
    }

    private static func readTables(path: String, options: IngestOptions, standardInput: () -> [UInt8]) throws(IngestError) -> [SeriesTable] {
        if path == "-" {
            return try tables(bytes: standardInput(), path: "<stdin>", options: options)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IngestError(.unreadable, at: SourceLocation(file: path), "no such file or folder")
        }
        if isDirectory.boolValue {
            return try LogDiscovery.readFolder(path, options: options)
        }
        return try readFile(path, options: options)
    }

    /// Reads one file, its format decided from the content unless `--input-format` names it.
    ///
    /// Delimited text and TensorBoard records are streamed from the file (memory bounded by the runs
    /// and the largest record, not the file); JSON and SQLite are read whole.
    static func readFile(_ path: String, options: IngestOptions, format forced: LogFormat? = nil) throws(IngestError) -> [SeriesTable] {
        let head = try ByteChunks.head(path: path)
        let format: LogFormat
        if let given = forced ?? options.inputFormat { format = given } else { format = try detectFormat(of: head, path: path) }
        switch format {
        case .csv, .tsv, .lightningCSV, .kerasCSV, .wandbCSV, .tensorboard:
            guard !head.isEmpty || format == .tensorboard else {
                throw IngestError(.emptyFile, at: SourceLocation(file: path), "empty file: expected a header row and data rows")
            }
            return try reader(for: format, isFolder: false).read(LogInput(path: path, bytes: nil), options: options)
        default:
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IngestError(.unreadable, at: SourceLocation(file: path), "cannot read the file (permission denied?)")
            }
            return try reader(for: format, isFolder: false).read(LogInput(path: path, bytes: [UInt8](data)), options: options)
        }
    }

    /// Joins tables that share a run name and hold different series; keeps the others apart.
    static func joinByRun(_ tables: [SeriesTable]) -> [SeriesTable] {
        var result: [SeriesTable] = []
        for table in tables {
            if let k = result.firstIndex(where: { $0.runName == table.runName && Set($0.seriesNames).isDisjoint(with: table.seriesNames) }) {
                for name in table.seriesNames {
                    result[k].seriesNames.append(name)
                    result[k].series[name] = table.series[name]
                }
                result[k].files += table.files.filter { !result[k].files.contains($0) }
                result[k].warnings += table.warnings.filter { !result[k].warnings.contains($0) }
            } else {
                result.append(table)
            }
        }
        return result
    }
}
