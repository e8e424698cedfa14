// The C and C++ frontend: libclang tokens to facts (strings decoded and joined, macros, includes,
// comments, labels), positions in CRLF/BOM/continued files, and the loader's failure path.

import HomeportTestSupport
import Testing
@testable import HomeportCore

@Suite struct ClangFrontendTests {
    func facts(_ source: String, cplusplus: Bool = false) -> Facts {
        facts(bytes: Array(source.utf8), cplusplus: cplusplus)
    }

    func facts(bytes: [UInt8], cplusplus: Bool = false) -> Facts {
        let file = SourceFile(path: cplusplus ? "t.cpp" : "t.c", bytes: bytes, language: cplusplus ? .cpp : .c)
        return ClangFrontend(cplusplus: cplusplus).facts(in: file)
    }

    func values(_ source: String, cplusplus: Bool = false) -> [String] {
        facts(source, cplusplus: cplusplus).strings.map(\.value)
    }

    func text(_ span: Span, _ source: String) -> String {
        String(decoding: Array(source.utf8)[span.start..<span.end], as: UTF8.self)
    }

    @Test func libclangIsAvailableInTheTestEnvironment() {
        #expect(ClangFrontend.unavailability == nil, "install libclang-dev")
    }

    @Test func escapesAreDecoded() {
        #expect(values(#"const char *s = "a\tb\x41\101\"\\\?\u00e9";"#) == ["a\tbAA\"\\?é"])
        #expect(values(#"const char *s = "\x2f\057z";"#) == ["//z"])
        // \x takes every hex digit that follows: "\x2fa" is one (out-of-range) escape, not "/a".
        #expect(values(#"const wchar_t *s = L"\x2fa";"#) == ["\u{2FA}"])
    }

    @Test func encodingPrefixes() {
        #expect(values(#"a = L"w"; b = u"x"; c = U"y"; d = u8"z";"#, cplusplus: true) == ["w", "x", "y", "z"])
        #expect(values("char c = 'x'; int n = 42; wchar_t w = L'y';").isEmpty)
    }

    @Test func adjacentLiteralsAreOneValueSpanningAllPieces() {
        let source = "const char *u = \"https://api.\" /* split */\n    \"openai.com/v1\";"
        let f = facts(source)
        #expect(f.strings.map(\.value) == ["https://api.openai.com/v1"])
        #expect(text(f.strings[0].span, source) == "\"https://api.\" /* split */\n    \"openai.com/v1\"")
        #expect(f.comments.map(\.text) == ["/* split */"])
        #expect(f.strings[0].label == "u")
    }

    @Test func rawStringsInCxx() {
        #expect(values(#"auto a = R"(C:\path "quoted")"; auto b = R"x(a)"b)x";"#, cplusplus: true)
                == [#"C:\path "quoted""#, #"a)"b"#])
        #expect(values("auto j = u8R\"json({\"model\": \"gpt-4o\"})json\"_s;", cplusplus: true)
                == [#"{"model": "gpt-4o"}"#])
    }

    @Test func macrosAreFactsAtTheDefinitionAndSplicedWhereUsed() {
        let source = """
            #define OPENAI_BASE "https://api.openai.com/v1"
            #define CHAT OPENAI_BASE "/chat/completions"
            #define TWICE(x) x x
            static const char *url = OPENAI_BASE "/embeddings";
            const char *alone = OPENAI_BASE;
            """
        let f = facts(source)
        #expect(f.strings.map(\.value) == ["https://api.openai.com/v1",
                                           "https://api.openai.com/v1/chat/completions",
                                           "https://api.openai.com/v1/embeddings"])
        #expect(f.strings.map(\.label) == ["OPENAI_BASE", "CHAT", "url"])
        #expect(text(f.strings[2].span, source) == #"OPENAI_BASE "/embeddings""#)
        // The spliced part maps back to the definition, so a match inside it is reported there.
        let host = f.strings[2].sourceSpan(ofValueRange: 8..<22)
        #expect(host.map { text($0, source) } == "api.openai.com")
        #expect(host.map { $0.start < 60 } == true)
    }

