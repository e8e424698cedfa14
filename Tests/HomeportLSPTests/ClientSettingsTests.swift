// Editor settings: what is read, what is refused with a reason, and how they change findings.

import HomeportCore
import Testing
@testable import HomeportLSP

@Suite struct ClientSettingsTests {
    let known: Set<String> = ["openai-model", "openai-import"]

    func parse(_ json: String) throws -> (settings: ClientSettings, problems: [LocalizedText]) {
        ClientSettings.parse(try JSONParser.parse(Array(json.utf8)), knownRules: known)
    }

    @Test func bareAndSectionedSettingsAreRead() throws {
        let bare = try parse(#"{"target":"deepseek","rules":{"openai-model":"error","openai-import":"off"},"catalog":"gw.yml","unsafeFixes":true}"#)
        #expect(bare.problems.isEmpty)
        #expect(bare.settings.target == "deepseek")
        #expect(bare.settings.rules == ["openai-model": .level(.error), "openai-import": .off])
        #expect(bare.settings.catalog == "gw.yml")
        #expect(bare.settings.unsafeFixes)
        #expect(try parse(#"{"homeport":{"target":"qwen"}}"#).settings.target == "qwen")
        #expect(try parse("null").settings == ClientSettings())
        #expect(try parse(#"{"target":null}"#).settings == ClientSettings())
    }

    @Test func badSettingsAreNamedAndTheRestKept() throws {
        let parsed = try parse(#"{"target":3,"rules":{"openai-modle":"off","openai-model":"loud"},"unsafeFixes":"yes","colour":1,"catalog":""}"#)
        #expect(parsed.settings == ClientSettings())
        #expect(parsed.problems.map(\.english) == [
            "`target` must be a provider id, e.g. \"deepseek\"",
            "unknown rule `openai-modle` in `rules`; known rules: openai-import, openai-model",
            "rule `openai-model` must be off, note, warning or error",
            "`unsafeFixes` must be true or false",
            "unknown setting `colour`; known: target, rules, catalog, unsafeFixes, reportUnusedSuppressions",
            "`catalog` must be the path of a YAML file with a `providers:` list",
        ])
        #expect(parsed.problems.map(\.chinese).first == #"`target` 必须是服务商 ID，例如 "deepseek""#)
        #expect(try parse("[1]").problems.map(\.english) == [#"settings must be an object, e.g. {"target": "deepseek"}"#])
    }

    @Test func onlyPayloadsThatNameHomeportSettingsChangeThem() throws {
        let json = { (text: String) in try JSONParser.parse(Array(text.utf8)) }
        #expect(ClientSettings.addressesHomeport(try json(#"{"homeport":{}}"#)))
        #expect(ClientSettings.addressesHomeport(try json(#"{"target":"qwen","other":1}"#)))
        #expect(ClientSettings.addressesHomeport(try json("[1]")))  // a mistake worth a message
        #expect(!ClientSettings.addressesHomeport(try json("{}")))
        #expect(!ClientSettings.addressesHomeport(try json(#"{"pylsp":{"plugins":{}}}"#)))
    }

    @Test func ruleSettingsDropAndRelevelFindings() {
        let finding = Finding(ruleID: "openai-model", severity: .warning, path: "a.py", span: Span(start: 0, end: 1),
                              start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 2),
                              message: "m", matchedText: "g", lineText: "g")
        var other = finding
        other.ruleID = "openai-import"
        let settings = ClientSettings(rules: ["openai-model": .level(.error), "openai-import": .off])
        #expect(settings.apply(to: [finding, other]).map(\.severity) == [.error])
    }
}
