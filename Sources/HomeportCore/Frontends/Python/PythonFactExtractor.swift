// The Python fact pass: imports, strings and their labels, calls, from the token stream.

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
                case ASCII.openParenthesis, ASCII.openBracket, ASCII.openBrace: depth += 1
                case ASCII.closeParenthesis, ASCII.closeBracket, ASCII.closeBrace: depth = max(0, depth - 1)
                case ASCII.colon where depth == 0 && inDefinitionHeader:
                    inDefinitionHeader = false
                    nextStatementStart = true
                    nextDocstringPosition = true
                case ASCII.semicolon where depth == 0:
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

    func nameIs(_ token: PythonToken, _ word: StaticString) -> Bool {
        guard token.kind == .name, token.end - token.start == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { buffer in
            for k in 0..<buffer.count where bytes[token.start + k] != buffer[k] { return false }
            return true
        }
    }

    func text(_ token: PythonToken) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// A dotted name starting at token `i`: its span and the index after it.
    func dottedName(at i: Int) -> (span: Span, next: Int)? {
        guard i < tokens.count, tokens[i].kind == .name else { return nil }
        var end = i
        while end + 2 < tokens.count, tokens[end + 1].kind == .op, tokens[end + 1].op == ASCII.period,
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
            guard k < tokens.count, tokens[k].kind == .op, tokens[k].op == ASCII.comma else { return }
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
              i + 2 < tokens.count, tokens[i + 1].kind == .op, tokens[i + 1].op == ASCII.openParenthesis,
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
            if after == nil || after!.kind == .newline || (after!.kind == .op && after!.op == ASCII.semicolon) {
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
            if op == ASCII.comma, lastGroup.next == first - 1 {
                collectionLabel = lastGroup.collectionLabel
            } else if op == ASCII.openBracket || op == ASCII.openParenthesis || op == ASCII.openBrace {
                collectionLabel = self.collectionLabel(bracket: first - 1)
            }
            label = collectionLabel
        } else if label != nil, first > 1, tokens[first - 1].kind == .op, tokens[first - 1].op == ASCII.colon,
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
        if t1.op == ASCII.equalsSign || t1.op == PythonToken.walrus {
            guard let t2 = token(2) else { return nil }
            if t1.op == ASCII.equalsSign, let target = annotatedTarget(before: index - 1) { return target }
            if t2.kind == .name { return text(t2) }
            if isOp(t2, ASCII.closeBracket), let t3 = token(3), t3.kind == .string, isOp(token(4), ASCII.openBracket) {
                return stringValue(t3)
            }
            return nil
        }
        if t1.op == ASCII.colon, let t2 = token(2), t2.kind == .string, isOp(token(3), ASCII.openBrace) || isOp(token(3), ASCII.comma) {
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
                case ASCII.closeParenthesis, ASCII.closeBracket, ASCII.closeBrace: depth += 1
                case ASCII.openParenthesis, ASCII.openBracket, ASCII.openBrace:
                    if depth == 0 { return nil }
                    depth -= 1
                case ASCII.colon where depth == 0:
                    // The target starts its statement (or is a parameter): not `if x: y = …`, `else: y = …`.
                    let name = tokens[k - 1]
                    guard name.kind == .name, name.fDepth == depthOfF,
                          !["else", "try", "finally", "except"].contains(text(name)) else { return nil }
                    if k >= 2 {
                        let before = tokens[k - 2]
                        guard before.kind == .newline
                                || (before.kind == .op && [ASCII.semicolon, ASCII.openParenthesis, ASCII.comma].contains(before.op)) else { return nil }
                    }
                    return text(name)
                case ASCII.equalsSign, ASCII.comma, ASCII.semicolon, PythonToken.walrus, PythonToken.otherCompound:
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
            if token.kind == .op && (token.op == ASCII.openParenthesis || token.op == ASCII.openBracket || token.op == ASCII.openBrace) {
                var frame = CallFrame(open: token.start)
                frame.fDepth = token.fDepth
                if token.op == ASCII.openParenthesis, index > 0, tokens[index - 1].kind == .name,
                   tokens[index - 1].fDepth == token.fDepth, !isKeyword(tokens[index - 1]) {
                    var first = index - 1
                    while first >= 2, tokens[first - 1].kind == .op, tokens[first - 1].op == ASCII.period,
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
            if token.kind == .op && (token.op == ASCII.closeParenthesis || token.op == ASCII.closeBracket || token.op == ASCII.closeBrace) {
                guard var frame = stack.popLast() else { continue }
                if frame.isCall && token.op == ASCII.closeParenthesis {
                    result.append(frame.fact(callee: calleeName(frame.callee), closeParen: token.start))
                }
                if !stack.isEmpty { stack[stack.count - 1].note(token.start, token.end) }
                continue
            }
            guard !stack.isEmpty else { continue }
            if token.kind == .op && token.op == ASCII.comma {
                stack[stack.count - 1].closeArgument()
                continue
            }
            if token.kind == .op && token.op == ASCII.equalsSign, stack[stack.count - 1].tokens == 1,
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
            $0 != ASCII.space && $0 != ASCII.tab && $0 != ASCII.lineFeed && $0 != ASCII.carriageReturn && $0 != ASCII.backslash && $0 != ASCII.formFeed
        }, as: UTF8.self)
    }

    private static let statementKeywords: Set<String> = [
        "if", "elif", "while", "return", "and", "or", "not", "in", "is", "assert", "del", "yield",
        "await", "lambda", "for", "with", "else", "import", "from", "raise", "except",
    ]

    func isKeyword(_ token: PythonToken) -> Bool {
        token.end - token.start <= 6 && PythonFactExtractor.statementKeywords.contains(text(token))
    }

    func stringValue(_ token: PythonToken) -> String? {
        guard token.piece >= 0 else { return nil }
        return String(decoding: pieces[token.piece].value, as: UTF8.self)
    }
}
