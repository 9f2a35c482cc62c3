/// A problem with how the command was called: printed as `Error: …` plus the usage line, exit 64.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    /// The subcommand whose usage to show (`nil`: the tool's).
    var subcommand: String?

    init(_ message: String, subcommand: String? = nil) {
        self.message = message
        self.subcommand = subcommand
    }

    var description: String { message }
}

/// Exit codes of `../shared/CLI.md`.
enum ExitCode {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
}
