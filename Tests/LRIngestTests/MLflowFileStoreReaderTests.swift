import Foundation
import LRCore
import LRIngest
import Testing
import TestSupport

@Suite struct MLflowFileStoreReaderTests {
    let reader = MLflowFileStoreReader()
    static let mlruns = "mlflow/file-store/mlruns"
    static let edgeRun = "mlflow/file-store/mlruns/0/1f0e5b2a9c3d4e6f8a7b6c5d4e3f2a10"
    static let raw = "mlflow/edge-nan-sqlite/raw.csv"

    func read(_ relative: String, run: String? = nil) throws -> [SeriesTable] {
        var options = IngestOptions()
        options.run = run
        return try reader.read(LogInput(path: Fixtures.path(relative), bytes: nil), options: options)
    }

    @Test func readsEveryRunOfTheTrackingRoot() throws {
        let tables = try read(Self.mlruns)
        // Named by run_name in meta.yaml, by the mlflow.runName tag, and by the run id; .trash skipped.
        #expect(tables.map(\.runName) == ["3c4d5e6f7a8b49c0d1e2f3a4b5c6d7e8", "friedman1-edge_nan-seed0", "legacy-run"])
        #expect(try read("mlflow/file-store").map(\.runName) == tables.map(\.runName))
        #expect(try read(Self.mlruns + "/0").map(\.runName) == tables.map(\.runName))
        #expect(try read(Self.edgeRun).map(\.runName) == ["friedman1-edge_nan-seed0"])
    }

    @Test func matchesTheLoggedValuesWithInfinityAndNaN() throws {
        let tables = try read(Self.edgeRun)
        let table = try #require(tables.first)
        #expect(table.format == .mlflow)
        #expect(table.stepName == "step")
        #expect(table.seriesNames == ["loss", "lr", "train/loss"])
        #expect(table.warnings.isEmpty)
        try MLflowTestHelpers.expectSeries(table, "lr", matches: "lr", of: Self.raw)
        try MLflowTestHelpers.expectSeries(table, "loss", matches: "loss", of: Self.raw)
        try MLflowTestHelpers.expectSeries(table, "train/loss", matches: "loss", of: Self.raw)
        let loss = try #require(table.series["loss"])
        #expect(loss.values[78] == .infinity && loss.values[79] == .infinity && loss.values[80].isNaN)
        let file = Fixtures.path(Self.edgeRun + "/metrics/train/loss")
        #expect(table.series["train/loss"]?.locations[5] == SourceLocation(file: file, line: 6))
    }

    @Test func keepsTheLatestTimestampOfARepeatedStep() throws {
        let legacy = try #require(try read(Self.mlruns, run: "legacy-run").first)
        #expect(legacy.series["loss"]?.steps == [0])
        #expect(legacy.series["loss"]?.values == [0.25])
        #expect(legacy.series["loss"]?.locations.first?.line == 2)
        #expect(legacy.warnings == ["metric 'loss' has 1 step logged more than once; kept the latest value"])

        let unnamed = try #require(try read(Self.mlruns, run: "3c4d5e6f7a8b49c0d1e2f3a4b5c6d7e8").first)
        #expect(unnamed.series["loss"]?.steps == [0, 1])
        #expect(unnamed.series["loss"]?.values == [1.0, 3.0])
        #expect(try read(Self.mlruns, run: "no-such-run").isEmpty)
    }

    @Test func sortsPointsByStep() throws {
        let folder = try MLflowTestHelpers.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try MLflowTestHelpers.write("1 0.3 2\n2 0.1 0\n3 0.2 1\n", to: "run/metrics/loss", in: folder)
        let table = try #require(try reader.read(LogInput(path: folder + "/run", bytes: nil), options: IngestOptions()).first)
        #expect(table.runName == "run")
        #expect(table.series["loss"]?.steps == [0, 1, 2])
        #expect(table.series["loss"]?.values == [0.1, 0.2, 0.3])
        #expect(table.series["loss"]?.locations.map(\.line) == [2, 3, 1])
    }

    @Test(arguments: [
        ("1700000000007 0.4x 1", IngestError.Kind.badNumber, 2),
        ("1700000000007 0.4 1 9", .malformed, 4),
        ("1700000000007", .malformed, 2),
        ("", .badNumber, 1),
        ("1.5 0.4 1", .badNumber, 1),
        ("1700000000007 0x10 1", .badNumber, 2),
        ("1700000000007  0.4 1", .badNumber, 2),
        ("1700000000007 0.4 1.0", .badNumber, 3),
    ])
    func rejectsAMalformedLine(line: String, kind: IngestError.Kind, field: Int) throws {
        let folder = try MLflowTestHelpers.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try MLflowTestHelpers.write("{}\n", to: "mlruns/0/meta.yaml", in: folder)
        let file = try MLflowTestHelpers.write("1700000000000 0.5 0\n\(line)\n1700000000014 0.3 2\n",
                                               to: "mlruns/0/abc/metrics/loss", in: folder)
        #expect(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: folder + "/mlruns", bytes: nil), options: IngestOptions())
        } == IngestError(kind, at: SourceLocation(file: file, line: 2, field: field),
                         "expected '<timestamp> <value> <step>', found '\(line)'"))
    }

    @Test func acceptsPythonFloatSpellings() throws {
        let folder = try MLflowTestHelpers.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try MLflowTestHelpers.write("1 nan 0\n2 inf 1\n3 -inf 2\n4 1e-07 3\n5 -0.0 4\n6 1.7976931348623157e+308 5\r\n7 12\n",
                                    to: "run/metrics/m", in: folder)
        let table = try #require(try reader.read(LogInput(path: folder + "/run", bytes: nil), options: IngestOptions()).first)
        let values = try #require(table.series["m"]?.values)
        #expect(values.count == 7 - 1)  // the last line has no step: step 0, later than "1 nan 0"
        #expect(values[0] == 12)
        #expect(Array(values[1...]) == [.infinity, -.infinity, 1e-07, -0.0, .greatestFiniteMagnitude])
    }

    @Test func rejectsAFileOrAFolderThatIsNotAStore() throws {
        let csv = Fixtures.path("mlflow/digits-sqlite/raw.csv")
        #expect(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: csv, bytes: [0x41]), options: IngestOptions())
        }?.kind == .unreadable)
        let folder = Fixtures.path("mlflow/digits-sqlite")
        #expect(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: folder, bytes: nil), options: IngestOptions())
        } == IngestError(.noLogs, at: SourceLocation(file: folder),
                         "expected an MLflow file store (mlruns/<experiment>/<run>/metrics/<key>); found no run folder with 'metrics/'"))
    }
}
