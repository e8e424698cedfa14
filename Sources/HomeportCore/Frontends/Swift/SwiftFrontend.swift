// The Swift frontend: an iterative byte-level tokenizer that turns Swift source into Facts.

/// Reads imports, decoded string literals, comments and member symbols out of Swift source.
///
/// Works on raw bytes (BOM, CRLF and invalid UTF-8 are all accepted). String interpolations nest
/// through an explicit stack of suspended code and string frames, so nesting depth costs heap, not
/// call stack, and the whole scan stays linear in the input.
public struct SwiftFrontend: Frontend {
    public init() {}

    public func facts(in file: SourceFile) -> Facts {
        var facts = file.bytes.withUnsafeBufferPointer { buffer in
            var scanner = SwiftFactScanner(buffer, readsCalls: false)
            scanner.run()
            scanner.facts.notices.sort { $0.offset < $1.offset }
            return scanner.facts
        }
        // The calls only if a finding asks for them (most files have none that does): then a second
        // pass of the same scanner records them. The first pass still follows every bracket, since what
        // a literal or a member is bound to depends on the calls around it.
        let bytes = file.bytes
        facts.deferCalls {
            bytes.withUnsafeBufferPointer { buffer in
                var scanner = SwiftFactScanner(buffer, readsCalls: true)
                scanner.run()
                return scanner.facts.calls
            }
        }
        return facts
    }
}

// MARK: - Byte classes

private enum SwiftByte {
    static let tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20
    static let bang: UInt8 = 0x21, quote: UInt8 = 0x22, hash: UInt8 = 0x23, dollar: UInt8 = 0x24
    static let apostrophe: UInt8 = 0x27, lparen: UInt8 = 0x28, rparen: UInt8 = 0x29, star: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B, comma: UInt8 = 0x2C, minus: UInt8 = 0x2D, dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F, zero: UInt8 = 0x30, nine: UInt8 = 0x39, colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B, equal: UInt8 = 0x3D, question: UInt8 = 0x3F, at: UInt8 = 0x40
    static let lbracket: UInt8 = 0x5B, backslash: UInt8 = 0x5C, rbracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F, backtick: UInt8 = 0x60, lbrace: UInt8 = 0x7B, rbrace: UInt8 = 0x7D

    /// Any byte >= 0x80 counts as a letter: Swift allows most non-ASCII scalars in identifiers and
    /// invalid bytes are better swallowed into a word than split into noise.
    @inline(__always) static func isIdentStart(_ c: UInt8) -> Bool {
        c >= 0x80 || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || c == underscore || c == dollar
    }

    @inline(__always) static func isIdentContinue(_ c: UInt8) -> Bool {
        isIdentStart(c) || (c >= zero && c <= nine)
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= zero && c <= nine }

    @inline(__always) static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
    }

    /// Characters that may appear in a Swift operator (a leading `.` is handled separately).
    @inline(__always) static func isOperator(_ c: UInt8) -> Bool {
        switch c {
        case 0x2F, 0x3D, 0x2D, 0x2B, 0x21, 0x2A, 0x25, 0x3C, 0x3E, 0x26, 0x7C, 0x5E, 0x7E, 0x3F: return true
        default: return false
        }
    }

    @inline(__always) static func isHorizontalSpace(_ c: UInt8) -> Bool { c == space || c == tab }
    @inline(__always) static func isNewline(_ c: UInt8) -> Bool { c == lf || c == cr }
}

// MARK: - Source bytes

/// The file's bytes and the reads that need nothing else. Kept apart from the scanner, whose state is
/// a few hundred bytes: a non-mutating scanner method called from a mutating one gets a copy of all
/// of it, which cost more than most of these reads.
private struct SwiftSource {
    let p: UnsafeBufferPointer<UInt8>
    let n: Int

    /// `ContentPart.swiftNames` as bytes, so that an identifier is compared without building a String.
    static let contentPartNames: [(name: [UInt8], part: String)] = ContentPart.swiftNames.map { (Array($0.key.utf8), $0.value) }
    /// Bit `k` is set when a name is `k` bytes long (bit 63: 63 or more), and bit `b & 63` when a name
    /// begins with byte `b`: together they turn most identifiers away before any comparison.
    static let contentPartLengths: UInt64 = contentPartNames.reduce(0) { $0 | 1 << min($1.name.count, 63) }
    static let contentPartFirstBytes: UInt64 = contentPartNames.reduce(0) { $0 | 1 << (($1.name.first ?? 0) & 63) }

    @inline(__always) func at(_ j: Int) -> UInt8 { j >= 0 && j < n ? p[j] : 0 }

