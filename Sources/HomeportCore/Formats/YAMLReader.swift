// Reads the YAML that configuration and rule files use into a tree of text scalars with positions:
// block and flow collections, every scalar style, anchors and aliases; one document per file.

/// A node of a YAML document. Every scalar is text; `YAMLMap`'s typed accessors convert.
/// `line` and `column` are 1-based and point at the node's first character, its anchor or tag when it
/// has one (an alias's copy points at the alias). Columns count Unicode scalars, as libyaml's marks did.
public struct YAMLNode: Sendable {
    public enum ScalarStyle: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public enum Kind: Sendable {
        case scalar(String, style: ScalarStyle)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    public var kind: Kind
    public var line: Int
    public var column: Int

    /// A null: an empty value (`key:` with nothing after it) or a plain `null`, `Null`, `NULL` or `~`.
    public var isNull: Bool {
        guard case .scalar(let text, style: .plain) = kind else { return false }
        return text.isEmpty || text == "null" || text == "Null" || text == "NULL" || text == "~"
    }

    /// The text of a scalar.
    public var text: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    public var style: ScalarStyle? {
        if case .scalar(_, let style) = kind { return style }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var entries: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    /// The value of a mapping's entry whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key.text == key }?.value
    }
}

/// Why a text is not YAML the reader accepts, at the 1-based line and column where it stopped.
struct YAMLError: Error, Equatable, CustomStringConvertible {
    var line: Int
    var column: Int
    /// What is wrong, in both languages.
    var text: LocalizedText
    /// The English message.
    var message: String { text.english }

    var description: String { "\(line):\(column): \(message)" }
}

/// A recursive-descent reader over UTF-8 bytes. It recurses once per level of nesting, which is
/// capped, and is linear in the input otherwise: every loop moves forward, and columns are counted
/// incrementally along a line.
struct YAMLReader {
    /// Deeper nesting is rejected: the reader recurses per level and nodes are freed recursively.
    static let maxDepth = 256
    /// Aliases copy their anchored node; this caps what a few bytes of aliases can expand to.
    static let maxAliasedNodes = 1_000_000

    /// The document in `text`, or nil when there is none (only blank lines, comments, `...`).
    static func parse(_ text: String) throws(YAMLError) -> YAMLNode? {
        var reader = try YAMLReader(text)
        return try reader.stream()
    }

    /// How many bytes reading `text` looked at (a byte looked at twice counts twice), whether or not
    /// it is valid: the work a test compares across input sizes to show the reader is linear.
    static func bytesRead(parsing text: String) -> Int {
        guard var reader = try? YAMLReader(text) else { return 0 }
        _ = try? reader.stream()
        return reader.bytes.reads.count
    }

    /// The normalized text, counting the bytes read: each read is one step of the reader's work.
    struct CountedBytes {
        final class Counter { var count = 0 }
        private let storage: [UInt8]
        let reads = Counter()
        init(_ storage: [UInt8]) { self.storage = storage }
        var count: Int { storage.count }
        subscript(index: Int) -> UInt8 {
            reads.count += 1
            return storage[index]
        }
        subscript(range: Range<Int>) -> ArraySlice<UInt8> {
            reads.count += range.count
            return storage[range]
        }
        subscript(range: ClosedRange<Int>) -> ArraySlice<UInt8> {
            reads.count += range.count
            return storage[range]
        }
    }

    struct Mark {
        var line: Int
        var column: Int
    }

    /// An anchor or tag before a node, and what is needed to record the anchored node when it ends.
    struct Properties {
        var start: Mark
        var anchor: String?
        var hasTag = false
        var nodeCountAtStart: Int
        var deepestOutside: Int
    }

    struct Anchor {
        var node: YAMLNode
        /// Nodes in the subtree, aliases expanded.
        var size: Int
        /// Levels of collections in the subtree.
        var height: Int
    }

    /// Where a block node sits: it decides what may follow on the same line.
    enum Context { case document, mappingValue, sequenceEntry }

    enum LineKind {
        case end
        case documentMarker
        case content(indent: Int)
    }

