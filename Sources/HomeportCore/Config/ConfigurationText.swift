// The effective configuration as YAML (`homeport config --show`) and the starter file (`homeport init`).

extension Configuration {
    /// YAML that, saved as `.homeport.yml` beside `root`, gives the same settings. Values that no
    /// file set are shown with their defaults; `defaults` fills in run-level settings. Comments are
    /// in `language`, keys and values the same in both.
    public func effectiveYAML(failOnDefault: FailThreshold = .warning, language: MessageLanguage = .english) -> String {
        var out = "# " + CoreMessage.effectiveHeader.format(language) + "\n"
        out += "# " + (files.isEmpty ? CoreMessage.effectiveNoFile.format(language)
            : CoreMessage.effectiveFrom.format(language, ["files": files.joined(separator: " <- ")])) + "\n"
        out += "# " + CoreMessage.effectiveGlobRoot.format(language, ["root": root]) + "\n"
        out += "target: " + (target.map(quote) ?? "null  # " + CoreMessage.effectiveTargetUnset.format(language)) + "\n"
        out += "include: " + list(include.map(\.pattern)) + "\n"
        out += "exclude: " + list(exclude.map(\.pattern)) + "\n"
        out += "rules:" + (rules.isEmpty ? " {}\n" : "\n" + settingLines(rules, indent: "  "))
        out += "per-path:" + (perPath.isEmpty ? " []\n" : "\n")
        for override in perPath {
            out += "  - paths: " + list(override.paths.map(\.pattern)) + "\n"
            out += "    rules:\n" + settingLines(override.rules, indent: "      ")
        }
        out += "fail-on: " + (failOn ?? failOnDefault).rawValue + (failOn == nil ? "  # " + CoreMessage.effectiveDefault.format(language) : "") + "\n"
        out += "baseline: " + (baseline.map(quote) ?? "null") + "\n"
        if let catalog {
            out += "catalog:" + Self.value(catalog.node, indent: "")
        } else {
            out += "catalog: null\n"
        }
        return out
    }

    private func settingLines(_ settings: [(id: String, setting: RuleSetting)], indent: String) -> String {
        var latest: [(String, RuleSetting)] = []
        for (id, setting) in settings {
            latest.removeAll { $0.0 == id }
            latest.append((id, setting))
        }
        return latest.map { "\(indent)\($0.0): \($0.1)\n" }.joined()
    }

    private func list(_ items: [String]) -> String {
        "[" + items.map(quote).joined(separator: ", ") + "]"
    }

    private func quote(_ text: String) -> String { Self.quote(text) }

    /// A double-quoted YAML scalar that reads back as `text`.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `text` as a YAML scalar after `key: ` or `- `: plain when that reads back as the same text.
    static func scalar(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              !"-?:,[]{}#&*!|>'\"%@` ".unicodeScalars.contains(first), last != " ", last != ":",
              !text.contains(": "), !text.contains(" #"),
              text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value)
                  && $0.value != 0x2028 && $0.value != 0x2029 && $0.value != 0xFEFF })
        else { return quote(text) }
        return text
    }

    /// What follows `key:` or `-` for `node`: a scalar or an empty collection on the same line, else
    /// block lines below, indented two more spaces than `indent`.
    static func value(_ node: YAMLNode, indent: String) -> String {
        switch node.kind {
        case .scalar(let text, _): return node.isNull ? "\n" : " " + scalar(text) + "\n"
        case .mapping(let entries) where entries.isEmpty: return " {}\n"
        case .sequence(let items) where items.isEmpty: return " []\n"
        default: return "\n" + lines(node, indent: indent + "  ")
        }
    }

    /// A non-empty mapping or sequence as block lines at `indent`.
    static func lines(_ node: YAMLNode, indent: String) -> String {
        switch node.kind {
        case .mapping(let entries):
            return entries.map { indent + scalar($0.key.text ?? "") + ":" + value($0.value, indent: indent) }.joined()
        case .sequence(let items):
            return items.map { item in
                guard (item.entries?.isEmpty ?? item.items?.isEmpty) == false else {
                    return indent + "-" + value(item, indent: indent)
                }
                // A compact collection: its first line follows the `- `.
                return indent + "- " + lines(item, indent: indent + "  ").dropFirst(indent.count + 2)
            }.joined()
        case .scalar(let text, _):
            return indent + scalar(text) + "\n"
        }
    }
}

