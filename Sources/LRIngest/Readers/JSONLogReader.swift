import LRCore

/// Reads JSON logs in their three shapes:
/// - an object of parallel arrays, `{"lr": [...], "loss": [...]}`: torch-lr-finder's `history.json`
///   and Lightning's `lr_finder.results` as `json.dump` writes them (bare `NaN`/`Infinity` allowed);
///   an optional step array; `null` entries are NaN losses;
/// - an array of objects, one per step (`[{"step": 0, "lr": …, "loss": …}, …]`);
/// - JSON lines (`jsonl`): one such object per line.
/// Records may carry a `run` key, which splits them into runs.
///
/// Edge cases: arrays of different lengths are an error naming both lengths; a record without the
/// learning-rate or loss key is skipped only when it has neither (metadata lines), otherwise it is
/// an error naming the record.
struct JSONLogReader: LogReader {
    let format: LogFormat

    init(format: LogFormat) {
        precondition(format == .json || format == .jsonl)
        self.format = format
    }

    func read(_ input: LogInput, options: IngestOptions) throws(IngestError) -> [SeriesTable] {
        let file = input.path
        if format == .jsonl {
            let records = try JSONParser.parseLines(file: file, bytes: input.bytes ?? [])
            guard !records.isEmpty else {
                throw IngestError(.emptyFile, at: SourceLocation(file: file), "empty file: expected one JSON object per line")
            }
            return try readRecords(records, file: file, options: options, byLine: true)
        }
        var parser = JSONParser(file: file, bytes: input.bytes ?? [])
        let document = try parser.parseDocument()
        switch document {
        case .array(let elements, let lines):
            guard !elements.isEmpty else {
                throw IngestError(.noData, at: SourceLocation(file: file, line: 1), "empty array: expected one object per step")
            }
            return try readRecords(Array(zip(elements, lines)), file: file, options: options, byLine: false)
        case .object:
            return try readParallelArrays(document, file: file, options: options)
        default:
            throw IngestError(.malformed, at: SourceLocation(file: file, line: 1),
                              "expected an object of arrays ({\"lr\": [...], \"loss\": [...]}) or an array of objects, found \(document.kindName)")
        }
    }

    // MARK: {"lr": [...], "loss": [...]}

    private func readParallelArrays(_ document: JSONValue, file: String, options: IngestOptions) throws(IngestError) -> [SeriesTable] {
        guard case .object(let members) = document else { return [] }
        let arrays = members.filter { if case .array = $0.value { true } else { false } }
        let names = arrays.map(\.key)
        let top = SourceLocation(file: file, line: 1)
        guard !arrays.isEmpty else {
            throw IngestError(.missingColumn, at: top,
                              "expected arrays of learning rates and losses ({\"lr\": [...], \"loss\": [...]}); keys found: \(members.map(\.key).joined(separator: ", "))")
        }
        let lrName = try ColumnInference.chooseLearningRate(in: names, explicit: options.learningRateColumn, at: top)
        let lossName = try ColumnInference.chooseLoss(in: names, explicit: options.lossColumn, at: top)
        let stepName = options.stepColumn ?? ColumnInference.step(in: names)
        func array(_ key: String) -> (values: [JSONValue], lines: [Int], line: Int)? {
            for member in arrays where member.key == key {
                if case .array(let values, let lines) = member.value { return (values, lines, member.line) }
            }
            return nil
        }
        let lr = array(lrName)!
        let loss = array(lossName)!
        if lr.values.count > options.maximumPoints {
            throw options.tooManyPoints(file, at: SourceLocation(file: file, line: lr.line))
        }
        guard lr.values.count == loss.values.count else {
            throw IngestError(.mismatchedLengths, at: SourceLocation(file: file, line: loss.line),
                              "mismatched lengths: '\(lrName)' has \(lr.values.count) values, '\(lossName)' has \(loss.values.count)")
        }
        guard !lr.values.isEmpty else {
            throw IngestError(.noData, at: SourceLocation(file: file, line: lr.line), "no data: '\(lrName)' and '\(lossName)' are empty")
        }
        var steps = Array(0..<lr.values.count)
        if let stepName {
            guard let stepArray = array(stepName) else {
                throw ColumnInference.notFound(stepName, option: "--step-column", found: names, at: top)
            }
            guard stepArray.values.count == lr.values.count else {
                throw IngestError(.mismatchedLengths, at: SourceLocation(file: file, line: stepArray.line),
                                  "mismatched lengths: '\(stepName)' has \(stepArray.values.count) values, '\(lrName)' has \(lr.values.count)")
            }
            for (i, value) in stepArray.values.enumerated() {
                guard case .number(let x) = value, let step = Self.integerStep(x) else {
                    throw IngestError(.badNumber, at: SourceLocation(file: file, line: stepArray.lines[i], record: i + 1),
                                      "expected an integer step in '\(stepName)', found \(Self.describe(value))")
                }
                steps[i] = step
            }
        }
        var table = SeriesTable(runName: file, format: format, files: [file], headerLocation: top)
        table.stepName = stepName
        table.hint = .historyJSON
        for i in lr.values.indices {
            let lrLocation = SourceLocation(file: file, line: lr.lines[i], record: i + 1)
            let lossLocation = SourceLocation(file: file, line: loss.lines[i], record: i + 1)
            table.append(lrName, step: steps[i], value: try number(lr.values[i], key: lrName, nullIsNaN: false, at: lrLocation), at: lrLocation)
            table.append(lossName, step: steps[i], value: try number(loss.values[i], key: lossName, nullIsNaN: true, at: lossLocation), at: lossLocation)
        }
        return [table]
    }

