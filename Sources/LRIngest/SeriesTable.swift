import LRCore

/// One named series of a run as a reader found it: values by logged step, each with its location.
///
/// Locations are kept compactly: text readers record a line number per point (the file and field are
/// the series'), binary readers a record number and byte offset, others a full ``SourceLocation``; one
/// form per series, and ``location(at:)`` gives it back. A multi-million-point series costs about 20
/// to 30 bytes a point.
public struct Series: Sendable {
    public var steps: [Int] = []
    public var values: [Double] = []
    // One of three compact forms per series, by how its reader locates points.
    private var lines: [Int32] = []
    private var records: [Int32] = []
    private var byteOffsets: [Int] = []
    private var explicit: [SourceLocation] = []
    private var file = ""
    private var field: Int?

    public init() {}

    public mutating func append(step: Int, value: Double, at location: SourceLocation) {
        if explicit.isEmpty && !steps.isEmpty {
            // A series that changes form keeps full locations from here on.
            explicit = locations
            lines = []
            records = []
            byteOffsets = []
        }
        steps.append(step)
        values.append(value)
        explicit.append(location)
    }

    /// Appends a point read from line `line` of `file`, field `field` (1-based).
    public mutating func append(step: Int, value: Double, file: String, line: Int, field: Int) {
        guard explicit.isEmpty, records.isEmpty, steps.isEmpty || (file == self.file && field == self.field) else {
            return append(step: step, value: value, at: SourceLocation(file: file, line: line, field: field))
        }
        if steps.isEmpty { self.file = file; self.field = field }
        steps.append(step)
        values.append(value)
        lines.append(Int32(clamping: line))
    }

    /// Appends a point read from record `record` of a binary `file`, starting at `byteOffset`.
    public mutating func append(step: Int, value: Double, file: String, record: Int, byteOffset: Int) {
        guard explicit.isEmpty, lines.isEmpty, steps.isEmpty || file == self.file else {
            return append(step: step, value: value, at: SourceLocation(file: file, record: record, byteOffset: byteOffset))
        }
        if steps.isEmpty { self.file = file }
        steps.append(step)
        values.append(value)
        records.append(Int32(clamping: record))
        byteOffsets.append(byteOffset)
    }

    /// Appends point `i` of `other`, keeping its location (and its compact form when it can).
    public mutating func append(pointOf other: Series, at i: Int) {
        if !other.records.isEmpty {
            append(step: other.steps[i], value: other.values[i], file: other.file, record: Int(other.records[i]), byteOffset: other.byteOffsets[i])
        } else if !other.lines.isEmpty {
            append(step: other.steps[i], value: other.values[i], file: other.file, line: Int(other.lines[i]), field: other.field ?? 0)
        } else {
            append(step: other.steps[i], value: other.values[i], at: other.location(at: i))
        }
    }

    /// Where point `i` was read.
    public func location(at i: Int) -> SourceLocation {
        if !explicit.isEmpty { return explicit[i] }
        if !records.isEmpty { return SourceLocation(file: file, record: Int(records[i]), byteOffset: byteOffsets[i]) }
        return SourceLocation(file: file, line: Int(lines[i]), field: field)
    }

    /// The number of points.
    public var count: Int { steps.count }

    /// Every point's location.
    public var locations: [SourceLocation] { (0..<count).map(location(at:)) }
}

/// What a reader knows about the layout that helps decide what the stored losses are.
public enum LayoutHint: Sendable, Equatable {
    case none
    /// A JSON object of parallel `lr` and `loss` arrays: torch-lr-finder's `history.json` or
    /// Lightning's `lr_finder.results`.
    case historyJSON
    /// A two-column `lr,loss` table: fastai's recorder export.
    case recorderCSV
    /// Keras batch logs: running means per epoch, with each logged step's batch index in its epoch
    /// (empty when the log has no `batch` column: one epoch).
    case kerasBatchLog(batchIndexByStep: [Int: Int])
}

/// A run's series as read from one or more files, before the learning-rate and loss series are
/// chosen and paired by step (``CurveAssembler``).
public struct SeriesTable: Sendable {
    public var runName: String
    public var format: LogFormat
    public var files: [String]
    /// Series by name, in the order the log lists them.
    public var seriesNames: [String] = []
    public var series: [String: Series] = [:]
    /// The step column or key, when the log has one (else steps are row positions).
    public var stepName: String?
    public var hint: LayoutHint = .none
    public var warnings: [String] = []
    /// Where the table as a whole is (for "missing column" messages): usually the header line.
    public var headerLocation: SourceLocation

    public init(runName: String, format: LogFormat, files: [String], headerLocation: SourceLocation) {
        self.runName = runName
        self.format = format
        self.files = files
        self.headerLocation = headerLocation
    }

    /// Adds a value to the named series, creating it in order of first appearance.
    public mutating func append(_ name: String, step: Int, value: Double, at location: SourceLocation) {
        if series[name] == nil {
            seriesNames.append(name)
            series[name] = Series()
        }
        series[name]!.append(step: step, value: value, at: location)
    }
}
