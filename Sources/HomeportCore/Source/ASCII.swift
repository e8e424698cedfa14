// Byte tests and searches on UTF-8 text, shared by the frontends, the matchers and the YAML and JSON readers.

enum ASCII {
    /// UTF-8 of `StringLiteralFact.interpolationPlaceholder`.
    static let placeholder = Array(String(StringLiteralFact.interpolationPlaceholder).utf8)

    /// Text for users: each interpolation placeholder shown as `{…}`.
    static func showingPlaceholders(_ text: String) -> String {
        text.contains(StringLiteralFact.interpolationPlaceholder)
            ? text.replacing(String(StringLiteralFact.interpolationPlaceholder), with: "{…}")
            : text
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66)
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
        guard b > 0x20 && b < 0x7F else { return false }
        return !"\"'<>{}\\|^`".utf8.contains(b)
    }

    @inline(__always) static func isModelCharacter(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }

    @inline(__always) static func isUpperIdentifierCharacter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || isDigit(b) || b == UInt8(ascii: "_")
    }

    /// Whether `text` contains `needle`, without copying either (native strings are UTF-8 already).
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
