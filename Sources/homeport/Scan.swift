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
            Directories are searched for .py, .pyi, .pyw and .swift files and for extensionless \
            scripts with a python shebang; inside a git work tree, files ignored by git are left \
            out. .git, .build, node_modules and virtualenvs are always skipped. Files named \
            explicitly are always scanned.

            Exit codes: 0 no findings; 1 findings reported; 2 usage, rule or output error; \
            3 scan incomplete (a named path is missing or a file could not be read).
            """)

    @OptionGroup var settings: ScanSettings

    @Option(help: "Report format: text, json or sarif.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .shortAndLong, help: "Print only findings and errors: no summary, no warnings about skipped files.")
    var quiet = false

    @Flag(name: .customLong("no-color"), help: "Never colour the text report (it is coloured only on a terminal; NO_COLOR is honoured too).")
    var noColor = false

    func run() throws {
        let rules = settings.rules()
        let report = settings.scan(rules: rules, advisor: settings.advisor())
        let workingDirectory = FileManager.default.currentDirectoryPath

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
