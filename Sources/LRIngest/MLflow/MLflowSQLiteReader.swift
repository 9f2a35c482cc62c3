import LRCore

/// Reads an MLflow tracking database (the SQL store; `sqlite:///mlflow.db` is MLflow 3's default).
///
/// Reads `metrics(key, value, timestamp, step, is_nan, run_uuid)` joined with `runs(run_uuid, name)`:
/// one ``SeriesTable`` per run (named by `runs.name`, or by the run id when the name is NULL or
/// empty; ordered by name, then id), one series per metric key (in `ORDER BY key` order), steps from
/// `step`, `stepName` `"step"`. Each value's location is the database file and the row's `rowid`
/// (`SELECT * FROM metrics WHERE rowid = N` finds it), or its 1-based row number in the reader's query
/// when the table has no rowid.
///
/// Edge cases:
/// - MLflow stores NaN as `value = 0, is_nan = 1` and clamps ±inf to ±`Double.greatestFiniteMagnitude`
///   (1.7976931348623157e308); the reader gives back NaN and ±inf. (A finite value of exactly that
///   magnitude therefore also reads as infinite; MLflow itself cannot tell them apart either.)
/// - A (key, step) logged more than once keeps the value with the latest timestamp, with one warning
///   per key (see ``MLflowRunMetrics``).
/// - `options.run` keeps only the run of that name (or run id); no match gives an empty result, which
///   the caller reports.
/// - Older schemas without `step`, `timestamp` or `is_nan` read them as 0; `run_uuid`, `key` and
///   `value` are required (``IngestError/Kind/missingColumn``).
/// - Hostile input (NULL, text or blob where a number belongs) is an ``IngestError`` naming the row;
///   a file that is not a database, or is damaged, is ``IngestError/Kind/unreadable``.
/// - The database is opened read-only by path, never from standard input (`-`).
///
/// Reference: MLflow `mlflow/store/tracking/dbmodels/models.py` (`SqlMetric`, `SqlRun`) and
/// `sqlalchemy_store.py` (`_get_metric_value_and_is_nan`-style sanitising on write).
public struct MLflowSQLiteReader: LogReader {
    public var format: LogFormat { .mlflow }

    public init() {}

    public func read(_ input: LogInput, options: IngestOptions) throws(IngestError) -> [SeriesTable] {
        let path = input.path
        let file = SourceLocation(file: path)
        if path == "-" || path == "<stdin>" {
            throw IngestError(.unreadable, at: file,
                              "an MLflow database cannot be read from standard input; pass its path")
        }
        try checkHeader(input.bytes.map { Array($0.prefix(MLflowStore.sqliteHeader.count)) }
                        ?? MLflowStore.fileHeader(path: path), file: file)

        func sql<T>(_ body: () throws(SQLiteError) -> T) throws(IngestError) -> T {
            try withSQLite(file: path, body)
        }
        let database = try sql { () throws(SQLiteError) in try SQLiteDatabase(readOnlyAt: path) }
        let tables = try sql { () throws(SQLiteError) in try database.tableNames() }
        let lowercased = Set(tables.map { $0.lowercased() })
        guard lowercased.contains("metrics") && lowercased.contains("runs") else {
            let found = tables.isEmpty ? "none" : tables.joined(separator: ", ")
            throw IngestError(.missingTables, at: file,
                              "expected an MLflow tracking database with tables 'metrics' and 'runs'; found tables: \(found)")
        }
        let metricColumns = try sql { () throws(SQLiteError) in try database.columnNames(of: "metrics") }
        let runColumns = try sql { () throws(SQLiteError) in try database.columnNames(of: "runs") }
        let metricSet = Set(metricColumns.map { $0.lowercased() })
        let runSet = Set(runColumns.map { $0.lowercased() })
        for required in ["run_uuid", "key", "value"] where !metricSet.contains(required) {
            throw IngestError(.missingColumn, at: file,
                              "expected column '\(required)' in table 'metrics'; found columns: \(metricColumns.joined(separator: ", "))")
        }

        let step = metricSet.contains("step") ? "m.step" : "0"
        let timestamp = metricSet.contains("timestamp") ? "m.timestamp" : "0"
        let isNaN = metricSet.contains("is_nan") ? "m.is_nan" : "0"
        let joinsRuns = runSet.contains("run_uuid") && runSet.contains("name")
        let runName = joinsRuns ? "r.name" : "NULL"
        let join = joinsRuns ? "LEFT JOIN runs AS r ON r.run_uuid = m.run_uuid" : ""
        func query(rowid: String) -> String {
            """
            SELECT m.run_uuid, \(runName), m.key, \(step), \(timestamp), m.value, \(isNaN), \(rowid)
            FROM metrics AS m \(join)
            ORDER BY m.run_uuid, m.key, \(step), \(timestamp)\(rowid == "NULL" ? "" : ", \(rowid)")
            """
        }
        // A WITHOUT ROWID table or a view has no rowid: fall back to row numbers.
        let statement = try sql { () throws(SQLiteError) in
            if let withRowid = try? database.prepare(query(rowid: "m.rowid")) { return withRowid }
            return try database.prepare(query(rowid: "NULL"))
        }

        var runs: [String: MLflowRunMetrics] = [:]
        var rowNumber = 0
        while try sql({ () throws(SQLiteError) in try statement.step() }) {
            rowNumber += 1
            let record = statement.type(7) == .integer ? Int(exactly: statement.int64(7)) ?? rowNumber : rowNumber
            let at = SourceLocation(file: path, record: record)
            let runID = try Self.identifier(statement, 0, column: "run_uuid", what: "a run id", at: at)
            let name = statement.text(1).flatMap { $0.isEmpty ? nil : $0 } ?? runID
            guard options.keepsMLflowRun(name: name, id: runID) else { continue }
            let key = try Self.identifier(statement, 2, column: "key", what: "a metric key", at: at)
            let stepValue = try Self.integer(statement, 3, column: "step", at: at)
            let time = try Self.integer(statement, 4, column: "timestamp", at: at)
            let stored = try Self.number(statement, 5, column: "value", at: at)
            let nanFlag = try Self.integer(statement, 6, column: "is_nan", at: at)
            let value: Double
            if nanFlag != 0 {
                value = .nan
            } else if stored == .greatestFiniteMagnitude {
                value = .infinity
            } else if stored == -.greatestFiniteMagnitude {
                value = -.infinity
            } else {
                value = stored
            }
            guard let stepNumber = Int(exactly: stepValue) else {
                throw IngestError(.badNumber, at: at, "expected an integer in column 'step', found \(stepValue)")
            }
            runs[runID, default: MLflowRunMetrics(runID: runID, runName: name, files: [path], headerLocation: file)]
                .add(key: key, step: stepNumber, timestamp: time, value: value, at: at)
        }
        return runs.values
            .sorted { ($0.runName, $0.runID) < ($1.runName, $1.runID) }
            .map { $0.table() }
    }

