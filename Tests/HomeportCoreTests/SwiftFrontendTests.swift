// Unit tests for SwiftFrontend: imports, decoded literals, labels, comments, symbols, regexes, robustness.

import Testing
@testable import HomeportCore

@Suite struct SwiftFrontendTests {
    // MARK: Helpers

    func lex(_ source: String) -> Facts {
        lex(bytes: Array(source.utf8))
    }

    func lex(bytes: [UInt8]) -> Facts {
        SwiftFrontend().facts(in: SourceFile(path: "t.swift", bytes: bytes, language: .swift))
    }

    /// The source text a span covers.
    func slice(_ source: String, _ span: Span) -> String {
        String(decoding: Array(source.utf8)[span.start..<span.end], as: UTF8.self)
    }

    func values(_ facts: Facts) -> [String] { facts.strings.map(\.value) }

    static let obj = String(StringLiteralFact.interpolationPlaceholder)

    // MARK: Imports

    @Test func importForms() {
        let source = """
        import OpenAI
        @testable import OpenAIKit
        @_exported import Foundation
        import struct OpenAI.ChatQuery
        import class A.B
        import enum A.E
        import protocol A.P
        import typealias A.T
        import let A.l
        import var A.v
        import func A.f
        import actor A.Ac
        import OpenAI.Submodule.Deeper
        @preconcurrency import Dispatch
        internal import I
        public import Pu
        private import Pr
        package import Pk
        fileprivate import Fp
        @_implementationOnly import Impl
        @_spi(Beta) import Spi
        #if canImport(Glibc)
        import Glibc
        #endif
        import X; import Y
        """
        let facts = lex(source)
        #expect(facts.imports.map(\.module) == [
            "OpenAI", "OpenAIKit", "Foundation", "OpenAI.ChatQuery", "A.B", "A.E", "A.P", "A.T", "A.l",
            "A.v", "A.f", "A.Ac", "OpenAI.Submodule.Deeper", "Dispatch", "I", "Pu", "Pr", "Pk", "Fp",
            "Impl", "Spi", "Glibc", "X", "Y",
        ])
        for fact in facts.imports {
            #expect(slice(source, fact.span) == fact.module)
        }
        // Import paths are not member symbols.
        #expect(facts.symbols.isEmpty)
    }

    @Test func importSpanIsThePathOnly() {
        let source = "import struct OpenAI.ChatQuery\n"
        let fact = try! #require(lex(source).imports.first)
        #expect(fact.span == Span(start: 14, end: 30))
    }

    @Test func importLookalikesAreNotImports() {
        let source = """
        let a = x.import
        let s = "import OpenAI"
        // import OpenAI
        /* import OpenAI */
        f(import: OpenAI)
        let m = #"import OpenAI"#
        let t = "\\(import)"
        """
        let facts = lex(source)
        #expect(facts.imports.isEmpty)
        #expect(facts.symbols.map(\.name) == ["import"])
    }

    // MARK: String values

    @Test func simpleEscapes() {
        let facts = lex(#"let s = "a\0b\\c\td\ne\rf\"g\'h""#)
        #expect(values(facts) == ["a\0b\\c\td\ne\rf\"g'h"])
    }

    @Test func unicodeEscapes() {
        let facts = lex(#"f("\u{1F600}\u{41}\u{e9}\u{0000041}")"#)
        #expect(values(facts) == ["😀AéA"])
    }

    @Test func invalidEscapesStayVerbatim() {
        let facts = lex(#"f("\q \u{110000} \u{D800} \u{} \u{123456789} \u41")"#)
        #expect(values(facts) == [#"\q \u{110000} \u{D800} \u{} \u{123456789} \u41"#])
        // Verbatim backslashes are part of the run.
        #expect(facts.strings[0].runs.count == 1)
    }

    @Test func emptyAndAdjacentStrings() {
        let facts = lex(#"let a = "" + "b""#)
        #expect(values(facts) == ["", "b"])
        #expect(facts.strings[0].span == Span(start: 8, end: 10))
        #expect(facts.strings[0].runs.isEmpty)
    }

    @Test func stringSpanCoversDelimiters() {
        let source = ###"x = "abc" ; y = ##"r"##"###
        let facts = lex(source)
        #expect(facts.strings.map { slice(source, $0.span) } == [#""abc""#, ###"##"r"##"###])
    }

    @Test func multilineStripsClosingIndentation() {
        let source = "let s = \"\"\"\n    first\n      second\n\n    third\n    \"\"\"\n"
        let facts = lex(source)
        #expect(values(facts) == ["first\n  second\n\nthird"])
        #expect(slice(source, facts.strings[0].span) == "\"\"\"\n    first\n      second\n\n    third\n    \"\"\"")
    }

    @Test func multilineLineContinuationAndEscapes() {
        let source = "let s = \"\"\"\n  one \\\n  two\\t\\\"\"\"\n  three\\n\n  \"\"\""
        #expect(values(lex(source)) == ["one two\t\"\"\"\nthree\n"])
    }

    @Test func multilineContinuationWithTrailingBlanks() {
        let source = "let s = \"\"\"\n  a\\  \n  b\n  \"\"\""
        #expect(values(lex(source)) == ["ab"])
    }

    @Test func multilineEmptyAndBlankLines() {
        #expect(values(lex("x = \"\"\"\n\"\"\"")) == [""])
        #expect(values(lex("x = \"\"\"\n    \"\"\"")) == [""])
        #expect(values(lex("x = \"\"\"\n  a\n\n  \n  \"\"\"")) == ["a\n\n"])
    }

    @Test func multilineContentOnClosingLineKeepsText() {
        #expect(values(lex("x = \"\"\"\n  a\n  b\"\"\"")) == ["  a\n  b"])
    }

    @Test func multilineQuotesInside() {
        let source = "x = \"\"\"\n  say \"hi\" and \"\"\\\"\n  \"\"\""
        #expect(values(lex(source)) == ["say \"hi\" and \"\"\""])
    }

    @Test func multilineCRLFBecomesLF() {
        let source = "let s = \"\"\"\r\n  a\r\n  b\r\n  \"\"\"\r\nlet t = \"x\""
        let facts = lex(source)
        #expect(values(facts) == ["a\nb", "x"])
        #expect(facts.strings[1].span == Span(start: 38, end: 41))
        // CRLF is not verbatim: "a" and "b" are separate runs.
        #expect(facts.strings[0].runs == [
            VerbatimRun(valueOffset: 0, sourceOffset: 15, length: 1),
            VerbatimRun(valueOffset: 2, sourceOffset: 20, length: 1),
        ])
    }

    @Test func rawStrings() {
        let source = ##"""
        a = #"C:\path\n"#
        b = #"tab\#there \#u{41} "quoted" \#(x) \(y)"#
        c = ##"one "# still"##
        """##
        let facts = lex(source)
        #expect(values(facts) == [
            #"C:\path\n"#,
            "tab\there A \"quoted\" \(Self.obj) \\(y)",
            ##"one "# still"##,
        ])
        #expect(facts.strings[0].span.start == 4)
    }

    @Test func multilineRawString() {
        let source = "let s = #\"\"\"\n    a \\n \"\"\" \\#t \\#(v)\n    \"\"\"#\nlet t = \"after\""
        let facts = lex(source)
        #expect(values(facts) == ["a \\n \"\"\" \t \(Self.obj)", "after"])
    }

    // MARK: Interpolation

    @Test func interpolationIsCodeWithPlaceholder() {
        let source = #"print("Hello \(user.name("x")) model=\(Model.gpt4_o)!")"#
        let facts = lex(source)
        #expect(values(facts) == ["Hello \(Self.obj) model=\(Self.obj)!", "x"])
        #expect(facts.symbols.map(\.name) == ["name", "gpt4_o"])
        #expect(slice(source, facts.strings[1].span) == #""x""#)
    }

    @Test func nestedInterpolations() {
        let source = #"let s = "a\("b\("c")")d""#
        let facts = lex(source)
        #expect(values(facts) == ["a\(Self.obj)d", "b\(Self.obj)", "c"])
        #expect(facts.strings.map { slice(source, $0.span) } == [
            #""a\("b\("c")")d""#, #""b\("c")""#, #""c""#,
        ])
    }

    @Test func interpolationWithParensClosuresAndComments() {
        let source = #"x = "v=\(f((1), { (a) in a + 1 }(2)) /* ) */ + ")") end""#
        let facts = lex(source)
        #expect(values(facts) == ["v=\(Self.obj) end", ")"])
        #expect(facts.comments.map(\.text) == ["/* ) */"])
    }

    @Test func multilineStringInsideInterpolation() {
        let source = "x = \"a\\(g(\"\"\"\n    inner\n    \"\"\"))b\"\ny = \"z\""
        let facts = lex(source)
        #expect(values(facts) == ["a\(Self.obj)b", "inner", "z"])
    }

    @Test func interpolationLabelsAreLocal() {
        // The argument label inside the interpolation applies to the inner literal only.
        let facts = lex(#"let greeting = "hi \(f(model: "gpt-4o"))""#)
        #expect(facts.strings.map(\.label) == ["greeting", "model"])
    }

    // MARK: Runs

    @Test func runsMapValueRangesBackToSource() {
        let source = #"let u = "see \t https://api.openai.com/v1 \(x) ok""#
        let facts = lex(source)
        let fact = try! #require(facts.strings.first)
        let value = Array(fact.value.utf8)
        let url = Array("https://api.openai.com/v1".utf8)
        let start = try! #require((0...(value.count - url.count)).first { Array(value[$0..<$0 + url.count]) == url })
        let span = try! #require(fact.sourceSpan(ofValueRange: start..<start + url.count))
        #expect(slice(source, span) == "https://api.openai.com/v1")
        // A range across the decoded `\t` is not verbatim.
        #expect(fact.sourceSpan(ofValueRange: 2..<6) == nil)
        #expect(fact.runs == [
            VerbatimRun(valueOffset: 0, sourceOffset: 9, length: 4),
            VerbatimRun(valueOffset: 5, sourceOffset: 15, length: 27),
            VerbatimRun(valueOffset: 35, sourceOffset: 46, length: 3),
        ])
    }

    @Test func multilineRunsSkipIndentation() {
        let source = "s = \"\"\"\n  ab\n  cd\n  \"\"\""
        let fact = try! #require(lex(source).strings.first)
        #expect(fact.value == "ab\ncd")
        #expect(fact.runs == [
            VerbatimRun(valueOffset: 0, sourceOffset: 10, length: 3),
            VerbatimRun(valueOffset: 3, sourceOffset: 15, length: 2),
        ])
        #expect(fact.sourceSpan(ofValueRange: 3..<5).map { slice(source, $0) } == "cd")
    }

    // MARK: Labels

    @Test func labels() {
        let source = """
        client.chat(model: "gpt-4o", temperature: 1)
        let body = ["model": "gpt-4", "n": 1, "stream": "yes"]
        let model = "a"
        var other: String = "b"
        var maybe: String? = "c"
        model = "d"
        static let defaultModel = "e"
        self.model = "f"
        enum M: String { case turbo = "g" }
        """
        let facts = lex(source)
        let pairs = facts.strings.map { "\($0.value)=\($0.label ?? "nil")" }
        #expect(pairs == [
            "gpt-4o=model", "model=body", "gpt-4=model", "n=body", "stream=body", "yes=stream",
            "a=model", "b=other", "c=maybe", "d=model", "e=defaultModel", "f=model", "g=turbo",
        ])
    }

    @Test func elementsOfABoundCollectionShareItsLabel() {
        let facts = lex("""
        let models = ["o1", "o3"]
        for model in ["a", "b"] { print(model) }
        let pair = ("c", "d")
        run("e", "f")
        @AppStorage("g") var h = 1
        """)
        #expect(facts.strings.map { "\($0.value)=\($0.label ?? "nil")" } == [
            "o1=models", "o3=models", "a=model", "b=model", "c=pair", "d=pair", "e=nil", "f=nil", "g=nil",
        ])
    }

    @Test func attributeAndDirectiveProseIsDocumentation() {
        let facts = lex("""
        @available(*, deprecated, message: "use gpt-4o")
        #warning("gpt-4")
        @Option(help: "model") var m = "gpt-4o"
        @AppStorage(wrappedValue: "o1", "k") var k: String
        let s = "plain"
        """)
        #expect(facts.strings.map { "\($0.value)=\($0.isDocumentation)" } == [
            "use gpt-4o=true", "gpt-4=true", "model=true", "gpt-4o=false", "o1=false", "k=false", "plain=false",
        ])
    }

    @Test func noBogusLabels() {
        let source = """
        let x = flag ? "a" : "b"
        let y = flag ? name : "c"
        let z = flag ? obj.name : "c2"
        return "d"
        f("e", "f")
        if a == "g" {}
        switch v { case "h": return "i"; default: return "j" }
        let w: [String: Int] = ["k": 1]
        """
        let facts = lex(source)
        let pairs = facts.strings.map { "\($0.value)=\($0.label ?? "nil")" }
        #expect(pairs == [
            "a=nil", "b=nil", "c=nil", "c2=nil", "d=nil", "e=nil", "f=nil", "g=nil", "h=nil", "i=nil",
            "j=nil", "k=nil",
        ])
    }

    @Test func backtickedLabel() {
        let facts = lex(#"f(`default`: "x")"#)
        #expect(facts.strings.first?.label == "default")
    }

    // MARK: Comments

    @Test func commentsOfAllKinds() {
        let source = """
        // line
        /// doc
        let a = 1 // trailing
        /* a /* b */ c */ let b = 2
          /** doc
           block */
        let s = "// not a comment /* nor this */"
        """
        let facts = lex(source)
        #expect(facts.comments.map(\.text) == [
            "// line", "/// doc", "// trailing", "/* a /* b */ c */", "/** doc\n   block */",
        ])
        #expect(facts.comments.map(\.standsAlone) == [true, true, false, true, true])
        #expect(values(facts) == ["// not a comment /* nor this */"])
        for comment in facts.comments {
            #expect(slice(source, comment.span) == comment.text)
        }
    }

    @Test func commentHidesQuotesAndCRLFIsExcluded() {
        let source = "let a = 1 // don't \"\r\nlet b = \"x\"\r\n"
        let facts = lex(source)
        #expect(facts.comments.map(\.text) == ["// don't \""])
        #expect(facts.comments[0].span == Span(start: 10, end: 20))
        #expect(values(facts) == ["x"])
        #expect(facts.strings[0].span == Span(start: 30, end: 33))
    }

    // MARK: Symbols

    @Test func memberSymbols() {
        let source = """
        let m: Model = .gpt4_o
        let n = Model.gpt3_5Turbo
        query(model: .gpt4_o_mini, x: 1.5, y: t.0, z: 0x1p-2, w: 1_000, v: 1.5e3)
        let q = Model.`default`
        let r = a?.b!.c
        // .inComment
        let s = ".inString"
        """
        let facts = lex(source)
        #expect(facts.symbols.map(\.name) == ["gpt4_o", "gpt3_5Turbo", "gpt4_o_mini", "default", "b", "c"])
        for symbol in facts.symbols {
            let text = slice(source, symbol.span)
            #expect(text == symbol.name)
        }
    }

    @Test func symbolReceiversAndLabels() {
        let source = """
        let m: Model = .gpt4_o
        let n = Model.GPT4.gpt4
        let o = OpenAI.Model.GPT4.gpt4_32k
        query(model: .gpt4_o_mini, other: .gpt5)
        let r = f().x + a[0].y + b?.z
        func ask(engine: Model = .o3) {}
        switch m { case .o1: return .o3_mini }
        """
        let facts = lex(source)
        let described = facts.symbols.map { "\($0.receiver ?? "nil") \($0.name) \($0.label ?? "-")" }
        #expect(described == [
            "nil gpt4_o m", "Model GPT4 -", "Model.GPT4 gpt4 -",
            // The history holds three names: the tail of a longer chain.
            "OpenAI Model -", "OpenAI.Model GPT4 -", "OpenAI.Model.GPT4 gpt4_32k -",
            "nil gpt4_o_mini model", "nil gpt5 other",
            " x -", " y -", " z -",
            "nil o3 engine",
            "nil o1 -", "nil o3_mini -",
        ])
        // A member followed by `(` is a method or a case with a payload, never a constant.
        let wrapped = lex("send(model: .gpt4(.gpt4_32k), x: Model.gpt4_o, y: a.gpt4_o ())")
        #expect(wrapped.symbols.map { "\($0.name) \($0.isCalled)" }
            == ["gpt4 true", "gpt4_32k false", "gpt4_o false", "gpt4_o false"])
        // The first unlabelled argument of an implicit member call is that case's payload.
        let payloads = lex("f(.chat(.chatgpt), .gpt3(x: .davinci), .a(b, .c), g(.d), x.e(.f), .h (.i))")  // `.h (`: no call
        #expect(payloads.symbols.map { "\($0.name) \($0.payloadOf ?? "-")" }
            == ["chat -", "chatgpt chat", "gpt3 -", "davinci -", "a -", "c -", "d -", "e -", "f -", "h -", "i -"])
    }

    @Test func rangeOperatorsAreNotSymbols() {
        let facts = lex("for i in 0..<n { a...b }; x = .some(1)")
        #expect(facts.symbols.map(\.name) == ["some"])
    }

    // MARK: Regex literals

    @Test func bareRegexIsSkipped() {
        let source = """
        let r = /"api"/
        let s = "after"
        let t = try Regex(/a[/"]b/)
        let u = "end"
        """
        let facts = lex(source)
        #expect(values(facts) == ["after", "end"])
        #expect(facts.notices.isEmpty)
    }

    @Test func divisionIsNotRegex() {
        let source = """
        let x = a / b / c
        let y = (a) / 2 / "q".count
        let z = arr[0]/2/3
        """
        let facts = lex(source)
        #expect(values(facts) == ["q"])
    }

    @Test func extendedRegexIsSkipped() {
        let source = """
        let r = #/"(?<x>\\d+)"/#
        let m = #/
          "a"  # comment with "quote
          /#
        let s = "after"
        """
        let facts = lex(source)
        #expect(values(facts) == ["after"])
        #expect(facts.notices.isEmpty)
    }

    // MARK: Encodings and robustness

    @Test func byteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("// hi\nimport OpenAI\nlet s = \"é\"".utf8)
        let facts = lex(bytes: bytes)
        #expect(facts.comments.first?.standsAlone == true)
        #expect(facts.comments.first?.span == Span(start: 3, end: 8))
        #expect(facts.imports.map(\.module) == ["OpenAI"])
        #expect(facts.imports.first?.span == Span(start: 16, end: 22))
        #expect(values(facts) == ["é"])
    }

    @Test func importRightAfterBOM() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("import OpenAI".utf8)
        #expect(lex(bytes: bytes).imports.first?.span == Span(start: 10, end: 16))
    }

    @Test func invalidUTF8InStringsAndCode() {
        var bytes = Array("let a\u{0}".utf8)
        bytes += [0xFF, 0xC3] + Array(" = \"x".utf8) + [0xFE, 0xE2, 0x82] + Array("y\"\nlet b = .gpt4\nlet c = \"ok\"".utf8)
        let facts = lex(bytes: bytes)
        #expect(values(facts) == ["x\u{FFFD}\u{FFFD}\u{FFFD}y", "ok"])
        // Runs index into the repaired value's bytes.
        let first = facts.strings[0]
        #expect(first.runs.map(\.length) == [1, 1])
        #expect(first.runs.last?.valueOffset == 10)
        #expect(first.sourceSpan(ofValueRange: 10..<11) == Span(start: 16, end: 17))
        #expect(facts.symbols.map(\.name) == ["gpt4"])
    }

    @Test func truncatedMultibyteAtEOF() {
        let facts = lex(bytes: Array("let s = \"ab".utf8) + [0xF0, 0x9F])
        #expect(values(facts) == ["ab\u{FFFD}\u{FFFD}"])
        #expect(facts.notices == [FrontendNotice(message: "unterminated string literal", offset: 8)])
    }

    @Test func arbitraryBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("\"\\#/()*`.\n\r u{}[]:=\"\"\"a1".utf8) + [0xFF, 0xC3, 0xE2]
        for _ in 0..<300 {
            let count = Int.random(in: 0..<200, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            let facts = lex(bytes: bytes)
            for fact in facts.strings {
                #expect(fact.span.start >= 0 && fact.span.end <= bytes.count)
                for run in fact.runs {
                    #expect(run.sourceOffset + run.length <= bytes.count)
                    #expect(run.valueOffset + run.length <= fact.value.utf8.count)
                    #expect(Array(fact.value.utf8)[run.valueOffset..<run.valueOffset + run.length]
                        == bytes[run.sourceOffset..<run.sourceOffset + run.length])
                }
            }
        }
    }

    @Test func deepInterpolationNesting() {
        let depth = 100_000
        var source = "let s = "
        source += String(repeating: "\"\\(", count: depth)
        source += "\"core\""
        source += String(repeating: ")\"", count: depth)
        source += "\nlet t = \"after\""
        let facts = lex(source)
        #expect(facts.strings.count == depth + 2)
        #expect(facts.strings[0].value == Self.obj)
        #expect(facts.strings[depth].value == "core")
        #expect(facts.strings[depth + 1].value == "after")
        #expect(facts.notices.isEmpty)
    }

    @Test func deepParenAndCommentNesting() {
        let depth = 100_000
        let parens = String(repeating: "(", count: depth) + "\"p\"" + String(repeating: ")", count: depth)
        let comments = String(repeating: "/*", count: depth) + String(repeating: "*/", count: depth)
        let facts = lex("x = \(parens)\n\(comments)\nlet t = \"after\"")
        #expect(values(facts) == ["p", "after"])
        #expect(facts.comments.count == 1)
        #expect(facts.comments.first?.span.length == depth * 4)
    }

    @Test func deepUnclosedNesting() {
        let depth = 100_000
        let facts = lex(String(repeating: "\"\\((", count: depth))
        #expect(facts.strings.count == depth)
        #expect(facts.notices.count == depth)
    }

    // MARK: Unterminated input

    @Test func unterminatedStringEndsAtLineEnd() {
        let source = "let a = \"open\nlet b = \"closed\"\n"
        let facts = lex(source)
        #expect(values(facts) == ["open", "closed"])
        #expect(facts.strings[0].span == Span(start: 8, end: 13))
        #expect(facts.notices == [FrontendNotice(message: "unterminated string literal", offset: 8)])
    }

    @Test func unterminatedMultilineAndRaw() {
        let facts = lex("let a = #\"raw\nlet b = \"\"\"\n  never closed\n")
        #expect(values(facts) == ["raw", "  never closed\n"])
        #expect(facts.notices.map(\.offset) == [8, 22])
        #expect(facts.notices.allSatisfy { $0.message == "unterminated string literal" })
    }

    @Test func unterminatedBlockComment() {
        let facts = lex("let a = 1\n/* open /* nested */ \"x\"\n")
        #expect(facts.notices == [FrontendNotice(message: "unterminated block comment", offset: 10)])
        #expect(facts.strings.isEmpty)
        #expect(facts.comments.first?.span == Span(start: 10, end: 35))
    }

    @Test func unterminatedInterpolationAtEOF() {
        let facts = lex(#"let a = "x\(f("y""#)
        #expect(values(facts) == ["x\(Self.obj)", "y"])
        #expect(facts.notices.map(\.offset) == [8])
    }
}

@Suite struct SwiftCallFactTests {
    @Test func callsWithLabelsAcrossInterpolationsAndClosures() {
        let source = """
            let c = OpenAI(apiToken: token)
            let d = OpenAI.Configuration(token: k, timeoutInterval: 30)
            let s = "\\(f(a: 1))"
            if (x) { run { g(1) } }
            """
        let file = SourceFile(path: "t.swift", bytes: Array(source.utf8), language: .swift)
        let calls = SwiftFrontend().facts(in: file).calls
        #expect(calls.map(\.callee).sorted() == ["OpenAI", "OpenAI.Configuration", "f", "g"])
        let client = calls.first { $0.callee == "OpenAI" }!
        #expect(client.labels == ["apiToken"])
        #expect(client.argumentSpans.map { file.text(of: $0) } == ["apiToken: token"])
        let configuration = calls.first { $0.callee == "OpenAI.Configuration" }!
        #expect(configuration.labels == ["token", "timeoutInterval"])
    }

    /// The pass that leaves calls to be read later ends arguments with `skipArgument`: counted as
    /// `closeArgument` counts them (an implicit member's payload is its call's first argument), recorded nowhere.
    @Test func skippedArgumentsCountAsClosedOnesAndAreNotRecorded() {
        var recorded = CallFrame(open: 0)
        var skipped = CallFrame(open: 0)
        recorded.isCall = true
        skipped.isCall = true
        recorded.closeArgument()  // `f(,`: no argument to end
        skipped.skipArgument()
        #expect(recorded.endedArguments == 0 && skipped.endedArguments == 0)
        for k in 0..<2 {
            recorded.label = "model"
            skipped.label = "model"
            recorded.note(2 + k, 3 + k)
            skipped.note(2 + k, 3 + k)
            recorded.closeArgument()
            skipped.skipArgument()
        }
        #expect(recorded.endedArguments == 2 && skipped.endedArguments == 2)
        #expect(recorded.spans.count == 2 && recorded.unreadLabels == ["model"])
        #expect(skipped.spans.isEmpty && skipped.unreadLabels.isEmpty)
        #expect(skipped.label.isEmpty && skipped.tokens == 0 && skipped.argumentStart == nil)
    }
}
