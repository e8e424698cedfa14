// Diagnostics written straight to bytes (every publish) say exactly what their `JSONValue` (code
// actions) says.

import HomeportCore
import HomeportTestSupport
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

    /// Ranges written on the stack are the tree's compact JSON for numbers of any length.
    @Test func rangesOfAnyNumbersAreTheTreesCompactJSON() {
        let numbers = [0, 1, 9, 10, 99, 100, 12_345, 9_999_999, Int.max, -1, Int.min]
        for line in numbers {
            for character in numbers {
                var written: [UInt8] = []
                DiagnosticContent.writeRange(start: (line, character), end: (character, line), into: &written)
                let tree = JSONValue.object([("range", .object([("start", LanguageServer.position((line, character))),
                                                                ("end", LanguageServer.position((character, line)))]))])
                var expected = tree.compactBytes()
                expected.removeLast()  // the range's object stays open: the rest of the diagnostic follows
                #expect(written == expected, "\(line) \(character)")
            }
        }
    }

    /// A publish that copies the bytes after each range from the last publish's writes what a publish
    /// that copies nothing writes: after the same findings, after findings added, removed and changed
    /// above and between them, and in another language.
    @Test func publishesReusingTheLastOnesWriteWhatFreshOnesWrite() throws {
        let server = try LanguageServer(input: -1, output: -1)
        let rules = try RuleSet.bundled()
        let advisor = try MigrationAdvisor(catalog: try Catalog.bundled(), targetID: nil)
        func analysis(_ source: String) -> Analysis {
            let file = SourceFile(path: "t.py", bytes: Array(source.utf8), language: .python)
            let findings = Scanner(rules: rules, advisor: advisor).scan(file).findings
            return Analysis(file: file, findings: findings, advisor: advisor, rules: rules)
        }
        func line(_ k: Int) -> String {
            ["m = \"gpt-4o\"\n", "x = \"text-davinci-003\"  # \"q\" \\ é\n", "k = os.environ[\"OPENAI_API_KEY\"]\n",
             "e = \"text-embedding-ada-002\"\n", "y = 1\n", "u = \"https://api.openai.com/v1\"\n"][k % 6]
        }
        var generator = SeededGenerator(seed: 21)
        var lines = (0..<40).map { _ in line(Int.random(in: 0..<6, using: &generator)) }
        var earlier: [DiagnosticTail] = []
        for round in 0..<60 {
            if round == 30 { server.workspace.language = .simplifiedChinese }
            // A few lines replaced, inserted or removed at random places.
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let place = Int.random(in: 0..<lines.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: lines[place] = line(Int.random(in: 0..<6, using: &generator))
                case 1: lines.insert(line(Int.random(in: 0..<6, using: &generator)), at: place)
                default: if lines.count > 1 { lines.remove(at: place) }
                }
            }
            let scanned = analysis("import openai\n" + lines.joined())
            var reusing: [UInt8] = []
            var tails: [DiagnosticTail] = []
            server.writeDiagnosticsParams(uri: "file:///t.py", version: round, analysis: scanned, reusing: earlier,
                                          tails: &tails, into: &reusing)
            var fresh: [UInt8] = []
            var unused: [DiagnosticTail] = []
            server.writeDiagnosticsParams(uri: "file:///t.py", version: round, analysis: scanned, tails: &unused, into: &fresh)
            #expect(reusing == fresh, "round \(round)")
            #expect(tails.count == scanned.findings.count)
            #expect(round > 0 || scanned.findings.contains { !$0.suggestions.isEmpty })
            earlier = tails
        }
    }
}
