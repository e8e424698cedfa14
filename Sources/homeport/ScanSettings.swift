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

    /// The catalog with --catalog additions, and the advisor for --target.
    func advisor() -> MigrationAdvisor {
        do {
            var result = try Catalog.bundled()
            if let catalog {
                let text: String
                do {
                    text = try String(decoding: TreeScan.readFile(catalog), as: UTF8.self)
                } catch {
                    fail("\(catalog): \(error)", code: .usage)
                }
                result = result.adding(try Catalog.loadAdditions(text, file: catalog))
            }
            return try MigrationAdvisor(catalog: result, targetID: target)
        } catch {
            fail("\(error)", code: .usage)
        }
    }

    /// Discovers and scans the files; problems from discovery come first.
    func scan(rules: RuleSet, advisor: MigrationAdvisor) -> ScanReport {
        let scanner = Scanner(rules: rules, options: ScanOptions(
            reportUnusedSuppressions: reportUnusedSuppressions, usePrefilter: !noPrefilter), advisor: advisor)
        let discovery = FileDiscovery.targets(for: paths, workingDirectory: FileManager.default.currentDirectoryPath)
        var report = TreeScan(scanner: scanner, threads: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            .scan(discovery.targets)
        report.problems = discovery.problems + report.problems
        report.findings.sort()
        return report
    }

    private func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
