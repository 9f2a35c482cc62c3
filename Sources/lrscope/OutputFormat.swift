/// The output format of a subcommand (`--format`); the input's format is `--input-format`.
enum OutputFormat: String, CaseIterable {
    case csv, json, table

    static func parse(_ text: String?, default fallback: OutputFormat, subcommand: String) throws(UsageError) -> OutputFormat {
        guard let text else { return fallback }
        guard let format = OutputFormat(rawValue: text) else {
            let names = allCases.map(\.rawValue)
            throw UsageError("invalid --format '\(text)': expected one of \(names.joined(separator: ", ")).\(DidYouMean.hint(for: text, among: names))",
                             subcommand: subcommand)
        }
        return format
    }
}
