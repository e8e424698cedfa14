// The migration plan's message table (text and HTML), in English and Simplified Chinese.

/// One entry of the table; a `switch` so a missing translation does not compile (see CoreMessage).
public enum PlanMessage: String, CaseIterable, Sendable {
    case headerOne, headerMany, nothingToMigrate, capabilitiesHeader, manualMigration, targetModel, noCompatibleModel,
         endpointsByURL, providersHeader, noneClosest, lacks, manualEverywhere, perFileHeader, editsOne, editsMany,
         withUnsafeFixes, manualCount, partSeparator, listSeparator, fromCall, fromCallImages, fromCallAPI
    // HTML only
    case reportTitle, byRuleTitle, byClassTitle, coverageTitle, coverageNote, fixTitle, automatic, review, manual,
         filesTitle, fileColumn, lineColumn, ruleColumn, findingColumn, suggestionColumn, targetMark, generatedBy,
         noFindings, findingsUnit, incomplete

    public var text: LocalizedText {
        switch self {
        case .headerOne:
            return .init(en: "Migration plan: 1 finding in {files} of {scanned} scanned files; target {target}",
                         zh: "迁移计划：扫描了{scanned}个文件，其中{files}个文件共有 1 个问题；目标服务商：{target}")
        case .headerMany:
            return .init(en: "Migration plan: {count} findings in {files} of {scanned} scanned files; target {target}",
                         zh: "迁移计划：扫描了{scanned}个文件，其中{files}个文件共有{count}个问题；目标服务商：{target}")
        case .nothingToMigrate: return .init(en: "Nothing to migrate.", zh: "没有需要迁移的内容。")
        case .capabilitiesHeader: return .init(en: "Capabilities the code uses:", zh: "代码用到的能力：")
        case .manualMigration: return .init(en: "manual migration", zh: "手动迁移")
        case .fromCall: return .init(en: " ({count} by what the call does: {reasons})", zh: "（其中{count}个按调用内容判定：{reasons}）")
        case .fromCallImages: return .init(en: "it sends images", zh: "调用发送图片")
        case .fromCallAPI: return .init(en: "the API it calls", zh: "所调用的 API")
        case .targetModel: return .init(en: "{provider}: {model}", zh: "{provider}：{model}")
        case .noCompatibleModel:
            return .init(en: "{provider} has no compatible {class} model", zh: "{provider}没有兼容的{class}模型")
        case .endpointsByURL: return .init(en: "endpoints called by URL: {families}", zh: "代码直接按 URL 访问的端点：{families}")
        case .providersHeader:
            return .init(en: "Providers that cover every capability through an OpenAI-compatible API:",
                         zh: "通过兼容 OpenAI 的 API 覆盖全部能力的服务商：")
        case .noneClosest: return .init(en: "none; the closest:", zh: "没有；最接近的是：")
        case .lacks: return .init(en: "lacks {classes}", zh: "缺少{classes}")
        case .manualEverywhere: return .init(en: "manual everywhere: {classes}", zh: "各家都需手动迁移：{classes}")
        case .perFileHeader:
            return .init(en: "Per file (what `homeport fix --target {target}` does):",
                         zh: "按文件（`homeport fix --target {target}` 会做的修改）：")
        case .editsOne: return .init(en: "1 edit ({edits})", zh: "1 处修改（{edits}）")
        case .editsMany: return .init(en: "{count} edits ({edits})", zh: "{count}处修改（{edits}）")
        case .withUnsafeFixes: return .init(en: "{count} with --unsafe-fixes", zh: "{count}处需加 --unsafe-fixes")
        case .manualCount: return .init(en: "{count} manual", zh: "{count}处需手动迁移")
        case .partSeparator: return .init(en: "; ", zh: "；")
        case .listSeparator: return .init(en: ", ", zh: "、")
        case .reportTitle: return .init(en: "Homeport migration report", zh: "Homeport 迁移报告")
        case .byRuleTitle: return .init(en: "Findings by rule", zh: "按规则统计的问题")
        case .byClassTitle: return .init(en: "Findings by capability class", zh: "按能力类别统计的问题")
        case .coverageTitle:
            return .init(en: "Providers that serve each capability through an OpenAI-compatible API",
                         zh: "通过兼容 OpenAI 的 API 提供各项能力的服务商")
        case .coverageNote:
            return .init(en: "A filled cell: the provider serves the class through its OpenAI-compatible API.",
                         zh: "实心格：该服务商通过兼容 OpenAI 的 API 提供这一类能力。")
        case .fixTitle: return .init(en: "What `homeport fix` would do", zh: "`homeport fix` 会做什么")
        case .automatic: return .init(en: "automatic", zh: "自动修复")
        case .review: return .init(en: "with --unsafe-fixes (review)", zh: "需加 --unsafe-fixes（请审查）")
        case .manual: return .init(en: "manual", zh: "手动")
        case .filesTitle: return .init(en: "Files with findings", zh: "有问题的文件")
        case .fileColumn: return .init(en: "File", zh: "文件")
        case .lineColumn: return .init(en: "Line", zh: "行")
        case .ruleColumn: return .init(en: "Rule", zh: "规则")
        case .findingColumn: return .init(en: "Finding", zh: "问题")
        case .suggestionColumn: return .init(en: "Suggestion", zh: "建议")
        case .targetMark: return .init(en: " (target)", zh: "（目标）")
        case .generatedBy:
            return .init(en: "Generated by {tool}; keys are redacted.", zh: "由{tool}生成；密钥已隐去。")
        case .noFindings: return .init(en: "No OpenAI dependencies found.", zh: "未发现 OpenAI 依赖。")
        case .findingsUnit: return .init(en: "findings", zh: "个问题")
        case .incomplete:
            return .init(en: "The scan is incomplete: some files could not be scanned.", zh: "扫描不完整：有文件未能扫描。")
        }
    }

    public func format(_ language: MessageLanguage, _ values: [String: String] = [:]) -> String {
        text.format(language, values)
    }
}
