// The command line's message table: its errors, warnings and notes in English and Simplified Chinese.
// Data only (the core never prints): it lives here beside CoreMessage so one test checks both tables.

/// One entry of the table; a `switch` so a missing translation does not compile (see CoreMessage).
public enum CLIMessage: String, CaseIterable, Sendable {
    case unknownCommand, unknownLanguage, missingValue, unknownOption, unknownShortOption, didYouMeanOption,
         optionTakesNoValue, unexpectedArgumentOne, unexpectedArgument, wholeNumber, invalidChoice,
         unknownRule, unknownProvider, unknownSubcommand, cannotWriteReport, baselinedOne, baselinedMany,
         unchangedOne, unchangedMany, warningPrefix, missingShell, unknownShell, progress, maxFileSize
    case explainHeader, explainReported, explainNotReported, explainFix, explainNeedsRule, initExists, initWrote,
         cannotWrite, noConfiguration, configurationOK
    case providersTableHeader, providersFooter, providerSeed, providerID, providerBaseURL, providerKeyVariable,
         providerBaseURLVariable, providerCompatible, providerSDK, providerModels, providerSource
    case fixedFileOne, fixedFileMany, cannotRewrite, notRewritten, linkOutside, readOnlyFile, fixSummary, wouldFix, fixed, findingCountOne, findingCountMany,
         fileCountOne, fileCountMany, manualNeededOne, manualNeededMany, seeExplain, diffWithheld, cannotWriteBaseline, recordedOne,
         recordedMany, shardFormat, emptySARIFCategory, mergeNeedsFiles, cannotRead, fileError, cannotStartServer
    case hookNeedsWorkTree, hookFolderUnknown, hookForeign, hookBackupExists, hookCannotMoveAside, hookCannotWrite,
         hookMovedAside, hookInstalled, hookNotOurs, hookCannotRemove, hookRemoved, hookNothingToRemove, hookCannotRestore,
         hookRestored, stagedTakesNoPaths, pathArguments
    case hookAdviceOne, hookAdviceMany, hookFix, hookThenAdd, hookSuppress, hookWhere, hookSkip
    case helpOverview, helpUsage, helpArguments, helpOptions, helpSubcommands, helpDefault, helpHelp, helpVersion,
         helpSeeSubcommand, helpLanguage, languageOfMessages

