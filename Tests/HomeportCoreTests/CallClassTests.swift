// Replacements that fit the call: frontends record what a call's content carries, the advisor
// chooses the class from it (vision for images, the API's class for embeddings, images, audio) and
// never offers a model that lacks what the call uses or a smaller context window.

import HomeportCore
import Testing

@Suite struct CallClassTests {
    let catalog = try! Catalog.bundled()

    func python(_ source: String) -> SourceFile { SourceFile(path: "t.py", bytes: Array(source.utf8), language: .python) }
    func swift(_ source: String) -> SourceFile { SourceFile(path: "t.swift", bytes: Array(source.utf8), language: .swift) }

    func findings(_ file: SourceFile, target: String) throws -> [Finding] {
        let scanner = Scanner(rules: try RuleSet.bundled(), advisor: try MigrationAdvisor(catalog: catalog, targetID: target))
        return scanner.scan(file).findings.filter { $0.ruleID == "openai-model" || $0.ruleID == "openai-model-shape" }
    }

    /// The call from issue 19: a chat call whose message carries an `image_url` part.
    static let imageCall = """
        resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": [
            {"type": "text", "text": "What is in this image?"},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        ]}])

        """

    // MARK: Facts

    @Test func pythonCallsRecordImagePartsAndMessagesBuiltElsewhere() {
        let source = Self.imageCall + """
            a = client.chat.completions.create(model="gpt-4o", messages=history)
            b = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": parts}])
            c = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
            d = client.responses.create(model="gpt-4o", input=[{"role": "user", "content": [{"type": "input_image", "image_url": u}]}])
            e = client.chat.completions.create(**params)

            """
        let calls = PythonFrontend().facts(in: python(source)).calls.filter { $0.callee.hasSuffix(".create") }
        #expect(calls.map(\.contentParts) == [["image"], [], [], [], ["image"], []])
        #expect(calls.map(\.unreadArguments) == [[], ["messages"], ["messages"], [], [], [""]])
    }

    @Test func swiftCallsRecordImagePartsAndMessagesBuiltElsewhere() {
        let source = """
            let a = ChatQuery(messages: [.user(.init(content: .vision([
                .chatCompletionContentPartTextParam(.init(text: "What is in this image?")),
                .chatCompletionContentPartImageParam(.init(imageUrl: .init(url: url, detail: .auto))),
            ])))], model: .gpt4_o)
            let b = ChatQuery(messages: history, model: .gpt4_o)
            let c = ChatQuery(messages: [.user(.init(content: .string(text)))], model: .gpt4_o)
            let d = ChatQuery(messages: [.user(imageParam)], model: .gpt4_o)
            let e = ChatQuery(messages: [["role": "user", "content": [["type": "image_url", "image_url": u]]]], model: "gpt-4o")

            """
        let calls = SwiftFrontend().facts(in: swift(source)).calls.filter { $0.callee == "ChatQuery" }
        #expect(calls.map(\.contentParts) == [["image"], [], [], [], ["image"]])
        #expect(calls.map { $0.unreadArguments.contains("messages") } == [false, true, false, true, false])
    }

    // MARK: The class chosen from the call

    @Test func anImageCallIsFixedToAVisionModelOnEveryProviderThatHasOne() throws {
        for provider in catalog.providers {
            let found = try findings(python(Self.imageCall), target: provider.id)
            #expect(found.count == 1)
            guard let finding = found.first else { continue }
            #expect(finding.details["class"] == "vision" && finding.details["id-class"] == "chat-flagship")
            #expect(finding.details["class-from"] == "image-input")
            let first = finding.suggestions.first
            // `fix` never writes a model that lacks a capability the call uses.
            for edit in first?.edits ?? [] {
                #expect(provider.models["vision"]?.contains(edit.replacement) == true, "\(provider.id): \(edit.replacement)")
            }
            if catalog.serves(provider, "vision") {
                #expect(first?.edits.map(\.replacement) == [provider.models["vision"]![0]], "\(provider.id)")
            } else {
                // Manual, with a reason naming a provider that has one.
                #expect(first?.edits.isEmpty == true, "\(provider.id)")
                let offered = catalog.alternatives(forClass: "vision", excluding: provider.id)[0]
                #expect(first?.title.contains("`\(offered.models["vision"]![0])`") == true, "\(first?.title ?? "")")
                #expect(first?.title.contains(offered.name) == true)
            }
        }
    }

