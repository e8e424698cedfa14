// Diagnostics written straight to bytes (every publish) say exactly what their `JSONValue` (code
// actions) says.

import HomeportCore
import Testing
@testable import HomeportLSP

@Suite struct DiagnosticContentTests {
    @Test(arguments: [MessageLanguage.english, .simplifiedChinese])
    func writtenBytesAreTheTreesCompactJSON(language: MessageLanguage) throws {
        let source = "import openai\nm = \"gpt-4o\"\nk = os.environ[\"OPENAI_API_KEY\"]\nx = \"text-davinci-003\"  # \"q\" \\ é\n"
        let file = SourceFile(path: "t.py", bytes: Array(source.utf8), language: .python)
        let findings = Scanner(rules: try RuleSet.bundled()).scan(file).findings
        #expect(findings.count >= 2)
        for (index, finding) in findings.enumerated() {
            // An href and positions with characters JSON must escape, and numbers of several digits.
            let content = DiagnosticContent(start: (index, 12), end: (index + 100, 0), finding: finding,
                                            href: "file:///a\"b\\c\n/\(finding.ruleID)", language: language)
            var written: [UInt8] = []
            content.write(into: &written)
            #expect(written == content.json.compactBytes())
        }
    }
}
