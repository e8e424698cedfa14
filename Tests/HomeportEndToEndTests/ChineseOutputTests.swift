// Every command's Chinese output against docs/zh-CN-style.md, as a person runs it: help of every
// command wrapped only between words, scan, plan, providers and explain in one style, one name per
// provider, no English capability class; and the JSON report's `language`.

import Foundation
import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct ChineseOutputTests {
    static let commands = ["scan", "fix", "plan", "providers", "explain", "rules", "baseline", "merge", "init", "config",
                           "lsp", "install-hook", "uninstall-hook", "completions"]

    func chinese(_ arguments: [String], in directory: URL? = nil) throws -> String {
        let color = arguments.first == "scan" ? ["--no-color"] : []
        let result = try Run.homeport(arguments + color + ["--lang", "zh-CN"], in: directory ?? TestPaths.packageRoot)
        return result.stdout + result.stderr
    }

    /// The lines a person reads, without the quoted source lines of a text report (`12 | code`).
    func prose(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { line in
            let trimmed = line.drop { $0 == " " }
            return !(trimmed.first?.isNumber == true && trimmed.contains(" | ")) && !trimmed.hasPrefix("|")
        }
    }

    /// The text of an HTML page between its tags, without its style sheet.
    func htmlText(_ html: String) -> [String] {
        var text = html
        if let style = text.range(of: "<style>"), let end = text.range(of: "</style>") { text.removeSubrange(style.lowerBound..<end.upperBound) }
        // `<code>` holds code, as a Markdown code span does.
        text = text.replacingOccurrences(of: "<code>", with: "`").replacingOccurrences(of: "</code>", with: "`")
        var out = ""
        var inTag = false
        for character in text {
            if character == "<" { inTag = true; out += "\n"; continue }
            if character == ">" { inTag = false; continue }
            if !inTag { out.append(character) }
        }
        return out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { $0.replacingOccurrences(of: "&quot;", with: "\"") }
    }

    func outputs() throws -> [(name: String, lines: [String])] {
        var all: [(String, [String])] = []
        all.append(("scan", prose(try chinese(["scan", "Fixtures"]))))
        all.append(("plan", prose(try chinese(["plan", "Fixtures"]))))
        all.append(("plan html", htmlText(try chinese(["plan", "--format", "html", "Fixtures"]))))
        all.append(("providers", prose(try chinese(["providers"]))))
        for provider in ["zhipu", "baidu", "tencent", "sensetime", "deepseek", "qwen", "moonshot", "volcengine"] {
            all.append(("providers \(provider)", prose(try chinese(["providers", provider]))))
        }
        for rule in try chinese(["rules"]).split(separator: "\n").compactMap({ $0.split(separator: " ").first.map(String.init) }) {
            // The examples are code: only the texts before them.
            let text = try chinese(["explain", rule])
            all.append(("explain \(rule)", prose(text).filter { !$0.hasPrefix("    ") }))
        }
        return all
    }

    @Test func chineseOutputsFollowTheStyleGuide() throws {
        for (name, lines) in try outputs() {
            for line in lines {
                let problems = ChineseStyle.violations(line)
                #expect(problems.isEmpty, "\(name): \(problems) in: \(line)")
            }
        }
    }

    /// Capability classes are said in Chinese wherever Chinese text names them.
    @Test func noEnglishCapabilityClassInChineseText() throws {
        let classes = ["chat-flagship", "chat-small", "reasoning", "vision", "legacy-completion", "embedding", "image-gen",
                       "speech-to-text", "text-to-speech", "realtime", "moderation", "fine-tune", "video-gen"]
        for (name, lines) in try outputs() where !name.hasPrefix("explain") {
            for line in lines {
                // Words of Latin letters and hyphens; URLs and paths (`…/v1/realtime`) stay whole.
                let words = ChineseStyle.maskingCode(line).split { !($0.isASCII && ($0.isLetter || "-/.:?=_".contains($0))) }
                    .map(String.init)
                for capability in classes where words.contains(capability) {
                    Issue.record("\(name): English class `\(capability)` in: \(line)")
                }
            }
        }
    }

    /// One name per provider across outputs: the catalog's Chinese name, never another.
    @Test func oneProviderNamePerProvider() throws {
        let others = ["智谱 BigModel", "智谱 GLM", "深度求索", "DeepSeek 深度求索", "百度千帆 / 文心", "通义千问",
                      "阿里云百炼 / 通义千问", "月之暗面 Kimi", "火山方舟 / 豆包", "Zhipu GLM (智谱"]
        for (name, lines) in try outputs() where !name.hasPrefix("providers ") {
            for line in lines {
                for other in others where line.contains(other) {
                    Issue.record("\(name): `\(other)` in: \(line)")
                }
            }
        }
        let scan = try chinese(["scan", "Fixtures"])
        for name in ["智谱", "百度千帆", "腾讯云 TokenHub", "阿里云百炼"] { #expect(scan.contains("（\(name)"), "\(name) missing") }
    }

    /// Help of every command: no line wider than 80 terminal cells (a Han character is two), and a line
    /// breaks only between words: not between two Chinese characters, not inside a `code span`.
    @Test func helpWrapsOnlyBetweenWords() throws {
        for command in Self.commands + ["--root"] {
            let help = command == "--root" ? try chinese(["--help"]) : try chinese([command, "--help"])
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (index, line) in lines.enumerated() {
                let cells = line.unicodeScalars.reduce(0) { $0 + (ChineseStyle.isWide($1) ? 2 : 1) }
                #expect(cells <= 80, "\(command): \(cells) cells: \(line)")
                #expect(line.filter { $0 == "`" }.count % 2 == 0, "\(command): a code span broken across lines: \(line)")
                guard index + 1 < lines.count, let last = line.last,
                      let next = lines[index + 1].first(where: { $0 != " " }) else { continue }
                #expect(!(ChineseStyle.isHan(last) && ChineseStyle.isHan(next)),
                        "\(command): a line breaks inside Chinese text: \(line) / \(lines[index + 1])")
            }
        }
        #expect(try chinese(["scan", "--help"]).contains("服务商"))
    }

    /// `scan --format json` names the language of its texts, as SARIF and the plan JSON do.
    @Test func jsonReportCarriesItsLanguage() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("model = \"gpt-4o\"\n".utf8).write(to: temp.appendingPathComponent("app.py"))
        let english = try Run.homeport(["scan", "--format", "json", "app.py"], in: temp)
        let chinese = try Run.homeport(["scan", "--format", "json", "--lang", "zh-CN", "app.py"], in: temp)
        // Beside `tool`, before the findings, as the plan JSON has it.
        #expect(english.stdout.contains("\n  },\n  \"language\": \"en\",\n  \"findings\": ["))
        #expect(chinese.stdout.contains("\n  },\n  \"language\": \"zh-CN\",\n  \"findings\": ["))
        #expect(chinese.stdout.contains("\"message\": \"`gpt-4o` 是 OpenAI 模型（对话旗舰）\""))
        let object = try JSONSerialization.jsonObject(with: Data(chinese.stdout.utf8)) as! [String: Any]
        #expect(object["language"] as? String == "zh-CN")
    }
}
