// The core's message table: every sentence the engine and its reporters put in front of a person,
// in English and Simplified Chinese. Rule texts live in rules/*.yml, provider names in the catalog.

/// One entry of the table. A `switch` (not a dictionary) so that a missing text is a compile error
/// and looking one up costs nothing at start-up; `allCases` lets a test check every pair.
public enum CoreMessage: String, CaseIterable, Sendable {
    // Suggestions (MigrationAdvisor)
    case manualMigration, modelThroughNativeAPI, noModelForClass, otherProviderOffers, alternativePrefix,
         throughItsNativeAPI, useModel, noCompatibleEndpoint, otherProviderServesEndpoint, noteSuffix,
         useReplacement, replaceAzureDeployment, noCompatibleAPI, environmentModelSetting,
         environmentNoEquivalent, environmentSetBaseURL, neutralSettingName, tiktokenCounts, langchainBaseURL, llamaIndexOpenAILike,
         pythonSDKBaseURL, nativeSDKAlternative, macPawBaseURL, otherSDKBaseURL, clientRewriteOne,
         clientRewriteMany, macPawRewrite, revokeKey, callSendsImages, contextTooSmall, checkMessagesForImages,
         checkMessagesNoVision, environmentSecretReference,
         environmentRenameHeld
    // Replacement notes (the editor's hover)
    case nativeAPIOnly, noBaseURLVariable, nativeSDK, keyVariable
    // Scanner
    case clientAlreadyPoints, suppressionNamesUnknownRule, suppressionNamesUnknownRules, suppressionSuppressesNothing
    // Scan problems
    case problemError, problemWarning, noSuchPath, symbolicLinkLoop, cannotReadDirectory, cannotReadFile, fileTooLarge,
         fileOverLimit, notRegularFile,
         notASourceFile, binaryFile, invalidUTF8, clangMissingOne, clangMissingMany, unterminatedString,
         unterminatedBlockComment, clangCouldNotRead, clangUnavailableNotScanned, notebookNotJSON, isADirectory, aFIFO, aSocket,
         aCharacterDevice, aBlockDevice, notAFile, notInIndex, notInObjectDatabase, clangNotFound,
         clangLacksSymbol
    // Git-based scans (--since, --staged) and merging SARIF
    case cannotRun, sinceNotRevision, sinceNeedsWorkTree, sinceUnknownRevision, stagedNeedsWorkTree, tooManyResults, tooManyRules,
         notSARIFLog, notSARIF210, runNotObject, noRunsToMerge, differentTool, differentCategory, differentSourceRoot
    // `homeport config --show`: the comments of the effective configuration
    case effectiveHeader, effectiveNoFile, effectiveFrom, effectiveGlobRoot, effectiveTargetUnset, effectiveDefault
    // Text report (and the GitHub annotation's help line)
    case annotationHelp, helpLabel, inCell, alternativesLabel, listSeparator, noFindings, noFindingsTail, findingsOne, findingsMany,
         findingsTail, filesOne, filesMany, errorsOne, errorsMany, warningsOne, warningsMany, notesOne, notesMany,
         incomplete, incompleteTailOne, incompleteTailMany

