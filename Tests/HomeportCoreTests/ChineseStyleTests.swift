// docs/zh-CN-style.md, where a machine can check it: over every message table, every rule's Chinese
// texts and the catalog; and the substitution that spaces a placeholder's value from Chinese text.

import HomeportTestSupport
import Testing
@testable import HomeportCore


@Suite struct ChineseStyleTests {
    static let tables: [(name: String, text: LocalizedText)] =
        CoreMessage.allCases.map { ("CoreMessage.\($0)", $0.text) }
        + CLIMessage.allCases.map { ("CLIMessage.\($0)", $0.text) }
        + EditorMessage.allCases.map { ("EditorMessage.\($0)", $0.text) }
        + PlanMessage.allCases.map { ("PlanMessage.\($0)", $0.text) }
        + FileMessage.allCases.map { ("FileMessage.\($0)", $0.text) }
        + CatalogMessage.allCases.map { ("CatalogMessage.\($0)", $0.text) }

    /// The style of each Chinese template as written.
    @Test func everyChineseTemplateFollowsTheGuide() {
        for (name, text) in Self.tables {
            #expect(ChineseStyle.violations(text.chinese) == [], "\(name): \(text.chinese)")
        }
    }

    /// A Chinese template writes no space beside a placeholder that stands free (not glued to code or
    /// an option: `--{option}`, `` `{model}` ``): the substitution decides the space.
    @Test func chineseTemplatesLeaveThePlaceholderSpacingToTheSubstitution() {
        for (name, text) in Self.tables {
            let characters = Array(text.chinese)
            for (index, character) in characters.enumerated() where character == "{" {
                guard let close = characters[index...].firstIndex(of: "}"),
                      LocalizedText.placeholders(in: String(characters[index...close])).count == 1 else { continue }
                if index >= 2, characters[index - 1] == " ", ChineseStyle.isHan(characters[index - 2]) {
                    Issue.record("\(name): a space before a placeholder after Chinese text: \(text.chinese)")
                }
                if close + 2 < characters.count, characters[close + 1] == " ", ChineseStyle.isHan(characters[close + 2]) {
                    Issue.record("\(name): a space after a placeholder before Chinese text: \(text.chinese)")
                }
            }
        }
    }

    /// Every template filled with a Chinese value (`智谱`) and with a Latin one (`DeepSeek`, `3`) reads
    /// right: no space between Chinese characters, one between Chinese and Latin text.
    @Test func everyTemplateFilledWithChineseAndLatinValuesFollowsTheGuide() {
        for (name, text) in Self.tables {
            let names = LocalizedText.placeholders(in: text.chinese)
            for value in ["智谱", "DeepSeek", "3"] {
                let values = Dictionary(names.map { ($0, value) }, uniquingKeysWith: { a, _ in a })
                let filled = text.format(.simplifiedChinese, values)
                // A value glued to an option or code (`--{option}`) takes part in that code: the check
                // of a Chinese value applies to the placeholders that stand free.
                if value == "智谱", text.chinese.contains("--{") || text.chinese.contains("<{") { continue }
                #expect(ChineseStyle.violations(filled) == [], "\(name) with \(value): \(filled)")
            }
        }
    }

    @Test func substitutionSpacesByTheNeighbouringCharacters() {
        let template = "读取{provider}的密钥"
        #expect(LocalizedText.fill(template, ["provider": "智谱"]) == "读取智谱的密钥")
        #expect(LocalizedText.fill(template, ["provider": "DeepSeek"]) == "读取 DeepSeek 的密钥")
        #expect(LocalizedText.fill("发现{count}个问题", ["count": "3"]) == "发现 3 个问题")
        #expect(LocalizedText.fill("（{provider}，{class}）", ["provider": "智谱", "class": "对话旗舰"]) == "（智谱，对话旗舰）")
        #expect(LocalizedText.fill("改用 `{model}`", ["model": "glm-4.6"]) == "改用 `glm-4.6`")
        #expect(LocalizedText.fill("{what}必须是映射", ["what": "`rules`"]) == "`rules` 必须是映射")
        // Only the seams: a value's own text (a path with spaces and Chinese) stays byte for byte.
        #expect(LocalizedText.fill("{path}：无法读取", ["path": "文档 a/说明 b.md"]) == "文档 a/说明 b.md：无法读取")
        #expect(LocalizedText.fill("已写入{path}", ["path": "目录/文件"]) == "已写入目录/文件")
        // English is untouched.
        #expect(LocalizedText.fill("use `{model}` ({provider})", ["model": "x", "provider": "Zhipu"]) == "use `x` (Zhipu)")
        #expect(LocalizedText.fill("{a}{b}", ["a": "智谱", "b": "GLM"]) == "智谱 GLM")
    }

