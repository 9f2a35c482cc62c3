/// One option a subcommand accepts.
struct OptionSpec {
    /// Spellings, long first: ["--output", "-o"].
    let names: [String]
    /// The value's placeholder (`FILE`), or `nil` for a flag.
    let valueName: String?
    let help: String

    var isFlag: Bool { valueName == nil }
    var primaryName: String { names[0] }

    init(_ names: [String], value: String? = nil, help: String) {
        self.names = names
        self.valueName = value
        self.help = help
    }
}

/// The scanned command line of one subcommand: option values by primary name, and positionals.
struct ScannedArguments {
    var values: [String: String] = [:]
    /// Every value of each option, in command-line order (for repeatable options such as `--factor`).
    var allValues: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []
    var helpRequested = false

    /// The option's value; the last one when it was given more than once.
    func value(_ name: String) -> String? { values[name] }
    /// Every value the option was given, in order (empty when absent).
    func values(_ name: String) -> [String] { allValues[name] ?? [] }
    func isSet(_ flag: String) -> Bool { flags.contains(flag) }
}

/// Scans arguments against a list of options: `--name value`, `--name=value`, `-o value`, flags,
/// `--` (the rest are positionals), and `-` (a positional: standard input).
///
/// Unknown options are usage errors with a "did you mean" suggestion; a missing value names the
/// option and its placeholder. A repeated option keeps its last value in `values`; `allValues` keeps
/// them all, in order.
enum ArgumentScanner {
    static func scan(_ arguments: [String], options: [OptionSpec], subcommand: String) throws(UsageError) -> ScannedArguments {
        var result = ScannedArguments()
        var byName: [String: OptionSpec] = [:]
        for option in options { for name in option.names { byName[name] = option } }
        var i = 0
        var onlyPositionals = false
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") || Double(argument) != nil {
                result.positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            if argument == "-h" || argument == "--help" { result.helpRequested = true; continue }
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = byName[name] else {
                let known = options.flatMap(\.names) + ["--help"]
                throw UsageError("unknown option '\(name)'.\(DidYouMean.hint(for: name, among: known))", subcommand: subcommand)
            }
            if option.isFlag {
                if inlineValue != nil { throw UsageError("option '\(name)' takes no value", subcommand: subcommand) }
                result.flags.insert(option.primaryName)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard i < arguments.count else {
                    throw UsageError("missing value for '\(name) <\(option.valueName!)>'", subcommand: subcommand)
                }
                value = arguments[i]
                i += 1
            }
            result.values[option.primaryName] = value
            result.allValues[option.primaryName, default: []].append(value)
        }
        return result
    }
}
