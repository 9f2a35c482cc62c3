import Foundation
import LRIngest
import LRNumerics
import LRReport

/// The `lrscope` tool: dispatches to subcommands, prints help and errors, and sets the exit code.
@main
enum LRScope {
    static let version = "0.1.0"
    static let subcommands: [any Subcommand.Type] = [InspectCommand.self, ExportCommand.self, SmoothCommand.self, SuggestCommand.self, BandsCommand.self, CalibrateCommand.self, CompareCommand.self, StudyCommand.self, ReportCommand.self]

    static var overview: String {
        var text = """
            OVERVIEW: Statistics of learning-rate range tests (LR finders): read every framework's logs, \
            recover the raw per-batch losses, and report what the curve holds.

            USAGE: lrscope <subcommand> [options]

            SUBCOMMANDS:

            """
        for command in subcommands { text += HelpText.entry(command.name, command.abstract) }
        text += "\nOPTIONS:\n"
        text += HelpText.entry("--version", "Show the version.")
        text += HelpText.entry("-h, --help", "Show help information.")
        text += "\n  See 'lrscope help <subcommand>' for detailed help.\n"
        return text
    }

    static func main() {
        signal(SIGPIPE, SIG_IGN)
        exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs the tool on arguments; returns the exit code.
    static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            Output.writeStandardOutput(overview)
            return ExitCode.success
        }
        switch first {
        case "-h", "--help":
            Output.writeStandardOutput(overview)
            return ExitCode.success
        case "--version":
            Output.writeStandardOutput("lrscope \(version) (GSL \(GSL.version))\n")
            return ExitCode.success
        case "help":
            guard arguments.count > 1 else { Output.writeStandardOutput(overview); return ExitCode.success }
            guard let command = subcommands.first(where: { $0.name == arguments[1] }) else {
                return usageFailure(UsageError("unknown subcommand '\(arguments[1])'.\(DidYouMean.hint(for: arguments[1], among: subcommands.map { $0.name }))"))
            }
            Output.writeStandardOutput(command.help)
            return ExitCode.success
        default:
            break
        }
        guard let command = subcommands.first(where: { $0.name == first }) else {
            let what = first.hasPrefix("-") ? "option" : "subcommand"
            let candidates = first.hasPrefix("-") ? ["--help", "--version"] : subcommands.map { $0.name }
            return usageFailure(UsageError("unknown \(what) '\(first)'.\(DidYouMean.hint(for: first, among: candidates))"))
        }
        let scanned: ScannedArguments
        do {
            scanned = try ArgumentScanner.scan(Array(arguments.dropFirst()), options: command.options, subcommand: command.name)
        } catch {
            return usageFailure(error)
        }
        if scanned.helpRequested {
            Output.writeStandardOutput(command.help)
            return ExitCode.success
        }
        return execute(command, scanned)
    }

    /// Runs a subcommand, mapping usage errors to 64 and every other error to 1.
    private static func execute(_ command: any Subcommand.Type, _ scanned: ScannedArguments) -> Int32 {
        do {
            try command.run(scanned)
            return ExitCode.success
        } catch {
            if let usage = error as? UsageError { return usageFailure(usage) }
            Output.writeStandardError("Error: \(error)\n")
            return ExitCode.failure
        }
    }

    private static func usageFailure(_ error: UsageError) -> Int32 {
        let usage = error.subcommand.flatMap { name in subcommands.first { $0.name == name } }?.usage ?? "lrscope <subcommand> [options]"
        let helpHint = error.subcommand.map { "lrscope \($0) --help" } ?? "lrscope --help"
        Output.writeStandardError("Error: \(error.message)\nUsage: \(usage)\n  See '\(helpHint)' for more information.\n")
        return ExitCode.usage
    }
}
