// The Python fact pass: imports, strings and their labels, calls, from the token stream.

/// Walks the token stream once: imports, docstrings (dropped), implicit concatenation, labels.
struct PythonFactExtractor: @unchecked Sendable {  // `tokens` is kept, and never written, by `store`
    let bytes: [UInt8]
    /// The tokenizer's tokens, read in place.
    let tokens: UnsafeBufferPointer<PythonToken>
    private let store: PythonTokenStore
    let pieces: PythonPieces

    /// What `run` builds and carries from token to token. Kept apart from the extractor, which its
    /// helpers only read: a method that reads `self` called from one that mutates it copies `self`.
    struct Pass {
        var facts = Facts()
        /// The last string group: the token after it and the collection label it got, so each element of
        /// a long list inherits the label from the one before instead of walking back to the bracket.
        var lastGroup: (next: Int, collectionLabel: String?) = (-1, nil)
        /// The brackets open at the current token, for `noteProse`.
        var proseBrackets: [ProseBracket] = []
        /// Literals that are prose if the call whose parenthesis is `open` prints it: decided at the end.
        var proseCandidates: [(literal: Int, open: Int)] = []
        /// Pieces after the first of a concatenation, emitted with it: few (most strings are one piece).
        var consumed = Set<Int>()
    }

    init(bytes: [UInt8], tokens store: PythonTokenStore, pieces: PythonPieces) {
        self.bytes = bytes
        self.tokens = store.tokens
        self.store = store
        self.pieces = pieces
    }

    init(bytes: [UInt8], tokens: [PythonToken], pieces: PythonPieces) {
        self.init(bytes: bytes, tokens: PythonTokenStore(tokens), pieces: pieces)
    }

