/// A parsed JSON value, with the 1-based line each value starts on (for error messages).
///
/// Objects keep their keys in order. Numbers are `Double`; Python's `json.dump` bare tokens `NaN`,
/// `Infinity` and `-Infinity` are accepted (torch-lr-finder and Lightning histories hold them when
/// the loss diverges).
indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue], lines: [Int])
    case object([(key: String, value: JSONValue, line: Int)])

    /// The value for a key of an object.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short name of the value's kind, for messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
