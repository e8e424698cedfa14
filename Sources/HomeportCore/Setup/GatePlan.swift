// The CI gate around a scan of many files: the configuration of each path, the files to scan,
// per-file rule levels, the baseline and `--since`, and the level that fails.

/// The files to scan under each configuration, and how to find a finding's file again.
public struct GatePlan: Sendable {
    public let workingDirectory: String
    /// Run-level settings (fail-on, baseline, target): from --config, else the first path's nearest file.
    public let configuration: Configuration
    public private(set) var configurations: [Configuration]
    /// Display path -> index into `configurations`.
    var configurationIndex: [String: Int] = [:]
    public private(set) var targets: [ScanTarget] = []
    /// Paths that could not be found or read (they go into the report).
    public private(set) var problems: [ScanProblem] = []
    /// Configuration files that could not be loaded (their paths were planned with the defaults).
    public private(set) var setupProblems: [SetupProblem] = []
    /// Where configuration and baseline files are read: the file system, or the git index (--staged).
    public let fileSource: FileSource

    /// Loads each path's configuration (`configurationFile`, the --config override, else the nearest
    /// `.homeport.yml`) and discovers files, only shard K/N when given. Planning stops at the first
    /// configuration file that cannot be loaded (see `setupProblems`).
    public init(paths: [String], configurationFile: String?, shard: Shard? = nil, workingDirectory: String,
                followLinks: Bool = false) {
        self.init(paths: paths, configurationFile: configurationFile, shard: shard, workingDirectory: workingDirectory,
                  followLinks: followLinks, discovering: true)
    }

    /// Like `init(paths:…)`; without `discovering`, it only loads the configurations and the files
    /// are found by `discover` (so a scan can be set up from `configuration` first and start while
    /// they are found).
    public init(paths: [String], configurationFile: String?, shard: Shard? = nil, workingDirectory: String,
                followLinks: Bool = false, discovering: Bool) {
        self.workingDirectory = workingDirectory
        self.fileSource = .fileSystem
        let arguments = paths.isEmpty ? ["."] : paths
        var loaded = LoadedConfigurations(source: .fileSystem)
        for argument in arguments {
            let absolute = Path.absolute(argument, in: workingDirectory)
            let index = loaded.index(for: absolute, configurationFile: configurationFile, workingDirectory: workingDirectory)
            // A configuration that cannot be loaded ends the planning: a front door that goes on does so with its problem.
            guard loaded.problems.isEmpty else { break }
            pendingDiscovery.append((argument, index))
        }
        self.shard = shard
        self.followLinks = followLinks
        configuration = loaded.runConfiguration(configurationFile: configurationFile, workingDirectory: workingDirectory)
        configurations = loaded.configurations
        setupProblems = loaded.problems
        if discovering { discover() }
    }

    /// Arguments whose files are still to be found, each with its configuration's index.
    private var pendingDiscovery: [(argument: String, configuration: Int)] = []
    /// Whether `discover` has found the files (or there were none to find).
    public var isDiscovered: Bool { pendingDiscovery.isEmpty }
    private var shard: Shard?
    private var followLinks = false

    /// Finds the files of the paths planned (once; `targets`, `problems`). `speculate` is handed
    /// files as they are found, before the listing is complete: most, not necessarily all, are targets.
    public mutating func discover(speculate: ((ScanTarget) -> Void)? = nil) {
        var seen = Set<String>()
        for (argument, index) in pendingDiscovery {
            let configuration = configurations[index]
            let shard = shard
            let offer = speculate.map { speculate in
                { (target: ScanTarget) in
                    if configuration.admits(target.fileSystemPath) && shard?.contains(target.path) ?? true { speculate(target) }
                }
            }
            let discovery = FileDiscovery.targets(for: [argument], workingDirectory: workingDirectory,
                                                  followLinks: followLinks, speculate: offer)
            problems += discovery.problems
            for target in discovery.targets where seen.insert(target.fileSystemPath).inserted {
                guard target.isExplicit || configuration.admits(target.fileSystemPath) else { continue }
                guard shard?.contains(target.path) ?? true else { continue }
                targets.append(target)
                configurationIndex[target.path] = index
            }
        }
        pendingDiscovery = []
        targets.sort { $0.path < $1.path }
    }

    /// The files a commit adds or changes, with their staged content, each under its nearest staged
    /// `.homeport.yml` (include/exclude apply as to files found in a folder). Paths are repository
    /// paths; configuration and baseline files inside the repository are read from the index.
    public init(staged: StagedFiles, configurationFile: String?, currentDirectory: String = Path.currentDirectory) {
        let root = staged.repositoryRoot
        workingDirectory = root
        fileSource = staged.fileSource
        var loaded = LoadedConfigurations(source: fileSource)
        for file in staged.files {
            let absolute = staged.absolutePath(of: file.path)
            let index = loaded.index(for: absolute, configurationFile: configurationFile, workingDirectory: currentDirectory)
            guard loaded.configurations[index].admits(absolute) else { continue }
            switch file.content {
            case .success(let bytes):
                targets.append(ScanTarget(path: file.path, fileSystemPath: absolute,
                                          language: Language.forPath(file.path), isExplicit: false, content: bytes))
                configurationIndex[file.path] = index
            case .failure(let error):
                problems.append(ScanProblem(kind: .error, path: file.path, text: error.text))
            }
        }
        targets.sort { $0.path < $1.path }
        configuration = loaded.runConfiguration(configurationFile: configurationFile, workingDirectory: currentDirectory,
                                                defaultRoot: root)
        configurations = loaded.configurations
        setupProblems = loaded.problems
    }

