// A small JSON parser into `JSONValue` that keeps key order, for merging SARIF files byte-stably.

public struct JSONParseError: BilingualError {
    public var offset: Int
    /// What is wrong, in both languages.
    public var text: LocalizedText
    /// The English message.
    public var message: String { text.english }

    init(offset: Int, _ message: FileMessage, _ values: [String: String] = [:]) {
        self.offset = offset
        self.text = message.filled(values)
    }

    public func description(in language: MessageLanguage) -> String {
        FileMessage.invalidJSON.format(language, ["offset": String(offset), "message": text.text(in: language)])
    }
}

public enum JSONParser {
    /// Deeper nesting is rejected: SARIF needs a few levels, and `JSONValue` is freed recursively.
    public static let maxDepth = 256

    /// Iterative, and nesting is capped, so hostile input cannot exhaust the stack. Integers that fit
    /// an `Int` are `.int`; numbers with a fraction or exponent (or too large) are `.double`.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        // RFC 8259 §8.1: JSON text is UTF-8; text decoded with replacement characters would be a different value.
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            throw JSONParseError(offset: bad, .jsonInvalidUTF8)
        }
        var parser = Parser(bytes: bytes)
        return try parser.document()
    }

    /// Parses as `parse` does, and gives where each string *value* (not an object key) is written:
    /// from its opening quote to just past its closing quote, in document order (the order a walk of
    /// the value visits strings, object members in order).
    public static func parseWithStringSpans(_ bytes: [UInt8]) throws -> (value: JSONValue, stringSpans: [Span]) {
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            throw JSONParseError(offset: bad, .jsonInvalidUTF8)
        }
        var parser = Parser(bytes: bytes)
        parser.stringSpans = []
        let value = try parser.document()
        return (value, parser.stringSpans ?? [])
    }

    private enum Frame {
        case array([JSONValue])
        case object([(String, JSONValue)], key: String?)
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        /// Where string values stand, when the caller asked (`parseWithStringSpans`).
        var stringSpans: [Span]?

        func fail(_ message: FileMessage, _ values: [String: String] = [:]) -> JSONParseError {
            JSONParseError(offset: i, message, values)
        }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { throw fail(.jsonExpected, ["character": String(Character(Unicode.Scalar(byte)))]) }
            i += 1
        }

        mutating func document() throws -> JSONValue {
            var stack: [Frame] = []
            var finished: JSONValue?
            while true {
                var value: JSONValue?
                skipSpace()
                // Inside an object awaiting a key?
                if case .object(let members, nil)? = stack.last {
                    guard i < bytes.count else { throw fail(.jsonUnexpectedEnd) }
                    if bytes[i] == UInt8(ascii: "}") && members.isEmpty {
                        i += 1
                        stack.removeLast()
                        value = .object(members)
                    } else {
                        let key = try string()
                        try expect(UInt8(ascii: ":"))
                        stack[stack.count - 1] = .object(members, key: key)
                        continue
                    }
                } else if case .array(let items)? = stack.last, items.isEmpty, i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    stack.removeLast()
                    value = .array([])
                } else {
                    guard i < bytes.count else { throw fail(.jsonUnexpectedEnd) }
                    switch bytes[i] {
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        guard stack.count < JSONParser.maxDepth else { throw fail(.jsonTooDeep, ["limit": String(JSONParser.maxDepth)]) }
                        stack.append(bytes[i] == UInt8(ascii: "{") ? .object([], key: nil) : .array([]))
                        i += 1
                        continue
                    case UInt8(ascii: "\""):
                        let start = i
                        value = .string(try string())
                        stringSpans?.append(Span(start: start, end: i))
                    case UInt8(ascii: "t"): try literal("true"); value = .bool(true)
                    case UInt8(ascii: "f"): try literal("false"); value = .bool(false)
                    case UInt8(ascii: "n"): try literal("null"); value = .null
                    default: value = try number()
                    }
                }
                // Attach the value to its container; close containers that end here.
                while let current = value {
                    value = nil
                    guard let top = stack.popLast() else { finished = current; break }
                    skipSpace()
                    guard i < bytes.count else { throw fail(.jsonUnexpectedEnd) }
                    switch top {
                    case .array(var items):
                        items.append(current)
                        if bytes[i] == UInt8(ascii: ",") { i += 1; stack.append(.array(items)) }
                        else if bytes[i] == UInt8(ascii: "]") { i += 1; value = .array(items) }
                        else { throw fail(.jsonArraySeparator) }
                    case .object(var members, let key):
                        members.append((key ?? "", current))
                        if bytes[i] == UInt8(ascii: ",") { i += 1; stack.append(.object(members, key: nil)) }
                        else if bytes[i] == UInt8(ascii: "}") { i += 1; value = .object(members) }
                        else { throw fail(.jsonObjectSeparator) }
                    }
                }
                if let finished {
                    skipSpace()
                    guard i == bytes.count else { throw fail(.jsonTrailing) }
                    return finished
                }
            }
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard bytes[i...].starts(with: expected) else { throw fail(.jsonUnknownLiteral) }
            i += expected.count
        }

        /// A number as JSON's grammar spells it (RFC 8259 §6).
        mutating func number() throws -> JSONValue {
            let start = i
            func digits() -> Bool {
                let first = i
                while i < bytes.count, ASCII.isDigit(bytes[i]) { i += 1 }
                return i > first
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            let integerStart = i
            guard digits() else { i = start; throw fail(.jsonExpectedValue) }
            if bytes[integerStart] == UInt8(ascii: "0"), i - integerStart > 1 { i = integerStart; throw fail(.jsonLeadingZero) }
            var isInteger = true
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                isInteger = false
                guard digits() else { throw fail(.jsonDigitAfterPoint) }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                isInteger = false
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() else { throw fail(.jsonDigitInExponent) }
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if isInteger, let integer = Int(text) { return .int(integer) }
            guard let double = Double(text) else { i = start; throw fail(.jsonExpectedValue) }
            return .double(double)
        }

        mutating func string() throws -> String {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail(.jsonExpectedString) }
            i += 1
            var out: [UInt8] = []
            while true {
                guard i < bytes.count else { throw fail(.jsonUnterminatedString) }
                let byte = bytes[i]
                i += 1
                if byte == UInt8(ascii: "\"") { break }
                guard byte >= 0x20 else { i -= 1; throw fail(.jsonControlCharacter) }
                guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
                guard i < bytes.count else { throw fail(.jsonUnterminatedEscape) }
                let escape = bytes[i]
                i += 1
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), bytes[i...].starts(with: Array("\\u".utf8)) {
                        let highEnd = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = highEnd  // a lone high surrogate: U+FFFD, and the next escape stands alone
                        }
                    }
                    out.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                default: i -= 2; throw fail(.jsonUnknownEscape)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        mutating func hex4() throws -> UInt32 {
            // Four hex digits exactly: `UInt32(_:radix:)` alone would take a sign.
            guard i + 4 <= bytes.count, bytes[i..<i + 4].allSatisfy(ASCII.isHexDigit),
                  let value = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
                throw fail(.jsonBadUnicodeEscape)
            }
            i += 4
            return value
        }
    }
}
