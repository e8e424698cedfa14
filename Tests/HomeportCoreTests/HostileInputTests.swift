// Tokenizers on hostile input: random bytes, broken nesting, huge lines — no crash, no recursion.

import Testing
@testable import HomeportCore

@Suite struct HostileInputTests {
    /// A deterministic generator, so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Bytes biased toward the characters tokenizers decide on.
    static func randomSource(length: Int, using generator: inout SplitMix) -> [UInt8] {
        let alphabet = Array("\"'`#/\\*{}()[]\n\r fbrRuU\\\"\"\"$@:=.,gpt-4o api.openai.com".utf8) + [0x00, 0xFF, 0xC3, 0xE4]
        return (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
    }

    @Test("random bytes never crash a tokenizer", arguments: [Language.python, .swift])
    func randomBytes(language: Language) {
        var generator = SplitMix(state: 42)
        let scanner = Scanner(rules: try! RuleSet.bundled(), options: ScanOptions(usePrefilter: false))
        for _ in 0..<300 {
            let bytes = Self.randomSource(length: Int.random(in: 0..<400, using: &generator), using: &generator)
            let result = scanner.scan(SourceFile(path: "fuzz", bytes: bytes, language: language))
            for finding in result.findings {
                #expect(finding.span.start <= finding.span.end && finding.span.end <= bytes.count)
            }
        }
    }

    @Test("deep nesting of brackets and strings needs no recursion and the string after it is found", arguments: [Language.python, .swift])
    func deepNesting(language: Language) {
        let depth = 100_000
        let opened = String(repeating: "([{", count: depth) + "\"gpt-4o\""
        let file = SourceFile(path: "deep", bytes: Array(opened.utf8), language: language)
        let facts = Scanner.frontend(for: language).facts(in: file)
        #expect(facts.strings.map(\.value) == ["gpt-4o"])
    }

    @Test func aHugeSingleLine() {
        let line = "x = [" + String(repeating: "'a', ", count: 200_000) + "'gpt-4o']\n"
        let facts = PythonFrontend().facts(in: SourceFile(path: "wide", bytes: Array(line.utf8), language: .python))
        #expect(facts.strings.count == 200_001)
        #expect(facts.strings.last?.value == "gpt-4o")
    }
    /// 100,000 levels of every kind of nesting each language has: interpolations, nested comments,
    /// f-strings, brackets in macros. The frontends are iterative: no stack overflow, and the
    /// model ID after the nesting is still found.
    @Test("100,000-deep nesting of every kind", arguments: [
        (Language.swift, String(repeating: "\"\\(", count: 100_000) + "1" + String(repeating: ")\"", count: 100_000)),
        (Language.swift, String(repeating: "/*", count: 100_000) + String(repeating: "*/", count: 100_000)),
        (Language.swift, String(repeating: "#\"\\#(", count: 100_000) + "1" + String(repeating: ")\"#", count: 100_000)),
        (Language.python, String(repeating: "f\"{", count: 100_000) + "1" + String(repeating: "}\"", count: 100_000)),
        (Language.python, String(repeating: "f'{", count: 100_000) + "1" + String(repeating: "}'", count: 100_000)),
        (Language.python, String(repeating: "([{", count: 100_000) + String(repeating: "}])", count: 100_000)),
        (Language.c, "#define X " + String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000)),
        (Language.cpp, "int x = " + String(repeating: "{(", count: 100_000) + String(repeating: ")}", count: 100_000) + ";"),
    ])
    func deepNestingOfEveryKind(language: Language, nested: String) {
        let text = nested + "\nm = \"gpt-4o\"\n"
        let scanner = Scanner(rules: try! RuleSet.bundled(), options: ScanOptions(usePrefilter: false))
        let result = scanner.scan(SourceFile(path: "deep", bytes: Array(text.utf8), language: language))
        #expect(result.findings.contains { $0.matchedText == "gpt-4o" })
    }

