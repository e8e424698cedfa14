// Options shared by every command that scans (scan, fix, plan): what to scan, with which rules,
// migrating to which provider.

import ArgumentParser
import Foundation
import HomeportCore

struct ScanSettings: ParsableArguments {
    @Argument(help: "Files or directories to scan (default: the current directory).")
    var paths: [String] = []

    @Option(name: .customLong("rule"), parsing: .singleValue,
            help: ArgumentHelp("Run only this rule (repeatable, or comma-separated).", valueName: "id"))
    var onlyRules: [String] = []

    @Option(name: .customLong("ignore-rule"), parsing: .singleValue,
            help: ArgumentHelp("Do not run this rule (repeatable, or comma-separated).", valueName: "id"))
    var ignoredRules: [String] = []

    @Option(help: ArgumentHelp("The provider to migrate to (see `homeport providers`; default: the catalog's default, zhipu).",
                               valueName: "provider"))
    var target: String?

    @Option(help: ArgumentHelp("A YAML file with a `providers:` list that adds to or overrides the built-in catalog.",
                               valueName: "file"))
    var catalog: String?

    @Flag(help: "Report `homeport: ignore` comments that suppress nothing.")
    var reportUnusedSuppressions = false

    @Flag(help: "Tokenize every file, even those whose bytes contain no trigger literal (slower; for checking the prefilter).")
    var noPrefilter = false

    @Option(help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
    var jobs: Int?

    @OptionGroup(title: "Configuration") var config: ConfigOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// The rules selected by --rule/--ignore-rule; a bad id ends the command with exit code 2.
    func rules() -> RuleSet {
        do {
            return try RuleSet.bundled().selecting(only: split(onlyRules), ignoring: split(ignoredRules))
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
                            workingDirectory: FileManager.default.currentDirectoryPath)
        return Prepared(plan: plan, rules: rules(), advisor: advisor(configuration: plan.configuration))
    }

    /// Scans the prepared files; discovery problems come first, findings are sorted, and each
    /// file's configured rule settings (off, levels) are applied.
    func scan(_ prepared: Prepared, computesLineHashes: Bool = false) -> ScanReport {
        let scanner = Scanner(rules: prepared.rules, options: ScanOptions(
            reportUnusedSuppressions: reportUnusedSuppressions, usePrefilter: !noPrefilter), advisor: prepared.advisor)
        var treeScan = TreeScan(scanner: scanner, threads: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        treeScan.computesLineHashes = computesLineHashes
        var report = treeScan.scan(prepared.plan.targets)
        report.problems = prepared.plan.problems + report.problems
        report.findings = prepared.plan.configured(report.findings.sorted())
        return report
    }

    private func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