    func text(_ s: Int, _ e: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[s..<e]), as: UTF8.self)
    }

    func word(_ s: Int, _ e: Int, is w: StaticString) -> Bool {
        let count = w.utf8CodeUnitCount
        guard e - s == count else { return false }
        let wp = w.utf8Start
        for k in 0..<count where p[s + k] != wp[k] { return false }
        return true
    }

    func identEnd(_ s: Int) -> Int {
        var e = s
        while e < n, SwiftByte.isIdentContinue(p[e]) { e += 1 }
        return e
    }

    /// The end of `` `name` `` starting at a backtick, if it closes on the same line.
    func backtickEnd(_ s: Int) -> Int? {
        var e = s + 1
        while e < n {
            let c = p[e]
            if c == SwiftByte.backtick { return e > s + 1 ? e + 1 : nil }
            if SwiftByte.isNewline(c) { return nil }
            e += 1
        }
        return nil
    }

    func keywordFlag(_ s: Int, _ e: Int) -> UInt8 {
        let first = p[s]
        guard first >= 0x61, first <= 0x7A, e - s >= 2, e - s <= 11 else { return SwiftTokenFlag.plain }
        switch e - s {
        case 2:
            if word(s, e, is: "in") || word(s, e, is: "if") { return SwiftTokenFlag.expressionKeyword }
        case 3:
            if word(s, e, is: "try") { return SwiftTokenFlag.expressionKeyword }
        case 4:
            if word(s, e, is: "case") || word(s, e, is: "else") { return SwiftTokenFlag.expressionKeyword }
            if word(s, e, is: "open") { return SwiftTokenFlag.modifier }
        case 5:
            if word(s, e, is: "await") || word(s, e, is: "throw") || word(s, e, is: "guard")
                || word(s, e, is: "while") || word(s, e, is: "where") || word(s, e, is: "yield") {
                return SwiftTokenFlag.expressionKeyword
            }
        case 6:
            if word(s, e, is: "return") || word(s, e, is: "switch") { return SwiftTokenFlag.expressionKeyword }
            if word(s, e, is: "import") { return SwiftTokenFlag.importKeyword }
            if word(s, e, is: "public") { return SwiftTokenFlag.modifier }
        case 7:
            if word(s, e, is: "default") { return SwiftTokenFlag.expressionKeyword }
            if word(s, e, is: "private") || word(s, e, is: "package") { return SwiftTokenFlag.modifier }
        case 8:
            if word(s, e, is: "internal") { return SwiftTokenFlag.modifier }
        case 11:
            if word(s, e, is: "fileprivate") { return SwiftTokenFlag.modifier }
        default:
            break
        }
        return SwiftTokenFlag.plain
    }

    /// The module path after `import`, past an optional declaration kind (`import struct A.B`).
    func importPath(after keywordEnd: Int) -> Span? {
        var j = skipWhitespace(keywordEnd)
        guard j > keywordEnd else { return nil }  // `import:` or `import(`: not a declaration
        if SwiftByte.isIdentStart(at(j)) {
            let e = identEnd(j)
            if isImportKind(j, e) {
                let k = skipWhitespace(e)
                if k > e, SwiftByte.isIdentStart(at(k)) || at(k) == SwiftByte.backtick { j = k }
            }
        }
        guard var e = pathComponentEnd(j) else { return nil }
        while at(e) == SwiftByte.dot, let next = pathComponentEnd(e + 1) { e = next }
        return Span(start: j, end: e)
    }

    func pathComponentEnd(_ j: Int) -> Int? {
        if at(j) == SwiftByte.backtick { return backtickEnd(j) }
        return j < n && SwiftByte.isIdentStart(p[j]) ? identEnd(j) : nil
    }

    func skipWhitespace(_ j: Int) -> Int {
        var k = j
        while k < n, SwiftByte.isHorizontalSpace(p[k]) || SwiftByte.isNewline(p[k]) { k += 1 }
        return k
    }

    func isImportKind(_ s: Int, _ e: Int) -> Bool {
        word(s, e, is: "typealias") || word(s, e, is: "struct") || word(s, e, is: "class")
            || word(s, e, is: "enum") || word(s, e, is: "protocol") || word(s, e, is: "let")
            || word(s, e, is: "var") || word(s, e, is: "func") || word(s, e, is: "actor")
    }

    /// The content part the identifier from `s` to `e` names, if it names one.
    func contentPart(_ s: Int, _ e: Int) -> String? {
        guard SwiftSource.contentPartLengths & 1 << min(e - s, 63) != 0,
              SwiftSource.contentPartFirstBytes & 1 << (p[s] & 63) != 0 else { return nil }
        for entry in SwiftSource.contentPartNames where entry.name.count == e - s
            && entry.name.withUnsafeBufferPointer({ $0.elementsEqual(p[s..<e]) }) {
            return entry.part
        }
        return nil
    }

    /// Only blanks (or the byte-order mark) between the line start and `s`.
    func standsAlone(_ s: Int) -> Bool {
        var j = s - 1
        while j >= 0, SwiftByte.isHorizontalSpace(p[j]) { j -= 1 }
        if j < 0 || SwiftByte.isNewline(p[j]) { return true }
        return j == 2 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF
    }

    func closesWithHashes(after j: Int, _ hashes: Int) -> Bool {
        var k = 0
        while k < hashes {
            if at(j + 1 + k) != SwiftByte.hash { return false }
            k += 1
        }
        return true
    }

    /// `{` + 1–8 hex digits + `}` naming a Unicode scalar; returns it and the offset past `}`.
    func unicodeEscape(openBrace: Int) -> (UInt32, Int)? {
        guard at(openBrace) == SwiftByte.lbrace else { return nil }
        var j = openBrace + 1
        var value: UInt32 = 0
        while j < n, SwiftByte.isHexDigit(p[j]), j - openBrace <= 8 {
            let c = p[j]
            let digit = SwiftByte.isDigit(c) ? UInt32(c - SwiftByte.zero) : UInt32((c | 0x20) - 0x61 + 10)
            value = value << 4 | digit
            j += 1
        }
        let digits = j - openBrace - 1
        guard digits >= 1, digits <= 8, at(j) == SwiftByte.rbrace,
              value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return (value, j + 1)
    }

    /// Past the line break when only blanks follow a `\` in a multi-line literal.
    func lineContinuationEnd(_ j: Int) -> Int? {
        var k = j
        while k < n, SwiftByte.isHorizontalSpace(p[k]) { k += 1 }
        guard k < n, SwiftByte.isNewline(p[k]) else { return nil }
        return k + (p[k] == SwiftByte.cr && at(k + 1) == SwiftByte.lf ? 2 : 1)
    }

    func isBlank(_ s: Int, _ e: Int) -> Bool {
        for k in s..<e where !SwiftByte.isHorizontalSpace(p[k]) { return false }
        return true
    }

    /// Length of the well-formed UTF-8 sequence at `j` that ends by `limit`, or 0.
    func validSequenceLength(_ j: Int, limit: Int) -> Int {
        UTF8Validation.sequenceLength(p, at: j, limit: limit)
    }
}

// MARK: - Scanner state

/// The kinds of significant tokens the label, regex and import heuristics look back at.
private enum SwiftTokenKind: UInt8 {
    case none, ident, string, colon, equal, question, lbracket, comma, lparen, lbrace
    case rparen, rbracket, rbrace, semicolon, dot, attribute
    case prefixOperator, binaryOperator, postfixOperator, operand
}

/// Extra meaning of an identifier token (or, for `?`, whether it is postfix).
private enum SwiftTokenFlag {
    static let plain: UInt8 = 0
    /// A keyword after which an expression starts (`return`, `case`, `in`, …): never a label.
    static let expressionKeyword: UInt8 = 1
    static let modifier: UInt8 = 2
    static let importKeyword: UInt8 = 3
    static let postfix: UInt8 = 4
}

