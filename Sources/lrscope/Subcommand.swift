/// One `lrscope` subcommand: its help, its options, and what it does.
protocol Subcommand: Sendable {
    static var name: String { get }
    /// One line for the tool's subcommand list.
    static var abstract: String { get }
    /// The OVERVIEW paragraph: what it does, and what it costs.
    static var overview: String { get }
    static var usage: String { get }
    static var arguments: [(String, String)] { get }
    static var options: [OptionSpec] { get }
    /// Runs on scanned arguments. Throws ``UsageError`` for usage problems, anything else for bad input.
    static func run(_ scanned: ScannedArguments) throws
}

extension Subcommand {
    /// The `--help` text: OVERVIEW, USAGE, ARGUMENTS, OPTIONS.
    static var help: String {
        var text = "OVERVIEW: \(overview)\n\nUSAGE: \(usage)\n"
        if !arguments.isEmpty {
            text += "\nARGUMENTS:\n"
            for (name, help) in arguments { text += HelpText.entry(name, help) }
        }
        text += "\nOPTIONS:\n"
        for option in options {
            let names = option.names.reversed().joined(separator: ", ")
            text += HelpText.entry(option.valueName.map { "\(names) <\($0)>" } ?? names, option.help)
        }
        text += HelpText.entry("-h, --help", "Show help information.")
        return text
    }
}

enum HelpText {
    /// An indented, wrapped help entry.
    static func entry(_ name: String, _ help: String) -> String {
        let column = 28
        var text = "  " + name
        let words = help.split(separator: " ")
        var lines: [String] = []
        var current = ""
        for word in words {
            if current.count + word.count + 1 > 80 - column && !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        if text.count + 2 > column {
            text += "\n" + String(repeating: " ", count: column)
        } else {
            text += String(repeating: " ", count: column - text.count)
        }
        text += lines.joined(separator: "\n" + String(repeating: " ", count: column)) + "\n"
        return text
    }
}
