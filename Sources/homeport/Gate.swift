// The CI gate around a scan: configuration, include/exclude, shards, baseline, --since, exit code.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

/// Options that pick the configuration (shared by scan, baseline and config).
struct ConfigOptions {
    static let group = OptionGroupSpec(title: LocalizedText(en: "Configuration", zh: "配置"), options: [
        .value("config", "file", "Use this configuration file instead of the nearest .homeport.yml "
               + "(globs are then relative to the current directory).", zh: "使用该配置文件，而不是最近的 .homeport.yml（此时 glob 相对于当前目录）。"),
    ])

    var file: String?

    init() {}

    init(_ arguments: ParsedArguments) {
        file = arguments.value("config")
    }
}

struct GateOptions {
    static let group = OptionGroupSpec(title: LocalizedText(en: "CI gate", zh: "CI 门禁"), options: [
        .choice("fail-on", "level", FailThreshold.allCases.map(\.rawValue), "Exit 1 when a reported finding is at or above this level: error, warning, note "
               + "or never (default: the configuration's fail-on, else warning).", zh: "报告的问题达到或超过该级别时退出码为 1：error、warning、note 或 never（默认：配置中的 fail-on，否则 warning）。"),
        .flag("exit-zero", "Exit 0 even when findings reach --fail-on (usage errors still exit 2, incomplete scans 3).", zh: "即使问题达到 --fail-on 也以 0 退出（用法错误仍为 2，扫描不完整仍为 3）。"),
        .value("baseline", "file",
               "Report and fail only on findings not recorded in this baseline (see `homeport baseline`).", zh: "只报告基线中没有记录的问题，也只因它们而失败（参见 `homeport baseline`）。"),
        .value("since", "rev", "Report only findings on lines added or changed since this git revision (from its "
               + "merge base with HEAD; untracked files count as new).", zh: "只报告自该 git 版本以来新增或修改的行上的问题（从它与 HEAD 的合并基准（merge base）算起；未跟踪的文件算作新文件）。"),
        .value("shard", "K/N", "Scan only shard K of N: a stable partition of the files by path hash, for CI matrices.", zh: "只扫描 N 片中的第 K 片：按路径哈希对文件做稳定划分，用于 CI 矩阵。"),
        .value("sarif-category", "name", "SARIF automationDetails.id category, so GitHub keeps separate analyses "
               + "apart (e.g. python).", zh: "SARIF automationDetails.id 类别，使 GitHub 把不同的分析分开（例如 python）。"),
    ])

    var failOn: FailThreshold?
    var exitZero = false
    var baseline: String?
    var since: String?
    var shard: Shard?
    var sarifCategory: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        failOn = try arguments.choice("fail-on", as: FailThreshold.self)
        exitZero = arguments.flag("exit-zero")
        baseline = arguments.value("baseline")
        since = arguments.value("since")
        if let text = arguments.value("shard") {
            guard let shard = Shard(text) else {
                throw UsageError(description: say(.shardFormat, ["value": text]))
            }
            self.shard = shard
        }
        sarifCategory = arguments.value("sarif-category")
        if sarifCategory?.isEmpty == true { throw UsageError(description: say(.emptySARIFCategory)) }
    }
}

/// The files to scan under each configuration, and how to find a finding's file again.
struct GatePlan {
    let workingDirectory: String
    /// Run-level settings (fail-on, baseline, target): from --config, else the first path's nearest file.
    let configuration: Configuration
    var configurations: [Configuration]
    /// Display path -> index into `configurations`.
    var configurationIndex: [String: Int] = [:]
    var targets: [ScanTarget] = []
    var problems: [ScanProblem] = []
    /// Where configuration and baseline files are read: the file system, or the git index (--staged).
    let fileSource: FileSource

    /// Loads configuration and discovers files; a configuration error exits 2.
    init(paths: [String], config: ConfigOptions, shard: Shard? = nil, workingDirectory: String, followLinks: Bool = false) {
        self.workingDirectory = workingDirectory
        self.fileSource = .fileSystem
        let arguments = paths.isEmpty ? ["."] : paths
        var loaded = LoadedConfigurations(source: .fileSystem)
        var seen = Set<String>()
        for argument in arguments {
            let absolute = Path.absolute(argument, in: workingDirectory)
            let index = loaded.index(for: absolute, config: config, workingDirectory: workingDirectory)
            let discovery = FileDiscovery.targets(for: [argument], workingDirectory: workingDirectory, followLinks: followLinks)
            problems += discovery.problems
            for target in discovery.targets where seen.insert(target.fileSystemPath).inserted {
                guard target.isExplicit || loaded.configurations[index].admits(target.fileSystemPath) else { continue }
                guard shard?.contains(target.path) ?? true else { continue }
                targets.append(target)
                configurationIndex[target.path] = index
            }
        }
        targets.sort { $0.path < $1.path }
        configurations = loaded.configurations
        configuration = loaded.runConfiguration(config: config, workingDirectory: workingDirectory)
    }

