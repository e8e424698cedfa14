// The byte prefilter: which files may contain a finding, decided without tokenizing.

import Testing
@testable import HomeportCore

@Suite struct PrefilterTests {
    func may(_ prefilter: Prefilter, _ text: String) -> Bool { prefilter.mayMatch(Array(text.utf8)) }

    @Test func literalsIgnoreASCIICase() {
        let prefilter = Prefilter(literals: ["api.openai.com", "OPENAI_", "gpt-"])
        #expect(may(prefilter, "x = 'https://API.OpenAI.com'"))
        #expect(may(prefilter, "os.environ['openai_key']"))
        #expect(may(prefilter, "GPT-4"))
        #expect(!may(prefilter, "import requests\nprint('hello')\n"))
        #expect(!may(prefilter, ""))
        #expect(!may(prefilter, "g"))
    }

    @Test func aNeedleContainingAShorterOneIsDropped() {
        let prefilter = Prefilter(literals: ["openai", "api.openai.com", "langchain_openai"])
        #expect(prefilter.needles == [Array("openai".utf8)])
    }

    @Test func conjunctionsNeedOneTextOfEveryGroup() {
        let prefilter = Prefilter(triggers: [.literal("gpt-"), .allOf([["model", "engine"], ["o1", "ada"]])])
        #expect(may(prefilter, "model = 'o1'"))
        #expect(may(prefilter, "ENGINE: ada"))
        #expect(!may(prefilter, "metadata = 1"))              // "ada" without a label word
        #expect(!may(prefilter, "ENGINE_load_builtin_engines()"))  // a label word without a short id
        #expect(may(prefilter, "gpt-4"))
    }

    @Test func shortNeedlesTurnTheFilterOff() {
        let prefilter = Prefilter(literals: ["a"])
        #expect(!prefilter.isSelective)
        #expect(may(prefilter, "anything"))
    }

    @Test func bundledRulesTriggers() throws {
        let scanner = Scanner(rules: try RuleSet.bundled())
        #expect(scanner.prefilter.isSelective)
        #expect(!scanner.prefilter.mayMatch(Array("ENGINE *e = ENGINE_by_id(\"dynamic\");".utf8)))
        #expect(scanner.prefilter.mayMatch(Array("r = create(model=\"o1\")".utf8)))
        #expect(scanner.prefilter.mayMatch(Array("import tiktoken".utf8)))
    }
}
