// Python frontend: a hand-written tokenizer for Python 2/3 source and the pass that turns tokens into Facts.
//
// Tokenizing follows the Python 3.12 lexical grammar (PEP 701 f-strings, any nesting) closely enough
// to know what is a string, a comment and a docstring; it is not a validating parser. The token pass
// and the fact pass are both iterative: an explicit mode stack replaces recursion on f-string nesting.

public struct PythonLexer: Frontend {
    public init() {}

    public func facts(in file: SourceFile) -> Facts {
        var tokenizer = PythonTokenizer(bytes: file.bytes, start: file.lineStarts[0])
        tokenizer.run()
        var extractor = PythonFactExtractor(bytes: file.bytes, tokens: tokenizer.tokens,
                                            pieces: tokenizer.pieces)
        extractor.run()
        var facts = extractor.facts
        let (calls, prose) = extractor.calls()
        facts.calls = calls
        // print(), logging, warnings.warn and exception messages: prose, as `help=` is.
        if !prose.isEmpty {
            for index in facts.strings.indices where prose.contains(facts.strings[index].span.start) {
                facts.strings[index].isDocumentation = true
            }
        }
        facts.environmentReads = extractor.settingsFieldReads()
        facts.comments = tokenizer.comments
        facts.notices = tokenizer.notices
        return facts
    }
}

// MARK: - Tokens

struct PythonToken {
    enum Kind: UInt8 { case name, number, string, op, newline }
    var kind: Kind
    /// For `.op`: the operator byte, or one of the `PythonToken.compound…` codes.
    var op: UInt8 = 0
    var start: Int
    var end: Int
    /// How many f-strings enclose the token (0 for ordinary code).
    var fDepth: Int
    /// For `.string`: index into the tokenizer's `pieces`.
    var piece: Int = -1
    /// For `.string`: index of the first token after the string and everything inside it (the
    /// tokens of an f-string's replacement fields follow the f-string's own token).
    var next: Int = -1

    static let walrus: UInt8 = 1       // :=
    static let otherCompound: UInt8 = 2  // ==, !=, <=, +=, ->, ** …
}

/// One quoted string (one piece of a possible implicit concatenation), decoded.
struct PythonStringPiece {
    var value: [UInt8]
    var runs: [VerbatimRun]
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
        let shift = bytes.count
        for run in other.runs {
            runs.append(VerbatimRun(valueOffset: run.valueOffset + shift,
                                    sourceOffset: run.sourceOffset, length: run.length))
        }
        bytes.append(contentsOf: other.value)
    }
}

// MARK: - Tokenizer

struct PythonTokenizer {
    let bytes: [UInt8]
    var pos: Int
    var tokens: [PythonToken] = []
    var pieces: [PythonStringPiece] = []
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

    init(bytes: [UInt8], start: Int) {
        self.bytes = bytes
        self.pos = start
    }

    private var fDepth: Int { fStrings.count }

