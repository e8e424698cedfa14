// Both languages everywhere: every text has an English and a Chinese form with the same
// placeholders, the locale picks the language, and carets stay under Chinese text.

import HomeportTestSupport
import Testing
@testable import HomeportCore

@Suite struct LocalizationTests {
    /// Every text of every message table: non-empty in both languages, the same placeholders.
    @Test func messageTablesHaveBothLanguagesWithTheSamePlaceholders() {
        let entries = CoreMessage.allCases.map { ("CoreMessage.\($0)", $0.text) }
            + CLIMessage.allCases.map { ("CLIMessage.\($0)", $0.text) }
            + EditorMessage.allCases.map { ("EditorMessage.\($0)", $0.text) }
            + PlanMessage.allCases.map { ("PlanMessage.\($0)", $0.text) }
            + FileMessage.allCases.map { ("FileMessage.\($0)", $0.text) }
            + CatalogMessage.allCases.map { ("CatalogMessage.\($0)", $0.text) }
        for (name, text) in entries {
            #expect(!text.english.isEmpty && !text.chinese.isEmpty, "\(name) lacks a language")
            #expect(text.english != text.chinese, "\(name) is not translated")
            #expect(LocalizedText.placeholders(in: text.english) == LocalizedText.placeholders(in: text.chinese),
                    "\(name): placeholders differ")
        }
    }

    /// Errors thrown deep in the core carry both languages to the point where they are printed:
    /// position and shape stay, only the message changes.
    @Test func fileProblemsKeepTheirPositionInBothLanguages() throws {
        func problem(_ body: () throws -> Void) -> FileProblem? {
            do { try body() } catch let problem as FileProblem { return problem } catch {}
            return nil
        }
        let syntax = try #require(problem { _ = try YAMLMap.parse("a: [1, 2\n", file: "c.yml") })
        #expect(syntax.description(in: .english) == "c.yml:2:1: expected ']' to close the flow sequence that starts at line 1, column 4")
        #expect(syntax.description(in: .simplifiedChinese) == "c.yml:2:1: 缺少 ']' 来结束从第 1 行第 4 列开始的流式序列")
        #expect(syntax.description == syntax.description(in: .english))
        let found = try #require(problem { _ = try YAMLMap.parse("a: {b: \"1\" c}\n", file: "c.yml") })
        #expect(found.description(in: .english).hasSuffix("expected ',' or '}' in a flow mapping, found 'c'"))
        #expect(found.description(in: .simplifiedChinese).hasSuffix("流式映射中应为 ',' 或 '}'，却是 'c'"))
        let end = try #require(problem { _ = try YAMLMap.parse("a: [\n", file: "c.yml") })
        #expect(!end.text.chinese.contains("the end"))
        let key = try #require(problem {
            _ = try ConfigLoader.load(text: "rulez: {}\n", file: "/r/.homeport.yml", root: "/r")
        })
        #expect(key.description(in: .simplifiedChinese).hasPrefix("/r/.homeport.yml:1:1: 配置中有未知的键 `rulez`；可用的键：extends, "))
        let glob = try #require(problem {
            _ = try ConfigLoader.load(text: "exclude: [\"a//b\"]\n", file: "/r/.homeport.yml", root: "/r")
        })
        #expect(glob.description(in: .english) == "/r/.homeport.yml:1:14: empty path component in glob `a//b`")
        #expect(glob.description(in: .simplifiedChinese) == "/r/.homeport.yml:1:14: glob `a//b` 中有空的路径部分")
        let catalog = try #require(problem { _ = try Catalog.loadAdditions("providers:\n  - id: x\n    nme: y\n", file: "k.yml") })
        #expect(catalog.description(in: .simplifiedChinese).hasPrefix("k.yml:3:5: 服务商条目中有未知的键 `nme`"))
    }

    /// The annotation's `help:` line is text a person reads on the pull request: it follows the
    /// language the annotations are written in (English unless `--lang`); the command syntax does not.
    @Test func githubAnnotationHelpLabelFollowsTheLanguage() throws {
        let source = "model = \"gpt-4o\"\n"
        func render(_ language: MessageLanguage) throws -> String {
            let rules = try RuleSet.bundled().localized(to: language)
            let scanner = Scanner(rules: rules, options: ScanOptions(language: language),
                                  advisor: try MigrationAdvisor(catalog: Catalog.bundled(), targetID: nil, language: language))
            var report = ScanReport()
            report.findings = scanner.scan(SourceFile(path: "a.py", bytes: Array(source.utf8), language: .python)).findings
            return GitHubActionsReporter.render(report, rules: rules, language: language)
        }
        let english = try render(.english)
        let chinese = try render(.simplifiedChinese)
        #expect(english.hasPrefix("::warning file=a.py,line=1,col=10,endLine=1,endColumn=16,title=openai-model"))
        #expect(english.contains("%0Ahelp: use `glm-5.3`"))
        #expect(chinese.hasPrefix("::warning file=a.py,line=1,col=10,endLine=1,endColumn=16,title=openai-model"))
        #expect(chinese.contains("%0A建议：改用 `glm-5.3`"))
    }

    @Test func jsonAndMergeErrorsInBothLanguages() throws {
        #expect { try JSONParser.parse(Array("[01]".utf8)) } throws: { error in
            let parse = error as! JSONParseError
            return parse.description == "invalid JSON at byte 1: leading zero"
                && parse.description(in: .simplifiedChinese) == "JSON 无效（第 1 字节）：数字有前导零"
        }
        #expect { try SARIFMerge.merge([(name: "a.sarif", value: .object([("runs", .array([]))]))]) } throws: { error in
            MessageLanguage.simplifiedChinese.describe(error) == "a.sarif：不是 SARIF 2.1.0"
                && MessageLanguage.english.describe(error) == "a.sarif: not SARIF 2.1.0"
        }
        let warning = try #require(SARIFLimits.warnings(results: 25_001, rules: 7).first)
        #expect(warning.chinese.hasPrefix("一个 SARIF 运行中有 25001 个结果"))
    }

    @Test func everyBundledRuleHasChineseTextsWithTheSamePlaceholders() throws {
        for rule in try RuleSet.bundled().rules {
            let chinese = try #require(rule.chinese, "\(rule.id) has no zh-CN section")
            for (english, translated) in zip(rule.englishTexts.all, chinese.all) {
                #expect(!translated.text.isEmpty, "\(rule.id).\(english.name) is empty in Chinese")
                #expect(LocalizedText.placeholders(in: english.text) == LocalizedText.placeholders(in: translated.text),
                        "\(rule.id).\(english.name): placeholders differ")
                // The unused-suppression message is only `{match}`, the same in both languages.
                if english.text != "{match}" {
                    #expect(english.text != translated.text, "\(rule.id).\(english.name) is not translated")
                }
            }
        }
    }

    @Test func everyCatalogTextHasAChineseForm() throws {
        let catalog = try Catalog.bundled()
        for provider in catalog.providers {
            #expect(!provider.nameZH.isEmpty, "\(provider.id) has no name-zh")
        }
        for (capability, mapping) in catalog.mapping {
            if case .manual(let note) = mapping {
                #expect(note.english != note.chinese, "\(capability): `manual` has no `manual-zh-CN`")
            }
        }
    }

    @Test func aChineseMessageWithOtherPlaceholdersIsARuleError() throws {
        let text = """
            id: demo-env
            name: DemoEnv
            level: warning
            summary: s
            description: d
            message: "`{match}` is an OpenAI variable"
            hint: h
            help: h
            zh-CN:
              summary: 摘要
              description: 描述
              message: "`{matched}` 是 OpenAI 变量"
              hint: 提示
              help: 帮助
            match:
              kind: env
              prefixes: [OPENAI_]
            examples: []
            """
        #expect { try RuleSet.load(files: [(name: "rules/demo-env.yml", text: text)]) } throws: { error in
            "\(error)".hasPrefix("rules/demo-env.yml:12:") && "\(error)".contains("placeholders")
        }
    }

    @Test(arguments: [
        ("en", MessageLanguage.english), ("en-US", .english), ("EN_gb", .english), ("zh-CN", .simplifiedChinese),
        ("zh_CN.UTF-8", .simplifiedChinese), ("zh-Hans", .simplifiedChinese), ("zh-SG", .simplifiedChinese),
        ("zh", .simplifiedChinese),
    ])
    func languageTags(tag: String, language: MessageLanguage) {
        #expect(MessageLanguage(tag: tag) == language)
    }

    @Test func unknownTagsAreNotGuessed() {
        #expect(MessageLanguage(tag: "fr") == nil)
        #expect(MessageLanguage(tag: "zh-TW") == nil)
        #expect(MessageLanguage(tag: "") == nil)
    }

    @Test func posixLocaleDecidesByTheFirstVariableSet() {
        func pick(_ all: String?, _ messages: String?, _ lang: String?) -> MessageLanguage {
            MessageLanguage.fromPOSIXLocale(lcAll: all, lcMessages: messages, lang: lang)
        }
        #expect(pick(nil, nil, "zh_CN.UTF-8") == .simplifiedChinese)
        #expect(pick(nil, nil, "zh_SG") == .simplifiedChinese)
        #expect(pick(nil, "zh_Hans_CN.UTF-8", "en_US.UTF-8") == .simplifiedChinese)
        #expect(pick("en_US.UTF-8", "zh_CN.UTF-8", "zh_CN.UTF-8") == .english)
        #expect(pick("", nil, "zh_CN.UTF-8") == .simplifiedChinese)  // an empty variable is unset
        #expect(pick(nil, nil, "zh_TW.UTF-8") == .english)  // Traditional Chinese is not what we ship
        #expect(pick(nil, nil, "C.UTF-8") == .english)
        #expect(pick(nil, nil, nil) == .english)
    }

    /// The caret line lines up with the source line in terminal cells, with Chinese before the match,
    /// and a Chinese message and help line do not move it.
    @Test func caretsStayUnderTheMatchAfterChineseText() throws {
        let source = "提示 = \"中文说明\" + \"gpt-4o\"  # 模型\n"
        let scanner = Scanner(rules: try RuleSet.bundled().localized(to: .simplifiedChinese),
                              options: ScanOptions(language: .simplifiedChinese),
                              advisor: try MigrationAdvisor(catalog: Catalog.bundled(), targetID: nil,
                                                            language: .simplifiedChinese))
        var report = ScanReport()
        report.findings = scanner.scan(SourceFile(path: "a.py", bytes: Array(source.utf8), language: .python)).findings
        report.filesScanned = 1
        let text = TextReporter(useColor: false, language: .simplifiedChinese)
            .render(report, rules: try RuleSet.bundled().localized(to: .simplifiedChinese))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let sourceLine = try #require(lines.first { $0.hasPrefix(" 1 | ") })
        let caretLine = try #require(lines.first { $0.contains("^") })
        func cells(_ text: Substring) -> Int { text.unicodeScalars.reduce(0) { $0 + TextReporter.cellWidth($1) } }
        let matchStart = try #require(sourceLine.range(of: "gpt-4o"))
        let caretStart = try #require(caretLine.firstIndex(of: "^"))
        #expect(cells(sourceLine[..<matchStart.lowerBound]) == cells(caretLine[..<caretStart]))
        #expect(caretLine[caretStart...] == "^^^^^^")
        #expect(lines[0] == "a.py:1:16: warning[openai-model] `gpt-4o` 是 OpenAI 模型（chat-flagship）")
        #expect(text.contains("   = 建议: 改用 `glm-5.3`（智谱 BigModel，chat-flagship）\n"))
        #expect(text.hasSuffix("发现 1 个问题（1 个警告），共扫描 1 个文件：openai-model 1。\n"))
    }

    @Test func cellWidthCountsChineseAsTwo() {
        #expect(TextReporter.cellWidth("中") == 2)
        #expect(TextReporter.cellWidth("，") == 2)  // fullwidth punctuation
        #expect(TextReporter.cellWidth("a") == 1)
        #expect(TextReporter.cellWidth("\u{0301}") == 0)
    }

    @Test func englishStaysTheDefault() throws {
        let advisor = try MigrationAdvisor(catalog: Catalog.bundled(), targetID: "deepseek")
        #expect(advisor.language == .english)
        #expect(try RuleSet.bundled().rule(id: "openai-model")?.message == "`{match}` is an OpenAI model ({class})")
    }
}

