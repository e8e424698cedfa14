// The text report's byte writer and prefix check against the plain ways they replace.

import Testing
import HomeportTestSupport
@testable import HomeportCore

@Suite struct ByteWriterTests {
    @Test func numbersAreWrittenAsStringWritesThem() {
        var random = SeededGenerator(seed: 21)
        var numbers = [0, 1, 9, 10, 99, 100, -1, -10, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for digits in 0..<19 { numbers.append(Int(pow10(digits))); numbers.append(Int(pow10(digits)) - 1) }
        for _ in 0..<2_000 { numbers.append(Int.random(in: Int.min...Int.max, using: &random) >> Int.random(in: 0...62, using: &random)) }
        var writer = ByteWriter(capacity: 1)
        var expected = ""
        for number in numbers {
            writer.int(number)
            writer.byte(UInt8(ascii: ","))
            expected += "\(number),"
        }
        #expect(writer.finish() == expected)
    }

    @Test func stringsBytesAndRepeatsGrowTheBufferAndKeepEveryByte() {
        var random = SeededGenerator(seed: 22)
        let pieces = ["", "a", "模型", "🙂 é", String(repeating: "x", count: 15), String(repeating: "long ", count: 40)]
        var writer = ByteWriter(capacity: 0)
        var expected: [UInt8] = []
        for _ in 0..<3_000 {
            switch Int.random(in: 0...2, using: &random) {
            case 0:
                let piece = pieces.randomElement(using: &random)!
                writer.string(piece)
                expected.append(contentsOf: piece.utf8)
            case 1:
                let count = Int.random(in: 0...9, using: &random)
                writer.byte(UInt8(ascii: "^"), count: count)
                expected.append(contentsOf: repeatElement(UInt8(ascii: "^"), count: count))
            default:
                let count = Int.random(in: 0...9, using: &random)
                writer.write(count: count) { to in for index in 0..<count { to[index] = UInt8(48 + index) } }
                expected.append(contentsOf: (0..<count).map { UInt8(48 + $0) })
            }
        }
        #expect(writer.finishBytes() == expected)
    }

    @Test func startsWithAgreesWithStartsWith() {
        let words = ["", "o", "or", "or ", "or: ", "或", "或：", "é", "e\u{301}", "or use"]
        for text in words {
            for prefix in words {
                let bytes = Array(text.utf8)
                bytes.withUnsafeBufferPointer { buffer in
                    #expect(TextReporter.startsWith(buffer, prefix) == bytes.starts(with: prefix.utf8), "\(text) \(prefix)")
                }
            }
        }
    }

    private func pow10(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(Int64(1)) { value, _ in value * 10 }
    }
}
