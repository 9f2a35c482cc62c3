import Foundation

/// Phase timings on standard error when `LRSCOPE_TIMINGS` is set (for benchmarks that compare the
/// work itself, as the Python references time theirs, without process start-up): one line
/// `timing PHASE SECONDS` per phase.
enum Timings {
    static let enabled = ProcessInfo.processInfo.environment["LRSCOPE_TIMINGS"] != nil

    static func measure<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            Output.writeStandardError("timing \(phase) \(seconds)\n")
        }
        return try body()
    }
}
