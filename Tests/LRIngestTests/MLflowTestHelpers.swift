import Foundation
import LRIngest
import Testing
import TestSupport

/// Shared checks for the MLflow reader tests.
enum MLflowTestHelpers {
    /// Runs a read and returns its error, or `nil` when it succeeded.
    static func error(_ body: () throws(IngestError) -> [SeriesTable]) -> IngestError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    /// Checks a series against a column of a corpus `raw.csv` (`step,lr,loss`), value by value,
    /// relative 1e-12; NaN and ±inf must match exactly.
    static func expectSeries(_ table: SeriesTable, _ name: String, matches column: String, of csv: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let rows = try Fixtures.csvRows(csv)
        let series = try #require(table.series[name], sourceLocation: sourceLocation)
        #expect(series.steps == rows.map { Int($0["step"]!)! }, sourceLocation: sourceLocation)
        let expected = rows.map { Fixtures.number($0[column]) }
        #expect(Tolerance.firstMismatch(series.values, expected, relative: 1e-12) == nil,
                "series '\(name)' differs from raw.csv column '\(column)'", sourceLocation: sourceLocation)
    }

    /// A fresh empty temporary folder.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lrscope-mlflow-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes `text` to `folder/relative`, creating folders.
    @discardableResult
    static func write(_ text: String, to relative: String, in folder: String) throws -> String {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
