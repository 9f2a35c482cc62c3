@preconcurrency internal import CGSL

/// A failure reported by GSL, turned into a typed Swift error.
///
/// Every GSL status in lrscope goes through ``GSLError/check(_:_:)``; no `Int32` status escapes
/// this target. GSL's default handler, which aborts the process, is switched off once by
/// ``GSL/initialize()`` before any call.
public struct GSLError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What kind of failure GSL reported.
    public enum Kind: Equatable, Sendable {
        case domain, range, invalidArgument, badLength, singular, noMemory, maxIterations, other(Int)
    }

    public let kind: Kind
    /// GSL's own explanation (`gsl_strerror`) and the routine that failed.
    public let reason: String

    public var description: String { reason }

    /// Converts a GSL status into `Void` or a thrown ``GSLError``.
    /// - Parameters:
    ///   - status: the value a GSL routine returned.
    ///   - routine: the routine's name, for the message.
    static func check(_ status: Int32, _ routine: String) throws(GSLError) {
        guard status != GSL_SUCCESS else { return }
        let kind: Kind
        switch Int(status) {
        case Int(GSL_EDOM): kind = .domain
        case Int(GSL_ERANGE): kind = .range
        case Int(GSL_EINVAL): kind = .invalidArgument
        case Int(GSL_EBADLEN): kind = .badLength
        case Int(GSL_ESING): kind = .singular
        case Int(GSL_ENOMEM): kind = .noMemory
        case Int(GSL_EMAXITER): kind = .maxIterations
        default: kind = .other(Int(status))
        }
        let text = String(cString: gsl_strerror(status))
        throw GSLError(kind: kind, reason: "\(routine): \(text)")
    }
}

/// The process-wide GSL set-up.
public enum GSL {
    /// Switches GSL's abort-on-error handler off, once (globals are initialised lazily, once).
    private static let handlerOff: Void = { _ = gsl_set_error_handler_off() }()

    /// Call at every public entry point that reaches GSL.
    @inline(__always)
    public static func initialize() { _ = handlerOff }

    /// The GSL version this binary was built against, e.g. "2.7.1".
    public static var version: String { String(cString: gsl_version) }
}
