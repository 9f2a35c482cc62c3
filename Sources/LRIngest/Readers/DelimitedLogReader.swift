import LRCore

/// Reads tables of delimited text: plain CSV/TSV, Lightning `CSVLogger` `metrics.csv` and Keras
/// batch logs, which differ only in what an empty cell means and which columns carry structure.
///
/// - Plain CSV/TSV: one row per step. An empty loss is NaN (pandas writes NaN as an empty field, as
///   fastai's `lr_find.csv` export shows); an empty learning rate or step is an error. Without a step
///   column, steps are row positions 0, 1, 2, …. A `run` column splits the rows into runs.
/// - Lightning `metrics.csv`: sparse rows, one per `log_metrics` call: the learning rate and the
///   loss of one step sit on different lines, validation metrics on their own; an empty cell is
///   absent, and the series are paired by `step` later.
/// - Keras batch logs (`keras-csv`): a `batch` column (the batch index within its epoch, restarting
///   at 0) beside the loss, which Keras reports as the running mean over the epoch so far.
///
/// Reference: RFC 4180; Lightning `CSVLogger` (`_ExperimentWriter`, columns sorted, `csv.DictWriter`).
struct DelimitedLogReader: LogReader {
    let format: LogFormat

    init(format: LogFormat) {
        precondition([.csv, .tsv, .lightningCSV, .kerasCSV].contains(format))
        self.format = format
    }

    private var emptyMeansAbsent: Bool { format == .lightningCSV }

    func read(_ input: LogInput, options: IngestOptions) throws(IngestError) -> [SeriesTable] {
        let file = input.path
        let text = DelimitedText(file: file, bytes: input.bytes ?? [],
                                 delimiter: format == .tsv ? UInt8(ascii: "\t") : nil)
        var rows = try text.rows()
        guard !rows.isEmpty else {
            throw IngestError(.emptyFile, at: SourceLocation(file: file), "empty file: expected a header row and data rows")
        }
        let headerRow = rows.removeFirst()
        let header = headerRow.fields.map { String($0.trimmingSpaces()) }
        let headerLocation = SourceLocation(file: file, line: headerRow.line)
        guard !rows.isEmpty else {
            throw IngestError(.headerOnly, at: headerLocation, "header only: expected data rows after the header")
        }
        let named = header.filter { !$0.isEmpty }

        let lrName = try ColumnInference.chooseLearningRate(in: named, explicit: options.learningRateColumn, at: headerLocation)
        let lossName = try ColumnInference.chooseLoss(in: named, explicit: options.lossColumn, at: headerLocation)
        let stepName: String?
        if let explicit = options.stepColumn {
            guard header.contains(explicit) else {
                throw ColumnInference.notFound(explicit, option: "--step-column", found: named, at: headerLocation)
            }
            stepName = explicit
        } else {
            stepName = ColumnInference.step(in: named)
        }
        let lrIndex = header.firstIndex(of: lrName)!
        let lossIndex = header.firstIndex(of: lossName)!
        let stepIndex = stepName.flatMap { header.firstIndex(of: $0) }
        let runIndex = header.firstIndex { $0.lowercased() == "run" || $0.lowercased() == "run_name" }
        let batchIndex = format == .kerasCSV ? header.firstIndex { $0.lowercased() == "batch" } : nil
        if format == .kerasCSV && batchIndex == nil && stepIndex == nil {
            throw IngestError(.missingColumn, at: headerLocation,
                              "no 'batch' column: Keras batch logs need each row's batch index within its epoch; columns found: \(named.joined(separator: ", "))")
        }

        var tables: [SeriesTable] = []
        var tableIndexByRun: [String: Int] = [:]
        var batchIndicesByRun: [String: [Int: Int]] = [:]
        var rowPositionByRun: [String: Int] = [:]

        for row in rows {
            func cell(_ index: Int) -> Substring {
                index < row.fields.count ? row.fields[index].trimmingSpaces() : ""
            }
            func location(_ index: Int) -> SourceLocation {
                SourceLocation(file: file, line: row.line, field: index + 1)
            }
            let runName = runIndex.map { String(cell($0)) }.flatMap { $0.isEmpty ? nil : $0 } ?? file
            if let wanted = options.run, wanted != runName, runIndex != nil { continue }
            let position = rowPositionByRun[runName, default: 0]
            rowPositionByRun[runName] = position + 1

            var step = position
            if let stepIndex {
                let text = cell(stepIndex)
                if text.isEmpty && emptyMeansAbsent { continue }
                guard let value = NumberParsing.step(text) else {
                    throw IngestError(.badNumber, at: location(stepIndex),
                                      "expected an integer step in column '\(header[stepIndex])', found \(text.isEmpty ? "an empty field" : quotedForMessage(text))")
                }
                step = value
            }
            var batch: Int?
            if let batchIndex {
                let text = cell(batchIndex)
                guard let value = NumberParsing.step(text), value >= 0 else {
                    throw IngestError(.badNumber, at: location(batchIndex),
                                      "expected a non-negative integer batch index in column '\(header[batchIndex])', found \(text.isEmpty ? "an empty field" : quotedForMessage(text))")
                }
                batch = value
            }
            let lrText = cell(lrIndex)
            let lossText = cell(lossIndex)
            let lr: Double?
            if lrText.isEmpty {
                guard emptyMeansAbsent else {
                    throw IngestError(.badNumber, at: location(lrIndex), "expected a number in column '\(lrName)', found an empty field")
                }
                lr = nil
            } else {
                guard let value = NumberParsing.double(lrText) else {
                    throw IngestError(.badNumber, at: location(lrIndex), "expected a number in column '\(lrName)', found \(quotedForMessage(lrText))")
                }
                lr = value
            }
            let loss: Double?
            if lossText.isEmpty {
                loss = emptyMeansAbsent ? nil : .nan
            } else {
                guard let value = NumberParsing.double(lossText) else {
                    throw IngestError(.badNumber, at: location(lossIndex), "expected a number in column '\(lossName)', found \(quotedForMessage(lossText))")
                }
                loss = value
            }
            if lr == nil && loss == nil { continue }

            let t: Int
            if let existing = tableIndexByRun[runName] {
                t = existing
            } else {
                var table = SeriesTable(runName: runName, format: format, files: [file], headerLocation: headerLocation)
                table.stepName = stepName
                tables.append(table)
                t = tables.count - 1
                tableIndexByRun[runName] = t
            }
            if let lr { tables[t].append(lrName, step: step, value: lr, at: location(lrIndex)) }
            if let loss { tables[t].append(lossName, step: step, value: loss, at: location(lossIndex)) }
            if let batch { batchIndicesByRun[runName, default: [:]][step] = batch }
        }

        let isRecorderLayout = Set(named.filter { $0 != "Unnamed: 0" }) == ["lr", "loss"]
        for i in tables.indices {
            if format == .kerasCSV {
                tables[i].hint = .kerasBatchLog(batchIndexByStep: batchIndicesByRun[tables[i].runName] ?? [:])
                tables[i].warnings.append("Keras batch logs hold the running mean of the loss over each epoch, not per-batch losses (tensorflow#36400)")
            } else if isRecorderLayout && format != .lightningCSV {
                tables[i].hint = .recorderCSV
            }
        }
        return tables
    }
}
