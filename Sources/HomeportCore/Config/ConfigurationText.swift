// The effective configuration as YAML (`homeport config --show`) and the starter file (`homeport init`).

extension Configuration {
    /// YAML that, saved as `.homeport.yml` beside `root`, gives the same settings. Values that no
    /// file set are shown with their defaults; `defaults` fills in run-level settings.
    public func effectiveYAML(failOnDefault: FailThreshold = .warning) -> String {
        var out = "# Effective Homeport configuration\n"
        out += files.isEmpty ? "# no .homeport.yml found: defaults\n"
            : "# from: " + files.joined(separator: " <- ") + "\n"
        out += "# globs are relative to: \(root)\n"
        out += "target: " + (target.map(quote) ?? "null  # not set; the catalog's default provider") + "\n"
        out += "include: " + list(include.map(\.pattern)) + "\n"
        out += "exclude: " + list(exclude.map(\.pattern)) + "\n"
        out += "rules:" + (rules.isEmpty ? " {}\n" : "\n" + settingLines(rules, indent: "  "))
        out += "per-path:" + (perPath.isEmpty ? " []\n" : "\n")
        for override in perPath {
            out += "  - paths: " + list(override.paths.map(\.pattern)) + "\n"
            out += "    rules:\n" + settingLines(override.rules, indent: "      ")
        }
        out += "fail-on: " + (failOn ?? failOnDefault).rawValue + (failOn == nil ? "  # default" : "") + "\n"
        out += "baseline: " + (baseline.map(quote) ?? "null") + "\n"
        if let catalog {
            out += "catalog:\n" + catalog.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.isEmpty }.map { "  " + $0 }.joined(separator: "\n") + "\n"
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

    private func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

public enum StarterConfiguration {
    /// What `homeport init` writes: every key, explained, with safe defaults active.
    public static let text = """
        # Homeport configuration: https://github.com/homeport-lint/homeport#configuration
        # Homeport uses the nearest .homeport.yml at or above each scanned path (or --config FILE).
        # Globs (*, **, ?, [...]) are relative to this file's folder; a glob without `/` matches a
        # file or folder name at any depth, and a folder matches everything under it.

        # Inherit another configuration; the settings below override it.
        # extends: ../shared/homeport.yml

        # The domestic provider suggestions and fixes should point at (e.g. zhipu, qianfan, hunyuan,
        # sensenova, deepseek, qwen).
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
}
