// The notebook frontend: JSON string spans, cell sources decoded, every fact mapped to the byte of
// the .ipynb where its character is written.

@testable import HomeportCore
import Testing

@Suite struct NotebookFrontendTests {
    func facts(_ json: String) -> (Facts, [UInt8]) {
        let bytes = Array(json.utf8)
        return (NotebookFrontend().facts(in: SourceFile(path: "n.ipynb", bytes: bytes, language: .notebook)), bytes)
    }

    func text(_ span: Span, _ bytes: [UInt8]) -> String { String(decoding: bytes[span.start..<span.end], as: UTF8.self) }

    @Test func stringSpansAreValuesInDocumentOrder() throws {
        let json = #"{"a": "x", "b": ["y\"", {"k": "z"}], "c": 1}"#
        let (value, spans) = try JSONParser.parseWithStringSpans(Array(json.utf8))
        #expect(value == (try JSONParser.parse(Array(json.utf8))))
        #expect(spans.map { text($0, Array(json.utf8)) } == [#""x""#, #""y\"""#, #""z""#])
    }

    @Test func factsPointAtTheEscapedBytesOfTheFile() {
        let json = #"{"cells": [{"cell_type": "markdown", "source": "gpt-4o"}, {"cell_type": "code", "source": ["import openai\n", "m = \"gpt-4o\"\n", "u = \"https:\/\/api.openai.com\"\n"], "outputs": [{"text": "gpt-4o"}]}], "metadata": {}}"#
        let (f, bytes) = facts(json)
        #expect(f.imports.map { text($0.span, bytes) } == ["openai"])
        #expect(f.strings.map(\.value) == ["gpt-4o", "https://api.openai.com"])
        #expect(f.strings.map { text($0.span, bytes) } == [#"\"gpt-4o\""#, #"\"https:\/\/api.openai.com\""#])
        // Verbatim runs are verbatim in the file: `gpt-4o` whole, the URL cut at each `\/`.
        let model = f.strings[0]
        #expect(model.sourceSpan(ofValueRange: 0..<6).map { text($0, bytes) } == "gpt-4o")
        #expect(f.strings[1].sourceSpan(ofValueRange: 0..<8) == nil)
        #expect(f.strings[1].sourceSpan(ofValueRange: 8..<22).map { text($0, bytes) } == "api.openai.com")
        let embedded = try! #require(f.embedded)
        #expect(embedded.position(of: model.span.start + 2) == CellPosition(cell: 2, line: 2, column: 6))  // the `g`
    }

    @Test func otherKernelsMagicsAndShellCellsAreNotRead() {
        let r = #"{"cells": [{"cell_type": "code", "source": "m = \"gpt-4o\""}], "metadata": {"kernelspec": {"language": "R"}}}"#
        #expect(facts(r).0.strings.isEmpty)
        let magics = #"{"cells": [{"cell_type": "code", "source": "%%bash\necho \"gpt-4o\""}, {"cell_type": "code", "source": "!echo \"o1\"\n%pip install \"openai\"\nx = \"gpt-4o-mini\""}], "metadata": {}}"#
        #expect(facts(magics).0.strings.map(\.value) == ["gpt-4o-mini"])
    }

    /// IPython reads `%` and `!` as magics only where a logical line starts: a line of a multi-line
    /// string that begins with one (`%(name)s`, `!important`) is string content, read as written
    /// (it was blanked, so a URL on it was missed and the string's verbatim runs did not read back).
    @Test func magicLookingLinesInsideStringsAreStringContent() {
        let json = #"{"cells": [{"cell_type": "code", "source": ["T = \"\"\"\r\n", "%(name)s calls https:\/\/api.openai.com\/v1\r\n", "!important \"x\"\r\n", "\"\"\"\r\n", "%pip install openai\r\n", "U = '''\n", "!x'''  # %not\n", "!echo 'gpt-4o'\n", "s = 'a\\\n", "%b'\n", "v = (1\n", "% 2, \"o1-mini\")\n"]}], "metadata": {}}"#
        let (f, bytes) = facts(json)
        #expect(f.strings.count == 4)
        let template = f.strings.first?.value ?? ""
        #expect(template.contains("%(name)s calls https://api.openai.com/v1") && template.contains("!important \"x\""))
        #expect(f.strings.dropFirst().map(\.value) == ["\n!x", "a%b", "o1-mini"])
        for string in f.strings { #expect(string.runsStandVerbatim(in: bytes)) }
        #expect(f.comments.map(\.text) == ["# %not"])
    }

    @Test func editsAreWrittenAsJSONAndMayNotCrossStrings() {
        #expect(EmbeddedCode.escaped("a=\"b\"\n\\\t") == #"a=\"b\"\n\\\t"#)
        let json = #"{"cells": [{"cell_type": "code", "source": ["a\n", "b\n"]}]}"#
        let (f, _) = facts(json)
        let embedded = f.embedded!
        let pieces = embedded.cells[0].pieces
        #expect(embedded.canEdit(pieces[0]))
        #expect(!embedded.canEdit(Span(start: pieces[0].start, end: pieces[1].end)))
    }
}
