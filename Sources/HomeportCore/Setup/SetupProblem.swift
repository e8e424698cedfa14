// What went wrong turning arguments or editor settings into a scan: typed, in both languages, and
// never fatal in the core (the command line exits on it, the editor shows it and keeps going).

public struct SetupProblem: BilingualError, Sendable, Equatable {
    /// Which step failed, and so what the setup used instead.
    public enum Kind: Sendable, Equatable {
        /// A `.homeport.yml` (or `--config`) could not be loaded: the defaults are used.
        case configuration
        /// `--rule`/`--ignore-rule` named an unknown rule: every rule is run.
        case ruleSelection
        /// The configuration's `catalog:` section is wrong: it is left out.
        case catalogSection
        /// The catalog file (`--catalog`, the editor's `catalog` setting) could not be read: it is left out.
        case catalogFileUnreadable
        /// The catalog file was read but is wrong: it is left out.
        case catalogFile
        /// The target provider is unknown or retired: the catalog's default is used.
        case target
        /// The baseline file could not be loaded: nothing is baselined.
        case baseline
        /// `--since` could not be resolved by git: nothing is filtered.
        case since
    }

    public var kind: Kind
    /// The file at fault, when there is one (a configuration, catalog or baseline file).
    public var file: String?
    /// The position in `file`, when known.
    public var line: Int?
    public var column: Int?
    /// What is wrong, without the file's name.
    public var reason: LocalizedText
    /// The one line a front door prints, in both languages.
    public var text: LocalizedText

    /// `error` as the problem of step `kind`; `file` is the file at fault when the error does not name one.
    public init(_ kind: Kind, _ error: any Error, file: String? = nil) {
        self.kind = kind
        if let problem = error as? FileProblem {
            self.file = problem.file
            line = problem.line
            column = problem.column
            reason = problem.text
        } else {
            self.file = file
            reason = SetupProblem.bilingual(error)
        }
        text = SetupProblem.bilingual(error)
    }

    /// A catalog file that could not be read at all: `{path}: {reason}`, with the path as given.
    static func unreadableCatalog(_ path: String, _ error: any Error) -> SetupProblem {
        var problem = SetupProblem(.catalogFileUnreadable, error, file: path)
        problem.text = CLIMessage.fileError.text.filled(["path": path], localized: ["error": problem.reason])
        return problem
    }

    public func description(in language: MessageLanguage) -> String { text.text(in: language) }

    /// The problem at its place in the file at fault (`file:line:column: reason`), for an editor's
    /// diagnostics and messages; nil when no file is at fault.
    public var fileProblem: FileProblem? {
        file.map { FileProblem(file: $0, line: line, column: column, text: reason) }
    }

    /// `error` as it describes itself in each language.
    static func bilingual(_ error: any Error) -> LocalizedText {
        LocalizedText(en: MessageLanguage.english.describe(error), zh: MessageLanguage.simplifiedChinese.describe(error))
    }
}
