// How the server scans a document: the bundled rules, the editor's settings and the
// `.homeport.yml` that `homeport scan` would use for the same file, reloaded when it changes.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

/// A configuration, catalog or settings mistake the user must see; the server keeps going.
struct SetupProblem: Equatable {
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
    private struct Setup {
        var stamps: [FileStamp]
        var configuration: Configuration
        var scanner: Scanner
        var advisor: MigrationAdvisor
        var problems: [SetupProblem]
    }

    /// By configuration file ("" for none).
    private var setups: [String: Setup] = [:]

    init() throws {
        bundledRules = try RuleSet.bundled()
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
        return ConfigLoader.nearest(from: folder)
    }

    /// What `analyze` found out besides findings.
    struct Outcome {
        /// Nil when the configuration excludes the file or it is not in a language Homeport reads.
        var analysis: Analysis?
        /// The configuration file that governs the document ("" for none).
        var configuration: String
        /// What the user must be told.
        var problems: [SetupProblem]
    }

    /// Scans a document's text as `scan` would scan its file.
    func analyze(_ document: Document) -> Outcome {
        let configurationFile = configurationFile(for: document.path)
        let setup = self.setup(for: configurationFile)
        var outcome = Outcome(configuration: configurationFile ?? "", problems: setup.problems)
        if let path = document.path, !setup.configuration.admits(path) { return outcome }
        guard let language = document.language, !document.text.prefix(8192).contains(0) else { return outcome }
        let file = SourceFile(path: document.path ?? document.uri, bytes: document.text, language: language)
        if let reason = Scanner.frontendUnavailability(for: language) {
            outcome.problems.append(SetupProblem(text: EditorMessage.clangMissing.format(self.language, ["reason": reason.description(in: self.language)])))
            return outcome
        }
        var findings = setup.scanner.scan(file).findings
        findings = setup.configuration.apply(to: findings, absolutePath: { _ in file.path })
        findings = settings.apply(to: findings)
        outcome.analysis = Analysis(file: file, findings: findings, advisor: setup.advisor, rules: rules)
        return outcome
    }

    private func setup(for configurationFile: String?) -> Setup {
        let key = configurationFile ?? ""
        if let cached = setups[key], cached.stamps.allSatisfy({ $0 == FileStamp($0.path) }) { return cached }
        let made = makeSetup(configurationFile)
        setups[key] = made
        return made
    }

    private func makeSetup(_ configurationFile: String?) -> Setup {
        var problems: [SetupProblem] = []
        var configuration = Configuration(root: configurationFile.map(Path.parent(of:)) ?? root ?? "/")
        var watched = configurationFile.map { [$0] } ?? []
        if let configurationFile {
            do {
                configuration = try ConfigLoader.load(configurationFile, root: Path.parent(of: configurationFile))
                watched = configuration.files
            } catch {
                problems.append(problem(error, file: configurationFile,
                                        consequence: EditorMessage.usingDefaultSettings.format(language)))
            }
        }
        var catalog = bundledCatalog
        if let section = configuration.catalog {
            do {
                catalog = catalog.adding(try Catalog.loadAdditions(section))
            } catch {
                problems.append(problem(error, file: section.file, consequence: EditorMessage.usingBuiltInCatalog.format(language)))
            }
        }
        if let file = settings.catalog.map({ Path.absolute($0, in: root ?? Path.currentDirectory) }) {
            watched.append(file)
            do {
                let text = String(decoding: try TreeScan.readFile(file), as: UTF8.self)
                catalog = catalog.adding(try Catalog.loadAdditions(text, file: file))
            } catch {
                problems.append(problem(error, file: file, consequence: EditorMessage.catalogSettingIgnored.format(language)))
            }
        }
        let advisor: MigrationAdvisor
        do {
            advisor = try MigrationAdvisor(catalog: catalog, targetID: settings.target ?? configuration.target,
                                           language: language)
        } catch {
            let origin = settings.target != nil ? EditorMessage.theTargetSetting.format(language)
                : configurationFile ?? EditorMessage.theConfiguration.format(language)
            problems.append(SetupProblem(text: EditorMessage.targetFallback.format(
                language, ["origin": origin, "error": language.describe(error), "provider": catalog.defaultTarget])))
            advisor = try! MigrationAdvisor(catalog: catalog, targetID: nil, language: language)
        }
        let scanner = Scanner(rules: rules, options: ScanOptions(reportUnusedSuppressions: settings.reportUnusedSuppressions,
                                                                 language: language),
                              advisor: advisor)
        return Setup(stamps: watched.map(FileStamp.init), configuration: configuration, scanner: scanner,
                     advisor: advisor, problems: problems)
    }

    private func problem(_ error: any Error, file: String, consequence: String) -> SetupProblem {
        SetupProblem((error as? FileProblem) ?? FileProblem(file: file, text: LocalizedText(untranslated: language.describe(error))),
                     consequence: consequence, language: language)
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
