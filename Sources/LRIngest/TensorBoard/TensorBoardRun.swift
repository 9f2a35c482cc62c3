import LRCore

/// The scalar series of one TensorBoard run, accumulated over its event files in order with
/// TensorBoard's rules for restarts and rewrites, then handed out as a ``SeriesTable``.
///
/// Rules:
/// - Each scalar tag is one series, named by the tag, in order of first appearance; every point
///   keeps the file, record number and record byte offset it came from. No downsampling (the
///   TensorBoard UI keeps a 1000-point reservoir; this reader keeps everything).
/// - A `SessionLog` with status START at step s (a restarted job) purges, for every tag, the points
///   recorded so far whose step is ≥ s, as EventAccumulator's `purge_orphaned_data` does.
/// - A later value for the same (tag, step) replaces the earlier one; at the end each series is
///   sorted by step, so steps are strictly increasing.
/// - A tensor value counts as a scalar only when its tag's plugin (from the first value of the tag
///   that carries metadata) is unset or `scalars`; `simple_value`s always count.
///
/// Not done: EventAccumulator's out-of-order purge (a summary whose step is below the newest step
/// seen drops that tag's points at later steps); with restarts that wrote no START event, later
/// points replace earlier ones step by step instead.
///
/// Reference: TensorBoard `tensorboard/backend/event_processing/event_accumulator.py`
/// (`_MaybePurgeOrphanedData`, `_Purge`), `plugin_event_accumulator.py`.
struct TensorBoardRun {
    let name: String
    /// Files read, in reading order.
    private(set) var files: [String] = []

    private var tags: [String] = []
    private var indexByTag: [String: Int] = [:]
    private var series: [Series] = []
    /// Whether each series is strictly increasing in step as recorded (no sort needed at the end).
    private var isOrdered: [Bool] = []
    /// The plugin named by each tag's first metadata.
    private var pluginByTag: [String: String] = [:]
    /// Reused across records so that decoding allocates nothing per record.
    private var valueBuffer: [TensorBoardSummaryValue] = []

    /// The most points the run may hold (``IngestOptions/maximumPoints``).
    var maximumPoints = Int.max
    private var points = 0

    init(name: String) {
        self.name = name
    }

    /// Reads one event file's bytes into the run.
    /// - Throws: `.emptyFile` for no bytes; the scanner's `.truncatedRecord` and `.checksumMismatch`;
    ///   `.malformed` with the record number and the offset of the bad byte for a payload that is not
    ///   an `Event`.
    mutating func read(_ buffer: UnsafeRawBufferPointer, file: String) throws(IngestError) {
        guard !buffer.isEmpty else {
            throw IngestError(.emptyFile, at: SourceLocation(file: file), "empty file: expected TensorBoard records")
        }
        files.append(file)
        var scanner = TFRecordScanner(buffer, file: file)
        while let record = try scanner.next() {
            try consume(record, file: file)
        }
    }

    /// Reads one event file from disk record by record (memory bounded by the largest record).
    /// - Throws: as ``read(_:file:)``.
    mutating func read(fileAt path: String) throws(IngestError) {
        let reader = try TFRecordFileReader(path: path)
        guard reader.fileSize > 0 else {
            throw IngestError(.emptyFile, at: SourceLocation(file: path), "empty file: expected TensorBoard records")
        }
        files.append(path)
        while let record = try reader.next() {
            try consume(record, file: path)
        }
    }

    /// Decodes one record and adds its scalars.
    private mutating func consume(_ record: TFRecord, file: String) throws(IngestError) {
        valueBuffer.removeAll(keepingCapacity: true)
        let event: TensorBoardEvent
        do throws(ProtobufDecodingError) {
            event = try TensorBoardEvent.decode(record.data, values: &valueBuffer)
        } catch {
            throw IngestError(.malformed, at: SourceLocation(file: file, record: record.number, byteOffset: record.dataOffset + error.offset),
                              "not a TensorBoard Event: \(error.message)")
        }
        if event.sessionStatus == .start {
            purge(fromStep: event.step)
        }
        guard !valueBuffer.isEmpty else { return }
        for value in valueBuffer {
            if let plugin = value.pluginName, pluginByTag[value.tag] == nil {
                pluginByTag[value.tag] = plugin
            }
            guard let scalar = value.scalar else { continue }
            if value.encoding == .tensor, let plugin = pluginByTag[value.tag], !plugin.isEmpty, plugin != "scalars" {
                continue
            }
            points += 1
            if points > maximumPoints {
                throw IngestError(.limitExceeded, at: SourceLocation(file: file, record: record.number, byteOffset: record.byteOffset),
                                  "run '\(name)' has more than \(maximumPoints) points: pass --max-points to raise the limit")
            }
            append(value.tag, step: event.step, value: scalar, file: file, record: record)
        }
    }

    private mutating func append(_ tag: String, step: Int, value: Double, file: String, record: TFRecord) {
        let index: Int
        if let known = indexByTag[tag] {
            index = known
        } else {
            index = series.count
            indexByTag[tag] = index
            tags.append(tag)
            series.append(Series())
            isOrdered.append(true)
        }
        if let last = series[index].steps.last, step <= last {
            isOrdered[index] = false
        }
        series[index].append(step: step, value: value, file: file, record: record.number, byteOffset: record.byteOffset)
    }

    /// Drops every point recorded so far at `step` or later (a START session log at `step`).
    private mutating func purge(fromStep step: Int) {
        for index in series.indices where series[index].steps.contains(where: { $0 >= step }) {
            var kept = Series()
            let old = series[index]
            for point in old.steps.indices where old.steps[point] < step {
                kept.append(pointOf: old, at: point)
            }
            series[index] = kept
        }
    }

    /// The run as a table: series sorted by step with the latest value of each step, empty series
    /// (all purged) left out.
    func table() -> SeriesTable {
        var table = SeriesTable(runName: name, format: .tensorboard, files: files,
                                headerLocation: SourceLocation(file: files.first ?? name))
        table.stepName = "step"
        for (index, tag) in tags.enumerated() where !series[index].steps.isEmpty {
            table.seriesNames.append(tag)
            table.series[tag] = isOrdered[index] ? series[index] : Self.sortedKeepingLatest(series[index])
        }
        return table
    }

    /// The points ordered by step; of several points at one step, the one recorded last.
    static func sortedKeepingLatest(_ points: Series) -> Series {
        // Recording order breaks ties, so the last of each equal-step run is the latest.
        let order = points.steps.indices.sorted {
            (points.steps[$0], $0) < (points.steps[$1], $1)
        }
        var result = Series()
        for (position, index) in order.enumerated() {
            let isLastOfStep = position + 1 == order.count || points.steps[order[position + 1]] != points.steps[index]
            if isLastOfStep {
                result.append(pointOf: points, at: index)
            }
        }
        return result
    }
}
