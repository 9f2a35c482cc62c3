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
        let delimiter: UInt8
        if format == .tsv {
            delimiter = UInt8(ascii: "\t")
        } else if let bytes = input.bytes {
            delimiter = DelimitedText.sniffDelimiter(bytes)
        } else {
            delimiter = DelimitedText.sniffDelimiter(try ByteChunks.head(path: file))
        }
        var reading = Reading(file: file, format: format, options: options)
        try DelimitedText(file: file, delimiter: delimiter).forEachRow(path: file, bytes: input.bytes) { row throws(IngestError) in
            try reading.consume(row)
        }
        let (columns, runs, sawHeader, sawData) = (reading.columns, reading.runs, reading.sawHeader, reading.sawData)
        guard sawHeader, let c = columns else {
            throw IngestError(.emptyFile, at: SourceLocation(file: file), "empty file: expected a header row and data rows")
        }
        guard sawData else {
            throw IngestError(.headerOnly, at: c.headerLocation, "header only: expected data rows after the header")
        }
        let named = c.header.filter { !$0.isEmpty }
        let isRecorderLayout = Set(named.filter { $0 != "Unnamed: 0" }) == ["lr", "loss"]
        return runs.filter { $0.learningRates.count + $0.losses.count > 0 }.map { run in
            var table = SeriesTable(runName: run.name, format: format, files: [file], headerLocation: c.headerLocation)
            table.stepName = c.stepName
            if run.learningRates.count > 0 { table.seriesNames.append(c.lrName); table.series[c.lrName] = run.learningRates }
            if run.losses.count > 0 { table.seriesNames.append(c.lossName); table.series[c.lossName] = run.losses }
            if format == .kerasCSV {
                table.warnings.append("Keras batch logs hold the running mean of the loss over each epoch, not per-batch losses (tensorflow#36400)")
                table.hint = .kerasBatchLog(batchIndexByStep: run.batchIndexByStep)
            } else if isRecorderLayout && format != .lightningCSV {
                table.hint = .recorderCSV
            }
            return table
        }
    }

    /// One run's points as they are read.
    private struct RunAccumulator {
        let name: String
        var rows = 0
        var learningRates = Series()
        var losses = Series()
        var batchIndexByStep: [Int: Int] = [:]
        init(name: String) { self.name = name }
    }


    /// The state of one read, row by row (a struct, so that exclusive access is checked statically).
    private struct Reading {
        let file: String
        let format: LogFormat
        let options: IngestOptions
        var columns: Columns?
        var runs: [RunAccumulator] = []
        var runIndex: [String: Int] = [:]
        var lastRun = -1
        var sawHeader = false, sawData = false

        init(file: String, format: LogFormat, options: IngestOptions) {
            self.file = file
            self.format = format
            self.options = options
        }

        var emptyMeansAbsent: Bool { format == .lightningCSV }

        mutating func consume(_ row: DelimitedText.Row) throws(IngestError) -> Bool {
            guard let c = columns else {
                columns = try Columns(header: try row.validatedStrings().map { String($0.trimmingSpaces()) }, line: row.line, file: file,
                                      format: format, options: options)
                sawHeader = true
                return true
            }
            sawData = true
            func location(_ index: Int) -> SourceLocation { SourceLocation(file: file, line: row.line, field: index + 1) }
            func found(_ index: Int) -> String { row.isEmpty(index) ? "an empty field" : quotedForMessage(Substring(row.string(index))) }
            // The run of this row: the file's one run unless a run column names others.
            var r: Int
            if let runColumn = c.run {
                let runName = row.isEmpty(runColumn) ? file : row.string(runColumn)
                if let wanted = options.run, wanted != runName { return true }
                if lastRun >= 0 && runs[lastRun].name == runName {
                    r = lastRun
                } else if let known = runIndex[runName] {
                    r = known
                } else {
                    r = runs.count
                    runs.append(RunAccumulator(name: runName))
                    runIndex[runName] = r
                }
            } else {
                if runs.isEmpty { runs.append(RunAccumulator(name: file)) }
                r = 0
            }
            lastRun = r
            let position = runs[r].rows
            runs[r].rows += 1
            if position >= options.maximumPoints {
                throw options.tooManyPoints(runs[r].name, at: SourceLocation(file: file, line: row.line))
            }

            var step = position
            if let stepIndex = c.step {
                if row.isEmpty(stepIndex) && emptyMeansAbsent { return true }
                guard let value = row.step(stepIndex) else {
                    throw IngestError(.badNumber, at: location(stepIndex),
                                      "expected an integer step in column '\(c.header[stepIndex])', found \(found(stepIndex))\(NumberParsing.stepRangeNote(row.string(stepIndex)))")
                }
                step = value
            }
            var batch: Int?
            if let batchIndex = c.batch {
                guard let value = row.step(batchIndex), value >= 0 else {
                    throw IngestError(.badNumber, at: location(batchIndex),
                                      "expected a non-negative integer batch index in column '\(c.header[batchIndex])', found \(found(batchIndex))")
                }
                batch = value
            }
            var lr: Double?
            if row.isEmpty(c.lr) {
                guard emptyMeansAbsent else {
                    throw IngestError(.badNumber, at: location(c.lr), "expected a number in column '\(c.lrName)', found an empty field")
                }
            } else {
                guard let value = row.double(c.lr) else {
                    throw IngestError(.badNumber, at: location(c.lr), "expected a number in column '\(c.lrName)', found \(found(c.lr))")
                }
                guard !NumberParsing.overflows(row.string(c.lr)) else {
                    throw IngestError(.invalidLearningRate, at: location(c.lr),
                                      "expected a positive finite learning rate in column '\(c.lrName)', found \(found(c.lr)) (beyond the range of a double)")
                }
                lr = value
            }
            var loss: Double?
            if row.isEmpty(c.loss) {
                loss = emptyMeansAbsent ? nil : .nan
            } else {
                guard let value = row.double(c.loss) else {
                    throw IngestError(.badNumber, at: location(c.loss), "expected a number in column '\(c.lossName)', found \(found(c.loss))")
                }
                loss = value
            }
            if lr == nil && loss == nil { return true }
            if emptyMeansAbsent && c.step == nil && (lr == nil || loss == nil) {
                let named = c.header.filter { !$0.isEmpty }
                throw IngestError(.missingColumn, at: c.headerLocation,
                                  "no step column: Lightning's metrics.csv logs '\(c.lrName)' and '\(c.lossName)' on separate rows, paired by step; expected one of step, _step, global_step (or pass --step-column); columns found: \(named.joined(separator: ", "))")
            }
            if let lr { runs[r].learningRates.append(step: step, value: lr, file: file, line: row.line, field: c.lr + 1) }
            if let loss { runs[r].losses.append(step: step, value: loss, file: file, line: row.line, field: c.loss + 1) }
            if let batch { runs[r].batchIndexByStep[step] = batch }
            return true
        }
    }

    /// The header and the columns chosen from it.
    private struct Columns {
        let header: [String]
        let headerLocation: SourceLocation
        let lrName: String, lossName: String, stepName: String?
        let lr: Int, loss: Int, step: Int?, run: Int?, batch: Int?

        init(header: [String], line: Int, file: String, format: LogFormat, options: IngestOptions) throws(IngestError) {
            self.header = header
            headerLocation = SourceLocation(file: file, line: line)
            let named = header.filter { !$0.isEmpty }
            lrName = try ColumnInference.chooseLearningRate(in: named, explicit: options.learningRateColumn, at: headerLocation)
            lossName = try ColumnInference.chooseLoss(in: named, explicit: options.lossColumn, at: headerLocation)
            if let explicit = options.stepColumn {
                guard header.contains(explicit) else {
                    throw ColumnInference.notFound(explicit, option: "--step-column", found: named, at: headerLocation)
                }
                stepName = explicit
            } else {
                stepName = ColumnInference.step(in: named)
            }
            lr = header.firstIndex(of: lrName)!
            loss = header.firstIndex(of: lossName)!
            step = stepName.flatMap { header.firstIndex(of: $0) }
            run = header.firstIndex { $0.lowercased() == "run" || $0.lowercased() == "run_name" }
            batch = format == .kerasCSV ? header.firstIndex { $0.lowercased() == "batch" } : nil
            if format == .kerasCSV && batch == nil && step == nil {
                throw IngestError(.missingColumn, at: headerLocation,
                                  "no 'batch' column: Keras batch logs need each row's batch index within its epoch; columns found: \(named.joined(separator: ", "))")
            }
        }
    }
}
