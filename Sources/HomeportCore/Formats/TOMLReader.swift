// Reads TOML 1.0 (https://toml.io/en/v1.0.0) from bytes into a `TOMLTable` whose keys and values
// keep their byte spans; refuses what the specification refuses, with a line and column.

/// Why bytes are not TOML the reader accepts: the byte offset where it stopped, and its 1-based line
/// and column (columns count Unicode scalars).
public struct TOMLError: Error, Equatable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int
    /// Which error it is (the entry of the message table).
    public var reason: FileMessage
    /// What is wrong, in both languages.
    public var text: LocalizedText
    /// The English message.
    public var message: String { text.english }

    public var description: String { "\(line):\(column): \(message)" }
}

/// A single pass over the bytes; values nest through an explicit stack, never recursion, and nesting
/// is capped. Every loop moves forward and keys are found through a hash per table, so time is linear.
public enum TOMLReader {
    /// Deeper nesting (tables, arrays and inline tables together) is refused: the tree is freed recursively.
    public static let maxDepth = 256

    /// The document's root table. A leading byte order mark is skipped (its span is not part of any value).
    public static func parse(_ bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        try parseDocument(bytes).table!
    }

    /// The root as a value spanning the whole file.
    public static func parseDocument(_ bytes: [UInt8]) throws(TOMLError) -> TOMLValue {
        // TOML is UTF-8 (spec: "A TOML file must be a valid UTF-8 encoded Unicode document").
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            throw TOMLError.at(bad, in: bytes, .tomlInvalidUTF8)
        }
        var reader = Reader(bytes: bytes)
        do {
            return try reader.document()
        } catch let failure as Failure {
            throw TOMLError.at(failure.offset, in: bytes, failure.message, failure.values, localized: failure.localized)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }
}

extension TOMLError {
    static func at(_ offset: Int, in bytes: [UInt8], _ message: FileMessage, _ values: [String: String] = [:],
                   localized: [String: LocalizedText] = [:]) -> TOMLError {
        var line = 1
        var column = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) && offset >= 3 ? 3 : 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == 0x0A { line += 1; column = 1 }
            else if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return TOMLError(offset: offset, line: line, column: column, reason: message,
                         text: message.filled(values, localized: localized))
    }
}

/// An error inside the reader, placed by offset; `TOMLReader` turns it into a `TOMLError`.
private struct Failure: Error {
    var offset: Int
    var message: FileMessage
    var values: [String: String] = [:]
    var localized: [String: LocalizedText] = [:]
}

/// A table while the document is read: what defined it decides what may still add to it.
private final class TableBuilder {
    enum Origin {
        /// Named only as a prefix of a header (`a` in `[a.b]`): a header or dotted keys may still define it.
        case implicit
        /// Defined by `[name]` or as an item of `[[name]]`.
        case header
        /// Made by dotted keys (`a.b = 1` makes `a`) in the section `section`: only that section adds to it.
        case dotted(section: Int)
        /// `{…}`: complete when it closes.
        case inline
    }

    var origin: Origin
    let span: Range<Int>
    let depth: Int
    var entries: [(key: TOMLKey, node: Node)] = []
    var index: [String: Int] = [:]

    init(origin: Origin, span: Range<Int>, depth: Int) {
        self.origin = origin
        self.span = span
        self.depth = depth
    }

    func find(_ name: String) -> Node? {
        index[name].map { entries[$0].node }
    }

    func keySpan(_ name: String) -> Range<Int> {
        entries[index[name]!].key.span
    }

    func add(_ key: TOMLKey, _ node: Node) {
        index[key.name] = entries.count
        entries.append((key, node))
    }

    func freeze() -> TOMLTable {
        TOMLTable(entries: entries.map { ($0.key, $0.node.freeze()) })
    }
}

private final class TablesBuilder {
    let span: Range<Int>
    var items: [TableBuilder] = []
    init(span: Range<Int>) { self.span = span }
}

private enum Node {
    /// A value written after `=` (a static array or inline table included): never extended.
    case value(TOMLValue)
    case table(TableBuilder)
    case tables(TablesBuilder)

    func freeze() -> TOMLValue {
        switch self {
        case .value(let value): return value
        case .table(let table): return TOMLValue(kind: .table(table.freeze()), span: table.span)
        case .tables(let tables):
            return TOMLValue(kind: .arrayOfTables(tables.items.map { TOMLValue(kind: .table($0.freeze()), span: $0.span) }),
                             span: tables.span)
        }
    }
}

