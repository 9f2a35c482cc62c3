/// One factor of a repeated-seed study and the runs in which only it varies (`--factor NAME=REGEX`).
///
/// In the corpus digits study, `data=sameinit` selects runs with identical initial weights and
/// different data orders (only the data order varies), `init=samedata` the reverse. The between-run
/// variance of each group is that factor's contribution to the run-to-run spread.
public struct StudyFactor: Sendable {
    /// The factor's name as the user gave it (`data`, `init`).
    public let name: String
    /// The runs whose name or path matches this pattern form the factor's group.
    public let pattern: RunPattern

    public init(name: String, pattern: RunPattern) {
        self.name = name
        self.pattern = pattern
    }

    /// Builds a factor from its name and the text of its regular expression.
    /// - Throws: ``StudyError`` (`invalidPattern`) for a pattern that does not compile.
    public init(name: String, pattern: String) throws(StudyError) {
        self.init(name: name, pattern: try RunPattern(pattern))
    }
}
