/// The parts of one TensorBoard `Event` record that a learning-rate range test needs: its step,
/// wall time, session-log status, and (through a caller-owned buffer) its scalar summary values.
///
/// Decoded fields (`tensorboard/compat/proto/event.proto`):
///
///     message Event {
///       double wall_time = 1;  int64 step = 2;
///       oneof what { string file_version = 3; bytes graph_def = 4; Summary summary = 5;
///                    LogMessage log_message = 6; SessionLog session_log = 7; … }
///     }
///     message SessionLog { SessionStatus status = 1; … }   // START = 1
///
/// Every other field (graph, run metadata, the source_metadata of newer writers …) is skipped.
///
/// Edge cases:
/// - proto3 omits fields equal to their default: an event without field 2 is at step 0.
/// - Negative steps arrive as ten-byte varints and are kept as negative `Int`s.
/// - A value whose tag repeats within one event is reported twice, in order; the later one wins
///   when the reader stores it.
///
/// Reference: TensorBoard `tensorboard/compat/proto/event.proto`, `summary.proto`, `tensor.proto`,
/// `tensor_shape.proto`, `types.proto`.
struct TensorBoardEvent: Sendable {
    /// `SessionLog.SessionStatus`.
    enum SessionStatus: Sendable, Equatable {
        case unspecified, start, stop, checkpoint
        case other(UInt64)

        init(rawValue: UInt64) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .start
            case 2: self = .stop
            case 3: self = .checkpoint
            default: self = .other(rawValue)
            }
        }
    }

    /// Seconds since the Unix epoch when the event was written.
    var wallTime: Double = 0
    /// The global step the event belongs to.
    var step: Int = 0
    /// The status of the event's `session_log`, when it has one.
    var sessionStatus: SessionStatus?

    /// Decodes one record payload; appends its summary values that carry a scalar or plugin
    /// metadata to `values` (which the caller empties and reuses, so records cost no allocation).
    /// - Throws: ``ProtobufDecodingError`` with the offset in `data` of the malformed bytes.
    static func decode(_ data: UnsafeRawBufferPointer,
                       values: inout [TensorBoardSummaryValue]) throws(ProtobufDecodingError) -> TensorBoardEvent {
        var event = TensorBoardEvent()
        var reader = ProtobufReader(data)
        while let (field, wireType) = try reader.nextField() {
            switch field {
            case 1:
                guard wireType == .fixed64 else { throw reader.wrongWireType(wireType, field: field, expected: "1 (double wall_time)") }
                event.wallTime = Double(bitPattern: try reader.readFixed64())
            case 2:
                guard wireType == .varint else { throw reader.wrongWireType(wireType, field: field, expected: "0 (int64 step)") }
                event.step = Int(truncatingIfNeeded: try reader.readVarint())
            case 5:
                guard wireType == .lengthDelimited else { throw reader.wrongWireType(wireType, field: field, expected: "2 (Summary)") }
                var summary = try reader.readMessage()
                try decodeSummary(&summary, into: &values)
            case 7:
                guard wireType == .lengthDelimited else { throw reader.wrongWireType(wireType, field: field, expected: "2 (SessionLog)") }
                var sessionLog = try reader.readMessage()
                var status = SessionStatus.unspecified
                while let (logField, logWireType) = try sessionLog.nextField() {
                    if logField == 1 && logWireType == .varint {
                        status = SessionStatus(rawValue: try sessionLog.readVarint())
                    } else {
                        try sessionLog.skip(logWireType)
                    }
                }
                event.sessionStatus = status
            default:
                try reader.skip(wireType)
            }
        }
        return event
    }

    /// `Summary { repeated Value value = 1; }`.
    private static func decodeSummary(_ summary: inout ProtobufReader,
                                      into values: inout [TensorBoardSummaryValue]) throws(ProtobufDecodingError) {
        while let (field, wireType) = try summary.nextField() {
            guard field == 1 else { try summary.skip(wireType); continue }
            guard wireType == .lengthDelimited else { throw summary.wrongWireType(wireType, field: field, expected: "2 (Summary.Value)") }
            var value = try summary.readMessage()
            if let decoded = try TensorBoardSummaryValue.decode(&value) {
                values.append(decoded)
            }
        }
    }
}

