// The language choice end to end: --lang, HOMEPORT_LANG, the POSIX locale; machine formats stable.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct LanguageTests {
    static let source = "import openai\nmodel = \"gpt-4o\"\n"

    func project() throws -> URL {
        let temp = try Run.temporaryDirectory()
        try Data(Self.source.utf8).write(to: temp.appendingPathComponent("app.py"))
        return temp
    }

    @Test(arguments: [
        ["HOMEPORT_LANG": "zh-CN"], ["LANG": "zh_CN.UTF-8"], ["LC_MESSAGES": "zh_SG.UTF-8", "LANG": "en_US.UTF-8"],
        ["LC_ALL": "zh_Hans_CN.UTF-8"],
    ])
    func chineseFromTheEnvironment(environment: [String: String]) throws {
        let temp = try project()
        defer { try? FileManager.default.removeItem(at: temp) }
        let result = try Run.homeport(["scan", "--no-color", "app.py"], in: temp, adding: environment)
        #expect(result.status == 1)
        #expect(result.stdout.contains("`gpt-4o` 是 OpenAI 模型（对话旗舰）"))
        #expect(result.stdout.hasSuffix("发现 2 个问题（2 个警告），共扫描 1 个文件：openai-import 1，openai-model 1。\n"))
    }

    @Test func langOptionBeatsTheEnvironmentAndEnglishIsTheFallback() throws {
        let temp = try project()
        defer { try? FileManager.default.removeItem(at: temp) }
        let english = try Run.homeport(["scan", "--no-color", "--lang", "en", "app.py"], in: temp,
                                       adding: ["HOMEPORT_LANG": "zh-CN", "LANG": "zh_CN.UTF-8"])
        #expect(english.stdout.hasSuffix("Found 2 findings (2 warnings) in 1 file: openai-import 1, openai-model 1.\n"))
        let chinese = try Run.homeport(["scan", "--no-color", "--lang=zh-CN", "app.py"], in: temp)
        #expect(chinese.stdout.contains("发现 2 个问题"))
        let traditional = try Run.homeport(["scan", "--no-color", "app.py"], in: temp, adding: ["LANG": "zh_TW.UTF-8"])
        #expect(traditional.stdout.contains("Found 2 findings"))
    }

    @Test func unknownLanguageIsAUsageError() throws {
        let option = try Run.homeport(["scan", "--lang", "fr"])
        #expect(option.status == 2)
        #expect(option.stderr == "homeport: unknown language `fr` in --lang; valid: en, zh-CN\n")
        let variable = try Run.homeport(["--version"], adding: ["HOMEPORT_LANG": "klingon"])
        #expect(variable.status == 2)
        #expect(variable.stderr == "homeport: unknown language `klingon` in HOMEPORT_LANG; valid: en, zh-CN\n")
        let missing = try Run.homeport(["scan", "--lang"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "homeport: missing value for --lang <language>\n")
    }

    @Test func errorsAndProblemsFollowTheLanguage() throws {
        let temp = try project()
        defer { try? FileManager.default.removeItem(at: temp) }
        let missing = try Run.homeport(["scan", "app.py", "nope.py"], in: temp, adding: ["HOMEPORT_LANG": "zh-CN"])
        #expect(missing.status == 3)
        #expect(missing.stderr == "homeport: nope.py: 错误：文件或目录不存在\n")
        let option = try Run.homeport(["scan", "--formt", "json"], adding: ["HOMEPORT_LANG": "zh-CN"])
        #expect(option.status == 2)
        #expect(option.stderr == "homeport: 未知选项 `--formt`；你是想用 `--format` 吗？（参见 `homeport scan --help`）\n")
        let rule = try Run.homeport(["scan", "--rule", "nope"], adding: ["HOMEPORT_LANG": "zh-CN"])
        #expect(rule.stderr.hasPrefix("homeport: 未知规则 `nope`；已知规则：azure-openai-host"))
    }

    /// Errors found deep in the core (configuration, YAML syntax, baseline) and usage errors are
    /// printed in the chosen language, each keeping its `file:line:col: message` shape.
    @Test(arguments: [
        (file: ".homeport.yml", text: "fail-on: loud\n", options: [String](),
         english: ".homeport.yml:1:10: `fail-on` must be error, warning, note or never, not `loud`",
         chinese: ".homeport.yml:1:10: `fail-on` 必须是 error、warning、note 或 never，而不是 `loud`"),
        (file: ".homeport.yml", text: "target: zhipu\nrulez:\n  openai-model: off\n", options: [],
         english: ".homeport.yml:2:1: unknown key `rulez` in the configuration; valid keys: extends, target, include, exclude, rules, per-path, fail-on, baseline, catalog, scan-data",
         chinese: ".homeport.yml:2:1: 配置中有未知的键 `rulez`；可用的键：extends, target, include, exclude, rules, per-path, fail-on, baseline, catalog, scan-data"),
        (file: ".homeport.yml", text: "rules: {openai-model: [off\n", options: [],
         english: ".homeport.yml:2:1: expected ']' to close the flow sequence that starts at line 1, column 23",
         chinese: ".homeport.yml:2:1: 缺少 ']' 来结束从第 1 行第 23 列开始的流式序列"),
        (file: ".homeport.yml", text: "exclude:\n\t- vendor\n", options: [],
         english: ".homeport.yml:2:1: tabs are not allowed for indentation",
         chinese: ".homeport.yml:2:1: 缩进中不允许使用制表符"),
        (file: "base.json", text: #"{"version": 1}"#, options: ["--baseline", "base.json"],
         english: "base.json: not a Homeport baseline (expected a JSON object with `findings`)",
         chinese: "base.json: 不是 Homeport 基线（应为带 `findings` 的 JSON 对象）"),
        (file: "base.json", text: #"{"version": 1, "findings": [{"rule": "openai-model"}]}"#, options: ["--baseline", "base.json"],
         english: "base.json: finding 1 has no `key`",
         chinese: "base.json: 第 1 个问题没有 `key`"),
    ])
    func fileErrorsSpeakTheLanguage(file: String, text: String, options: [String], english: String, chinese: String) throws {
        let temp = try project()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data(text.utf8).write(to: temp.appendingPathComponent(file))
        let where_ = temp.path + "/"
        let plain = try Run.homeport(["scan", "app.py"] + options, in: temp)
        #expect(plain.status == 2)
        #expect(plain.stderr == "homeport: " + where_ + english + "\n")
        let translated = try Run.homeport(["scan", "--lang", "zh-CN", "app.py"] + options, in: temp)
        #expect(translated.status == 2)
        #expect(translated.stderr == "homeport: " + where_ + chinese + "\n")
        // The locale alone is enough for errors: they are for a person, not a machine format.
        let locale = try Run.homeport(["scan", "--format", "sarif", "app.py"] + options, in: temp, adding: ["LANG": "zh_CN.UTF-8"])
        #expect(locale.stderr == translated.stderr)
    }

    /// `config --show`: comments in the language, the YAML itself the same.
    @Test func effectiveConfigurationCommentsSpeakTheLanguage() throws {
        let temp = try project()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("target: qwen\n".utf8).write(to: temp.appendingPathComponent(".homeport.yml"))
        let english = try Run.homeport(["config", "--show"], in: temp)
        let chinese = try Run.homeport(["config", "--show", "--lang", "zh-CN"], in: temp)
        #expect(english.stdout.hasPrefix("# Effective Homeport configuration\n# from: "))
        #expect(chinese.stdout.hasPrefix("# 生效的 Homeport 配置\n# 来自："))
        #expect(chinese.stdout.contains("fail-on: warning  # 默认值\n"))
        func values(_ text: String) -> [String] {
            text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: "#")[0]) }
        }
        #expect(values(english.stdout) == values(chinese.stdout))
    }

    @Test func usageErrorsSpeakTheLanguage() throws {
        let english = try Run.homeport(["scan", "--max-file-size", "1T"])
        #expect(english.status == 2)
        #expect(english.stderr == "homeport: `--max-file-size` must be a size from 1 byte to 64M (bytes, or a number with K, M or G), not `1T`\n")
        let chinese = try Run.homeport(["scan", "--lang", "zh-CN", "--max-file-size", "1T"])
        #expect(chinese.status == 2)
        #expect(chinese.stderr == "homeport: `--max-file-size` 必须是 1 字节到 64M 之间的大小（字节数，或带 K、M、G 的数字），而不是 `1T`\n")
        let staged = try Run.homeport(["scan", "--staged", "--lang", "zh-CN", "a.py"])
        #expect(staged.stderr == "homeport: --staged 扫描的是已暂存的内容；不接受路径参数\n")
    }

    /// JSON and SARIF follow only an explicit --lang: the same bytes in a Chinese locale as in none.
    @Test func machineFormatsIgnoreTheLocaleButFollowLang() throws {
        let temp = try project()
        defer { try? FileManager.default.removeItem(at: temp) }
        for format in ["json", "sarif"] {
            let plain = try Run.homeport(["scan", "--format", format, "app.py"], in: temp)
            let localeOnly = try Run.homeport(["scan", "--format", format, "app.py"], in: temp,
                                              adding: ["LANG": "zh_CN.UTF-8", "HOMEPORT_LANG": "zh-CN"])
            #expect(plain.stdout == localeOnly.stdout, "\(format) changed with the locale")
            #expect(!plain.stdout.contains("是 OpenAI 模型"))
            let chinese = try Run.homeport(["scan", "--format", format, "--lang", "zh-CN", "app.py"], in: temp)
            #expect(chinese.stdout.contains("`gpt-4o` 是 OpenAI 模型（对话旗舰）"))
        }
    }

    /// Rule ids, keys, structure and fingerprints are the same in both languages; only texts differ.
    @Test func sarifStructureAndFingerprintsDoNotDependOnTheLanguage() throws {
        let temp = try project()
        defer { try? FileManager.default.removeItem(at: temp) }
        func run(_ language: String) throws -> [String: Any] {
            let result = try Run.homeport(["scan", "--format", "sarif", "--lang", language, "app.py"], in: temp)
            return try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        let english = try run("en"), chinese = try run("zh-CN")
        func runOf(_ sarif: [String: Any]) -> [String: Any] { (sarif["runs"] as! [[String: Any]])[0] }
        #expect(runOf(english)["language"] as? String == "en")
        #expect(runOf(chinese)["language"] as? String == "zh-CN")
        func shape(_ value: Any) -> Any {
            // Keys and non-text values: every string becomes its kind, except ids and fingerprints.
            if let object = value as? [String: Any] {
                return object.mapValues(shape).merging([:]) { $1 } as [String: Any]
            }
            if let array = value as? [Any] { return array.map(shape) }
            return value is String ? "string" : value
        }
        #expect(NSDictionary(dictionary: shape(english) as! [String: Any])
                    .isEqual(to: shape(chinese) as! [String: Any]))
        func stable(_ sarif: [String: Any]) -> [String] {
            (runOf(sarif)["results"] as! [[String: Any]]).map { result in
                "\(result["ruleId"]!) \((result["partialFingerprints"] as! [String: String]).sorted { $0.key < $1.key })"
            }
        }
        #expect(stable(english) == stable(chinese))
        #expect(!stable(english).isEmpty)
    }

    @Test func explainSpeaksTheLanguage() throws {
        let english = try Run.homeport(["explain", "openai-env"])
        #expect(english.stdout.hasPrefix("openai-env (OpenAIEnvironmentVariable) — default level: warning\n\nOpenAI environment variable read in code.\n"))
        #expect(english.stdout.contains("\nReported (the marked text):\n"))
        let chinese = try Run.homeport(["explain", "openai-env"], adding: ["HOMEPORT_LANG": "zh-CN"])
        #expect(chinese.stdout.hasPrefix("openai-env（OpenAIEnvironmentVariable）——默认级别：warning\n\n代码读取了 OpenAI 环境变量。\n"))
        #expect(chinese.stdout.contains("\n会报告（标记的文本）：\n"))
        #expect(chinese.stdout.contains("\n不会报告：\n"))
        #expect(chinese.stdout.hasSuffix("`# homeport: ignore[openai-env]`（Python）或 `// homeport: ignore[openai-env]`（Swift）。\n"))
        let missing = try Run.homeport(["explain"], adding: ["HOMEPORT_LANG": "zh-CN"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "homeport: 请指定要解释的规则，例如 `homeport explain openai-model`（参见 `homeport rules`）\n")
    }

    @Test func initWritesChineseCommentsInChinese() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let result = try Run.homeport(["init"], in: temp, adding: ["LANG": "zh_CN.UTF-8"])
        #expect(result.status == 0)
        #expect(result.stderr == "homeport: 已写入 .homeport.yml\n")
        let text = try String(contentsOf: temp.appendingPathComponent(".homeport.yml"), encoding: .utf8)
        #expect(text.contains("# 规则级别：off、note、warning 或 error"))
        let again = try Run.homeport(["init"], in: temp, adding: ["LANG": "zh_CN.UTF-8"])
        #expect(again.status == 2)
        #expect(again.stderr == "homeport: .homeport.yml 已存在；如需覆盖，请加 --force\n")
        let check = try Run.homeport(["config"], in: temp, adding: ["LANG": "zh_CN.UTF-8"])
        #expect(check.status == 0)
        #expect(check.stderr.hasPrefix("homeport: 配置正确："))
    }

    /// The provider table in Chinese: Chinese names, and every column starting at the same
    /// terminal cell on every row (a Chinese character takes two).
    @Test func providersTableStaysAlignedInChinese() throws {
        let result = try Run.homeport(["providers", "--lang", "zh-CN"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.map(String.init)
        #expect(lines.first?.hasPrefix("服务商      名称") == true)
        #expect(lines.contains { $0.hasPrefix("zhipu *     智谱 ") })
        /// Terminal cells: CJK ideographs and fullwidth forms take two.
        func cells(_ text: Substring) -> Int {
            text.unicodeScalars.reduce(0) { width, scalar in
                width + ((0x2E80...0x9FFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value) ? 2 : 1)
            }
        }
        var urlColumns = Set<Int>()
        for line in lines.dropFirst() {
            let url = try #require(line.range(of: "https://"), "\(line)")
            urlColumns.insert(cells(line[..<url.lowerBound]))
        }
        #expect(urlColumns.count == 1)
        let header = try #require(lines.first)
        let title = try #require(header.range(of: "base URL"))
        #expect(urlColumns.first == cells(header[..<title.lowerBound]))
        #expect(lines.count == 11)
        #expect(result.stdout.contains("* 默认目标。"))
        let detail = try Run.homeport(["providers", "qwen", "--lang", "zh-CN"])
        #expect(detail.stdout.contains("\n  密钥变量：        DASHSCOPE_API_KEY\n"))
    }

    /// Every command's help in Chinese: headings, the abstract and every option's and argument's
    /// description are Chinese, and no line is wider than 80 terminal cells.
    @Test(arguments: ["", "scan", "fix", "plan", "providers", "explain", "rules", "baseline", "merge", "init", "config",
                      "lsp", "completions", "install-hook", "uninstall-hook"])
    func helpIsChineseAndFitsTheTerminal(command: String) throws {
        let result = try Run.homeport(command.isEmpty ? ["--help"] : ["help", command], adding: ["HOMEPORT_LANG": "zh-CN"])
        #expect(result.status == 0)
        func isChinese(_ text: Substring) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        func cells(_ text: Substring) -> Int {
            text.unicodeScalars.reduce(0) { width, scalar in
                width + ((0x2E80...0x9FFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value) ? 2 : 1)
            }
        }
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("概述：") == true && isChinese(lines[0].dropFirst(3)))
        #expect(lines.contains { $0.hasPrefix("用法：homeport") })
        // The root help's exit codes are a list, not rows.
        let rows = lines.prefix { $0 != "退出码：" }
        for line in lines { #expect(cells(line) <= 80, "too wide: \(line)") }
        for (index, line) in rows.enumerated() {
            // A row: `  -x, --name <v>   description`, or a long label alone with the description below.
            let isRow = line.hasPrefix("  -") || line.hasPrefix("  <") || (command.isEmpty && line.hasPrefix("  ") && !line.hasPrefix("   "))
            guard isRow else { continue }
            let description = line.count > 26 && line.dropFirst(25).first == " " ? line.dropFirst(26)
                : lines[index + 1].dropFirst(26)
            if !description.hasPrefix("See ") { #expect(isChinese(description), "untranslated: \(line)") }
        }
    }

    @Test func fixBaselineAndRulesSpeakTheLanguage() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("m = \"gpt-4o\"\nm2 = MODELS[\"o1\"]\nkey = \"realtime\"\nr = \"gpt-4o-realtime-preview\"\n".utf8)
            .write(to: temp.appendingPathComponent("app.py"))
        let chinese = ["HOMEPORT_LANG": "zh-CN"]
        let preview = try Run.homeport(["fix", "--diff", "app.py"], in: temp, adding: chinese)
        #expect(preview.status == 1)
        #expect(preview.stderr.hasPrefix("将修复 1 个问题，涉及 1 个文件（目标：智谱）；1 个需要手动迁移：\n"))
        #expect(preview.stderr.contains("app.py:4:6: openai-model：手动迁移："))
        let english = try Run.homeport(["fix", "--diff", "app.py"], in: temp)
        #expect(english.stderr.hasPrefix("would fix 1 finding in 1 file (target: Zhipu GLM); 1 needs manual migration:\n"))
        let fixed = try Run.homeport(["fix", "app.py"], in: temp, adding: chinese)
        #expect(fixed.stdout == "已修复 app.py：1 处修改\n")
        let baseline = try Run.homeport(["baseline", "app.py"], in: temp, adding: chinese)
        #expect(baseline.stderr.hasPrefix("homeport: 已在 /") && baseline.stderr.hasSuffix("/.homeport-baseline.json 中记录 1 个问题\n"))
        let rules = try Run.homeport(["rules"], adding: chinese)
        #expect(rules.stdout.contains("openai-model         warning  代码中的 OpenAI 模型 ID。\n"))
    }

    @Test func tokenizerWarningsSpeakTheLanguage() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("m = \"gpt-4o\"\ns = 'never closed\n".utf8).write(to: temp.appendingPathComponent("a.py"))
        let chinese = try Run.homeport(["scan", "a.py"], in: temp, adding: ["HOMEPORT_LANG": "zh-CN"])
        #expect(chinese.stderr == "homeport: a.py:2:5: 警告：字符串字面量没有结束\n")
        let english = try Run.homeport(["scan", "a.py"], in: temp)
        #expect(english.stderr == "homeport: a.py:2:5: warning: unterminated string literal\n")
    }

    /// The advice a failing commit-time scan ends with, in Chinese: the same commands, labels aligned.
    @Test func hookAdviceSpeaksTheLanguage() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("import openai\nURL = \"https://api.openai.com/v1\"\n".utf8).write(to: temp.appendingPathComponent("client.py"))
        try Data("let model = \"gpt-4o\"\n".utf8).write(to: temp.appendingPathComponent("App.swift"))
        let result = try Run.homeport(["scan", "-q", "client.py", "App.swift"], in: temp,
                                      adding: ["PRE_COMMIT": "1", "HOMEPORT_LANG": "zh-CN"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            homeport：本次提交新增了 3 处 OpenAI 依赖。解决办法：
              修复：      homeport fix --target zhipu App.swift client.py   （然后 git add）
              抑制：      # homeport: ignore[openai-host, openai-import]   写在行尾或上一行（Python）
                          // homeport: ignore[openai-model]   写在行尾或上一行（Swift）
              跳过一次：  SKIP=homeport git commit

            """)
    }

    @Test func installHookSpeaksTheLanguage() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Run.requireGit(["init", "-q"], in: temp)
        let chinese = ["HOMEPORT_LANG": "zh-CN"]
        let installed = try Run.homeport(["install-hook"], in: temp, adding: chinese)
        #expect(installed.status == 0)
        #expect(installed.stdout == "已安装 .git/hooks/pre-commit：每次提交都会运行 `homeport scan --staged`\n")
        let removed = try Run.homeport(["uninstall-hook"], in: temp, adding: chinese)
        #expect(removed.stdout == "已删除 .git/hooks/pre-commit\n")
        let again = try Run.homeport(["uninstall-hook"], in: temp, adding: chinese)
        #expect(again.stderr == "homeport: 没有找到 homeport 钩子（.git/hooks/pre-commit）；无需删除\n")
    }
}