    public var text: LocalizedText {
        switch self {
        case .unknownCommand:
            return .init(en: "unknown command `{name}`; did you mean `{suggestion}`? (see `homeport --help`)",
                         zh: "未知命令 `{name}`；你是想用 `{suggestion}` 吗？（参见 `homeport --help`）")
        case .unknownLanguage:
            return .init(en: "unknown language `{name}` in {source}; valid: {valid}",
                         zh: "{source} 中的语言 `{name}` 无效；可选：{valid}")
        case .missingValue: return .init(en: "missing value for {option}", zh: "{option} 缺少值")
        case .unknownOption:
            return .init(en: "unknown option `{option}`{suggestion} (see `homeport {command} --help`)",
                         zh: "未知选项 `{option}`{suggestion}（参见 `homeport {command} --help`）")
        case .unknownShortOption:
            return .init(en: "unknown option `{option}` (see `homeport {command} --help`)",
                         zh: "未知选项 `{option}`（参见 `homeport {command} --help`）")
        case .didYouMeanOption: return .init(en: "; did you mean `{option}`?", zh: "；你是想用 `{option}` 吗？")
        case .optionTakesNoValue: return .init(en: "`{option}` takes no value", zh: "`{option}` 不接受值")
        case .unexpectedArgumentOne:
            return .init(en: "unexpected argument `{argument}`: `homeport {command}` takes one <{name}>",
                         zh: "多余的参数 `{argument}`：`homeport {command}` 只接受一个 <{name}>")
        case .unexpectedArgument:
            return .init(en: "unexpected argument `{argument}` (see `homeport {command} --help`)",
                         zh: "多余的参数 `{argument}`（参见 `homeport {command} --help`）")
        case .wholeNumber:
            return .init(en: "`--{option}` must be a whole number of at least {minimum}, not `{value}`",
                         zh: "`--{option}` 必须是不小于 {minimum} 的整数，而不是 `{value}`")
        case .invalidChoice:
            return .init(en: "invalid value `{value}` for --{option}; valid: {valid}",
                         zh: "--{option} 的值 `{value}` 无效；可选：{valid}")
        case .unknownRule: return .init(en: "unknown rule `{name}`; known rules: {known}", zh: "未知规则 `{name}`；已知规则：{known}")
        case .unknownProvider:
            return .init(en: "unknown provider `{name}`; known providers: {known}", zh: "未知服务商 `{name}`；已知服务商：{known}")
        case .unknownSubcommand:
            return .init(en: "unknown subcommand `{name}`; known subcommands: {known}", zh: "未知子命令 `{name}`；已知子命令：{known}")
        case .cannotWriteReport: return .init(en: "{path}: cannot write report: {reason}", zh: "{path}：无法写入报告：{reason}")
        case .baselinedOne: return .init(en: "1 finding in the baseline not reported", zh: "基线中的 1 个问题未报告")
        case .baselinedMany: return .init(en: "{count} findings in the baseline not reported", zh: "基线中的 {count} 个问题未报告")
        case .unchangedOne:
            return .init(en: "1 finding on unchanged lines not reported (--since)", zh: "未改动的行上有 1 个问题未报告（--since）")
        case .unchangedMany:
            return .init(en: "{count} findings on unchanged lines not reported (--since)",
                         zh: "未改动的行上有 {count} 个问题未报告（--since）")
        case .maxFileSize:
            return .init(en: "`--max-file-size` must be a size from 1 byte to 64M (bytes, or a number with K, M or G), not `{value}`",
                         zh: "`--max-file-size` 必须是 1 字节到 64M 之间的大小（字节数，或带 K、M、G 的数字），而不是 `{value}`")
        case .warningPrefix: return .init(en: "warning: {message}", zh: "警告：{message}")
        case .unknownShell: return .init(en: "unknown shell `{name}`; valid: {valid}", zh: "未知的 shell `{name}`；可选：{valid}")
        case .progress:
            return .init(en: "Scanning: {done}/{total} files, {findings} findings, {seconds} s",
                         zh: "正在扫描：{done}/{total} 个文件，{findings} 个问题，{seconds} 秒")
        case .explainHeader: return .init(en: "{id} ({name}) — default level: {level}", zh: "{id}（{name}）— 默认级别：{level}")
        case .explainReported: return .init(en: "Reported (the marked text):", zh: "会报告（标记的文本）：")
        case .explainNotReported: return .init(en: "Not reported:", zh: "不会报告：")
        case .explainFix:
            return .init(en: """
                Fix: `homeport fix --target PROVIDER` applies the mechanical edits; `homeport scan` shows
                each finding's suggestions. Suppress one finding with a comment on its line or the line
                above: `{python}` (Python) or `{swift}` (Swift).
                """, zh: """
                修复：`homeport fix --target PROVIDER` 会应用机械性的修改；`homeport scan` 显示每个问题的建议。
                要抑制某个问题，在该行或上一行写注释：`{python}`（Python）或 `{swift}`（Swift）。
                """)
        case .explainNeedsRule:
            return .init(en: "name the rule to explain, e.g. `homeport explain openai-model` (see `homeport rules`)",
                         zh: "请指定要解释的规则，例如 `homeport explain openai-model`（参见 `homeport rules`）")
        case .initExists: return .init(en: "{path} already exists; use --force to overwrite it", zh: "{path} 已存在；使用 --force 覆盖")
        case .initWrote: return .init(en: "wrote {path}", zh: "已写入 {path}")
        case .cannotWrite: return .init(en: "{path}: cannot write: {reason}", zh: "{path}：无法写入：{reason}")
        case .noConfiguration: return .init(en: "no configuration file; defaults apply", zh: "没有配置文件；使用默认设置")
        case .configurationOK: return .init(en: "configuration OK: {files}", zh: "配置正确：{files}")
        // Tab-separated: one column title each.
        case .providersTableHeader:
            return .init(en: "provider\tname\tbase URL\tkey variable\tcompatible\tchat\tsmall\tembedding",
                         zh: "服务商\t名称\tbase URL\t密钥变量\t兼容端点\t对话\t小模型\t嵌入")
        case .providersFooter:
            return .init(en: "* default target. Catalog {version} ({date}); `homeport providers ID` shows one provider in full.",
                         zh: "* 默认目标。目录版本 {version}（{date}）；`homeport providers ID` 显示单个服务商的全部信息。")
        case .providerSeed: return .init(en: " (offered migration help in 2024)", zh: "（2024 年提供过迁移帮助）")
        case .providerID: return .init(en: "id", zh: "ID")
        case .providerBaseURL: return .init(en: "base URL", zh: "基础 URL")
        case .providerKeyVariable: return .init(en: "key variable", zh: "密钥变量")
        case .providerBaseURLVariable: return .init(en: "base URL variable", zh: "base URL 变量")
        case .providerCompatible: return .init(en: "OpenAI-compatible", zh: "兼容 OpenAI")
        case .providerSDK: return .init(en: "{language} SDK", zh: "{language} 原生 SDK")
        case .providerModels: return .init(en: "models", zh: "模型")
        case .providerSource: return .init(en: "source", zh: "来源")
        case .fixedFileOne: return .init(en: "fixed {path}: 1 edit", zh: "已修复 {path}：1 处修改")
        case .fixedFileMany: return .init(en: "fixed {path}: {count} edits", zh: "已修复 {path}：{count} 处修改")
        case .cannotRewrite: return .init(en: "{path}: error: cannot rewrite file: {reason}", zh: "{path}：错误：无法重写文件：{reason}")
        case .notRewritten: return .init(en: "{path}: error: {reason}; not rewritten", zh: "{path}：错误：{reason}；未重写")
        case .linkOutside:
            return .init(en: "a symbolic link to a file outside the current folder", zh: "指向当前文件夹之外文件的符号链接")
        case .readOnlyFile: return .init(en: "read-only file", zh: "只读文件")
        case .fixSummary:
            return .init(en: "{verb} {findings} in {files} (target: {provider})", zh: "{verb} {findings}，涉及 {files}（目标：{provider}）")
        case .wouldFix: return .init(en: "would fix", zh: "将修复")
        case .fixed: return .init(en: "fixed", zh: "已修复")
        case .findingCountOne: return .init(en: "1 finding", zh: "1 个问题")
        case .findingCountMany: return .init(en: "{count} findings", zh: "{count} 个问题")
        case .fileCountOne: return .init(en: "1 file", zh: "1 个文件")
        case .fileCountMany: return .init(en: "{count} files", zh: "{count} 个文件")
        case .manualNeededOne: return .init(en: "; 1 needs manual migration:", zh: "；1 个需要手动迁移：")
        case .manualNeededMany: return .init(en: "; {count} need manual migration:", zh: "；{count} 个需要手动迁移：")
        case .seeExplain: return .init(en: "see `homeport explain {rule}`", zh: "参见 `homeport explain {rule}`")
        case .diffWithheld:
            return .init(en: "{path}:{line}: not in the diff: the change is on a line that holds a key, which a diff never shows; `homeport fix` makes it",
                         zh: "{path}:{line}：未写入 diff：该修改所在行含有密钥，diff 从不显示密钥；`homeport fix` 会做此修改")
        case .cannotWriteBaseline:
            return .init(en: "{path}: cannot write baseline: {reason}", zh: "{path}：无法写入基线：{reason}")
        case .recordedOne: return .init(en: "recorded 1 finding in {path}", zh: "已在 {path} 中记录 1 个问题")
        case .recordedMany: return .init(en: "recorded {count} findings in {path}", zh: "已在 {path} 中记录 {count} 个问题")
        case .shardFormat:
            return .init(en: "`--shard` must be K/N with 1 <= K <= N, not `{value}`", zh: "`--shard` 必须是 K/N 且 1 <= K <= N，而不是 `{value}`")
        case .emptySARIFCategory: return .init(en: "--sarif-category must not be empty", zh: "--sarif-category 不能为空")
        case .mergeNeedsFiles: return .init(en: "name at least one SARIF file to merge", zh: "请至少指定一个要合并的 SARIF 文件")
        case .cannotRead: return .init(en: "{path}: cannot read", zh: "{path}：无法读取")
        case .fileError: return .init(en: "{path}: {error}", zh: "{path}：{error}")
        case .cannotStartServer: return .init(en: "cannot start the language server: {reason}", zh: "无法启动语言服务器：{reason}")
        case .hookNeedsWorkTree:
            return .init(en: "a git hook needs a git work tree; {path} is not in one", zh: "git 钩子需要 git 工作树；{path} 不在工作树中")
        case .hookFolderUnknown:
            return .init(en: "git did not say where this repository's hooks are (git rev-parse --git-path hooks)",
                         zh: "git 没有给出本仓库的钩子目录（git rev-parse --git-path hooks）")
        case .hookForeign:
            return .init(en: "{path}: a pre-commit hook homeport did not write is there; --force replaces it (keeping it as {backup})",
                         zh: "{path}：已有一个不是 homeport 写的 pre-commit 钩子；--force 会替换它（保留为 {backup}）")
        case .hookBackupExists:
            return .init(en: "{path} already exists; move it away first, so no hook is lost",
                         zh: "{path} 已存在；请先把它移走，以免丢失钩子")
        case .hookCannotMoveAside: return .init(en: "{path}: cannot move aside: {reason}", zh: "{path}：无法移开：{reason}")
        case .hookCannotWrite: return .init(en: "{path}: cannot write hook: {reason}", zh: "{path}：无法写入钩子：{reason}")
        case .hookMovedAside:
            return .init(en: "moved the previous hook to {path} (it no longer runs)", zh: "已把原来的钩子移到 {path}（它不再运行）")
        case .hookInstalled:
            return .init(en: "installed {path}: commits run `homeport scan --staged`", zh: "已安装 {path}：提交时运行 `homeport scan --staged`")
        case .hookNotOurs: return .init(en: "{path} was not written by homeport; left alone", zh: "{path} 不是 homeport 写的；保持不动")
        case .hookCannotRemove: return .init(en: "{path}: cannot remove: {reason}", zh: "{path}：无法删除：{reason}")
        case .hookRemoved: return .init(en: "removed {path}", zh: "已删除 {path}")
        case .hookNothingToRemove:
            return .init(en: "no homeport hook at {path}; nothing to remove", zh: "{path} 处没有 homeport 钩子；无需删除")
        case .hookCannotRestore: return .init(en: "{path}: cannot restore: {reason}", zh: "{path}：无法恢复：{reason}")
        case .hookRestored: return .init(en: "restored the previous hook from {path}", zh: "已从 {path} 恢复原来的钩子")
        case .stagedTakesNoPaths:
            return .init(en: "--staged scans what is staged; it takes no {argument}", zh: "--staged 扫描已暂存的内容；不接受 {argument}")
        case .pathArguments: return .init(en: "path arguments", zh: "路径参数")
        case .hookAdviceOne:
            return .init(en: "homeport: this commit adds 1 OpenAI dependency. Ways out:", zh: "homeport：本次提交新增了 1 处 OpenAI 依赖。解决办法：")
        case .hookAdviceMany:
            return .init(en: "homeport: this commit adds {count} OpenAI dependencies. Ways out:",
                         zh: "homeport：本次提交新增了 {count} 处 OpenAI 依赖。解决办法：")
        case .hookFix: return .init(en: "fix:", zh: "修复：")
        case .hookThenAdd: return .init(en: "(then git add)", zh: "（然后 git add）")
        case .hookSuppress: return .init(en: "suppress:", zh: "抑制：")
        case .hookWhere:
            return .init(en: "at the end of the line or on the line above ({languages})", zh: "写在行尾或上一行（{languages}）")
        case .hookSkip: return .init(en: "skip once:", zh: "跳过一次：")
        case .helpOverview: return .init(en: "OVERVIEW:", zh: "概述：")
        case .helpUsage: return .init(en: "USAGE:", zh: "用法：")
        case .helpArguments: return .init(en: "ARGUMENTS:", zh: "参数：")
        case .helpOptions: return .init(en: "OPTIONS:", zh: "选项：")
        case .helpSubcommands: return .init(en: "SUBCOMMANDS:", zh: "子命令：")
        case .helpDefault: return .init(en: " (default)", zh: "（默认）")
        case .helpHelp: return .init(en: "Show help information.", zh: "显示帮助信息。")
        case .helpVersion: return .init(en: "Show the version.", zh: "显示版本。")
        case .helpSeeSubcommand:
            return .init(en: "See 'homeport help <subcommand>' for detailed help.", zh: "运行 'homeport help <subcommand>' 查看详细帮助。")
        case .helpLanguage:
            return .init(en: "Language of messages: en or zh-CN (default: HOMEPORT_LANG, else the locale; JSON and SARIF stay English unless --lang is given).",
                         zh: "消息语言：en 或 zh-CN（默认：HOMEPORT_LANG，否则按区域设置；除非给出 --lang，JSON 和 SARIF 保持英文）。")
        case .languageOfMessages: return .init(en: "Language of messages.", zh: "消息语言。")
        case .missingShell:
            return .init(en: "missing <shell>: `homeport completions` needs one of {valid}",
                         zh: "缺少 <shell>：`homeport completions` 需要以下之一：{valid}")
        }
    }

    public func format(_ language: MessageLanguage, _ values: [String: String] = [:]) -> String {
        text.format(language, values)
    }
}