    public func absolutePath(of finding: Finding) -> String {
        Path.absolute(finding.path, in: workingDirectory)
    }

    /// Findings with each file's rule settings applied (off rules dropped, levels changed).
    public func configured(_ findings: [Finding]) -> [Finding] {
        guard configurations.contains(where: \.hasRuleSettings) else { return findings }
        return findings.compactMap { finding in
            let configuration = configurations[configurationIndex[finding.path] ?? 0]
            return configuration.apply(to: [finding], absolutePath: { _ in absolutePath(of: finding) }).first
        }
    }

    /// A finding's path as the baseline file in `folder` records it.
    public func baselinePath(of finding: Finding, baselineFolder folder: String) -> String {
        let absolute = absolutePath(of: finding)
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}

/// Each configuration file loaded once (with what it extends), in load order.
private struct LoadedConfigurations {
    let source: FileSource
    var configurations: [Configuration] = []
    /// Configuration file ("" for the defaults) -> index into `configurations`.
    var indexByFile: [String: Int] = [:]
    var problems: [SetupProblem] = []

    init(source: FileSource) {
        self.source = source
    }

    /// The configuration for the file or folder at `absolutePath`: `configurationFile`, else the
    /// nearest `.homeport.yml`, else the defaults (rooted at `workingDirectory`).
    mutating func index(for absolutePath: String, configurationFile: String?, workingDirectory: String) -> Int {
        let governing = Setup.configurationFile(for: absolutePath, override: configurationFile,
                                                workingDirectory: workingDirectory, in: source)
        return index(of: governing.file, root: governing.root)
    }

    private mutating func index(of file: String?, root: String) -> Int {
        let key = file ?? ""
        if let index = indexByFile[key] { return index }
        let loaded = Setup.loadConfiguration(file, root: root, from: source)
        configurations.append(loaded.configuration)
        if let problem = loaded.problem { problems.append(problem) }
        indexByFile[key] = configurations.count - 1
        return configurations.count - 1
    }

    /// Run-level settings (fail-on, baseline, target): `configurationFile`'s, else the first loaded,
    /// else the defaults rooted at `defaultRoot` (nothing was loaded when nothing is staged).
    mutating func runConfiguration(configurationFile: String?, workingDirectory: String,
                                   defaultRoot: String? = nil) -> Configuration {
        if let file = configurationFile {
            return configurations[index(of: Path.absolute(file, in: workingDirectory), root: workingDirectory)]
        }
        return configurations.first ?? Configuration(root: defaultRoot ?? workingDirectory)
    }
}

/// What the gate left out of the report, and what it could not do.
public struct GateOutcome: Sendable {
    /// Findings recorded in the baseline.
    public var baselined = 0
    /// Findings on lines not changed since `--since`'s revision.
    public var outsideSince = 0
    /// A baseline that could not be loaded, a revision git could not resolve.
    public var problems: [SetupProblem] = []

    public init() {}
}

extension GatePlan {
    /// Applies the baseline (`baselineFile`, absolute, else the configuration's) and `--since` to the
    /// report's (sorted, configured) findings. A step that fails is a problem and filters nothing.
    public func filter(_ report: inout ScanReport, baselineFile: String?, since revision: String?) -> GateOutcome {
        var outcome = GateOutcome()
        if let file = baselineFile ?? configuration.baseline {
            do {
                let baseline = try Baseline.load(file, from: fileSource)
                let folder = Path.parent(of: file)
                let split = baseline.partition(report.findings) { baselinePath(of: $0, baselineFolder: folder) }
                report.findings = split.new
                outcome.baselined = split.known.count
            } catch {
                outcome.problems.append(SetupProblem(.baseline, error, file: file))
            }
        }
        if let revision {
            do {
                let changed = try ChangedLines.since(revision, in: workingDirectory)
                var resolved: [String: String] = [:]
                let before = report.findings.count
                report.findings = report.findings.filter { finding in
                    let absolute = absolutePath(of: finding)
                    let real = resolved[absolute] ?? Path.resolvingSymlinksIfPossible(absolute)
                    resolved[absolute] = real
                    return changed.contains(path: real, line: finding.start.line)
                }
                outcome.outsideSince = before - report.findings.count
            } catch {
                outcome.problems.append(SetupProblem(.since, error))
            }
        }
        return outcome
    }

    /// The lowest level that fails: `failOn` (--fail-on), else the configuration's, else warning.
    public func threshold(failOn: FailThreshold?) -> FailThreshold {
        failOn ?? configuration.failOn ?? .warning
    }

    /// Whether a reported finding reaches the threshold.
    public func fails(_ report: ScanReport, failOn: FailThreshold?) -> Bool {
        let threshold = threshold(failOn: failOn)
        return report.findings.contains { threshold.fails($0.severity) }
    }
}
