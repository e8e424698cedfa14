// `homeport scan`: discover files, scan them, write the report, choose the exit code.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

enum ReportFormat: String, CaseIterable {
    case text, json, sarif, github
}

struct Scan: Command {
    /// The file names directories are searched for, from the language descriptors: `.py, … and .toml`.
    static func fileNames(_ language: MessageLanguage) -> String {
        let names = Language.recognisedFileNames
        switch language {
        case .english: return names.dropLast().joined(separator: ", ") + " and " + names.last!
        case .simplifiedChinese: return names.dropLast().joined(separator: "、") + " 和 " + names.last!
        }
    }

    static let spec = CommandSpec(
        name: "scan",
        abstract: LocalizedText(en: "Scan files and directories for OpenAI dependencies.", zh: "扫描文件和目录中的 OpenAI 依赖。"),
        discussion: LocalizedText(en: """
            Directories are searched for \(Scan.fileNames(.english)) files and for extensionless \
            scripts with a python shebang (C and C++ need libclang at run time); inside a git work tree, files ignored by git are left \
            out. .git, .build, node_modules and virtualenvs are always skipped. Files named \
            explicitly are always scanned.

            Settings come from the nearest .homeport.yml at or above each path (or --config); \
            see `homeport init` and `homeport config --show`.

            --staged scans what the next commit would record (the git index, not the work tree): \
            the files it adds or changes, under their repository paths, with .homeport.yml and the \
            baseline read as staged. A failing --staged scan, or one run by pre-commit, ends with \
            the ways out (fix, suppress, skip once) on standard error.

            Exit codes:
              0 pass: nothing reported at or above --fail-on
              1 findings at or above --fail-on (default warning), not in the baseline
              2 usage, configuration, rule or output error; --staged outside a git work tree
              3 scan incomplete: a named path is missing, a file could not be read, or libclang is missing for C/C++ files
            """, zh: """
            目录中会查找 \(Scan.fileNames(.simplifiedChinese)) 文件，以及带 python shebang 的无扩展名脚本（C 和 C++ 运行时需要 libclang）；在 git 工作树中，被 git 忽略的文件不扫描。.git、.build、node_modules 和虚拟环境总是跳过。命令行上明确指定的文件总是扫描。

            设置来自每个路径所在目录或上级目录中最近的 .homeport.yml（或 --config）；参见 `homeport init` 和 `homeport config --show`。

            退出码：
              0 通过：没有达到 --fail-on 的问题
              1 有达到 --fail-on（默认 warning）且不在基线中的问题
              2 用法、配置、规则或输出错误；在 git 工作树之外使用 --staged
              3 扫描不完整：指定的路径不存在、文件无法读取，或缺少 libclang 而无法扫描 C/C++ 文件
            """),
        positional: ScanSettings.paths,
        groups: [
            .options([
                .choice("format", "format", ReportFormat.allCases.map(\.rawValue),
                        "Report format: text, json, sarif or github (GitHub Actions annotations).", zh: "报告格式：text、json、sarif 或 github（GitHub Actions 注解）。"),
                .value("output", short: "o", "file", "Write the report to this file instead of standard output.", zh: "把报告写入该文件，而不是标准输出。"),
                .flag("quiet", short: "q", "Print only findings and errors: no summary, no warnings about skipped files, no progress line.", zh: "只打印问题和错误：没有汇总，没有关于跳过文件的警告，也没有进度行。"),
                .flag("no-color",
                      "Never colour the text report (it is coloured only on a terminal; NO_COLOR is honoured too).", zh: "文本报告不使用颜色（只在终端上才着色；也遵循 NO_COLOR）。"),
                .flag("staged", "Scan the staged content of the files the next commit adds or changes (for git hooks).",
                      zh: "扫描下一次提交新增或修改的文件的暂存内容（用于 git 钩子）。"),
            ] + ScanSettings.options),
            ConfigOptions.group,
            GateOptions.group,
        ])

