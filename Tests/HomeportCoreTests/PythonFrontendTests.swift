// The Python tokenizer: what is a string (decoded), a comment, a docstring, an import, a label.

import Testing
@testable import HomeportCore

@Suite struct PythonFrontendTests {
    func facts(_ source: String) -> Facts {
        PythonFrontend().facts(in: SourceFile(path: "t.py", bytes: Array(source.utf8), language: .python))
    }

    func values(_ source: String) -> [String] { facts(source).strings.map(\.value) }

    @Test func quotesAndPrefixes() {
        #expect(values(#"a = 'x'; b = "y"; c = r'\n'; d = b"z"; e = Rb"\d"; f = u"w""#)
                == ["x", "y", #"\n"#, "z", #"\d"#, "w"])
        #expect(values("x = '''one\n'two'\n'''") == ["one\n'two'\n"])
        #expect(values(#"x = """a""b""""#) == [#"a""b"#])
    }

    @Test func namesThatLookLikePrefixesAreNames() {
        #expect(values(#"br = 1; rb = br + "x"; fb = "y""#) == ["x", "y"])
    }

    @Test func escapesAreDecoded() {
        #expect(values(#"u = "https:\x2f\x2fapi\u002eopenai.com\N{BULLET}\t\101\'""#)
                == ["https://api.openai.com\\N{BULLET}\tA'"])
        #expect(values(#"b = b"\x41\u0041""#) == [#"A\u0041"#])
        #expect(values("s = 'a\\\nb'") == ["ab"])
    }

    @Test func implicitConcatenationIsOneLiteralSpanningAllPieces() {
        let source = "url = (\"https://api.open\"  # split\n       'ai.com/v1')\n"
        let strings = facts(source).strings
        #expect(strings.map(\.value) == ["https://api.openai.com/v1"])
        let span = strings[0].span
        #expect(Array(source.utf8)[span.start] == UInt8(ascii: "\""))
        #expect(Array(source.utf8)[span.end - 1] == UInt8(ascii: "'"))
        #expect(strings[0].sourceSpan(ofValueRange: 0..<8) == Span(start: 8, end: 16))
        #expect(strings[0].sourceSpan(ofValueRange: 10..<20) == nil)  // crosses the pieces
    }

    @Test func runsMapDecodedValueBackToSource() {
        let source = #"x = "a\tb-gpt-4o""#
        let literal = facts(source).strings[0]
        #expect(literal.value == "a\tb-gpt-4o")
        let model = literal.sourceSpan(ofValueRange: 4..<10)!
        #expect(String(decoding: Array(source.utf8)[model.start..<model.end], as: UTF8.self) == "gpt-4o")
    }

