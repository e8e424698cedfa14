// The dotenv, YAML and TOML frontends: which keys and values become facts, with what labels, where
// their bytes stand verbatim, which comments carry suppressions, and which files are data.

import Testing
@testable import HomeportCore

@Suite struct ConfigFrontendTests {
    func facts(_ source: String, _ language: Language) -> Facts {
        language.descriptor.frontend().facts(in: SourceFile(path: "t", bytes: Array(source.utf8), language: language))
    }

    /// `value@label` for each string fact, in file order.
    func described(_ source: String, _ language: Language) -> [String] {
        facts(source, language).strings.map { $0.value + ($0.label.map { "@" + $0 } ?? "") }
    }

    /// Each run that does not hold exactly its value's bytes at its place in `bytes`, described.
    func runsNotVerbatim(_ facts: Facts, _ bytes: [UInt8]) -> [String] {
        facts.strings.flatMap { literal in
            let decoded = Array(literal.value.utf8)
            return literal.runs.filter { run in
                !(run.valueOffset + run.length <= decoded.count && run.sourceOffset + run.length <= bytes.count
                  && decoded[run.valueOffset..<(run.valueOffset + run.length)]
                    .elementsEqual(bytes[run.sourceOffset..<(run.sourceOffset + run.length)]))
            }.map { "`\(literal.value)` \($0)" }
        }
    }

    /// The source text each fact's runs cover, joined.
    func verbatim(_ source: String, _ language: Language) -> [String] {
        let bytes = Array(source.utf8)
        return facts(source, language).strings.map { literal in
            literal.runs.map { String(decoding: bytes[$0.sourceOffset..<($0.sourceOffset + $0.length)], as: UTF8.self) }
                .joined(separator: "|")
        }
    }

