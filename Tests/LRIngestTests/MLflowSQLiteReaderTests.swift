import Foundation
import LRCore
import LRIngest
import Testing
import TestSupport

@Suite struct MLflowSQLiteReaderTests {
    let reader = MLflowSQLiteReader()

    func read(_ relative: String, run: String? = nil) throws -> [SeriesTable] {
        var options = IngestOptions()
        options.run = run
        return try reader.read(LogInput(path: Fixtures.path(relative), bytes: nil), options: options)
    }

    @Test func readsTheCorpusDatabaseExactly() throws {
        let tables = try read("mlflow/digits-sqlite/mlflow.db")
        try #require(tables.count == 1)
        let table = tables[0]
        #expect(table.runName == "digits_mlp-torch-tb_mlflow-seed0")
        #expect(table.format == .mlflow)
        #expect(table.stepName == "step")
        #expect(table.seriesNames == ["loss", "lr"])
        #expect(table.files == [Fixtures.path("mlflow/digits-sqlite/mlflow.db")])
        #expect(table.warnings.isEmpty)
        try MLflowTestHelpers.expectSeries(table, "lr", matches: "lr", of: "mlflow/digits-sqlite/raw.csv")
        try MLflowTestHelpers.expectSeries(table, "loss", matches: "loss", of: "mlflow/digits-sqlite/raw.csv")
        let location = try #require(table.series["loss"]?.locations.first)
        #expect(location.file == Fixtures.path("mlflow/digits-sqlite/mlflow.db"))
        #expect(location.record != nil && location.line == nil)
    }

    @Test func givesBackInfinityAndNaN() throws {
        let tables = try read("mlflow/edge-nan-sqlite/mlflow.db")
        try #require(tables.count == 1)
        let table = tables[0]
        #expect(table.runName == "friedman1_mlp-torch-edge_nan-seed0")
        try MLflowTestHelpers.expectSeries(table, "lr", matches: "lr", of: "mlflow/edge-nan-sqlite/raw.csv")
        try MLflowTestHelpers.expectSeries(table, "loss", matches: "loss", of: "mlflow/edge-nan-sqlite/raw.csv")
        let loss = try #require(table.series["loss"])
        let rows = try Fixtures.csvRows("mlflow/edge-nan-sqlite/raw.csv")
        let infSteps = rows.filter { $0["loss"] == "inf" }.map { Int($0["step"]!)! }
        let nanSteps = rows.filter { $0["loss"] == "nan" }.map { Int($0["step"]!)! }
        #expect(!infSteps.isEmpty && !nanSteps.isEmpty)
        #expect(zip(loss.steps, loss.values).filter { $0.1 == .infinity }.map(\.0) == infSteps)
        #expect(zip(loss.steps, loss.values).filter { $0.1.isNaN }.map(\.0) == nanSteps)
    }

    @Test func keepsTheLatestTimestampOfARepeatedStep() throws {
        let tables = try read("mlflow/synthetic/duplicates.db")
        #expect(tables.map(\.runName) == ["alpha-run", String(repeating: "b2", count: 16),
                                          String(repeating: "d4", count: 16), "zeta-run"])
        let zeta = try #require(tables.last)
        let loss = try #require(zeta.series["loss"])
        #expect(loss.steps == [0, 1, 2])
        #expect(loss.values == [1.0, 2.0, 6.0])
        let path = Fixtures.path("mlflow/synthetic/duplicates.db")
        #expect(loss.locations == [1, 2, 5].map { SourceLocation(file: path, record: $0) })
        #expect(zeta.warnings == ["metric 'loss' has 2 steps logged more than once; kept the latest value"])
        let lr = try #require(zeta.series["lr"])
        #expect(lr.values[0] == 0.1 && lr.values[1].isNaN && lr.values[2] == -.infinity)

        let alpha = try #require(tables.first?.series["loss"])
        #expect(alpha.steps == [3, 5])
        #expect(alpha.values == [3.5, 5.5])
    }

    @Test func keepsOnlyTheRequestedRun() throws {
        #expect(try read("mlflow/synthetic/duplicates.db", run: "alpha-run").map(\.runName) == ["alpha-run"])
        let byID = String(repeating: "a1", count: 16)
        #expect(try read("mlflow/synthetic/duplicates.db", run: byID).map(\.runName) == ["zeta-run"])
        #expect(try read("mlflow/synthetic/duplicates.db", run: "no-such-run").isEmpty)
    }

    @Test func rejectsATextFile() throws {
        let path = Fixtures.path("mlflow/digits-sqlite/raw.csv")
        let expected = IngestError(.unreadable, at: SourceLocation(file: path),
                                   "not an SQLite database: expected the header 'SQLite format 3', found 'step,lr,loss'")
        #expect(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: path, bytes: nil), options: IngestOptions())
        } == expected)
        let bytes = try Fixtures.bytes("mlflow/digits-sqlite/raw.csv")
        #expect(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: path, bytes: bytes), options: IngestOptions())
        } == expected)
    }

    @Test func rejectsADamagedDatabase() throws {
        let folder = try MLflowTestHelpers.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/damaged.db"
        try Data(MLflowStore.sqliteHeader + [UInt8](repeating: 0xAB, count: 200)).write(to: URL(fileURLWithPath: path))
        let error = try #require(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: path, bytes: nil), options: IngestOptions())
        })
        #expect(error.kind == .unreadable)
        #expect(error.location == SourceLocation(file: path))
        #expect(error.message == "not an SQLite database: file is not a database")
    }

    @Test func rejectsAnEmptyOrMissingFile() throws {
        let folder = try MLflowTestHelpers.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let empty = try MLflowTestHelpers.write("", to: "empty.db", in: folder)
        #expect(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: empty, bytes: nil), options: IngestOptions())
        } == IngestError(.emptyFile, at: SourceLocation(file: empty), "empty file; expected an MLflow SQLite database"))

        let missing = folder + "/missing.db"
        let error = try #require(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: missing, bytes: nil), options: IngestOptions())
        })
        #expect(error.kind == .unreadable)
        #expect(error.message == "cannot open the SQLite database: unable to open database file")
        #expect(!FileManager.default.fileExists(atPath: missing), "a read-only open must not create the file")
    }

    @Test func rejectsStandardInput() {
        #expect(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: "-", bytes: [1, 2, 3]), options: IngestOptions())
        } == IngestError(.unreadable, at: SourceLocation(file: "-"),
                         "an MLflow database cannot be read from standard input; pass its path"))
    }

    @Test func namesTheTablesItFound() throws {
        let path = Fixtures.path("mlflow/synthetic/no-tables.db")
        #expect(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: path, bytes: nil), options: IngestOptions())
        } == IngestError(.missingTables, at: SourceLocation(file: path),
                         "expected an MLflow tracking database with tables 'metrics' and 'runs'; found tables: alembic_version, experiments, params"))

        let empty = Fixtures.path("mlflow/synthetic/empty-schema.db")
        #expect(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: empty, bytes: nil), options: IngestOptions())
        } == IngestError(.missingTables, at: SourceLocation(file: empty),
                         "expected an MLflow tracking database with tables 'metrics' and 'runs'; found tables: none"))
    }

    @Test func namesTheRowOfAValueThatIsNotANumber() throws {
        let path = Fixtures.path("mlflow/synthetic/hostile.db")
        #expect(MLflowTestHelpers.error { () throws(IngestError) in
            try reader.read(LogInput(path: path, bytes: nil), options: IngestOptions())
        } == IngestError(.badNumber, at: SourceLocation(file: path, record: 3),
                         "expected a number in column 'value', found 'abc'"))
    }
}
