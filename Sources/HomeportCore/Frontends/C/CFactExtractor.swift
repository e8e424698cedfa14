// The C and C++ fact pass: includes, decoded strings (adjacent literals and string macros joined),
// comments and labels, from libclang's raw tokens.

/// One pass over the tokens: directives (`#include`, `#define`), string groups, labels, comments.
struct CFactExtractor {
    let bytes: [UInt8]
    let tokens: [CToken]
    var facts = Facts()
    /// Object-like macros whose body is string literals (and such macros): name -> decoded value.
    private var stringMacros: [String: StringValueBuilder] = [:]

    init(bytes: [UInt8], tokens: [CToken]) {
        self.bytes = bytes
        self.tokens = tokens
    }

    mutating func run() {
        var i = 0
        while i < tokens.count {
            if isPunctuation(tokens[i], 0x23), startsLine(i) {  // '#'
                i = directive(at: i)
            } else {
                i = step(at: i, limit: tokens.count, floor: 0)
            }
        }
    }

    /// Handles the token at `i` in code (a comment, the start of a string group, anything else) and
    /// returns the index of the next token to look at. `floor` bounds label look-back.
    private mutating func step(at i: Int, limit: Int, floor: Int, label fixedLabel: String? = nil) -> Int {
        let token = tokens[i]
        switch token.kind {
        case .comment:
            emitComment(token)
            return i + 1
        case .literal, .identifier:
            guard let group = stringGroup(from: i, limit: limit) else {
                return token.kind == .identifier ? skipMacroRun(from: i, limit: limit) : i + 1
            }
            let label = fixedLabel ?? self.label(before: i, floor: floor)
            facts.strings.append(StringLiteralFact(
                value: String(decoding: group.value.bytes, as: UTF8.self),
                span: Span(start: tokens[i].start, end: tokens[group.last].end),
                runs: group.value.runs, label: label,
                isDocumentation: fixedLabel == nil && isPrinted(before: i, floor: floor)))
            return group.next
        case .punctuation:
            if stringPrefixLength(token) != nil {
                facts.notices.append(FrontendNotice(.unterminatedString, offset: token.start))
            }
            return i + 1
        case .keyword:
            return i + 1
        }
    }

    private func skipMacroRun(from i: Int, limit: Int) -> Int {
        var k = i
        while k < limit, tokens[k].kind == .identifier, stringMacros[text(tokens[k])] != nil { k += 1 }
        return max(k, i + 1)
    }

    // MARK: Directives

    /// True when only whitespace (and line continuations) stand between the previous token and this
    /// one's line start, i.e. the token is the first on its logical line.
    private func startsLine(_ i: Int) -> Bool {
        guard i > 0 else { return true }
        var k = tokens[i].start - 1
        let lower = tokens[i - 1].end
        while k >= lower {
            let b = bytes[k]
            if b == 0x0A || b == 0x0D {
                var before = k - 1
                if b == 0x0A, before >= lower, bytes[before] == 0x0D { before -= 1 }
                if before < lower || bytes[before] != 0x5C { return true }  // not a line continuation
                k = before - 1
                continue
            }
            k -= 1
        }
        return false
    }

    /// The index after the last token of the directive starting at `hash`.
    private func directiveEnd(_ hash: Int) -> Int {
        var k = hash + 1
        while k < tokens.count, !startsLine(k) { k += 1 }
        return k
    }

    private mutating func directive(at hash: Int) -> Int {
        let end = directiveEnd(hash)
        var k = hash + 1
        while k < end, tokens[k].kind == .comment { emitComment(tokens[k]); k += 1 }
        guard k < end else { return end }
        let name = text(tokens[k])
        var bodyStart = k + 1
        switch name {
        case "include", "include_next", "import":
            emitInclude(after: k, end: end)
            for t in tokens[(k + 1)..<end] where t.kind == .comment { emitComment(t) }
            return end
        case "define":
            bodyStart = define(nameAt: k + 1, end: end)
        default:
            break
        }
        var i = bodyStart
        while i < end { i = step(at: i, limit: end, floor: bodyStart) }
        return end
    }