    /// The start of a node that fits on one line, or begins there: a plain scalar's first line is kept
    /// as a range until it is known whether it is a key or continues on the lines below.
    enum LineNode {
        case node(YAMLNode, multiline: Bool)
        case plain(Range<Int>, Mark)
    }

    /// The text with LF line ends and no byte order mark, followed by a 0 (never in valid input).
    let bytes: CountedBytes
    var pos = 0
    var line = 1
    var lineStart = 0
    var columnCache = (lineStart: 0, pos: 0, column: 1)
    var depth = 0
    /// The deepest level reached since the innermost pending anchor began (see `Properties`).
    var deepest = 0
    var nodeCount = 0
    var aliasedNodes = 0
    var anchors: [String: Anchor] = [:]
    /// The innermost open flow collection, for the error when it is not closed.
    var openFlow: (mark: Mark, isSequence: Bool)?

    init(_ text: String) throws(YAMLError) {
        var text = text
        var normalized: [UInt8] = []
        let failure: YAMLError? = text.withUTF8 { input in
            normalized.reserveCapacity(input.count + 1)
            var i = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var run = i  // bytes from `run` to `i` are copied as they are, in one go
            while i < input.count {
                let c = input[i]
                if c >= 0x20 && c != 0x7F && c != 0xC2 || c == 0x0A || c == 0x09 {
                    i += 1
                    continue
                }
                normalized.append(contentsOf: UnsafeBufferPointer(rebasing: input[run..<i]))
                if c == 0x0D {  // CR LF and a lone CR both end a line
                    normalized.append(0x0A)
                    i += i + 1 < input.count && input[i + 1] == 0x0A ? 2 : 1
                } else if c == 0xC2 && (i + 1 == input.count || !(0x80...0x9F).contains(input[i + 1])
                                        || input[i + 1] == 0x85) {
                    normalized.append(c)
                    i += 1
                } else {
                    return Self.controlCharacter(c == 0xC2 ? input[i + 1] : c, after: normalized)
                }
                run = i
            }
            normalized.append(contentsOf: UnsafeBufferPointer(rebasing: input[run..<i]))
            normalized.append(0)
            return nil
        }
        if let failure { throw failure }
        bytes = CountedBytes(normalized)
    }

    /// The error for the control character `code` (C0, DEL or C1) that follows the text `before`.
    static func controlCharacter(_ code: UInt8, after before: [UInt8]) -> YAMLError {
        let lineStart = (before.lastIndex(of: 0x0A) ?? -1) + 1
        let hex = String(code, radix: 16, uppercase: true)
        return YAMLError(line: 1 + before.count { $0 == 0x0A },
                         column: 1 + before[lineStart...].count { $0 & 0xC0 != 0x80 },
                         text: FileMessage.controlCharacter.filled(["code": String(repeating: "0", count: 4 - hex.count) + hex]))
    }

    // MARK: Positions and errors

    /// The mark of `p`, a position on the current line.
    mutating func mark(at p: Int) -> Mark {
        if columnCache.lineStart != lineStart || p < columnCache.pos {
            columnCache = (lineStart, lineStart, 1)
        }
        while columnCache.pos < p {
            if bytes[columnCache.pos] & 0xC0 != 0x80 { columnCache.column += 1 }
            columnCache.pos += 1
        }
        return Mark(line: line, column: columnCache.column)
    }

    mutating func here() -> Mark { mark(at: pos) }

    mutating func fail(_ message: FileMessage, _ values: [String: String] = [:], localized: [String: LocalizedText] = [:],
                       at p: Int? = nil) -> YAMLError {
        fail(message, values, localized: localized, at: mark(at: p ?? pos))
    }

    func fail(_ message: FileMessage, _ values: [String: String] = [:], localized: [String: LocalizedText] = [:],
              at mark: Mark) -> YAMLError {
        YAMLError(line: mark.line, column: mark.column, text: message.filled(values, localized: localized))
    }

    static func mark(of node: YAMLNode) -> Mark { Mark(line: node.line, column: node.column) }

