// Byte tests and searches on UTF-8 text, shared by the frontends, the matchers and the YAML and JSON readers.

enum ASCII {
    // Named bytes, so that code reads `ASCII.equalsSign` where it would read `0x3D`.
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let formFeed: UInt8 = 0x0C
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let exclamationMark: UInt8 = 0x21
    static let numberSign: UInt8 = 0x23
    static let openParenthesis: UInt8 = 0x28
    static let closeParenthesis: UInt8 = 0x29
    static let comma: UInt8 = 0x2C
    static let period: UInt8 = 0x2E
    static let digitZero: UInt8 = 0x30
    static let digitNine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equalsSign: UInt8 = 0x3D
    static let upperA: UInt8 = 0x41
    static let upperF: UInt8 = 0x46
    static let upperZ: UInt8 = 0x5A
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let lowerA: UInt8 = 0x61
    static let lowerF: UInt8 = 0x66
    static let lowerZ: UInt8 = 0x7A
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let delete: UInt8 = 0x7F
    /// The bit that tells an ASCII letter's lower case from its upper case.
    static let caseBit: UInt8 = 0x20
    /// The first byte that is not ASCII (UTF-8 lead and continuation bytes).
    static let firstNonASCII: UInt8 = 0x80

    /// UTF-8 of `StringLiteralFact.interpolationPlaceholder`.
    static let placeholder = Array(String(StringLiteralFact.interpolationPlaceholder).utf8)

    /// Text for users: each interpolation placeholder shown as `{…}`.
    static func showingPlaceholders(_ text: String) -> String {
        text.contains(StringLiteralFact.interpolationPlaceholder)
            ? text.replacing(String(StringLiteralFact.interpolationPlaceholder), with: "{…}")
            : text
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        (b >= upperA && b <= upperZ) ? b | caseBit : b
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b | caseBit) >= lowerA && (b | caseBit) <= lowerZ
    }

    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b >= lowerA && b <= lowerZ }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= digitZero && b <= digitNine }

    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || ((b | caseBit) >= lowerA && (b | caseBit) <= lowerF)
    }

    @inline(__always) static func isHostCharacter(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    @inline(__always) static func isSchemeCharacter(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    /// Characters that may continue a URL in text: printable ASCII except delimiters that end URLs
    /// in prose and code (quotes, angle brackets, braces, backslash, backtick, spaces).
    @inline(__always) static func isURLCharacter(_ b: UInt8) -> Bool {
        guard b > space && b < delete else { return false }
        return !"\"'<>{}\\|^`".utf8.contains(b)
    }

    @inline(__always) static func isModelCharacter(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }

    /// Whether eight bytes (a word loaded from memory, in any byte order) may hold `\n` or `\r`:
    /// false means surely not. The test for a zero byte after XOR with each (exact, no false negative).
    @inline(__always) static func mayHoldLineBreak(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let newlines = word ^ (ones &* 0x0A), returns = word ^ (ones &* 0x0D)
        return ((newlines &- ones) & ~newlines & highs) | ((returns &- ones) & ~returns & highs) != 0
    }

    /// An ASCII letter, digit or `_` (a byte that continues a word in every language scanned).
    @inline(__always) static func isWordCharacter(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: "_")
    }

    @inline(__always) static func isUpperIdentifierCharacter(_ b: UInt8) -> Bool {
        (b >= upperA && b <= upperZ) || isDigit(b) || b == UInt8(ascii: "_")
    }

    /// Whether `text` contains `needle`, without copying either (native strings are UTF-8 already).
    @inline(never)  // inlined into the host matcher, it ran slower there
    static func contains(_ needle: String, in text: String, ignoringCase: Bool = true) -> Bool {
        var needle = needle
        var text = text
        return needle.withUTF8 { pattern in
            text.withUTF8 { haystack in
                guard let first = pattern.first, haystack.count >= pattern.count else { return false }
                let firstLower = lower(first)
                let last = haystack.count - pattern.count
                var i = 0
                while i <= last {
                    let b = haystack[i]
                    if b == first || (ignoringCase && lower(b) == firstLower) {
                        var k = 1
                        while k < pattern.count {
                            let c = haystack[i + k]
                            if c != pattern[k] && !(ignoringCase && lower(c) == lower(pattern[k])) { break }
                            k += 1
                        }
                        if k == pattern.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Start offsets of every occurrence of `needle` in `haystack`.
    static func occurrences(of needle: String, in haystack: [UInt8], ignoringCase: Bool = true) -> [Int] {
        let pattern = ignoringCase ? needle.utf8.map(lower) : Array(needle.utf8)
        guard let first = pattern.first, haystack.count >= pattern.count else { return [] }
        var result: [Int] = []
        let last = haystack.count - pattern.count
        var i = 0
        while i <= last {
            let b = ignoringCase ? lower(haystack[i]) : haystack[i]
            if b == first {
                var k = 1
                while k < pattern.count,
                      (ignoringCase ? lower(haystack[i + k]) : haystack[i + k]) == pattern[k] { k += 1 }
                if k == pattern.count { result.append(i) }
            }
            i += 1
        }
        return result
    }
}