@Suite struct BundledTranslationTests {
    /// English runs load the rules without their `zh-CN:` sections: the same rules otherwise.
    @Test func rulesLoadedWithoutTranslationsAreTheSameRules() throws {
        let full = try RuleSet.bundled(), english = try RuleSet.bundled(translations: false)
        #expect(english.rules.map(\.id) == full.rules.map(\.id))
        for (plain, translated) in zip(english.rules, full.rules) {
            #expect(plain.chinese == nil)
            #expect(translated.chinese != nil)
            #expect(plain.englishTexts == translated.englishTexts, "\(plain.id)")
            #expect(plain.examples.count == translated.examples.count, "\(plain.id)")
            #expect(plain.level == translated.level && plain.migration == translated.migration)
        }
    }

    @Test func cuttingASectionKeepsWhatFollows() {
        let text = "id: a\nzh-CN:\n  message: 中\n  help: |\n    帮助\n\n    更多\nmatch:\n  kind: env\n"
        #expect(RuleSet.withoutTopLevelSection("zh-CN", of: text) == "id: a\nmatch:\n  kind: env\n")
        #expect(RuleSet.withoutTopLevelSection("zh-CN", of: "id: a\n") == "id: a\n")
        #expect(RuleSet.withoutTopLevelSection("zh-CN", of: "id: a\nzh-CN:\n  message: x\n") == "id: a\n")
    }
}