    @Test func parenthesisedDefineAndModelLabel() {
        let f = facts("#define OPENAI_MODEL (\"o1\")\n")
        #expect(f.strings.map(\.value) == ["o1"])
        #expect(f.strings.first?.label == "OPENAI_MODEL")
    }

    @Test func includesAreImportsWithThePathSpan() {
        let source = """
            #include <openai/openai.hpp>
            #  include "liboai.h" // vendored
            #include_next < spaced.h >
            #import <Foundation/Foundation.h>
            #define INCLUDE "not-an-include.h"
            """
        let f = facts(source, cplusplus: true)
        #expect(f.imports.map(\.module) == ["openai/openai.hpp", "liboai.h", "spaced.h", "Foundation/Foundation.h"])
        #expect(f.imports.map { text($0.span, source) } == f.imports.map(\.module))
        #expect(f.strings.map(\.value) == ["not-an-include.h"])
        #expect(f.comments.map(\.text) == ["// vendored"])
    }

    @Test func commentsAreNeverStringsAndKnowWhetherTheyStandAlone() {
        let source = """
            /** Doxygen: uses "gpt-4o" */
            int x = 1; // "https://api.openai.com"
            /* multi
               line "o1" */
            """
        let f = facts(source)
        #expect(f.strings.isEmpty)
        #expect(f.comments.map(\.standsAlone) == [true, false, true])
    }

    @Test func directivesEndAtTheLineButNotAtAContinuation() {
        let source = "#define URL \\\n  \"https://api.openai.com\"\nconst char *m = \"o1\";\n"
        let f = facts(source)
        #expect(f.strings.map(\.value) == ["https://api.openai.com", "o1"])
        #expect(f.strings.map(\.label) == ["URL", "m"])
    }

    @Test func lineContinuationInsideALiteral() {
        let source = "const char *m = \"gpt-4o-mi\\\nni\";"
        let literal = facts(source).strings[0]
        #expect(literal.value == "gpt-4o-mini")
        #expect(literal.sourceSpan(ofValueRange: 0..<11) == nil)  // the continuation splits the run
        #expect(literal.sourceSpan(ofValueRange: 0..<6).map { text($0, source) } == "gpt-4o")
    }