private struct SwiftToken {
    /// For `.string`, the index of its fact; otherwise a byte offset.
    var start = 0
    var end = 0
    // The one-byte fields last: 18 bytes, not 25, for each token the history shifts.
    var kind: SwiftTokenKind = .none
    var flag: UInt8 = SwiftTokenFlag.plain

    /// Whether the token ends an expression, so that a dot after it looks a member up on that expression.
    var isOperand: Bool {
        switch kind {
        case .ident: return flag != SwiftTokenFlag.expressionKeyword
        case .rparen, .rbracket, .rbrace, .string, .operand, .postfixOperator: return true
        case .question: return flag == SwiftTokenFlag.postfix
        default: return false
        }
    }
}

/// The last few significant tokens of one code context; enough for `IDENT : TYPE ? =`.
private struct SwiftTokenHistory {
    var t0 = SwiftToken(), t1 = SwiftToken(), t2 = SwiftToken(), t3 = SwiftToken(), t4 = SwiftToken()

    @inline(__always) mutating func push(_ token: SwiftToken) {
        t4 = t3; t3 = t2; t2 = t1; t1 = t0; t0 = token
    }
}

/// Code at top level or inside one `\( … )` interpolation.
private struct SwiftCodeFrame {
    /// Unclosed `(` in this context: the `)` at depth 0 ends the interpolation.
    var parenDepth = 0
    var history = SwiftTokenHistory()
}

/// A string literal being read.
private struct SwiftStringFrame {
    var start = 0
    var hashes = 0
    var multiline = false
    /// Whether a multi-line literal's content began on the line after `"""` (the normal case).
    var openedWithNewline = false
    /// Where this literal's pieces begin in the shared piece stack.
    var pieceBase = 0
    var factIndex = 0
    /// Start of the verbatim text not yet recorded as a piece.
    var textStart = 0
}

/// One part of a literal's value, kept symbolic until the closing delimiter fixes the indentation.
private enum SwiftPiece {
    case text(Int, Int)
    case scalar(UInt32)
    case placeholder
    /// A source line break (`\n`, `\r\n` or `\r`) at an offset, with its length.
    case newline(Int, Int)
    /// `\` at the end of a line: the break is dropped but the next line is still de-indented.
    case continuation
}

/// The scanner's read-only helpers that run per token are `@inline(__always)`: called from a
/// mutating method, an out-of-line non-mutating one first gets a copy of the whole scanner.
private struct SwiftFactScanner {
    let source: SwiftSource
    /// Whether calls become facts (`facts.calls`), with their arguments' labels, spans and content.
    let readsCalls: Bool
    var p: UnsafeBufferPointer<UInt8> { source.p }
    var n: Int { source.n }
    var i = 0
    var facts = Facts()

    var code = SwiftCodeFrame()
    var savedCode: [SwiftCodeFrame] = []
    /// Open brackets, for call facts.
    var calls: [CallFrame] = []
    /// How many open brackets in `calls` are documentary or an attribute's: checked per string, so
    /// counted rather than searched for.
    var documentaryFrames = 0
    var attributeFrames = 0
    var str = SwiftStringFrame()
    var savedStrings: [SwiftStringFrame] = []
    var inString = false

    /// Pieces of all open literals, innermost last; literals close in LIFO order so one stack serves all.
    var pieces: [SwiftPiece] = []
    var scratch: [UInt8] = []
    var newlineSeen = true
    /// A failed bare-regex probe read up to here; not probing again before it keeps lines full of
    /// `/` linear, at worst reading a later regex on that line as division.
    var noBareRegexBefore = 0

    init(_ p: UnsafeBufferPointer<UInt8>, readsCalls: Bool) {
        source = SwiftSource(p: p, n: p.count)
        self.readsCalls = readsCalls
    }

    mutating func run() {
        if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
        if source.at(i) == SwiftByte.hash, source.at(i + 1) == SwiftByte.bang {  // a script's shebang line is not code
            while i < n, !SwiftByte.isNewline(p[i]) { i += 1 }
        }
        while i < n {
            if inString { scanString() } else { scanCode() }
        }
        closeAllAtEOF()
    }

    mutating func notice(_ message: CoreMessage, _ offset: Int) {
        facts.notices.append(FrontendNotice(message, offset: offset))
    }

    @inline(__always) mutating func push(_ kind: SwiftTokenKind, _ s: Int, _ e: Int, _ flag: UInt8 = SwiftTokenFlag.plain) {
        trackCalls(kind, s, e)
        code.history.push(SwiftToken(start: s, end: e, kind: kind, flag: flag))
        newlineSeen = false
    }
}

// MARK: - Calls

