// ByteSet, the matchers' first-byte filter, against a Set<UInt8> holding the same bytes.

import Testing
@testable import HomeportCore

struct ByteSetTests {
    @Test func holdsExactlyTheBytesInsertedInEveryWord() {
        let members: Set<UInt8> = [0, 1, 46, 63, 64, 65, 90, 127, 128, 191, 192, 254, 255]
        let set = ByteSet(members)
        for byte in UInt8.min...UInt8.max {
            #expect(set.contains(byte) == members.contains(byte), "byte \(byte)")
        }
        #expect(ByteSet().contains(0) == false)
    }

    @Test func containsAnyByteOfAText() {
        let dot = ByteSet([UInt8(ascii: ".")])
        #expect(dot.containsAny(of: "api.openai.com"))
        #expect(!dot.containsAny(of: "system"))
        #expect(!dot.containsAny(of: ""))
        #expect(ByteSet([0xE6]).containsAny(of: "模型"))  // 模 is E6 A8 A1
        #expect(!ByteSet([0xE4]).containsAny(of: "模型"))
    }

    /// One byte is searched with memchr, more byte by byte: both answer as a byte-wise test does.
    @Test func containsAnyAgreesWithTestingEachByte() {
        let texts = ["", "a", "api.openai.com", "no dots here", "模型.", String(repeating: "x", count: 100) + "."]
        for members: Set<UInt8> in [[0x2E], [0x00], [0xFF], [0x2E, 0x41], [0x78, 0xE6]] {
            let set = ByteSet(members)
            for text in texts {
                #expect(set.containsAny(of: text) == text.utf8.contains { members.contains($0) }, "\(members) \(text)")
            }
        }
    }
}
