// The provider catalog and the advice built from it: one decision per finding, from data.

import Testing
@testable import HomeportCore

@Suite struct CatalogTests {
    let catalog = try! Catalog.bundled()

    func advisor(_ target: String) -> MigrationAdvisor { try! MigrationAdvisor(catalog: catalog, targetID: target) }

    func file(_ text: String, _ language: Language = .python) -> SourceFile {
        SourceFile(path: "t", bytes: Array(text.utf8), language: language)
    }

    /// A match on the first occurrence of `text` in `source`.
    func match(_ text: String, in source: String, variables: [String: String] = [:]) -> Match {
        let bytes = Array(source.utf8)
        let needle = Array(text.utf8)
        let start = (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }!
        return Match(span: Span(start: start, end: start + needle.count), text: text, variables: variables)
    }

    @Test func bundledCatalogIsComplete() throws {
        #expect(catalog.version == BundledRules.catalogVersion)
        #expect(catalog.date == BundledRules.catalogDate)
        #expect(catalog.defaultTarget == "zhipu")
        let ids = catalog.providers.map(\.id)
        #expect(ids == ["zhipu", "baidu", "tencent", "sensetime", "deepseek", "qwen", "moonshot", "volcengine", "minimax", "stepfun"])
        for provider in catalog.providers {
            #expect(provider.baseURL.hasPrefix("https://"), "\(provider.id)")
            #expect(!provider.keyEnvironmentVariable.isEmpty)
            #expect(!provider.source.isEmpty, "\(provider.id) has no source")
            #expect(provider.compatibleEndpoints.contains("chat"))
            #expect(provider.models["chat-flagship"]?.isEmpty == false)
        }
        #expect(catalog.providers.filter(\.isSeed).map(\.id) == ["zhipu", "baidu", "tencent", "sensetime"])
    }

    @Test func everyModelClassOfTheRuleIsMapped() throws {
        let rules = try RuleSet.bundled()
        for id in ["openai-model", "openai-model-shape"] {
            guard let matcher = rules.rule(id: id)!.matcher as? ModelMatcher else { continue }
            for family in matcher.families {
                #expect(catalog.mapping[family.capabilityClass] != nil, "\(family.capabilityClass) has no mapping")
                // A class without an endpoint family (`unknown`) can only be migrated by hand.
                if case .manual? = catalog.mapping[family.capabilityClass] { continue }
                #expect(catalog.classEndpoints[family.capabilityClass] != nil, "\(family.capabilityClass)")
            }
        }
    }