extension SwiftFactScanner {
    /// Follows brackets to record calls of (dotted) names with each argument's label and span.
    /// Called for every significant token before it enters the history.
    mutating func trackCalls(_ kind: SwiftTokenKind, _ s: Int, _ e: Int) {
        // A string token carries its fact's index, not offsets.
        let (start, end) = kind == .string && s < facts.strings.count
            ? (facts.strings[s].span.start, facts.strings[s].span.end) : (s, e)
        switch kind {
        case .lparen, .lbracket, .lbrace:
            // A block outside every bracket (a type's or a function's body, a statement's block) needs no
            // frame: a frame's content reaches only the frames around it, and what reads the innermost
            // frame (a literal's label, a call's payload) finds nothing in a block's. Most code stands
            // in such blocks, so most tokens skip the call bookkeeping.
            if kind == .lbrace && calls.isEmpty { return }
            if !calls.isEmpty {
                calls[calls.count - 1].noteLiteralStart()
                calls[calls.count - 1].note(start, end)
            }
            // Built in place: a local frame appended afterwards was copied (a dozen references) and destroyed.
            calls.append(CallFrame(open: start))
            let top = calls.count - 1
            let h = code.history
            if kind == .lparen, h.t0.end == start, h.t0.kind == .attribute || h.t0.kind == .operand {
                calls[top].isAttribute = h.t0.kind == .attribute
                calls[top].isDocumentation = SwiftFactScanner.documentaryDirectives.contains { source.word(h.t0.start, h.t0.end, is: $0) }
            }
            if kind == .lparen, h.t0.kind == .ident, h.t0.end == start, h.t0.flag == SwiftTokenFlag.plain {
                var calleeStart = h.t0.start
                if h.t1.kind == .dot, h.t1.end == h.t0.start, h.t2.kind == .ident, h.t2.end == h.t1.start {
                    calleeStart = h.t2.start
                }
                let implicitMember = h.t1.kind == .dot && calleeStart == h.t0.start && !h.t2.isOperand
                calls[top].isCall = true
                calls[top].callee = Span(start: calleeStart, end: h.t0.end)
                calls[top].calleeIsImplicitMember = implicitMember
                calls[top].buildsText = implicitMember && source.word(h.t0.start, h.t0.end, is: "string")
            }
            if !calls[top].isCall, kind != .lbrace {
                calls[top].collectionLabel = collectionLabel()
            }
            if calls[top].isDocumentation { documentaryFrames += 1 }
            if calls[top].isAttribute { attributeFrames += 1 }
        case .rparen, .rbracket, .rbrace:
            guard !calls.isEmpty else { return }
            var frame = calls.removeLast()
            if frame.isDocumentation { documentaryFrames -= 1 }
            if frame.isAttribute { attributeFrames -= 1 }
            if readsCalls {
                if frame.isCall && kind == .rparen {
                    facts.calls.append(frame.fact(callee: source.text(frame.callee.start, frame.callee.end), closeParen: start))
                } else {
                    frame.closeArgument()  // a literal's last element counts as its others do
                }
            }
            if !calls.isEmpty {
                if readsCalls { calls[calls.count - 1].absorb(frame) }
                calls[calls.count - 1].note(start, end)
            }
        case .comma:
            guard !calls.isEmpty else { return }
            if readsCalls { calls[calls.count - 1].closeArgument() } else { calls[calls.count - 1].skipArgument() }
        case .colon:
            guard !calls.isEmpty else { return }
            if calls[calls.count - 1].tokens == 1, code.history.t0.kind == .ident {
                calls[calls.count - 1].label = source.text(code.history.t0.start, code.history.t0.end)
            }
            calls[calls.count - 1].note(start, end)
        case .string:
            guard !calls.isEmpty else { return }
            // A raw JSON part (`["type": "image_url", …]`) says what the call's content carries.
            if readsCalls, s < facts.strings.count, facts.strings[s].value.utf8.count == 9 || facts.strings[s].value.utf8.count == 11,
               let part = ContentPart.typeValues[facts.strings[s].value] {
                calls[calls.count - 1].contentParts.insert(part)
            }
            calls[calls.count - 1].noteLiteralStart()
            calls[calls.count - 1].note(start, end)
        case .ident:
            guard !calls.isEmpty else { return }
            // The Swift SDKs' image parts: `.imageUrl(…)`, `.vision([…])`, `chatCompletionContentPartImageParam`.
            if readsCalls, let part = source.contentPart(s, e) { calls[calls.count - 1].contentParts.insert(part) }
            let first = p[s]
            // A value built in place (`ChatQuery.ChatCompletionMessageParam(…)`) is read like a literal.
            if first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") { calls[calls.count - 1].noteLiteralStart() }
            calls[calls.count - 1].note(start, end)
        case .dot:
            guard !calls.isEmpty else { return }
            // An implicit member (`.user(…)`, `.init(…)`) starting a value is built in place too.
            calls[calls.count - 1].noteLiteralStart()
            calls[calls.count - 1].note(start, end)
        default:
            if !calls.isEmpty { calls[calls.count - 1].note(start, end) }
        }
    }
}

// MARK: - Code

extension SwiftFactScanner {
    /// Lexes code tokens until the input ends or a string literal begins.
    mutating func scanCode() {
        while i < n {
            let c = p[i]
            switch c {
            case SwiftByte.space, SwiftByte.tab, 0x0B, 0x0C, 0x00:
                i += 1
                while i < n, p[i] == SwiftByte.space { i += 1 }  // indentation: one dispatch per run, not per byte
            case SwiftByte.lf, SwiftByte.cr:
                i += 1
                newlineSeen = true
            case SwiftByte.slash:
                scanSlash()
            case SwiftByte.quote:
                beginString(hashes: 0)
                return
            case SwiftByte.hash:
                if scanHash() { return }
            case SwiftByte.lparen:
                code.parenDepth += 1
                push(.lparen, i, i + 1)
                i += 1
            case SwiftByte.rparen:
                if code.parenDepth == 0, !savedStrings.isEmpty {
                    i += 1
                    resumeString()
                    return
                }
                if code.parenDepth > 0 { code.parenDepth -= 1 }
                push(.rparen, i, i + 1)
                i += 1
            case SwiftByte.lbracket: punct(.lbracket)
            case SwiftByte.rbracket: punct(.rbracket)
            case SwiftByte.lbrace: punct(.lbrace)
            case SwiftByte.rbrace: punct(.rbrace)
            case SwiftByte.comma: punct(.comma)
            case SwiftByte.semicolon: punct(.semicolon)
            case SwiftByte.colon: punct(.colon)
            case SwiftByte.dot: scanDot()
            case SwiftByte.at: scanAttribute()
            case SwiftByte.backtick: scanBacktick()
            case SwiftByte.zero...SwiftByte.nine: scanNumber()
            default:
                if SwiftByte.isIdentStart(c) {
                    scanIdentifier()
                } else if SwiftByte.isOperator(c) {
                    scanOperator()
                } else {
                    push(.operand, i, i + 1)
                    i += 1
                }
            }
        }
    }

    @inline(__always) mutating func punct(_ kind: SwiftTokenKind) {
        push(kind, i, i + 1)
        i += 1
    }

    mutating func scanIdentifier() {
        let s = i
        let e = source.identEnd(s)
        let flag = source.keywordFlag(s, e)
        if flag == SwiftTokenFlag.importKeyword, importMayStart(), let path = source.importPath(after: e) {
            facts.imports.append(ImportFact(module: source.text(path.start, path.end), span: path))
            push(.ident, path.start, path.end)
            i = path.end
            return
        }
        push(.ident, s, e, flag)
        i = e
    }

    mutating func scanBacktick() {
        if let e = source.backtickEnd(i) {
            push(.ident, i + 1, e - 1)
            i = e
        } else {
            push(.operand, i, i + 1)
            i += 1
        }
    }

