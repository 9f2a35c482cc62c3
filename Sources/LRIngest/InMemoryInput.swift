import LRCore

/// Reading a log that is already in memory: the same path as a file given on the command line
/// (content detection, the format's reader, curve assembly), without touching the file system.
/// The fuzz targets (`Sources/Fuzz*`) and tests use it.
extension LogLoader {
    /// The format of a file's bytes, decided from the content as for a file given on the command line.
    /// - Throws: ``IngestError`` for an empty or unrecognised file.
    public static func detectFormat(of bytes: [UInt8], path: String) throws(IngestError) -> LogFormat {
        try FormatDetection.format(of: bytes, path: path)
    }

    /// Reads one file's bytes with `format` (`nil`: decided from the content, unless
    /// `options.inputFormat` names it).
    /// - Throws: ``IngestError`` as the reader gives it; an MLflow database (read by path only) is
    ///   `.unreadable`.
    public static func tables(bytes: [UInt8], path: String, format: LogFormat? = nil,
                              options: IngestOptions = IngestOptions()) throws(IngestError) -> [SeriesTable] {
        let chosen: LogFormat
        if let given = format ?? options.inputFormat { chosen = given } else { chosen = try detectFormat(of: bytes, path: path) }
        guard chosen != .mlflow else {
            throw IngestError(.unreadable, at: SourceLocation(file: path),
                              "an MLflow store cannot be read from memory; pass the path of mlflow.db or mlruns/")
        }
        return try reader(for: chosen, isFolder: false).read(LogInput(path: path, bytes: bytes), options: options)
    }

    /// The curves of tables a reader gave, as ``load(paths:options:standardInput:)`` builds them:
    /// joined by run, filtered by `options.run`, each assembled and checked.
    public static func curves(from tables: [SeriesTable], options: IngestOptions = IngestOptions(),
                              path: String) throws(IngestError) -> [LearningRateCurve] {
        var joined = joinByRun(tables)
        if let wanted = options.run {
            joined = joined.filter { $0.runName == wanted }
            if joined.isEmpty {
                throw IngestError(.noSuchRun, at: SourceLocation(file: path), "no run named '\(wanted)' in the inputs")
            }
        }
        var curves: [LearningRateCurve] = []
        for table in joined { curves.append(try CurveAssembler.curve(from: table, options: options)) }
        return curves
    }

    /// Reads one file's bytes into curves: ``tables(bytes:path:format:options:)`` then
    /// ``curves(from:options:path:)``.
    public static func curves(bytes: [UInt8], path: String, format: LogFormat? = nil,
                              options: IngestOptions = IngestOptions()) throws(IngestError) -> [LearningRateCurve] {
        try curves(from: tables(bytes: bytes, path: path, format: format, options: options), options: options, path: path)
    }
}

extension MLflowFileStoreReader {
    /// One run of an MLflow file store from its metric files' bytes, as (key, bytes), without a
    /// folder: each file is parsed line by line as ``read(_:options:)`` parses `metrics/<key>`, and
    /// errors name `<folder>/metrics/<key>`.
    public static func table(metricFiles: [(key: String, bytes: [UInt8])], runName: String,
                             folder: String) throws(IngestError) -> SeriesTable {
        let metricsFolder = MLflowStore.join(folder, "metrics")
        let paths = metricFiles.map { MLflowStore.join(metricsFolder, $0.key) }
        var run = MLflowRunMetrics(runID: runName, runName: runName, files: paths,
                                   headerLocation: SourceLocation(file: metricsFolder))
        for (file, path) in zip(metricFiles, paths) {
            let count = try parseMetricFile(file.bytes, key: file.key, path: path, into: &run)
            if count == 0 { run.addEmptyKey(file.key) }
        }
        return run.table()
    }
}
