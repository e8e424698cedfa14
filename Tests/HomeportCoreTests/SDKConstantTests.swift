// The Swift SDKs' model constants (openai-model `symbols`, written by scripts/generate-sdk-model-constants.py)
// and the second tier (openai-model-shape) for constants shaped like them that no table knows.

import Testing
@testable import HomeportCore

@Suite struct SDKConstantTests {
    static let rules = try! RuleSet.bundled()
    static let exact: ModelMatcher = {
        guard let matcher = rules.rule(id: "openai-model")?.matcher as? ModelMatcher else { fatalError("openai-model") }
        return matcher
    }()
    static let shape: ModelMatcher = {
        guard let matcher = rules.rule(id: "openai-model-shape")?.matcher as? ModelMatcher else { fatalError("shape") }
        return matcher
    }()

    /// "rule name class" for each model finding of a Swift source.
    func findings(_ source: String) -> [String] {
        let file = SourceFile(path: "t.swift", bytes: Array(source.utf8), language: .swift)
        return Scanner(rules: Self.rules, options: ScanOptions(usePrefilter: false)).scan(file).findings
            .filter { $0.ruleID.hasPrefix("openai-model") }
            .map { "\($0.ruleID) \($0.matchedText) \($0.details["class"] ?? "-")" }
    }

