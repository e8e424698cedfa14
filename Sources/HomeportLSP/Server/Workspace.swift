// How the server scans a document: the bundled rules, the editor's settings and the
// `.homeport.yml` that `homeport scan` would use for the same file, reloaded when it changes.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

/// A configuration, catalog or settings mistake the user must see; the server keeps going.
struct EditorProblem: Equatable {
    /// The file at fault (a `.homeport.yml` or catalog), with the position when known.
    var file: String?
    var line: Int?
    var column: Int?
    /// One line: what is wrong and what the server does instead.
    var text: String

    init(_ problem: FileProblem, consequence: String, language: MessageLanguage) {
        file = problem.file
        line = problem.line
        column = problem.column
        text = EditorMessage.problemAndConsequence.format(
            language, ["problem": problem.description(in: language), "consequence": consequence])
    }

    init(text: String) {
        self.text = text
    }
}

/// What one scan of a document produced.
struct Analysis {
    var file: SourceFile
    var findings: [Finding]
    var advisor: MigrationAdvisor
    var rules: RuleSet

    /// The documentation of the rule a finding comes from (diagnostics link it, hovers show it).
    func documentationURI(of ruleID: String) -> String {
        rules.rule(id: ruleID)?.documentationURI ?? ToolInfo.ruleDocumentationURI(ruleID)
    }
}

final class Workspace {
    /// The bundled rules in `language`.
    private(set) var rules: RuleSet
    private let bundledRules: RuleSet
    /// The language of messages: the client's `locale` from `initialize`, else English.
    var language: MessageLanguage = .english {
        didSet {
            guard language != oldValue else { return }
            rules = bundledRules.localized(to: language)
            setups.removeAll()
        }
    }
    private let bundledCatalog: Catalog
    /// The folder the editor opened, for untitled buffers and relative settings paths.
    var root: String?
    private(set) var settings = ClientSettings()

    /// Everything scans under one configuration file share, made once per version of the files.
    private struct CachedSetup {
        var stamps: [FileStamp]
        var setup: Setup
        var problems: [EditorProblem]
    }

    /// By configuration file ("" for none).
    private var setups: [String: CachedSetup] = [:]

    init() throws {
        // The server scans the same files again at every edit: its model matchers remember.
        bundledRules = try RuleSet.bundled().rememberingModelClassifications()
        rules = bundledRules
        bundledCatalog = try Catalog.bundled()
    }

    /// Replaces the editor's settings; returns the settings it had to ignore.
    func update(settings value: JSONValue?) -> [LocalizedText] {
        let parsed = ClientSettings.parse(value, knownRules: Set(rules.rules.map(\.id)))
        if parsed.settings != settings {
            settings = parsed.settings
            setups.removeAll()
        }
        return parsed.problems
    }

    /// Forgets every loaded configuration (one was saved in the editor).
    func reloadConfigurations() {
        setups.removeAll()
    }

    /// The `.homeport.yml` that governs a document: the nearest one above its file, or above the
    /// workspace root for a buffer without a file.
    func configurationFile(for path: String?) -> String? {
        guard let folder = path ?? root else { return nil }
        return Setup.configurationFile(for: folder, override: nil, workingDirectory: root ?? "/").file
    }

    /// What `analyze` found out besides findings.
    struct Outcome {
        /// Nil when the configuration excludes the file or it is not in a language Homeport reads.
        var analysis: Analysis?
        /// The configuration file that governs the document ("" for none).
        var configuration: String
        /// What the user must be told.
        var problems: [EditorProblem]
    }

    /// Scans a document's text as `scan` would scan its file.
    func analyze(_ document: Document) -> Outcome {
        let configurationFile = configurationFile(for: document.path)
        let cached = self.setup(for: configurationFile)
        var outcome = Outcome(configuration: configurationFile ?? "", problems: cached.problems)
        guard let language = document.language else { return outcome }
        let file = SourceFile(path: document.path ?? document.uri, bytes: document.text, language: language)
        let scan = cached.setup.findings(in: file, absolutePath: document.path)
        if let reason = scan.frontendUnavailable {
            outcome.problems.append(EditorProblem(text: EditorMessage.clangMissing.format(self.language, ["reason": reason.description(in: self.language)])))
        }
        guard let findings = scan.findings else { return outcome }
        outcome.analysis = Analysis(file: file, findings: settings.apply(to: findings), advisor: cached.setup.advisor, rules: rules)
        return outcome
    }

    private func setup(for configurationFile: String?) -> CachedSetup {
        let key = configurationFile ?? ""
        if let cached = setups[key], cached.stamps.allSatisfy({ $0 == FileStamp($0.path) }) { return cached }
        let made = makeSetup(configurationFile)
        setups[key] = made
        return made
    }

    /// The core's setup for the documents under `configurationFile`, with its problems as the
    /// editor shows them: what went wrong and what the server does instead.
    private func makeSetup(_ configurationFile: String?) -> CachedSetup {
        let loaded = Setup.loadConfiguration(configurationFile, root: configurationFile.map(Path.parent(of:)) ?? root ?? "/")
        let options = Setup.Options(catalogFile: settings.catalog.map { Path.absolute($0, in: root ?? Path.currentDirectory) },
                                    target: settings.target, reportUnusedSuppressions: settings.reportUnusedSuppressions,
                                    language: language)
        // The bundled rules and catalog were loaded when the server started: they cannot fail here.
        let setup = try! Setup(configuration: loaded.configuration, options: options, rules: rules, catalog: bundledCatalog)
        let problems = (loaded.problem.map { [$0] } ?? []) + setup.problems
        return CachedSetup(stamps: setup.watchedFiles.map(FileStamp.init), setup: setup,
                           problems: problems.map { editorProblem($0, configurationFile: configurationFile, catalog: setup.catalog) })
    }

    private func editorProblem(_ problem: SetupProblem, configurationFile: String?, catalog: Catalog) -> EditorProblem {
        let consequence: EditorMessage
        switch problem.kind {
        case .configuration: consequence = .usingDefaultSettings
        case .catalogSection: consequence = .usingBuiltInCatalog
        case .catalogFile, .catalogFileUnreadable: consequence = .catalogSettingIgnored
        case .ruleSelection, .baseline, .since: return EditorProblem(text: problem.description(in: language))
        case .target:
            let origin = settings.target != nil ? EditorMessage.theTargetSetting.format(language)
                : configurationFile ?? EditorMessage.theConfiguration.format(language)
            return EditorProblem(text: EditorMessage.targetFallback.format(
                language, ["origin": origin, "error": problem.reason.text(in: language), "provider": catalog.defaultTarget]))
        }
        guard let located = problem.fileProblem else { return EditorProblem(text: problem.description(in: language)) }
        return EditorProblem(located, consequence: consequence.format(language), language: language)
    }
}

/// Enough of a file's metadata to notice that it changed (or appeared, or went away).
struct FileStamp: Equatable {
    var path: String
    var device: UInt64 = 0
    var inode: UInt64 = 0
    var size: Int64 = -1
    var modifiedSeconds: Int = 0
    var modifiedNanoseconds: Int = 0

    init(_ path: String) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
