// Where catalog facts come from and how old they are: source and checked on every entry, retired
// models giving way to their successors, the age note, and the checks `--verify` makes before a
// key leaves the machine.

import Testing
@testable import HomeportCore

@Suite struct CatalogProvenanceTests {
    static let bundledText = BundledRules.catalog.text

    @Test func everyProviderAndModelSaysWhereItComesFromAndWhenItWasChecked() throws {
        let catalog = try Catalog.bundled()
        for provider in catalog.providers {
            #expect(!provider.source.isEmpty, "\(provider.id)")
            #expect(CatalogDate.dayNumber(provider.checked) != nil, "\(provider.id)")
            for (capability, models) in provider.models {
                for model in models {
                    let facts = provider.facts(of: model)
                    #expect(!facts.source.isEmpty, "\(provider.id)/\(capability)/\(model)")
                    #expect(CatalogDate.dayNumber(facts.checked) != nil, "\(provider.id)/\(model)")
                    // Nothing retired is left in the catalog on the day it was checked.
                    #expect(!facts.isRetired(on: catalog.date), "\(provider.id)/\(model)")
                }
            }
        }
        #expect(catalog.date == "2026-12-07")
        // The seed providers' retired platform is gone: Tencent's Hunyuan API closed on 2026-09-30.
        #expect(catalog.provider(id: "tencent")?.baseURL == "https://tokenhub.tencentmaas.com/v1")
        #expect(!Self.bundledText.contains("hunyuan-turbos-latest"))
    }

