// A JSON value with ordered keys and a deterministic serializer, for byte-identical reports.

public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    /// A number with a fraction or exponent (clients' JSON may hold them; Homeport writes none).
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Keys keep the order given: reports choose a readable, stable order.
    case object([(String, JSONValue)])
    /// An array whose items are made one at a time while it is written, so a report of many
    /// findings never holds all of their trees at once (240,000 findings: 3.3 GB of SARIF tree).
    /// Written exactly as `.array` of the same items; reports only, never the parser's output.
    case generated(count: Int, item: @Sendable (Int) -> JSONValue)

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// Pretty-printed with two-space indentation and a final newline.
    public func serialized() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// On one line, without spaces: for protocols (the language server's messages).
    public func compactBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out, indent: nil)
        return out
    }

    /// Appends the value as `serialized` writes it `indent` levels deep, without the final newline:
    /// for documents written partly from pieces made elsewhere (a report's findings, made by the
    /// workers that scanned their files).
    public func appendPretty(to out: inout [UInt8], indent: Int) {
        write(to: &out, indent: indent)
    }

    /// Appends the value as `compactBytes` writes it: for messages written partly straight to bytes.
    public func appendCompact(to out: inout [UInt8]) {
        write(to: &out, indent: nil)
    }

    /// Starts a new line at `indent` levels; nothing when writing compactly (`indent` nil).
    private static func newline(_ out: inout [UInt8], indent: Int?) {
        guard let indent else { return }
        out.append(0x0A)
        for _ in 0..<(indent * 2) { out.append(0x20) }
    }

    private func write(to out: inout [UInt8], indent: Int?) {
        let inner = indent.map { $0 + 1 }
        switch self {
        case .string(let text): JSONValue.writeString(text, to: &out)
        case .int(let number): JSONValue.writeInt(number, to: &out)
        case .double(let number):
            // JSON has no NaN or infinity.
            out.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            JSONValue.writeArray(count: items.count, item: { items[$0] }, to: &out, indent: indent)
        case .generated(let count, let item):
            JSONValue.writeArray(count: count, item: item, to: &out, indent: indent)
        case .object(let members):
            guard !members.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for index in members.indices {
                JSONValue.newline(&out, indent: inner)
                JSONValue.writeString(members[index].0, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                members[index].1.write(to: &out, indent: inner)
                if index + 1 < members.count { out.append(UInt8(ascii: ",")) }
            }
            JSONValue.newline(&out, indent: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeArray(count: Int, item: (Int) -> JSONValue, to out: inout [UInt8], indent: Int?) {
        guard count > 0 else { out.append(contentsOf: "[]".utf8); return }
        let inner = indent.map { $0 + 1 }
        out.append(UInt8(ascii: "["))
        for index in 0..<count {
            JSONValue.newline(&out, indent: inner)
            item(index).write(to: &out, indent: inner)
            if index + 1 < count { out.append(UInt8(ascii: ",")) }
        }
        JSONValue.newline(&out, indent: indent)
        out.append(UInt8(ascii: "]"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Escapes quotes, backslashes and control characters; other UTF-8 is copied as is, in runs
    /// between the bytes that need escaping (most strings have none: one copy). Public for writers
    /// that emit JSON without building a tree: their strings come out as a tree's would.
    public static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        writeStringContents(text, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// `writeString` without the quotes: a string written in pieces (`writeStringContents(a)`,
    /// then `b`) comes out as `writeString(a + b)` does, without making `a + b`.
    public static func writeStringContents(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time past those that need no escaping (most of every string).
                if index + 8 <= bytes.count,
                   !needsEscape(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    writeEscape(byte, to: &out)
                    runStart = index + 1
                }
                index += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// Whether any of eight bytes is below 0x20, a quote, a backslash or 0x7F (an over-approximation
    /// is fine: the caller then looks byte by byte). Bytes of 0x80 and above never count.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below `n` (for n ≤ 0x80) sets its high bit in `(x - n) & ~x`; equality is "below 1" of x ^ c.
        func below(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &- ones &* n) & ~x & highs }
        return below(word, 0x20) | below(word ^ (ones &* 0x22), 1) | below(word ^ (ones &* 0x5C), 1)
            | below(word ^ (ones &* 0x7F), 1) != 0
    }

    /// An integer's decimal digits, as `String(number)` writes them.
    public static func writeInt(_ number: Int, to out: inout [UInt8]) {
        if number < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = number.magnitude
        // The digits from the most significant, appended one by one: a line or column number has a
        // few, and building them in a buffer cost more than writing them.
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        var rest = magnitude
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// The escape sequence of a byte JSON strings cannot hold as is.
    private static func writeEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            out.append(contentsOf: "u00".utf8)
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
    }
}

extension JSONValue {
    /// The member named `key` of an object (the first, if repeated); nil for other values.
    public func member(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.value(key)
    }

    public func element(_ index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var intValue: Int? {
        if case .int(let number) = self { return number }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension Array where Element == (String, JSONValue) {
    public func value(_ key: String) -> JSONValue? { first { $0.0 == key }?.1 }

    /// Replaces the member's value in place, or appends it.
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let index = firstIndex(where: { $0.0 == key }) { self[index].1 = value } else { append((key, value)) }
    }
}
