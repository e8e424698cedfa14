// Broken rule files are reported with file, line and column, never a crash.

import Testing
@testable import HomeportCore

@Suite struct RuleLoadingTests {
    let minimal = """
        id: demo
        name: Demo
        level: warning
        summary: s
        description: d
        message: m
        hint: h
        help: h
        match:
          kind: env
          prefixes: [DEMO_]
        """

    func problem(_ text: String) -> FileProblem? {
        do {
            _ = try RuleSet.load(files: [(name: "rules/demo.yml", text: text)])
            return nil
        } catch let problem as FileProblem {
            return problem
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func minimalRuleLoads() throws {
        let rules = try RuleSet.load(files: [(name: "rules/demo.yml", text: minimal)])
        #expect(rules.rules.map(\.id) == ["demo"])
    }

    @Test func unknownKeyNamesPositionAndValidKeys() {
        let p = problem(minimal + "\nseverity: error")
        #expect(p?.line == 12)
        #expect(p?.column == 1)
        #expect(p?.message.hasPrefix("unknown key `severity` in a rule; valid keys: id, name, level") == true)
    }

    @Test func badLevel() {
        let p = problem(minimal.replacingOccurrences(of: "level: warning", with: "level: fatal"))
        #expect(p?.description == "rules/demo.yml:3:8: `level` must be error, warning or note, not `fatal`")
    }

    @Test func invalidYAMLHasAPosition() {
        let p = problem("id: [unclosed\nname: x")
        #expect(p?.file == "rules/demo.yml")
        #expect(p?.line != nil)
    }

    @Test func unknownMatcherKind() {
        let p = problem(minimal.replacingOccurrences(of: "kind: env", with: "kind: regex"))
        #expect(p?.description.hasPrefix("rules/demo.yml:10:9: unknown matcher kind `regex`") == true)
    }

    @Test func invalidRegex() {
        let text = minimal.replacingOccurrences(of: "  kind: env\n  prefixes: [DEMO_]", with: """
              kind: model
              families:
                - {pattern: '^gpt-(', class: chat}
            """)
        let p = problem(text)
        #expect(p?.line == 12)
        #expect(p?.message.hasPrefix("invalid regular expression") == true)
    }

    @Test func patternWithoutLiteralPrefixIsRejected() {
        let text = minimal.replacingOccurrences(of: "  kind: env\n  prefixes: [DEMO_]", with: """
              kind: model
              families:
                - {pattern: '^(?:a|b)$', class: chat}
            """)
        #expect(problem(text)?.message.hasPrefix("pattern must start with") == true)
    }

    @Test func duplicateIDs() throws {
        #expect(throws: FileProblem.self) {
            try RuleSet.load(files: [(name: "rules/a.yml", text: minimal), (name: "rules/b.yml", text: minimal)])
        }
    }

    @Test func literalPrefixes() {
        #expect(ModelMatcher.literalPrefixes(of: #"^gpt-4o(?:-mini)?$"#) == ["gpt-4o"])
        #expect(ModelMatcher.literalPrefixes(of: #"^o[134]-(?:mini)$"#) == ["o1-mini", "o3-mini", "o4-mini"])
        #expect(ModelMatcher.literalPrefixes(of: #"^gpt-4\.1$"#) == ["gpt-4.1"])
        #expect(ModelMatcher.literalPrefixes(of: #"^tts-1(?:-hd)?$"#) == ["tts-1"])
        #expect(ModelMatcher.literalPrefixes(of: #"^gpt-4s?$"#) == ["gpt-4"])
        #expect(ModelMatcher.literalPrefixes(of: #"^(?:a|b)$"#) == ["a", "b"])
        #expect(ModelMatcher.literalPrefixes(of: #"^(?:a|b.)$"#) == [])
        #expect(ModelMatcher.literalPrefixes(of: #"gpt"#) == [])
    }

    /// The patterns whose matches are exactly their literal prefixes: the prefilter may then ask
    /// for those as whole words.
    @Test func patternsThatMatchOnlyTheirLiterals() {
        #expect(ModelMatcher.matchesOnlyLiterals(#"^o[134]$"#))
        #expect(ModelMatcher.matchesOnlyLiterals(#"^(?:davinci|curie|babbage|ada)$"#))
        #expect(ModelMatcher.matchesOnlyLiterals(#"^gpt-4\.1$"#))
        #expect(!ModelMatcher.matchesOnlyLiterals(#"^o[134](?:-mini)?$"#))
        #expect(!ModelMatcher.matchesOnlyLiterals(#"^gpt-4s?$"#))
        #expect(!ModelMatcher.matchesOnlyLiterals(#"^ada"#))
        #expect(!ModelMatcher.matchesOnlyLiterals(#"^ada[a-z]*$"#))
        #expect(!ModelMatcher.matchesOnlyLiterals(#"^ada\$"#))
        #expect(!ModelMatcher.matchesOnlyLiterals(#"ada$"#))
    }

    @Test func selectingUnknownRuleFails() throws {
        let rules = try RuleSet.bundled()
        #expect(throws: UnknownNameError.self) { try rules.selecting(only: ["openai-modle"], ignoring: []) }
        let only = try rules.selecting(only: ["openai-model"], ignoring: [])
        #expect(only.rules.map(\.id) == ["openai-model"])
    }
}

@Suite struct LiteralPrefixTests {
    @Test func plainAlternativesExpand() {
        #expect(ModelMatcher.literalPrefixes(of: #"^text-search-(?:ada|babbage)-(?:doc|query)-001$"#)
                == ["text-search-ada-doc-001", "text-search-ada-query-001", "text-search-babbage-doc-001",
                    "text-search-babbage-query-001"])
        #expect(ModelMatcher.literalPrefixes(of: #"^ft:(?:gpt-|o4-mini)[A-Za-z]*$"#) == ["ft:gpt-", "ft:o4-mini"])
        // A group with metacharacters, or a quantified group, ends the prefix.
        #expect(ModelMatcher.literalPrefixes(of: #"^gpt-5(?:\.\d+)?-(?:mini|nano)$"#) == ["gpt-5"])
        #expect(ModelMatcher.literalPrefixes(of: #"^gpt-4(?:-32k)?$"#) == ["gpt-4"])
        #expect(ModelMatcher.literalPrefixes(of: #"^tts-1(?:-hd)?$"#) == ["tts-1"])
    }
}
