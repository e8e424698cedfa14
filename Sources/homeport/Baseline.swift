// `homeport baseline`: records today's findings so `scan --baseline` fails only on new ones.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct BaselineCommand: Command {
    static let spec = CommandSpec(
        name: "baseline",
        abstract: LocalizedText(en: "Record the current findings in a baseline file.", zh: "把当前的问题记录到基线文件中。"),
        discussion: LocalizedText(en: """
            Scans like `homeport scan` (same discovery and configuration) and writes every finding's \
            content key: rule, file, the line's text with spaces collapsed, and its occurrence. \
            `homeport scan --baseline FILE` (or `baseline:` in .homeport.yml) then reports and fails \
            only on findings whose key is not in it: inserting lines above a finding keeps it \
            baselined, editing its line makes it new. No source text or secret is stored.
            """, zh: """
            像 `homeport scan` 一样扫描（相同的文件发现和配置），写出每个问题的内容键：规则、文件、该行去掉多余空白后的文本，以及它的出现序号。之后 `homeport scan --baseline FILE`（或 .homeport.yml 中的 `baseline:`）只报告键不在其中的问题，也只因它们而失败：在问题上方插入行不影响，修改该行则视为新问题。不保存任何源码或密钥。
            """),
        positional: ScanSettings.paths,
        groups: [
            .options([
                .value("output", short: "o", "file",
                       "The baseline file to write (default: the configuration's baseline, else .homeport-baseline.json).", zh: "要写入的基线文件（默认：配置中的 baseline，否则 .homeport-baseline.json）。"),
                .value("jobs", "n", "Worker threads (default: one per core).", zh: "工作线程数（默认：每个核心一个）。"),
            ] + ScanSettings.discoveryOptions),
            ConfigOptions.group,
        ])

    var paths: [String]
    var output: String?
    var config: ConfigOptions
    var jobs: Int?
    var followLinks: Bool
    var maxFileSize: Int?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        paths = arguments.positionals
        output = arguments.value("output")
        config = ConfigOptions(arguments)
        jobs = try arguments.int("jobs", atLeast: 1)
        followLinks = arguments.flag("follow-links")
        maxFileSize = try ScanSettings.size(arguments.value("max-file-size"))
    }

    func run() throws {
        let workingDirectory = Path.currentDirectory
        // The files `scan` would find with the same options, so their findings are the ones recorded.
        let plan = GatePlan(paths: paths, configurationFile: config.file, workingDirectory: workingDirectory,
                            followLinks: followLinks)
        exitOnSetupProblems(plan.setupProblems)
        let rules: RuleSet
        do { rules = try RuleSet.bundled() } catch { fail(describe(error), code: .usage) }
        var treeScan = TreeScan(scanner: Scanner(rules: rules), threads: jobs ?? SystemInfo.activeProcessorCount)
        treeScan.computesLineHashes = true
        if let maxFileSize { treeScan.maxFileSize = maxFileSize }
        var report = treeScan.scan(plan.targets)
        report.problems = plan.problems + report.problems
        report.findings = plan.configured(report.findings.sorted())
        for problem in report.problems { printError(problem.description(in: ProcessLanguage.language)) }

        let file = output.map { Path.absolute($0, in: workingDirectory) }
            ?? plan.configuration.baseline ?? Path.absolute(".homeport-baseline.json", in: workingDirectory)
        let folder = Path.parent(of: file)
        let text = Baseline.render(report.findings) { plan.baselinePath(of: $0, baselineFolder: folder) }
        do {
            try AtomicFile.write(Array(text.utf8), to: file)
        } catch {
            fail(say(.cannotWriteBaseline, ["path": output ?? file, "reason": describe(error)]), code: .usage)
        }
        let count = report.findings.count
        printError(CLIMessage.counted(count, one: .recordedOne, many: .recordedMany, ["path": output ?? file]))
        if report.isIncomplete { throw Exit(code: .incomplete) }
    }
}
