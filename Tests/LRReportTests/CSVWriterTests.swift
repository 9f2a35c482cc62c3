import Foundation
import Testing
import LRReport

@Suite struct CSVWriterTests {
    @Test func numbersRoundTripAndNonFiniteValuesAreSpelledOut() {
        for x in [1e-07, 0.1, 2.316713571548462, 1.2045035402587822e-07, 1e300, -0.0, Double.leastNonzeroMagnitude] {
            #expect(Double(CSVWriter.number(x)) == x)
        }
        #expect(CSVWriter.number(.nan) == "nan")
        #expect(CSVWriter.number(.infinity) == "inf")
        #expect(CSVWriter.number(-.infinity) == "-inf")
        #expect(CSVWriter.number(nil) == "")
    }

    @Test func fieldsAreQuotedPerRFC4180() {
        var csv = CSVWriter(header: ["run", "note"])
        csv.appendRow(["a,b", "say \"hi\""])
        csv.appendRow(["line\nbreak", "plain"])
        #expect(csv.text == "run,note\n\"a,b\",\"say \"\"hi\"\"\"\n\"line\nbreak\",plain\n")
    }

    @Test func jsonTextWritesNonFiniteNumbersAsStrings() {
        let text = JSONText.object([("a", .number(.nan)), ("b", .array([.number(.infinity), .integer(3)])), ("c", .string("q\"\n"))]).rendered()
        #expect(text == "{\n  \"a\": \"NaN\",\n  \"b\": [\n    \"Infinity\",\n    3\n  ],\n  \"c\": \"q\\\"\\n\"\n}")
    }

    @Test func atomicWriteReplacesAndAFailedWriteKeepsTheOldFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lrscope-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        try AtomicFile.write("old\n", to: path)
        try AtomicFile.write("new\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        // A target that is a folder cannot be replaced by a file: the write fails, nothing is left behind.
        let blocked = folder.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inner"), withIntermediateDirectories: true)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: blocked.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["blocked", "out.csv"])
    }
}