    @Test func anEntryWithoutSourceOrCheckedIsRefused() throws {
        let withoutModelDate = Self.bundledText.replacing(", checked: 2026-12-07}", with: "}", maxReplacements: 1)
        #expect(throws: FileProblem.self) { try Catalog.load(withoutModelDate, file: "providers.yml") }
        do {
            _ = try Catalog.load(withoutModelDate, file: "providers.yml")
        } catch let problem as FileProblem {
            #expect(problem.description.contains("zhipu/glm-5.3` needs `source` and `checked`"))
        }
        let withoutProviderDate = Self.bundledText.replacing("\n    checked: 2026-12-07\n", with: "\n", maxReplacements: 1)
        #expect(throws: FileProblem.self) { try Catalog.load(withoutProviderDate, file: "providers.yml") }
        // A model listed once, written as a bare ID.
        let bareModel = Self.bundledText.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.contains("{id: HY-Image-V3.0,") ? "        - HY-Image-V3.0" : String(line)
        }.joined(separator: "\n")
        #expect(bareModel != Self.bundledText)
        #expect(throws: FileProblem.self) { try Catalog.load(bareModel, file: "providers.yml") }
        let badDate = Self.bundledText.replacing("checked: 2026-12-07}", with: "checked: 7 Dec}", maxReplacements: 1)
        #expect(throws: FileProblem.self) { try Catalog.load(badDate, file: "providers.yml") }
        // A user's additions may still be bare lists of IDs.
        let additions = try Catalog.loadAdditions("""
            providers:
              - {id: gw, name: Gateway, base-url: "https://llm.example.com/v1", key-env: GW_KEY, compatible: [chat], models: {chat-flagship: [m1]}}
            """, file: "gw.yml")
        #expect(additions.first?.models["chat-flagship"] == ["m1"])
    }

    func catalog(retires: String?, successor: String?) throws -> Catalog {
        let retirement = (retires.map { ", retires: \($0)" } ?? "") + (successor.map { ", successor: \($0)" } ?? "")
        let text = Self.bundledText.replacing(
            "- {id: glm-5.3, source: \"https://docs.bigmodel.cn/cn/guide/start/model-overview\", checked: 2026-12-07}",
            with: "- {id: glm-5.3, source: \"https://docs.bigmodel.cn/cn/guide/start/model-overview\", checked: 2026-12-07\(retirement)}")
        return try Catalog.load(text, file: "providers.yml")
    }

    @Test func aRetiredModelGivesWayToItsSuccessor() throws {
        let retiring = try catalog(retires: "2027-01-15", successor: "glm-5.3-flash")
        #expect(retiring.current(on: "2027-01-14").provider(id: "zhipu")?.models["chat-flagship"] == ["glm-5.3"])
        #expect(retiring.current(on: "2027-01-14").retirements.isEmpty)
        let after = retiring.current(on: "2027-01-15")
        #expect(after.provider(id: "zhipu")?.models["chat-flagship"] == ["glm-5.3-flash"])
        #expect(after.provider(id: "zhipu")?.models["reasoning"] == ["glm-5.3-flash"])
        #expect(after.retirements.map(\.capability) == ["chat-flagship", "reasoning"])
        #expect(after.retirementNotes(for: after.provider(id: "zhipu")!, language: .english).first
                == "Zhipu GLM: `glm-5.3` (chat-flagship) retired on 2027-01-15; suggesting its successor `glm-5.3-flash`")
        #expect(after.retirementNotes(for: after.provider(id: "zhipu")!, language: .simplifiedChinese).first
                == "智谱 BigModel：`glm-5.3`（chat-flagship）已于 2027-01-15 下线；改为建议其后继模型 `glm-5.3-flash`")
        // Resolving twice keeps what was replaced.
        #expect(after.current(on: "2027-01-15").retirements == after.retirements)

        // Without a successor the model is dropped, never suggested.
        let dropped = try catalog(retires: "2027-01-15", successor: nil).current(on: "2027-02-01")
        #expect(dropped.provider(id: "zhipu")?.models["chat-flagship"] == [])
        #expect(dropped.retirements.first?.successor == nil)

        // A successor the provider does not describe is refused.
        #expect(throws: FileProblem.self) { try self.catalog(retires: "2027-01-15", successor: "glm-9") }
    }

    @Test func advisorNeverSuggestsARetiredModel() throws {
        // Retired long before any day the test runs on.
        let catalog = try catalog(retires: "2020-01-01", successor: "glm-5.3-flash")
        let advisor = try MigrationAdvisor(catalog: catalog, targetID: "zhipu")
        #expect(advisor.target.models["chat-flagship"] == ["glm-5.3-flash"])
        let source = "m = 'gpt-4o'"
        let match = Match(span: Span(start: 5, end: 11), text: "gpt-4o", variables: ["class": "chat-flagship", "model": "gpt-4o"])
        let suggestions = advisor.suggestions(for: .model, match: match, in: SourceFile(path: "t", bytes: Array(source.utf8), language: .python))
        #expect(suggestions.first?.replacement == "glm-5.3-flash")
        #expect(!suggestions.contains { $0.replacement == "glm-5.3" })
    }

    @Test func ageNoteAfter120Days() throws {
        let catalog = try Catalog.bundled()
        #expect(catalog.age(on: "2026-12-07") == 0)
        #expect(catalog.ageNote(on: "2027-04-06") == nil)  // 120 days
        let note = try #require(catalog.ageNote(on: "2027-04-07"))
        #expect(note.english == "note: the provider catalog is 121 days old (2026-12-07); model line-ups change monthly: "
                + "give a current one with `--catalog FILE`, or check an account with `homeport providers --verify`")
        #expect(note.chinese.hasPrefix("注意：服务商目录已有 121 天（2026-12-07）"))
        #expect(note.english.contains("--catalog") && note.chinese.contains("providers --verify"))
    }

    @Test func calendarDays() {
        #expect(CatalogDate.dayNumber("1970-01-01") == 0)
        #expect(CatalogDate.dayNumber("2000-03-01") == 11_017)
        #expect(CatalogDate.days(from: "2026-11-29", to: "2026-12-07") == 8)
        #expect(CatalogDate.days(from: "2028-02-28", to: "2028-03-01") == 2)
        for bad in ["2026-13-01", "2026-1-01", "26-12-07", "2026-12-07x", "", "yesterday"] {
            #expect(CatalogDate.dayNumber(bad) == nil, "\(bad)")
        }
        #expect(CatalogDate.dayNumber(CatalogDate.today()) != nil)
    }

    @Test func starterConfigurationNamesOnlyAcceptedProviderIDs() throws {
        let ids = try Catalog.bundled().providers.map(\.id)
        for language in [MessageLanguage.english, .simplifiedChinese] {
            let text = StarterConfiguration.text(in: language)
            let separator = language == .english ? ", " : "、"
            #expect(text.contains(ids.joined(separator: separator)), "\(language)")
            for stale in ["qianfan", "hunyuan", "sensenova", "{providers}"] {
                #expect(!text.contains(stale), "\(language): \(stale)")
            }
        }
    }
}