/// One `Summary.Value` of an event: its tag and, when it is a scalar, its value.
///
///     message Value {
///       string node_name = 7;  string tag = 1;  SummaryMetadata metadata = 9;
///       oneof value { float simple_value = 2; bytes obsolete_old_style_histogram = 3; Image image = 4;
///                     HistogramProto histo = 5; Audio audio = 6; TensorProto tensor = 8; }
///     }
///
/// Scalars come in three encodings, all accepted: `simple_value` (TF1 `tf.summary.scalar`, PyTorch
/// `add_scalar`), and a one-element `tensor` holding it either in `float_val`/`double_val`/`half_val`
/// or as raw little-endian bytes in `tensor_content` (TF2 `tf.summary.scalar`, `new_style` PyTorch).
/// Images, audio, histograms, and tensors that are not one element of a floating type are not scalars.
///
/// Reference: TensorBoard `summary.proto`, `tensor.proto`; `tensorboard/util/tensor_util.py` (`make_ndarray`).
struct TensorBoardSummaryValue: Sendable {
    /// How the scalar was stored.
    enum Encoding: Sendable, Equatable {
        case simpleValue, tensor
    }

    var tag: String
    /// The scalar, widened exactly to `Double`; `nil` when the value is not a scalar.
    var scalar: Double?
    var encoding: Encoding?
    /// `metadata.plugin_data.plugin_name` when the value has metadata (writers often send it only
    /// with a tag's first value).
    var pluginName: String?

    /// Decodes a `Summary.Value`; `nil` when it has neither a scalar nor metadata (nothing to record).
    static func decode(_ reader: inout ProtobufReader) throws(ProtobufDecodingError) -> TensorBoardSummaryValue? {
        var tag = ""
        var nodeName = ""
        var scalar: Double?
        var encoding: Encoding?
        var pluginName: String?
        while let (field, wireType) = try reader.nextField() {
            switch field {
            case 1:
                guard wireType == .lengthDelimited else { throw reader.wrongWireType(wireType, field: field, expected: "2 (string tag)") }
                tag = try reader.readString()
            case 2:
                guard wireType == .fixed32 else { throw reader.wrongWireType(wireType, field: field, expected: "5 (float simple_value)") }
                scalar = Double(Float(bitPattern: try reader.readFixed32()))
                encoding = .simpleValue
            case 7:
                guard wireType == .lengthDelimited else { throw reader.wrongWireType(wireType, field: field, expected: "2 (string node_name)") }
                nodeName = try reader.readString()
            case 8:
                guard wireType == .lengthDelimited else { throw reader.wrongWireType(wireType, field: field, expected: "2 (TensorProto)") }
                var tensor = try reader.readMessage()
                scalar = try TensorScalar.decode(&tensor)
                encoding = scalar == nil ? nil : .tensor
            case 9:
                guard wireType == .lengthDelimited else { throw reader.wrongWireType(wireType, field: field, expected: "2 (SummaryMetadata)") }
                var metadata = try reader.readMessage()
                pluginName = try decodePluginName(&metadata)
            case 3, 4, 5, 6:
                // Another member of the `value` oneof: the last one on the wire wins.
                try reader.skip(wireType)
                scalar = nil
                encoding = nil
            default:
                try reader.skip(wireType)
            }
        }
        guard scalar != nil || pluginName != nil else { return nil }
        // Very old TF1 writers set only `node_name`; EventAccumulator falls back to it likewise.
        return TensorBoardSummaryValue(tag: tag.isEmpty ? nodeName : tag, scalar: scalar, encoding: encoding,
                                       pluginName: pluginName)
    }

    /// `SummaryMetadata { PluginData plugin_data = 1; … }`, `PluginData { string plugin_name = 1; bytes content = 2; }`.
    private static func decodePluginName(_ metadata: inout ProtobufReader) throws(ProtobufDecodingError) -> String {
        var name = ""
        while let (field, wireType) = try metadata.nextField() {
            guard field == 1, wireType == .lengthDelimited else { try metadata.skip(wireType); continue }
            var pluginData = try metadata.readMessage()
            while let (dataField, dataWireType) = try pluginData.nextField() {
                if dataField == 1 && dataWireType == .lengthDelimited {
                    name = try pluginData.readString()
                } else {
                    try pluginData.skip(dataWireType)
                }
            }
        }
        return name
    }
}

/// The value of a `TensorProto` that holds one floating-point element.
///
///     message TensorProto {
///       DataType dtype = 1;  TensorShapeProto tensor_shape = 2;  bytes tensor_content = 4;
///       repeated int32 half_val = 13 [packed = true];  repeated float float_val = 5 [packed = true];
///       repeated double double_val = 6 [packed = true];  …
///     }
///     message TensorShapeProto { repeated Dim dim = 2; bool unknown_rank = 3; }   Dim { int64 size = 1; }
///
/// Edge cases:
/// - One element means rank 0 (no `dim`) or every dimension of size 1 (`[1]`, `[1, 1]`); an unknown
///   rank, a zero or several elements are not scalars (`nil`).
/// - `tensor_content` wins over the typed fields when non-empty, as in TensorFlow; it must then hold
///   exactly one element (4 bytes for DT_FLOAT, 8 for DT_DOUBLE, 2 for DT_HALF), else the record is
///   malformed.
/// - Typed values may be packed or not; a scalar with no value at all is 0 (TensorFlow pads missing
///   values with zeros); more than one value for one element is not a scalar.
/// - Only DT_FLOAT (1), DT_DOUBLE (2) and DT_HALF (19) are read; integer, string and other dtypes
///   are not scalars here.
///
/// Reference: TensorBoard `tensor.proto`, `tensor_shape.proto`, `types.proto`; `tensor_util.make_ndarray`.
enum TensorScalar {
    static let dtFloat: UInt64 = 1
    static let dtDouble: UInt64 = 2
    static let dtHalf: UInt64 = 19

