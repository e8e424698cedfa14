// Options shared by every command that scans (scan, fix, plan): what to scan, with which rules,
// migrating to which provider.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct ScanSettings {
    static let paths = PositionalSpec(name: "path", help: "Files or directories to scan (default: the current directory).",
                                      isList: true)

    static let options: [OptionSpec] = [
        .repeated("rule", "id", "Run only this rule (repeatable, or comma-separated)."),
        .repeated("ignore-rule", "id", "Do not run this rule (repeatable, or comma-separated)."),
        .value("target", "provider",
               "The provider to migrate to (see `homeport providers`; default: the catalog's default, zhipu)."),
        .value("catalog", "file", "A YAML file with a `providers:` list that adds to or overrides the built-in catalog."),
        .flag("report-unused-suppressions", "Report `homeport: ignore` comments that suppress nothing."),
        .flag("no-prefilter",
              "Tokenize every file, even those whose bytes contain no trigger literal (slower; for checking the prefilter)."),
        .value("jobs", "n", "Worker threads (default: one per core)."),
        .flag("follow-links",
              "Follow symbolic links found in folders, also to files and folders outside them (default: links are skipped)."),
        .value("max-file-size", "size",
               "Skip files larger than this, each with an error line (bytes, or with K, M or G; default and most: 64M)."),
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
            throw UsageError(description: "`--max-file-size` must be a size from 1 byte to 64M (bytes, or a number with K, M or G), not `\(text)`")
        }
        return bytes
    }

    /// The rules selected by --rule/--ignore-rule; a bad id ends the command with exit code 2.
    func rules() -> RuleSet {
        do {
            return try RuleSet.bundled().selecting(only: onlyRules, ignoring: ignoredRules)
        } catch {
            fail("\(error)", code: .usage)
        }
    }

    /// The catalog with the configuration's and --catalog's additions, and the advisor for the
    /// target (--target, else the configuration's `target:`, else the catalog's default).
    func advisor(configuration: Configuration? = nil) -> MigrationAdvisor {
        do {
            var result = try Catalog.bundled()
            if let section = configuration?.catalog {
                result = result.adding(try Catalog.loadAdditions(section))
            }
            if let catalog {
                let text: String
                do {
                    text = try String(decoding: TreeScan.readFile(catalog), as: UTF8.self)
                } catch {
                    fail("\(catalog): \(error)", code: .usage)
                }
                result = result.adding(try Catalog.loadAdditions(text, file: catalog))
            }
            return try MigrationAdvisor(catalog: result, targetID: target ?? configuration?.target)
        } catch {
            fail("\(error)", code: .usage)
        }
    }

    /// Everything a scan needs, resolved once: configuration and files, rules, the advisor.
    struct Prepared {
        var plan: GatePlan
        var rules: RuleSet
        var advisor: MigrationAdvisor
    }

    /// Loads configuration, discovers files (only shard K/N when given) and picks rules and target;
    /// any usage or configuration error ends the command with exit code 2.
    func prepare(shard: Shard? = nil) -> Prepared {
        let plan = GatePlan(paths: paths, config: config, shard: shard,
                            workingDirectory: Path.currentDirectory, followLinks: followLinks)
        return Prepared(plan: plan, rules: rules(), advisor: advisor(configuration: plan.configuration))
    }

    /// Like `prepare(shard:)` for the staged files (`scan --staged`).
    func prepare(staged: StagedFiles) -> Prepared {
        let plan = GatePlan(staged: staged, config: config)
        return Prepared(plan: plan, rules: rules(), advisor: advisor(configuration: plan.configuration))
    }

    /// Scans the prepared files; discovery problems come first, findings are sorted, and each
    /// file's configured rule settings (off, levels) are applied.
    func scan(_ prepared: Prepared, computesLineHashes: Bool = false) -> ScanReport {
        let scanner = Scanner(rules: prepared.rules, options: ScanOptions(
            reportUnusedSuppressions: reportUnusedSuppressions, usePrefilter: !noPrefilter), advisor: prepared.advisor)
        var treeScan = TreeScan(scanner: scanner, threads: jobs ?? SystemInfo.activeProcessorCount)
        treeScan.computesLineHashes = computesLineHashes
        if let maxFileSize { treeScan.maxFileSize = maxFileSize }
        var report = treeScan.scan(prepared.plan.targets)
        report.problems = prepared.plan.problems + report.problems
        report.findings = prepared.plan.configured(report.findings.sorted())
        return report
    }
}