    /// `import` is a declaration only where one can begin, never inside an interpolation.
    @inline(__always) func importMayStart() -> Bool {
        guard savedStrings.isEmpty else { return false }
        if newlineSeen { return true }
        let t0 = code.history.t0
        switch t0.kind {
        case .none, .semicolon, .lbrace, .rbrace, .attribute: return true
        case .ident: return t0.flag == SwiftTokenFlag.modifier
        default: return false
        }
    }

    /// `@name`; `@_spi(Group)` swallows its argument so that an `import` may follow it.
    mutating func scanAttribute() {
        let s = i
        guard SwiftByte.isIdentStart(source.at(s + 1)) else {
            push(.operand, s, s + 1)
            i += 1
            return
        }
        var e = source.identEnd(s + 1)
        if source.word(s + 1, e, is: "_spi"), source.at(e) == SwiftByte.lparen {
            var k = e + 1
            while k < n, p[k] != SwiftByte.rparen, !SwiftByte.isNewline(p[k]) { k += 1 }
            if source.at(k) == SwiftByte.rparen { e = k + 1 }
        }
        push(.attribute, s, e)
        i = e
    }

    /// A member-access dot: the identifier right after it is a symbol (`.gpt4_o`, `Model.gpt4`).
    mutating func scanDot() {
        if source.at(i + 1) == SwiftByte.dot {
            scanOperator()
            return
        }
        let receiver = memberReceiver()
        let label = receiver == nil ? label() : nil
        // `.chat(.chatgpt)`: the first, unlabelled argument of an implicit member call is its payload.
        var payloadOf: String?
        if receiver == nil, let top = calls.indices.last, calls[top].isCall, calls[top].calleeIsImplicitMember,
           calls[top].endedArguments == 0, calls[top].tokens == 0, calls[top].label.isEmpty {
            payloadOf = source.text(calls[top].callee.start, calls[top].callee.end)
        }
        push(.dot, i, i + 1)
        let j = i + 1
        i = j
        if j < n, SwiftByte.isIdentStart(p[j]) {
            let e = source.identEnd(j)
            facts.symbols.append(SymbolFact(name: source.text(j, e), span: Span(start: j, end: e), receiver: receiver, label: label,
                                            payloadOf: payloadOf, isCalled: source.at(e) == SwiftByte.lparen))
            push(.ident, j, e)
            i = e
        } else if source.at(j) == SwiftByte.backtick, let e = source.backtickEnd(j) {
            facts.symbols.append(SymbolFact(name: source.text(j + 1, e - 1), span: Span(start: j + 1, end: e - 1),
                                            receiver: receiver, label: label, payloadOf: payloadOf,
                                            isCalled: source.at(e) == SwiftByte.lparen))
            push(.ident, j + 1, e - 1)
            i = e
        }
    }

    /// What a dot at `i` looks a member up on, from the tokens before it: the dotted names (at most
    /// three, what the history holds), "" after another expression, nil for an implicit member.
    @inline(__always) func memberReceiver() -> String? {
        let h = code.history
        guard h.t0.isOperand else { return nil }
        switch h.t0.kind {
        case .ident:
            // One copy of the source from the first name on (a chain spelled with spaces matches no type).
            var start = h.t0.start
            if h.t1.kind == .dot, h.t2.kind == .ident {
                start = h.t2.start
                if h.t3.kind == .dot, h.t4.kind == .ident { start = h.t4.start }
            }
            return source.text(start, h.t0.end)
        default:
            return ""
        }
    }

    /// Integer and floating literals in any base, with `_` separators and signed exponents.
    mutating func scanNumber() {
        let s = i
        let hex = p[s] == SwiftByte.zero && (source.at(s + 1) | 0x20) == 0x78
        var e = s + 1
        while e < n {
            let c = p[e]
            if SwiftByte.isIdentContinue(c) && c < 0x80 {
                e += 1
                let lower = c | 0x20
                if (hex ? lower == 0x70 : lower == 0x65), source.at(e) == SwiftByte.plus || source.at(e) == SwiftByte.minus {
                    e += 1
                }
            } else if c == SwiftByte.dot, SwiftByte.isDigit(source.at(e + 1)) {
                e += 1
            } else {
                break
            }
        }
        push(.operand, s, e)
        i = e
    }

    /// Maximal operator run; `//` and `/*` inside it start comments instead.
    mutating func scanOperator() {
        let s = i
        let dotted = p[s] == SwiftByte.dot
        var e = s
        while e < n {
            let c = p[e]
            if c == SwiftByte.slash, e > s, source.at(e + 1) == SwiftByte.slash || source.at(e + 1) == SwiftByte.star { break }
            guard SwiftByte.isOperator(c) || (dotted && c == SwiftByte.dot) else { break }
            e += 1
        }
        if e == s { e = s + 1 }
        i = e
        if e - s == 1, p[s] == SwiftByte.equal {
            push(.equal, s, e)
            return
        }
        let leftBound = s > 0 && !isLeftDelimiter(p[s - 1])
        let rightBound = e < n && !isRightDelimiter(p[e])
        let postfix = leftBound && (!rightBound || source.at(e) == SwiftByte.dot)
        if e - s == 1, p[s] == SwiftByte.question {
            push(.question, s, e, leftBound ? SwiftTokenFlag.postfix : SwiftTokenFlag.plain)
            return
        }
        let kind: SwiftTokenKind = postfix ? .postfixOperator : (!leftBound && rightBound ? .prefixOperator : .binaryOperator)
        push(kind, s, e)
    }

    func isLeftDelimiter(_ c: UInt8) -> Bool {
        switch c {
        case SwiftByte.space, SwiftByte.tab, SwiftByte.lf, SwiftByte.cr, SwiftByte.lparen, SwiftByte.lbracket, SwiftByte.lbrace,
             SwiftByte.comma, SwiftByte.semicolon, SwiftByte.colon, 0:
            return true
        default:
            return false
        }
    }

    func isRightDelimiter(_ c: UInt8) -> Bool {
        switch c {
        case SwiftByte.space, SwiftByte.tab, SwiftByte.lf, SwiftByte.cr, SwiftByte.rparen, SwiftByte.rbracket, SwiftByte.rbrace,
             SwiftByte.comma, SwiftByte.semicolon, SwiftByte.colon, 0:
            return true
        default:
            return false
        }
    }