    /// The imports and strings of the file (without environment reads, comments and notices).
    func run() -> Facts {
        var pass = Pass()
        pass.facts.strings.reserveCapacity(pieces.count)  // at most one literal per piece: never grown
        var statementStart = true
        // A string statement here is a docstring: first statement of the module or of a def/class body.
        var docstringPosition = true
        var inDefinitionHeader = false
        var depth = 0
        var i = 0
        while i < tokens.count {
            // Every token, consumed or not, moves the brackets on (the walk `proseStrings` makes alone).
            let proseOpen = noteProse(at: i, &pass)
            let token = tokens[i]
            if token.kind == .string, !pass.consumed.isEmpty, pass.consumed.remove(i) != nil { i += 1; continue }
            if token.fDepth > 0 {
                if token.kind == .string { emitString(groupFrom: i, proseOpen: proseOpen, &pass) }
                else if token.kind == .name { detectDynamicImport(at: i, &pass) }
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
                        emitImports(after: i, &pass)
                    } else if nameIs(token, "def") || nameIs(token, "class") {
                        inDefinitionHeader = true
                    } else if nameIs(token, "async"), i + 1 < tokens.count, nameIs(tokens[i + 1], "def") {
                        inDefinitionHeader = true
                    }
                }
                if nameIs(token, "from") { emitFromImport(after: i, &pass) }
                detectDynamicImport(at: i, &pass)
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
                emitString(groupFrom: i, dropIfDocstring: docstringPosition && statementStart,
                           proseOpen: proseOpen, &pass)
            case .number:
                break
            }
            statementStart = nextStatementStart
            docstringPosition = nextDocstringPosition
            i += 1
        }
        // print(), logging, warnings.warn and exception messages: prose, as `help=` is.
        for (candidate, prints) in zip(pass.proseCandidates, printsProse(pass.proseCandidates)) where prints {
            pass.facts.strings[candidate.literal].isDocumentation = true
        }
        return pass.facts
    }

    @inline(__always) func nameIs(_ token: PythonToken, _ word: StaticString) -> Bool {
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
    private func emitImports(after i: Int, _ pass: inout Pass) {
        var k = i + 1
        while let (span, next) = dottedName(at: k) {
            pass.facts.imports.append(ImportFact(
                module: String(decoding: bytes[span.start..<span.end], as: UTF8.self), span: span))
            k = next
            if k + 1 < tokens.count, nameIs(tokens[k], "as") { k += 2 }
            guard k < tokens.count, tokens[k].kind == .op, tokens[k].op == ASCII.comma else { return }
            k += 1
        }
    }

    /// `from a.b import c` (relative imports such as `from . import x` are the project's own code).
    private func emitFromImport(after i: Int, _ pass: inout Pass) {
        guard let (span, next) = dottedName(at: i + 1), next < tokens.count,
              nameIs(tokens[next], "import") else { return }
        pass.facts.imports.append(ImportFact(
            module: String(decoding: bytes[span.start..<span.end], as: UTF8.self), span: span))
    }

    /// `__import__("m")`, `importlib.import_module("m")`: the string names the module.
    @inline(__always) private func detectDynamicImport(at i: Int, _ pass: inout Pass) {
        guard i + 2 < tokens.count, tokens[i + 1].kind == .op, tokens[i + 1].op == ASCII.openParenthesis,
              tokens[i + 2].kind == .string, tokens[i + 2].piece >= 0,
              nameIs(tokens[i], "__import__") || nameIs(tokens[i], "import_module") else { return }
        if i + 3 < tokens.count, tokens[i + 3].kind == .string { return }  // concatenated: not a plain name
        pass.facts.imports.append(ImportFact(module: value(of: pieces[tokens[i + 2].piece]),
                                        span: Span(start: tokens[i + 2].start, end: tokens[i + 2].end)))
    }

    /// Joins the implicitly concatenated pieces starting at `first` into one literal and records it,
    /// unless it is a docstring (a string that is the whole statement in docstring position).
    private func emitString(groupFrom first: Int, dropIfDocstring: Bool = false, proseOpen: Int,
                            _ pass: inout Pass) {
        let depth = tokens[first].fDepth
        var last = first
        var k = max(tokens[first].next, first + 1)  // past the f-string's own fields
        while k < tokens.count, tokens[k].fDepth == depth, tokens[k].kind == .string {
            pass.consumed.insert(k)
            last = k
            k = max(tokens[k].next, k + 1)
        }
        if dropIfDocstring {
            let after = k < tokens.count ? tokens[k] : nil
            if after == nil || after!.kind == .newline || (after!.kind == .op && after!.op == ASCII.semicolon) {
                return
            }
        }
        let value: String
        let runs: [VerbatimRun]
        if last == first {  // most strings are one piece: its value and runs stand as they are
            let index = tokens[first].piece
            if index >= 0 {
                value = self.value(of: pieces[index])
                runs = pieces.runs(of: pieces[index])
            } else {
                value = ""
                runs = []
            }
        } else {
            var builder = StringValueBuilder()
            var member = first
            while member <= last {
                if tokens[member].piece >= 0 {
                    let piece = pieces[tokens[member].piece]
                    builder.append(value: valueBytes(of: piece), runs: pieces.runs(of: piece))
                }
                member = max(tokens[member].next, member + 1)
            }
            value = String(decoding: builder.bytes, as: UTF8.self)
            runs = builder.runs
        }
        let lastEnd = tokens[last].end
        var label = label(before: first)
        var collectionLabel: String?
        if label == nil, first > 0, tokens[first - 1].kind == .op, tokens[first - 1].fDepth == depth {
            let op = tokens[first - 1].op
            if op == ASCII.comma, pass.lastGroup.next == first - 1 {
                collectionLabel = pass.lastGroup.collectionLabel
            } else if op == ASCII.openBracket || op == ASCII.openParenthesis || op == ASCII.openBrace {
                collectionLabel = self.collectionLabel(bracket: first - 1)
            }
            label = collectionLabel
        } else if label != nil, first > 1, tokens[first - 1].kind == .op, tokens[first - 1].op == ASCII.colon,
                  pass.lastGroup.next == first - 1 {
            collectionLabel = pass.lastGroup.collectionLabel  // a dictionary value: its key's dictionary
        }
        pass.lastGroup = (k, collectionLabel)
        if proseOpen >= 0 { pass.proseCandidates.append((pass.facts.strings.count, proseOpen)) }
        pass.facts.strings.append(StringLiteralFact(
            value: value,
            span: Span(start: tokens[first].start, end: max(lastEnd, tokens[first].start)),
            runs: runs,
            label: label,
            collectionLabel: collectionLabel,
            isDocumentation: label.map(PythonFactExtractor.isDocumentaryLabel) ?? false))
    }

    /// Bindings of text for people, not settings: argparse's and click's `help=`, `description=` and
    /// `epilog=`; pydantic's `Field(description=…)`; a tool schema's `"description":`.
    static func isDocumentaryLabel(_ label: String) -> Bool {
        switch label.utf8.count {  // most labels differ in length: no comparison of characters
        case 4: return label == "help"
        case 11: return label == "description"
        case 6: return label == "epilog"
        default: return false
        }
    }

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
                    guard name.kind == .name, name.fDepth == depthOfF, !nameIs(name, "else"), !nameIs(name, "try"),
                          !nameIs(name, "finally"), !nameIs(name, "except") else { return nil }
                    if k >= 2 {
                        let before = tokens[k - 2]
                        guard before.kind == .newline
                                || (before.kind == .op && (before.op == ASCII.semicolon || before.op == ASCII.openParenthesis
                                                           || before.op == ASCII.comma)) else { return nil }
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

    /// A bracket open at the current token of `run`, as far as prose needs it.
    struct ProseBracket {
        var open: Int
        var fDepth: Int
        /// Where the current argument starts (its first token, if it has one yet).
        var argumentStart: Int
        /// The current argument has a keyword (`print(x, file=…)`).
        var labelled = false
    }

    /// Moves `proseBrackets` past token `index`. For a string standing as an unlabelled argument of a
    /// call, the call's parenthesis (the string is prose if the call prints it: `print`, a logger, an
    /// exception, see `ProseCallee`), else -1: the walk of `proseStrings`, made within `run`'s. Names
    /// and numbers, most tokens, cost a test each.
    @inline(__always)
    private func noteProse(at index: Int, _ pass: inout Pass) -> Int {
        let kind = tokens[index].kind
        if kind == .op {
            let top = pass.proseBrackets.count - 1
            switch tokens[index].op {
            case ASCII.openParenthesis, ASCII.openBracket, ASCII.openBrace:
                pass.proseBrackets.append(ProseBracket(open: index, fDepth: tokens[index].fDepth, argumentStart: index + 1))
            case ASCII.closeParenthesis, ASCII.closeBracket, ASCII.closeBrace:
                if top >= 0 { pass.proseBrackets.removeLast() }
            case ASCII.comma:
                if top >= 0 {
                    pass.proseBrackets[top].labelled = false
                    pass.proseBrackets[top].argumentStart = index + 1
                }
            case ASCII.equalsSign:
                // A keyword: the argument so far is one name (newlines are not its tokens).
                if top >= 0, index > pass.proseBrackets[top].argumentStart, tokens[index - 1].kind == .name,
                   Self.onlyNewlines(tokens, pass.proseBrackets[top].argumentStart..<(index - 1)) {
                    pass.proseBrackets[top].labelled = true
                }
            default:
                break
            }
            return -1
        }
        guard kind == .string, let bracket = pass.proseBrackets.last, !bracket.labelled,
              tokens[index].fDepth == bracket.fDepth else { return -1 }
        return bracket.open
    }

    private static func onlyNewlines(_ tokens: UnsafeBufferPointer<PythonToken>, _ range: Range<Int>) -> Bool {
        for k in range where tokens[k].kind != .newline { return false }
        return true
    }

    /// Whether each candidate's call prints prose (neighbours share their call: its decision is kept).
    private func printsProse(_ candidates: [(literal: Int, open: Int)]) -> [Bool] {
        var last = (open: -1, prints: false)
        return candidates.map { candidate in
            if candidate.open != last.open {
                var prints = false
                if let callee = calleeSpan(openingAt: candidate.open) {
                    prints = withCalleeName(callee) { ProseCallee.printsProse(utf8: $0) }
                }
                last = (candidate.open, prints)
            }
            return last.prints
        }
    }

    /// Where the strings start that stand as unlabelled arguments of a call printing prose (`print`,
    /// a logger, an exception: `ProseCallee`). `run` makes the same decisions in its own walk
    /// (`noteProse`); this separate walk is the reference the tests compare it with. The starts ascend.
    func proseStrings() -> [Int] {
        struct Bracket {
            var printsProse: Bool
            var fDepth: Int
            /// The current argument has a keyword (`print(x, file=…)`), and how many tokens it has.
            var labelled = false
            var tokens = 0
        }
        var prose: [Int] = []
        var stack: [Bracket] = []
        for index in tokens.indices {
            let token = tokens[index]
            if token.kind == .newline { continue }
            if token.kind == .op && (token.op == ASCII.openParenthesis || token.op == ASCII.openBracket || token.op == ASCII.openBrace) {
                if !stack.isEmpty { stack[stack.count - 1].tokens += 1 }
                let callee = calleeSpan(openingAt: index)
                stack.append(Bracket(printsProse: callee.map { withCalleeName($0) { ProseCallee.printsProse(utf8: $0) } } ?? false,
                                     fDepth: token.fDepth))
                continue
            }
            guard !stack.isEmpty else { continue }
            // Only strings of the call itself: one inside an f-string's field is an expression
            // (`print(f"cannot reach {url or 'https://api.openai.com/v1'}")`), not the text.
            if token.kind == .string, stack[stack.count - 1].printsProse, !stack[stack.count - 1].labelled,
               token.fDepth == stack[stack.count - 1].fDepth {
                prose.append(token.start)
            }
            if token.kind == .op && (token.op == ASCII.closeParenthesis || token.op == ASCII.closeBracket || token.op == ASCII.closeBrace) {
                stack.removeLast()
                if !stack.isEmpty { stack[stack.count - 1].tokens += 1 }
                continue
            }
            if token.kind == .op && token.op == ASCII.comma {
                stack[stack.count - 1].labelled = false
                stack[stack.count - 1].tokens = 0
                continue
            }
            if isKeywordEquals(at: index, argumentTokens: stack[stack.count - 1].tokens) {
                stack[stack.count - 1].labelled = true
            }
            stack[stack.count - 1].tokens += 1
        }
        return prose
    }

    /// The callee of the call whose parenthesis is token `index`: a dotted name right before it, at its
    /// f-string depth, that is not a keyword (`if (`, `return (`). Nil for any other bracket.
    func calleeSpan(openingAt index: Int) -> Span? {
        let token = tokens[index]
        guard token.op == ASCII.openParenthesis, index > 0, tokens[index - 1].kind == .name,
              tokens[index - 1].fDepth == token.fDepth, !isKeyword(tokens[index - 1]) else { return nil }
        var first = index - 1
        while first >= 2, tokens[first - 1].kind == .op, tokens[first - 1].op == ASCII.period,
              tokens[first - 2].kind == .name { first -= 2 }
        return Span(start: tokens[first].start, end: tokens[index - 1].end)
    }

    /// Token `index` is the `=` after an argument's first token, a name: the argument's keyword.
    private func isKeywordEquals(at index: Int, argumentTokens: Int) -> Bool {
        tokens[index].kind == .op && tokens[index].op == ASCII.equalsSign && argumentTokens == 1
            && index > 0 && tokens[index - 1].kind == .name
    }

    /// Calls of dotted names with each argument's keyword and span, from one pass over the brackets
    /// with a `CallFrame` per bracket: the reference `calls()` (PythonCallWalk.swift) is tested against.
    func callsReference() -> [CallFact] {
        // Calls close inner first: each takes its place in `result` when it opens, so the result comes
        // out in the order of the callees without sorting (a callee is names and dots: it holds no
        // bracket). Places of calls never closed by `)` are dropped at the end.
        var result: [CallFact] = []
        var unfilled = 0
        var stack: [CallFrame] = []
        var placeOfFrame: [Int] = []
        for index in tokens.indices {
            let token = tokens[index]
            if token.kind == .newline { continue }
            if token.kind == .op && (token.op == ASCII.openParenthesis || token.op == ASCII.openBracket || token.op == ASCII.openBrace) {
                var frame = CallFrame(open: token.start)
                frame.fDepth = token.fDepth
                if let callee = calleeSpan(openingAt: index) {
                    frame.isCall = true
                    frame.callee = callee
                }
                if !stack.isEmpty {
                    stack[stack.count - 1].noteLiteralStart()
                    stack[stack.count - 1].note(token.start, token.end)
                }
                if frame.isCall {
                    placeOfFrame.append(result.count)
                    result.append(PythonFactExtractor.unfilledCall)
                    unfilled += 1
                } else {
                    placeOfFrame.append(-1)
                }
                stack.append(consume frame)
                continue
            }
            // What a call's content carries: `{"type": "image_url", …}` parts, and message content
            // given by name (`{"role": "user", "content": parts}`), which cannot be read here.
            if token.kind == .string, !stack.isEmpty, token.fDepth == stack[stack.count - 1].fDepth, token.piece >= 0 {
                // Only values as long as a part type or `content` are decoded (most strings are neither).
                let length = pieces[token.piece].count
                if length == 9 || length == 11,
                   let part = ContentPart.typeValues[value(of: pieces[token.piece])] {
                    stack[stack.count - 1].contentParts.insert(part)
                } else if length == 7, value(of: pieces[token.piece]) == "content",
                          !stack[stack.count - 1].isCall, index + 2 < tokens.count,
                          tokens[index + 1].kind == .op, tokens[index + 1].op == ASCII.colon,
                          tokens[index + 2].kind == .name {
                    stack[stack.count - 1].holdsUnread = true
                }
                stack[stack.count - 1].noteLiteralStart()
            }
            if token.kind == .op && (token.op == ASCII.closeParenthesis || token.op == ASCII.closeBracket || token.op == ASCII.closeBrace) {
                guard var frame = stack.popLast() else { continue }
                let place = placeOfFrame.removeLast()
                if frame.isCall && token.op == ASCII.closeParenthesis {
                    result[place] = frame.fact(callee: withCalleeName(frame.callee) { String(decoding: $0, as: UTF8.self) },
                                               closeParen: token.start)
                    unfilled -= 1
                } else {
                    frame.closeArgument()  // a literal's last element counts as its others do
                }
                if !stack.isEmpty {
                    stack[stack.count - 1].absorb(frame)
                    stack[stack.count - 1].note(token.start, token.end)
                }
                continue
            }
            guard !stack.isEmpty else { continue }
            if token.kind == .op && token.op == ASCII.comma {
                stack[stack.count - 1].closeArgument()
                continue
            }
            if isKeywordEquals(at: index, argumentTokens: stack[stack.count - 1].tokens) {
                stack[stack.count - 1].label = text(tokens[index - 1])
            }
            stack[stack.count - 1].note(token.start, token.end)
        }
        if unfilled > 0 { result.removeAll { $0.openParen < 0 } }
        return result
    }

    /// The place of a call not closed yet (a real call's parenthesis is at an offset >= 0).
    static let unfilledCall = CallFact(callee: "", calleeSpan: Span(start: -1, end: -1), openParen: -1,
                                               closeParen: -1, labels: [], argumentSpans: [])

    /// A dotted callee as one name: `a . b` and line continuations inside it are dropped byte-wise
    /// (copied only when there are such bytes, which is rare).
    func withCalleeName<R>(_ span: Span, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        @inline(__always) func isFiller(_ b: UInt8) -> Bool {
            b == ASCII.space || b == ASCII.tab || b == ASCII.lineFeed || b == ASCII.carriageReturn
                || b == ASCII.backslash || b == ASCII.formFeed
        }
        return bytes.withUnsafeBufferPointer { all in
            let name = UnsafeBufferPointer(rebasing: all[span.start..<span.end])
            var i = 0
            while i < name.count, !isFiller(name[i]) { i += 1 }
            guard i < name.count else { return body(name) }
            return name.filter { !isFiller($0) }.withUnsafeBufferPointer(body)
        }
    }

    /// Keywords a parenthesis can follow without being a call (`if (`, `return (`), by length: asked
    /// at every parenthesis after a name, so compared in place rather than looked up in a table.
    func isKeyword(_ token: PythonToken) -> Bool {
        switch token.end - token.start {
        case 2: return nameIs(token, "if") || nameIs(token, "or") || nameIs(token, "in") || nameIs(token, "is")
        case 3: return nameIs(token, "and") || nameIs(token, "not") || nameIs(token, "del") || nameIs(token, "for")
        case 4: return nameIs(token, "elif") || nameIs(token, "with") || nameIs(token, "else") || nameIs(token, "from")
        case 5: return nameIs(token, "while") || nameIs(token, "yield") || nameIs(token, "await") || nameIs(token, "raise")
        case 6:
            return nameIs(token, "return") || nameIs(token, "assert") || nameIs(token, "lambda")
                || nameIs(token, "import") || nameIs(token, "except")
        default: return false
        }
    }

    func stringValue(_ token: PythonToken) -> String? {
        guard token.piece >= 0 else { return nil }
        return value(of: pieces[token.piece])
    }

    /// A piece's value as a String, from the source bytes when the piece keeps no copy of them.
    func value(of piece: PythonPiece) -> String {
        if let range = piece.sourceRange { return String(decoding: bytes[range], as: UTF8.self) }
        guard piece.decoded >= 0 else { return "" }
        return String(decoding: pieces.decoded[piece.decoded].bytes, as: UTF8.self)
    }

    /// The piece's value bytes, copied out of the source when it keeps none (for concatenation).
    func valueBytes(of piece: PythonPiece) -> [UInt8] {
        if let range = piece.sourceRange { return Array(bytes[range]) }
        guard piece.decoded >= 0 else { return [] }
        return pieces.decoded[piece.decoded].bytes
    }
}