    /// Rejects a file whose first bytes are not SQLite's header (`nil`: unknown, let SQLite decide).
    private func checkHeader(_ header: [UInt8]?, file: SourceLocation) throws(IngestError) {
        guard let header else { return }
        if header.isEmpty {
            throw IngestError(.emptyFile, at: file, "empty file; expected an MLflow SQLite database")
        }
        guard !MLflowStore.looksLikeSQLite(header) else { return }
        let text = header.prefix { $0 >= 0x20 && $0 < 0x7F }
        let found = text.isEmpty
            ? "bytes " + header.prefix(8).map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined(separator: " ")
            : quotedForMessage(Substring(String(decoding: text, as: UTF8.self)))
        throw IngestError(.unreadable, at: file,
                          "not an SQLite database: expected the header 'SQLite format 3', found \(found)")
    }

    /// How a cell is shown in a message: `NULL`, `a blob`, the number, or the quoted text.
    private static func shown(_ statement: SQLiteStatement, _ index: Int32) -> String {
        switch statement.type(index) {
        case .null: "NULL"
        case .blob: "a blob"
        case .integer: "\(statement.int64(index))"
        case .real: "\(statement.double(index))"
        case .text: quotedForMessage(Substring(statement.text(index) ?? ""))
        }
    }

    /// A text (or integer) cell naming a run or metric.
    private static func identifier(_ statement: SQLiteStatement, _ index: Int32, column: String, what: String,
                                   at location: SourceLocation) throws(IngestError) -> String {
        switch statement.type(index) {
        case .text: return statement.text(index) ?? ""
        case .integer: return "\(statement.int64(index))"
        default:
            throw IngestError(.malformed, at: location,
                              "expected \(what) in column '\(column)', found \(shown(statement, index))")
        }
    }

    /// An integer cell (a real with an integral value is accepted).
    private static func integer(_ statement: SQLiteStatement, _ index: Int32, column: String,
                                at location: SourceLocation) throws(IngestError) -> Int64 {
        switch statement.type(index) {
        case .integer:
            return statement.int64(index)
        case .real:
            if let exact = Int64(exactly: statement.double(index)) { return exact }
        default:
            break
        }
        throw IngestError(.badNumber, at: location,
                          "expected an integer in column '\(column)', found \(shown(statement, index))")
    }

    /// A numeric cell.
    private static func number(_ statement: SQLiteStatement, _ index: Int32, column: String,
                               at location: SourceLocation) throws(IngestError) -> Double {
        switch statement.type(index) {
        case .real: return statement.double(index)
        case .integer: return Double(statement.int64(index))
        default:
            throw IngestError(.badNumber, at: location,
                              "expected a number in column '\(column)', found \(shown(statement, index))")
        }
    }
}
