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