    @Test func everySDKIsTabledWithItsSourceAndVersion() throws {
        var counts: [String: Int] = [:]
        for type in Self.exact.sdkTypes { counts[type.sdk, default: 0] += type.constants.count }
        #expect(counts.keys.sorted() == ["MacPaw/OpenAI", "adamrushy/OpenAISwift", "alfianlosari/ChatGPTSwift",
                                         "dylanshine/openai-kit", "jamesrochabrun/SwiftOpenAI"])
        // What the tables were generated from held at least this many; a regeneration that loses most of
        // them has stopped reading an SDK.
        let least = ["MacPaw/OpenAI": 60, "jamesrochabrun/SwiftOpenAI": 20, "dylanshine/openai-kit": 25,
                     "adamrushy/OpenAISwift": 50, "alfianlosari/ChatGPTSwift": 38]
        for (sdk, count) in least { #expect(counts[sdk, default: 0] >= count, "\(sdk): \(counts[sdk, default: 0])") }
        // Each entry records where it came from.
        let text = try #require(BundledRules.files.first { $0.name == "openai-model.yml" }?.text)
        for sdk in least.keys {
            let entry = try #require(text.range(of: "- sdk: \(sdk)\n"), "\(sdk)")
            let fields = text[entry.upperBound...].split(separator: "\n").prefix(3).map { $0.drop { $0 == " " } }
            #expect(fields.map { $0.prefix { $0 != ":" } } == ["version", "commit", "sources"], "\(sdk)")
        }
    }

    @Test func everyTabledConstantIsAnOpenAIModelOfAKnownClass() {
        for type in Self.exact.sdkTypes {
            for (name, model) in type.constants {
                let capability = Self.exact.capabilityClass(of: model, labelAllowsShortIDs: true)
                    ?? Self.shape.capabilityClass(of: model, labelAllowsShortIDs: true)
                #expect(capability != nil && capability != "unknown", "\(type.sdk) \(type.path).\(name) = \(model)")
            }
        }
    }

    @Test("a constant's name spells its model ID", arguments: [
        ("gpt4_1_mini", "gpt-4.1-mini"), ("gpt5_1_chat_latest", "gpt-5.1-chat-latest"), ("gpt4_o", "gpt-4o"),
        ("gpt4_o_mini", "gpt-4o-mini"), ("gpt3_5Turbo", "gpt-3.5-turbo"), ("gpt4_0613", "gpt-4-0613"),
        ("gpt4oMini", "gpt-4o-mini"), ("o3Mini", "o3-mini"), ("o5_mini", "o5-mini"), ("o1", "o1"),
        ("tts_1_hd", "tts-1-hd"), ("whisper2", "whisper-2"), ("dalle3", "dall-e-3"), ("dall_e_4", "dall-e-4"),
        ("textEmbedding3Large", "text-embedding-3-large"), ("chatgpt_4o_latest", "chatgpt-4o-latest"),
        ("gpt_hyphen_4_period_1_hyphen_mini", "gpt-4.1-mini"), ("gpt6_sol", "gpt-6-sol"),
    ])
    func spelledModelID(name: String, model: String) {
        #expect(ModelMatcher.modelID(forConstant: name) == model)
    }

    /// swift-openapi-generator's names spell the ID exactly: the derivation agrees with the whole table.
    @Test func generatedNamesSpellTheirIDs() {
        let generated = Self.exact.sdkTypes.filter { $0.sdk == "alfianlosari/ChatGPTSwift" }
        #expect(!generated.isEmpty)
        for type in generated {
            for (name, model) in type.constants { #expect(ModelMatcher.modelID(forConstant: name) == model) }
        }
    }

    @Test func ordinaryWordsCountOnlyOnTheirType() {
        let source = """
        import OpenAISwift
        let a = OpenAIModelType.Moderation.latest
        let b = OpenAIEndpointModelType.FineTunes.davinci
        let c = Feature.davinci
        let d = Model.ada
        let e: Cache = .latest
        let f = cache.latest
        openAI.sendCompletion(with: prompt, model: .davinci)

        """
        #expect(findings(source) == [
            "openai-model latest moderation", "openai-model davinci legacy-completion",
            "openai-model davinci legacy-completion", "openai-model ada legacy-completion",
        ])
    }

    /// OpenAISwift wraps its model enums in cases of `OpenAIModelType`: `.chat(.chatgpt)` names the
    /// `Chat` type's `chatgpt`, and a fix must not put a string where that payload goes.
    @Test func payloadsOfTheSDKsWrapperCases() throws {
        let source = """
        import OpenAISwift
        openAI.sendChat(with: messages, model: .chat(.chatgpt))
        openAI.sendCompletion(with: prompt, model: .codex(.davinci))
        openAI.sendChat(with: messages, model: .gpt4(.gpt4_5_turbo))
        log(.chat(.latest), .moderation(x: .latest))

        """
        #expect(findings(source) == [
            "openai-model chatgpt chat-small", "openai-model davinci legacy-completion",
            "openai-model-shape gpt4_5_turbo chat-flagship",
        ])
        let advisor = try MigrationAdvisor(catalog: try Catalog.bundled(), targetID: "zhipu")
        let file = SourceFile(path: "t.swift", bytes: Array(source.utf8), language: .swift)
        let scanned = Scanner(rules: Self.rules, advisor: advisor).scan(file).findings.filter { $0.ruleID != "openai-import" }
        #expect(scanned.map { $0.suggestions.first?.replacement } == ["glm-5.3-flash", "glm-4.7-flash", "glm-5.3"])
        #expect(scanned.allSatisfy { $0.suggestions.allSatisfy(\.edits.isEmpty) })
    }

    /// A name two SDKs give different IDs counts everywhere as the first SDK's ID when the classes agree,
    /// and only on its own type when they do not; a hand-written name always wins.
    @Test func namesTheSDKsDisagreeOn() {
        let types = [
            SDKModelType(sdk: "a", path: "A", constants: ["gpt4turbo": "gpt-4-turbo", "gpt4_x": "gpt-4o",
                                                          "gpt4Turbo": "dall-e-3", "latest": "text-moderation-latest"]),
            SDKModelType(sdk: "b", path: "B.Models", constants: ["gpt4turbo": "gpt-4-turbo-preview",
                                                                 "gpt4_x": "text-embedding-3-small"]),
        ]
        let table = ModelMatcher.unambiguousConstants(names: ["gpt4Turbo": "gpt-4-turbo"], sdkTypes: types,
                                                      shape: Self.exact.symbolShape, classifier: Self.exact)
        #expect(table == ["gpt4turbo": "gpt-4-turbo", "gpt4Turbo": "gpt-4-turbo"])
        var matcher = Self.exact
        matcher.sdkTypes = types
        matcher.symbols = table
        #expect(matcher.constantModel(SymbolFact(name: "gpt4_x", span: Span(start: 0, end: 0), receiver: "Models"))
            == "text-embedding-3-small")
        #expect(matcher.constantModel(SymbolFact(name: "gpt4_x", span: Span(start: 0, end: 0))) == nil)
        #expect(matcher.constantModel(SymbolFact(name: "gpt4turbo", span: Span(start: 0, end: 0), receiver: "B.Models"))
            == "gpt-4-turbo-preview")
        // The bundled tables: SwiftOpenAI's `gpt4turbo` (gpt-4-turbo) comes before OpenAISwift's (the preview).
        #expect(Self.exact.symbols["gpt4turbo"] == "gpt-4-turbo")
        #expect(Self.exact.symbols["latest"] == nil && Self.exact.symbols["davinci"] == nil)
    }

    @Test func unknownConstantsNeedAnSDKTypeOrAModelLabel() {
        let source = """
        import OpenAI
        let a = OpenAI.Model.gpt6_sol
        let b = OpenAIKit.Model.GPT4.gpt5_5
        let c = ChatQuery(messages: m, engine: .o7)
        let model: Model = .gpt6Mini
        let e = ChatGPTModel.gpt_hyphen_2_hyphen_medium
        let f = Palette.gpt6_sol
        let g = render(.gpt6_sol)
        let h = ChatQuery(messages: m, model: .gpt)
        let i = self.gpt6

        """
        #expect(findings(source) == [
            "openai-model-shape gpt6_sol unknown", "openai-model-shape gpt5_5 chat-flagship",
            "openai-model-shape o7 reasoning", "openai-model-shape gpt6Mini chat-small",
        ])
    }

    /// A rule file that asks for unknown constants without a first tier that has a shape, or lists SDK
    /// constants without the import rule that gates them, is refused where it says so.
    @Test func symbolSettingsAreChecked() throws {
        func rule(_ match: String) -> String {
            "id: demo\nname: Demo\nlevel: warning\nsummary: s\ndescription: d\nmessage: m\nhint: h\nhelp: h\n"
                + "match:\n  kind: model\n  label-words: [model]\n  families:\n"
                + "    - {pattern: '^gpt-\\d+$', class: chat-flagship}\n" + match
        }
        let unknownAlone = rule("  symbols: {unknown-constants: true}\n")
        #expect(throws: FileProblem.self) { try RuleSet.load(files: [(name: "rules/demo.yml", text: unknownAlone)]) }
        let ungated = rule("  symbols:\n    sdks:\n      - sdk: a/b\n        types:\n"
                           + "          - type: Model\n            constants: {gpt9: gpt-9}\n")
        let error = try #require(throws: FileProblem.self) {
            try RuleSet.load(files: [(name: "rules/demo.yml", text: ungated)])
        }
        #expect(error.message.contains("requires-import-of-rule"))
    }

    @Test func nothingWithoutAnSDKImport() {
        #expect(findings("import Foundation\nlet a = Model.gpt6_sol\nlet b = Model.gpt4_o\nlet c = q(model: .o5)\n").isEmpty)
    }
}