    /// The tensor's one floating-point element, or `nil` when it is not such a scalar.
    static func decode(_ tensor: inout ProtobufReader) throws(ProtobufDecodingError) -> Double? {
        var dtype: UInt64 = 0
        var isOneElement = true
        var content: UnsafeRawBufferPointer?
        var contentOffset = 0
        var firstFloat: Float?, floatCount = 0
        var firstDouble: Double?, doubleCount = 0
        var firstHalf: UInt16?, halfCount = 0
        while let (field, wireType) = try tensor.nextField() {
            switch field {
            case 1:
                guard wireType == .varint else { throw tensor.wrongWireType(wireType, field: field, expected: "0 (DataType dtype)") }
                dtype = try tensor.readVarint()
            case 2:
                guard wireType == .lengthDelimited else { throw tensor.wrongWireType(wireType, field: field, expected: "2 (TensorShapeProto)") }
                var shape = try tensor.readMessage()
                isOneElement = try hasOneElement(&shape)
            case 4:
                guard wireType == .lengthDelimited else { throw tensor.wrongWireType(wireType, field: field, expected: "2 (bytes tensor_content)") }
                contentOffset = tensor.position
                content = try tensor.readBytes()
            case 5:
                try tensor.forEachFixed32(field: field, wireType: wireType) { bits in
                    if floatCount == 0 { firstFloat = Float(bitPattern: bits) }
                    floatCount += 1
                }
            case 6:
                try tensor.forEachFixed64(field: field, wireType: wireType) { bits in
                    if doubleCount == 0 { firstDouble = Double(bitPattern: bits) }
                    doubleCount += 1
                }
            case 13:
                try tensor.forEachVarint(field: field, wireType: wireType) { bits in
                    if halfCount == 0 { firstHalf = UInt16(truncatingIfNeeded: bits) }
                    halfCount += 1
                }
            default:
                try tensor.skip(wireType)
            }
        }
        guard isOneElement else { return nil }
        let elementSize: Int
        switch dtype {
        case dtFloat: elementSize = 4
        case dtDouble: elementSize = 8
        case dtHalf: elementSize = 2
        default: return nil
        }
        if let content, !content.isEmpty {
            guard content.count == elementSize else {
                throw ProtobufDecodingError(offset: contentOffset,
                                            message: "tensor_content holds \(content.count) bytes, expected \(elementSize) for one element of dtype \(dtype)")
            }
            switch dtype {
            case dtFloat: return Double(Float(bitPattern: UInt32(littleEndian: content.loadUnaligned(as: UInt32.self))))
            case dtDouble: return Double(bitPattern: UInt64(littleEndian: content.loadUnaligned(as: UInt64.self)))
            default: return halfToDouble(UInt16(littleEndian: content.loadUnaligned(as: UInt16.self)))
            }
        }
        switch dtype {
        case dtFloat:
            guard floatCount <= 1 else { return nil }
            return Double(firstFloat ?? 0)
        case dtDouble:
            guard doubleCount <= 1 else { return nil }
            return firstDouble ?? 0
        default:
            guard halfCount <= 1 else { return nil }
            return halfToDouble(firstHalf ?? 0)
        }
    }

    /// Whether a `TensorShapeProto` describes exactly one element.
    private static func hasOneElement(_ shape: inout ProtobufReader) throws(ProtobufDecodingError) -> Bool {
        var oneElement = true
        while let (field, wireType) = try shape.nextField() {
            switch (field, wireType) {
            case (2, .lengthDelimited):
                var dim = try shape.readMessage()
                var size: UInt64 = 0
                while let (dimField, dimWireType) = try dim.nextField() {
                    if dimField == 1 && dimWireType == .varint {
                        size = try dim.readVarint()
                    } else {
                        try dim.skip(dimWireType)
                    }
                }
                if size != 1 { oneElement = false }
            case (3, .varint):
                if try shape.readVarint() != 0 { oneElement = false }
            default:
                try shape.skip(wireType)
            }
        }
        return oneElement
    }

    /// An IEEE 754 binary16 bit pattern as a `Double` (exact: every half is a double).
    static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 0x1F: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
