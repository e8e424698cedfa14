// Our JSON parser against Python's json (Tests/Differential/reference.py) on generated documents:
// deep nesting, surrogates, numbers at the edges of Int and Double, and broken variants of each.

import Foundation
import Testing
import HomeportTestSupport
@testable import HomeportCore

@Suite struct JSONDifferentialTests {
    /// The canonical form reference.py writes for Python's value.
    static func canonical(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(UInt8(ascii: "n"))
        case .bool(let flag): out.append(UInt8(ascii: flag ? "t" : "f"))
        case .int(let number): out += Array("i\(number)".utf8)
        case .double(let number):
            let bits = String(number.bitPattern, radix: 16)
            out += Array(("d" + String(repeating: "0", count: 16 - bits.count) + bits).utf8)
        case .string(let text): scalar(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for item in items { canonical(item, into: &out) }
            out.append(UInt8(ascii: "]"))
        case .generated:
            Issue.record("the parser made a generated array; only reports make them")
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (key, item) in members {
                scalar(key, into: &out)
                canonical(item, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func scalar(_ text: String, into out: inout [UInt8]) {
        out += Array("s\(text.utf8.count):".utf8) + Array(text.utf8)
    }

    static let numbers = [
        "0", "-0", "-0.0", "1", "-1", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890", "1e308", "1.7976931348623157e308", "1e309",
        "-1e309", "5e-324", "2.4e-324", "1e-400", "0.1", "1E+2", "1e-2", "0e0", "3.141592653589793238462643383",
    ]
    static let strings = [
        "", "a", "\\\"\\\\\\/\\b\\f\\n\\r\\t", "\\u0041\\u00e9\\u4e2d", "\\ud83d\\ude00", "\\ud83d", "\\ude00",
        "\\ud83d\\u0041", "\\ud83d\\ud83d\\ude00", "漢字 é 😀", "\\u0000", "sk-proj-abc", "\\uD83D\\uDE00",
    ]
    /// Variants that JSON forbids (or allows only some of), spliced into valid documents.
    static let breakers = [
        "\\x41", "\\a", "\\'", "\\u12", "\\u+123", "\\u-123", "\\U0041", "\t", "\n", "\u{7F}", "\u{1}",
    ]

    static func value(_ random: inout SeededGenerator, depth: Int) -> String {
        switch Int.random(in: 0..<(depth > 6 ? 5 : 8), using: &random) {
        case 0: return ["null", "true", "false"].randomElement(using: &random)!
        case 1, 2: return numbers.randomElement(using: &random)!
        case 3, 4: return "\"" + strings.randomElement(using: &random)! + "\""
        case 5: return "[" + (0..<Int.random(in: 0...3, using: &random)).map { _ in value(&random, depth: depth + 1) }
            .joined(separator: ", ") + "]"
        default:
            let members = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                "\"" + strings.randomElement(using: &random)! + "\" :" + value(&random, depth: depth + 1)
            }
            return "{" + members.joined(separator: ",\n ") + "}"
        }
    }

    static func documents() -> [[UInt8]] {
        var random = SeededGenerator(seed: 10)
        var documents: [[UInt8]] = numbers.map { Array($0.utf8) } + strings.map { Array("\"\($0)\"".utf8) }
        documents += breakers.map { Array("\"a\($0)b\"".utf8) }
        for _ in 0..<1500 {
            var text = Array(value(&random, depth: 0).utf8)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !text.isEmpty:  // cut short
                text.removeLast(Int.random(in: 1...text.count, using: &random))
            case 1 where !text.isEmpty:  // one byte changed
                text[Int.random(in: 0..<text.count, using: &random)] =
                    Array("\",:[]{}\\ 0-+.eE\u{7F}xu".utf8).randomElement(using: &random)!
            case 2:  // something JSON does not allow, somewhere
                let at = Int.random(in: 0...text.count, using: &random)
                text.insert(contentsOf: Array((breakers + ["NaN", "Infinity", "'a'", ",", "01", "\u{FEFF}"])
                    .randomElement(using: &random)!.utf8), at: at)
            case 3: text.insert([0xC3, 0x28, 0xFF].randomElement(using: &random)!, at: Int.random(in: 0...text.count, using: &random))
            default: break
            }
            documents.append(text)
        }
        for depth in [1, 255, 256, 257, 1000, 100_000] {
            documents.append(Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8))
            documents.append(Array((String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)).utf8))
        }
        documents += ["", " ", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{1:2}", "nul", "truee", "[]]", "\u{FEFF}{}",
                      "\"\\ud800\\u", "-", "1.", ".5", "1e", "+1", "0x10", "[-]", "\"\u{0}\""].map { Array($0.utf8) }
        return documents
    }

    /// Reports write their findings as generated arrays: byte for byte what `.array` writes.
    @Test func generatedArraysAreWrittenAsArrays() {
        let items: [JSONValue] = [.int(1), .object([("a", .array([.string("x"), .null]))]), .array([])]
        for count in 0...items.count {
            let listed = JSONValue.object([("k", .array(Array(items.prefix(count))))])
            let generated = JSONValue.object([("k", .generated(count: count) { items[$0] })])
            #expect(generated.serialized() == listed.serialized())
            #expect(generated.compactBytes() == listed.compactBytes())
        }
    }

    @Test func agreesWithPythonsJSON() throws {
        let documents = JSONDifferentialTests.documents()
        let references = try Reference.read(documents, as: .json)
        var accepted = 0
        var refused = 0
        for (document, reference) in zip(documents, references) {
            let shown = String(decoding: document.prefix(200), as: UTF8.self).debugDescription
            let ours = Result { try JSONParser.parse(document) }
            switch (ours, reference) {
            case (.success(let value), .value(let expected)):
                accepted += 1
                var canonical: [UInt8] = []
                JSONDifferentialTests.canonical(value, into: &canonical)
                #expect(canonical == expected, "\(shown): we read \(String(decoding: canonical, as: UTF8.self)), Python \(String(decoding: expected, as: UTF8.self))")
            case (.success, .error(let message)):
                Issue.record("\(shown): we accept what Python's json refuses (\(message))")
            case (.failure(let error), .value):
                // The one limit we keep on purpose: nesting deeper than JSONParser.maxDepth.
                #expect("\(error)".contains("nested deeper than"), "\(shown): we refuse what Python's json reads: \(error)")
                refused += 1
            case (.failure, .error): break
            }
        }
        // Most generated documents are valid: a comparison that never compares values would prove nothing.
        #expect(accepted > 500)
        print("JSON differential: we refuse \(refused) of \(documents.count) documents Python's json reads (nesting deeper than \(JSONParser.maxDepth))")
    }
}
