// The language server's message table: hover, code action titles and setting problems, in both languages.
// Data only, beside the other tables so one test checks them all.

/// One entry of the table; a `switch` so a missing translation does not compile (see CoreMessage).
public enum EditorMessage: String, CaseIterable, Sendable {
    case hoverTableHeader, targetMark, ruleDocumentation, suppressOnLine, reviewTheChange, fixAllOne, fixAllMany,
         clangMissing, usingDefaultSettings, usingBuiltInCatalog, catalogSettingIgnored, targetFallback,
         settingIgnored, theTargetSetting, theConfiguration, problemAndConsequence
    // The editor's settings
    case settingsNotObject, targetNotProvider, catalogNotPath, settingNotBool, rulesNotMap, unknownRuleSetting,
         invalidRuleSetting, unknownSetting

    public var text: LocalizedText {
        switch self {
        case .hoverTableHeader: return .init(en: "| provider | use instead |", zh: "| 服务商 | 改用 |")
        case .targetMark: return .init(en: " (target)", zh: "（目标）")
        case .ruleDocumentation: return .init(en: "Rule documentation", zh: "规则文档")
        case .suppressOnLine: return .init(en: "Suppress `{rule}` on this line", zh: "在此行抑制 `{rule}`")
        case .reviewTheChange: return .init(en: " (review the change)", zh: "（请检查改动）")
        case .fixAllOne:
            return .init(en: "Homeport: fix all (1 finding, migrate to {provider})", zh: "Homeport：全部修复（1 个问题，迁移到{provider}）")
        case .fixAllMany:
            return .init(en: "Homeport: fix all ({count} findings, migrate to {provider})",
                         zh: "Homeport：全部修复（{count}个问题，迁移到{provider}）")
        case .clangMissing:
            return .init(en: "{reason}; C and C++ files are not checked — install libclang-dev",
                         zh: "{reason}；不检查 C 和 C++ 文件——请安装 libclang-dev")
        case .usingDefaultSettings:
            return .init(en: "using the default settings until it is fixed", zh: "修正之前使用默认设置")
        case .usingBuiltInCatalog: return .init(en: "using the built-in catalog", zh: "改用内置的服务商清单")
        case .catalogSettingIgnored: return .init(en: "the `catalog` setting is ignored", zh: "已忽略 `catalog` 设置")
        case .targetFallback:
            return .init(en: "{origin}: {error}; migrating to {provider}", zh: "{origin}：{error}；改为迁移到{provider}")
        case .settingIgnored: return .init(en: "Homeport settings: {problem}; ignored", zh: "Homeport 设置：{problem}；已忽略")
        case .theTargetSetting: return .init(en: "the `target` setting", zh: "`target` 设置")
        case .theConfiguration: return .init(en: "the configuration", zh: "配置文件")
        case .problemAndConsequence: return .init(en: "{problem}; {consequence}", zh: "{problem}；{consequence}")
        case .settingsNotObject:
            return .init(en: #"settings must be an object, e.g. {"target": "deepseek"}"#, zh: #"设置必须是对象，例如 {"target": "deepseek"}"#)
        case .targetNotProvider:
            return .init(en: #"`target` must be a provider id, e.g. "deepseek""#, zh: #"`target` 必须是服务商 ID，例如 "deepseek""#)
        case .catalogNotPath:
            return .init(en: "`catalog` must be the path of a YAML file with a `providers:` list",
                         zh: "`catalog` 必须是一个带 `providers:` 列表的 YAML 文件的路径")
        case .settingNotBool: return .init(en: "`{key}` must be true or false", zh: "`{key}` 必须是 true 或 false")
        case .rulesNotMap:
            return .init(en: "`rules` must map rule ids to off, note, warning or error",
                         zh: "`rules` 必须把规则 ID 映射到 off、note、warning 或 error")
        case .unknownRuleSetting:
            return .init(en: "unknown rule `{rule}` in `rules`; known rules: {known}", zh: "`rules` 中有未知规则 `{rule}`；已知规则：{known}")
        case .invalidRuleSetting:
            return .init(en: "rule `{rule}` must be off, note, warning or error", zh: "规则 `{rule}` 必须是 off、note、warning 或 error")
        case .unknownSetting:
            return .init(en: "unknown setting `{key}`; known: {known}", zh: "未知设置 `{key}`；已知设置：{known}")
        }
    }

    public func format(_ language: MessageLanguage, _ values: [String: String] = [:]) -> String {
        text.format(language, values)
    }

    /// The text in both languages with its placeholders filled (see `LocalizedText.filled`).
    public func filled(_ values: [String: String] = [:], localized: [String: LocalizedText] = [:]) -> LocalizedText {
        text.filled(values, localized: localized)
    }
}
