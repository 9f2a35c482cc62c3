import Foundation
import LRCore

/// Reads a ground-truth learning-rate sweep: a CSV with a learning-rate column (`lr_max` or `lr`), a
/// `seed` column and a `valid_loss` column (the corpus' `ground_truth/<task>/sweep.csv`); other columns
/// are ignored. Non-finite validation losses (`nan`, `inf`, empty) are data: they make that learning
/// rate rank last.
public enum SweepReader {
    public static func read(path: String, name: String? = nil) throws(IngestError) -> LearningRateSweep {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw IngestError(.unreadable, at: SourceLocation(file: path), "no such file or cannot read it")
        }
        var rows = try DelimitedText(file: path, delimiter: DelimitedText.sniffDelimiter(try ByteChunks.head(path: path))).rows(path: path, bytes: nil)
        guard !rows.isEmpty else { throw IngestError(.emptyFile, at: SourceLocation(file: path), "empty file: expected a sweep with lr_max, seed, valid_loss") }
        let header = rows.removeFirst()
        let names = header.fields.map { String($0.trimmingSpaces()) }
        let location = SourceLocation(file: path, line: header.line)
        guard !rows.isEmpty else { throw IngestError(.headerOnly, at: location, "header only: expected one row per (learning rate, seed)") }
        guard let lrIndex = names.firstIndex(of: "lr_max") ?? names.firstIndex(of: "lr") else {
            throw IngestError(.missingColumn, at: location, "no learning-rate column: expected lr_max or lr; columns found: \(names.joined(separator: ", "))")
        }
        guard let lossIndex = names.firstIndex(of: "valid_loss") else {
            throw IngestError(.missingColumn, at: location, "no 'valid_loss' column; columns found: \(names.joined(separator: ", "))")
        }
        let seedIndex = names.firstIndex(of: "seed")
        var parsed: [(learningRate: Double, seed: String, validLoss: Double)] = []
        for row in rows {
            func cell(_ i: Int) -> Substring { i < row.fields.count ? row.fields[i].trimmingSpaces() : "" }
            guard let lr = NumberParsing.double(cell(lrIndex)), lr.isFinite, lr > 0 else {
                throw IngestError(.badNumber, at: SourceLocation(file: path, line: row.line, field: lrIndex + 1),
                                  "expected a positive learning rate in column '\(names[lrIndex])', found \(quotedForMessage(cell(lrIndex)))")
            }
            let lossText = cell(lossIndex)
            guard let loss = lossText.isEmpty ? .nan : NumberParsing.double(lossText) else {
                throw IngestError(.badNumber, at: SourceLocation(file: path, line: row.line, field: lossIndex + 1),
                                  "expected a number in column 'valid_loss', found \(quotedForMessage(lossText))")
            }
            parsed.append((lr, seedIndex.map { String(cell($0)) } ?? "", loss))
        }
        do {
            return try LearningRateSweep(name: name ?? URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent, rows: parsed)
        } catch {
            throw IngestError(.noData, at: SourceLocation(file: path), error.description)
        }
    }
}
