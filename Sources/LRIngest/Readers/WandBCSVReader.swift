import Foundation
import LRCore

/// Reads a Weights & Biases panel export ("Export → CSV").
///
/// Layout: the first column is the x axis (`Step` or a custom name); then, per run, three columns
/// `"<run> - <metric>"`, `"<run> - <metric>__MIN"` and `"<run> - <metric>__MAX"`. One metric per file,
/// so a learning-rate curve usually needs two files, joined later by run name and step. Runs of
/// different lengths leave empty cells, which are absent values.
///
/// The panel export is downsampled and bucketed (wandb#6005; `__MIN`/`__MAX` are the bucket
/// extremes): every table carries a warning, stronger when the bucket extremes differ from the value.
///
/// Reference: wandb#5349, wandb#6474, wandb#6005; `../shared/reference/frameworks.md` §8.5.
struct WandBCSVReader: LogReader {
    let format = LogFormat.wandbCSV

    /// Whether a header row has W&B's `"<run> - <metric>"` columns with `__MIN`/`__MAX` companions.
    static func looksLikeExport(header: [String]) -> Bool {
        header.contains { $0.hasSuffix("__MIN") || $0.hasSuffix("__MAX") } && header.contains { $0.contains(" - ") }
    }

    func read(_ input: LogInput, options: IngestOptions) throws(IngestError) -> [SeriesTable] {
        let file = input.path
        let head: [UInt8]
        if let bytes = input.bytes { head = bytes } else { head = try ByteChunks.head(path: file) }
        var rows = try DelimitedText(file: file, delimiter: DelimitedText.sniffDelimiter(head)).rows(path: file, bytes: input.bytes)
        guard !rows.isEmpty else {
            throw IngestError(.emptyFile, at: SourceLocation(file: file), "empty file: expected a W&B export header")
        }
        let headerRow = rows.removeFirst()
        let header = headerRow.fields
        let headerLocation = SourceLocation(file: file, line: headerRow.line)
        guard !rows.isEmpty else {
            throw IngestError(.headerOnly, at: headerLocation, "header only: expected data rows after the header")
        }
        let stepName = options.stepColumn ?? header[0]
        guard let stepIndex = header.firstIndex(of: stepName) else {
            throw ColumnInference.notFound(stepName, option: "--step-column", found: header, at: headerLocation)
        }

        // "<run> - <metric>" columns (not the bucket extremes), split at the last " - ".
        struct Column { let index: Int; let run: String; let metric: String; let minIndex: Int?; let maxIndex: Int? }
        var columns: [Column] = []
        for (i, name) in header.enumerated() where i != stepIndex && !name.hasSuffix("__MIN") && !name.hasSuffix("__MAX") {
            guard let split = name.range(of: " - ", options: .backwards) else { continue }
            let run = String(name[..<split.lowerBound])
            let metric = String(name[split.upperBound...])
            if let wanted = options.run, wanted != run { continue }
            columns.append(Column(index: i, run: run, metric: metric,
                                  minIndex: header.firstIndex(of: name + "__MIN"), maxIndex: header.firstIndex(of: name + "__MAX")))
        }
        guard !columns.isEmpty || options.run != nil else {
            throw IngestError(.missingColumn, at: headerLocation,
                              "no '<run> - <metric>' columns: expected a W&B panel export; columns found: \(header.joined(separator: ", "))")
        }

        var tables: [SeriesTable] = []
        var tableIndex: [String: Int] = [:]
        for column in columns where tableIndex[column.run] == nil {
            var table = SeriesTable(runName: column.run, format: format, files: [file], headerLocation: headerLocation)
            table.stepName = stepName
            table.warnings.append("W&B panel exports are downsampled; export the full run history (run.scan_history()) to be sure every step is present")
            tableIndex[column.run] = tables.count
            tables.append(table)
        }
        var bucketed = Set<String>()
        for row in rows {
            func cell(_ i: Int) -> Substring { i < row.fields.count ? row.fields[i].trimmingSpaces() : "" }
            let stepText = cell(stepIndex)
            guard let step = NumberParsing.step(stepText) else {
                throw IngestError(.badNumber, at: SourceLocation(file: file, line: row.line, field: stepIndex + 1),
                                  "expected an integer step in column '\(stepName)', found \(stepText.isEmpty ? "an empty field" : quotedForMessage(stepText))")
            }
            for column in columns {
                let text = cell(column.index)
                if text.isEmpty { continue }
                let location = SourceLocation(file: file, line: row.line, field: column.index + 1)
                guard let value = NumberParsing.double(text) else {
                    throw IngestError(.badNumber, at: location, "expected a number in column '\(header[column.index])', found \(quotedForMessage(text))")
                }
                if let lo = column.minIndex.flatMap({ NumberParsing.double(cell($0)) }),
                   let hi = column.maxIndex.flatMap({ NumberParsing.double(cell($0)) }), lo != hi {
                    bucketed.insert(column.run)
                }
                tables[tableIndex[column.run]!].append(column.metric, step: step, value: value, at: location)
            }
        }
        for run in bucketed {
            tables[tableIndex[run]!].warnings.append("bucketed values: __MIN and __MAX differ, so each row summarises several steps")
        }
        return tables
    }
}
