// Where "suppress on this line" puts its comment, and that the comment then silences the finding.

import HomeportCore
import HomeportTestSupport
import Testing
@testable import HomeportLSP

@Suite struct SuppressionEditTests {
    /// Applies the suppression edit for the (first) marked finding and returns the new text.
    func suppressed(_ marked: String, _ language: Language) throws -> String? {
        let source = MarkedSource(marked)
        let file = SourceFile(path: "t", bytes: Array(source.text.utf8), language: language)
        let scanner = Scanner(rules: try RuleSet.bundled())
        let findings = scanner.scan(file).findings
        let span = try #require(source.spans.first)
        let finding = try #require(findings.first { $0.span.start == span.lowerBound })
        let facts = Scanner.frontend(for: language).facts(in: file)
        guard let edit = LanguageServer.suppressionEdit(for: finding, in: file, facts: facts) else { return nil }
        let fixed = SourceFile(path: "t", bytes: EditApplier.apply([edit], to: file.bytes), language: language)
        // The comment must silence exactly that finding.
        let before = findings.filter { $0.ruleID == finding.ruleID }.count
        #expect(scanner.scan(fixed).findings.filter { $0.ruleID == finding.ruleID }.count == before - 1)
        return String(decoding: fixed.bytes, as: UTF8.self)
    }

    @Test func atTheEndOfTheLine() throws {
        #expect(try suppressed("m = \"⟪gpt-4o⟫\"   \nx = 1\n", .python) == "m = \"gpt-4o\"  # homeport: ignore[openai-model]   \nx = 1\n")
        #expect(try suppressed("let m = \"⟪gpt-4o⟫\" // 模型 🙂\r\n", .swift)
                == "let m = \"gpt-4o\" // 模型 🙂  // homeport: ignore[openai-model]\r\n")
    }

    @Test func intoADirectiveAlreadyOnTheLine() throws {
        #expect(try suppressed("k = os.environ[\"OPENAI_API_KEY\"]; m = \"⟪gpt-4o⟫\"  # homeport: ignore[openai-env]\n", .python)
                == "k = os.environ[\"OPENAI_API_KEY\"]; m = \"gpt-4o\"  # homeport: ignore[openai-env,openai-model]\n")
    }

    @Test func aboveWhenTheLineEndsInsideAStringOrContinues() throws {
        #expect(try suppressed("m = \"\"\"⟪gpt-4o⟫\n\"\"\"\n", .python) == "# homeport: ignore[openai-model]\nm = \"\"\"gpt-4o\n\"\"\"\n")
        #expect(try suppressed("    m = \"⟪gpt-4o⟫\" \\\n        + suffix\n", .python)
                == "    # homeport: ignore[openai-model]\n    m = \"gpt-4o\" \\\n        + suffix\n")
        #expect(try suppressed("let m = \"\"\"\n⟪gpt-4o⟫\n\"\"\"\n", .swift) == nil)
    }
}