    /// Literals and comments still open at the end of the file, CR-only line ends and NUL bytes:
    /// a notice at most, never a crash, and what comes before is still scanned.
    @Test("unterminated at end of file, CR line ends, NUL bytes", arguments: [Language.python, .swift, .c, .cpp])
    func brokenEndings(language: Language) {
        let scanner = Scanner(rules: try! RuleSet.bundled(), options: ScanOptions(usePrefilter: false))
        let openers = ["\"abc", "'abc", "'''abc", "\"\"\"abc", "/* abc", "#\"abc", "R\"x(abc", "f\"{abc", "\"\\(abc", "u8'", "\\"]
        for opener in openers {
            for prefix in ["m = \"gpt-4o\"\n", "m = \"gpt-4o\"\r", "m = \"gpt-4o\"\0\r"] {
                let bytes = Array((prefix + opener).utf8)
                let result = scanner.scan(SourceFile(path: "open", bytes: bytes, language: language))
                #expect(result.findings.contains { $0.matchedText == "gpt-4o" && $0.start.line == 1 },
                        "\(language) \((prefix + opener).debugDescription)")
            }
        }
    }

    /// Many findings on one long line: each is located from the previous one (not from the line's
    /// start) and shows a window of the line, not all of it, so the scan and its report grow with
    /// the line, not with the line times the findings (240,000 findings on a 1.2 MB line took
    /// minutes and 13 GB before).
    @Test func manyFindingsOnOneLongLine() throws {
        let count = 20_000
        let line = "models = [" + Array(repeating: "\"o1\"", count: count).joined(separator: ", ") + "]\n"
        let scanner = Scanner(rules: try RuleSet.bundled(), options: ScanOptions(usePrefilter: false))
        let findings = scanner.scan(SourceFile(path: "wide.py", bytes: Array(line.utf8), language: .python)).findings
        #expect(findings.count == count)
        for (index, finding) in findings.enumerated() {
            // `models = [` is 10 columns, each `"o1", ` 6; the id starts after the quote.
            #expect(finding.start == SourceLocation(line: 1, column: 12 + 6 * index))
            #expect(finding.lineText.utf8.count <= Scanner.wholeLineLimit + 2 * Scanner.snippetContext)
            let shown = Array(finding.lineText.unicodeScalars).dropFirst(finding.start.column - finding.lineTextColumn).prefix(2)
            #expect(String(String.UnicodeScalarView(shown)) == "o1")
        }
        #expect(findings.first?.lineTextColumn == 1)
        #expect(findings.first?.lineTextContinues == true)
        #expect(findings.last?.lineTextContinues == false)
    }

    /// A short line is shown whole; a window of a long line keeps whole characters and masks a key
    /// it cuts into, even when the window starts inside the key, past its revealed prefix.
    @Test func windowsOfLongLinesKeepCharactersAndMaskKeys() throws {
        let key = "sk-proj-" + String(repeating: "Q7", count: 40) + "T3BlbkFJ" + String(repeating: "Q7", count: 40)
        let padding = String(repeating: "欢", count: 300)  // three bytes each: windows must not split one
        let text = "k = \"\(key)\"; note = \"\(padding)\"; m = \"gpt-4o\"\nm = \"gpt-4o\"\n"
        let scanner = Scanner(rules: try RuleSet.bundled(), options: ScanOptions(usePrefilter: false))
        let findings = scanner.scan(SourceFile(path: "keys.py", bytes: Array(text.utf8), language: .python)).findings
        let model = try #require(findings.first { $0.ruleID == "openai-model" && $0.start.line == 1 })
        #expect(model.lineTextColumn > 1)
        #expect(model.lineText.hasSuffix("m = \"gpt-4o\""))
        #expect(!model.lineText.contains("\u{FFFD}"))
        let keyFinding = try #require(findings.first { $0.ruleID == "openai-key" })
        #expect(!keyFinding.lineText.contains("Q7Q7"))
        #expect(keyFinding.lineTextColumn == 1)
        let short = try #require(findings.first { $0.start.line == 2 })
        #expect(short.lineText == "m = \"gpt-4o\"" && short.lineTextColumn == 1 && !short.lineTextContinues)
        // The window that starts inside the key shows none of its hidden part.
        let inside = "k = \"\(key)\"; m = \"gpt-4o\"; pad = \"\(String(repeating: "x", count: 600))\"\n"
        for finding in scanner.scan(SourceFile(path: "keys.py", bytes: Array(inside.utf8), language: .python)).findings {
            #expect(!finding.lineText.contains("Q7Q7"), "\(finding.ruleID)")
        }
    }

    /// A file of many `homeport: ignore` directives and many findings: each finding is checked
    /// against the directives of its own line only.
    @Test func manySuppressionsAndFindings() throws {
        var text = ""
        for index in 0..<20_000 {
            text += index % 2 == 0 ? "m\(index) = \"gpt-4o\"  # homeport: ignore[openai-model]\n" : "m\(index) = \"gpt-4o\"\n"
        }
        let scanner = Scanner(rules: try RuleSet.bundled(), options: ScanOptions(reportUnusedSuppressions: true, usePrefilter: false))
        let findings = scanner.scan(SourceFile(path: "many.py", bytes: Array(text.utf8), language: .python)).findings
        #expect(findings.count == 10_000)
        #expect(findings.allSatisfy { $0.ruleID == "openai-model" && $0.start.line % 2 == 0 })
    }
}
