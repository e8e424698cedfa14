// A set of bytes as a 256-bit mask: the matchers' first-byte filters, which reject most literals
// before any String is copied, hashed or searched.

import Glibc

struct ByteSet: Sendable, Equatable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    init(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { insert(byte) }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = bits.0
        case 1: word = bits.1
        case 2: word = bits.2
        default: word = bits.3
        }
        return word & (UInt64(1) << UInt64(byte & 63)) != 0
    }

    /// Whether any byte of `text`'s UTF-8 is in the set. A set of one byte (the host matcher's `.`)
    /// is searched with `memchr`, many bytes at a time, instead of testing each byte.
    func containsAny(of text: String) -> Bool {
        var text = text
        let single = onlyMember
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            if let single { return memchr(base, Int32(single), bytes.count) != nil }
            for byte in bytes where contains(byte) { return true }
            return false
        }
    }

    /// The set's byte when it holds exactly one.
    private var onlyMember: UInt8? {
        let (a, b, c, d) = bits
        guard a.nonzeroBitCount + b.nonzeroBitCount + c.nonzeroBitCount + d.nonzeroBitCount == 1 else { return nil }
        if a != 0 { return UInt8(a.trailingZeroBitCount) }
        if b != 0 { return UInt8(64 + b.trailingZeroBitCount) }
        if c != 0 { return UInt8(128 + c.trailingZeroBitCount) }
        return UInt8(192 + d.trailingZeroBitCount)
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.bits.0 == rhs.bits.0 && lhs.bits.1 == rhs.bits.1 && lhs.bits.2 == rhs.bits.2 && lhs.bits.3 == rhs.bits.3
    }
}
