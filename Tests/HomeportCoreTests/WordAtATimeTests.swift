// The loops that pass over eight bytes at a time (line starts, UTF-8 validation) against byte-by-byte references.

import Testing
@testable import HomeportCore

@Suite struct WordAtATimeTests {
    /// Texts of line breaks (`\n`, `\r\n`, lone `\r`), ASCII, multi-byte UTF-8 and invalid bytes, in
    /// runs of every length around eight, from a fixed seed.
    static func generatedTexts(count: Int) -> [[UInt8]] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D], Array("é".utf8), Array("模型".utf8), Array("😀".utf8),
                                 [0xFF], [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0x8A], [0x0B], [0x2A], [0x8D]]
        return (0..<count).map { _ in
            var text = next(4) == 0 ? [0xEF, 0xBB, 0xBF] : [UInt8]()
            for _ in 0..<next(16) {
                text += Array(repeating: UInt8(ascii: "a") + UInt8(next(26)), count: next(20))
                text += pieces[next(pieces.count)]
            }
            return text
        }
    }

    static func referenceLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                starts.append(i + 1)
            } else if bytes[i] == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        return starts
    }

    static func referenceFirstInvalid(_ bytes: [UInt8]) -> Int? {
        // Swift's own decoder: the first offset where a scalar does not decode.
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += String(scalar).utf8.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    @Test func lineStartsAgreeWithTheByteLoop() {
        for text in Self.generatedTexts(count: 3_000) {
            #expect(SourceFile.computeLineStarts(text) == Self.referenceLineStarts(text), "\(text)")
        }
    }

    @Test func firstInvalidOffsetAgreesWithTheDecoder() {
        for text in Self.generatedTexts(count: 3_000) {
            #expect(UTF8Validation.firstInvalidOffset(text) == Self.referenceFirstInvalid(text), "\(text)")
        }
    }

    @Test func lineBreakWordTest() {
        func word(_ bytes: [UInt8]) -> UInt64 { bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) } }
        #expect(!ASCII.mayHoldLineBreak(word(Array("abcdefgh".utf8))))
        #expect(!ASCII.mayHoldLineBreak(word([0x0B, 0x0C, 0x0E, 0x8A, 0x8D, 0x2A, 0x2D, 0x09])))
        for position in 0..<8 {
            var bytes = Array("abcdefgh".utf8)
            bytes[position] = 0x0A
            #expect(ASCII.mayHoldLineBreak(word(bytes)))
            bytes[position] = 0x0D
            #expect(ASCII.mayHoldLineBreak(word(bytes)))
        }
    }
}