    @Test func labels() {
        let source = """
            struct opts o = { .model = "a", .temperature = 1 };
            const char model[] = "b";
            cJSON_AddStringToObject(root, "model", "c");
            set_model("d");
            """
        #expect(facts(source).strings.map(\.label) == ["model", "model", nil, "model", "set_model"])
        let cxx = facts(#"j["engine"] = "e"; json b = {{"model", "f"}};"#, cplusplus: true)
        #expect(cxx.strings.map(\.label) == [nil, "engine", nil, "model"])
    }

    @Test func offsetsAreIntoTheOriginalBytesWithBOMAndCRLF() throws {
        let source = "\u{FEFF}// héllo\r\n#define M \"gpt-4o\"\r\nconst char *é = \"o1\";\r\n"
        let bytes = Array(source.utf8)
        let f = facts(bytes: bytes)
        let file = SourceFile(path: "t.c", bytes: bytes, language: .c)
        #expect(f.strings.map(\.value) == ["gpt-4o", "o1"])
        let model = try #require(f.strings[0].sourceSpan(ofValueRange: 0..<6))
        #expect(file.location(of: model.start) == SourceLocation(line: 2, column: 12))
        #expect(file.location(of: f.strings[1].span.start) == SourceLocation(line: 3, column: 17))
        #expect(f.comments.first?.standsAlone == true)
        #expect(file.location(of: f.comments[0].span.start) == SourceLocation(line: 1, column: 1))
    }

    @Test func escapedJSONInAFormatStringMapsTheModelToItsColumn() throws {
        let source = #"snprintf(b, n, "{\"model\": \"gpt-4o\", \"n\": %d}", 1);"#
        let literal = try #require(facts(source).strings.first)
        #expect(literal.value == #"{"model": "gpt-4o", "n": %d}"#)
        let range = try #require(literal.value.utf8.firstRange(of: "gpt-4o".utf8))
        let lower = literal.value.utf8.distance(from: literal.value.utf8.startIndex, to: range.lowerBound)
        let span = try #require(literal.sourceSpan(ofValueRange: lower..<(lower + 6)))
        #expect(text(span, source) == "gpt-4o")
    }

    @Test func hostileInputNeverCrashes() {
        let inputs = ["\"unterminated", "#define", "#include", "#include <", "R\"x(never closed",
                      "/* open comment", "#if 0\n#endif\n#endif\n#else\n\"x\"", "\\", "\"\\", "u8", "L'",
                      String(repeating: "(", count: 10_000), String(repeating: "\"a\" ", count: 5_000)]
        for input in inputs {
            _ = facts(input)
            _ = facts(input, cplusplus: true)
        }
        #expect(facts("const char *s = \"oops\nint x;").notices.map(\.message) == ["unterminated string literal"])
        let invalid: [UInt8] = [0x22, 0xFF, 0xFE, 0x22, 0x3B, 0x0A, 0xC3]
        #expect(facts(bytes: invalid).strings.count == 1)
    }

    @Test func loaderReportsEveryPathTriedWhenLibclangIsMissing() throws {
        let result = ClangLibrary.load(environment: "/nonexistent/libclang.so")
        guard case .failure(let reason) = result else {
            Issue.record("loaded a library that does not exist")
            return
        }
        #expect(reason.description == "libclang not found (tried /nonexistent/libclang.so)")
        #expect(ClangLibrary.candidates(environment: nil).first == "libclang-14.so.13")
        #expect(ClangLibrary.candidates(environment: "").contains("libclang.so"))
    }

    func objectiveCFacts(_ source: String, dialect: ClangFrontend.Dialect = .objectiveC) -> Facts {
        let file = SourceFile(path: dialect == .objectiveC ? "t.m" : "t.mm", bytes: Array(source.utf8),
                              language: dialect == .objectiveC ? .objectiveC : .objectiveCpp)
        return ClangFrontend(dialect: dialect).facts(in: file)
    }

    @Test func objectiveCStringLiteralsIncludeTheirAtSign() {
        let source = #"NSString *model = @"gpt-4o"; id d = @{@"model": @"o3"}; NSString *u = @"https://a." @"b/c";"#
        let f = objectiveCFacts(source)
        #expect(f.strings.map(\.value) == ["gpt-4o", "model", "o3", "https://a.b/c"])
        #expect(f.strings.map(\.label) == ["model", nil, "model", "u"])
        let bytes = Array(source.utf8)
        #expect(f.strings.map { String(decoding: bytes[$0.span.start..<$0.span.end], as: UTF8.self) }
            == [#"@"gpt-4o""#, #"@"model""#, #"@"o3""#, #"@"https://a." @"b/c""#])
        #expect(f.notices.isEmpty)
    }

    @Test func objectiveCImportsAndEnvironmentReads() {
        let source = """
            #import <OpenAI/OpenAI.h>
            @import OpenAI.Chat;
            @import UIKit;
            NSString *k = [[NSProcessInfo processInfo] environment][@"OPENAI_API_KEY"];
            NSLog(@"using gpt-4o");
            """
        let f = objectiveCFacts(source)
        #expect(f.imports.map(\.module) == ["OpenAI/OpenAI.h", "OpenAI.Chat", "UIKit"])
        #expect(f.strings.map(\.value) == ["OPENAI_API_KEY", "using gpt-4o"])
        #expect(f.strings.map(\.isDocumentation) == [false, true])
    }

    @Test func objectiveCppReadsRawStringsAndAtLiterals() {
        let f = objectiveCFacts(#"auto r = R"(gpt-4o)"; NSString *s = @"o1";"#, dialect: .objectiveCpp)
        #expect(f.strings.map(\.value) == ["gpt-4o", "o1"])
    }

    @Test func languageIdentifiersPickObjectiveC() {
        #expect(Language.forLanguageIdentifier("objective-c") == .objectiveC)
        #expect(Language.forLanguageIdentifier("objective-cpp") == .objectiveCpp)
        #expect(Language.forPath("a/B.m") == .objectiveC)
        #expect(Language.forPath("a/B.mm") == .objectiveCpp)
        #expect(Language.forPath("a/B.h") == .cpp)
    }
}
