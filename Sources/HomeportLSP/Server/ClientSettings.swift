// What the editor may set: `initializationOptions` and `workspace/didChangeConfiguration`.

import HomeportCore

/// Settings from the editor. Like command-line flags, they win over `.homeport.yml`.
struct ClientSettings: Equatable {
    /// The provider to migrate to (`--target`).
    var target: String?
    /// Rule id -> off or a level, applied after the configuration's `rules:` and `per-path:`.
    var rules: [String: RuleSetting] = [:]
    /// A YAML file of providers that add to or override the catalog (`--catalog`); relative paths
    /// are relative to the workspace root.
    var catalog: String?
    /// `source.fixAll.homeport` also applies edits that need review (`homeport fix --unsafe-fixes`).
    var unsafeFixes = false
    /// Report `homeport: ignore` comments that silence nothing.
    var reportUnusedSuppressions = false

    /// The keys of the settings object.
    static let keys = ["target", "rules", "catalog", "unsafeFixes", "reportUnusedSuppressions"]

    /// Whether `value` (a `workspace/didChangeConfiguration` payload) says anything about Homeport:
    /// a `homeport` section, a setting of ours, or something that is not an object (told as a
    /// mistake). Clients send what they hold for every server: eglot sends `{}` right after
    /// connecting when the user configured nothing, and a project's shared configuration may hold
    /// only other servers' sections; neither changes Homeport's settings.
    static func addressesHomeport(_ value: JSONValue) -> Bool {
        guard case .object(let members) = value else { return true }
        return members.contains { $0.0 == "homeport" || keys.contains($0.0) }
    }

    /// Reads settings, either bare or under a `homeport` key (as VS Code sends a section). Returns
    /// the settings it could read and one message per setting it had to ignore, in both languages.
    static func parse(_ value: JSONValue?, knownRules: Set<String>) -> (settings: ClientSettings, problems: [LocalizedText]) {
        var settings = ClientSettings()
        var problems: [LocalizedText] = []
        guard var value, !value.isNull else { return (settings, problems) }
        if let section = value.member("homeport") { value = section }
        guard case .object(let members) = value else {
            return (settings, [EditorMessage.settingsNotObject.text])
        }
        for (key, item) in members {
            switch key {
            case "target":
                if item.isNull { continue }
                guard let text = item.stringValue, !text.isEmpty else {
                    problems.append(EditorMessage.targetNotProvider.text); continue
                }
                settings.target = text
            case "catalog":
                if item.isNull { continue }
                guard let text = item.stringValue, !text.isEmpty else {
                    problems.append(EditorMessage.catalogNotPath.text); continue
                }
                settings.catalog = text
            case "unsafeFixes", "reportUnusedSuppressions":
                guard let flag = item.boolValue else { problems.append(EditorMessage.settingNotBool.filled(["key": key])); continue }
                if key == "unsafeFixes" { settings.unsafeFixes = flag } else { settings.reportUnusedSuppressions = flag }
            case "rules":
                guard case .object(let entries) = item else {
                    problems.append(EditorMessage.rulesNotMap.text); continue
                }
                for (id, level) in entries {
                    guard knownRules.contains(id) else {
                        problems.append(EditorMessage.unknownRuleSetting.filled(
                            ["rule": id, "known": knownRules.sorted().joined(separator: ", ")]))
                        continue
                    }
                    guard let text = level.stringValue, let setting = RuleSetting(text) else {
                        problems.append(EditorMessage.invalidRuleSetting.filled(["rule": id])); continue
                    }
                    settings.rules[id] = setting
                }
            default:
                problems.append(EditorMessage.unknownSetting.filled(["key": key, "known": keys.joined(separator: ", ")]))
            }
        }
        return (settings, problems)
    }

    /// Findings with the editor's rule settings applied: off rules dropped, levels changed.
    func apply(to findings: [Finding]) -> [Finding] {
        guard !rules.isEmpty else { return findings }
        return findings.compactMap { $0.applying(rules[$0.ruleID]) }
    }
}
