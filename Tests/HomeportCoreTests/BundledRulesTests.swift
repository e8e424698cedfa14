// The rules compiled into the binary are exactly rules/*.yml, the catalog is catalog/providers.yml, and they load.

import Foundation
import HomeportTestSupport
import Testing
@testable import HomeportCore

@Suite struct BundledRulesTests {
    @Test func bundledRulesMatchTheRulesFolder() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yml") }.sorted()
        #expect(BundledRules.files.map(\.name) == names,
                "run python3 scripts/generate-bundled-rules.py")
        for file in BundledRules.files {
            var text = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            if text.hasSuffix("\n") { text.removeLast() }
            #expect(file.text == text, "\(file.name) changed: run python3 scripts/generate-bundled-rules.py")
        }
    }

    @Test func bundledCatalogMatchesTheCatalogFolder() throws {
        #expect(BundledRules.catalog.path == "catalog/providers.yml")
        var text = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent(BundledRules.catalog.path),
                              encoding: .utf8)
        if text.hasSuffix("\n") { text.removeLast() }
        #expect(BundledRules.catalog.text == text, "the catalog changed: run python3 scripts/generate-bundled-rules.py")
    }

    @Test func everyBundledPatternCompiles() throws {
        // The binary loads bundled rules without compiling their patterns up front; this is the check.
        let files = BundledRules.files.map { (name: "rules/" + $0.name, text: $0.text) }
        let rules = try RuleSet.load(files: files, validatingPatterns: true)
        #expect(rules.rules.count == files.count)
    }

    @Test func ruleIDsMatchTheirFileNames() throws {
        let rules = try RuleSet.bundled()
        for rule in rules.rules {
            #expect(rule.origin == "rules/\(rule.id).yml")
        }
        #expect(rules.rules.map(\.id) == ["azure-openai-host", "openai-env", "openai-host", "openai-import",
                                          "openai-key", "openai-model", "openai-model-shape", "openai-prefixed-env",
                                          "unused-suppression"])
    }

    @Test func everyModelFamilyHasLiteralPrefixes() throws {
        let rules = try RuleSet.bundled()
        guard let matcher = try #require(rules.rule(id: "openai-model")).matcher as? ModelMatcher else {
            Issue.record("openai-model is not a model rule")
            return
        }
        for family in matcher.families {
            #expect(family.prefixes.allSatisfy { $0.count >= 2 }, "\(family.pattern)")
        }
    }
}