    /// The character at `p` as users see it in a message.
    func describe(at p: Int) -> LocalizedText {
        switch bytes[p] {
        case 0: return FileMessage.endOfFile.text
        case 0x0A: return FileMessage.endOfLine.text
        default:
            // Chinese sets a quoted Latin character off from the text before it with a space.
            let quoted = "'" + character(at: p) + "'"
            return LocalizedText(en: quoted, zh: " " + quoted)
        }
    }

    /// The character at `p` (not the end of a line or the file).
    func character(at p: Int) -> String {
        var end = p + 1
        while bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[p..<end], as: UTF8.self)
    }

    // MARK: Characters

    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    /// A blank, a line break or the end.
    @inline(__always) static func isSeparator(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0 }

    @inline(__always) static func isFlowIndicator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{")
            || c == UInt8(ascii: "}")
    }

    func at(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }

    /// `-`, `?` or `:` followed by a separator: an indicator, not the start of a plain scalar.
    func isIndicator(_ c: UInt8, at p: Int, inFlow: Bool) -> Bool {
        bytes[p] == c && (Self.isSeparator(at(p + 1)) || inFlow && Self.isFlowIndicator(at(p + 1)))
    }

    func isSequenceEntry() -> Bool { isIndicator(UInt8(ascii: "-"), at: pos, inFlow: false) }

    /// `---` or `...` at `p`, a line start, followed by a separator.
    func isDocumentMarker(at p: Int) -> Bool {
        let c = bytes[p]
        return (c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) && at(p + 1) == c && at(p + 2) == c
            && Self.isSeparator(at(p + 3))
    }

    mutating func skipBlanks() {
        while Self.isBlank(bytes[pos]) { pos += 1 }
    }

    mutating func skipToLineEnd() {
        while bytes[pos] != 0x0A && bytes[pos] != 0 { pos += 1 }
    }

    /// Steps over the line break at `pos`.
    mutating func newLine() {
        pos += 1
        line += 1
        lineStart = pos
    }

    /// A comment may start a line or follow a blank.
    func isComment(at p: Int) -> Bool {
        bytes[p] == UInt8(ascii: "#") && (p == lineStart || Self.isBlank(bytes[p - 1]))
    }

    /// Only a comment or nothing left on the line.
    func atLineEnd() -> Bool { bytes[pos] == 0x0A || bytes[pos] == 0 || isComment(at: pos) }

    /// Consumes blanks, a comment and the line break; anything else is the error `message`.
    mutating func finishLine(_ message: FileMessage) throws(YAMLError) {
        skipBlanks()
        if isComment(at: pos) { skipToLineEnd() }
        switch bytes[pos] {
        case 0x0A: newLine()
        case 0: break
        default: throw fail(message)
        }
    }

    /// Skips blank and comment lines and stops at the first character of the next line with content.
    /// `pos` is at the start of a line, at its first character or at the end: where a block node ends.
    mutating func nextLine() throws(YAMLError) -> LineKind {
        if bytes[pos] == 0 { return .end }
        pos = lineStart
        while true {
            var spaces = pos
            while bytes[spaces] == 0x20 { spaces += 1 }
            var blanks = spaces
            while Self.isBlank(bytes[blanks]) { blanks += 1 }
            if bytes[blanks] == 0x0A {
                pos = blanks
                newLine()
                continue
            }
            if bytes[blanks] == 0 {
                pos = blanks
                return .end
            }
            if bytes[blanks] == UInt8(ascii: "#") {
                pos = blanks
                skipToLineEnd()
                if bytes[pos] == 0x0A { newLine() }
                continue
            }
            if blanks > spaces { throw fail(.tabIndentation, at: spaces) }
            pos = spaces
            if spaces == lineStart && isDocumentMarker(at: pos) { return .documentMarker }
            return .content(indent: spaces - lineStart)
        }
    }

    // MARK: Nodes

    mutating func node(_ kind: YAMLNode.Kind, at mark: Mark) -> YAMLNode {
        nodeCount += 1
        return YAMLNode(kind: kind, line: mark.line, column: mark.column)
    }

