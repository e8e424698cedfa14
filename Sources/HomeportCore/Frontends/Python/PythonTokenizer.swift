// The Python tokenizer: Python 3.12's lexical grammar (PEP 701 f-strings, any nesting), iterative,
// enough to know what is a string, a comment and a docstring; not a validating parser.

// MARK: - Tokens

struct PythonToken {
    enum Kind: UInt8 { case name, number, string, op, newline }
    var kind: Kind
    /// For `.op`: the operator byte, or one of the `PythonToken.compound…` codes.
    var op: UInt8
    // Depths and indices are kept in 32 bits (32 bytes a token instead of 48: written once per token,
    // read by every walk); each is below the byte count, and no file this large is read whole.
    private var depth32: Int32
    var start: Int
    var end: Int
    private var piece32: Int32
    private var next32: Int32

    init(kind: Kind, op: UInt8 = 0, start: Int, end: Int, fDepth: Int, piece: Int = -1, next: Int = -1) {
        self.kind = kind
        self.op = op
        self.depth32 = Int32(truncatingIfNeeded: fDepth)
        self.start = start
        self.end = end
        self.piece32 = Int32(truncatingIfNeeded: piece)
        self.next32 = Int32(truncatingIfNeeded: next)
    }

    /// How many f-strings enclose the token (0 for ordinary code).
    var fDepth: Int {
        get { Int(depth32) }
        set { depth32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// For `.string`: index into the tokenizer's `pieces`.
    var piece: Int {
        get { Int(piece32) }
        set { piece32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// For `.string`: index of the first token after the string and everything inside it (the
    /// tokens of an f-string's replacement fields follow the f-string's own token).
    var next: Int {
        get { Int(next32) }
        set { next32 = Int32(truncatingIfNeeded: newValue) }
    }

    static let walrus: UInt8 = 1       // :=
    static let otherCompound: UInt8 = 2  // ==, !=, <=, +=, ->, ** …
}

/// A tokenizer's tokens, in the storage it grew them in, handed on without a copy and freed with the
/// last reader (the fact pass, and the calls read later).
final class PythonTokenStore: @unchecked Sendable {  // never written once made
    let tokens: UnsafeBufferPointer<PythonToken>

    /// Takes `base`, allocated with `allocate(capacity:)`, and its first `count` tokens.
    init(taking base: UnsafeMutablePointer<PythonToken>, count: Int) {
        tokens = UnsafeBufferPointer(start: base, count: count)
    }

    convenience init(_ tokens: [PythonToken]) {
        let base = UnsafeMutablePointer<PythonToken>.allocate(capacity: max(1, tokens.count))
        for (index, token) in tokens.enumerated() { (base + index).initialize(to: token) }
        self.init(taking: base, count: tokens.count)
    }

    deinit { UnsafeMutablePointer(mutating: tokens.baseAddress!).deallocate() }
}

/// One quoted string (one piece of a possible implicit concatenation), decoded.
///
/// Most strings hold no escape: their value is the source bytes between the quotes, kept without a
/// copy (`sourceRange`, one run); the others' values are decoded into `PythonPieces.decoded`.
/// A piece holds no reference, so the tokenizer's thousands of them are freed without a walk.
struct PythonPiece {
    private var start: Int
    /// The value's length in bytes.
    let count: Int
    /// Index into `PythonPieces.decoded`, or -1 when the value is the source bytes from `start`.
    let decoded: Int

    static func verbatim(_ range: Range<Int>) -> PythonPiece {
        PythonPiece(start: range.lowerBound, count: range.count, decoded: -1)
    }

    static func decoded(_ index: Int, count: Int) -> PythonPiece {
        PythonPiece(start: 0, count: count, decoded: index)
    }

    /// The source bytes that are the value, when the piece keeps no copy of them and is not empty.
    var sourceRange: Range<Int>? {
        guard decoded < 0, count > 0 else { return nil }
        return start..<(start + count)
    }
}

/// A decoded value and where its bytes stand verbatim in the source: what `StringValueBuilder.append`
/// joins (the C frontend's concatenations).
struct PythonStringPiece {
    var value: [UInt8]
    var runs: [VerbatimRun]
}

/// A file's string pieces, and the decoded values of those whose value is not their source bytes.
struct PythonPieces {
    private(set) var all: [PythonPiece] = []
    private(set) var decoded: [StringValueBuilder] = []

    var count: Int { all.count }

    subscript(index: Int) -> PythonPiece { all[index] }

    mutating func append(verbatim range: Range<Int>) {
        all.append(.verbatim(range))
    }

    mutating func append(decoded value: StringValueBuilder) {
        all.append(.decoded(decoded.count, count: value.bytes.count))
        decoded.append(value)
    }

    /// Where the piece's value stands verbatim in the source, in value order.
    func runs(of piece: PythonPiece) -> [VerbatimRun] {
        if piece.decoded >= 0 { return decoded[piece.decoded].runs }
        guard let range = piece.sourceRange else { return [] }
        return [VerbatimRun(valueOffset: 0, sourceOffset: range.lowerBound, length: range.count)]
    }
}

/// Accumulates a decoded string value and records which bytes were copied verbatim.
struct StringValueBuilder {
    var bytes: [UInt8] = []
    var runs: [VerbatimRun] = []

    mutating func appendVerbatim(_ byte: UInt8, from sourceOffset: Int) {
        if let last = runs.last,
           last.sourceOffset + last.length == sourceOffset,
           last.valueOffset + last.length == bytes.count {
            runs[runs.count - 1].length += 1
        } else {
            runs.append(VerbatimRun(valueOffset: bytes.count, sourceOffset: sourceOffset, length: 1))
        }
        bytes.append(byte)
    }

    /// Appends `source[range]` unchanged, extending the last run when it is adjacent.
    mutating func appendVerbatim(_ source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if bytes.isEmpty && runs.isEmpty {  // most strings: one run, copied in one allocation
            bytes = Array(UnsafeBufferPointer(rebasing: source[range]))
            runs = [VerbatimRun(valueOffset: 0, sourceOffset: range.lowerBound, length: range.count)]
            return
        }
        if let last = runs.last,
           last.sourceOffset + last.length == range.lowerBound,
           last.valueOffset + last.length == bytes.count {
            runs[runs.count - 1].length += range.count
        } else {
            runs.append(VerbatimRun(valueOffset: bytes.count, sourceOffset: range.lowerBound, length: range.count))
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[range]))
    }

    mutating func appendDecoded(_ decoded: [UInt8]) {
        bytes.append(contentsOf: decoded)
    }

    mutating func appendDecoded(scalar value: UInt32) {
        guard let scalar = Unicode.Scalar(value) else {
            bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD for surrogates and out-of-range
            return
        }
        bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// Shifted copy of `other`'s content appended after this one's (implicit concatenation).
    mutating func append(_ other: PythonStringPiece) {
        append(value: other.value, runs: other.runs)
    }

    /// Shifted copy of a piece's value and runs appended after this one's (implicit concatenation).
    mutating func append(value: [UInt8], runs otherRuns: [VerbatimRun]) {
        let shift = bytes.count
        for run in otherRuns {
            runs.append(VerbatimRun(valueOffset: run.valueOffset + shift,
                                    sourceOffset: run.sourceOffset, length: run.length))
        }
        bytes.append(contentsOf: value)
    }
}

// MARK: - Tokenizer

struct PythonTokenizer {
    /// The file's bytes, valid while `run` runs (the frontend lends them): no bounds checks, no copies.
    let bytes: UnsafeBufferPointer<UInt8>
    var pos: Int
    /// The tokens, once `run` has returned.
    private(set) var store: PythonTokenStore?
    /// The tokens while `run` runs, in storage grown here: `Array.append` asks the runtime whether its
    /// buffer is shared at every token, a call per five bytes of code.
    private var tokenBase: UnsafeMutablePointer<PythonToken>
    private var tokenCount = 0
    private var tokenCapacity: Int
    var pieces = PythonPieces()
    var comments: [CommentFact] = []
    var notices: [FrontendNotice] = []

    /// Bracket depth of top-level code: newlines inside brackets do not end a statement.
    private var bracketDepth = 0

    private enum Mode {
        case code
        /// Code inside an f-string replacement field; `depth` counts brackets opened in the field.
        case field(fString: Int, depth: Int)
        /// The literal part of an f-string (index into `fStrings`).
        case fStringLiteral(Int)
        /// A format spec after `:` in a field; literal text until the field's `}`.
        case formatSpec(fString: Int)
    }

    private struct FStringState {
        var quote: UInt8
        var triple: Bool
        var raw: Bool
        var start: Int
        var tokenIndex: Int
        var builder = StringValueBuilder()
    }

    private var modes: [Mode] = [.code]
    private var fStrings: [FStringState] = []

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int) {
        self.bytes = bytes
        self.pos = start
        // Code has about one token per five to six bytes: reserved once, never grown and copied in
        // the common case (pages of the reserve that are not written cost nothing).
        tokenCapacity = bytes.count / 4 + 16
        tokenBase = .allocate(capacity: tokenCapacity)
    }

    private var fDepth: Int { fStrings.count }

    @inline(__always)
    private mutating func appendToken(_ token: PythonToken) {
        if tokenCount == tokenCapacity { growTokens() }
        (tokenBase + tokenCount).initialize(to: token)
        tokenCount += 1
    }

    @inline(never)
    private mutating func growTokens() {
        tokenCapacity *= 2
        let grown = UnsafeMutablePointer<PythonToken>.allocate(capacity: tokenCapacity)
        grown.moveInitialize(from: tokenBase, count: tokenCount)
        tokenBase.deallocate()
        tokenBase = grown
    }

    /// Lexes the whole input into `store`, `pieces`, `comments` and `notices`. Once only: the
    /// storage grown while lexing is handed to `store`.
    mutating func run() {
        lexInput()
        store = PythonTokenStore(taking: tokenBase, count: tokenCount)
    }

    /// A copy of the tokens (for tests).
    var tokens: [PythonToken] { store.map { Array($0.tokens) } ?? [] }

    private mutating func lexInput() {
        while pos < bytes.count {
            switch modes[modes.count - 1] {
            case .code:
                lexTopLevelCode()
            case .field(let fString, _):
                lexCode(inField: fString)
            case .fStringLiteral(let index):
                lexFStringLiteral(index)
            case .formatSpec(let index):
                lexFormatSpec(index)
            }
        }
        // Unclosed f-strings at end of input: report and close each so its value is not lost.
        while let mode = modes.last {
            switch mode {
            case .code:
                return
            case .fStringLiteral(let index):
                notices.append(FrontendNotice(.unterminatedString,
                                              offset: fStrings[index].start))
                finishFString(end: bytes.count)
            case .field, .formatSpec:
                modes.removeLast()
            }
        }
    }

    // MARK: Code

    /// Top-level code (the bottom mode) until the input ends or an f-string opens. Names, operators
    /// and blanks, most of a file, are lexed here without the per-token dispatch on the mode; the rest
    /// goes through `lexCode` as in an f-string's field.
    private mutating func lexTopLevelCode() {
        let n = bytes.count
        while pos < n {
            let byte = bytes[pos]
            if isIdentifierStart(byte) {  // names, the most frequent tokens, before the switch
                let start = pos
                let end = identifierEnd(from: pos + 1)
                guard end < n, bytes[end] == 0x22 || bytes[end] == 0x27 else {
                    appendToken(PythonToken(kind: .name, start: start, end: end, fDepth: 0))
                    pos = end
                    continue
                }
                lexNameOrPrefixedString()  // perhaps a string prefix (`rb"…"`)
                if modes.count > 1 { return }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0C:
                pos = blankEnd(from: pos + 1)
            case 0x28, 0x5B, 0x7B:
                // Brackets and commas, the most frequent operators, are never part of a compound one:
                // their tokens are made here, without `lexOperator`'s look at the next byte.
                bracketDepth += 1
                appendToken(PythonToken(kind: .op, op: byte, start: pos, end: pos + 1, fDepth: 0))
                pos += 1
            case 0x29, 0x5D, 0x7D:
                bracketDepth = max(0, bracketDepth - 1)
                appendToken(PythonToken(kind: .op, op: byte, start: pos, end: pos + 1, fDepth: 0))
                pos += 1
            case 0x2C,
                 0x2E where !(pos + 1 < n && bytes[pos + 1] >= 0x30 && bytes[pos + 1] <= 0x39),
                 0x3A where !(pos + 1 < n && bytes[pos + 1] == 0x3D),
                 0x3D where !(pos + 1 < n && bytes[pos + 1] == 0x3D):
                // `,`, `.` (not `.5`), `:` (not `:=`) and `=` (not `==`): one byte each, made here too.
                appendToken(PythonToken(kind: .op, op: byte, start: pos, end: pos + 1, fDepth: 0))
                pos += 1
            case 0x21, 0x25...0x26, 0x28...0x2D, 0x2F, 0x3A...0x40, 0x5B, 0x5D, 0x5E, 0x60, 0x7B...0x7E:
                lexOperator(byte, inField: nil)  // an operator or delimiter other than `.` (`.5` is a number)
            default:
                lexCode(inField: nil)
                if modes.count > 1 { return }  // an f-string opened
            }
        }
    }

    /// The end of the identifier bytes from `start` on: eight bytes at a time while eight remain (a
    /// name's bytes are most of a file's), then byte by byte; the same end as a loop over
    /// `isIdentifierContinue`.
    @inline(__always)
    func identifierEnd(from start: Int) -> Int {
        var i = start
        let n = bytes.count
        while i + 8 <= n {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
            let stop = nonIdentifierBytes(word)
            if stop != 0 { return i + stop.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n && isIdentifierContinue(bytes[i]) { i += 1 }
        return i
    }

    /// The end of the blanks (space, tab, form feed) from `start` on: spaces eight at a time (indentation).
    @inline(__always)
    func blankEnd(from start: Int) -> Int {
        var i = start
        let n = bytes.count
        while i + 8 <= n {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
            let other = word ^ 0x2020_2020_2020_2020
            if other != 0 {
                i += other.trailingZeroBitCount >> 3
                break
            }
            i += 8
        }
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0C { i += 1 }
        return i
    }

    /// One token or blank of code in an f-string's field (`fString`), or a comment, string or number of
    /// top-level code (`nil`).
    private mutating func lexCode(inField fString: Int?) {
        let byte = bytes[pos]
        switch byte {
        case 0x20, 0x09, 0x0C:
            pos += 1
            while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 || bytes[pos] == 0x0C { pos += 1 }
        case 0x0A, 0x0D:
            let start = pos
            pos += (byte == 0x0D && pos + 1 < bytes.count && bytes[pos + 1] == 0x0A) ? 2 : 1
            if fString == nil && bracketDepth == 0 {
                appendNewline(at: start)
            }
        case 0x5C:  // backslash: line continuation
            pos += 1
            if pos < bytes.count && bytes[pos] == 0x0D { pos += 1 }
            if pos < bytes.count && bytes[pos] == 0x0A { pos += 1 }
        case 0x23:  // '#'
            lexComment()
        case 0x22, 0x27:
            lexString(prefixStart: pos, raw: false, bytesLiteral: false, formatted: false)
        case 0x30...0x39:
            lexNumber()
        case 0x2E where pos + 1 < bytes.count && bytes[pos + 1] >= 0x30 && bytes[pos + 1] <= 0x39:
            lexNumber()
        default:
            if isIdentifierStart(byte) {
                lexNameOrPrefixedString()
            } else {
                lexOperator(byte, inField: fString)
            }
        }
    }

    private mutating func appendNewline(at offset: Int) {
        if tokenCount > 0, tokenBase[tokenCount - 1].kind != .newline {
            appendToken(PythonToken(kind: .newline, start: offset, end: offset, fDepth: 0))
        }
    }

    private mutating func lexComment() {
        let start = pos
        while pos < bytes.count && bytes[pos] != 0x0A && bytes[pos] != 0x0D { pos += 1 }
        comments.append(CommentFact(
            text: String(decoding: bytes[start..<pos], as: UTF8.self),
            span: Span(start: start, end: pos),
            standsAlone: onlyWhitespaceBefore(start)))
    }

    private func onlyWhitespaceBefore(_ offset: Int) -> Bool {
        var i = offset - 1
        while i >= 0 {
            switch bytes[i] {
            case 0x0A, 0x0D: return true
            case 0x20, 0x09, 0x0C: i -= 1
            case 0xBF where i == 2 && bytes[0] == 0xEF && bytes[1] == 0xBB: return true
            default: return false
            }
        }
        return true
    }

    private mutating func lexNumber() {
        let start = pos
        while pos < bytes.count {
            let b = bytes[pos]
            if isIdentifierContinue(b) || b == 0x2E {
                pos += 1
            } else if (b == 0x2B || b == 0x2D), pos > start,
                      bytes[pos - 1] == 0x65 || bytes[pos - 1] == 0x45,
                      !(bytes[start] == 0x30 && pos > start + 1 && (bytes[start + 1] | 0x20) == 0x78) {
                pos += 1  // exponent sign, but not in a hex literal such as 0x1e+2
            } else {
                break
            }
        }
        appendToken(PythonToken(kind: .number, start: start, end: pos, fDepth: fDepth))
    }

    private mutating func lexNameOrPrefixedString() {
        let start = pos
        while pos < bytes.count && isIdentifierContinue(bytes[pos]) { pos += 1 }
        if pos < bytes.count, bytes[pos] == 0x22 || bytes[pos] == 0x27, pos - start <= 2,
           let prefix = stringPrefix(start..<pos) {
            lexString(prefixStart: start, raw: prefix.raw, bytesLiteral: prefix.bytes,
                      formatted: prefix.formatted)
            return
        }
        appendToken(PythonToken(kind: .name, start: start, end: pos, fDepth: fDepth))
    }

    /// The meaning of a string prefix (`r b u f t rb br fr rf tr rt`, any case), or nil if it is a name.
    private func stringPrefix(_ range: Range<Int>) -> (raw: Bool, bytes: Bool, formatted: Bool)? {
        var raw = false, isBytes = false, formatted = false, unicode = false
        for i in range {
            switch bytes[i] | 0x20 {
            case 0x72 where !raw: raw = true          // r
            case 0x62 where !isBytes: isBytes = true  // b
            case 0x66 where !formatted, 0x74 where !formatted: formatted = true  // f, t
            case 0x75 where !unicode: unicode = true  // u
            default: return nil
            }
        }
        if unicode && range.count > 1 { return nil }
        if isBytes && formatted { return nil }
        return (raw, isBytes, formatted)
    }

    private mutating func lexOperator(_ byte: UInt8, inField fString: Int?) {
        let start = pos
        let next: UInt8 = pos + 1 < bytes.count ? bytes[pos + 1] : 0
        var op = byte
        var length = 1
        if fString != nil, case .field(let index, let depth) = modes[modes.count - 1] {
            switch byte {
            case 0x28, 0x5B, 0x7B:
                modes[modes.count - 1] = .field(fString: index, depth: depth + 1)
            case 0x29, 0x5D:
                modes[modes.count - 1] = .field(fString: index, depth: max(0, depth - 1))
            case 0x7D:
                if depth == 0 {
                    pos += 1
                    modes.removeLast()  // back to the literal part or the format spec
                    return
                }
                modes[modes.count - 1] = .field(fString: index, depth: depth - 1)
            case 0x21 where depth == 0 && next != 0x3D:  // '!' conversion: !r !s !a
                pos += 1
                while pos < bytes.count && isIdentifierContinue(bytes[pos]) { pos += 1 }
                return
            case 0x3A where depth == 0:  // ':' starts the format spec
                pos += 1
                modes[modes.count - 1] = .formatSpec(fString: index)
                return
            default: break
            }
        } else {
            switch byte {
            case 0x28, 0x5B, 0x7B: bracketDepth += 1
            case 0x29, 0x5D, 0x7D: bracketDepth = max(0, bracketDepth - 1)
            default: break
            }
        }
        (op, length) = PythonTokenizer.operatorCode(byte, next: next)
        pos += length
        appendToken(PythonToken(kind: .op, op: op, start: start, end: pos, fDepth: fDepth))
    }

    /// The operator starting with `byte`, followed by `next`: the byte itself, or a compound's code and
    /// its length.
    @inline(__always)
    private static func operatorCode(_ byte: UInt8, next: UInt8) -> (op: UInt8, length: Int) {
        if next == 0x3D, byte == 0x3A { return (PythonToken.walrus, 2) }
        if next == 0x3D, takesEquals(byte) { return (PythonToken.otherCompound, 2) }
        if (byte == 0x2D && next == 0x3E) || (byte == 0x2A && next == 0x2A) || (byte == 0x2F && next == 0x2F) {
            return (PythonToken.otherCompound, 2)
        }
        return (byte, 1)
    }

    /// `=!<>+-*/%&|^@`: the operators that make a compound one with a following `=`.
    @inline(__always)
    private static func takesEquals(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x21, 0x3C, 0x3E, 0x2B, 0x2D, 0x2A, 0x2F, 0x25, 0x26, 0x7C, 0x5E, 0x40: return true
        default: return false
        }
    }

    // MARK: Strings

    private mutating func lexString(prefixStart: Int, raw: Bool, bytesLiteral: Bool, formatted: Bool) {
        let quote = bytes[pos]
        let triple = pos + 2 < bytes.count && bytes[pos + 1] == quote && bytes[pos + 2] == quote
        pos += triple ? 3 : 1
        if formatted {
            appendToken(PythonToken(kind: .string, start: prefixStart, end: prefixStart,
                                      fDepth: fDepth, piece: -1))
            fStrings.append(FStringState(quote: quote, triple: triple, raw: raw, start: prefixStart,
                                         tokenIndex: tokenCount - 1))
            modes.append(.fStringLiteral(fStrings.count - 1))
            return
        }
        if let content = verbatimContent(quote: quote, triple: triple) {
            // The value is the bytes between the quotes: one run, no copy (see `PythonPiece`).
            pos = content.upperBound + (triple ? 3 : 1)
            pieces.append(verbatim: content)
            appendToken(PythonToken(kind: .string, start: prefixStart, end: pos, fDepth: fDepth,
                                      piece: pieces.count - 1, next: tokenCount + 1))
            return
        }
        var builder = StringValueBuilder()
        let stop = lexStringContent(quote: quote, triple: triple, raw: raw, bytesLiteral: bytesLiteral,
                                    formatted: false, into: &builder)
        if stop != .closed {
            notices.append(FrontendNotice(.unterminatedString, offset: prefixStart))
        }
        pieces.append(decoded: builder)
        appendToken(PythonToken(kind: .string, start: prefixStart, end: pos, fDepth: fDepth,
                                  piece: pieces.count - 1, next: tokenCount + 1))
    }

    /// The content of the string whose quotes open before `pos`, when it is closed and holds no byte
    /// that `lexStringContent` decodes rather than copies (a backslash, a carriage return, or a line
    /// feed in a one-line string); nil otherwise, and `lexStringContent` decodes it.
    private func verbatimContent(quote: UInt8, triple: Bool) -> Range<Int>? {
        let n = bytes.count
        var i = pos
        while i < n {
            i = contentStop(from: i, quote: quote, triple: triple)
            guard i < n else { return nil }
            let b = bytes[i]
            if b == quote {
                if !triple { return pos..<i }
                if i + 2 < n && bytes[i + 1] == quote && bytes[i + 2] == quote { return pos..<i }
            } else if b == 0x5C || b == 0x0D || (b == 0x0A && !triple) {
                return nil
            }
            i += 1
        }
        return nil
    }

    /// The first byte from `start` on that ends or breaks a string's verbatim content: its quote, a
    /// backslash, a carriage return, or (one-line strings) a line feed; the byte count if none. Eight
    /// bytes at a time while eight remain.
    @inline(__always)
    func contentStop(from start: Int, quote: UInt8, triple: Bool) -> Int {
        var i = start
        let n = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        while i + 8 <= n {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
            var stops = zeroBytes(word ^ (UInt64(quote) &* ones)) | zeroBytes(word ^ (0x5C &* ones))
                | zeroBytes(word ^ (0x0D &* ones))
            if !triple { stops |= zeroBytes(word ^ (0x0A &* ones)) }
            if stops != 0 { return i + stops.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n {
            let b = bytes[i]
            if b == quote || b == 0x5C || b == 0x0D || (b == 0x0A && !triple) { return i }
            i += 1
        }
        return n
    }

    private enum BodyStop { case closed, unterminated, field }

    /// Decodes string content up to the closing quote, the end of the line of a one-line string,
    /// or (in f-strings) the `{` that opens a replacement field.
    private mutating func lexStringContent(quote: UInt8, triple: Bool, raw: Bool, bytesLiteral: Bool,
                                           formatted: Bool,
                                           into builder: inout StringValueBuilder) -> BodyStop {
        let n = bytes.count
        while pos < n {
            let b = bytes[pos]
            if b == quote {
                if !triple {
                    pos += 1
                    return .closed
                }
                if pos + 2 < n && bytes[pos + 1] == quote && bytes[pos + 2] == quote {
                    pos += 3
                    return .closed
                }
                builder.appendVerbatim(b, from: pos)
                pos += 1
            } else if b == 0x0A || b == 0x0D {
                if !triple { return .unterminated }
                if b == 0x0D && pos + 1 < n && bytes[pos + 1] == 0x0A {
                    builder.appendDecoded([0x0A])
                    pos += 2
                } else if b == 0x0D {
                    builder.appendDecoded([0x0A])
                    pos += 1
                } else {
                    builder.appendVerbatim(b, from: pos)
                    pos += 1
                }
            } else if b == 0x5C {
                lexEscape(raw: raw, bytesLiteral: bytesLiteral, into: &builder)
            } else if formatted && b == 0x7B {
                if pos + 1 < n && bytes[pos + 1] == 0x7B {
                    builder.appendVerbatim(b, from: pos)
                    pos += 2
                } else {
                    pos += 1
                    return .field
                }
            } else if formatted && b == 0x7D && pos + 1 < n && bytes[pos + 1] == 0x7D {
                builder.appendVerbatim(b, from: pos)
                pos += 2
            } else {
                // Copy the run of ordinary bytes up to the next byte that needs a decision.
                let start = pos
                pos += 1
                while pos < n {
                    let c = bytes[pos]
                    if c == quote || c == 0x0A || c == 0x0D || c == 0x5C || (formatted && (c == 0x7B || c == 0x7D)) {
                        break
                    }
                    pos += 1
                }
                builder.appendVerbatim(bytes, start..<pos)
            }
        }
        return .unterminated
    }

    private mutating func lexEscape(raw: Bool, bytesLiteral: Bool, into builder: inout StringValueBuilder) {
        let n = bytes.count
        guard pos + 1 < n else {
            builder.appendVerbatim(bytes[pos], from: pos)
            pos += 1
            return
        }
        let next = bytes[pos + 1]
        if raw {
            // In raw strings a backslash stays, and only keeps the next quote from closing the string.
            builder.appendVerbatim(0x5C, from: pos)
            pos += 1
            if next == 0x0D || next == 0x0A { return }
            builder.appendVerbatim(next, from: pos)
            pos += 1
            return
        }
        switch next {
        case 0x0A:
            pos += 2  // line continuation inside the string
        case 0x0D:
            pos += 2
            if pos < n && bytes[pos] == 0x0A { pos += 1 }
        case 0x5C, 0x27, 0x22:
            builder.appendDecoded([next]); pos += 2
        case 0x6E: builder.appendDecoded([0x0A]); pos += 2  // \n
        case 0x74: builder.appendDecoded([0x09]); pos += 2  // \t
        case 0x72: builder.appendDecoded([0x0D]); pos += 2  // \r
        case 0x61: builder.appendDecoded([0x07]); pos += 2  // \a
        case 0x62: builder.appendDecoded([0x08]); pos += 2  // \b
        case 0x66: builder.appendDecoded([0x0C]); pos += 2  // \f
        case 0x76: builder.appendDecoded([0x0B]); pos += 2  // \v
        case 0x78:  // \xHH
            decodeHexEscape(digits: 2, asByte: bytesLiteral, into: &builder)
        case 0x75 where !bytesLiteral:
            decodeHexEscape(digits: 4, asByte: false, into: &builder)
        case 0x55 where !bytesLiteral:
            decodeHexEscape(digits: 8, asByte: false, into: &builder)
        case 0x30...0x37:  // octal, up to three digits
            var value: UInt32 = 0
            var i = pos + 1
            while i < n && i < pos + 4 && bytes[i] >= 0x30 && bytes[i] <= 0x37 {
                value = value * 8 + UInt32(bytes[i] - 0x30)
                i += 1
            }
            pos = i
            if bytesLiteral { builder.appendDecoded([UInt8(truncatingIfNeeded: value)]) }
            else { builder.appendDecoded(scalar: value) }
        default:
            // Unknown escapes (and \N{…}, whose names we do not resolve) keep their text.
            builder.appendVerbatim(0x5C, from: pos)
            pos += 1
        }
    }

    private mutating func decodeHexEscape(digits: Int, asByte: Bool, into builder: inout StringValueBuilder) {
        var value: UInt32 = 0
        var i = pos + 2
        while i < bytes.count && i < pos + 2 + digits, let digit = hexValue(bytes[i]) {
            value = value * 16 + UInt32(digit)
            i += 1
        }
        guard i == pos + 2 + digits else {
            builder.appendVerbatim(0x5C, from: pos)  // malformed: keep the text
            pos += 1
            return
        }
        pos = i
        if asByte { builder.appendDecoded([UInt8(truncatingIfNeeded: value)]) }
        else { builder.appendDecoded(scalar: value) }
    }

    // MARK: f-strings

    private mutating func lexFStringLiteral(_ index: Int) {
        var builder = fStrings[index].builder
        fStrings[index].builder = StringValueBuilder()  // keep the buffer uniquely referenced
        let state = fStrings[index]
        let stop = lexStringContent(quote: state.quote, triple: state.triple, raw: state.raw,
                                    bytesLiteral: false, formatted: true, into: &builder)
        fStrings[index].builder = builder
        switch stop {
        case .closed:
            finishFString(end: pos)
        case .unterminated:
            notices.append(FrontendNotice(.unterminatedString, offset: state.start))
            finishFString(end: pos)
        case .field:
            fStrings[index].builder.appendDecoded(
                Array(String(StringLiteralFact.interpolationPlaceholder).utf8))
            modes.append(.field(fString: index, depth: 0))
        }
    }

    private mutating func lexFormatSpec(_ index: Int) {
        // Literal until the field's closing brace; a nested `{` opens another field. A newline in a
        // one-line f-string or its closing quote ends a broken spec so the literal part can recover.
        let state = fStrings[index]
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 0x7B {
                pos += 1
                modes.append(.field(fString: index, depth: 0))
                return
            }
            if b == 0x7D {
                pos += 1
                modes.removeLast()
                return
            }
            if b == state.quote || (!state.triple && (b == 0x0A || b == 0x0D)) {
                modes.removeLast()
                return
            }
            pos += 1
        }
    }

    private mutating func finishFString(end: Int) {
        let state = fStrings.removeLast()
        modes.removeLast()
        pieces.append(decoded: state.builder)
        tokenBase[state.tokenIndex].end = end
        tokenBase[state.tokenIndex].piece = pieces.count - 1
        tokenBase[state.tokenIndex].next = tokenCount
    }
}

// MARK: - Character classes

// Identifier bytes as bit masks over the low 128 bytes, one word per 64 (a shift and a test per byte
// instead of five range checks: asked for every byte of every name). Bits 1–26, 31 and 33–58 of the
// second word are `A`–`Z`, `_` and `a`–`z`; bits 48–57 of the first are `0`–`9`. Every byte from 0x80
// on (UTF-8 beyond ASCII) is taken as part of a name.

@inline(__always)
func isIdentifierStart(_ b: UInt8) -> Bool {
    b >= 0x80 || (b >= 0x40 && (0x07FF_FFFE_87FF_FFFE as UInt64) >> UInt64(b & 63) & 1 != 0)
}

@inline(__always)
func isIdentifierContinue(_ b: UInt8) -> Bool {
    let word: UInt64 = b < 0x40 ? 0x03FF_0000_0000_0000 : 0x07FF_FFFE_87FF_FFFE
    return b >= 0x80 || word >> UInt64(b & 63) & 1 != 0
}

/// The high bit of each byte of `word` that is not an identifier byte (`isIdentifierContinue`), the
/// others clear. Each test works on seven-bit values, so no sum carries into the next byte: `v + (0x80 - a)`
/// has its high bit set when `v >= a`, `v + (0x7F - b)` when `v > b`.
@inline(__always)
func nonIdentifierBytes(_ word: UInt64) -> UInt64 {
    let high: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    let v = word & ~high
    let folded = v | (0x20 &* ones)  // `A`–`Z` to `a`–`z`
    let letter = (folded &+ (0x80 - 0x61) &* ones) & ~(folded &+ (0x7F - 0x7A) &* ones)
    let digit = (v &+ (0x80 - 0x30) &* ones) & ~(v &+ (0x7F - 0x39) &* ones)
    let underscore = ~((v ^ (0x5F &* ones)) &+ (0x7F &* ones))
    let identifier = (letter | digit | underscore | word) & high  // bytes from 0x80 on are in names
    return ~identifier & high
}

/// The high bit of each zero byte of `word`, and maybe of bytes above the first zero one (a borrow
/// runs up): the lowest bit set is exact.
@inline(__always)
func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
}

@inline(__always)
func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: return b - 0x30
    case 0x41...0x46: return b - 0x41 + 10
    case 0x61...0x66: return b - 0x61 + 10
    default: return nil
    }
}
