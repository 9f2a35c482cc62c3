import Testing
import LRCore
@testable import LRIngest
import TestSupport

/// Plain tables and JSON in the shapes users export, built from one real run by
/// fixtures/generated/make_fixtures.py (Python's csv and json modules).
@Suite struct TextAndJSONDialectTests {
    let truth: [[String: String]]

    init() throws {
        truth = try Fixtures.csvRows("corpus/digits_mlp-torch-tb_mlflow-seed0/raw.csv")
    }

    func expectTruth(_ curve: LearningRateCurve, count: Int? = nil) {
        let rows = Array(truth.prefix(count ?? truth.count))
        #expect(curve.steps == rows.map { Int($0["step"]!)! })
        #expect(curve.learningRates == rows.map { Fixtures.number($0["lr"]) })
        #expect(curve.losses == rows.map { Fixtures.number($0["loss"]) })
    }

    @Test(arguments: [("generated/dialects/tab.tsv", LogFormat.tsv), ("generated/dialects/semicolon.csv", .csv),
                      ("generated/dialects/bom_crlf_quoted.csv", .csv), ("generated/json/records.json", .json)])
    func dialectsAreDetectedAndReadExactly(_ path: String, _ format: LogFormat) throws {
        let curves = try LogLoader.load(paths: [Fixtures.path(path)], options: IngestOptions())
        try #require(curves.count == 1)
        #expect(curves[0].provenance.format == format)
        #expect(curves[0].lossKind == .unknown)
        expectTruth(curves[0])
    }

    @Test func jsonLinesSplitRunsByTheirRunKey() throws {
        let curves = try LogLoader.load(paths: [Fixtures.path("generated/json/records.jsonl")], options: IngestOptions())
        #expect(curves.map(\.runName) == ["seed0", "seed0-head"])
        #expect(curves.allSatisfy { $0.provenance.format == .jsonl })
        expectTruth(curves[0])
        expectTruth(curves[1], count: 30)
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineBreaks() throws {
        let rows = try DelimitedText(file: "x.csv", delimiter: UInt8(ascii: ",")).rows(path: "x.csv", bytes: try Fixtures.bytes("generated/dialects/bom_crlf_quoted.csv"))
        #expect(rows[0].fields == ["step", "note, with comma", "lr", "loss"])
        #expect(rows[4].fields[1] == "say \"hi\",\nnew line")
        #expect(rows[5].line == 7, "the quoted line break counts as a line")
    }

    @Test func kerasRunningMeansAreInvertedPerEpoch() throws {
        let curves = try LogLoader.load(paths: [Fixtures.path("generated/keras/batch_log.csv")], options: IngestOptions())
        try #require(curves.count == 1)
        let curve = curves[0]
        #expect(curve.provenance.format == .kerasCSV)
        #expect(curve.lossKind == .smoothed(.kerasRunningMean))
        #expect(curve.provenance.warnings.contains { $0.contains("running mean") })
        let expected = try Fixtures.csvRows("generated/keras/expected.csv").map { Fixtures.number($0["raw_loss"]) }
        let recovered = curve.recoveredRawLosses()
        for (i, (r, e)) in zip(recovered, expected).enumerated() {
            // float32 running means: the inversion multiplies their rounding by up to the batch count (22).
            #expect(Tolerance.close(r ?? .nan, e, relative: 3e-5, scale: 1), "point \(i)")
        }
    }
}