    @Test func theAPICalledChoosesTheClass() throws {
        let source = """
            e = client.embeddings.create(model="gpt-9-omni-x", input="x")
            i = client.images.generate(model="gpt-9-omni-x", prompt="a cat")
            t = client.audio.transcriptions.create(model="gpt-9-omni-x", file=f)
            r = client.audio.translations.create(model="gpt-9-omni-x", file=f)
            c = client.chat.completions.create(model="gpt-9-omni-x", messages=[{"role": "user", "content": "hi"}])
            x = other.create(model="gpt-9-omni-x")

            """
        let found = try findings(python(source), target: "qwen")
        #expect(found.map { $0.details["class"] ?? "" }
                == ["embedding", "image-gen", "speech-to-text", "speech-to-text", "chat-flagship", "unknown"])
        #expect(found.map { $0.details["class-from"] ?? "" } == ["api", "api", "api", "api", "api", ""])
        let qwen = catalog.provider(id: "qwen")!
        #expect(found[0].suggestions.first?.edits.map(\.replacement) == [qwen.models["embedding"]![0]])
    }

    @Test func messagesBuiltElsewhereGetTheGeneralModelAndSayWhatToCheck() throws {
        let source = "a = client.chat.completions.create(model=\"gpt-4o\", messages=history)\n"
        // A provider with no vision model (MiniMax) says which provider has one.
        let minimax = try findings(python(source), target: "minimax")[0]
        let flagship = catalog.provider(id: "minimax")!.models["chat-flagship"]![0]
        #expect(catalog.provider(id: "minimax")!.models["vision"] == nil)
        #expect(minimax.details["class"] == "chat-flagship" && minimax.details["call-unread"] == "messages")
        #expect(minimax.suggestions.first?.edits.map(\.replacement) == [flagship])
        #expect(minimax.suggestions.first?.title.contains("the messages are built elsewhere: if they carry images") == true)
        // A general model that also reads images (SenseTime's) needs no note.
        let sensetime = try findings(python(source), target: "sensetime")[0]
        #expect(sensetime.suggestions.first?.title.contains("elsewhere") == false)
        let baidu = try findings(python(source), target: "baidu")[0]
        #expect(baidu.suggestions.first?.title.contains("use `\(catalog.provider(id: "baidu")!.models["vision"]![0])` instead") == true)
        // Messages written in place say nothing more.
        let written = "a = client.chat.completions.create(model=\"gpt-4o\", messages=[{\"role\": \"user\", \"content\": \"hi\"}])\n"
        #expect(try findings(python(written), target: "baidu")[0].suggestions.first?.title.contains("elsewhere") == false)
    }

    @Test func aSwiftVisionQueryIsFixedToAVisionModel() throws {
        let source = """
            import OpenAI
            let q = ChatQuery(messages: [.user(.init(content: .vision([
                .chatCompletionContentPartImageParam(.init(imageUrl: .init(url: url, detail: .auto))),
            ])))], model: .gpt4_o)

            """
        let finding = try findings(swift(source), target: "zhipu")[0]
        #expect(finding.details["class"] == "vision")
        #expect(finding.suggestions.first?.edits.map(\.replacement) == ["\"\(catalog.provider(id: "zhipu")!.models["vision"]![0])\""])
    }

    // MARK: Context windows

    @Test func openAIContextWindowsAreSourcedAndSnapshotsInheritThem() {
        #expect(!catalog.openAIModels.isEmpty)
        for facts in catalog.openAIModels.values {
            #expect(!facts.source.isEmpty && CatalogDate.dayNumber(facts.checked) != nil && (facts.context ?? 0) > 0, "\(facts.id)")
        }
        #expect(catalog.openAIContext(of: "gpt-4o-2024-08-06") == catalog.openAIModels["gpt-4o"]?.context)
        #expect(catalog.openAIContext(of: "gpt-4-0613") == catalog.openAIModels["gpt-4"]?.context)
        #expect(catalog.openAIContext(of: "gpt-4o-mini") == 128_000)
        #expect(catalog.openAIContext(of: "no-such-model") == nil)
    }

    /// A catalog whose target has only an 8K small model and a 128K flagship.
    func smallCatalog(flagshipContext: Int) throws -> Catalog {
        var catalog = self.catalog
        var provider = catalog.provider(id: "zhipu")!
        provider.models["chat-small"] = ["tiny-8k"]
        provider.models["chat-flagship"] = ["big"]
        provider.modelFacts["tiny-8k"] = ModelFacts(id: "tiny-8k", source: "s", checked: "2026-12-07", context: 8192)
        provider.modelFacts["big"] = ModelFacts(id: "big", source: "s", checked: "2026-12-07", context: flagshipContext)
        catalog = catalog.adding([provider])
        return catalog
    }

    @Test func aSmallModelIsNeverOfferedForALargeContextOne() throws {
        let source = "m = client.chat.completions.create(model=\"gpt-4o-mini\", messages=[])\n"
        // The flagship holds gpt-4o-mini's window: it is offered instead of the 8K small model.
        var scanner = Scanner(rules: try RuleSet.bundled(),
                              advisor: try MigrationAdvisor(catalog: try smallCatalog(flagshipContext: 131_072), targetID: "zhipu"))
        var finding = scanner.scan(python(source)).findings.first { $0.ruleID == "openai-model" }!
        #expect(finding.suggestions.first?.edits.map(\.replacement) == ["big"])
        // Nothing holds it: manual, naming the window and a provider whose model does.
        scanner = Scanner(rules: try RuleSet.bundled(),
                          advisor: try MigrationAdvisor(catalog: try smallCatalog(flagshipContext: 32_768), targetID: "zhipu"))
        finding = scanner.scan(python(source)).findings.first { $0.ruleID == "openai-model" }!
        #expect(finding.suggestions.first?.edits.isEmpty == true)
        #expect(finding.suggestions.first?.title.contains("hold at most 8192 tokens, less than the 128000 of `gpt-4o-mini`") == true)
        // An 8K model (gpt-4) fits the 32K flagship.
        finding = scanner.scan(python("m = 'gpt-4'\n")).findings.first { $0.ruleID == "openai-model" }!
        #expect(finding.suggestions.first?.edits.map(\.replacement) == ["big"])
    }
}