    @Test func replacementsAcrossProvidersPutTheTargetFirst() throws {
        func finding(_ rule: String, _ text: String, details: [String: String] = [:]) -> Finding {
            var result = Finding(ruleID: rule, severity: .warning, path: "t", span: Span(start: 0, end: 1),
                                 start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 2),
                                 message: "", matchedText: text, lineText: text)
            result.details = details
            return result
        }
        let deepseek = advisor("deepseek")
        let models = deepseek.replacementsAcrossProviders(
            for: finding("openai-model", "text-embedding-3-small", details: ["class": "embedding"]), migration: .model, language: .python)
        // DeepSeek has no embedding model: the providers that have one, in catalog order.
        #expect(models.map(\.provider.id) == ["zhipu", "baidu", "qwen", "volcengine"])
        #expect(models.first { $0.provider.id == "zhipu" }?.text == "embedding-3")
        let keys = deepseek.replacementsAcrossProviders(for: finding("openai-env", "OPENAI_API_KEY"),
                                                        migration: .environmentVariable, language: .python)
        #expect(keys.map(\.provider.id) == ["deepseek"] + catalog.providers.map(\.id).filter { $0 != "deepseek" })
        #expect(keys.first?.text == "DEEPSEEK_API_KEY")
        #expect(deepseek.replacementsAcrossProviders(for: finding("openai-model", "omni-moderation-latest", details: ["class": "moderation"]),
                                                     migration: .model, language: .python).isEmpty)
    }

    @Test func endpointFamilies() {
        #expect(catalog.endpointFamily(ofPath: "/v1/chat/completions") == "chat")
        #expect(catalog.endpointFamily(ofPath: "/v1/audio/transcriptions") == "audio")
        #expect(catalog.endpointFamily(ofPath: "/embeddings") == "embeddings")
        #expect(catalog.endpointFamily(ofPath: "/v1/unknown") == nil)
    }

    @Test func parsedURLs() {
        let url = ParsedURL("https://api.openai.com/v1/chat/completions?x=1")
        #expect(url.scheme == "https")
        #expect(url.host == "api.openai.com")
        #expect(url.path == "/v1/chat/completions")
        #expect(url.suffix == "?x=1")
        #expect(ParsedURL("api.openai.com").scheme == "")
        #expect(ParsedURL("https://api.openai.com/v1/").hasTrailingSlash)
    }

    @Test("URL keeps its endpoint path on every seed provider and DeepSeek/Qwen",
          arguments: [("zhipu", "https://open.bigmodel.cn/api/paas/v4/chat/completions"),
                      ("baidu", "https://qianfan.baidubce.com/v2/chat/completions"),
                      ("tencent", "https://tokenhub.tencentmaas.com/v1/chat/completions"),
                      ("sensetime", "https://token.sensenova.cn/v1/chat/completions"),
                      ("deepseek", "https://api.deepseek.com/chat/completions"),
                      ("qwen", "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions")])
    func urlReplacement(target: String, expected: String) {
        let source = "u = 'https://api.openai.com/v1/chat/completions'"
        let m = match("https://api.openai.com/v1/chat/completions", in: source)
        let suggestions = advisor(target).suggestions(for: .apiURL, match: m, in: file(source))
        #expect(suggestions.first?.replacement == expected)
        #expect(suggestions.first?.applicability == .safe)
        #expect(suggestions.first?.edits == [TextEdit(span: m.span, replacement: expected)])
    }

    @Test func urlsThatCannotMoveMechanically() {
        let realtime = "u = 'wss://api.openai.com/v1/realtime'"
        let r = advisor("zhipu").suggestions(for: .apiURL, match: match("wss://api.openai.com/v1/realtime", in: realtime), in: file(realtime))
        #expect(r.count == 1 && r[0].applicability == .manual && r[0].title.hasPrefix("manual migration: No domestic provider serves OpenAI's Realtime API"))
        let audio = "u = 'https://api.openai.com/v1/audio/speech'"
        let a = advisor("zhipu").suggestions(for: .apiURL, match: match("https://api.openai.com/v1/audio/speech", in: audio), in: file(audio))
        #expect(a.map(\.applicability) == [.manual])
        #expect(a[0].title == "manual migration: Zhipu GLM serves no OpenAI-compatible `audio` endpoint; no domestic provider serves OpenAI's `audio` API compatibly")
        // A URL spelled with escapes has no verbatim span to edit: suggestion without edits.
        let escaped = #"u = "https:\x2f\x2fapi.openai.com/v1""#
        let e = advisor("qwen").suggestions(for: .apiURL, match: Match(span: Span(start: 4, end: escaped.utf8.count), text: "https://api.openai.com/v1"), in: file(escaped))
        #expect(e[0].replacement == "https://dashscope.aliyuncs.com/compatible-mode/v1")
        #expect(e[0].applicability == .manual)
    }

    @Test func modelsPerTargetAndClass() {
        let source = "m = 'gpt-4o-mini'"
        let m = match("gpt-4o-mini", in: source, variables: ["class": "chat-small", "model": "gpt-4o-mini"])
        let expected = ["zhipu": "glm-5.3-flash", "baidu": "ernie-speed-128k", "tencent": "deepseek-v4-flash",
                        "sensetime": "sensenova-6.8-flash-lite", "deepseek": "deepseek-flash", "qwen": "qwen3.6-flash"]
        for (target, model) in expected {
            let suggestions = advisor(target).suggestions(for: .model, match: m, in: file(source))
            #expect(suggestions.first?.replacement == model, "\(target)")
            #expect(suggestions.first?.applicability == .safe)
            #expect(suggestions.count == 3, "target plus two alternatives")
            #expect(!suggestions.dropFirst().contains { $0.provider == target })
        }
        let moderation = advisor("zhipu").suggestions(
            for: .model, match: match("omni-moderation-latest", in: "m = 'omni-moderation-latest'",
                                      variables: ["class": "moderation"]), in: file("m = 'omni-moderation-latest'"))
        #expect(moderation.count == 1 && moderation[0].title.hasPrefix("manual migration: No domestic provider serves an OpenAI-compatible /moderations"))
    }

    @Test func sdkConstantBecomesAStringOnlyAsAnImplicitMember() {
        let source = "let a = ChatQuery(model: .gpt4_o)\nlet b = Model.gpt4_o\n"
        let implicit = match("gpt4_o", in: source, variables: ["class": "chat-flagship", "model": "gpt-4o"])
        let s = advisor("zhipu").suggestions(for: .model, match: implicit, in: file(source, .swift))
        #expect(s[0].applicability == .unsafe)
        #expect(s[0].edits == [TextEdit(span: Span(start: implicit.span.start - 1, end: implicit.span.end), replacement: "\"glm-5.3\"")])
        let qualifiedStart = source.utf8.count - "gpt4_o\n".utf8.count
        let qualified = Match(span: Span(start: qualifiedStart, end: qualifiedStart + 6), text: "gpt4_o",
                              variables: ["class": "chat-flagship", "model": "gpt-4o"])
        #expect(advisor("zhipu").suggestions(for: .model, match: qualified, in: file(source, .swift))[0].applicability == .manual)
    }

    /// Constants the SDK tables added get the provider's model of their class, as a string where the
    /// constant stands alone; `.o1`, spelled like the ID it stands for, is never replaced by bare text.
    @Test func tabledSDKConstantsGetTheProvidersModel() throws {
        let source = """
        import ChatGPTSwift
        import OpenAI
        let a = ChatQuery(messages: m, model: .o1)
        let b = try await api.sendMessage(text: t, model: ChatGPTModel.gpt_hyphen_4o_hyphen_mini)
        let c = ChatQuery(messages: m, model: .gpt5_1)
        let d = ChatQuery(messages: m, model: .gpt6_sol)

        """
        let scanner = Scanner(rules: try RuleSet.bundled(), advisor: advisor("zhipu"))
        let findings = scanner.scan(file(source, .swift)).findings.filter { $0.ruleID != "openai-import" }
        let bytes = Array(source.utf8)
        func edited(_ finding: Finding) -> String? {  // the finding's line after its first edit
            guard let edit = finding.suggestions.first?.edits.first else { return nil }
            var copy = bytes
            copy.replaceSubrange(edit.span.start..<edit.span.end, with: Array(edit.replacement.utf8))
            let lineStart = copy[..<edit.span.start].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            let lineEnd = copy[edit.span.start...].firstIndex(of: UInt8(ascii: "\n")) ?? copy.count
            return String(decoding: copy[lineStart..<lineEnd], as: UTF8.self)
        }
        #expect(findings.map(\.matchedText) == ["o1", "gpt_hyphen_4o_hyphen_mini", "gpt5_1", "gpt6_sol"])
        #expect(findings.map(\.ruleID) == ["openai-model", "openai-model", "openai-model", "openai-model-shape"])
        #expect(findings.map { $0.details["class"] ?? "" } == ["reasoning", "chat-small", "chat-flagship", "unknown"])
        #expect(findings.map { $0.suggestions.first?.replacement } == ["glm-5.3", "glm-5.3-flash", "glm-5.3", nil])
        #expect(findings.map { $0.suggestions.first?.applicability } == [.unsafe, .manual, .unsafe, .manual])
        #expect(edited(findings[0]) == #"let a = ChatQuery(messages: m, model: "glm-5.3")"#)
        #expect(edited(findings[2]) == #"let c = ChatQuery(messages: m, model: "glm-5.3")"#)
    }

    @Test func environmentVariables() {
        let source = "k = os.environ['OPENAI_API_KEY']; b = os.getenv('OPENAI_BASE_URL'); o = os.getenv('OPENAI_ORG_ID')"
        let key = advisor("tencent").suggestions(for: .environmentVariable, match: match("OPENAI_API_KEY", in: source), in: file(source))
        #expect(key.first?.replacement == "TOKENHUB_API_KEY")
        let base = advisor("qwen").suggestions(for: .environmentVariable, match: match("OPENAI_BASE_URL", in: source), in: file(source))
        #expect(base.first?.replacement == "DASHSCOPE_API_BASE")
        let org = advisor("qwen").suggestions(for: .environmentVariable, match: match("OPENAI_ORG_ID", in: source), in: file(source))
        #expect(org.first?.applicability == .manual)
    }

    @Test func applicationSettingsGetANeutralNameNotRemoval() throws {
        let source = "d = os.environ['OPENAI_CACHE_DIR']; k = os.environ['OPENAI_KEY']"
        let rules = try RuleSet.bundled()
        let findings = Scanner(rules: rules, advisor: advisor("zhipu")).scan(file(source)).findings
        #expect(findings.map(\.ruleID) == ["openai-prefixed-env", "openai-env"])
        #expect(findings.map(\.severity) == [.note, .warning])
        let neutral = try #require(findings.first?.suggestions.first)
        #expect(neutral.replacement == "LLM_CACHE_DIR" && neutral.edits.isEmpty)
        #expect(!neutral.title.contains("remove"))
        // A conventional key variable maps to the provider's key variable.
        #expect(findings.last?.suggestions.first?.replacement == "ZHIPUAI_API_KEY")
    }

    @Test func migratedClientIsRecognisedByItsHost() {
        let facts = PythonFrontend().facts(in: file("c = OpenAI(base_url='https://dashscope.aliyuncs.com/compatible-mode/v1')"))
        #expect(advisor("zhipu").migratedProvider(in: facts)?.provider.id == "qwen")
        let plain = PythonFrontend().facts(in: file("c = OpenAI()"))
        #expect(advisor("zhipu").migratedProvider(in: plain) == nil)
    }

    @Test func catalogErrorsHavePositions() {
        #expect(throws: FileProblem.self) { try Catalog.loadAdditions("providers:\n  - id: x\n", file: "c.yml") }
        do {
            _ = try Catalog.loadAdditions("providers:\n  - id: x\n    nme: y\n", file: "c.yml")
        } catch let problem as FileProblem {
            #expect(problem.line == 3)
            #expect(problem.message.hasPrefix("unknown key `nme` in a provider; valid keys: id, name"))
        } catch {
            Issue.record("\(error)")
        }
    }
}