    /// Raw strings `#"…"#`, extended regexes `#/…/#`, directives `#if`; true when a string began.
    mutating func scanHash() -> Bool {
        var j = i
        while j < n, p[j] == SwiftByte.hash { j += 1 }
        let hashes = j - i
        let c = source.at(j)
        if c == SwiftByte.quote {
            beginString(hashes: hashes)
            return true
        }
        if c == SwiftByte.slash {
            skipExtendedRegex(hashes: hashes, slash: j)
            return false
        }
        if hashes == 1, j < n, SwiftByte.isIdentStart(c) {
            let e = source.identEnd(j)
            push(.operand, i, e)
            i = e
            return false
        }
        push(.operand, i, j)
        i = j
        return false
    }

    // MARK: Comments and regexes

    mutating func scanSlash() {
        let next = source.at(i + 1)
        if next == SwiftByte.slash {
            var e = i + 2
            // Eight bytes without a line break are passed over at once (most of a comment's text).
            if let base = p.baseAddress {
                let raw = UnsafeRawPointer(base)
                while e + 8 <= n, !ASCII.mayHoldLineBreak(raw.loadUnaligned(fromByteOffset: e, as: UInt64.self)) { e += 8 }
            }
            while e < n, !SwiftByte.isNewline(p[e]) { e += 1 }
            addComment(i, e)
            i = e
        } else if next == SwiftByte.star {
            scanBlockComment()
        } else if i >= noBareRegexBefore, startsExpression(), let e = bareRegexEnd() {
            push(.operand, i, e)
            i = e
        } else {
            scanOperator()
        }
    }

    mutating func scanBlockComment() {
        let s = i
        var depth = 0
        var e = s
        var closed = false
        while e < n {
            let c = p[e]
            if c == SwiftByte.slash, source.at(e + 1) == SwiftByte.star {
                depth += 1
                e += 2
            } else if c == SwiftByte.star, source.at(e + 1) == SwiftByte.slash {
                depth -= 1
                e += 2
                if depth == 0 { closed = true; break }
            } else {
                if SwiftByte.isNewline(c) { newlineSeen = true }
                e += 1
            }
        }
        if !closed { notice(.unterminatedBlockComment, s) }
        addComment(s, e)
        i = e
    }

    mutating func addComment(_ s: Int, _ e: Int) {
        facts.comments.append(CommentFact(text: source.text(s, e), span: Span(start: s, end: e), standsAlone: source.standsAlone(s)))
    }

    /// Whether an operand may begin here, which is where `/` opens a regex rather than divides.
    @inline(__always) func startsExpression() -> Bool {
        let t0 = code.history.t0
        switch t0.kind {
        case .none, .lparen, .lbracket, .lbrace, .comma, .colon, .semicolon, .equal,
             .prefixOperator, .binaryOperator:
            return true
        case .question:
            return t0.flag != SwiftTokenFlag.postfix
        case .ident:
            return t0.flag == SwiftTokenFlag.expressionKeyword
        default:
            return false
        }
    }

    /// End of a bare `/…/` regex starting at `i`, closed on the same line outside `[…]`.
    mutating func bareRegexEnd() -> Int? {
        let first = source.at(i + 1)
        if i + 1 >= n || SwiftByte.isHorizontalSpace(first) || SwiftByte.isNewline(first)
            || first == SwiftByte.slash || first == SwiftByte.star {
            return nil
        }
        var j = i + 1
        var classDepth = 0
        while j < n {
            let c = p[j]
            if SwiftByte.isNewline(c) { break }
            if c == SwiftByte.backslash {
                j += SwiftByte.isNewline(source.at(j + 1)) ? 1 : 2
                continue
            }
            if c == SwiftByte.lbracket {
                classDepth += 1
            } else if c == SwiftByte.rbracket, classDepth > 0 {
                classDepth -= 1
            } else if c == SwiftByte.slash, classDepth == 0 {
                return j + 1
            }
            j += 1
        }
        noBareRegexBefore = j
        return nil
    }

    /// `#/…/#` with any number of `#`; a newline right after the opener makes it multi-line.
    mutating func skipExtendedRegex(hashes: Int, slash: Int) {
        var j = slash + 1
        let multiline = SwiftByte.isNewline(source.at(j))
        while j < n {
            let c = p[j]
            if c == SwiftByte.backslash, !SwiftByte.isNewline(source.at(j + 1)) {
                j += 2
                continue
            }
            if SwiftByte.isNewline(c), !multiline { break }
            if c == SwiftByte.slash, source.closesWithHashes(after: j, hashes) {
                j += 1 + hashes
                break
            }
            j += 1
        }
        j = min(j, n)
        push(.operand, i, j)
        i = j
    }

}

// MARK: - Strings

extension SwiftFactScanner {
    /// Opens a literal at `i` (its first `#` or `"`) and switches to string mode.
    mutating func beginString(hashes: Int) {
        let start = i
        let quote = start + hashes
        let multiline = source.at(quote + 1) == SwiftByte.quote && source.at(quote + 2) == SwiftByte.quote
        var contentStart = quote + 1
        var openedWithNewline = false
        if multiline {
            contentStart = quote + 3
            var j = contentStart
            while j < n, SwiftByte.isHorizontalSpace(p[j]) { j += 1 }
            if j < n, SwiftByte.isNewline(p[j]) {
                contentStart = j + (p[j] == SwiftByte.cr && source.at(j + 1) == SwiftByte.lf ? 2 : 1)
                openedWithNewline = true
            }
        }
        let factIndex = facts.strings.count
        var label = label()
        var collectionLabel: String?
        var printed = false
        // The innermost bracket is read in place: copying a `CallFrame` out retains all its fields.
        if let top = calls.indices.last {
            if !calls[top].isCall, !calls[top].isAttribute {
                let h = code.history
                if label == nil, h.t0.kind == .comma || h.t0.kind == .lbracket || h.t0.kind == .lparen {
                    label = calls[top].collectionLabel  // an element of `let models = ["o1", "o3"]`
                    collectionLabel = calls[top].collectionLabel
                } else if label != nil, h.t0.kind == .colon, h.t1.kind == .string {
                    collectionLabel = calls[top].collectionLabel  // a value of `let models = ["fast": "o1"]`
                }
            }
            // `print("…")`, `logger.info("…")`, `fatalError("…")`: an unlabelled argument is prose. Asked
            // here, per literal, rather than for every call: most calls hold no literal directly.
            if calls[top].isCall, calls[top].label.isEmpty {
                printed = ProseCallee.printsProse(utf8: UnsafeBufferPointer(rebasing: p[calls[top].callee.start..<calls[top].callee.end]))
            }
        }
        facts.strings.append(StringLiteralFact(value: "", span: Span(start: start, end: start), runs: [], label: label,
                                               collectionLabel: collectionLabel,
                                               isDocumentation: printed || isDocumentation(label: label)))
        savedCode.append(code)
        str = SwiftStringFrame(start: start, hashes: hashes, multiline: multiline, openedWithNewline: openedWithNewline,
                          pieceBase: pieces.count, factIndex: factIndex, textStart: contentStart)
        i = contentStart
        inString = true
    }

