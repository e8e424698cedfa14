// `homeport scan`: discover files, scan them, write the report, choose the exit code.

import ArgumentParser
import Foundation
import HomeportCore

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan files and directories for OpenAI dependencies.",
        discussion: """
            Directories are searched for .py, .pyi, .pyw, .swift, .c, .h, .cc, .cpp, .cxx, .hpp, \
            .hh and .hxx files and for extensionless scripts with a python shebang (C and C++ need \
            libclang at run time); inside a git work tree, files ignored by git are left \
            out. .git, .build, node_modules and virtualenvs are always skipped. Files named \
            explicitly are always scanned.

            Exit codes: 0 no findings; 1 findings reported; 2 usage, rule or output error; \
            3 scan incomplete (a named path is missing, a file could not be read, or libclang is \
            missing for C/C++ files).
            """)

    @Argument(help: "Files or directories to scan (default: the current directory).")
    var paths: [String] = []

    @Option(help: "Report format: text, json or sarif.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("rule"), parsing: .singleValue,
            help: ArgumentHelp("Run only this rule (repeatable, or comma-separated).", valueName: "id"))
    var onlyRules: [String] = []

    @Option(name: .customLong("ignore-rule"), parsing: .singleValue,
            help: ArgumentHelp("Do not run this rule (repeatable, or comma-separated).", valueName: "id"))
    var ignoredRules: [String] = []

    @Flag(name: .shortAndLong, help: "Print only findings and errors: no summary, no warnings about skipped files.")
    var quiet = false

    @Flag(name: .customLong("no-color"), help: "Never colour the text report (it is coloured only on a terminal; NO_COLOR is honoured too).")
    var noColor = false

    @Flag(help: "Report `homeport: ignore` comments that suppress nothing.")
    var reportUnusedSuppressions = false

    @Flag(help: "Tokenize every file, even those whose bytes contain no trigger literal (slower; for checking the prefilter).")
    var noPrefilter = false

    @Option(help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let rules: RuleSet
        do {
            rules = try RuleSet.bundled().selecting(only: split(onlyRules), ignoring: split(ignoredRules))
        } catch {
            fail("\(error)", code: .usage)
        }
        let scanner = Scanner(rules: rules, options: ScanOptions(
            reportUnusedSuppressions: reportUnusedSuppressions, usePrefilter: !noPrefilter))
        let workingDirectory = FileManager.default.currentDirectoryPath
        let discovery = FileDiscovery.targets(for: paths, workingDirectory: workingDirectory)
        var report = TreeScan(scanner: scanner, threads: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            .scan(discovery.targets)
        report.problems = discovery.problems + report.problems
        report.findings.sort()

        for problem in report.problems where problem.kind == .error || !quiet {
            printError(problem.description)
        }

        let rendered: String
        switch format {
        case .text:
            let color = !noColor && output == nil && isatty(STDOUT_FILENO) == 1
                && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
            var text = TextReporter(useColor: color).render(report, rules: rules)
            if quiet, let summaryStart = text.range(of: "\n", options: .backwards, range: text.startIndex..<text.index(before: text.endIndex)) {
                text = String(text[..<summaryStart.upperBound])
            } else if quiet {
                text = ""
            }
            rendered = text
        case .json:
            rendered = JSONReporter.render(report, rules: rules)
        case .sarif:
            rendered = SARIFReporter.render(report, rules: rules, sourceRoot: workingDirectory)
        }
        if let output {
            do {
                try AtomicFile.write(Data(rendered.utf8), to: output)
            } catch {
                fail("\(output): cannot write report: \(error.localizedDescription)", code: .usage)
            }
        } else {
            FileHandle.standardOutput.write(Data(rendered.utf8))
        }

        if report.isIncomplete { throw Exit(code: .incomplete) }
        if !report.findings.isEmpty { throw Exit(code: .findings) }
    }

    private func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data(("homeport: " + line + "\n").utf8))
}

func fail(_ message: String, code: ExitCode32) -> Never {
    printError(message)
    exit(code.rawValue)
}

enum AtomicFile {
    /// Writes through a temporary file in the same directory and renames it into place.
    static func write(_ data: Data, to path: String) throws {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