    // MARK: [{"lr": …, "loss": …}, …] and JSON lines

    private func readRecords(_ records: [(JSONValue, Int)], file: String, options: IngestOptions, byLine: Bool) throws(IngestError) -> [SeriesTable] {
        var keys: [String] = []
        var seen = Set<String>()
        for (record, _) in records {
            guard case .object(let members) = record else { continue }
            for member in members where seen.insert(member.key).inserted { keys.append(member.key) }
        }
        let top = SourceLocation(file: file, line: 1)
        let lrName = try ColumnInference.chooseLearningRate(in: keys, explicit: options.learningRateColumn, at: top)
        let lossName = try ColumnInference.chooseLoss(in: keys, explicit: options.lossColumn, at: top)
        let stepName = options.stepColumn ?? ColumnInference.step(in: keys)
        var tables: [SeriesTable] = []
        var tableIndex: [String: Int] = [:]
        var positions: [String: Int] = [:]
        if records.count > options.maximumPoints {
            throw options.tooManyPoints(file, at: SourceLocation(file: file, line: records[options.maximumPoints].1))
        }
        for (n, (record, line)) in records.enumerated() {
            let location = byLine ? SourceLocation(file: file, line: line) : SourceLocation(file: file, line: line, record: n + 1)
            guard case .object = record else {
                throw IngestError(.malformed, at: location, "expected an object with '\(lrName)' and '\(lossName)', found \(record.kindName)")
            }
            let lrValue = record[lrName]
            let lossValue = record[lossName]
            if lrValue == nil && lossValue == nil { continue }
            guard let lrValue else {
                throw IngestError(.missingColumn, at: location, "expected a '\(lrName)' key in this record")
            }
            guard let lossValue else {
                throw IngestError(.missingColumn, at: location, "expected a '\(lossName)' key in this record")
            }
            var runName = file
            if case .string(let name)? = record["run"] ?? record["run_name"] { runName = name }
            if let wanted = options.run, record["run"] != nil || record["run_name"] != nil, wanted != runName { continue }
            let position = positions[runName, default: 0]
            positions[runName] = position + 1
            var step = position
            if let stepName, let stepValue = record[stepName] {
                guard case .number(let x) = stepValue, let parsed = Self.integerStep(x) else {
                    throw IngestError(.badNumber, at: location, "expected an integer '\(stepName)', found \(Self.describe(stepValue))")
                }
                step = parsed
            }
            let lr = try number(lrValue, key: lrName, nullIsNaN: false, at: location)
            let loss = try number(lossValue, key: lossName, nullIsNaN: true, at: location)
            if tableIndex[runName] == nil {
                var table = SeriesTable(runName: runName, format: format, files: [file], headerLocation: top)
                table.stepName = stepName
                tableIndex[runName] = tables.count
                tables.append(table)
            }
            tables[tableIndex[runName]!].append(lrName, step: step, value: lr, at: location)
            tables[tableIndex[runName]!].append(lossName, step: step, value: loss, at: location)
        }
        return tables
    }

    // MARK: Helpers

    /// A JSON number as an integer step: whole and below 9e15 in magnitude (exact as a double).
    static func integerStep(_ x: Double) -> Int? {
        x.isFinite && x.rounded() == x && abs(x) < 9.0e15 ? Int(x) : nil
    }

    /// A value for a message: a number as written (`1.5`, `1e+20`, `nan`), else its kind.
    static func describe(_ value: JSONValue) -> String {
        guard case .number(let x) = value else { return value.kindName }
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Infinity" : "-Infinity" }
        let whole = x.rounded() == x && abs(x) >= 9.0e15
        return "\(x)" + (whole ? " (a step must be below 9e15 to be exact)" : "")
    }

    private func number(_ value: JSONValue, key: String, nullIsNaN: Bool, at location: SourceLocation) throws(IngestError) -> Double {
        switch value {
        case .number(let x): return x
        case .null where nullIsNaN: return .nan
        case .string(let text):
            if let x = NumberParsing.double(text) { return x }
            throw IngestError(.badNumber, at: location, "expected a number for '\(key)', found \(quotedForMessage(Substring(text)))")
        default:
            throw IngestError(.badNumber, at: location, "expected a number for '\(key)', found \(value.kindName)")
        }
    }
}