    mutating func null(at mark: Mark) -> YAMLNode { node(.scalar("", style: .plain), at: mark) }

    /// One level deeper, into the collection that starts at `start` (by default `pos`).
    mutating func enter(at start: Mark? = nil) throws(YAMLError) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw fail(.nestingTooDeep, ["limit": String(Self.maxDepth)], at: start ?? here())
        }
        deepest = max(deepest, depth)
    }

    mutating func leave() { depth -= 1 }

    /// Anchors (`&name`) and tags (`!tag`, `!!str`, `!<…>`) before a node, in either order. Tags are
    /// read and ignored: every scalar is text.
    mutating func properties(inFlow: Bool) throws(YAMLError) -> Properties? {
        var result: Properties?
        while bytes[pos] == UInt8(ascii: "&") || bytes[pos] == UInt8(ascii: "!") {
            let start = pos
            if result == nil {
                result = Properties(start: here(), nodeCountAtStart: nodeCount, deepestOutside: deepest)
                deepest = depth
            }
            pos += 1
            if bytes[start] == UInt8(ascii: "&") {
                let name = try self.name(after: start)
                guard result?.anchor == nil else { throw fail(.oneAnchor, at: start) }
                result?.anchor = name
            } else {
                if bytes[pos] == UInt8(ascii: "<") {
                    while bytes[pos] != UInt8(ascii: ">") {
                        guard bytes[pos] != 0x0A && bytes[pos] != 0 else {
                            throw fail(.tagNotClosed, at: start)
                        }
                        pos += 1
                    }
                    pos += 1
                } else {
                    while !Self.isSeparator(bytes[pos]) && !(inFlow && Self.isFlowIndicator(bytes[pos])) { pos += 1 }
                }
                guard result?.hasTag == false else { throw fail(.oneTag, at: start) }
                result?.hasTag = true
            }
            if inFlow { try skipFlowSpace() } else { skipBlanks() }
        }
        if result != nil && bytes[pos] == UInt8(ascii: "*") { throw aliasWithProperties() }
        return result
    }

    /// YAML 1.2 §7.1: an alias is the anchored node itself, so it takes no anchor or tag of its own.
    mutating func aliasWithProperties() -> YAMLError {
        fail(.aliasWithProperties)
    }

    /// An anchor or alias name after `&` or `*` at `start`. YAML 1.2 allows more characters, but
    /// libyaml (which read these files before) took only these, and `&name:` must not read as `name:`.
    mutating func name(after start: Int) throws(YAMLError) -> String {
        let first = pos
        while ASCII.isLetter(bytes[pos]) || ASCII.isDigit(bytes[pos]) || bytes[pos] == UInt8(ascii: "-")
                || bytes[pos] == UInt8(ascii: "_") {
            pos += 1
        }
        let c = bytes[pos]
        guard pos > first, Self.isSeparator(c) || Self.isFlowIndicator(c) || c == UInt8(ascii: ":") else {
            throw fail(bytes[start] == UInt8(ascii: "&") ? .anchorName : .aliasName, at: start)
        }
        return String(decoding: bytes[first..<pos], as: UTF8.self)
    }

    /// `node` with its properties: placed at their start, and recorded under its anchor.
    mutating func attach(_ properties: Properties?, to node: YAMLNode) -> YAMLNode {
        guard let properties else { return node }
        var node = node
        node.line = properties.start.line
        node.column = properties.start.column
        if let name = properties.anchor {
            anchors[name] = Anchor(node: node, size: nodeCount - properties.nodeCountAtStart, height: deepest - depth)
        }
        deepest = max(properties.deepestOutside, deepest)
        return node
    }

    /// `*name`: a copy of the node anchored as `&name` before it.
    mutating func alias() throws(YAMLError) -> YAMLNode {
        let startPos = pos
        let start = here()
        pos += 1
        let name = try self.name(after: startPos)
        guard let anchor = anchors[name] else { throw fail(.unknownAlias, ["name": name], at: start) }
        aliasedNodes += anchor.size
        guard aliasedNodes <= Self.maxAliasedNodes else {
            throw fail(.aliasExpansion, ["limit": String(Self.maxAliasedNodes)], at: start)
        }
        guard depth + anchor.height <= Self.maxDepth else {
            throw fail(.nestingTooDeep, ["limit": String(Self.maxDepth)], at: start)
        }
        nodeCount += anchor.size
        deepest = max(deepest, depth + anchor.height)
        var copy = anchor.node
        copy.line = start.line
        copy.column = start.column
        return copy
    }

    /// Checks `key` before it joins `entries`: a duplicate or a merge key is an error. Small mappings
    /// are searched; `index` holds the keys of large ones.
    func check(_ key: YAMLNode, joining entries: [(key: YAMLNode, value: YAMLNode)],
               index: inout [String: Int]?) throws(YAMLError) {
        let text = try keyText(key)
        if text == "<<" && key.style == .plain {  // YAML 1.1's merge key, which YAML 1.2 dropped
            throw fail(.mergeKeys, at: Self.mark(of: key))
        }
        var first: Int?
        if index == nil && entries.count < 16 {
            first = entries.first { $0.key.text == text }?.key.line
        } else {
            if index == nil {
                index = Dictionary(entries.map { ($0.key.text ?? "", $0.key.line) }, uniquingKeysWith: { first, _ in first })
            }
            first = index?.updateValue(key.line, forKey: text)
            if let first { index?[text] = first }
        }
        if let first {
            throw fail(.duplicateKey, ["key": text, "first": String(first), "line": String(key.line)],
                       at: Self.mark(of: key))
        }
    }

    /// The text of a mapping key, which must be a scalar.
    func keyText(_ key: YAMLNode) throws(YAMLError) -> String {
        guard let text = key.text else {
            throw fail(.scalarKeys, at: Self.mark(of: key))
        }
        return text
    }

    // MARK: Documents

    mutating func stream() throws(YAMLError) -> YAMLNode? {
        var directive: Mark?
        var next = try nextLine()
        while case .content(0) = next, bytes[pos] == UInt8(ascii: "%") {  // %YAML, %TAG: ignored
            directive = directive ?? here()
            skipToLineEnd()
            if bytes[pos] == 0x0A { newLine() }
            next = try nextLine()
        }
        var root: YAMLNode?
        switch next {
        case .end:
            if let directive { throw fail(.directiveNeedsMarker, at: directive) }
            return nil
        case .documentMarker where bytes[pos] == UInt8(ascii: "-"):
            pos += 3
            root = try blockValue(parent: -1, context: .document, empty: here())
        case .documentMarker:
            if directive != nil { throw fail(.directiveNeedsMarker) }
        case .content:
            if directive != nil { throw fail(.directiveNeedsMarker) }
            root = try blockNode(parent: -1, context: .document, onNewLine: true)
        }

        next = try nextLine()
        if case .documentMarker = next, bytes[pos] == UInt8(ascii: ".") {
            pos += 3
            try finishLine(.textAfterDocumentEnd)
            next = try nextLine()
            if case .end = next { return root }
            throw fail(.multipleDocuments)
        }
        switch next {
        case .end:
            return root
        case .documentMarker:
            throw fail(.multipleDocuments)
        case .content:
            if isSequenceEntry() { throw fail(.badSequenceIndentation) }
            if lineHasMappingValue() { throw fail(.badMappingIndentation) }
            throw fail(.textAfterTopLevel)
        }
    }

    /// Whether the current line has a `: ` (a guess at what a misplaced line was meant to be).
    func lineHasMappingValue() -> Bool {
        var p = pos
        while bytes[p] != 0x0A && bytes[p] != 0 {
            if isIndicator(UInt8(ascii: ":"), at: p, inFlow: false) { return true }
            p += 1
        }
        return false
    }

    mutating func badIndentation(in collection: FileMessage) -> YAMLError {
        if isSequenceEntry() { return fail(.badSequenceIndentation) }
        if lineHasMappingValue() { return fail(.badMappingIndentation) }
        return fail(collection)
    }

    // MARK: Block collections

    /// The node after `---`, `key:` or `-`: on the same line, or on the lines below when indented more
    /// than `parent` (a sequence may also sit at its key's indentation), else empty: a null at `empty`.
    mutating func blockValue(parent: Int, context: Context, empty: Mark) throws(YAMLError) -> YAMLNode {
        skipBlanks()
        if isComment(at: pos) { skipToLineEnd() }
        switch bytes[pos] {
        case 0x0A:
            newLine()
            return try nodeBelow(parent: parent, context: context, properties: nil, empty: empty)
        case 0:
            return try nodeBelow(parent: parent, context: context, properties: nil, empty: empty)
        default:
            return try blockNode(parent: parent, context: context, onNewLine: false)
        }
    }

    mutating func nodeBelow(parent: Int, context: Context, properties: Properties?,
                            empty: Mark) throws(YAMLError) -> YAMLNode {
        let found: YAMLNode
        switch try nextLine() {
        case .content(let indent) where indent > parent:
            if properties != nil && bytes[pos] == UInt8(ascii: "*") { throw aliasWithProperties() }
            found = try blockNode(parent: parent, context: context, onNewLine: true)
        case .content(let indent) where indent == parent && context == .mappingValue && isSequenceEntry():
            found = try blockSequence(indent: indent, atKeyIndentation: true)
        default:
            found = null(at: empty)
        }
        return attach(properties, to: found)
    }

    /// A node that starts at `pos`, in block context. A mapping or sequence may start here only on a
    /// new line or after `- ` (a compact collection); `pos`'s column is then its indentation.
    mutating func blockNode(parent: Int, context: Context, onNewLine: Bool) throws(YAMLError) -> YAMLNode {
        let allowsCollection = onNewLine || context == .sequenceEntry
        let start = here()
        let properties = try self.properties(inFlow: false)
        if properties != nil && atLineEnd() {
            skipToLineEnd()
            if bytes[pos] == 0x0A { newLine() }
            return try nodeBelow(parent: parent, context: context, properties: properties, empty: start)
        }
        switch bytes[pos] {
        case UInt8(ascii: "-") where isSequenceEntry():
            guard allowsCollection else {
                throw fail(.blockSequenceOnLine)
            }
            let column = here().column
            return attach(properties, to: try blockSequence(indent: column - 1, atKeyIndentation: false))
        case UInt8(ascii: "?") where isIndicator(UInt8(ascii: "?"), at: pos, inFlow: false):
            throw fail(.complexKeys)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return attach(properties, to: try blockScalar(parent: parent))
        default:
            break
        }
        let first = try lineNode()
        skipBlanks()
        if isIndicator(UInt8(ascii: ":"), at: pos, inFlow: false) {
            guard allowsCollection else { throw fail(.nestedMappingOnLine) }
            let key = attach(properties, to: try keyNode(first))
            return try blockMapping(indent: start.column - 1, firstKey: key)
        }
        switch first {
        case .plain(let range, let mark):
            return attach(properties, to: try plainScalar(first: range, at: mark, parent: parent))
        case .node(let node, _):
            try finishLine(node.items != nil || node.entries != nil ? .textAfterFlowCollection : .textAfterQuoted)
            return attach(properties, to: node)
        }
    }

    /// A node that fits on one line or begins there, in block context: a flow collection, a quoted
    /// scalar, an alias, or a plain scalar's first line.
    mutating func lineNode() throws(YAMLError) -> LineNode {
        let startLine = line
        let node: YAMLNode
        switch bytes[pos] {
        case UInt8(ascii: "["), UInt8(ascii: "{"): node = try flowCollection()
        case UInt8(ascii: "\""): node = try doubleQuoted()
        case UInt8(ascii: "'"): node = try singleQuoted()
        case UInt8(ascii: "*"): node = try alias()
        default:
            guard canStartPlain(inFlow: false) else { throw cannotStartNode(inFlow: false) }
            let mark = here()
            return .plain(plainLine(inFlow: false), mark)
        }
        return .node(node, multiline: line != startLine)
    }

    mutating func keyNode(_ lineNode: LineNode) throws(YAMLError) -> YAMLNode {
        switch lineNode {
        case .plain(let range, let mark):
            return node(.scalar(String(decoding: bytes[range], as: UTF8.self), style: .plain), at: mark)
        case .node(let key, let multiline):
            guard !multiline else { throw fail(.keyOnOneLine, at: Self.mark(of: key)) }
            _ = try keyText(key)
            return key
        }
    }

    /// A block mapping whose keys are at column `indent` + 1; `firstKey` has been read and `pos` is at
    /// its ':'.
    mutating func blockMapping(indent: Int, firstKey: YAMLNode) throws(YAMLError) -> YAMLNode {
        try enter(at: Self.mark(of: firstKey))
        var entries: [(key: YAMLNode, value: YAMLNode)] = []
        var keys: [String: Int]?
        var key = firstKey
        while true {
            try check(key, joining: entries, index: &keys)
            pos += 1
            let value = try blockValue(parent: indent, context: .mappingValue, empty: here())
            entries.append((key, value))
            guard case .content(let next) = try nextLine(), next >= indent else { break }
            guard next == indent else { throw badIndentation(in: .badMappingIndentation) }
            key = try blockKey()
        }
        leave()
        return node(.mapping(entries), at: Self.mark(of: entries[0].key))
    }

    /// The key of a further mapping entry, at `pos`; `pos` ends at its ':'.
    mutating func blockKey() throws(YAMLError) -> YAMLNode {
        if isSequenceEntry() { throw fail(.expectedKeyFoundEntry) }
        if isIndicator(UInt8(ascii: "?"), at: pos, inFlow: false) {
            throw fail(.complexKeys)
        }
        let start = here()
        let properties = try self.properties(inFlow: false)
        if properties != nil && atLineEnd() { throw fail(.keyAfterProperties) }
        let key = try lineNode()
        skipBlanks()
        guard isIndicator(UInt8(ascii: ":"), at: pos, inFlow: false) else {
            throw fail(.colonAfterKey, at: start)
        }
        return attach(properties, to: try keyNode(key))
    }

    /// A block sequence whose `-` are at column `indent` + 1, starting at `pos`. One that sits at its
    /// key's indentation ends at the next key.
    mutating func blockSequence(indent: Int, atKeyIndentation: Bool) throws(YAMLError) -> YAMLNode {
        try enter()
        let start = here()
        var items: [YAMLNode] = []
        while true {
            pos += 1
            items.append(try blockValue(parent: indent, context: .sequenceEntry, empty: here()))
            guard case .content(let next) = try nextLine(), next >= indent else { break }
            guard next == indent else { throw badIndentation(in: .badSequenceIndentation) }
            guard isSequenceEntry() else {
                if atKeyIndentation { break }
                throw fail(.expectedSequenceEntry)
            }
        }
        leave()
        return node(.sequence(items), at: start)
    }

    // MARK: Flow collections

    /// A flow sequence or mapping at `pos` (`[` or `{`); it may span lines.
    mutating func flowCollection() throws(YAMLError) -> YAMLNode {
        try enter()
        let start = here()
        let isSequence = bytes[pos] == UInt8(ascii: "[")
        let outer = openFlow
        openFlow = (start, isSequence)
        pos += 1
        let close = isSequence ? UInt8(ascii: "]") : UInt8(ascii: "}")
        var items: [YAMLNode] = []
        var entries: [(key: YAMLNode, value: YAMLNode)] = []
        var keys: [String: Int]?
        while true {
            try skipFlowSpace()
            if bytes[pos] == close { break }
            let key = try flowNode()
            try skipFlowSpace()
            if bytes[pos] == UInt8(ascii: ":") {
                _ = try keyText(key)
                pos += 1
                let value = try flowValue(inPair: isSequence)
                if isSequence {  // `[key: value]` is a sequence holding a single-pair mapping
                    items.append(node(.mapping([(key, value)]), at: Self.mark(of: key)))
                } else {
                    try check(key, joining: entries, index: &keys)
                    entries.append((key, value))
                }
            } else if isSequence {
                items.append(key)
            } else {
                _ = try keyText(key)
                try check(key, joining: entries, index: &keys)
                entries.append((key, null(at: here())))
            }
            try skipFlowSpace()
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1
            } else if bytes[pos] != close {
                throw fail(isSequence ? .flowSequenceSeparator : .flowMappingSeparator, localized: ["found": describe(at: pos)])
            }
        }
        pos += 1
        openFlow = outer
        leave()
        return node(isSequence ? .sequence(items) : .mapping(entries), at: start)
    }

    /// The value after `:` in a flow collection, empty before `,` or the closing bracket; `inPair` when
    /// it belongs to a single-pair mapping, a level of its own.
    mutating func flowValue(inPair: Bool) throws(YAMLError) -> YAMLNode {
        let empty = here()
        try skipFlowSpace()
        switch bytes[pos] {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): return null(at: empty)
        default:
            guard inPair else { return try flowNode() }
            try enter()
            defer { leave() }
            return try flowNode()
        }
    }

    mutating func flowNode() throws(YAMLError) -> YAMLNode {
        let properties = try self.properties(inFlow: true)
        let c = bytes[pos]
        if properties != nil && (Self.isFlowIndicator(c) && c != UInt8(ascii: "[") && c != UInt8(ascii: "{")
                                 || isIndicator(UInt8(ascii: ":"), at: pos, inFlow: true)) {
            return attach(properties, to: null(at: here()))  // `&a ,` and the like: properties of an empty node
        }
        let node: YAMLNode
        switch c {
        case UInt8(ascii: "["), UInt8(ascii: "{"): node = try flowCollection()
        case UInt8(ascii: "\""): node = try doubleQuoted()
        case UInt8(ascii: "'"): node = try singleQuoted()
        case UInt8(ascii: "*"): node = try alias()
        default:
            guard canStartPlain(inFlow: true) else { throw cannotStartNode(inFlow: true) }
            node = try flowPlain()
        }
        return attach(properties, to: node)
    }

    /// Skips blanks, line breaks and comments between the parts of a flow collection.
    mutating func skipFlowSpace() throws(YAMLError) {
        while true {
            switch bytes[pos] {
            case 0x20, 0x09:
                pos += 1
            case 0x0A:
                newLine()
                if isDocumentMarker(at: pos) { throw unclosedFlow() }
            case UInt8(ascii: "#") where isComment(at: pos):
                skipToLineEnd()
            case 0:
                throw unclosedFlow()
            default:
                return
            }
        }
    }

    mutating func unclosedFlow() -> YAMLError {
        guard let open = openFlow else { return fail(.unexpectedFlowEnd) }
        return fail(open.isSequence ? .unclosedFlowSequence : .unclosedFlowMapping,
                    ["line": String(open.mark.line), "column": String(open.mark.column)])
    }

    // MARK: Errors at the start of a node

    func canStartPlain(inFlow: Bool) -> Bool {
        let c = bytes[pos]
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            return !isIndicator(c, at: pos, inFlow: inFlow)
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"), 0x20, 0x09, 0x0A, 0:
            return false
        default:
            return true
        }
    }

    mutating func cannotStartNode(inFlow: Bool) -> YAMLError {
        let c = bytes[pos]
        switch c {
        case UInt8(ascii: "-"):
            return fail(.blockEntryInFlow)
        case UInt8(ascii: "?"):
            return fail(.complexKeys)
        case UInt8(ascii: ":"):
            return fail(.keyBeforeColon)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return fail(.blockScalarInFlow, ["indicator": character(at: pos)])
        case UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return fail(.plainCannotStart, ["character": character(at: pos)])
        case 0x0A, 0:
            return fail(.expectedValue, localized: ["found": describe(at: pos)])
        default:
            return fail(.unexpected, localized: ["found": describe(at: pos)])
        }
    }
}