    /// The rules' Chinese texts (message, hint, summary, description, help) follow the guide.
    @Test func ruleTextsFollowTheGuide() throws {
        for rule in try RuleSet.bundled().rules {
            let chinese = try #require(rule.chinese, "\(rule.id) has no Chinese texts")
            for (field, text) in chinese.all {
                // Markdown table rows keep their own column spacing; prose lines are checked.
                for line in text.split(separator: "\n") where !line.hasPrefix("|") {
                    #expect(ChineseStyle.violations(String(line)) == [], "\(rule.id).\(field): \(line)")
                }
            }
        }
    }

    /// One table names the capability classes: every class the catalog knows has a Chinese name,
    /// and a finding's message and suggestions say it in Chinese.
    @Test func everyCapabilityClassHasAChineseName() throws {
        let catalog = try Catalog.bundled()
        for capability in Set(catalog.classEndpoints.keys).union(catalog.mapping.keys) {
            let chinese = CapabilityClass.name(capability, in: .simplifiedChinese)
            #expect(chinese != capability && chinese.unicodeScalars.contains(where: ChineseSpacing.isHan),
                    "\(capability) has no Chinese name")
        }
        let source = "a = \"gpt-4o\"\nb = \"whisper-1\"\nc = \"dall-e-3\"\n"
        let rules = try RuleSet.bundled().localized(to: .simplifiedChinese)
        let scanner = Scanner(rules: rules, options: ScanOptions(language: .simplifiedChinese),
                              advisor: try MigrationAdvisor(catalog: catalog, targetID: nil, language: .simplifiedChinese))
        let findings = scanner.scan(SourceFile(path: "a.py", bytes: Array(source.utf8), language: .python)).findings
        #expect(findings.count == 3)
        for finding in findings {
            let texts = [finding.message] + finding.suggestions.map(\.title)
            for text in texts {
                for capability in CapabilityClass.knownIDs {
                    #expect(!ChineseStyle.maskingCode(text).contains(capability), "English class `\(capability)` in: \(text)")
                }
            }
        }
        #expect(findings[1].suggestions[0].title == "手动迁移：智谱没有语音识别模型；阿里云百炼有 `qwen3-asr-flash`")
    }

    /// An SDK description (`an OpenAI C client (openai.h)`) is said in Chinese; a package name stays.
    @Test func sdkDescriptionsAreChinese() throws {
        let importRule = try #require(BundledRules.files.first { $0.name == "openai-import.yml" }).text
        var packages: [String] = []
        var rest = importRule[...]
        while let start = rest.range(of: "package: \"") {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstIndex(of: "\"") else { break }
            packages.append(String(tail[..<end]))
            rest = tail[end...]
        }
        #expect(packages.count > 20)
        for package in packages {
            let chinese = SDKDescription.text(package, in: .simplifiedChinese)
            // Two English words in a row are a phrase left in English (`an OpenAI`, `C client`).
            let tokens = chinese.split(separator: " ")
            let english = tokens.map { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "'") } }
            for index in tokens.indices.dropFirst() where english[index] && english[index - 1] {
                Issue.record("`\(package)` stays English in Chinese: \(chinese)")
            }
            #expect(SDKDescription.text(package, in: .english) == package)
        }
        #expect(SDKDescription.text("an OpenAI C client (openai.h)", in: .simplifiedChinese) == "OpenAI 的 C 客户端 openai.h")
        #expect(SDKDescription.text("tiktoken, OpenAI's tokenizer", in: .simplifiedChinese) == "tiktoken，OpenAI 的分词器")
    }

    /// One name per provider: the catalog's Chinese name is a single name, not `A / B` or `中文 English`
    /// (the English name is shown beside it only in a title).
    @Test func everyProviderHasOneChineseName() throws {
        for provider in try Catalog.bundled().providers {
            #expect(!provider.nameZH.isEmpty, "\(provider.id) has no Chinese name")
            // Not two names (`百度千帆 / 文心`, `智谱（BigModel）`), nor the English name beside the Chinese one.
            #expect(!provider.nameZH.contains("/") && !provider.nameZH.contains("（") && !provider.nameZH.contains("("),
                    "\(provider.id) has two names: \(provider.nameZH)")
            #expect(provider.nameZH == provider.name || !provider.nameZH.contains(provider.name),
                    "\(provider.id) repeats its English name: \(provider.nameZH)")
            #expect(provider.name(in: .simplifiedChinese) == provider.nameZH)
        }
    }
}