    mutating func run() {
        while pos < bytes.count {
            switch modes[modes.count - 1] {
            case .code:
                lexCode(inField: nil)
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

    private mutating func lexCode(inField fString: Int?) {
        let byte = bytes[pos]
        switch byte {
        case 0x20, 0x09, 0x0C:
            pos += 1
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
        if let last = tokens.last, last.kind != .newline {
            tokens.append(PythonToken(kind: .newline, start: offset, end: offset, fDepth: 0))
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
        tokens.append(PythonToken(kind: .number, start: start, end: pos, fDepth: fDepth))
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
        tokens.append(PythonToken(kind: .name, start: start, end: pos, fDepth: fDepth))
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
        if case .field(let index, let depth) = modes[modes.count - 1] {
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
        if next == 0x3D, byte == 0x3A {
            op = PythonToken.walrus
            length = 2
        } else if next == 0x3D, "=!<>+-*/%&|^@".utf8.contains(byte) {
            op = PythonToken.otherCompound
            length = 2
        } else if (byte == 0x2D && next == 0x3E) || (byte == 0x2A && next == 0x2A)
                    || (byte == 0x2F && next == 0x2F) {
            op = PythonToken.otherCompound
            length = 2
        }
        pos += length
        tokens.append(PythonToken(kind: .op, op: op, start: start, end: pos, fDepth: fDepth))
    }

    // MARK: Strings

    private mutating func lexString(prefixStart: Int, raw: Bool, bytesLiteral: Bool, formatted: Bool) {
        let quote = bytes[pos]
        let triple = pos + 2 < bytes.count && bytes[pos + 1] == quote && bytes[pos + 2] == quote
        pos += triple ? 3 : 1
        if formatted {
            tokens.append(PythonToken(kind: .string, start: prefixStart, end: prefixStart,
                                      fDepth: fDepth, piece: -1))
            fStrings.append(FStringState(quote: quote, triple: triple, raw: raw, start: prefixStart,
                                         tokenIndex: tokens.count - 1))
            modes.append(.fStringLiteral(fStrings.count - 1))
            return
        }
        var builder = StringValueBuilder()
        let stop = lexStringContent(quote: quote, triple: triple, raw: raw, bytesLiteral: bytesLiteral,
                                    formatted: false, into: &builder)
        if stop != .closed {
            notices.append(FrontendNotice(.unterminatedString, offset: prefixStart))
        }
        pieces.append(PythonStringPiece(value: builder.bytes, runs: builder.runs))
        tokens.append(PythonToken(kind: .string, start: prefixStart, end: pos, fDepth: fDepth,
                                  piece: pieces.count - 1, next: tokens.count + 1))
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
                bytes.withUnsafeBufferPointer { builder.appendVerbatim($0, start..<pos) }
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
        pieces.append(PythonStringPiece(value: state.builder.bytes, runs: state.builder.runs))
        tokens[state.tokenIndex].end = end
        tokens[state.tokenIndex].piece = pieces.count - 1
        tokens[state.tokenIndex].next = tokens.count
    }
}

// MARK: - Character classes

@inline(__always)
func isIdentifierStart(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b >= 0x80
}

@inline(__always)
func isIdentifierContinue(_ b: UInt8) -> Bool {
    isIdentifierStart(b) || (b >= 0x30 && b <= 0x39)
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

// MARK: - Facts from tokens

/// Walks the token stream once: imports, docstrings (dropped), implicit concatenation, labels.
struct PythonFactExtractor {
    let bytes: [UInt8]
    let tokens: [PythonToken]
    let pieces: [PythonStringPiece]
    var facts = Facts()
    /// The last string group: the token after it and the collection label it got, so each element of
    /// a long list inherits the label from the one before instead of walking back to the bracket.
    private var lastGroup: (next: Int, collectionLabel: String?) = (-1, nil)

    init(bytes: [UInt8], tokens: [PythonToken], pieces: [PythonStringPiece]) {
        self.bytes = bytes
        self.tokens = tokens
        self.pieces = pieces
    }

    mutating func run() {
        var consumed = [Bool](repeating: false, count: tokens.count)
        var statementStart = true
        // A string statement here is a docstring: first statement of the module or of a def/class body.
        var docstringPosition = true
        var inDefinitionHeader = false
        var depth = 0
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            if consumed[i] { i += 1; continue }
            if token.fDepth > 0 {
                if token.kind == .string { emitString(groupFrom: i, consumed: &consumed) }
                else if token.kind == .name { detectDynamicImport(at: i) }
                i += 1
                continue
            }
            var nextStatementStart = false
            var nextDocstringPosition = false
            switch token.kind {
            case .newline:
                nextStatementStart = true
                nextDocstringPosition = docstringPosition
                inDefinitionHeader = false
                depth = 0
            case .name:
                if statementStart {
                    if nameIs(token, "import") {
                        emitImports(after: i)
                    } else if nameIs(token, "def") || nameIs(token, "class") {
                        inDefinitionHeader = true
                    } else if nameIs(token, "async"), i + 1 < tokens.count, nameIs(tokens[i + 1], "def") {
                        inDefinitionHeader = true
                    }
                }
                if nameIs(token, "from") { emitFromImport(after: i) }
                detectDynamicImport(at: i)
            case .op:
                switch token.op {
                case 0x28, 0x5B, 0x7B: depth += 1
                case 0x29, 0x5D, 0x7D: depth = max(0, depth - 1)
                case 0x3A where depth == 0 && inDefinitionHeader:
                    inDefinitionHeader = false
                    nextStatementStart = true
                    nextDocstringPosition = true
                case 0x3B where depth == 0:  // ';'
                    nextStatementStart = true
                default: break
                }
            case .string:
                emitString(groupFrom: i, consumed: &consumed,
                           dropIfDocstring: docstringPosition && statementStart)
            case .number:
                break
            }
            statementStart = nextStatementStart
            docstringPosition = nextDocstringPosition
            i += 1
        }
    }

    private func nameIs(_ token: PythonToken, _ word: StaticString) -> Bool {
        guard token.kind == .name, token.end - token.start == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { buffer in
            for k in 0..<buffer.count where bytes[token.start + k] != buffer[k] { return false }
            return true
        }
    }

    private func text(_ token: PythonToken) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// A dotted name starting at token `i`: its span and the index after it.
    private func dottedName(at i: Int) -> (span: Span, next: Int)? {
        guard i < tokens.count, tokens[i].kind == .name else { return nil }
        var end = i
        while end + 2 < tokens.count, tokens[end + 1].kind == .op, tokens[end + 1].op == 0x2E,
              tokens[end + 2].kind == .name {
            end += 2
        }
        return (Span(start: tokens[i].start, end: tokens[end].end), end + 1)
    }

    /// `import a.b as c, d` — every dotted module.
    private mutating func emitImports(after i: Int) {
        var k = i + 1
        while let (span, next) = dottedName(at: k) {
            facts.imports.append(ImportFact(
                module: String(decoding: bytes[span.start..<span.end], as: UTF8.self), span: span))
            k = next
            if k + 1 < tokens.count, nameIs(tokens[k], "as") { k += 2 }
            guard k < tokens.count, tokens[k].kind == .op, tokens[k].op == 0x2C else { return }
            k += 1
        }
    }

    /// `from a.b import c` (relative imports such as `from . import x` are the project's own code).
    private mutating func emitFromImport(after i: Int) {
        guard let (span, next) = dottedName(at: i + 1), next < tokens.count,
              nameIs(tokens[next], "import") else { return }
        facts.imports.append(ImportFact(
            module: String(decoding: bytes[span.start..<span.end], as: UTF8.self), span: span))
    }

    /// `__import__("m")`, `importlib.import_module("m")`: the string names the module.
    private mutating func detectDynamicImport(at i: Int) {
        guard nameIs(tokens[i], "__import__") || nameIs(tokens[i], "import_module"),
              i + 2 < tokens.count, tokens[i + 1].kind == .op, tokens[i + 1].op == 0x28,
              tokens[i + 2].kind == .string, tokens[i + 2].piece >= 0 else { return }
        if i + 3 < tokens.count, tokens[i + 3].kind == .string { return }  // concatenated: not a plain name
        let piece = pieces[tokens[i + 2].piece]
        facts.imports.append(ImportFact(module: String(decoding: piece.value, as: UTF8.self),
                                        span: Span(start: tokens[i + 2].start, end: tokens[i + 2].end)))
    }

    /// Joins the implicitly concatenated pieces starting at `first` into one literal and records it,
    /// unless it is a docstring (a string that is the whole statement in docstring position).
    private mutating func emitString(groupFrom first: Int, consumed: inout [Bool],
                                     dropIfDocstring: Bool = false) {
        let depth = tokens[first].fDepth
        var members = [first]
        var k = max(tokens[first].next, first + 1)  // past the f-string's own fields
        while k < tokens.count, tokens[k].fDepth == depth, tokens[k].kind == .string {
            members.append(k)
            k = max(tokens[k].next, k + 1)
        }
        for member in members { consumed[member] = true }
        if dropIfDocstring {
            let after = k < tokens.count ? tokens[k] : nil
            if after == nil || after!.kind == .newline || (after!.kind == .op && after!.op == 0x3B) {
                return
            }
        }
        var builder = StringValueBuilder()
        for member in members where tokens[member].piece >= 0 {
            builder.append(pieces[tokens[member].piece])
        }
        let last = tokens[members[members.count - 1]]
        var label = label(before: first)
        var collectionLabel: String?
        if label == nil, first > 0, tokens[first - 1].kind == .op, tokens[first - 1].fDepth == depth {
            let op = tokens[first - 1].op
            if op == 0x2C, lastGroup.next == first - 1 {
                collectionLabel = lastGroup.collectionLabel
            } else if op == 0x5B || op == 0x28 || op == 0x7B {
                collectionLabel = self.collectionLabel(bracket: first - 1)
            }
            label = collectionLabel
        } else if label != nil, first > 1, tokens[first - 1].kind == .op, tokens[first - 1].op == 0x3A,
                  lastGroup.next == first - 1 {
            collectionLabel = lastGroup.collectionLabel  // a dictionary value: its key's dictionary
        }
        lastGroup = (k, collectionLabel)
        facts.strings.append(StringLiteralFact(
            value: String(decoding: builder.bytes, as: UTF8.self),
            span: Span(start: tokens[first].start, end: max(last.end, tokens[first].start)),
            runs: builder.runs,
            label: label,
            collectionLabel: collectionLabel,
            isDocumentation: label.map(PythonFactExtractor.documentaryLabels.contains) ?? false))
    }

    /// Bindings of text for people, not settings: argparse's and click's `help=`, `description=` and
    /// `epilog=`; pydantic's `Field(description=…)`; a tool schema's `"description":`.
    static let documentaryLabels: Set<String> = ["help", "description", "epilog"]

    /// The name a flat collection of strings opened by the bracket at `index` is bound to, which its
    /// elements share: `MODELS = ["o1", "o3"]`, `models=("o1",)`, `{"models": {"o1", "o3"}}`,
    /// `for model in ("o1", "o3")`, `if model in {…}`. A call's parenthesis (`f("o1")`) binds nothing.
    private func collectionLabel(bracket index: Int) -> String? {
        let depth = tokens[index].fDepth
        // `for model in (…)`, `if model in (…)`
        if index >= 2, tokens[index - 1].kind == .name, nameIs(tokens[index - 1], "in"),
           tokens[index - 2].kind == .name, tokens[index - 2].fDepth == depth {
            return text(tokens[index - 2])
        }
        return label(before: index)
    }

    /// The name a literal is bound to: `name=`, `name :=`, `name: T =`, `"key":` in a dict, `x["key"] =`.
    private func label(before index: Int) -> String? {
        let depth = tokens[index].fDepth
        func token(_ back: Int) -> PythonToken? {
            let k = index - back
            guard k >= 0, tokens[k].fDepth == depth else { return nil }
            return tokens[k]
        }
        func isOp(_ t: PythonToken?, _ op: UInt8) -> Bool { t?.kind == .op && t?.op == op }
        guard let t1 = token(1), t1.kind == .op else { return nil }
        if t1.op == 0x3D || t1.op == PythonToken.walrus {
            guard let t2 = token(2) else { return nil }
            if t1.op == 0x3D, let target = annotatedTarget(before: index - 1) { return target }
            if t2.kind == .name { return text(t2) }
            if isOp(t2, 0x5D), let t3 = token(3), t3.kind == .string, isOp(token(4), 0x5B) {
                return stringValue(t3)
            }
            return nil
        }
        if t1.op == 0x3A, let t2 = token(2), t2.kind == .string, isOp(token(3), 0x7B) || isOp(token(3), 0x2C) {
            return stringValue(t2)
        }
        return nil
    }

    /// The target of `name: Annotation =` whose `=` is at `equal`, however the annotation is written
    /// (`dict[str, str]`, `str | None`). Walks back a bounded number of tokens.
    private func annotatedTarget(before equal: Int) -> String? {
        let depthOfF = tokens[equal].fDepth
        var depth = 0
        var k = equal - 1
        while k > 0, equal - k <= 32, tokens[k].fDepth == depthOfF {
            let t = tokens[k]
            if t.kind == .newline { return nil }
            if t.kind == .op {
                switch t.op {
                case 0x29, 0x5D, 0x7D: depth += 1
                case 0x28, 0x5B, 0x7B:
                    if depth == 0 { return nil }
                    depth -= 1
                case 0x3A where depth == 0:
                    // The target starts its statement (or is a parameter): not `if x: y = …`, `else: y = …`.
                    let name = tokens[k - 1]
                    guard name.kind == .name, name.fDepth == depthOfF,
                          !["else", "try", "finally", "except"].contains(text(name)) else { return nil }
                    if k >= 2 {
                        let before = tokens[k - 2]
                        guard before.kind == .newline
                                || (before.kind == .op && [0x3B, 0x28, 0x2C].contains(before.op)) else { return nil }
                    }
                    return text(name)
                case 0x3D, 0x2C, 0x3B, PythonToken.walrus, PythonToken.otherCompound:
                    if depth == 0 { return nil }
                default: break
                }
            }
            k -= 1
        }
        return nil
    }

    /// Calls of dotted names with each argument's keyword and span, from one pass over the brackets;
    /// and where the strings start that stand as unlabelled arguments of a call printing prose.
    func calls() -> (calls: [CallFact], prose: Set<Int>) {
        var result: [CallFact] = []
        var prose: Set<Int> = []
        var stack: [CallFrame] = []
        for (index, token) in tokens.enumerated() where token.kind != .newline {
            if token.kind == .op && (token.op == 0x28 || token.op == 0x5B || token.op == 0x7B) {
                var frame = CallFrame(open: token.start)
                frame.fDepth = token.fDepth
                if token.op == 0x28, index > 0, tokens[index - 1].kind == .name,
                   tokens[index - 1].fDepth == token.fDepth, !isKeyword(tokens[index - 1]) {
                    var first = index - 1
                    while first >= 2, tokens[first - 1].kind == .op, tokens[first - 1].op == 0x2E,
                          tokens[first - 2].kind == .name { first -= 2 }
                    frame.isCall = true
                    frame.callee = Span(start: tokens[first].start, end: tokens[index - 1].end)
                    frame.printsProse = ProseCallee.printsProse(calleeName(frame.callee))
                }
                if !stack.isEmpty { stack[stack.count - 1].note(token.start, token.end) }
                stack.append(frame)
                continue
            }
            // Only strings of the call itself: one inside an f-string's field is an expression
            // (`print(f"cannot reach {url or 'https://api.openai.com/v1'}")`), not the text.
            if token.kind == .string, let top = stack.last, top.printsProse, top.label.isEmpty,
               token.fDepth == top.fDepth {
                prose.insert(token.start)
            }
            if token.kind == .op && (token.op == 0x29 || token.op == 0x5D || token.op == 0x7D) {
                guard var frame = stack.popLast() else { continue }
                if frame.isCall && token.op == 0x29 {
                    result.append(frame.fact(callee: calleeName(frame.callee), closeParen: token.start))
                }
                if !stack.isEmpty { stack[stack.count - 1].note(token.start, token.end) }
                continue
            }
            guard !stack.isEmpty else { continue }
            if token.kind == .op && token.op == 0x2C {
                stack[stack.count - 1].closeArgument()
                continue
            }
            if token.kind == .op && token.op == 0x3D, stack[stack.count - 1].tokens == 1,
               index > 0, tokens[index - 1].kind == .name {
                stack[stack.count - 1].label = text(tokens[index - 1])
            }
            stack[stack.count - 1].note(token.start, token.end)
        }
        return (result.sorted { $0.calleeSpan.start < $1.calleeSpan.start }, prose)
    }

    /// A dotted callee as one name: `a . b` and line continuations inside it are dropped byte-wise.
    private func calleeName(_ span: Span) -> String {
        String(decoding: bytes[span.start..<span.end].filter {
            $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x5C && $0 != 0x0C
        }, as: UTF8.self)
    }

    // MARK: Settings classes

    /// A pydantic-settings class being read: its fields, its `env_prefix`, where its body stands.
    private struct SettingsClass {
        var name: String
        var column: Int
        var bodyColumn: Int?
        var prefix: String
        var caseSensitive = false
        var fields: [SettingsField] = []
    }

    /// The environment variables pydantic-settings classes read through their fields: each field of
    /// a class deriving from `BaseSettings` (or `KernelBaseSettings` …, or a settings class of this
    /// file) is read from `env_prefix` + its name, in any case unless `case_sensitive=True`. Fields
    /// with an alias (`Field(alias="…")`, v1's `env=`) are read under that string instead, and
    /// `ClassVar`s and `_private` attributes are not fields.
    func settingsFieldReads() -> [EnvironmentReadFact] {
        var reads: [EnvironmentReadFact] = []
        var open: [SettingsClass] = []
        var prefixes: [String: String] = [:]  // settings classes of this file -> their env_prefix
        func close(_ settings: SettingsClass) {
            prefixes[settings.name] = settings.prefix
            for field in settings.fields {
                let read = settings.prefix + field.name
                let name = settings.caseSensitive ? read : read.uppercased()
                // `OPENAI_API_KEY: str = os.getenv("OPENAI_API_KEY")`: the string is reported already.
                guard !field.strings.contains(name) else { continue }
                reads.append(EnvironmentReadFact(name: name, span: field.span))
            }
        }
        var statementStart = true
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            defer { i += 1 }
            if token.fDepth > 0 { continue }
            if token.kind == .newline { statementStart = true; continue }
            let startsStatement = statementStart
            statementStart = false
            if startsStatement {
                let column = self.column(of: token)
                while let last = open.last, column <= last.column { close(open.removeLast()) }
                if nameIs(token, "class"), let header = settingsHeader(at: i, known: prefixes) {
                    open.append(SettingsClass(name: header.name, column: column, prefix: header.prefix))
                    continue
                }
                if !open.isEmpty {
                    if open[open.count - 1].bodyColumn == nil { open[open.count - 1].bodyColumn = column }
                    if column == open[open.count - 1].bodyColumn, let field = settingsField(at: i) {
                        open[open.count - 1].fields.append(field)
                    }
                }
            }
            guard !open.isEmpty else { continue }
            // `env_prefix="…"` (SettingsConfigDict, class keyword, v1 `class Config`), `env_prefix: ClassVar[str] = "…"`,
            // `{"env_prefix": "…"}`; `case_sensitive=True`.
            if token.kind == .name, nameIs(token, "env_prefix"), let value = stringAssigned(after: i) {
                open[open.count - 1].prefix = value
            } else if token.kind == .string, stringValue(token) == "env_prefix", i + 2 < tokens.count,
                      tokens[i + 1].kind == .op, tokens[i + 1].op == 0x3A, let value = stringValue(tokens[i + 2]) {
                open[open.count - 1].prefix = value
            } else if nameIs(token, "case_sensitive"), i + 2 < tokens.count, tokens[i + 1].kind == .op,
                      tokens[i + 1].op == 0x3D || tokens[i + 1].op == 0x3A {
                open[open.count - 1].caseSensitive = nameIs(tokens[i + 2], "True")
            }
        }
        while let last = open.popLast() { close(last) }
        return reads
    }

    /// The column of a token that starts a line (only whitespace before it on the line).
    private func column(of token: PythonToken) -> Int {
        var k = token.start
        while k > 0, bytes[k - 1] == 0x20 || bytes[k - 1] == 0x09 || bytes[k - 1] == 0x0C { k -= 1 }
        return token.start - k
    }

    /// `class Name(Base, …):` where a base is a settings class: its name and inherited env_prefix.
    private func settingsHeader(at i: Int, known: [String: String]) -> (name: String, prefix: String)? {
        guard i + 2 < tokens.count, tokens[i + 1].kind == .name, tokens[i + 2].kind == .op,
              tokens[i + 2].op == 0x28 else { return nil }
        var k = i + 3
        var isSettings = false
        var prefix = ""
        while k < tokens.count, tokens[k].kind != .newline {
            // A base: a dotted name standing alone as an argument.
            guard let (span, next) = dottedName(at: k) else { break }
            let afterBase = next < tokens.count ? tokens[next] : nil
            if afterBase?.kind == .op, afterBase?.op == 0x2C || afterBase?.op == 0x29 {
                let dotted = bytes[span.start..<span.end]
                let last = String(decoding: dotted.split(separator: 0x2E).last ?? dotted[...], as: UTF8.self)
                if last.hasSuffix("BaseSettings") {
                    isSettings = true
                } else if let inherited = known[last] {
                    isSettings = true
                    prefix = inherited
                }
            }
            k = next
            // Past a keyword argument's value to the next argument.
            while k < tokens.count, tokens[k].kind != .newline, !(tokens[k].kind == .op && (tokens[k].op == 0x2C || tokens[k].op == 0x29)) { k += 1 }
            guard k < tokens.count, tokens[k].kind == .op, tokens[k].op == 0x2C else { break }
            k += 1
        }
        return isSettings ? (text(tokens[i + 1]), prefix) : nil
    }

    /// `name: Annotation [= default]` at the start of a statement of a settings class body: a field,
    /// unless it is a `ClassVar`, private, the class's configuration, or read under an alias.
    /// A field of a settings class: its name, where it is written, the strings of its statement.
    private struct SettingsField {
        var name: String
        var span: Span
        var strings: [String]
    }

    private func settingsField(at i: Int) -> SettingsField? {
        guard tokens[i].kind == .name, i + 2 < tokens.count, tokens[i + 1].kind == .op, tokens[i + 1].op == 0x3A
        else { return nil }
        let name = text(tokens[i])
        guard !name.hasPrefix("_"), name != "model_config", name != "env_prefix",
              !nameIs(tokens[i + 2], "ClassVar"),
              !(nameIs(tokens[i + 2], "typing") && i + 4 < tokens.count && nameIs(tokens[i + 4], "ClassVar"))
        else { return nil }
        var k = i + 2
        var strings: [String] = []
        while k + 1 < tokens.count, tokens[k].kind != .newline {
            if tokens[k].kind == .string, let value = stringValue(tokens[k]) { strings.append(value) }
            if tokens[k].kind == .name, tokens[k + 1].kind == .op, tokens[k + 1].op == 0x3D,
               nameIs(tokens[k], "alias") || nameIs(tokens[k], "validation_alias") || nameIs(tokens[k], "env") {
                return nil
            }
            k += 1
        }
        return SettingsField(name: name, span: Span(start: tokens[i].start, end: tokens[i].end), strings: strings)
    }

    /// The string a name is set to in its statement: `name="…"`, `name = "…"`, `name: T = "…"`.
    private func stringAssigned(after i: Int) -> String? {
        var k = i + 1
        var depth = 0
        while k + 1 < tokens.count, tokens[k].kind != .newline, k - i < 32 {
            let t = tokens[k]
            if t.kind == .op {
                switch t.op {
                case 0x28, 0x5B, 0x7B: depth += 1
                case 0x29, 0x5D, 0x7D:
                    if depth == 0 { return nil }
                    depth -= 1
                case 0x2C where depth == 0: return nil
                case 0x3D where depth == 0:
                    return tokens[k + 1].kind == .string ? stringValue(tokens[k + 1]) : nil
                default: break
                }
            }
            k += 1
        }
        return nil
    }

    private static let statementKeywords: Set<String> = [
        "if", "elif", "while", "return", "and", "or", "not", "in", "is", "assert", "del", "yield",
        "await", "lambda", "for", "with", "else", "import", "from", "raise", "except",
    ]

    private func isKeyword(_ token: PythonToken) -> Bool {
        token.end - token.start <= 6 && PythonFactExtractor.statementKeywords.contains(text(token))
    }

    private func stringValue(_ token: PythonToken) -> String? {
        guard token.piece >= 0 else { return nil }
        return String(decoding: pieces[token.piece].value, as: UTF8.self)
    }
}