    /// Attributes and directives whose string arguments are prose for people.
    static let documentaryDirectives: [StaticString] = ["@available", "@backDeployed", "#warning", "#error"]
    /// Argument labels of help text in attributes (swift-argument-parser's `@Option(help:)`, `abstract:` …).
    static let helpLabels: Set<String> = ["help", "abstract", "discussion", "usage"]

    /// Whether the literal about to start is documentation, from the brackets around it.
    @inline(__always) func isDocumentation(label: String?) -> Bool {
        if documentaryFrames > 0 { return true }
        guard attributeFrames > 0, let label else { return false }
        return SwiftFactScanner.helpLabels.contains(label)
    }

    /// The name a collection opening now is bound to: what `label()` gives a literal here, or the
    /// loop or test variable of `for model in [` and `model in [`.
    @inline(__always) func collectionLabel() -> String? {
        let h = code.history
        if h.t0.kind == .ident, source.word(h.t0.start, h.t0.end, is: "in"), h.t1.kind == .ident {
            return source.text(h.t1.start, h.t1.end)
        }
        return label()
    }

    /// The name the literal about to start is bound to, read off the tokens before it.
    @inline(__always) func label() -> String? {
        let h = code.history
        switch h.t0.kind {
        case .colon:
            // `name: "…"`, but not the else-branch of `c ? a : "…"` nor `x.y : "…"`
            if h.t1.kind == .ident, h.t1.flag != SwiftTokenFlag.expressionKeyword,
               h.t2.kind != .question, h.t2.kind != .dot {
                return source.text(h.t1.start, h.t1.end)
            }
            // `["key": "…"]`: a string is a key only where a dictionary element begins
            if h.t1.kind == .string, h.t2.kind == .lbracket || h.t2.kind == .comma,
               h.t1.start < facts.strings.count {
                return facts.strings[h.t1.start].value
            }
        case .equal:
            if h.t1.kind == .ident {
                if h.t2.kind == .colon {  // `name: Type = "…"`
                    return h.t3.kind == .ident ? source.text(h.t3.start, h.t3.end) : nil
                }
                return source.text(h.t1.start, h.t1.end)
            }
            if h.t1.kind == .question, h.t1.flag == SwiftTokenFlag.postfix, h.t2.kind == .ident,
               h.t3.kind == .colon, h.t4.kind == .ident {  // `name: Type? = "…"`
                return source.text(h.t4.start, h.t4.end)
            }
        default:
            break
        }
        return nil
    }

    /// Reads literal content until the literal closes, an interpolation opens or the input ends.
    mutating func scanString() {
        let multiline = str.multiline
        while i < n {
            let c = p[i]
            if c == SwiftByte.quote {
                if let end = closingEnd(at: i) {
                    closeString(closeStart: i, end: end)
                    return
                }
                i += 1
            } else if c == SwiftByte.backslash {
                if scanEscape() { return }
            } else if c == SwiftByte.lf || c == SwiftByte.cr {
                if !multiline {
                    notice(.unterminatedString, str.start)
                    closeString(closeStart: i, end: i, terminated: false)
                    return
                }
                flushText(upTo: i)
                let length = c == SwiftByte.cr && source.at(i + 1) == SwiftByte.lf ? 2 : 1
                pieces.append(.newline(i, length))
                i += length
                str.textStart = i
            } else {
                i += 1
            }
        }
    }

    /// Where the literal ends if the `"` at `q` is its closing delimiter.
    @inline(__always) func closingEnd(at q: Int) -> Int? {
        var e = q + 1
        if str.multiline {
            guard source.at(q + 1) == SwiftByte.quote, source.at(q + 2) == SwiftByte.quote else { return nil }
            e = q + 3
        }
        for _ in 0..<str.hashes {
            guard source.at(e) == SwiftByte.hash else { return nil }
            e += 1
        }
        return e
    }

    /// Handles a `\` at `i`; true when an interpolation opened (the scanner is now in code mode).
    mutating func scanEscape() -> Bool {
        let backslash = i
        var j = i + 1
        for _ in 0..<str.hashes {
            guard source.at(j) == SwiftByte.hash else {
                i += 1  // too few `#`: a literal backslash in a raw string
                return false
            }
            j += 1
        }
        let c = source.at(j)
        var decoded: UInt32?
        var end = j + 1
        switch c {
        case SwiftByte.lparen:
            flushText(upTo: backslash)
            pieces.append(.placeholder)
            i = j + 1
            savedStrings.append(str)
            code = SwiftCodeFrame()
            inString = false
            return true
        case 0x6E: decoded = 0x0A  // n
        case 0x74: decoded = 0x09  // t
        case 0x72: decoded = 0x0D  // r
        case SwiftByte.zero: decoded = 0
        case SwiftByte.backslash, SwiftByte.quote, SwiftByte.apostrophe: decoded = UInt32(c)
        case 0x75:  // u{…}
            if let (scalar, after) = source.unicodeEscape(openBrace: j + 1) {
                decoded = scalar
                end = after
            }
        case SwiftByte.space, SwiftByte.tab, SwiftByte.lf, SwiftByte.cr:
            if str.multiline, let after = source.lineContinuationEnd(j) {
                flushText(upTo: backslash)
                pieces.append(.continuation)
                i = after
                str.textStart = after
                return false
            }
        default:
            break
        }
        guard let scalar = decoded else {
            i += 1  // not an escape Swift knows: keep its text verbatim
            return false
        }
        flushText(upTo: backslash)
        pieces.append(.scalar(scalar))
        i = end
        str.textStart = end
        return false
    }