    var settings: ScanSettings
    var format: ReportFormat
    var output: String?
    var quiet: Bool
    var noColor: Bool
    var staged: Bool
    var gate: GateOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        settings = try ScanSettings(arguments)
        format = try arguments.choice("format", as: ReportFormat.self) ?? .text
        output = arguments.value("output")
        quiet = arguments.flag("quiet")
        noColor = arguments.flag("no-color")
        staged = arguments.flag("staged")
        gate = try GateOptions(arguments)
        if staged {
            // The index decides what is scanned: a path, a line range or a shard would second-guess it,
            // and a commit records a link itself, never the file it points to.
            let conflicting = (settings.paths.isEmpty ? [] : [say(.pathArguments)]) + (gate.since == nil ? [] : ["--since"])
                + (gate.shard == nil ? [] : ["--shard"]) + (settings.followLinks ? ["--follow-links"] : [])
            if let first = conflicting.first {
                throw UsageError(description: say(.stagedTakesNoPaths, ["argument": first]))
            }
        }
    }

    func run() throws {
        // Text is for a person; JSON, SARIF and annotations are read by machines and CI logs, so they
        // follow only an explicit --lang.
        let language = format == .text ? ProcessLanguage.language : ProcessLanguage.choice.machineLanguage
        var prepared: ScanSettings.Prepared
        if staged {
            let stagedFiles: StagedFiles
            do {
                stagedFiles = try StagedFiles.read(in: Path.currentDirectory)
            } catch {
                fail(describe(error), code: .usage)
            }
            prepared = settings.prepare(staged: stagedFiles, language: language)
        } else {
            // Files are found while the scan runs.
            prepared = settings.prepare(shard: gate.shard, language: language, discovering: false)
        }
        let rules = prepared.rules
        // Findings the baseline or --since may drop are written after them, not by the workers.
        let rendersJSONFindings = format == .json && gate.baseline == nil && gate.since == nil
            && prepared.plan.configuration.baseline == nil
        var report = settings.scan(&prepared, computesLineHashes: format == .sarif, quiet: quiet,
                                   rendersJSONFindings: rendersJSONFindings)
        let plan = prepared.plan
        let outcome = plan.filter(&report, options: gate)
        // Report paths are relative to it: the repository's top folder with --staged.
        let workingDirectory = plan.workingDirectory

        for problem in report.problems where problem.kind == .error || !quiet {
            printError(problem.description(in: ProcessLanguage.language))
        }
        if !quiet { outcome.printSummary() }

        if format == .json, let fragments = report.findingsFragments {
            writeResult(JSONReporter.render(report, findingsFragments: fragments, language: language), to: output)
        } else {
            writeReport(report, rules: rules, language: language, workingDirectory: workingDirectory)
        }

        let code = plan.exitCode(for: report, options: gate)
        if code == .findings && (staged || HookAdvice.isRunByPreCommit) {
            StandardStream.error.write(HookAdvice(findings: report.findings, target: prepared.advisor.target.id,
                                                  threshold: plan.threshold(options: gate)).render())
        }
        // The process ends next: its memory goes back whole, not finding by finding and rule by rule.
        ProcessLifetime.keep(report, prepared)
        if code != .clean { throw Exit(code: code) }
    }

    /// Renders the report in the chosen format and writes it out.
    private func writeReport(_ report: ScanReport, rules: RuleSet, language: MessageLanguage, workingDirectory: String) {
        let rendered: String
        switch format {
        case .text:
            let color = !noColor && output == nil && StandardStream.output.isTerminal
                && SystemInfo.environment("NO_COLOR").map(\.isEmpty) ?? true
            // Quiet: without the summary, the report's last line. Written as the bytes it was made of.
            writeResult(TextReporter(useColor: color, language: language).renderUTF8(report, rules: rules, summary: !quiet),
                        to: output)
            rendered = ""
        case .json:
            rendered = JSONReporter.render(report, rules: rules, language: language)
        case .sarif:
            rendered = SARIFReporter.render(report, rules: rules, sourceRoot: workingDirectory,
                                            details: sarifDetails(sourceRoot: workingDirectory), language: language)
            for warning in SARIFLimits.warnings(results: report.findings.count, rules: rules.rules.count) {
                printError(say(.warningPrefix, ["message": warning.text(in: ProcessLanguage.language)]))
            }
        case .github:
            rendered = GitHubActionsReporter.render(report, rules: rules, language: language)
        }
        if format != .text { writeResult(rendered, to: output) }
    }

    private func sarifDetails(sourceRoot: String) -> SARIFRunDetails {
        SARIFRunDetails(automationID: gate.sarifCategory.map(SARIFRunDetails.automationID(category:)),
                        versionControl: SARIFRunDetails.versionControl(of: sourceRoot, sourceRoot: sourceRoot))
    }
}

/// Values the command keeps until the process exits: freeing a report's findings one by one (their
/// strings, suggestions and edits), and the setup's rules and catalog, just before `exit` only spent
/// time. A command runs once per process.
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ values: Any...) {
        kept.append(contentsOf: values)
    }
}

func printError(_ line: String) {
    StandardStream.error.write("homeport: " + line + "\n")
}

func fail(_ message: String, code: ExitCode32) -> Never {
    printError(message)
    exit(code.rawValue)
}