    public var text: LocalizedText {
        switch self {
        case .manualMigration: return .init(en: "manual migration: {note}", zh: "手动迁移：{note}")
        case .modelThroughNativeAPI:
            return .init(en: "manual migration: use `{model}` through {provider}'s native API (its `{endpoint}` endpoint is not OpenAI-compatible)",
                         zh: "手动迁移：通过{provider}的原生 API 使用 `{model}`（它的 `{endpoint}` 端点不兼容 OpenAI）")
        case .noModelForClass:
            return .init(en: "manual migration: {provider} has no {class} model", zh: "手动迁移：{provider}没有{class}模型")
        case .otherProviderOffers: return .init(en: "; {provider} offers `{model}`", zh: "；{provider}有 `{model}`")
        case .alternativePrefix: return .init(en: "or ", zh: "或")
        case .throughItsNativeAPI: return .init(en: " through its native API", zh: "，需通过其原生 API")
        case .callSendsImages: return .init(en: " (the call sends images)", zh: "（该调用发送图片）")
        case .contextTooSmall:
            return .init(en: "manual migration: {provider}'s {class} models hold at most {largest} tokens, less than the {context} of `{model}`",
                         zh: "手动迁移：{provider}的{class}模型最多容纳{largest}个 token，少于 `{model}` 的{context}个")
        case .checkMessagesForImages:
            return .init(en: "; the messages are built elsewhere: if they carry images, use `{vision}` instead",
                         zh: "；消息在别处构建：如果其中带有图片，请改用 `{vision}`")
        case .checkMessagesNoVision:
            return .init(en: "; the messages are built elsewhere: if they carry images, {provider} has no vision model ({other} has `{model}`)",
                         zh: "；消息在别处构建：如果其中带有图片，{provider}没有视觉模型（{other}有 `{model}`）")
        case .useModel: return .init(en: "use `{model}` ({provider}, {class})", zh: "改用 `{model}`（{provider}，{class}）")
        case .noCompatibleEndpoint:
            return .init(en: "manual migration: {provider} serves no OpenAI-compatible `{family}` endpoint",
                         zh: "手动迁移：{provider}没有兼容 OpenAI 的 `{family}` 端点")
        case .otherProviderServesEndpoint:
            return .init(en: "; {provider} does, at {url}", zh: "；{provider}有，地址为{url}")
        case .noteSuffix: return .init(en: "; {note}", zh: "；{note}")
        case .useReplacement: return .init(en: "use `{replacement}` ({provider})", zh: "改用 `{replacement}`（{provider}）")
        case .replaceAzureDeployment:
            return .init(en: "manual migration: replace the Azure OpenAI deployment with {provider} at {url} (`AzureOpenAI(azure_endpoint=…)` becomes `OpenAI(base_url=…)`; deployment names become model IDs)",
                         zh: "手动迁移：把 Azure OpenAI 部署换成{provider}，地址为{url}（`AzureOpenAI(azure_endpoint=…)` 改为 `OpenAI(base_url=…)`；部署名改为模型 ID）")
        case .noCompatibleAPI:
            return .init(en: "no domestic provider serves OpenAI's `{family}` API compatibly",
                         zh: "没有国内服务商提供与 OpenAI `{family}` API 兼容的服务")
        case .environmentModelSetting:
            return .init(en: "manual migration: keep your own model setting but set it to a {provider} model, e.g. `{model}`",
                         zh: "手动迁移：保留你自己的模型设置，但把值改为{provider}的模型，例如 `{model}`")
        case .environmentNoEquivalent:
            return .init(en: "manual migration: {provider} has no equivalent of `{name}`; remove it",
                         zh: "手动迁移：{provider}没有与 `{name}` 对应的设置；请删除它")
        case .neutralSettingName:
            return .init(en: "keep the setting, but consider a provider-neutral name such as `{name}` (rename it where deployments set it too)",
                         zh: "保留这个设置，但可以考虑改用与服务商无关的名称，例如 `{name}`（部署中设置它的地方也一并改名）")
        case .environmentSetBaseURL:
            return .init(en: "manual migration: set the base URL to {url}", zh: "手动迁移：把 base URL 设为{url}")
        case .tiktokenCounts:
            return .init(en: "token counts from tiktoken do not match {provider}'s tokenizer; use the `usage` numbers the API returns",
                         zh: "tiktoken 算出的 token 数与{provider}的分词器不一致；请以 API 返回的 `usage` 为准")
        case .langchainBaseURL:
            return .init(en: "keep `ChatOpenAI`/`OpenAIEmbeddings` with `base_url=\"{url}\"` and `api_key=os.environ[\"{key}\"]`",
                         zh: "保留 `ChatOpenAI`/`OpenAIEmbeddings`，传入 `base_url=\"{url}\"` 和 `api_key=os.environ[\"{key}\"]`")
        case .llamaIndexOpenAILike:
            return .init(en: "use `OpenAILike(api_base=\"{url}\", api_key=os.environ[\"{key}\"], model=…)` from `llama_index.llms.openai_like`",
                         zh: "改用 `llama_index.llms.openai_like` 中的 `OpenAILike(api_base=\"{url}\", api_key=os.environ[\"{key}\"], model=…)`")
        case .pythonSDKBaseURL:
            return .init(en: "keep the `openai` SDK and point it at {provider}: `OpenAI(base_url=\"{url}\", api_key=os.environ[\"{key}\"])`",
                         zh: "保留 `openai` SDK，把它指向{provider}：`OpenAI(base_url=\"{url}\", api_key=os.environ[\"{key}\"])`")
        case .nativeSDKAlternative: return .init(en: ", or use the native SDK `{package}`", zh: "，或改用原生 SDK `{package}`")
        case .macPawBaseURL:
            return .init(en: "keep MacPaw OpenAI and point it at {provider}: `OpenAI(configuration: .init(token: key, host: \"{host}\", basePath: \"{path}\"))`",
                         zh: "保留 MacPaw OpenAI，把它指向{provider}：`OpenAI(configuration: .init(token: key, host: \"{host}\", basePath: \"{path}\"))`")
        case .otherSDKBaseURL:
            return .init(en: "point the SDK's base URL at {url} and read the key from `{key}`",
                         zh: "把 SDK 的 base URL 指向{url}，并从 `{key}` 读取密钥")
        case .clientRewriteOne:
            return .init(en: "point the client at {provider}: add `base_url=\"{url}\"` and `api_key=os.environ[\"{key}\"]`",
                         zh: "把客户端指向{provider}：添加 `base_url=\"{url}\"` 和 `api_key=os.environ[\"{key}\"]`")
        case .clientRewriteMany:
            return .init(en: "point the {count} clients at {provider}: add `base_url=\"{url}\"` and `api_key=os.environ[\"{key}\"]`",
                         zh: "把{count}个客户端指向{provider}：添加 `base_url=\"{url}\"` 和 `api_key=os.environ[\"{key}\"]`")
        case .macPawRewrite:
            return .init(en: "point MacPaw's client at {provider}: `OpenAI.Configuration(token: …, {arguments})`",
                         zh: "把 MacPaw 客户端指向{provider}：`OpenAI.Configuration(token: …, {arguments})`")
        case .environmentSecretReference:
            return .init(en: "manual migration: `{name}` is a CI secret: create the secret `{replacement}`, then refer to it",
                         zh: "手动迁移：`{name}` 是 CI 密钥（secret）：请先创建密钥 `{replacement}`，再引用它")
        case .environmentRenameHeld:
            return .init(en: "manual migration: `{name}` is also used where it cannot be renamed ({where}); rename it to `{replacement}` everywhere by hand, never one side alone",
                         zh: "手动迁移：`{name}` 还用在无法自动改名的地方（{where}）；请手动在所有地方把它改为 `{replacement}`，不要只改一处")
        case .revokeKey:
            return .init(en: "revoke this key now, then read {provider}'s key with `{read}`",
                         zh: "立即作废这个密钥，然后用 `{read}` 读取{provider}的密钥")
        case .nativeAPIOnly: return .init(en: "native API only", zh: "仅原生 API")
        case .noBaseURLVariable: return .init(en: "no variable; set the base URL", zh: "没有对应变量；请直接设置 base URL")
        case .nativeSDK: return .init(en: "native SDK `{package}`", zh: "原生 SDK `{package}`")
        case .keyVariable: return .init(en: "key variable", zh: "密钥变量")
        case .clientAlreadyPoints:
            return .init(en: "; the client already points at {provider} ({host})", zh: "；客户端已指向{provider}（{host}）")
        case .suppressionNamesUnknownRule:
            return .init(en: "`{directive}` names unknown rule `{rule}`", zh: "`{directive}` 指定了未知规则 `{rule}`")
        case .suppressionNamesUnknownRules:
            return .init(en: "`{directive}` names unknown rules {rules}", zh: "`{directive}` 指定了未知规则{rules}")
        case .suppressionSuppressesNothing:
            return .init(en: "`{directive}` suppresses nothing", zh: "`{directive}` 没有抑制任何问题")
        case .problemError: return .init(en: "error", zh: "错误")
        case .problemWarning: return .init(en: "warning", zh: "警告")
        case .noSuchPath: return .init(en: "no such file or directory", zh: "文件或目录不存在")
        case .symbolicLinkLoop: return .init(en: "a loop of symbolic links", zh: "符号链接构成了循环")
        case .fileOverLimit:
            return .init(en: "file is {size} bytes, over the {limit}-byte --max-file-size; not scanned",
                         zh: "文件大小为{size}字节，超过 --max-file-size 规定的{limit}字节；未扫描")
        case .notRegularFile: return .init(en: "{kind}, not a regular file; not opened", zh: "{kind}，不是普通文件；未打开")
        case .cannotReadDirectory: return .init(en: "cannot read directory: {reason}", zh: "无法读取目录：{reason}")
        case .cannotReadFile: return .init(en: "cannot read file: {reason}", zh: "无法读取文件：{reason}")
        case .fileTooLarge:
            return .init(en: "file is {size} MiB, over the {limit} MiB limit; not scanned",
                         zh: "文件大小为{size} MiB，超过{limit} MiB 的上限；未扫描")
        case .notASourceFile:
            return .init(en: "not a {kinds} file (by name, extension or shebang); not scanned",
                         zh: "不是{kinds}文件（按文件名、扩展名或 shebang 判断）；未扫描")
        case .binaryFile: return .init(en: "binary file (contains NUL bytes); not scanned", zh: "二进制文件（含 NUL 字节）；未扫描")
        case .invalidUTF8:
            return .init(en: "not valid UTF-8; scanned as bytes, invalid sequences shown as U+FFFD",
                         zh: "不是有效的 UTF-8；已按字节扫描，无效序列显示为 U+FFFD")
        case .clangMissingOne:
            return .init(en: "{reason}; 1 C/C++ file not scanned — install libclang-dev (apt-get install -y libclang-dev)",
                         zh: "{reason}；1 个 C/C++ 文件未扫描——请安装 libclang-dev（apt-get install -y libclang-dev）")
        case .clangMissingMany:
            return .init(en: "{reason}; {count} C/C++ files not scanned (this one and {others} more) — install libclang-dev (apt-get install -y libclang-dev)",
                         zh: "{reason}；{count}个 C/C++ 文件未扫描（此文件及另外{others}个）——请安装 libclang-dev（apt-get install -y libclang-dev）")
        case .unterminatedString: return .init(en: "unterminated string literal", zh: "字符串字面量没有结束")
        case .unterminatedBlockComment: return .init(en: "unterminated block comment", zh: "块注释没有结束")
        case .clangCouldNotRead: return .init(en: "libclang could not read the file; not scanned", zh: "libclang 无法读取该文件；未扫描")
        case .clangUnavailableNotScanned: return .init(en: "{reason}; not scanned", zh: "{reason}；未扫描")
        case .notebookNotJSON: return .init(en: "not a notebook (invalid JSON: {message}); not scanned",
                                            zh: "不是笔记本（JSON 无效：{message}）；未扫描")
        case .isADirectory: return .init(en: "is a directory", zh: "这是一个目录")
        case .aFIFO: return .init(en: "a FIFO", zh: "命名管道（FIFO）")
        case .aSocket: return .init(en: "a socket", zh: "套接字")
        case .aCharacterDevice: return .init(en: "a character device", zh: "字符设备")
        case .aBlockDevice: return .init(en: "a block device", zh: "块设备")
        case .notAFile: return .init(en: "not a file", zh: "不是文件")
        case .notInIndex:
            return .init(en: "not in the git index (scan --staged reads it as staged)", zh: "不在 git 索引中（scan --staged 读取的是暂存的版本）")
        case .notInObjectDatabase: return .init(en: "not in the git object database", zh: "不在 git 对象库中")
        case .clangNotFound: return .init(en: "libclang not found (tried {tried})", zh: "找不到 libclang（已尝试{tried}）")
        case .clangLacksSymbol: return .init(en: "libclang at {path} lacks `{symbol}`", zh: "位于{path}的 libclang 缺少 `{symbol}`")
        case .cannotRun: return .init(en: "cannot run {program}: {reason}", zh: "无法运行{program}：{reason}")
        case .sinceNotRevision: return .init(en: "--since: `{revision}` is not a revision", zh: "--since：`{revision}` 不是修订版本")
        case .sinceNeedsWorkTree:
            return .init(en: "--since needs a git work tree; {path} is not in one", zh: "--since 需要 git 工作树；{path}不在工作树中")
        case .sinceUnknownRevision: return .init(en: "--since: unknown revision `{revision}`", zh: "--since：未知的修订版本 `{revision}`")
        case .stagedNeedsWorkTree:
            return .init(en: "--staged needs a git work tree; {path} is not in one", zh: "--staged 需要 git 工作树；{path}不在工作树中")
        case .tooManyResults:
            return .init(en: "{count} results in one SARIF run: GitHub code scanning accepts at most {limit} per run (and shows the first 5,000 by severity); use a baseline, --fail-on or --shard",
                         zh: "一个 SARIF 运行中有{count}个结果：GitHub 代码扫描每个运行最多接受{limit}个（并按严重程度只显示前 5,000 个）；请使用基线、--fail-on 或 --shard")
        case .tooManyRules:
            return .init(en: "{count} rules in one SARIF run: GitHub code scanning accepts at most {limit}",
                         zh: "一个 SARIF 运行中有{count}条规则：GitHub 代码扫描最多接受{limit}条")
        case .notSARIFLog: return .init(en: "{path}: not a SARIF log (no `runs`)", zh: "{path}：不是 SARIF 日志（没有 `runs`）")
        case .notSARIF210: return .init(en: "{path}: not SARIF 2.1.0", zh: "{path}：不是 SARIF 2.1.0")
        case .runNotObject: return .init(en: "{path}: a run is not an object", zh: "{path}：某个运行不是对象")
        case .noRunsToMerge: return .init(en: "no runs to merge", zh: "没有可合并的运行")
        case .differentTool:
            return .init(en: "{path}: made by a different tool; only one tool's shards merge", zh: "{path}：由其他工具生成；只能合并同一工具的分片")
        case .differentCategory:
            return .init(en: "{path}: a different --sarif-category; merge each category separately",
                         zh: "{path}：--sarif-category 不同；请按类别分别合并")
        case .differentSourceRoot:
            return .init(en: "{path}: scanned from a different source root; its paths are kept as written",
                         zh: "{path}：扫描时的源根目录不同；其路径按原样保留")
        case .effectiveHeader: return .init(en: "Effective Homeport configuration", zh: "生效的 Homeport 配置")
        case .effectiveNoFile: return .init(en: "no .homeport.yml found: defaults", zh: "没有找到 .homeport.yml：使用默认值")
        case .effectiveFrom: return .init(en: "from: {files}", zh: "来自：{files}")
        case .effectiveGlobRoot: return .init(en: "globs are relative to: {root}", zh: "glob 相对于：{root}")
        case .effectiveTargetUnset:
            return .init(en: "not set; the catalog's default provider", zh: "未设置；使用服务商清单的默认服务商")
        case .effectiveDefault: return .init(en: "default", zh: "默认值")
        case .annotationHelp: return .init(en: "help: {help}", zh: "建议：{help}")
        case .helpLabel: return .init(en: "= help:", zh: "= 建议：")
        case .inCell: return .init(en: " (cell {cell}, line {line})", zh: "（第{cell}个单元格第{line}行）")
        case .alternativesLabel: return .init(en: "= or:", zh: "= 或：")
        case .listSeparator: return .init(en: ", ", zh: "，")
        case .noFindings: return .init(en: "No OpenAI dependencies found", zh: "未发现 OpenAI 依赖")
        case .noFindingsTail: return .init(en: " in {files}.", zh: "（共扫描{files}）。")
        case .findingsOne: return .init(en: "Found 1 finding", zh: "发现 1 个问题")
        case .findingsMany: return .init(en: "Found {count} findings", zh: "发现{count}个问题")
        case .findingsTail: return .init(en: " ({levels}) in {files}: {rules}.", zh: "（{levels}），共扫描{files}：{rules}。")
        case .filesOne: return .init(en: "1 file", zh: "1 个文件")
        case .filesMany: return .init(en: "{count} files", zh: "{count}个文件")
        case .errorsOne: return .init(en: "1 error", zh: "1 个错误")
        case .errorsMany: return .init(en: "{count} errors", zh: "{count}个错误")
        case .warningsOne: return .init(en: "1 warning", zh: "1 个警告")
        case .warningsMany: return .init(en: "{count} warnings", zh: "{count}个警告")
        case .notesOne: return .init(en: "1 note", zh: "1 个提示")
        case .notesMany: return .init(en: "{count} notes", zh: "{count}个提示")
        case .incomplete: return .init(en: " The scan is incomplete", zh: "扫描不完整")
        case .incompleteTailOne:
            return .init(en: ": 1 problem above kept files from being scanned.", zh: "：上面的 1 个问题导致有文件未被扫描。")
        case .incompleteTailMany:
            return .init(en: ": {count} problems above kept files from being scanned.", zh: "：上面的{count}个问题导致有文件未被扫描。")
        }
    }

    public func format(_ language: MessageLanguage, _ values: [String: String] = [:]) -> String {
        text.format(language, values)
    }

    /// The text in both languages with its placeholders filled (see `LocalizedText.filled`).
    public func filled(_ values: [String: String] = [:], localized: [String: LocalizedText] = [:]) -> LocalizedText {
        text.filled(values, localized: localized)
    }

    /// The `one` form when `count` is 1, else `many` with `{count}` filled.
    public static func counted(_ count: Int, one: CoreMessage, many: CoreMessage, _ language: MessageLanguage,
                               _ values: [String: String] = [:]) -> String {
        var values = values
        values["count"] = String(count)
        return (count == 1 ? one : many).format(language, values)
    }
}
