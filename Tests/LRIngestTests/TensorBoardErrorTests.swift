import Foundation
import Testing
@testable import LRIngest
import TestSupport

/// Damaged, empty and hostile TensorBoard input: every outcome is a table or an `IngestError`
/// naming the record and byte offset, never a crash.
@Suite struct TensorBoardErrorTests {
    let reader = TensorBoardReader()
    let path = "runs/x/events.out.tfevents.1.host"

    private func fixtureBytes() throws -> [UInt8] {
        let folder = Fixtures.path("tensorboard/torch-simple-value/tb_logs")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.contains("tfevents") })
        return try Fixtures.bytes("tensorboard/torch-simple-value/tb_logs/" + name)
    }

    /// The error reading `bytes` as one file throws, or `nil` when it reads.
    private func ingestError(reading bytes: [UInt8]) -> IngestError? {
        do {
            _ = try reader.read(LogInput(path: path, bytes: bytes), options: IngestOptions())
            return nil
        } catch {
            return error
        }
    }

    /// Reading from disk record by record gives the same tables and the same errors as reading the
    /// bytes in memory, on the fixture and on damaged copies of it.
    @Test func streamingFromDiskMatchesReadingInMemory() throws {
        let original = try fixtureBytes()
        let folder = try TensorBoardBytes.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/events.out.tfevents.1.host"
        var random = SplitMix64(state: 99)
        for trial in 0..<60 {
            var bytes = original
            if trial > 0 {
                switch trial % 3 {
                case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
                case 1: bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= 0x10
                default: bytes.insert(0xFF, at: Int.random(in: 0..<bytes.count, using: &random))
                }
            }
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let inMemory = Result { () throws(IngestError) in try reader.read(LogInput(path: file, bytes: bytes), options: IngestOptions()) }
            let streamed = Result { () throws(IngestError) in try reader.read(LogInput(path: file, bytes: nil), options: IngestOptions()) }
            switch (inMemory, streamed) {
            case let (.success(a), .success(b)):
                #expect(a.map { $0.series["loss"]?.values ?? [] } == b.map { $0.series["loss"]?.values ?? [] }, "trial \(trial)")
            case let (.failure(a), .failure(b)):
                #expect(a == b, "trial \(trial): \(a) vs \(b)")
            default:
                Issue.record("trial \(trial): \(inMemory) vs \(streamed)")
            }
        }
    }

    @Test func crc32cKnownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum([]) == 0)
        // Continuing over a split (and an unaligned tail) equals the whole.
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = CRC32C.checksum(bytes)
        let split = bytes.withUnsafeBytes { raw in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[13...]),
                            continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[..<13])))
        }
        #expect(split == whole)
        #expect(CRC32C.masked(0) == 0xA282_EAD8)
        #expect(CRC32C.masked(0xE306_9283) == ((0xE306_9283 >> 15 | 0xE306_9283 << 17) & 0xFFFF_FFFF) &+ 0xA282_EAD8)
    }

    @Test func truncatedDataIsReportedWithTheRecordAndOffset() throws {
        let bytes = try fixtureBytes()
        let layout = TensorBoardBytes.recordLayout(bytes)
        let last = try #require(layout.last)
        let error = try #require(ingestError(reading: Array(bytes.dropLast(5))))
        #expect(error.kind == .truncatedRecord)
        #expect(error.location == SourceLocation(file: path, record: layout.count, byteOffset: last.offset))
        #expect(error.message == "truncated record: header says \(last.length) bytes of data, only \(last.length - 1) remain")
    }

    @Test func missingDataChecksumIsTruncation() throws {
        let bytes = try fixtureBytes()
        let layout = TensorBoardBytes.recordLayout(bytes)
        let last = try #require(layout.last)
        let error = try #require(ingestError(reading: Array(bytes.dropLast(2))))
        #expect(error.kind == .truncatedRecord)
        #expect(error.location == SourceLocation(file: path, record: layout.count, byteOffset: last.offset))
        #expect(error.message == "truncated record: the 4-byte data checksum after \(last.length) bytes of data is missing, only 2 bytes remain")
    }

    @Test func truncatedHeaderIsReported() throws {
        let bytes = try fixtureBytes()
        let third = TensorBoardBytes.recordLayout(bytes)[2].offset
        let error = try #require(ingestError(reading: Array(bytes[..<(third + 7)])))
        #expect(error.kind == .truncatedRecord)
        #expect(error.location == SourceLocation(file: path, record: 3, byteOffset: third))
        #expect(error.message == "truncated record: header needs 12 bytes, only 7 remain")
    }

    @Test func flippedDataByteIsAChecksumMismatch() throws {
        var bytes = try fixtureBytes()
        let second = TensorBoardBytes.recordLayout(bytes)[1]
        let dataStart = second.offset + 12
        bytes[dataStart + 3] ^= 0x40
        let computed = CRC32C.masked(CRC32C.checksum(Array(bytes[dataStart..<dataStart + second.length])))
        let storedOffset = dataStart + second.length
        let stored = UInt32(bytes[storedOffset]) | UInt32(bytes[storedOffset + 1]) << 8
            | UInt32(bytes[storedOffset + 2]) << 16 | UInt32(bytes[storedOffset + 3]) << 24
        let error = try #require(ingestError(reading: bytes))
        #expect(error.kind == .checksumMismatch)
        #expect(error.location == SourceLocation(file: path, record: 2, byteOffset: second.offset))
        #expect(error.message == "CRC32C mismatch in record data: stored \(TFRecordScanner.hex(stored)), computed \(TFRecordScanner.hex(computed))")
        #expect(error.message.range(of: #"^CRC32C mismatch in record data: stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}$"#,
                                    options: .regularExpression) != nil)
        #expect(error.description == "\(path): record 2: byte offset \(second.offset): \(error.message)")
    }

    @Test func flippedLengthByteIsAChecksumMismatch() throws {
        var bytes = try fixtureBytes()
        let third = TensorBoardBytes.recordLayout(bytes)[2].offset
        bytes[third] ^= 0x01
        let computed = CRC32C.masked(CRC32C.checksum(Array(bytes[third..<third + 8])))
        let stored = UInt32(bytes[third + 8]) | UInt32(bytes[third + 9]) << 8
            | UInt32(bytes[third + 10]) << 16 | UInt32(bytes[third + 11]) << 24
        let error = try #require(ingestError(reading: bytes))
        #expect(error.kind == .checksumMismatch)
        #expect(error.location == SourceLocation(file: path, record: 3, byteOffset: third))
        #expect(error.message == "CRC32C mismatch in record length: stored \(TFRecordScanner.hex(stored)), computed \(TFRecordScanner.hex(computed))")
    }

    @Test func emptyFileIsReported() throws {
        let error = try #require(ingestError(reading: []))
        #expect(error == IngestError(.emptyFile, at: SourceLocation(file: path), "empty file: expected TensorBoard records"))
    }

    @Test func emptyFileInAFolderIsSkippedWithAWarning() throws {
        typealias B = TensorBoardBytes
        let folder = try B.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let events = B.record(B.summaryEvent(step: 0, [B.simpleValue("lr", 0.001), B.simpleValue("loss", 2)]))
        try Data(events).write(to: URL(fileURLWithPath: folder + "/events.out.tfevents.1.host"))
        try Data().write(to: URL(fileURLWithPath: folder + "/events.out.tfevents.2.host"))
        let tables = try TensorBoardReader().read(LogInput(path: folder, bytes: nil), options: IngestOptions())
        #expect(tables.count == 1)
        #expect(tables[0].series["loss"]?.values == [2])
        #expect(tables[0].warnings == ["skipped empty event file \(folder)/events.out.tfevents.2.host"])
    }

    @Test func malformedEventNamesRecordAndByte() throws {
        typealias B = TensorBoardBytes
        // Record 2's payload: field 1 (wall_time) is fine, then field 5 claims 127 bytes, with 1 left.
        let bad: [UInt8] = B.doubleField(1, 1) + [0x2A, 0x7F, 0x00]
        let bytes = B.record(B.summaryEvent(step: 0, [B.simpleValue("loss", 1)])) + B.record(bad)
        let secondStart = B.recordLayout(bytes)[1].offset
        let error = try #require(ingestError(reading: bytes))
        #expect(error.kind == .malformed)
        #expect(error.location == SourceLocation(file: path, record: 2, byteOffset: secondStart + 12 + 10))
        #expect(error.message == "not a TensorBoard Event: a length-delimited field says 127 bytes, only 1 remain")
    }

    @Test func folderWithoutEventFiles() throws {
        let folder = try TensorBoardBytes.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        #expect(throws: IngestError(.noLogs, at: SourceLocation(file: folder),
                                    "no TensorBoard event files (events.out.tfevents.*) in this folder")) {
            try reader.read(LogInput(path: folder, bytes: nil), options: IngestOptions())
        }
    }

    /// Several runs in nested folders, several files per run read in name order, and a START in the
    /// second file purging the first file's later steps.
    @Test func foldersGroupFilesIntoRuns() throws {
        typealias B = TensorBoardBytes
        let root = try TensorBoardBytes.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: root + "/b/seed1", withIntermediateDirectories: true)
        func write(_ relative: String, _ payloads: [[UInt8]]) throws {
            try Data(payloads.flatMap(B.record)).write(to: URL(fileURLWithPath: root + "/" + relative))
        }
        try write("events.out.tfevents.2.host", [B.summaryEvent(step: 1, [B.simpleValue("loss", 5)])])
        try write("b/seed1/events.out.tfevents.20.host", [B.sessionLogEvent(step: 1, status: 1),
                                                          B.summaryEvent(step: 1, [B.simpleValue("loss", 7)])])
        try write("b/seed1/events.out.tfevents.10.host", [B.summaryEvent(step: 0, [B.simpleValue("loss", 1)]),
                                                          B.summaryEvent(step: 1, [B.simpleValue("loss", 2)]),
                                                          B.summaryEvent(step: 2, [B.simpleValue("loss", 3)])])
        try Data("{}".utf8).write(to: URL(fileURLWithPath: root + "/b/seed1/hparams.yaml"))

        let tables = try reader.read(LogInput(path: root, bytes: nil), options: IngestOptions())
        let rootName = URL(fileURLWithPath: root).lastPathComponent
        #expect(tables.map(\.runName) == [rootName, "b/seed1"])
        let seed = try #require(tables.last)
        #expect(seed.files == [root + "/b/seed1/events.out.tfevents.10.host", root + "/b/seed1/events.out.tfevents.20.host"])
        #expect(seed.series["loss"]?.steps == [0, 1])
        #expect(seed.series["loss"]?.values == [1, 7])
        #expect(seed.series["loss"]?.locations.last == SourceLocation(file: seed.files[1], record: 2, byteOffset: B.record(B.sessionLogEvent(step: 1, status: 1)).count))

        var options = IngestOptions()
        options.run = "b/seed1"
        #expect(try reader.read(LogInput(path: root + "/", bytes: nil), options: options).map(\.runName) == ["b/seed1"])
    }

    /// A few hundred seeded mutations of real and generated files: flipped bytes, cuts, inserted
    /// garbage, and payload damage with re-computed checksums (so the protobuf decoder sees it).
    @Test func mutatedFilesNeverCrash() throws {
        let sources = [try fixtureBytes(), try Fixtures.bytes("tensorboard/encodings/events.out.tfevents.0.encodings")]
        var random = SplitMix64(state: 20_240_601)
        var outcomes = (tables: 0, errors: 0)
        var kinds: Set<IngestError.Kind> = []
        for iteration in 0..<400 {
            var bytes = sources[iteration % 2]
            switch iteration % 4 {
            case 0:  // flip a few bytes anywhere
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                }
            case 1:  // cut at a random place
                bytes = Array(bytes[..<Int.random(in: 0..<bytes.count, using: &random)])
            case 2:  // random garbage, sometimes after a valid header
                let garbage = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                bytes = Bool.random(using: &random) ? garbage : Array(bytes[..<12]) + garbage
            default:  // damage payloads, then re-frame so that the checksums hold
                let layout = TensorBoardBytes.recordLayout(bytes)
                var payloads = layout.map { Array(bytes[$0.offset + 12..<$0.offset + 12 + $0.length]) }
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    let index = Int.random(in: 0..<payloads.count, using: &random)
                    guard !payloads[index].isEmpty else { continue }
                    let position = Int.random(in: 0..<payloads[index].count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: payloads[index][position] = UInt8.random(in: 0...255, using: &random)
                    case 1: payloads[index].removeSubrange(position...)
                    default: payloads[index].insert(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], at: position)
                    }
                }
                bytes = payloads.flatMap(TensorBoardBytes.record)
            }
            do {
                let tables = try reader.read(LogInput(path: path, bytes: bytes), options: IngestOptions())
                outcomes.tables += 1
                for table in tables {
                    for series in table.series.values {
                        #expect(zip(series.steps, series.steps.dropFirst()).allSatisfy { $0 < $1 })
                        #expect(series.values.count == series.steps.count && series.locations.count == series.steps.count)
                    }
                }
            } catch {
                outcomes.errors += 1
                kinds.insert(error.kind)
            }
        }
        #expect(outcomes.tables + outcomes.errors == 400)
        #expect(outcomes.tables > 0 && outcomes.errors > 0)
        // Every layer was reached: framing, checksums and the protobuf decoder.
        #expect(kinds.isSuperset(of: [.truncatedRecord, .checksumMismatch, .malformed]))
    }
}