    @Test func dotenvKeysValuesAndReferences() {
        let source = "# c\nexport A=1\nB=\"x\\ny\" # note\nC='${D}'\nE=${OPENAI_API_KEY:-k} tail\nnot a line\n"
        #expect(described(source, .dotenv) == ["A", "1@A", "B", "x\ny@B", "C", "${D}@C", "E", "${OPENAI_API_KEY:-k} tail@E",
                                                "OPENAI_API_KEY"])
        #expect(facts(source, .dotenv).comments.map(\.text) == ["# c", "# note"])
        #expect(verbatim(source, .dotenv)[3] == "x|y")
    }

    /// A value with a byte that is not UTF-8 decodes to U+FFFD (three bytes): no run may claim the
    /// file's bytes stand verbatim in it, or `fix` would rewrite the wrong bytes (found by the fuzzer).
    @Test(arguments: [Language.dotenv, .yaml, .toml])
    func runsStayVerbatimAroundInvalidUTF8(language: Language) {
        let separator: [UInt8] = language == .dotenv ? Array("=".utf8) : language == .yaml ? Array(": ".utf8) : Array(" = ".utf8)
        for value in [Array("h".utf8) + [0xB9] + Array("ttps://eu.api.openai.com/v1".utf8),
                      Array("\"o3-".utf8) + [0xFF] + Array("mini\"".utf8)] {
            let bytes = Array("\u{FEFF}LLM_URL".utf8) + separator + value + [0x0A]
            let facts = language.descriptor.frontend().facts(in: SourceFile(path: "t", bytes: bytes, language: language))
            #expect(runsNotVerbatim(facts, bytes) == [], "\(language)")
        }
    }

    /// The config fuzz target's YAML input (a folded scalar, quoted strings with bytes that are not
    /// UTF-8): every run the frontend keeps holds exactly the value's bytes.
    @Test func yamlFuzzInputKeepsOnlyVerbatimRuns() {
        let bytes: [UInt8] = [
            0x23, 0x20, 0xE5, 0xBA, 0x94, 0xE7, 0x94, 0xA8, 0xE8, 0xAE, 0xBE, 0xE7, 0xBD, 0xAE, 0xEF, 0xBC,
            0x88, 0xE4, 0xB8, 0xAD, 0xE6, 0x96, 0x87, 0xE6, 0xB3, 0xA8, 0xE9, 0x87, 0x8A, 0xEF, 0xBC, 0x9A,
            0xE6, 0xA8, 0xA1, 0xE5, 0x9E, 0x8B, 0xE4, 0xB8, 0x8E, 0xE7, 0xAB, 0xAF, 0xE7, 0x82, 0xB9, 0xEF,
            0xBC, 0x89, 0x0A, 0x6C, 0x6C, 0x6D, 0x3A, 0x0A, 0x20, 0x20, 0x70, 0x72, 0x6F, 0x76, 0x69, 0x64,
            0x65, 0x72, 0x3A, 0x20, 0x6F, 0x70, 0x65, 0x6E, 0x61, 0x69, 0x0A, 0x20, 0x20, 0x6D, 0x6F, 0x64,
            0x65, 0x6C, 0x3A, 0x20, 0x22, 0x67, 0x70, 0x74, 0x2D, 0x34, 0x2D, 0x74, 0x75, 0x72, 0x62, 0x6F,
            0x22, 0x0A, 0x20, 0x20, 0x66, 0x61, 0x6C, 0x6C, 0x62, 0x61, 0x63, 0x6B, 0x5F, 0x6D, 0x6F, 0x64,
            0x65, 0x6C, 0x73, 0x3A, 0x20, 0x5B, 0x67, 0x70, 0x74, 0x2D, 0x32, 0x2E, 0x35, 0x2D, 0x74, 0x75,
            0x72, 0x62, 0x6F, 0x2C, 0x20, 0x27, 0x6F, 0x30, 0x2D, 0x6D, 0x69, 0x6E, 0x69, 0x27, 0x5D, 0x0A,
            0x20, 0x20, 0x62, 0x61, 0x73, 0x65, 0x5F, 0x75, 0x72, 0x6C, 0x3A, 0x20, 0x3E, 0x20, 0x20, 0x20,
            0x20, 0x2D, 0x0A, 0x68, 0x74, 0x74, 0x70, 0x73, 0x3A, 0x2F, 0x2F, 0x61, 0x70, 0x69, 0x2E, 0x6F,
            0x70, 0x65, 0x6E, 0x61, 0x6B, 0x2E, 0x63, 0x6F, 0x6D, 0x2F, 0x76, 0x31, 0x0A, 0x20, 0x20, 0x73,
            0x79, 0x73, 0x74, 0x65, 0x6D, 0x5F, 0x70, 0x72, 0x6F, 0x6D, 0x70, 0x74, 0x3A, 0x20, 0x7C, 0x0A,
            0x20, 0x20, 0x20, 0x20, 0x59, 0x6F, 0x75, 0x20, 0x61, 0x72, 0x65, 0x20, 0x61, 0x20, 0x68, 0x65,
            0x6C, 0x70, 0x66, 0x75, 0x6C, 0x20, 0x61, 0x73, 0x73, 0x69, 0x73, 0x74, 0x61, 0x6E, 0x74, 0x2E,
            0x0A, 0x20, 0x20, 0x20, 0x20, 0x41, 0x6E, 0x73, 0x77, 0x65, 0x72, 0x20, 0x69, 0x6E, 0x20, 0x43,
            0x68, 0x69, 0x6E, 0x65, 0x73, 0x65, 0x3A, 0x20, 0xE7, 0x94, 0xA8, 0xE4, 0xB8, 0xAD, 0xE6, 0x96,
            0x87, 0xE5, 0x9B, 0x9E, 0xE7, 0xAD, 0x94, 0xE3, 0x80, 0x82, 0x0A, 0x20, 0x20, 0x73, 0x69, 0x6E,
            0x67, 0x6C, 0x65, 0x3A, 0x20, 0x27, 0x68, 0x74, 0x74, 0x70, 0x73, 0x3A, 0x2F, 0x2F, 0x61, 0x70,
            0x69, 0x2E, 0x6F, 0x70, 0x65, 0x6E, 0x61, 0x69, 0x2E, 0x63, 0x6F, 0x6D, 0x2F, 0x76, 0x31, 0x2F,
            0x65, 0x6D, 0x62, 0x65, 0x64, 0x64, 0x69, 0x6E, 0x67, 0x73, 0x27, 0x0A, 0x20, 0x20, 0x65, 0x73,
            0x63, 0x61, 0x70, 0x65, 0x64, 0x3A, 0x20, 0x22, 0x68, 0x74, 0xF4, 0x70, 0x73, 0x3A, 0x5C, 0x2F,
            0x5C, 0x2F, 0x61, 0x70, 0x69, 0x2E, 0x6F, 0x70, 0x65, 0x6E, 0x61, 0x69, 0x2E, 0x63, 0x6F, 0x6D,
            0x5C, 0x2F, 0x76, 0x31, 0x22, 0x0A, 0x64, 0x65, 0x66, 0x61, 0x75, 0x6C, 0x74, 0x73, 0x3A, 0x20,
            0x26, 0x64, 0x65, 0x66, 0x61, 0x75, 0x6C, 0x74, 0x73, 0x0A, 0x20, 0x20, 0x6D, 0x6F, 0x64, 0x65,
            0x6C, 0x3A, 0x20, 0x67, 0x70, 0x74, 0x2D, 0x34, 0x6F, 0x0A, 0x70, 0x72, 0x6F, 0x66, 0x69, 0x6C,
            0x65, 0x73, 0x3A, 0x0A, 0x20, 0x20, 0x66, 0x61, 0x73, 0x74, 0x3A, 0x20, 0x2A, 0x64, 0x65, 0x66,
            0x61, 0x75, 0x6C, 0x74, 0x73, 0x0A, 0x20, 0x20, 0x64, 0x6F, 0x63, 0x73, 0x3A, 0x20, 0x68, 0x74,
            0x74, 0x70, 0x73, 0x3A, 0x2F, 0x2F, 0x70, 0x6C, 0x61, 0x74, 0x66, 0x6F, 0x72, 0x6D, 0x2E, 0x6F,
            0x70, 0x65, 0x6E, 0x61, 0x69, 0x2E, 0x63, 0x6F, 0x6D, 0x2F, 0x64, 0x6F, 0x63, 0x73, 0x0A
        ]
        let facts = YAMLFrontend().facts(in: SourceFile(path: "t.yaml", bytes: bytes, language: .yaml))
        #expect(!facts.strings.isEmpty)
        #expect(runsNotVerbatim(facts, bytes) == [])
    }

    @Test func dotenvCRLFAndBOM() {
        let source = "\u{FEFF}A=gpt-4o\r\nB = 'q' \r\n"
        #expect(described(source, .dotenv) == ["A", "gpt-4o@A", "B", "q@B"])
        #expect(verbatim(source, .dotenv) == ["A", "gpt-4o", "B", "q"])
    }

    @Test func yamlLabelsKubernetesPairsAndListItems() {
        let source = """
            env:
              - name: OPENAI_MODEL
                value: gpt-4o
              - OPENAI_BASE_URL=https://x
            model: 'a''b'
            """
        #expect(described(source, .yaml) == ["OPENAI_MODEL@name", "gpt-4o@OPENAI_MODEL", "OPENAI_BASE_URL",
                                             "https://x@OPENAI_BASE_URL", "a'b@model"])
        // `a''b` is verbatim only up to the doubled quote.
        #expect(verbatim(source, .yaml).last == "a")
    }

    @Test func yamlMultiLineScalarsMapLineByLine() {
        let source = "a: >\n  one\n  two\nb: |\n  x\n  y\nc: \"p\n  q\"\n"
        #expect(described(source, .yaml) == ["one two\n@a", "x\ny\n@b", "p q@c"])
        #expect(verbatim(source, .yaml) == ["one|two", "x|y", "p|q"])
    }

    @Test func yamlAliasesAreFactsOnlyWhereAnchored() {
        let source = "base: &b\n  model: gpt-4o\ncopy: *b\nmerged:\n  <<: *b\n  url: u\n"
        #expect(described(source, .yaml) == ["gpt-4o@model", "u@url"])
    }

    @Test func yamlCommentsAreNotValues() {
        let source = "a: 'x # not a comment'  # homeport: ignore\n# alone\nb: c#d\n"
        let found = facts(source, .yaml)
        #expect(found.strings.map(\.value) == ["x # not a comment", "c#d"])
        #expect(found.comments.map(\.text) == ["# homeport: ignore", "# alone"])
        #expect(found.comments.map(\.standsAlone) == [false, true])
    }

    @Test func yamlDataFiles() {
        #expect(facts("openapi: 3.0.0\nservers: []\n", .yaml).dataKind == .apiDescription)
        #expect(facts("interactions:\n- request:\n    uri: https://x\n", .yaml).dataKind == .recordedTraffic)
        #expect(facts("interactions: []\nmodel: m\n", .yaml).dataKind == nil)
    }

    @Test func yamlSecretReferences() {
        let found = facts("env:\n  K: ${{ secrets.OPENAI_API_KEY }}\n", .yaml).strings
        #expect(found.last?.value == "OPENAI_API_KEY")
        #expect(found.last?.collectionLabel == ConfigText.secretReference)
    }

    @Test func yamlTemplatesAreReadLineByLine() {
        let source = "env:\n{{- if .Values.llm }}\n  - name: OPENAI_BASE_URL\n    value: \"https://api.openai.com/v1\" # c\n{{- end }}\n"
        let found = facts(source, .yaml)
        #expect(found.notices.count == 1)
        #expect(found.strings.map { $0.value + ($0.label.map { "@" + $0 } ?? "") }
                == ["{{- if .Values.llm }}", "OPENAI_BASE_URL@name", "https://api.openai.com/v1@value", "{{- end }}"])
        #expect(verbatim(source, .yaml)[2] == "https://api.openai.com/v1")
        #expect(found.comments.map(\.text) == ["# c"])
    }

    @Test func tomlTablesInlineTablesAndArrays() {
        let source = "[llm]\nmodel = \"gpt-4o\"\nx = { url = 'u' }\nvars = [\"OPENAI_KEY=v\"]\n[env]\nOPENAI_API_KEY = \"k\"\n"
        #expect(described(source, .toml) == ["gpt-4o@model", "u@url", "OPENAI_KEY", "v@OPENAI_KEY", "OPENAI_API_KEY",
                                             "k@OPENAI_API_KEY"])
        #expect(facts(source, .toml).strings[1].collectionLabel == "x")
    }

    @Test func tomlMultiLineAndEscapedStrings() {
        let source = "a = \"\"\"\nline\"\"\"\nb = \"h\\u0041\"\nc = '''x'''  # c\n"
        #expect(verbatim(source, .toml) == ["line", "", "x"])
        #expect(facts(source, .toml).comments.map(\.text) == ["# c"])
    }

    @Test func tomlErrorIsANotice() {
        let found = facts("a = \n", .toml)
        #expect(found.strings.isEmpty && found.notices.count == 1)
    }

    @Test func fileNamesPickTheKind() {
        #expect(Language.forPath("a/.env") == .dotenv)
        #expect(Language.forPath(".env.local") == .dotenv)
        #expect(Language.forPath("x/prod.env") == .dotenv)
        #expect(Language.forPath("ci.yml") == .yaml)
        #expect(Language.forPath("k8s/app.yaml") == .yaml)
        #expect(Language.forPath("secrets.toml.example") == .toml)
        #expect(Language.forPath(".env.py") == .python)
        #expect(Language.forPath("notes.example") == nil)
        #expect(Language.forLanguageIdentifier("dotenv") == .dotenv)
        #expect(Language.forLanguageIdentifier("toml") == .toml)
    }
}