    /// The files a commit adds or changes, with their staged content, each under its nearest staged
    /// `.homeport.yml` (include/exclude apply as to files found in a folder). Paths are repository
    /// paths; configuration and baseline files inside the repository are read from the index.
    init(staged: StagedFiles, config: ConfigOptions) {
        let root = staged.repositoryRoot
        workingDirectory = root
        fileSource = staged.fileSource
        var loaded = LoadedConfigurations(source: fileSource)
        for file in staged.files {
            let absolute = staged.absolutePath(of: file.path)
            let index = loaded.index(for: absolute, config: config, workingDirectory: Path.currentDirectory)
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
        configurations = loaded.configurations
        configuration = loaded.runConfiguration(config: config, workingDirectory: Path.currentDirectory,
                                                defaultRoot: root)
    }

    func absolutePath(of finding: Finding) -> String {
        Path.absolute(finding.path, in: workingDirectory)
    }

    /// Findings with each file's rule settings applied (off rules dropped, levels changed).
    func configured(_ findings: [Finding]) -> [Finding] {
        guard configurations.contains(where: \.hasRuleSettings) else { return findings }
        return findings.compactMap { finding in
            let configuration = configurations[configurationIndex[finding.path] ?? 0]
            return configuration.apply(to: [finding], absolutePath: { _ in absolutePath(of: finding) }).first
        }
    }

    /// A finding's path as the baseline file in `folder` records it.
    func baselinePath(of finding: Finding, baselineFolder folder: String) -> String {
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

    init(source: FileSource) {
        self.source = source
    }

    /// The configuration for the file or folder at `absolutePath`: --config, else the nearest
    /// `.homeport.yml`, else the defaults (rooted at `workingDirectory`). A configuration error exits 2.
    mutating func index(for absolutePath: String, config: ConfigOptions, workingDirectory: String) -> Int {
        if let file = config.file {
            return index(of: Path.absolute(file, in: workingDirectory), root: workingDirectory)
        } else if let nearest = ConfigLoader.nearest(from: absolutePath, in: source) {
            return index(of: nearest, root: Path.parent(of: nearest))
        }
        return index(of: nil, root: workingDirectory)
    }

    private mutating func index(of file: String?, root: String) -> Int {
        let key = file ?? ""
        if let index = indexByFile[key] { return index }
        do {
            configurations.append(try file.map { try ConfigLoader.load($0, root: root, from: source) }
                                  ?? Configuration(root: root))
        } catch {
            fail(describe(error), code: .usage)
        }
        indexByFile[key] = configurations.count - 1
        return configurations.count - 1
    }

    /// Run-level settings (fail-on, baseline, target): --config's, else the first loaded, else the
    /// defaults rooted at `defaultRoot` (nothing was loaded when nothing is staged).
    mutating func runConfiguration(config: ConfigOptions, workingDirectory: String,
                                   defaultRoot: String? = nil) -> Configuration {
        if let file = config.file {
            return configurations[index(of: Path.absolute(file, in: workingDirectory), root: workingDirectory)]
        }
        return configurations.first ?? Configuration(root: defaultRoot ?? workingDirectory)
    }
}

/// What the gate left out of the report, for the summary on standard error.
struct GateOutcome {
    var baselined = 0
    var outsideSince = 0

    func printSummary() {
        if baselined > 0 {
            printError(CLIMessage.counted(baselined, one: .baselinedOne, many: .baselinedMany))
        }
        if outsideSince > 0 {
            printError(CLIMessage.counted(outsideSince, one: .unchangedOne, many: .unchangedMany))
        }
    }
}

extension GatePlan {
    /// Applies baseline and --since to the report's (sorted, configured) findings.
    func filter(_ report: inout ScanReport, options: GateOptions) -> GateOutcome {
        var outcome = GateOutcome()
        // Relative to the current folder, as every command-line path (with --staged, report paths are not).
        if let file = options.baseline.map({ Path.absolute($0, in: Path.currentDirectory) }) ?? configuration.baseline {
            let baseline: Baseline
            do {
                baseline = try Baseline.load(file, from: fileSource)
            } catch {
                fail(describe(error), code: .usage)
            }
            let folder = Path.parent(of: file)
            let split = baseline.partition(report.findings) { baselinePath(of: $0, baselineFolder: folder) }
            report.findings = split.new
            outcome.baselined = split.known.count
        }
        if let revision = options.since {
            let changed: ChangedLines
            do {
                changed = try ChangedLines.since(revision, in: workingDirectory)
            } catch {
                fail(describe(error), code: .usage)
            }
            var resolved: [String: String] = [:]
            let before = report.findings.count
            report.findings = report.findings.filter { finding in
                let absolute = absolutePath(of: finding)
                let real = resolved[absolute] ?? Path.resolvingSymlinksIfPossible(absolute)
                resolved[absolute] = real
                return changed.contains(path: real, line: finding.start.line)
            }
            outcome.outsideSince = before - report.findings.count
        }
        return outcome
    }

    /// The lowest level that fails: --fail-on, else the configuration's, else warning.
    func threshold(options: GateOptions) -> FailThreshold {
        options.failOn ?? configuration.failOn ?? .warning
    }

    /// 3 when the scan is incomplete, else 1 when a finding reaches the threshold (0 with --exit-zero).
    func exitCode(for report: ScanReport, options: GateOptions) -> ExitCode32 {
        if report.isIncomplete { return .incomplete }
        let threshold = threshold(options: options)
        if report.findings.contains(where: { threshold.fails($0.severity) }) && !options.exitZero { return .findings }
        return .clean
    }
}