    private mutating func emitInclude(after k: Int, end: Int) {
        guard k + 1 < end else { return }
        let path = tokens[k + 1]
        var pathStart: Int
        var pathEnd: Int
        if path.kind == .literal, bytes[path.start] == 0x22, path.end - path.start >= 2 {
            pathStart = path.start + 1
            pathEnd = path.end - 1
        } else if isPunctuation(path, 0x3C) {  // '<': raw lexing splits <a/b.h> into tokens
            pathStart = path.end
            pathEnd = pathStart
            while pathEnd < bytes.count, bytes[pathEnd] != 0x3E, bytes[pathEnd] != 0x0A, bytes[pathEnd] != 0x0D {
                pathEnd += 1
            }
            guard pathEnd < bytes.count, bytes[pathEnd] == 0x3E else { return }
        } else {
            return
        }
        while pathStart < pathEnd, bytes[pathStart] == 0x20 || bytes[pathStart] == 0x09 { pathStart += 1 }
        while pathEnd > pathStart, bytes[pathEnd - 1] == 0x20 || bytes[pathEnd - 1] == 0x09 { pathEnd -= 1 }
        guard pathStart < pathEnd else { return }
        facts.imports.append(ImportFact(module: String(decoding: bytes[pathStart..<pathEnd], as: UTF8.self),
                                        span: Span(start: pathStart, end: pathEnd)))
    }

    /// `#define NAME body`: an object-like body of string literals and string macros defines a string
    /// macro and is itself a string labelled NAME. Returns where the remaining body tokens start.
    private mutating func define(nameAt n: Int, end: Int) -> Int {
        guard n < end, tokens[n].kind == .identifier || tokens[n].kind == .keyword else { return n }
        let name = text(tokens[n])
        var body = n + 1
        if body < end, isPunctuation(tokens[body], 0x28), tokens[body].start == tokens[n].end {
            return body  // function-like: its body is code
        }
        while body < end, tokens[body].kind == .comment { emitComment(tokens[body]); body += 1 }
        guard body < end else { return end }
        var first = body
        var lastCode = (body..<end).last { tokens[$0].kind != .comment } ?? body
        if lastCode > first + 1, isPunctuation(tokens[first], 0x28), isPunctuation(tokens[lastCode], 0x29) {
            first += 1  // #define NAME ("…")
            lastCode -= 1
        }
        if let group = stringGroup(from: first, limit: lastCode + 1, allowMacrosOnly: true), group.last == lastCode {
            stringMacros[name] = group.value
            if group.hasLiteral {
                facts.strings.append(StringLiteralFact(
                    value: String(decoding: group.value.bytes, as: UTF8.self),
                    span: Span(start: tokens[first].start, end: tokens[group.last].end),
                    runs: group.value.runs, label: name))
            }
            for t in tokens[group.next..<end] where t.kind == .comment { emitComment(t) }
            return end
        }
        return body
    }

    // MARK: Strings

    private struct StringGroup {
        var value = StringValueBuilder()
        var last: Int
        var next: Int
        var hasLiteral = false
    }

    /// Adjacent string literals and string macros from `first` (comments between them skipped and
    /// recorded), joined the way translation phase 6 concatenates them. Nil when `first` starts no
    /// group, or the group holds no literal (a macro alone is reported where it is defined).
    private mutating func stringGroup(from first: Int, limit: Int, allowMacrosOnly: Bool = false) -> StringGroup? {
        var group = StringGroup(last: first, next: first)
        var k = first
        var pendingComments: [CToken] = []
        while k < limit {
            let token = tokens[k]
            if token.kind == .comment, k > first {
                pendingComments.append(token)
                k += 1
                continue
            }
            if token.kind == .literal, let piece = decodeStringLiteral(token) {
                group.value.append(PythonStringPiece(value: piece.bytes, runs: piece.runs))
                group.hasLiteral = true
            } else if token.kind == .identifier, let macro = stringMacros[text(token)] {
                group.value.append(PythonStringPiece(value: macro.bytes, runs: macro.runs))
            } else {
                break
            }
            for comment in pendingComments { emitComment(comment) }
            pendingComments.removeAll()
            group.last = k
            k += 1
            group.next = k
        }
        guard group.next > first, group.hasLiteral || allowMacrosOnly else { return nil }
        return group
    }

    /// The length of a string literal's encoding prefix and `R`, up to its opening quote; nil when
    /// the token is not a string (a number or a character literal).
    private func stringPrefixLength(_ token: CToken) -> Int? {
        var k = token.start
        while k < token.end, k - token.start < 3 {
            switch bytes[k] {
            case 0x22: return k - token.start
            case 0x4C, 0x75, 0x55, 0x38, 0x52: k += 1  // L u U 8 R
            default: return nil
            }
        }
        return k < token.end && bytes[k] == 0x22 ? k - token.start : nil
    }