public enum StarterConfiguration {
    /// What `homeport init` writes, its comments in `language`: the same keys and values in both.
    /// The provider ids are the catalog's, so the comment names only ids `--target` accepts.
    public static func text(in language: MessageLanguage) -> String {
        let ids = ((try? Catalog.bundled())?.providers.map(\.id) ?? ["zhipu"])
        let list = language == .simplifiedChinese ? ids.joined(separator: "、") : ids.joined(separator: ", ")
        return (language == .simplifiedChinese ? chinese : text).replacing("{providers}", with: list)
    }

    /// What `homeport init` writes: every key, explained, with safe defaults active.
    public static let text = """
        # Homeport configuration: https://github.com/homeport-lint/homeport#configuration
        # Homeport uses the nearest .homeport.yml at or above each scanned path (or --config FILE).
        # Globs (*, **, ?, [...]) are relative to this file's folder; a glob without `/` matches a
        # file or folder name at any depth, and a folder matches everything under it.

        # Inherit another configuration; the settings below override it.
        # extends: ../common/homeport.yml

        # The domestic provider suggestions and fixes should point at: one of
        # {providers}.
        # target: zhipu

        # Scan only these files (default: everything Homeport can read) ...
        include: []
        # ... and never these.
        exclude:
          - "**/node_modules"
          - "**/*_pb2.py"

        # Rule levels: off, note, warning or error (`homeport rules` lists the ids).
        rules:
          openai-key: error
          # openai-env: off

        # Settings for some paths only; later entries win.
        per-path:
          - paths: ["tests/**", "**/test_*.py"]
            rules:
              openai-key: warning

        # The lowest level that fails `homeport scan`: error, warning, note or never.
        fail-on: warning

        # Findings recorded by `homeport baseline` are not reported and do not fail the scan.
        # baseline: .homeport-baseline.json

        # Additions to the provider catalog (read by --target / homeport fix).
        # catalog:
        #   providers: []

        """

    /// The same file with Chinese comments (a test checks that both configure the same).
    public static let chinese = """
        # Homeport 配置：https://github.com/homeport-lint/homeport#configuration
        # Homeport 对每个扫描路径使用其所在目录或上级目录中最近的 .homeport.yml（或 --config FILE）。
        # 通配符（*、**、?、[...]）相对于本文件所在目录；不含 `/` 的通配符匹配任意深度的文件名
        # 或目录名，匹配到的目录包括其下的所有内容。

        # 继承另一份配置；下面的设置覆盖它。
        # extends: ../common/homeport.yml

        # 建议和修复所指向的国内服务商，取以下之一：
        # {providers}（服务商 ID）。
        # target: zhipu

        # 只扫描这些文件（默认：Homeport 能读取的全部文件）……
        include: []
        # ……并且永远不扫描这些。
        exclude:
          - "**/node_modules"
          - "**/*_pb2.py"

        # 规则级别：off、note、warning 或 error（`homeport rules` 列出规则 ID）。
        rules:
          openai-key: error
          # openai-env: off

        # 只对部分路径生效的设置；后面的条目优先。
        per-path:
          - paths: ["tests/**", "**/test_*.py"]
            rules:
              openai-key: warning

        # 使 `homeport scan` 失败的最低级别：error、warning、note 或 never。
        fail-on: warning

        # `homeport baseline` 记录的问题不再报告，也不会使扫描失败。
        # baseline: .homeport-baseline.json

        # 对服务商目录的补充（供 --target / homeport fix 使用）。
        # catalog:
        #   providers: []

        """
}