@Suite struct CatalogVerifierTests {
    func provider(_ url: String, key: String = "K") -> Provider {
        Provider(id: "p", name: "P", nameZH: "", vendor: "", isSeed: false, baseURL: url, keyEnvironmentVariable: key,
                 baseURLEnvironmentVariable: nil, compatibleEndpoints: ["chat"], sdks: [:],
                 models: ["chat-flagship": ["a", "b"], "embedding": ["e"]], source: "")
    }

    @Test func refusals() throws {
        let verifier = CatalogVerifier(allowedHosts: ["LLM.Example.com"], library: try CurlLibrary.shared.get())
        #expect(verifier.refusal(provider("https://api.example.com/v1"), origin: .builtIn) == nil)
        #expect(verifier.refusal(provider("https://api.example.com/v1"), origin: .commandLine(file: "c.yml")) == nil)
        #expect(verifier.refusal(provider("http://127.0.0.1:8080/v1"), origin: .commandLine(file: "c.yml")) == nil)
        #expect(verifier.refusal(provider("http://localhost/v1"), origin: .builtIn) == nil)
        #expect(verifier.refusal(provider("http://api.example.com/v1"), origin: .builtIn)?.english
                == "p: skipped: http://api.example.com/v1 is not HTTPS; a key is sent only over HTTPS (or to 127.0.0.1/localhost)")
        #expect(verifier.refusal(provider("http://127.0.0.1.example.com/v1"), origin: .builtIn) != nil)
        #expect(verifier.refusal(provider("https://evil.example.com/v1"), origin: .configuration(file: ".homeport.yml"))?.english
                .hasPrefix("p: skipped: .homeport.yml defines this provider") == true)
        #expect(verifier.refusal(provider("https://llm.example.com:8443/v1"), origin: .configuration(file: ".homeport.yml")) == nil)
        #expect(verifier.refusal(provider("https://llm.example.com@evil.example.com/v1"), origin: .configuration(file: ".homeport.yml")) != nil)
        #expect(verifier.refusal(provider("https://user:pw@api.example.com/v1"), origin: .builtIn) != nil)
    }

    @Test func modelListShape() {
        #expect(CatalogVerifier.modelIDs(in: Array(#"{"object": "list", "data": [{"id": "a"}, {"id": "b", "x": 1}]}"#.utf8)) == ["a", "b"])
        #expect(CatalogVerifier.modelIDs(in: Array(#"{"data": []}"#.utf8)) == [])
        for bad in [#"{"models": ["a"]}"#, #"{"data": ["a"]}"#, #"{"data": [{"name": "a"}]}"#, "[]", "<html>", "", #"{"data": {"id": "a"}}"#] {
            #expect(CatalogVerifier.modelIDs(in: Array(bad.utf8)) == nil, "\(bad)")
        }
    }

    @Test func comparisonPerClass() {
        let outcome = CatalogVerifier.compare(provider("https://x.example.com/v1"), listed: ["a", "models/e", "z"])
        #expect(outcome == .compared(served: [("chat-flagship", ["a"]), ("embedding", ["e"])], missing: [("chat-flagship", ["b"])], listed: 3))
        #expect(!outcome.allServed)
        #expect(CatalogVerifier.compare(provider("https://x.example.com/v1"), listed: ["a", "b", "e"]).allServed)
    }
}