    mutating func flushText(upTo e: Int) {
        if e > str.textStart { pieces.append(.text(str.textStart, e)) }
        str.textStart = e
    }

    /// Back from `\( … )` into the literal that holds it.
    mutating func resumeString() {
        guard let outer = savedStrings.popLast() else { return }
        str = outer
        str.textStart = i
        inString = true
    }

    mutating func closeString(closeStart: Int, end: Int, terminated: Bool = true) {
        flushText(upTo: closeStart)
        finalize(str, closeStart: closeStart, end: end, terminated: terminated)
        i = end
        endString()
    }

    mutating func endString() {
        code = savedCode.popLast() ?? SwiftCodeFrame()
        push(.string, str.factIndex, 0)
        inString = false
    }

    /// Closes every literal still open at the end of input, innermost first.
    mutating func closeAllAtEOF() {
        if inString {
            notice(.unterminatedString, str.start)
            closeString(closeStart: n, end: n, terminated: false)
        }
        while let outer = savedStrings.popLast() {
            str = outer
            notice(.unterminatedString, str.start)
            finalize(str, closeStart: n, end: n, terminated: false)
            code = savedCode.popLast() ?? SwiftCodeFrame()
        }
    }

    // MARK: Values

    /// Builds the literal's value and verbatim runs from its pieces, then releases the pieces.
    mutating func finalize(_ f: SwiftStringFrame, closeStart: Int, end: Int, terminated: Bool) {
        var top = pieces.count
        var indent = 0..<0
        if f.multiline, terminated, let closing = closingLine(f, top: top) {
            indent = closing.indent
            top = closing.contentEnd
        }
        scratch.removeAll(keepingCapacity: true)
        var runs: [VerbatimRun] = []
        var atLineStart = f.multiline && f.openedWithNewline
        var k = f.pieceBase
        while k < top {
            switch pieces[k] {
            case .text(var s, let e):
                if atLineStart {
                    var m = indent.lowerBound
                    while m < indent.upperBound, s < e, p[s] == p[m] { s += 1; m += 1 }
                }
                appendVerbatim(s, e, &runs)
                atLineStart = false
            case .scalar(let scalar):
                appendScalar(scalar)
                atLineStart = false
            case .placeholder:
                scratch.append(contentsOf: [0xEF, 0xBF, 0xBC] as [UInt8])
                atLineStart = false
            case .newline(let s, let length):
                if length == 1, p[s] == SwiftByte.lf {
                    appendVerbatim(s, s + 1, &runs)
                } else {
                    scratch.append(SwiftByte.lf)
                }
                atLineStart = true
            case .continuation:
                atLineStart = true
            }
            k += 1
        }
        pieces.removeLast(pieces.count - f.pieceBase)
        guard f.factIndex < facts.strings.count else { return }
        facts.strings[f.factIndex].value = String(decoding: scratch, as: UTF8.self)
        facts.strings[f.factIndex].span = Span(start: f.start, end: max(end, f.start))
        facts.strings[f.factIndex].runs = runs
    }

    /// The closing `"""` line's indentation, and where content ends without that line's break,
    /// when the delimiter stands on a line of its own (otherwise nothing is stripped).
    func closingLine(_ f: SwiftStringFrame, top: Int) -> (indent: Range<Int>, contentEnd: Int)? {
        var lineBreak = top - 1
        while lineBreak >= f.pieceBase, !isLineBreak(pieces[lineBreak]) { lineBreak -= 1 }
        guard lineBreak >= f.pieceBase || f.openedWithNewline else { return nil }
        var indent = 0..<0
        for k in (lineBreak + 1)..<top {
            guard case let .text(s, e) = pieces[k], source.isBlank(s, e) else { return nil }
            indent = indent.isEmpty ? s..<e : indent.lowerBound..<e
        }
        var contentEnd = lineBreak + 1
        if lineBreak >= f.pieceBase, case .newline = pieces[lineBreak] { contentEnd = lineBreak }
        return (indent, contentEnd)
    }

    func isLineBreak(_ piece: SwiftPiece) -> Bool {
        switch piece {
        case .newline, .continuation: return true
        default: return false
        }
    }

    /// Copies source bytes into the value, recording runs; invalid UTF-8 becomes U+FFFD here (not
    /// in `String(decoding:)`) so that run offsets match the final value's bytes.
    mutating func appendVerbatim(_ s: Int, _ e: Int, _ runs: inout [VerbatimRun]) {
        var runStart = s
        var j = s
        while j < e {
            // Eight ASCII bytes are passed over at once (most of a literal's text).
            if j + 8 <= e, let base = p.baseAddress,
               UnsafeRawPointer(base).loadUnaligned(fromByteOffset: j, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                j += 8
                continue
            }
            if p[j] < 0x80 {
                j += 1
                continue
            }
            let length = source.validSequenceLength(j, limit: e)
            if length > 0 {
                j += length
                continue
            }
            appendRun(runStart, j, &runs)
            scratch.append(contentsOf: [0xEF, 0xBF, 0xBD] as [UInt8])
            j += 1
            runStart = j
        }
        appendRun(runStart, e, &runs)
    }

    mutating func appendRun(_ s: Int, _ e: Int, _ runs: inout [VerbatimRun]) {
        guard e > s else { return }
        let valueOffset = scratch.count
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[s..<e]))
        if let last = runs.last, last.sourceOffset + last.length == s, last.valueOffset + last.length == valueOffset {
            runs[runs.count - 1].length += e - s
        } else {
            runs.append(VerbatimRun(valueOffset: valueOffset, sourceOffset: s, length: e - s))
        }
    }

    mutating func appendScalar(_ v: UInt32) {
        switch v {
        case 0..<0x80:
            scratch.append(UInt8(v))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | v >> 6))
            scratch.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | v >> 12))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | v >> 18 & 0x07))
            scratch.append(UInt8(0x80 | v >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