private enum ASCII8 {
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), lf = UInt8(0x0A), cr = UInt8(0x0D)
    static let hash = UInt8(ascii: "#"), equals = UInt8(ascii: "="), dot = UInt8(ascii: "."), comma = UInt8(ascii: ",")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")

    static func isBareKey(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}

private struct Reader {
    let bytes: [UInt8]
    var pos = 0
    /// Counts sections (the root, then each header), for `Origin.dotted`.
    var section = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
    }

    // MARK: Errors

    func fail(_ message: FileMessage, at offset: Int? = nil, _ values: [String: String] = [:],
              localized: [String: LocalizedText] = [:]) -> Failure {
        Failure(offset: offset ?? pos, message: message, values: values, localized: localized)
    }

    /// What is at `p`, for "expected …, found …" messages.
    func describe(at p: Int) -> LocalizedText {
        guard p < bytes.count else { return FileMessage.endOfFile.text }
        if bytes[p] == ASCII8.lf || (bytes[p] == ASCII8.cr && p + 1 < bytes.count && bytes[p + 1] == ASCII8.lf) {
            return FileMessage.endOfLine.text
        }
        var end = p + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let shown: String
        if bytes[p] < 0x20 || bytes[p] == 0x7F {
            shown = "U+" + String(bytes[p], radix: 16, uppercase: true).leftPadded(to: 4)
        } else {
            shown = "'" + String(decoding: bytes[p..<end], as: UTF8.self) + "'"
        }
        // Chinese sets a quoted Latin character off from the text before it with a space.
        return LocalizedText(en: shown, zh: " " + shown)
    }

    func expected(_ message: FileMessage, at p: Int? = nil) -> Failure {
        let p = p ?? pos
        if p < bytes.count, let control = controlCharacter(at: p) { return control }
        return fail(message, at: p, localized: ["found": describe(at: p)])
    }

    /// The error for a control character at `p` that no rule allows there, or nil.
    func controlCharacter(at p: Int) -> Failure? {
        let c = bytes[p]
        if c == ASCII8.cr {
            if p + 1 < bytes.count, bytes[p + 1] == ASCII8.lf { return nil }
            return fail(.tomlBareCarriageReturn, at: p)
        }
        if (c < 0x20 && c != ASCII8.tab && c != ASCII8.lf) || c == 0x7F {
            return fail(.controlCharacter, at: p, ["code": String(c, radix: 16, uppercase: true).leftPadded(to: 4)])
        }
        return nil
    }

    // MARK: Whitespace, comments, line ends

    var atEnd: Bool { pos >= bytes.count }
    var peek: UInt8 { pos < bytes.count ? bytes[pos] : 0 }

    mutating func skipBlanks() {
        while pos < bytes.count, bytes[pos] == ASCII8.space || bytes[pos] == ASCII8.tab { pos += 1 }
    }

    /// At a line end (LF or CRLF): its length, else 0.
    func newline(at p: Int) -> Int {
        guard p < bytes.count else { return 0 }
        if bytes[p] == ASCII8.lf { return 1 }
        if bytes[p] == ASCII8.cr, p + 1 < bytes.count, bytes[p + 1] == ASCII8.lf { return 2 }
        return 0
    }

    /// A comment up to (not including) its line end; control characters other than tab are refused.
    mutating func skipComment() throws {
        guard peek == ASCII8.hash else { return }
        while pos < bytes.count, newline(at: pos) == 0 {
            if bytes[pos] < 0x20 || bytes[pos] == 0x7F, bytes[pos] != ASCII8.tab, let failure = controlCharacter(at: pos) {
                throw failure
            }
            pos += 1
        }
    }

    /// After a statement: blanks, a comment, then a line end or the end of the file.
    mutating func endOfStatement() throws {
        skipBlanks()
        try skipComment()
        if atEnd { return }
        let n = newline(at: pos)
        guard n > 0 else { throw expected(.tomlTextAfterStatement) }
        pos += n
    }

    /// Inside an array: blanks, line ends and comments.
    mutating func skipArraySpace() throws {
        while true {
            skipBlanks()
            try skipComment()
            let n = newline(at: pos)
            if n == 0 { return }
            pos += n
        }
    }

    // MARK: The document

    mutating func document() throws -> TOMLValue {
        let root = TableBuilder(origin: .header, span: 0..<bytes.count, depth: 0)
        var current = root
        while true {
            skipBlanks()
            if atEnd { break }
            let n = newline(at: pos)
            if n > 0 { pos += n; continue }
            switch bytes[pos] {
            case ASCII8.hash:
                try endOfStatement()
            case ASCII8.openBracket:
                section += 1
                current = try header(root: root)
                try endOfStatement()
            default:
                try keyValue(in: current)
                try endOfStatement()
            }
        }
        return TOMLValue(kind: .table(root.freeze()), span: 0..<bytes.count)
    }

    // MARK: Keys

    /// A dotted key: parts separated by `.`, blanks allowed around the dots.
    mutating func key() throws -> [TOMLKey] {
        var parts: [TOMLKey] = []
        while true {
            skipBlanks()
            parts.append(try simpleKey())
            skipBlanks()
            guard peek == ASCII8.dot else { return parts }
            pos += 1
        }
    }

    mutating func simpleKey() throws -> TOMLKey {
        let start = pos
        switch peek {
        case ASCII8.quote, ASCII8.apostrophe:
            if bytes[pos...].starts(with: [peek, peek, peek]) { throw fail(.tomlMultilineKey) }
            let (text, _) = try string()
            return TOMLKey(name: text, span: start..<pos)
        default:
            while pos < bytes.count, ASCII8.isBareKey(bytes[pos]) { pos += 1 }
            guard pos > start else { throw expected(.tomlExpectedKey) }
            return TOMLKey(name: String(decoding: bytes[start..<pos], as: UTF8.self), span: start..<pos)
        }
    }

    /// The key path as it reads in a message: bare parts as they are, others quoted.
    static func display(_ keys: some Sequence<TOMLKey>) -> String {
        keys.map { key in
            if !key.name.isEmpty, key.name.utf8.allSatisfy(ASCII8.isBareKey) { return key.name }
            var quoted = "\""
            for scalar in key.name.unicodeScalars {
                switch scalar {
                case "\"": quoted += "\\\""
                case "\\": quoted += "\\\\"
                default:
                    quoted += scalar.value < 0x20 || scalar.value == 0x7F
                        ? "\\u" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) : String(scalar)
                }
            }
            return quoted + "\""
        }.joined(separator: ".")
    }

    func line(of offset: Int) -> String {
        String(TOMLError.at(offset, in: bytes, .tomlInvalidUTF8).line)
    }

    // MARK: Tables

    /// `[a.b]` or `[[a.b]]`: the table that the following key/value pairs go into.
    mutating func header(root: TableBuilder) throws -> TableBuilder {
        let start = pos
        let isArray = bytes[pos...].starts(with: [ASCII8.openBracket, ASCII8.openBracket])
        pos += isArray ? 2 : 1
        let keys = try key()
        if isArray {
            guard bytes[pos...].starts(with: [ASCII8.closeBracket, ASCII8.closeBracket]) else {
                throw expected(.tomlUnclosedArrayHeader)
            }
            pos += 2
        } else {
            guard peek == ASCII8.closeBracket else { throw expected(.tomlUnclosedHeader) }
            pos += 1
        }
        let span = start..<pos
        var table = root
        for (index, key) in keys.dropLast().enumerated() {
            table = try descend(table, key, path: keys[...index], span: span)
        }
        let last = keys[keys.count - 1]
        let path = Reader.display(keys)
        switch table.find(last.name) {
        case nil:
            let depth = table.depth + (isArray ? 2 : 1)
            guard depth <= TOMLReader.maxDepth else { throw nestingTooDeep(at: start) }
            let new = TableBuilder(origin: .header, span: span, depth: depth)
            if isArray {
                let tables = TablesBuilder(span: span)
                tables.items.append(new)
                table.add(last, .tables(tables))
            } else {
                table.add(last, .table(new))
            }
            return new
        case .table(let existing)?:
            if !isArray, case .implicit = existing.origin {
                existing.origin = .header
                return existing
            }
            let first = line(of: existing.span.lowerBound)  // only on the way to an error: it counts lines
            if isArray { throw fail(.tomlNotArrayOfTables, at: start, ["key": path, "first": first]) }
            if case .inline = existing.origin { throw fail(.tomlNotTable, at: start, ["key": path, "first": first]) }
            throw fail(.tomlTableRedefined, at: start, ["key": path, "first": first])
        case .tables(let tables)?:
            guard isArray else {
                throw fail(.tomlTableRedefined, at: start, ["key": path, "first": line(of: tables.span.lowerBound)])
            }
            let new = TableBuilder(origin: .header, span: span, depth: table.depth + 2)
            tables.items.append(new)
            return new
        case .value(let value)?:
            let first = line(of: table.keySpan(last.name).lowerBound)
            if isArray, case .array = value.kind {
                throw fail(.tomlNotArrayOfTables, at: start, ["key": path, "first": first])
            }
            throw fail(.tomlNotTable, at: start, ["key": path, "first": first])
        }
    }

    func nestingTooDeep(at offset: Int) -> Failure {
        fail(.nestingTooDeep, at: offset, ["limit": String(TOMLReader.maxDepth)])
    }

    /// One step along a header's key: into a table (made implicitly when missing) or the last table of an
    /// array of tables. Values, inline tables and static arrays cannot be entered.
    func descend(_ table: TableBuilder, _ key: TOMLKey, path: ArraySlice<TOMLKey>, span: Range<Int>) throws -> TableBuilder {
        switch table.find(key.name) {
        case nil:
            guard table.depth + 1 <= TOMLReader.maxDepth else { throw nestingTooDeep(at: span.lowerBound) }
            let new = TableBuilder(origin: .implicit, span: key.span, depth: table.depth + 1)
            table.add(key, .table(new))
            return new
        case .table(let next)?:
            if case .inline = next.origin {
                throw fail(.tomlNotTable, at: span.lowerBound, ["key": Reader.display(path), "first": line(of: next.span.lowerBound)])
            }
            return next
        case .tables(let tables)?:
            return tables.items[tables.items.count - 1]
        case .value?:
            throw fail(.tomlNotTable, at: span.lowerBound,
                       ["key": Reader.display(path), "first": line(of: table.keySpan(key.name).lowerBound)])
        }
    }

    // MARK: Key/value pairs

    mutating func keyValue(in table: TableBuilder) throws {
        let start = pos
        let keys = try key()
        guard peek == ASCII8.equals else { throw expected(.tomlExpectedEquals) }
        pos += 1
        skipBlanks()
        let parent = try dottedParent(table, keys, at: start)
        try checkFree(parent, keys, at: start)
        let value = try self.value(parentDepth: parent.depth)
        parent.add(keys[keys.count - 1], .value(value))
    }

    /// The table a dotted key's last part goes into, made (as `dotted`) where missing. A dotted key may add
    /// to a table it made itself in this section, or to one only named by headers so far; never to a
    /// table defined by a header, an inline table, a value or an array.
    func dottedParent(_ table: TableBuilder, _ keys: [TOMLKey], at start: Int) throws -> TableBuilder {
        var table = table
        for (index, key) in keys.dropLast().enumerated() {
            // Named in errors only: building it for every part would cost on every line.
            func path() -> String { Reader.display(keys[...index]) }
            switch table.find(key.name) {
            case nil:
                guard table.depth + 1 <= TOMLReader.maxDepth else { throw nestingTooDeep(at: start) }
                let new = TableBuilder(origin: .dotted(section: section), span: key.span, depth: table.depth + 1)
                table.add(key, .table(new))
                table = new
            case .table(let next)?:
                switch next.origin {
                case .implicit:
                    next.origin = .dotted(section: section)
                case .dotted(let made) where made == section:
                    break
                case .inline:
                    throw fail(.tomlNotTable, at: start, ["key": path(), "first": line(of: next.span.lowerBound)])
                default:
                    throw fail(.tomlDottedIntoDefined, at: start, ["key": path(), "first": line(of: next.span.lowerBound)])
                }
                table = next
            case .tables(let tables)?:
                throw fail(.tomlDottedIntoDefined, at: start, ["key": path(), "first": line(of: tables.span.lowerBound)])
            case .value?:
                throw fail(.tomlNotTable, at: start, ["key": path(), "first": line(of: table.keySpan(key.name).lowerBound)])
            }
        }
        return table
    }

    func checkFree(_ parent: TableBuilder, _ keys: [TOMLKey], at start: Int) throws {
        let last = keys[keys.count - 1]
        if parent.find(last.name) != nil {
            throw fail(.tomlDuplicateKey, at: start, ["key": Reader.display(keys), "first": line(of: parent.keySpan(last.name).lowerBound)])
        }
    }

    // MARK: Values

    private enum Frame {
        /// An array; its items so far are the last of `items` (kept apart so appending never copies them).
        case array(start: Int, depth: Int)
        /// An inline table, the last part of the key whose value is being read and the table it goes into.
        case inline(start: Int, table: TableBuilder, key: TOMLKey, parent: TableBuilder)
    }

    /// A value; arrays and inline tables nest on `stack`, not on the call stack.
    mutating func value(parentDepth: Int) throws -> TOMLValue {
        var stack: [Frame] = []
        var items: [[TOMLValue]] = []
        /// The depth of the table or array the next value goes into.
        var depth = parentDepth
        while true {
            var done: TOMLValue?
            let start = pos
            switch peek {
            case ASCII8.openBracket:
                guard depth + 1 <= TOMLReader.maxDepth else { throw nestingTooDeep(at: start) }
                pos += 1
                try skipArraySpace()
                if peek == ASCII8.closeBracket {
                    pos += 1
                    done = TOMLValue(kind: .array([]), span: start..<pos)
                } else {
                    depth += 1
                    stack.append(.array(start: start, depth: depth))
                    items.append([])
                    continue
                }
            case ASCII8.openBrace:
                guard depth + 1 <= TOMLReader.maxDepth else { throw nestingTooDeep(at: start) }
                pos += 1
                skipBlanks()
                let table = TableBuilder(origin: .inline, span: start..<start, depth: depth + 1)
                if peek == ASCII8.closeBrace {
                    pos += 1
                    done = TOMLValue(kind: .table(TOMLTable(entries: [])), span: start..<pos)
                } else {
                    let (key, parent) = try inlineKey(in: table)
                    stack.append(.inline(start: start, table: table, key: key, parent: parent))
                    depth = parent.depth
                    continue
                }
            default:
                done = try scalar()
            }
            // Attach the value to its container; close the containers that end here.
            while let value = done {
                done = nil
                guard let top = stack.last else { return value }
                switch top {
                case .array(let start, let arrayDepth):
                    items[items.count - 1].append(value)
                    try skipArraySpace()
                    if peek == ASCII8.comma {
                        pos += 1
                        try skipArraySpace()
                        if peek != ASCII8.closeBracket {
                            depth = arrayDepth
                            break
                        }
                    }
                    guard peek == ASCII8.closeBracket else { throw expected(.tomlArraySeparator) }
                    pos += 1
                    stack.removeLast()
                    done = TOMLValue(kind: .array(items.removeLast()), span: start..<pos)
                    depth = arrayDepth - 1
                case .inline(let start, let table, let key, let parent):
                    parent.add(key, .value(value))
                    skipBlanks()
                    if peek == ASCII8.comma {
                        pos += 1
                        skipBlanks()
                        if peek == ASCII8.closeBrace { throw fail(.tomlInlineTrailingComma) }
                        let (key, parent) = try inlineKey(in: table)
                        stack[stack.count - 1] = .inline(start: start, table: table, key: key, parent: parent)
                        depth = parent.depth
                        break
                    }
                    guard peek == ASCII8.closeBrace else {
                        if newline(at: pos) > 0 { throw fail(.tomlInlineNewline) }
                        throw expected(.tomlInlineSeparator)
                    }
                    pos += 1
                    stack.removeLast()
                    done = TOMLValue(kind: .table(table.freeze()), span: start..<pos)
                    depth = table.depth - 1
                }
            }
        }
    }

    /// `key =` inside an inline table: the last key part and the table it goes into.
    mutating func inlineKey(in table: TableBuilder) throws -> (TOMLKey, TableBuilder) {
        let start = pos
        if newline(at: pos) > 0 { throw fail(.tomlInlineNewline) }
        let keys = try key()
        guard peek == ASCII8.equals else { throw expected(.tomlExpectedEquals) }
        pos += 1
        skipBlanks()
        let parent = try dottedParent(table, keys, at: start)
        try checkFree(parent, keys, at: start)
        return (keys[keys.count - 1], parent)
    }

    /// A string, number, boolean or date/time.
    mutating func scalar() throws -> TOMLValue {
        let start = pos
        switch peek {
        case ASCII8.quote, ASCII8.apostrophe:
            let (text, style) = try string()
            return TOMLValue(kind: .string(text, style: style), span: start..<pos)
        case UInt8(ascii: "t") where bytes[pos...].starts(with: Array("true".utf8)):
            pos += 4
            return TOMLValue(kind: .boolean(true), span: start..<pos)
        case UInt8(ascii: "f") where bytes[pos...].starts(with: Array("false".utf8)):
            pos += 5
            return TOMLValue(kind: .boolean(false), span: start..<pos)
        default:
            if let kind = try dateTime() { return TOMLValue(kind: kind, span: start..<pos) }
            return TOMLValue(kind: try number(), span: start..<pos)
        }
    }

    // MARK: Strings

    /// A string of any of the four kinds, starting at its opening quote.
    mutating func string() throws -> (String, TOMLValue.StringStyle) {
        let quote = peek
        let isLiteral = quote == ASCII8.apostrophe
        let multiline = bytes[pos...].starts(with: [quote, quote, quote])
        pos += multiline ? 3 : 1
        if multiline {
            // "A newline immediately following the opening delimiter will be trimmed."
            pos += newline(at: pos)
        }
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw fail(.tomlUnterminatedString) }
            let c = bytes[pos]
            if c == quote {
                if !multiline { pos += 1; break }
                if bytes[pos...].starts(with: [quote, quote, quote]) {
                    // Up to two quotes may stand right before the closing delimiter.
                    var run = 3
                    while run < 5, pos + run < bytes.count, bytes[pos + run] == quote { run += 1 }
                    out.append(contentsOf: repeatElement(quote, count: run - 3))
                    pos += run
                    break
                }
                out.append(c)
                pos += 1
                continue
            }
            if c == ASCII8.backslash && !isLiteral {
                try escape(into: &out, multiline: multiline)
                continue
            }
            let n = newline(at: pos)
            if n > 0 {
                guard multiline else { throw fail(.tomlStringNewline) }
                out.append(ASCII8.lf)  // CRLF reads as LF, as in tomllib
                pos += n
                continue
            }
            if c < 0x20 && c != ASCII8.tab || c == 0x7F, let failure = controlCharacter(at: pos) { throw failure }
            out.append(c)
            pos += 1
        }
        let style: TOMLValue.StringStyle = isLiteral ? (multiline ? .multilineLiteral : .literal)
            : (multiline ? .multilineBasic : .basic)
        return (String(decoding: out, as: UTF8.self), style)
    }

    mutating func escape(into out: inout [UInt8], multiline: Bool) throws {
        let start = pos
        pos += 1
        guard pos < bytes.count else { throw fail(.tomlUnterminatedString) }
        let c = bytes[pos]
        pos += 1
        switch c {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case ASCII8.quote, ASCII8.backslash: out.append(c)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "u") ? 4 : 8
            let escape = String(Unicode.Scalar(c))
            guard pos + count <= bytes.count, bytes[pos..<pos + count].allSatisfy(ASCII.isHexDigit),
                  let code = UInt32(String(decoding: bytes[pos..<pos + count], as: UTF8.self), radix: 16) else {
                throw fail(.hexDigits, at: start, ["count": String(count), "escape": escape])
            }
            guard let scalar = Unicode.Scalar(code) else {
                throw fail(.escapeNotCharacter, at: start, ["escape": String(decoding: bytes[start..<pos + count], as: UTF8.self)])
            }
            pos += count
            out.append(contentsOf: String(scalar).utf8)
        case ASCII8.space, ASCII8.tab, ASCII8.lf, ASCII8.cr:
            guard multiline else {
                pos -= 1
                if c == ASCII8.lf || c == ASCII8.cr { throw fail(.tomlStringNewline) }
                throw fail(.unknownEscape, at: start, ["escape": String(Unicode.Scalar(c))])
            }
            // A line-ending backslash: blanks may follow it on its line; then every blank and line end goes.
            pos -= 1
            skipBlanks()
            guard newline(at: pos) > 0 else { throw fail(.tomlBackslashNotAtLineEnd, at: start) }
            while true {
                skipBlanks()
                let n = newline(at: pos)
                if n == 0 { break }
                pos += n
            }
        default:
            pos -= 1
            if let control = controlCharacter(at: pos) { throw control }
            let end = min(bytes.count, pos + (newline(at: pos) > 0 ? 0 : sequenceLength(at: pos)))
            throw fail(.unknownEscape, at: start, ["escape": String(decoding: bytes[pos..<end], as: UTF8.self)])
        }
    }

    func sequenceLength(at p: Int) -> Int {
        var end = p + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end - p
    }

    // MARK: Numbers

    /// Integers (decimal, `0x`, `0o`, `0b`, underscores between digits) and floats (fraction and/or
    /// exponent, `inf`, `nan`, with signs where allowed).
    mutating func number() throws -> TOMLValue.Kind {
        let start = pos
        while pos < bytes.count, ASCII8.isBareKey(bytes[pos]) || bytes[pos] == UInt8(ascii: "+") || bytes[pos] == ASCII8.dot {
            pos += 1
        }
        let token = Array(bytes[start..<pos])
        guard !token.isEmpty else { throw expected(.expectedValue) }
        let text = String(decoding: token, as: UTF8.self)
        let invalid = fail(.tomlInvalidNumber, at: start, ["text": text])
        var body = token[...]
        var sign: UInt8?
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first
            body = body.dropFirst()
        }
        switch String(decoding: body, as: UTF8.self) {
        case "inf": return .float(sign == UInt8(ascii: "-") ? -.infinity : .infinity)
        case "nan": return .float(sign == UInt8(ascii: "-") ? -.nan : .nan)
        default: break
        }
        // Digits with single underscores between them; returns them without underscores, or nil.
        func digits(_ part: ArraySlice<UInt8>, _ isDigit: (UInt8) -> Bool) -> [UInt8]? {
            var out: [UInt8] = []
            var previousDigit = false
            for c in part {
                if c == UInt8(ascii: "_") {
                    guard previousDigit else { return nil }
                    previousDigit = false
                } else {
                    guard isDigit(c) else { return nil }
                    out.append(c)
                    previousDigit = true
                }
            }
            return previousDigit ? out : nil
        }
        if body.count > 2, body.first == UInt8(ascii: "0"), sign == nil {
            let radix: Int?
            let isDigit: (UInt8) -> Bool
            switch body[body.startIndex + 1] {
            case UInt8(ascii: "x"): radix = 16; isDigit = ASCII.isHexDigit
            case UInt8(ascii: "o"): radix = 8; isDigit = { $0 >= 0x30 && $0 <= 0x37 }
            case UInt8(ascii: "b"): radix = 2; isDigit = { $0 == 0x30 || $0 == 0x31 }
            default: radix = nil; isDigit = ASCII8.isDigit
            }
            if let radix {
                guard let clean = digits(body.dropFirst(2), isDigit) else { throw invalid }
                guard let value = Int64(String(decoding: clean, as: UTF8.self), radix: radix) else {
                    throw fail(.tomlIntegerRange, at: start, ["text": text])
                }
                return .integer(value)
            }
        }
        // Decimal: integer part, then an optional fraction and exponent.
        let exponentAt = body.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        let mantissa = body[..<(exponentAt ?? body.endIndex)]
        let pointAt = mantissa.firstIndex(of: ASCII8.dot)
        guard let integer = digits(mantissa[..<(pointAt ?? mantissa.endIndex)], ASCII8.isDigit) else { throw invalid }
        if integer.count > 1 && integer[0] == UInt8(ascii: "0") { throw fail(.tomlLeadingZero, at: start, ["text": text]) }
        var clean = (sign.map { [$0] } ?? []) + integer
        if let pointAt {
            guard let fraction = digits(mantissa[(pointAt + 1)...], ASCII8.isDigit) else { throw invalid }
            clean += [ASCII8.dot] + fraction
        }
        if let exponentAt {
            var exponent = body[(exponentAt + 1)...]
            var exponentSign: [UInt8] = []
            if let first = exponent.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                exponentSign = [first]
                exponent = exponent.dropFirst()
            }
            guard let digits = digits(exponent, ASCII8.isDigit) else { throw invalid }
            clean += [UInt8(ascii: "e")] + exponentSign + digits
        }
        let cleanText = String(decoding: clean, as: UTF8.self)
        if pointAt == nil && exponentAt == nil {
            guard let value = Int64(cleanText) else { throw fail(.tomlIntegerRange, at: start, ["text": text]) }
            return .integer(value)
        }
        guard let value = Double(cleanText) else { throw invalid }
        return .float(value)
    }

    // MARK: Dates and times (RFC 3339 as TOML 1.0 takes it)

    /// Reads `n` digits at `p` as a number, or nil.
    func digits(at p: Int, _ n: Int) -> Int? {
        guard p + n <= bytes.count else { return nil }
        var value = 0
        for i in p..<p + n {
            guard ASCII8.isDigit(bytes[i]) else { return nil }
            value = value * 10 + Int(bytes[i] - 0x30)
        }
        return value
    }

    /// A date, time, local date-time or offset date-time at `pos`; nil when the text there does not
    /// begin like one (`dddd-` or `dd:`), so it is read as a number.
    mutating func dateTime() throws -> TOMLValue.Kind? {
        let start = pos
        if digits(at: pos, 4) != nil, pos + 4 < bytes.count, bytes[pos + 4] == UInt8(ascii: "-") {
            guard let year = digits(at: pos, 4), bytes[pos + 4] == UInt8(ascii: "-"), let month = digits(at: pos + 5, 2),
                  pos + 7 < bytes.count, bytes[pos + 7] == UInt8(ascii: "-"), let day = digits(at: pos + 8, 2) else {
                throw fail(.tomlInvalidDateTime, at: start, ["text": token(from: start)])
            }
            guard (1...12).contains(month), day >= 1, day <= Reader.days(inMonth: month, year: year) else {
                throw fail(.tomlInvalidDateTime, at: start, ["text": token(from: start)])
            }
            let date = TOMLDate(year: year, month: month, day: day)
            pos += 10
            guard pos < bytes.count else { return .localDate(date) }
            let separator = bytes[pos]
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == ASCII8.space else {
                return .localDate(date)
            }
            let afterDate = pos
            pos += 1
            guard let time = time() else {
                if separator == ASCII8.space { pos = afterDate; return .localDate(date) }
                throw fail(.tomlInvalidDateTime, at: start, ["text": token(from: start)])
            }
            if peek == UInt8(ascii: "Z") || peek == UInt8(ascii: "z") {
                pos += 1
                return .offsetDateTime(date, time, offsetMinutes: 0)
            }
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") {
                let negative = peek == UInt8(ascii: "-")
                guard let hours = digits(at: pos + 1, 2), pos + 3 < bytes.count, bytes[pos + 3] == UInt8(ascii: ":"),
                      let minutes = digits(at: pos + 4, 2), hours <= 23, minutes <= 59 else {
                    throw fail(.tomlInvalidDateTime, at: start, ["text": token(from: start)])
                }
                pos += 6
                let offset = hours * 60 + minutes
                return .offsetDateTime(date, time, offsetMinutes: negative ? -offset : offset)
            }
            return .localDateTime(date, time)
        }
        if digits(at: pos, 2) != nil, pos + 2 < bytes.count, bytes[pos + 2] == UInt8(ascii: ":") {
            guard let time = time() else { throw fail(.tomlInvalidDateTime, at: start, ["text": token(from: start)]) }
            return .localTime(time)
        }
        return nil
    }

    /// `hh:mm:ss` and an optional fraction, or nil (and `pos` unmoved).
    mutating func time() -> TOMLTime? {
        guard let hour = digits(at: pos, 2), pos + 2 < bytes.count, bytes[pos + 2] == UInt8(ascii: ":"),
              let minute = digits(at: pos + 3, 2), pos + 5 < bytes.count, bytes[pos + 5] == UInt8(ascii: ":"),
              let second = digits(at: pos + 6, 2), hour <= 23, minute <= 59, second <= 59 else { return nil }
        var p = pos + 8
        var nanosecond = 0
        if p + 1 < bytes.count, bytes[p] == ASCII8.dot, ASCII8.isDigit(bytes[p + 1]) {
            p += 1
            var scale = 100_000_000
            while p < bytes.count, ASCII8.isDigit(bytes[p]) {
                nanosecond += Int(bytes[p] - 0x30) * scale
                scale /= 10
                p += 1
            }
        }
        pos = p
        return TOMLTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The text from `start` to the next blank, comma, bracket or line end, for a message.
    func token(from start: Int) -> String {
        var end = start
        while end < bytes.count, end - start < 40, ![ASCII8.space, ASCII8.tab, ASCII8.lf, ASCII8.cr, ASCII8.comma,
                                                     ASCII8.closeBracket, ASCII8.closeBrace, ASCII8.hash].contains(bytes[end]) {
            end += 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