    /// A string without escapes keeps no copy of its value (`PythonPiece.sourceRange`): its value
    /// and runs are the ones the decoding path gives, alone, concatenated and as a module name.
    @Test func stringsWithoutEscapesReadTheirValueFromTheSource() {
        let source = "a = 'gpt-4o'\nb = \"\"\"x\"y\n'z\"\"\"\nc = ''\nd = 'ab' \"cd\"\ne = 'ab\\x41'\n__import__(\"openai\")\n"
        let facts = facts(source)
        #expect(facts.strings.map(\.value) == ["gpt-4o", "x\"y\n'z", "", "abcd", "abA", "openai"])
        #expect(facts.strings.map(\.runs) == [
            [VerbatimRun(valueOffset: 0, sourceOffset: 5, length: 6)],
            [VerbatimRun(valueOffset: 0, sourceOffset: 20, length: 6)],
            [],
            [VerbatimRun(valueOffset: 0, sourceOffset: 42, length: 2), VerbatimRun(valueOffset: 2, sourceOffset: 47, length: 2)],
            [VerbatimRun(valueOffset: 0, sourceOffset: 56, length: 2)],
            [VerbatimRun(valueOffset: 0, sourceOffset: 76, length: 6)],
        ])
        #expect(facts.imports.map(\.module) == ["openai"])
    }

    /// The identifier masks answer as the character classes they encode, for every byte.
    @Test func identifierBytesAreLettersDigitsUnderscoreAndNonASCII() {
        for b in UInt8.min...UInt8.max {
            let letter = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b >= 0x80
            #expect(isIdentifierStart(b) == letter, "byte \(b)")
            #expect(isIdentifierContinue(b) == (letter || (b >= 0x30 && b <= 0x39)), "byte \(b)")
        }
    }

    @Test func fStringsKeepLiteralPartsAndLexFieldsAsCode() {
        let f = facts(#"s = f"Use gpt-4o for {user!r:>{width}} and {cfg["model"]} {{x}}""#)
        #expect(f.strings.map(\.value) == ["Use gpt-4o for \u{FFFC} and \u{FFFC} {x}", "model"])
    }

    @Test func nestedFStringsOfPython312() {
        let f = facts(#"s = f"{f"{f'{"o1"}'}"} gpt-4-turbo""#)
        #expect(f.strings.map(\.value).sorted() == ["\u{FFFC}", "\u{FFFC}", "\u{FFFC} gpt-4-turbo", "o1"].sorted())
    }

    @Test func fStringConcatenatedWithPlainString() {
        #expect(values(#"u = f"https://api.{region}" ".openai.com""#) == ["https://api.\u{FFFC}.openai.com"])
    }

    @Test func deeplyNestedFStringsDoNotRecurse() {
        let depth = 50_000
        let source = "x = " + String(repeating: "f'{", count: depth) + "1" + String(repeating: "}'", count: depth)
        let f = facts(source)
        #expect(f.strings.count == depth)
        #expect(f.notices.isEmpty)
    }

    @Test func docstringsAreNotStrings() {
        let source = #"""
            """Module docstring naming gpt-4o."""
            import os

            class Client:
                '''Class docstring.'''
                model = "gpt-4o"

                def ask(self) -> str:
                    """Method docstring."""
                    return "o1"

            async def run():
                r"""Raw docstring."""
                pass

            def one_liner(): "inline docstring"

            def not_first():
                x = 1
                "a string statement that is not a docstring"
            """#
        #expect(values(source) == ["gpt-4o", "o1", "a string statement that is not a docstring"])
    }

    @Test func commentsAreNotStringsAndKnowIfTheyStandAlone() {
        let f = facts("# top\nx = 'a'  # trailing 'b'\n    # indented\n")
        #expect(f.strings.map(\.value) == ["a"])
        #expect(f.comments.map(\.text) == ["# top", "# trailing 'b'", "# indented"])
        #expect(f.comments.map(\.standsAlone) == [true, false, true])
    }

    @Test func labels() {
        let f = facts("""
            create(model="o1")
            body = {"model": "o3", 'engine': "davinci"}
            MODEL = "o4"
            model: str = "gpt-4"
            cfg["model"] = "ada"
            x = call("plain")
            flag = a if b else "c"
            d = {"k": 1, "model":"m"}
            """)
        #expect(f.strings.map { "\($0.value)=\($0.label ?? "-")" } == [
            "o1=model", "model=body", "o3=model", "engine=body", "davinci=engine", "o4=MODEL", "gpt-4=model",
            "model=-", "ada=model", "plain=-", "c=-", "k=d", "model=-", "m=model",
        ])
    }

    @Test func elementsOfABoundCollectionShareItsLabel() {
        let f = facts("""
            MODELS = ["o1", "o3"]
            pair = ("o4",)
            for model in ("a", "b"):
                pass
            if engine in {"c", f"d{x}"}:
                pass
            cfg = {"models": ["e"]}
            run("f", "g")
            wide = [x, "h"]
            """)
        #expect(f.strings.map { "\($0.value)=\($0.label ?? "-")" } == [
            "o1=MODELS", "o3=MODELS", "o4=pair", "a=model", "b=model", "c=engine", "d\u{FFFC}=engine",
            "models=cfg", "e=models", "f=-", "g=-", "h=-",
        ])
    }

    @Test func imports() {
        let f = facts("""
            import openai
            import os, openai.types as t
            from langchain_openai import (
                ChatOpenAI,
            )
            from . import openai_helpers
            from .openai import x
            raise E from err
            m = __import__("openai")
            n = importlib.import_module('tiktoken')
            s = "import openai"
            """)
        #expect(f.imports.map(\.module) == ["openai", "os", "openai.types", "langchain_openai", "openai", "tiktoken"])
        #expect(f.imports[0].span == Span(start: 7, end: 13))
    }

    @Test func crlfAndBOM() {
        let source: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("x = '''a\r\nb'''\r\ny = \"gpt-4o\"\r\n".utf8)
        let file = SourceFile(path: "t.py", bytes: source, language: .python)
        let f = PythonFrontend().facts(in: file)
        #expect(f.strings.map(\.value) == ["a\nb", "gpt-4o"])
        #expect(file.location(of: f.strings[1].span.start) == SourceLocation(line: 3, column: 5))
        #expect(file.location(of: 3) == SourceLocation(line: 1, column: 1))
    }

    @Test func unterminatedStringsAreNoticedAndLexingGoesOn() {
        let f = facts("a = 'open\nb = \"gpt-4o\"\nc = '''never closed\n")
        #expect(f.strings.map(\.value) == ["open", "gpt-4o", "never closed\n"])
        #expect(f.notices.map(\.message) == ["unterminated string literal", "unterminated string literal"])
        #expect(f.notices.map(\.offset) == [4, 27])
    }

    @Test func invalidUTF8DoesNotStopTheLexer() {
        let bytes: [UInt8] = Array("a = '".utf8) + [0xFF, 0xC3] + Array("'\nb = 'gpt-4o'\n".utf8) + [0x80]
        let f = PythonFrontend().facts(in: SourceFile(path: "t.py", bytes: bytes, language: .python))
        #expect(f.strings.count == 2)
        #expect(f.strings[1].value == "gpt-4o")
    }

    @Test func numbersAndOperatorsAreNotStrings() {
        #expect(values("x = 1e-5 + 0x1f * 3.14j // 2 ** -1; y = a[1:2]; z = 'k'") == ["k"])
    }
}

@Suite struct PythonCallFactTests {
    @Test func callsWithKeywordsAndArgumentSpans() {
        let source = "c = openai.OpenAI(key, base_url=f(x), timeout=[1, 2])\nif (a): pass\nprint(len(s))\n"
        let file = SourceFile(path: "t.py", bytes: Array(source.utf8), language: .python)
        let calls = PythonFrontend().facts(in: file).calls
        #expect(calls.map(\.callee) == ["openai.OpenAI", "f", "print", "len"])
        let client = calls[0]
        #expect(client.labels == ["", "base_url", "timeout"])
        #expect(client.argumentSpans.map { file.text(of: $0) } == ["key", "base_url=f(x)", "timeout=[1, 2]"])
        #expect(file.text(of: Span(start: client.openParen, end: client.closeParen + 1)) == "(key, base_url=f(x), timeout=[1, 2])")
    }

    @Test func emptyAndMultiLineCalls() {
        let source = "a = OpenAI()\nb = AsyncOpenAI(\n    api_key=k,\n)\n"
        let calls = PythonFrontend().facts(in: SourceFile(path: "t.py", bytes: Array(source.utf8), language: .python)).calls
        #expect(calls.map(\.labels) == [[], ["api_key"]])
        #expect(calls[0].argumentSpans.isEmpty)
    }
}