@Suite struct EditTests {
    @Test func applyKeepsEverythingOutsideTheEdits() {
        let bytes = Array("a\r\nbb\r\nccc".utf8)
        let out = EditApplier.apply([TextEdit(span: Span(start: 3, end: 5), replacement: "XYZ"),
                                     TextEdit(span: Span(start: 0, end: 1), replacement: "")], to: bytes)
        #expect(String(decoding: out, as: UTF8.self) == "\r\nXYZ\r\nccc")
    }

    @Test func overlappingEditsAreSkippedNotMangled() {
        let split = EditApplier.compatible([TextEdit(span: Span(start: 0, end: 4), replacement: "a"),
                                            TextEdit(span: Span(start: 2, end: 6), replacement: "b"),
                                            TextEdit(span: Span(start: 0, end: 4), replacement: "a")])
        #expect(split.kept == [TextEdit(span: Span(start: 0, end: 4), replacement: "a")])
        #expect(split.skipped == [TextEdit(span: Span(start: 2, end: 6), replacement: "b")])
    }

    @Test func unifiedDiffHunks() {
        let old = Array((1...20).map { "line \($0)\n" }.joined().utf8)
        var newText = (1...20).map { "line \($0)\n" }
        newText[1] = "LINE 2\n"
        newText[17] = "LINE 18\n"
        let diff = UnifiedDiff.render(path: "f.py", old: old, new: Array(newText.joined().utf8))
        #expect(diff == """
            --- a/f.py
            +++ b/f.py
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +LINE 2
             line 3
             line 4
             line 5
            @@ -15,6 +15,6 @@
             line 15
             line 16
             line 17
            -line 18
            +LINE 18
             line 19
             line 20

            """)
        #expect(UnifiedDiff.render(path: "f", old: old, new: old) == "")
    }
}
