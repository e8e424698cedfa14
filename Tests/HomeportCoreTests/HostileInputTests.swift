// Tokenizers on hostile input: random bytes, broken nesting, huge lines — no crash, linear time.

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

    @Test("deep nesting of brackets and strings is linear", arguments: [Language.python, .swift])
    func deepNesting(language: Language) {
        let depth = 100_000
        let opened = String(repeating: "([{", count: depth) + "\"gpt-4o\""
        let file = SourceFile(path: "deep", bytes: Array(opened.utf8), language: language)
        let facts = Scanner.frontend(for: language).facts(in: file)
        #expect(facts.strings.map(\.value) == ["gpt-4o"])
    }

    @Test func aHugeSingleLine() {
        let line = "x = [" + String(repeating: "'a', ", count: 200_000) + "'gpt-4o']\n"
        let facts = PythonLexer().facts(in: SourceFile(path: "wide", bytes: Array(line.utf8), language: .python))
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
}
