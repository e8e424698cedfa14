// The JSON reader and writer: round trips, numbers, strict syntax, depth, compact output.

@testable import HomeportCore
import Testing

@Suite struct JSONParserTests {
    @Test func jsonParserRoundTrips() throws {
        let value = JSONValue.object([
            ("b", .array([.int(-3), .bool(true), .null, .string("é\"\\\n\u{1}😀")])),
            ("a", .object([])), ("c", .array([])),
        ])
        #expect(try JSONParser.parse(Array(value.serialized().utf8)) == value)
        #expect(try JSONParser.parse(Array("\"\\ud83d\\ude00\"".utf8)) == .string("😀"))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("[01]".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("[1.]".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("[1e]".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("[-]".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("[1, 2".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("{} x".utf8)) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Never.self) { try JSONParser.parse(Array(fine.utf8)) }
    }

    /// Editors' messages may hold any JSON number; integers stay exact.
    @Test func jsonNumbersWithFractionsAndExponents() throws {
        #expect(try JSONParser.parse(Array("[1.5, -0.25e2, 3E+1, 0, -7, 9223372036854775808]".utf8))
                == .array([.double(1.5), .double(-25), .double(30), .int(0), .int(-7), .double(9223372036854775808)]))
        #expect(try JSONParser.parse(Array(#""\ud83d\u0041""#.utf8)) == .string("\u{FFFD}A"))  // a lone high surrogate
    }

    /// The exact escapes: quote, backslash, the three named control characters, `\u00XX` for the
    /// others and DEL; runs of other bytes (UTF-8 included) copied as they are, at either end too.
    @Test func stringEscapesAreExact() {
        let text = "\"a\"b\\c\nd\re\tf\u{1}g\u{7F}h é😀\u{1F}"
        #expect(String(decoding: JSONValue.string(text).compactBytes(), as: UTF8.self)
                == #""\"a\"b\\c\nd\re\tf\u0001g\u007fh é😀\u001f""#)
        #expect(String(decoding: JSONValue.string("").compactBytes(), as: UTF8.self) == #""""#)
        #expect(String(decoding: JSONValue.string("plain").compactBytes(), as: UTF8.self) == #""plain""#)
    }

    @Test func compactJSONHasNoWhitespace() throws {
        let value = JSONValue.object([("a", .array([.int(1), .double(0.5), .string("x y")])), ("b", .object([]))])
        let compact = String(decoding: value.compactBytes(), as: UTF8.self)
        #expect(compact == #"{"a":[1,0.5,"x y"],"b":{}}"#)
        #expect(try JSONParser.parse(value.compactBytes()) == value)
    }
}
