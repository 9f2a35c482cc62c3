internal import CSQLite

/// A failed SQLite call: SQLite's result code and its message.
///
/// Every non-OK status of ``SQLiteDatabase`` and ``SQLiteStatement`` goes through
/// ``SQLiteError/init(status:connection:)``, and every `SQLiteError` leaves LRIngest through
/// ``ingestError(file:)``, so a reader's caller only ever sees an ``IngestError`` naming the file.
struct SQLiteError: Error, Sendable, Equatable {
    /// The primary or extended result code (`SQLITE_NOTADB`, `SQLITE_CANTOPEN` …).
    var code: Int32
    /// SQLite's message for the connection, or its generic text for the code.
    var message: String

    /// The funnel: builds the error for a status, reading the connection's message when there is one.
    init(status: Int32, connection: OpaquePointer?) {
        code = status
        if let connection, sqlite3_errcode(connection) == status, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        } else if let text = sqlite3_errstr(status) {
            message = String(cString: text)
        } else {
            message = "SQLite error \(status)"
        }
    }

    /// The error the CLI prints, naming the database file.
    ///
    /// `SQLITE_NOTADB` (a file that is not a database, e.g. a CSV file) reads
    /// `not an SQLite database: file is not a database`; every other code reads
    /// `cannot read the SQLite database: <SQLite's message>`. Both are ``IngestError/Kind/unreadable``.
    func ingestError(file: String) -> IngestError {
        let location = SourceLocation(file: file)
        switch code & 0xFF {
        case SQLITE_NOTADB:
            return IngestError(.unreadable, at: location, "not an SQLite database: \(message)")
        case SQLITE_CANTOPEN:
            return IngestError(.unreadable, at: location, "cannot open the SQLite database: \(message)")
        default:
            return IngestError(.unreadable, at: location, "cannot read the SQLite database: \(message)")
        }
    }
}

/// Runs `body` and turns an ``SQLiteError`` into the ``IngestError`` naming `file`.
func withSQLite<T>(file: String, _ body: () throws(SQLiteError) -> T) throws(IngestError) -> T {
    do {
        return try body()
    } catch {
        throw error.ingestError(file: file)
    }
}

/// A read-only SQLite connection: just what the MLflow reader needs.
///
/// Opened with `SQLITE_OPEN_READONLY` on the plain path (no URI parsing, so `?` and `%` in a path are
/// literal); SQLite reads the header lazily, so a file that is not a database fails on the first
/// query with `SQLITE_NOTADB`. The connection is closed in `deinit`, after every
/// ``SQLiteStatement`` (each keeps its connection alive) is finalized.
///
/// Not `Sendable`: a connection belongs to the one read that opened it.
///
/// Reference: <https://www.sqlite.org/c3ref/open.html>.
final class SQLiteDatabase {
    /// The path as opened.
    let path: String
    fileprivate let handle: OpaquePointer

    /// Opens `path` read-only.
    /// - Throws: ``SQLiteError`` (`SQLITE_CANTOPEN` for a missing or unreadable file).
    init(readOnlyAt path: String) throws(SQLiteError) {
        var connection: OpaquePointer?
        let status = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY, nil)
        guard status == SQLITE_OK, let connection else {
            let error = SQLiteError(status: status, connection: connection)
            sqlite3_close_v2(connection)
            throw error
        }
        self.path = path
        handle = connection
        sqlite3_busy_timeout(connection, 2000)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Throws the funnel's error unless `status` is `SQLITE_OK`.
    fileprivate func check(_ status: Int32) throws(SQLiteError) {
        guard status == SQLITE_OK else { throw SQLiteError(status: status, connection: handle) }
    }

    /// Compiles one SQL statement.
    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else {
            let error = SQLiteError(status: status == SQLITE_OK ? SQLITE_MISUSE : status, connection: handle)
            sqlite3_finalize(statement)
            throw error
        }
        return SQLiteStatement(handle: statement, database: self)
    }

    /// The names of the tables and views in the main schema, sorted by SQLite's binary collation.
    func tableNames() throws(SQLiteError) -> [String] {
        let statement = try prepare(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        var names: [String] = []
        while try statement.step() {
            if let name = statement.text(0) { names.append(name) }
        }
        return names
    }

    /// The column names of `table` (empty when there is no such table).
    func columnNames(of table: String) throws(SQLiteError) -> [String] {
        let statement = try prepare("SELECT name FROM pragma_table_info(?1)")
        try statement.bind(table, at: 1)
        var names: [String] = []
        while try statement.step() {
            if let name = statement.text(0) { names.append(name) }
        }
        return names
    }
}

/// The storage class of a result column's value.
enum SQLiteValueType: Sendable, Equatable {
    case integer, real, text, blob, null
}

/// A prepared statement of an ``SQLiteDatabase``; finalized in `deinit`.
///
/// Column accessors take 0-based indices and never trap: SQLite converts between storage classes
/// (text that is not a number reads as 0), so callers check ``type(_:)`` first where it matters.
final class SQLiteStatement {
    private let handle: OpaquePointer
    /// Keeps the connection open while the statement lives.
    private let database: SQLiteDatabase

    fileprivate init(handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds text to the 1-based parameter `index` (copied by SQLite: `SQLITE_TRANSIENT`).
    func bind(_ text: String, at index: Int32) throws(SQLiteError) {
        try database.check(sqlite3_bind_text(handle, index, text, -1, lrscope_sqlite_transient()))
    }

    /// Advances to the next row: `true` when there is one, `false` when done.
    func step() throws(SQLiteError) -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(status: status, connection: database.handle)
        }
    }

    /// The number of columns in a result row.
    var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The storage class of column `index` in the current row.
    func type(_ index: Int32) -> SQLiteValueType {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }

    /// The column as text (invalid UTF-8 repaired), or `nil` for NULL.
    func text(_ index: Int32) -> String? {
        guard sqlite3_column_type(handle, index) != SQLITE_NULL else { return nil }
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
