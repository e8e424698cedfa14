// One setup for every front door: a configuration plus the command line's options or the editor's
// settings become rules, a catalog, an advisor for the target and a scanner. Mistakes come back as
// problems, each with what was used instead; the front door decides whether one ends the process.

public struct Setup: Sendable {
    /// What the front door asks for (command-line options, or the editor's settings).
    public struct Options: Sendable, Equatable {
        /// A catalog file adding to or overriding the built-in catalog, as the user named it.
        public var catalogFile: String?
        /// The provider to migrate to; else the configuration's `target:`, else the catalog's default.
        public var target: String?
        /// `--rule` / `--ignore-rule`.
        public var onlyRules: [String]
        public var ignoredRules: [String]
        public var reportUnusedSuppressions: Bool
        public var usePrefilter: Bool
        /// The language of rule texts, suggestions and problems.
        public var language: MessageLanguage

        public init(catalogFile: String? = nil, target: String? = nil, onlyRules: [String] = [], ignoredRules: [String] = [],
                    reportUnusedSuppressions: Bool = false, usePrefilter: Bool = true, language: MessageLanguage = .english) {
            self.catalogFile = catalogFile
            self.target = target
            self.onlyRules = onlyRules
            self.ignoredRules = ignoredRules
            self.reportUnusedSuppressions = reportUnusedSuppressions
            self.usePrefilter = usePrefilter
            self.language = language
        }
    }

    public let options: Options
    public let configuration: Configuration
    public let rules: RuleSet
    public let catalog: Catalog
    public let advisor: MigrationAdvisor
    public let scanner: Scanner
    /// The files whose change makes this setup stale: the configuration's (with what it extends, or
    /// the one that failed to load) and the catalog file.
    public let watchedFiles: [String]
    /// In the order the steps ran: rule selection, the configuration's catalog, the catalog file, the target.
    public let problems: [SetupProblem]

    /// Builds everything a scan under `configuration` needs. `rules` are the bundled rules already in
    /// `options.language` (an editor keeps them); nil loads them. Throws only when the bundled rules
    /// or catalog are broken, which no user can cause.
    public init(configuration: Configuration, options: Options, rules bundledRules: RuleSet? = nil,
                catalog bundledCatalog: Catalog? = nil) throws {
        let language = options.language
        var problems: [SetupProblem] = []
        let all = try bundledRules ?? RuleSet.bundled(translations: language != .english)
        var rules = all
        if !options.onlyRules.isEmpty || !options.ignoredRules.isEmpty {
            do {
                rules = try all.selecting(only: options.onlyRules, ignoring: options.ignoredRules)
            } catch {
                problems.append(SetupProblem(.ruleSelection, error))
            }
        }
        if bundledRules == nil { rules = rules.localized(to: language) }

        let made = try Setup.catalog(configuration: configuration, file: options.catalogFile, bundled: bundledCatalog)
        problems += made.problems
        let chosen = try Setup.advisor(catalog: made.catalog, target: options.target ?? configuration.target, language: language)
        problems += chosen.problem.map { [$0] } ?? []
        let advisor = chosen.advisor
        let catalog = made.catalog
        var watched = configuration.files
        if let file = options.catalogFile { watched.append(file) }
        self.options = options
        self.configuration = configuration
        self.rules = rules
        self.catalog = catalog
        self.advisor = advisor
        scanner = Scanner(rules: rules, options: ScanOptions(reportUnusedSuppressions: options.reportUnusedSuppressions,
                                                             usePrefilter: options.usePrefilter, language: language,
                                                             scanData: configuration.scanData),
                          advisor: advisor)
        watchedFiles = watched
        self.problems = problems
    }

    /// The bundled catalog with the configuration's `catalog:` section and the catalog `file` added;
    /// a part that cannot be read or is wrong is left out, as a problem.
    public static func catalog(configuration: Configuration, file: String?,
                               bundled: Catalog? = nil) throws -> (catalog: Catalog, problems: [SetupProblem]) {
        var catalog = try bundled ?? Catalog.bundled()
        var problems: [SetupProblem] = []
        if let section = configuration.catalog {
            do {
                catalog = catalog.adding(try Catalog.loadAdditions(section))
            } catch {
                problems.append(SetupProblem(.catalogSection, error, file: section.file))
            }
        }
        if let file {
            do {
                let text = String(decoding: try TreeScan.readFile(file), as: UTF8.self)
                do {
                    catalog = catalog.adding(try Catalog.loadAdditions(text, file: file))
                } catch {
                    problems.append(SetupProblem(.catalogFile, error, file: file))
                }
            } catch {
                problems.append(.unreadableCatalog(file, error))
            }
        }
        return (catalog, problems)
    }

    /// The advisor for `target` (nil: the catalog's default); an unknown or retired target is a
    /// problem and the catalog's default is used.
    public static func advisor(catalog: Catalog, target: String?,
                               language: MessageLanguage) throws -> (advisor: MigrationAdvisor, problem: SetupProblem?) {
        do {
            return (try MigrationAdvisor(catalog: catalog, targetID: target, language: language), nil)
        } catch {
            let problem = SetupProblem(.target, error)
            return (try MigrationAdvisor(catalog: catalog, targetID: nil, language: language), problem)
        }
    }

    /// The configuration file that governs the file or folder at `absolutePath`, and the root its
    /// globs are relative to: `override` (--config, relative to `workingDirectory` and rooted there),
    /// else the nearest `.homeport.yml` at or above it (rooted at its folder), else none (the defaults,
    /// rooted at `workingDirectory`).
    public static func configurationFile(for absolutePath: String, override: String?, workingDirectory: String,
                                         in source: FileSource = .fileSystem) -> (file: String?, root: String) {
        if let override { return (Path.absolute(override, in: workingDirectory), workingDirectory) }
        if let nearest = ConfigLoader.nearest(from: absolutePath, in: source) { return (nearest, Path.parent(of: nearest)) }
        return (nil, workingDirectory)
    }

    /// The configuration in `file` (with what it extends), globs relative to `root`; without a file,
    /// or when it cannot be loaded, the defaults rooted at `root` (a failed file is still named in
    /// `files`, so whoever watches it sees it fixed).
    public static func loadConfiguration(_ file: String?, root: String,
                                         from source: FileSource = .fileSystem) -> (configuration: Configuration, problem: SetupProblem?) {
        guard let file else { return (Configuration(root: root), nil) }
        do {
            return (try ConfigLoader.load(file, root: root, from: source), nil)
        } catch {
            var defaults = Configuration(root: root)
            defaults.files = [file]
            return (defaults, SetupProblem(.configuration, error, file: file))
        }
    }

    /// A document's findings as a scan of its file reports them: nil when the configuration leaves
    /// the file out, it is binary, or its language's frontend is missing (`frontendUnavailable`).
    public func findings(in file: SourceFile, absolutePath: String?) -> (findings: [Finding]?, frontendUnavailable: ClangUnavailable?) {
        if let absolutePath, !configuration.admits(absolutePath) { return (nil, nil) }
        guard !TreeScan.isBinary(file.bytes) else { return (nil, nil) }
        if let reason = Scanner.frontendUnavailability(for: file.language) { return (nil, reason) }
        let findings = scanner.scan(file).findings
        return (configuration.apply(to: findings, absolutePath: { _ in file.path }), nil)
    }
}