@Suite struct TemplateFillTests {
    @Test func fillsKnownNamesAndLeavesTheRest() {
        #expect(LocalizedText.fill("use `{model}` ({provider})", ["model": "glm-4.6", "provider": "智谱"]) == "use `glm-4.6` (智谱)")
        #expect(LocalizedText.fill("改用 {a}，{b}", ["a": "一"]) == "改用 一，{b}")
        #expect(LocalizedText.fill("{a}{a}", ["a": "x"]) == "xx")
        #expect(LocalizedText.fill("open { and {a}", ["a": "x"]) == "open { and {a}")  // `{ and {a}` is one unknown name
        #expect(LocalizedText.fill("no braces", ["a": "x"]) == "no braces")
        #expect(LocalizedText.fill("trailing {", [:]) == "trailing {")
        #expect(LocalizedText.fill("{match} 😀 {x}", ["match": "m", "x": "y"]) == "m 😀 y")
    }
}

@Suite struct StarterConfigurationTests {
    /// `homeport init` in Chinese writes the same settings with Chinese comments.
    @Test func chineseStarterConfiguresTheSameAsTheEnglishOne() throws {
        let english = try ConfigLoader.load(text: StarterConfiguration.text(in: .english), file: "/r/.homeport.yml", root: "/r")
        let chinese = try ConfigLoader.load(text: StarterConfiguration.text(in: .simplifiedChinese), file: "/r/.homeport.yml", root: "/r")
        #expect(english.effectiveYAML() == chinese.effectiveYAML())
        func settings(_ text: String) -> [Substring] {
            text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingPrefix(while: { $0 == " " }).hasPrefix("#") }
        }
        #expect(settings(StarterConfiguration.chinese) == settings(StarterConfiguration.text))
        let comments = StarterConfiguration.chinese.split(separator: "\n").filter { $0.hasPrefix("# ") && !$0.contains(":") || $0.hasPrefix("# Homeport") }
        #expect(comments.allSatisfy { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }, "\(comments)")
    }
}