    /// A string literal token's value: escapes decoded, line continuations removed, raw strings
    /// verbatim, any user-defined suffix ignored.
    func decodeStringLiteral(_ token: CToken) -> StringValueBuilder? {
        guard let prefixLength = stringPrefixLength(token) else { return nil }
        let prefix = bytes[token.start..<(token.start + prefixLength)]
        let raw = prefix.last == 0x52
        let wide = prefix.first == 0x4C || prefix.first == 0x55 || (prefix.first == 0x75 && prefix.dropFirst().first != 0x38)
        var builder = StringValueBuilder()
        var pos = token.start + prefixLength + 1
        if raw {
            decodeRaw(from: pos, end: token.end, into: &builder)
            return builder
        }
        let end = token.end
        while pos < end {
            let b = bytes[pos]
            if b == 0x22 { break }
            if b == 0x5C {
                pos = decodeEscape(at: pos, end: end, wide: wide, into: &builder)
            } else {
                builder.appendVerbatim(b, from: pos)
                pos += 1
            }
        }
        return builder
    }

    /// `R"delim(…)delim"`: everything between the parentheses, verbatim (a CRLF reads as `\n`).
    private func decodeRaw(from open: Int, end: Int, into builder: inout StringValueBuilder) {
        var paren = open
        while paren < end, bytes[paren] != 0x28, paren - open <= 16 { paren += 1 }
        guard paren < end, bytes[paren] == 0x28 else { return }
        let delimiter = Array(bytes[open..<paren])
        // The closing `)delim"` is the last one in the token (a suffix may follow it).
        var close = end - 1
        var contentEnd = paren + 1
        while close > paren {
            if bytes[close] == 0x22, close - delimiter.count - 1 > paren,
               bytes[close - delimiter.count - 1] == 0x29,
               bytes[(close - delimiter.count)..<close].elementsEqual(delimiter) {
                contentEnd = close - delimiter.count - 1
                break
            }
            close -= 1
        }
        var pos = paren + 1
        while pos < contentEnd {
            if bytes[pos] == 0x0D, pos + 1 < contentEnd, bytes[pos + 1] == 0x0A {
                builder.appendDecoded([0x0A])
                pos += 2
            } else {
                builder.appendVerbatim(bytes[pos], from: pos)
                pos += 1
            }
        }
    }

    /// Decodes the escape (or line continuation) at `pos`; returns the offset after it.
    private func decodeEscape(at pos: Int, end: Int, wide: Bool, into builder: inout StringValueBuilder) -> Int {
        guard pos + 1 < end else {
            builder.appendVerbatim(bytes[pos], from: pos)
            return pos + 1
        }
        let next = bytes[pos + 1]
        switch next {
        case 0x0A:
            return pos + 2  // line continuation
        case 0x0D:
            return pos + 2 < end && bytes[pos + 2] == 0x0A ? pos + 3 : pos + 2
        case 0x6E: builder.appendDecoded([0x0A])  // \n
        case 0x74: builder.appendDecoded([0x09])  // \t
        case 0x72: builder.appendDecoded([0x0D])  // \r
        case 0x61: builder.appendDecoded([0x07])  // \a
        case 0x62: builder.appendDecoded([0x08])  // \b
        case 0x66: builder.appendDecoded([0x0C])  // \f
        case 0x76: builder.appendDecoded([0x0B])  // \v
        case 0x65, 0x45: builder.appendDecoded([0x1B])  // \e (GNU)
        case 0x78:  // \x: any number of hex digits
            var value: UInt32 = 0
            var i = pos + 2
            while i < end, let digit = hexValue(bytes[i]) {
                value = value &* 16 &+ UInt32(digit)
                i += 1
            }
            guard i > pos + 2 else {
                builder.appendVerbatim(0x5C, from: pos)
                return pos + 1
            }
            appendCodeUnit(value, wide: wide, into: &builder)
            return i
        case 0x30...0x37:  // octal, up to three digits
            var value: UInt32 = 0
            var i = pos + 1
            while i < end, i < pos + 4, bytes[i] >= 0x30, bytes[i] <= 0x37 {
                value = value * 8 + UInt32(bytes[i] - 0x30)
                i += 1
            }
            appendCodeUnit(value, wide: wide, into: &builder)
            return i
        case 0x75, 0x55:  // \uXXXX, \UXXXXXXXX
            let digits = next == 0x75 ? 4 : 8
            var value: UInt32 = 0
            var i = pos + 2
            while i < end, i < pos + 2 + digits, let digit = hexValue(bytes[i]) {
                value = value &* 16 &+ UInt32(digit)
                i += 1
            }
            guard i == pos + 2 + digits else {
                builder.appendVerbatim(0x5C, from: pos)
                return pos + 1
            }
            builder.appendDecoded(scalar: value)
            return i
        default:
            builder.appendDecoded([next])  // \\ \" \' \? and unknown escapes: the character itself
        }
        return pos + 2
    }

