// Options shared by every command that scans (scan, fix, plan): what to scan, with which rules,
// migrating to which provider.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct ScanSettings {
    static let paths = PositionalSpec(name: "path", help: "Files or directories to scan (default: the current directory).", zh: "要扫描的文件或目录（默认：当前目录）。",
                                      isList: true)

    static let options: [OptionSpec] = [
        .repeated("rule", "id", "Run only this rule (repeatable, or comma-separated).", zh: "只运行这条规则（可重复，或用逗号分隔）。"),
        .repeated("ignore-rule", "id", "Do not run this rule (repeatable, or comma-separated).", zh: "不运行这条规则（可重复，或用逗号分隔）。"),
        .value("target", "provider",
               "The provider to migrate to (see `homeport providers`; default: the catalog's default, zhipu).", zh: "迁移目标服务商（参见 `homeport providers`；默认：服务商清单指定的 zhipu）。"),
        .value("catalog", "file", "A YAML file with a `providers:` list that adds to or overrides the built-in catalog.", zh: "一个带 `providers:` 列表的 YAML 文件，用于补充或覆盖内置的服务商清单。"),
        .flag("report-unused-suppressions", "Report `homeport: ignore` comments that suppress nothing.", zh: "报告没有抑制任何问题的 `homeport: ignore` 注释。"),
        .flag("no-prefilter",
              "Tokenize every file, even those whose bytes contain no trigger literal (slower; for checking the prefilter).", zh: "对每个文件都做分词，即使其字节中不含触发字面量（更慢；用于检查预过滤）。"),
        .value("jobs", "n", "Worker threads (default: one per core).", zh: "工作线程数（默认：每个核心一个）。"),
    ] + discoveryOptions

    /// How files are found and which are too big: shared with `baseline`, which must find the same files.
    static let discoveryOptions: [OptionSpec] = [
        .flag("follow-links",
              "Follow symbolic links found in folders, also to files and folders outside them (default: links are skipped).",
              zh: "跟随目录中的符号链接，包括指向目录之外的文件和目录的链接（默认：跳过链接）。"),
        .value("max-file-size", "size",
               "Skip files larger than this, each with an error line (bytes, or with K, M or G; default and most: 64M).",
               zh: "跳过大于此大小的文件，每个给出一行错误（字节数，或带 K、M、G；默认和上限：64M）。"),
    ]

    var paths: [String] = []
    var onlyRules: [String] = []
    var ignoredRules: [String] = []
    var target: String?
    var catalog: String?
    var reportUnusedSuppressions = false
    var noPrefilter = false
    var jobs: Int?
    var maxFileSize: Int?
    var followLinks = false
    var config = ConfigOptions()

    /// The defaults: what `homeport scan` alone does.
    init() {}

    init(_ arguments: ParsedArguments) throws(UsageError) {
        paths = arguments.positionals
        onlyRules = arguments.list("rule")
        ignoredRules = arguments.list("ignore-rule")
        target = arguments.value("target")
        catalog = arguments.value("catalog")
        reportUnusedSuppressions = arguments.flag("report-unused-suppressions")
        noPrefilter = arguments.flag("no-prefilter")
        jobs = try arguments.int("jobs", atLeast: 1)
        maxFileSize = try ScanSettings.size(arguments.value("max-file-size"))
        followLinks = arguments.flag("follow-links")
        config = ConfigOptions(arguments)
    }

    /// `--max-file-size`: bytes, or a whole number with K, M or G (powers of 1024), at most the built-in limit.
    static func size(_ text: String?) throws(UsageError) -> Int? {
        guard let text else { return nil }
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        let unit = text.last.flatMap { units[Character($0.uppercased())] }
        let digits = unit == nil ? Substring(text) : text.dropLast()
        guard let number = Int(digits), number >= 1, digits.allSatisfy(\.isASCII),
              case let (bytes, overflow) = number.multipliedReportingOverflow(by: unit ?? 1), !overflow,
              bytes <= TreeScan.maxFileSize else {
            throw UsageError(description: say(.maxFileSize, ["value": text]))
        }
        return bytes
    }

    /// What the core's `Setup` is asked for, texts in `language`.
    func setupOptions(language: MessageLanguage) -> Setup.Options {
        Setup.Options(catalogFile: catalog, target: target, onlyRules: onlyRules, ignoredRules: ignoredRules,
                      reportUnusedSuppressions: reportUnusedSuppressions, usePrefilter: !noPrefilter, language: language)
    }

    /// Everything a scan needs, resolved once: configuration and files, rules, the advisor, the scanner.
    struct Prepared {
        var plan: GatePlan
        var setup: Setup
        var rules: RuleSet { setup.rules }
        var advisor: MigrationAdvisor { setup.advisor }
        var language: MessageLanguage { setup.options.language }
    }

    /// Loads configuration, discovers files (only shard K/N when given) and picks rules and target;
    /// any usage or configuration error ends the command with exit code 2. Messages are in `language`.
    /// Without `discovering`, the files are found by `scan(_:)`, while it scans them.
    func prepare(shard: Shard? = nil, language: MessageLanguage = ProcessLanguage.language,
                 discovering: Bool = true) -> Prepared {
        prepare(GatePlan(paths: paths, configurationFile: config.file, shard: shard,
                         workingDirectory: Path.currentDirectory, followLinks: followLinks, discovering: discovering),
                language: language)
    }

    /// Like `prepare(shard:)` for the staged files (`scan --staged`).
    func prepare(staged: StagedFiles, language: MessageLanguage = ProcessLanguage.language) -> Prepared {
        prepare(GatePlan(staged: staged, configurationFile: config.file), language: language)
    }

    private func prepare(_ plan: GatePlan, language: MessageLanguage) -> Prepared {
        exitOnSetupProblems(plan.setupProblems)
        let setup: Setup
        do {
            setup = try Setup(configuration: plan.configuration, options: setupOptions(language: language))
        } catch {
            fail(describe(error), code: .usage)
        }
        exitOnSetupProblems(setup.problems)
        return Prepared(plan: plan, setup: setup)
    }

    /// Scans the prepared files; discovery problems come first, findings are sorted, and each
    /// file's configured rule settings (off, levels) are applied. On a terminal, a scan that takes
    /// long shows a progress line on standard error (not with `quiet`).
    func scan(_ prepared: Prepared, computesLineHashes: Bool = false, quiet: Bool = false) -> ScanReport {
        var prepared = prepared
        return scan(&prepared, computesLineHashes: computesLineHashes, quiet: quiet)
    }

    /// Like `scan(_:)`; a plan whose files are not yet found finds them here, the scan starting on
    /// files as they are found (without a progress line, which needs their number first).
    /// With `rendersJSONFindings`, the workers write each file's findings for the JSON report
    /// (`ScanReport.findingsFragments`, kept only when no file's rule settings change them).
    func scan(_ prepared: inout Prepared, computesLineHashes: Bool = false, quiet: Bool = false,
              rendersJSONFindings: Bool = false) -> ScanReport {
        var treeScan = TreeScan(scanner: prepared.setup.scanner, threads: jobs ?? SystemInfo.activeProcessorCount)
        treeScan.computesLineHashes = computesLineHashes
        let configured = prepared.plan.configurations.contains(where: \.hasRuleSettings)
        if rendersJSONFindings && !configured {
            treeScan.findingsRenderer = { JSONReporter.findingsFragment($0) }
        }
        if let maxFileSize { treeScan.maxFileSize = maxFileSize }
        var progressLine: ProgressLine?
        if ProgressLine.isWanted(quiet: quiet) {
            let progress = ScanProgress()
            treeScan.progress = progress
            progressLine = ProgressLine(progress, language: ProcessLanguage.language)
        }
        var report: ScanReport
        if progressLine == nil && !prepared.plan.isDiscovered {
            report = treeScan.scan { speculate in
                prepared.plan.discover(speculate: speculate)
                return prepared.plan.targets
            }
        } else {
            prepared.plan.discover()
            report = treeScan.scan(prepared.plan.targets)
        }
        progressLine?.stop()
        report.problems = prepared.plan.problems + report.problems
        // Each file's findings come sorted and files mostly in order: `sorted()` copied every finding.
        if !Finding.inReportOrder(report.findings) { report.findings.sort() }
        report.findings = prepared.plan.configured(report.findings)
        return report
    }
}
