// `homeport fix`: apply the mechanical migrations for the target provider, or show them as a diff.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Fix: Command {
    static let spec = CommandSpec(
        name: "fix",
        abstract: LocalizedText(en: "Apply the mechanical edits that move code to a domestic provider: model IDs, API URLs, variable names.", zh: "自动完成迁移到国内服务商时能直接替换的修改：模型 ID、API URL、变量名。"),
        discussion: LocalizedText(en: """
            Safe edits (a model ID, an API URL, an environment variable name, each written verbatim \
            in a string) are applied by default; edits that need review (an SDK model constant turned \
            into a string) only with --unsafe-fixes. Findings without a mechanical edit are listed as \
            manual. Files are rewritten atomically, keeping their encoding, byte-order mark, line \
            endings and permissions; a second run changes nothing.

            Exit codes: 0 nothing left to migrate; 1 findings remain that need manual migration; \
            2 usage error; 3 scan incomplete or a file could not be written.
            """, zh: """
            安全的修改（字符串中原样写出的模型 ID、API URL、环境变量名）默认应用；需要审查的修改（把 SDK 模型常量改成字符串）只在 --unsafe-fixes 时应用。无法直接替换的问题列为需要手动迁移。文件以原子方式重写，保留编码、字节顺序标记、换行符和权限；再次运行不会有任何改动。

            退出码：0 没有剩余需要迁移的内容；1 还有需要手动迁移的问题；2 用法错误；3 扫描不完整或文件无法写入。
            """),
        positional: ScanSettings.paths,
        groups: [
            .options([
                .flag("diff", "Print a unified diff of the edits instead of writing them.", zh: "只打印修改的统一差异（unified diff），不写入文件。"),
                .flag("unsafe-fixes", "Also apply edits that need review.", zh: "同时应用需要审查的修改。"),
            ] + ScanSettings.options),
            ConfigOptions.group,
        ])

    var settings: ScanSettings
    var diff: Bool
    var unsafeFixes: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        settings = try ScanSettings(arguments)
        diff = arguments.flag("diff")
        unsafeFixes = arguments.flag("unsafe-fixes")
    }

    func run() throws {
        let prepared = settings.prepare()
        let advisor = prepared.advisor
        CatalogNotes.print(advisor.catalog, target: advisor.target)
        let report = settings.scan(prepared)
        for problem in report.problems { printError(problem.description(in: ProcessLanguage.language)) }

        var editsByPath: [String: [TextEdit]] = [:]
        var fixedCount: [String: Int] = [:]
        var manual: [Finding] = []
        var secretsByPath: [String: [Finding]] = [:]
        for finding in report.findings where finding.revealedPrefix != nil {
            secretsByPath[finding.path, default: []].append(finding)
        }
        // A variable is renamed everywhere (code, .env, compose, workflows) or nowhere.
        let findings = EnvironmentRenames.holdTogether(report.findings, language: ProcessLanguage.language)
        for finding in findings {
            guard let suggestion = finding.fixSuggestion(includingUnsafe: unsafeFixes) else {
                manual.append(finding)
                continue
            }
            editsByPath[finding.path, default: []] += suggestion.edits
            fixedCount[finding.path, default: 0] += 1
        }

        Fix.stopBeforeRenameForTests()
        let workingDirectory = Path.currentDirectory
        var failed = false
        var changedFiles = 0
        for path in editsByPath.keys.sorted() {
            let fileSystemPath = path.hasPrefix("/") ? path : workingDirectory + "/" + path
            do {
                let old = try TreeScan.readFile(fileSystemPath)
                let new = EditApplier.apply(editsByPath[path]!, to: old)
                guard new != old else { continue }
                if !diff, let refusal = Fix.refusal(toRewrite: fileSystemPath, in: workingDirectory) {
                    printError(say(.notRewritten, ["path": path, "reason": say(refusal)]))
                    fixedCount[path] = nil
                    failed = true
                    continue
                }
                changedFiles += 1
                if diff {
                    let secrets = (secretsByPath[path] ?? []).compactMap { finding -> (text: String, reveal: Int)? in
                        guard finding.span.end <= old.count, let reveal = finding.revealedPrefix else { return nil }
                        return (String(decoding: old[finding.span.start..<finding.span.end], as: UTF8.self), reveal)
                    }
                    print(UnifiedDiff.render(path: path, old: old, new: new, secrets: secrets), terminator: "")
                    for change in UnifiedDiff.withheldChanges(old: old, new: new, secrets: secrets) {
                        let message: CLIMessage = change.reason == .onKeyLine ? .diffWithheld : .diffWithheldAboveKey
                        printError(say(message, ["path": Path.shown(path), "line": String(change.line)]))
                    }
                } else {
                    try AtomicFile.write(new, to: fileSystemPath)
                    print(CLIMessage.counted(fixedCount[path]!, one: .fixedFileOne, many: .fixedFileMany, ["path": Path.shown(path)]))
                }
            } catch {
                printError(say(.cannotRewrite, ["path": Path.shown(path), "reason": describe(error)]))
                failed = true
            }
        }

        let edits = fixedCount.values.reduce(0, +)
        var summary = say(.fixSummary, [
            "verb": say(diff ? .wouldFix : .fixed),
            "findings": CLIMessage.counted(edits, one: .findingCountOne, many: .findingCountMany),
            "files": CLIMessage.counted(changedFiles, one: .fileCountOne, many: .fileCountMany),
            "provider": advisor.target.name(in: ProcessLanguage.language)])
        if !manual.isEmpty {
            summary += CLIMessage.counted(manual.count, one: .manualNeededOne, many: .manualNeededMany)
        }
        StandardStream.error.write(summary + "\n")
        for finding in manual {
            let advice = finding.suggestions.first?.title ?? say(.seeExplain, ["rule": finding.ruleID])
            StandardStream.error.write(
                "  \(Path.shown(finding.path)):\(finding.start.line):\(finding.start.column): \(finding.ruleID)"
                    + (ProcessLanguage.language == .simplifiedChinese ? "：" : ": ") + "\(advice)\n")
        }
        if failed || report.isIncomplete { throw Exit(code: .incomplete) }
        if !manual.isEmpty { throw Exit(code: .findings) }
    }
}

extension Fix {
    /// HOMEPORT_TEST_STOP_BEFORE_RENAME=N: the process stops itself (SIGSTOP) when the Nth file's new
    /// text is written but not yet renamed into place, so a test can kill it at exactly that point
    /// instead of guessing with timers.
    static func stopBeforeRenameForTests() {
        guard let value = SystemInfo.environment("HOMEPORT_TEST_STOP_BEFORE_RENAME"), let stopAt = Int(value) else { return }
        nonisolated(unsafe) var written = 0
        AtomicFile.beforeRename = { _ in
            written += 1
            if written == stopAt { raise(SIGSTOP) }
        }
    }

    /// Why `fix` must not rewrite the file at `path`, or nil. A read-only file is the owner saying
    /// "do not edit" (a rename would replace it anyway where the folder is writable, and for root);
    /// a link out of the folder would have `fix` edit a file it was not asked to scan.
    static func refusal(toRewrite path: String, in workingDirectory: String) -> CLIMessage? {
        if Path.linksOutside(path, of: workingDirectory) { return .linkOutside }
        var info = stat()
        if Path.withFileSystemPath(path, { stat($0, &info) }) == 0 && info.st_mode & 0o222 == 0 { return .readOnlyFile }
        return nil
    }
}
