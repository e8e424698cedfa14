// JSON strings and integers written straight to bytes, against the plain definitions.

import Testing
@testable import HomeportCore

@Suite struct JSONWriterTests {
    /// Escaping byte by byte, as JSON requires and `JSONValue` always wrote.
    static func reference(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20, 0x7F: out += Array("\\u00".utf8) + Array(String(byte, radix: 16).leftPadded(2).utf8)
            default: out.append(byte)
            }
        }
        return out + [UInt8(ascii: "\"")]
    }

    /// Every character that needs escaping, at every offset of an eight-byte word, among ASCII and
    /// multi-byte text.
    @Test func stringsAreEscapedWhereverTheEscapesFall() {
        for special in ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{8}"] {
            for offset in 0..<17 {
                for filler in ["a", "é", "模"] {
                    let text = String(repeating: filler, count: offset) + special + String(repeating: "x", count: 20 - offset)
                    var written: [UInt8] = []
                    JSONValue.writeString(text, to: &written)
                    #expect(written == JSONWriterTests.reference(text), "\(offset) \(filler)")
                    var pieces: [UInt8] = [UInt8(ascii: "\"")]
                    JSONValue.writeStringContents(String(text.prefix(offset)), to: &pieces)
                    JSONValue.writeStringContents(String(text.dropFirst(offset)), to: &pieces)
                    pieces.append(UInt8(ascii: "\""))
                    #expect(pieces == written)
                }
            }
        }
        var empty: [UInt8] = []
        JSONValue.writeString("", to: &empty)
        #expect(empty == Array("\"\"".utf8))
    }

    @Test(arguments: [0, 1, 9, 10, 99, 100, 12_345, -1, -10, -987_654_321, Int.max, Int.min])
    func integersAreTheirDecimalDigits(number: Int) {
        var written: [UInt8] = []
        JSONValue.writeInt(number, to: &written)
        #expect(written == Array(String(number).utf8))
        #expect(JSONValue.int(number).compactBytes() == Array(String(number).utf8))
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
