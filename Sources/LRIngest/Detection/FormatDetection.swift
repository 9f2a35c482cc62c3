import LRCore

/// Decides a file's format from its content (the name only breaks ties), for `--input-format auto`.
///
/// Order: SQLite header (an MLflow store), a TFRecord header with a valid masked CRC32C (TensorBoard),
/// a JSON document or JSON lines, then delimited text, where the header row tells W&B panel exports
/// (`"<run> - <metric>"` with `__MIN`/`__MAX`), Lightning `metrics.csv` (`epoch` and `step` columns),
/// Keras batch logs (a `batch` column and no `step`), TSV (tab-delimited) and plain CSV apart.
enum FormatDetection {
    /// The formats tried, in order, for the "unknown format" message.
    static let tried = "MLflow SQLite store, TensorBoard event file, JSON, JSON lines, delimited text (CSV/TSV)"

    static func format(of bytes: [UInt8], path: String) throws(IngestError) -> LogFormat {
        guard !bytes.isEmpty else {
            throw IngestError(.emptyFile, at: SourceLocation(file: path), "empty file: expected a log (\(tried))")
        }
        if MLflowStore.looksLikeSQLite(bytes) { return .mlflow }
        if TFRecordScanner.looksLikeEventFile(bytes) { return .tensorboard }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw IngestError(.unreadable, at: SourceLocation(file: path),
                              "UTF-16 text (byte-order mark \(hexByte(bytes[0])) \(hexByte(bytes[1]))): expected UTF-8; save the file as UTF-8")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let first = body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw IngestError(.emptyFile, at: SourceLocation(file: path), "empty file: only whitespace, expected a log (\(tried))")
        }
        if first == UInt8(ascii: "[") { return .json }
        if first == UInt8(ascii: "{") { return looksLikeJSONLines(body) || path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") ? .jsonl : .json }
        if body.prefix(4096).contains(0) {
            throw IngestError(.unknownFormat, at: SourceLocation(file: path),
                              "unknown format: binary content that is none of: \(tried); pass --input-format")
        }
        let headerBytes = body.prefix { $0 != 0x0A && $0 != 0x0D }
        let delimiter = DelimitedText.sniffDelimiter(Array(headerBytes))
        let header = (try? DelimitedText(file: path, delimiter: delimiter).rows(path: path, bytes: Array(headerBytes), limit: 1).first?.fields) ?? []
        let lowered = Set(header.map { $0.trimmingSpaces().lowercased() })
        if WandBCSVReader.looksLikeExport(header: header) { return .wandbCSV }
        if lowered.contains("epoch") && lowered.contains("step") { return .lightningCSV }
        if lowered.contains("batch") && !lowered.contains("step") && ColumnInference.loss(in: header) != nil { return .kerasCSV }
        return delimiter == UInt8(ascii: "\t") ? .tsv : .csv
    }

    /// True when the first line holds a complete JSON object and another object follows.
    private static func looksLikeJSONLines(_ body: ArraySlice<UInt8>) -> Bool {
        guard let end = body.firstIndex(of: 0x0A) else { return false }
        var parser = JSONParser(file: "", bytes: Array(body[..<end]))
        guard (try? parser.parseDocument()) != nil else { return false }
        return body[(end + 1)...].contains(UInt8(ascii: "{"))
    }
}
