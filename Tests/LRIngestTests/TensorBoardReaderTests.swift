import Foundation
import Testing
@testable import LRIngest
import LRCore
import TestSupport

/// The TensorBoard reader against real event files from the corpus and the generated encodings file.
@Suite struct TensorBoardReaderTests {
    let reader = TensorBoardReader()

    private func readFolder(_ relative: String, run: String? = nil) throws -> [SeriesTable] {
        var options = IngestOptions()
        options.run = run
        return try reader.read(LogInput(path: Fixtures.path(relative), bytes: nil), options: options)
    }

    private func eventFile(in relative: String) throws -> String {
        let folder = Fixtures.path(relative)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.contains("tfevents") })
        return relative + "/" + name
    }

    /// Expects `series` to hold `expected` (step → value) exactly at those steps, within `relative`.
    private func expectSeries(_ series: Series?, steps: [Int], values: [Double], relative: Double,
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let series = try #require(series, sourceLocation: sourceLocation)
        #expect(series.steps == steps, sourceLocation: sourceLocation)
        let mismatch = Tolerance.firstMismatch(series.values, values, relative: relative)
        #expect(mismatch == nil, "first mismatch at index \(mismatch ?? -1)", sourceLocation: sourceLocation)
        #expect(series.locations.count == steps.count, sourceLocation: sourceLocation)
    }

    @Test func torchSimpleValueMatchesRawCSV() throws {
        let truth = try Fixtures.csvRows("tensorboard/torch-simple-value/raw.csv")
        let steps = truth.map { Int($0["step"]!)! }
        let tables = try readFolder("tensorboard/torch-simple-value/tb_logs")
        #expect(tables.count == 1)
        let table = try #require(tables.first)
        #expect(table.runName == "tb_logs")
        #expect(table.format == .tensorboard)
        #expect(table.stepName == "step")
        #expect(table.seriesNames == ["lr", "loss"])
        #expect(table.files.count == 1)
        #expect(table.headerLocation == LRIngest.SourceLocation(file: table.files[0]))
        try expectSeries(table.series["lr"], steps: steps, values: truth.map { Fixtures.number($0["lr"]) }, relative: 1e-6)
        try expectSeries(table.series["loss"], steps: steps, values: truth.map { Fixtures.number($0["loss"]) }, relative: 1e-6)

        // Locations: record 1 is the file_version event, then one record per add_scalar call.
        let lr = try #require(table.series["lr"])
        let first = lr.locations[0]
        #expect(first.file == table.files[0])
        #expect(first.record == 2)
        let layout = TensorBoardBytes.recordLayout(try Fixtures.bytes(eventFile(in: "tensorboard/torch-simple-value/tb_logs")))
        #expect(first.byteOffset == layout[1].offset)
    }

    @Test func singleFileIsNamedAfterItsFolder() throws {
        let relative = try eventFile(in: "tensorboard/torch-simple-value/tb_logs")
        let bytes = try Fixtures.bytes(relative)
        let tables = try reader.read(LogInput(path: Fixtures.path(relative), bytes: bytes), options: IngestOptions())
        let table = try #require(tables.first)
        #expect(tables.count == 1)
        #expect(table.runName == "tb_logs")
        #expect(table.files == [Fixtures.path(relative)])
        #expect(table.headerLocation == LRIngest.SourceLocation(file: Fixtures.path(relative)))
        #expect(table.series["loss"]?.steps.count == 100)

        let bare = try reader.read(LogInput(path: "events.out.tfevents.1.host", bytes: bytes), options: IngestOptions())
        #expect(bare.first?.runName == "events.out.tfevents.1.host")
    }

    @Test func folderRunsAreNamedByRelativePath() throws {
        let tables = try readFolder("tensorboard/torch-simple-value")
        #expect(tables.map(\.runName) == ["tb_logs"])
        #expect(try readFolder("tensorboard/torch-simple-value", run: "tb_logs").count == 1)
        #expect(try readFolder("tensorboard/torch-simple-value", run: "nope").isEmpty)
    }

    @Test func lightningRampLogMatchesRawCSV() throws {
        let truth = try Fixtures.csvRows("tensorboard/lightning-ramplog/raw.csv")
        let steps = truth.map { Int($0["global_step"]!)! }
        let tables = try readFolder("tensorboard/lightning-ramplog")
        #expect(tables.count == 1)
        let table = try #require(tables.first)
        #expect(table.runName == "tb_logs/version_0")
        #expect(Set(table.seriesNames) == ["lr-Adam", "train_loss", "epoch", "val_loss"])
        try expectSeries(table.series["lr-Adam"], steps: steps, values: truth.map { Fixtures.number($0["lr"]) }, relative: 1e-6)
        try expectSeries(table.series["train_loss"], steps: steps, values: truth.map { Fixtures.number($0["raw_loss"]) }, relative: 1e-6)

        // val_loss and epoch against Lightning's own CSVLogger file of the same run; `epoch` is
        // logged twice at each epoch's last step (with train_loss and with val_loss): one point each.
        let metrics = try Fixtures.csvRows("tensorboard/lightning-ramplog/metrics.csv")
        let validation = metrics.filter { !($0["val_loss"] ?? "").isEmpty }
        try expectSeries(table.series["val_loss"], steps: validation.map { Int($0["step"]!)! },
                         values: validation.map { Fixtures.number($0["val_loss"]) }, relative: 1e-6)
        var epochByStep: [Int: Double] = [:]
        for row in metrics where !(row["epoch"] ?? "").isEmpty {
            epochByStep[Int(row["step"]!)!] = Fixtures.number(row["epoch"])
        }
        let epochSteps = epochByStep.keys.sorted()
        try expectSeries(table.series["epoch"], steps: epochSteps, values: epochSteps.map { epochByStep[$0]! }, relative: 0)
    }

    @Test func edgeCaseNaNAndInfinityKeepTheirPositions() throws {
        let truth = try Fixtures.csvRows("tensorboard/torch-edge-nan/raw.csv")
        let loss = truth.map { Fixtures.number($0["loss"]) }
        #expect(loss.contains { $0.isNaN } && loss.contains { $0.isInfinite })
        let table = try #require(try readFolder("tensorboard/torch-edge-nan/tb_logs").first)
        let series = try #require(table.series["loss"])
        try expectSeries(series, steps: truth.map { Int($0["step"]!)! }, values: loss, relative: 1e-6)
        #expect(series.values.map(\.isNaN) == loss.map(\.isNaN))
        #expect(series.values.map { $0 == .infinity } == loss.map { $0 == .infinity })
        try expectSeries(table.series["lr"], steps: truth.map { Int($0["step"]!)! },
                         values: truth.map { Fixtures.number($0["lr"]) }, relative: 1e-6)
    }

    /// `simple_value`, `float_val` packed and unpacked, `double_val` packed and unpacked, and
    /// `tensor_content`, written by `fixtures/tensorboard/make_encodings.py`: exact values.
    @Test func everyScalarEncodingIsRead() throws {
        let expected = try Fixtures.csvRows("tensorboard/encodings/expected.csv")
        let table = try #require(try readFolder("tensorboard/encodings").first)
        #expect(table.runName == "encodings")
        let tags = ["lr", "loss_float_val", "loss_float_val_unpacked", "loss_double_val", "lr_double_val", "loss_tensor_content"]
        #expect(table.seriesNames == ["lr", "loss_float_val", "loss_float_val_unpacked", "loss_double_val", "lr_double_val", "loss_tensor_content"])
        let steps = expected.map { Int($0["step"]!)! }
        #expect(steps.count == 20)
        for tag in tags {
            let series = try #require(table.series[tag], "missing \(tag)")
            #expect(series.steps == steps, "\(tag)")
            #expect(series.values == expected.map { Double($0[tag]!)! }, "\(tag)")
        }
    }

    @Test func looksLikeEventFile() throws {
        #expect(TensorBoardReader.looksLikeEventFile(try Fixtures.bytes(eventFile(in: "tensorboard/torch-edge-nan/tb_logs"))))
        #expect(!TensorBoardReader.looksLikeEventFile(try Fixtures.bytes("tensorboard/torch-edge-nan/raw.csv")))
        #expect(!TensorBoardReader.looksLikeEventFile([]))
        #expect(!TensorBoardReader.looksLikeEventFile(Array(repeating: 0, count: 11)))
    }

    /// SessionLog START purges later steps of every tag; a rewritten step keeps its latest value.
    @Test func sessionStartPurgesAndLaterValuesReplace() throws {
        typealias B = TensorBoardBytes
        let payloads: [[UInt8]] = [
            B.summaryEvent(step: 0, [B.simpleValue("loss", 1), B.simpleValue("lr", 0.1)]),
            B.summaryEvent(step: 1, [B.simpleValue("loss", 2), B.simpleValue("lr", 0.2)]),
            B.summaryEvent(step: 2, [B.simpleValue("loss", 3), B.simpleValue("lr", 0.3)]),
            B.summaryEvent(step: 3, [B.simpleValue("loss", 4)]),
            B.sessionLogEvent(step: 2, status: 1),  // restart from step 2: drop steps 2, 3
            B.summaryEvent(step: 3, [B.simpleValue("loss", 40)]),
            B.summaryEvent(step: 2, [B.simpleValue("loss", 30), B.simpleValue("lr", 0.35)]),
            B.summaryEvent(step: 3, [B.simpleValue("loss", 41)]),  // rewrites step 3
            B.sessionLogEvent(step: 9, status: 2),  // STOP: no purge
        ]
        let bytes = payloads.flatMap(B.record)
        let table = try #require(try reader.read(LogInput(path: "runs/a/events.out.tfevents.1", bytes: bytes), options: IngestOptions()).first)
        #expect(table.runName == "a")
        #expect(table.seriesNames == ["loss", "lr"])
        let loss = try #require(table.series["loss"])
        #expect(loss.steps == [0, 1, 2, 3])
        #expect(loss.values == [1, 2, 30, 41])
        #expect(loss.locations.map(\.record) == [1, 2, 7, 8])
        let layout = B.recordLayout(bytes)
        #expect(loss.locations.map(\.byteOffset) == [0, 1, 6, 7].map { layout[$0].offset })
        let lr = try #require(table.series["lr"])
        #expect(lr.steps == [0, 1, 2])
        #expect(lr.values == [Double(Float(0.1)), Double(Float(0.2)), Double(Float(0.35))])
    }

    /// Non-scalar values (a two-element tensor, an image, a tensor of another plugin) are skipped.
    @Test func nonScalarValuesAreSkipped() throws {
        typealias B = TensorBoardBytes
        let pair = B.bytesField(8, B.varintField(1, 1) + B.bytesField(2, B.bytesField(2, B.varintField(1, 2)))
                                + B.bytesField(5, [0, 0, 128, 63, 0, 0, 0, 64]))
        let image = B.bytesField(4, B.varintField(1, 2) + B.varintField(2, 2))
        let textPlugin = B.bytesField(9, B.bytesField(1, B.bytesField(1, Array("text".utf8))))
        let otherPluginScalar = B.bytesField(8, B.varintField(1, 1) + B.bytesField(5, [0, 0, 128, 63]))
        let payloads: [[UInt8]] = [
            B.summaryEvent(step: 5, [B.bytesField(1, Array("pair".utf8)) + pair,
                                     B.bytesField(1, Array("picture".utf8)) + image,
                                     B.bytesField(1, Array("note".utf8)) + textPlugin + otherPluginScalar,
                                     B.simpleValue("loss", 0.5)]),
            B.summaryEvent(step: -3, [B.simpleValue("loss", 0.25)]),
        ]
        let table = try #require(try reader.read(LogInput(path: "e.tfevents", bytes: payloads.flatMap(B.record)), options: IngestOptions()).first)
        #expect(table.seriesNames == ["loss"])
        #expect(table.series["loss"]?.steps == [-3, 5])
        #expect(table.series["loss"]?.values == [0.25, 0.5])
    }

    @Test func halfPrecisionConversion() {
        #expect(TensorScalar.halfToDouble(0x3C00) == 1)
        #expect(TensorScalar.halfToDouble(0xC000) == -2)
        #expect(TensorScalar.halfToDouble(0x7BFF) == 65504)
        #expect(TensorScalar.halfToDouble(0x0001) == 0x1p-24)
        #expect(TensorScalar.halfToDouble(0x7C00) == .infinity)
        #expect(TensorScalar.halfToDouble(0x7E00).isNaN)
    }
}