    /// A numeric escape's value: a byte in narrow strings, a character in wide ones.
    private func appendCodeUnit(_ value: UInt32, wide: Bool, into builder: inout StringValueBuilder) {
        if wide || value < 0x80 {
            builder.appendDecoded(scalar: value)
        } else {
            builder.appendDecoded([UInt8(truncatingIfNeeded: value)])
        }
    }

    // MARK: Labels

    /// The indices of the (up to four) tokens before `index`, nearest first, comments skipped.
    private func tokenIndices(before index: Int, floor: Int) -> [Int] {
        var previous: [Int] = []
        var k = index - 1
        while k >= floor, previous.count < 4 {
            if tokens[k].kind != .comment { previous.append(k) }
            k -= 1
        }
        return previous
    }

    /// The name a string is bound to: `x = "…"`, `.model = "…"`, `char model[] = "…"`,
    /// `j["model"] = "…"`, `model("…")`, `model: "…"`, and a key before it in an argument or
    /// initializer list (`{"model", "…"}`, `cJSON_AddStringToObject(o, "model", "…")`).
    private func label(before index: Int, floor: Int) -> String? {
        let previous = tokenIndices(before: index, floor: floor)
        func token(_ n: Int) -> CToken? { n <= previous.count ? tokens[previous[n - 1]] : nil }
        guard let t1 = token(1), t1.kind == .punctuation, let t2 = token(2) else { return nil }
        let isName = { (t: CToken) in t.kind == .identifier || t.kind == .keyword }
        if isPunctuation(t1, 0x3D) || isPunctuation(t1, 0x28) || isPunctuation(t1, 0x3A) {  // = ( :
            if isName(t2) { return text(t2) }
            if isPunctuation(t1, 0x3D), isPunctuation(t2, 0x5D), let t3 = token(3) {  // x[...] =
                if t3.kind == .literal, let t4 = token(4), isPunctuation(t4, 0x5B) { return literalValue(t3) }
                var j = previous[1] - 1
                while j >= floor, j > previous[1] - 16, !isPunctuation(tokens[j], 0x5B) { j -= 1 }
                if j - 1 >= floor, isName(tokens[j - 1]) { return text(tokens[j - 1]) }
            }
            return nil
        }
        if isPunctuation(t1, 0x2C), t2.kind == .literal, let t3 = token(3),
           isPunctuation(t3, 0x28) || isPunctuation(t3, 0x2C) || isPunctuation(t3, 0x7B) {
            return literalValue(t2)
        }
        return nil
    }

    /// Functions whose format or message argument is text for people (`ProseCallee` for C and C++).
    static let printing: Set<String> = ["printf", "puts", "perror", "NSLog", "syslog", "fprintf", "dprintf"]
    static let streams: Set<String> = ["cout", "cerr", "clog", "stderr", "stdout"]

    /// A message printed for people, not a setting: `printf("…")`, `fprintf(stderr, "…")`,
    /// `std::cerr << "…"`.
    private func isPrinted(before index: Int, floor: Int) -> Bool {
        let previous = tokenIndices(before: index, floor: floor)
        func token(_ n: Int) -> CToken? { n <= previous.count ? tokens[previous[n - 1]] : nil }
        guard let t1 = token(1), t1.kind == .punctuation, let t2 = token(2) else { return false }
        if isPunctuation(t1, 0x28) { return t2.kind == .identifier && CFactExtractor.printing.contains(text(t2)) }
        if isPunctuation(t1, 0x2C), t2.kind == .identifier, CFactExtractor.streams.contains(text(t2)),
           let t3 = token(3), isPunctuation(t3, 0x28), let t4 = token(4) {
            return CFactExtractor.printing.contains(text(t4))
        }
        if t1.end - t1.start == 2, bytes[t1.start] == 0x3C, bytes[t1.start + 1] == 0x3C {  // <<
            return t2.kind == .identifier && CFactExtractor.streams.contains(text(t2))
        }
        return false
    }

    private func literalValue(_ token: CToken) -> String? {
        decodeStringLiteral(token).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    // MARK: Tokens

    private func isPunctuation(_ token: CToken, _ byte: UInt8) -> Bool {
        token.kind == .punctuation && token.end - token.start == 1 && bytes[token.start] == byte
    }

    private func text(_ token: CToken) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    private mutating func emitComment(_ token: CToken) {
        var k = token.start - 1
        var alone = true
        while k >= 0 {
            let b = bytes[k]
            if b == 0x0A || b == 0x0D { break }
            if b == 0xBF, k == 2, bytes[0] == 0xEF, bytes[1] == 0xBB { break }
            if b != 0x20 && b != 0x09 && b != 0x0C { alone = false; break }
            k -= 1
        }
        facts.comments.append(CommentFact(text: text(token), span: Span(start: token.start, end: token.end),
                                          standsAlone: alone))
    }
}
