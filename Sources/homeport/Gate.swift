// The CI gate's options (configuration, fail-on, baseline, --since, shards) and its exit code; the
// gate itself is the core's `GatePlan`.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

/// Options that pick the configuration (shared by scan, baseline and config).
struct ConfigOptions {
    static let group = OptionGroupSpec(title: LocalizedText(en: "Configuration", zh: "配置"), options: [
        .value("config", "file", "Use this configuration file instead of the nearest .homeport.yml "
               + "(globs are then relative to the current directory).", zh: "使用该配置文件，而不是最近的 .homeport.yml（此时通配符相对于当前目录）。"),
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
               + "merge base with HEAD; untracked files count as new).", zh: "只报告自该 git 版本以来新增或修改的行上的问题（从它与 HEAD 的合并基点算起；未跟踪的文件算作新文件）。"),
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

extension GateOutcome {
    /// What the gate left out of the report, on standard error.
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
    /// Applies baseline and --since to the report's (sorted, configured) findings; a baseline that
    /// cannot be loaded or a revision git cannot resolve ends the command with exit code 2.
    func filter(_ report: inout ScanReport, options: GateOptions) -> GateOutcome {
        // Relative to the current folder, as every command-line path (with --staged, report paths are not).
        let outcome = filter(&report, baselineFile: options.baseline.map { Path.absolute($0, in: Path.currentDirectory) },
                             since: options.since)
        exitOnSetupProblems(outcome.problems)
        return outcome
    }

    /// The lowest level that fails: --fail-on, else the configuration's, else warning.
    func threshold(options: GateOptions) -> FailThreshold {
        threshold(failOn: options.failOn)
    }

    /// 3 when the scan is incomplete, else 1 when a finding reaches the threshold (0 with --exit-zero).
    func exitCode(for report: ScanReport, options: GateOptions) -> ExitCode32 {
        if report.isIncomplete { return .incomplete }
        if fails(report, failOn: options.failOn) && !options.exitZero { return .findings }
        return .clean
    }
}

/// The first setup problem, if any, ends the command with exit code 2 (as its one line on standard error).
func exitOnSetupProblems(_ problems: [SetupProblem]) {
    if let problem = problems.first { fail(problem.description(in: ProcessLanguage.language), code: .usage) }
}
