// dotenv frontend: `.env` files as docker compose, python-dotenv and dotenv (node) read them.
//
// Each line is `KEY=value` or `export KEY=value`; a value is bare (up to a ` #` comment), single-quoted
// (verbatim) or double-quoted (escapes, and may run over several lines). Keys and values become
// string facts (a value labelled with its key); `${VAR}` and `$VAR` references inside unquoted and
// double-quoted values become facts of the variable's name; `#` comments become comment facts.

public struct DotenvFrontend: Frontend {
    public init() {}

    public func facts(in file: SourceFile) -> Facts {
        ConfigText.verbatimOnly(readFacts(in: file), bytes: file.bytes)
    }

    private func readFacts(in file: SourceFile) -> Facts {
        var facts = Facts()
        let bytes = file.bytes
        var i = file.lineStarts[0]
        let n = bytes.count
        while i < n {
            // One logical line.
            let lineStart = i
            ConfigText.skipBlanks(bytes, &i)
            if i >= n { break }
            if ConfigText.isLineEnd(bytes[i]) { ConfigText.skipLineEnd(bytes, &i); continue }
            if bytes[i] == UInt8(ascii: "#") {
                let end = ConfigText.lineEnd(bytes, from: i)
                facts.comments.append(CommentFact(text: String(decoding: bytes[i..<end], as: UTF8.self),
                                                  span: Span(start: i, end: end), standsAlone: true))
                i = end
                continue
            }
            if ConfigText.hasWord("export", at: i, in: bytes) { i += 6; ConfigText.skipBlanks(bytes, &i) }
            let keyStart = i
            while i < n, ConfigText.isKeyCharacter(bytes[i]) { i += 1 }
            let keyEnd = i
            ConfigText.skipBlanks(bytes, &i)
            guard keyEnd > keyStart, i < n, bytes[i] == UInt8(ascii: "=") || bytes[i] == UInt8(ascii: ":") else {
                // Not an assignment: skip the line.
                i = ConfigText.lineEnd(bytes, from: lineStart)
                continue
            }
            let key = String(decoding: bytes[keyStart..<keyEnd], as: UTF8.self)
            facts.strings.append(StringLiteralFact(
                value: key, span: Span(start: keyStart, end: keyEnd),
                runs: [VerbatimRun(valueOffset: 0, sourceOffset: keyStart, length: keyEnd - keyStart)]))
            i += 1
            ConfigText.skipBlanks(bytes, &i)
            guard i < n, !ConfigText.isLineEnd(bytes[i]) else { continue }
            let quote = bytes[i]
            if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "`") {
                let start = i
                i += 1
                var value: [UInt8] = []
                var runs: [VerbatimRun] = []
                var runStart = i
                func flush(_ to: Int) {
                    if to > runStart {
                        runs.append(VerbatimRun(valueOffset: value.count, sourceOffset: runStart, length: to - runStart))
                        value.append(contentsOf: bytes[runStart..<to])
                    }
                }
                while i < n, bytes[i] != quote {
                    if quote == UInt8(ascii: "\""), bytes[i] == UInt8(ascii: "\\"), i + 1 < n {
                        flush(i)
                        let escaped = bytes[i + 1]
                        switch escaped {
                        case UInt8(ascii: "n"): value.append(0x0A)
                        case UInt8(ascii: "r"): value.append(0x0D)
                        case UInt8(ascii: "t"): value.append(0x09)
                        default: value.append(escaped)
                        }
                        i += 2
                        runStart = i
                        continue
                    }
                    i += 1
                }
                flush(i)
                let end = min(i + 1, n)
                let fact = StringLiteralFact(value: String(decoding: value, as: UTF8.self), span: Span(start: start, end: end),
                                             runs: runs, label: key)
                facts.strings.append(fact)
                if quote != UInt8(ascii: "'") { ConfigText.appendReferences(in: fact, to: &facts) }
                i = end
                ConfigText.skipBlanks(bytes, &i)
                if i < n, bytes[i] == UInt8(ascii: "#") {
                    let commentEnd = ConfigText.lineEnd(bytes, from: i)
                    facts.comments.append(CommentFact(text: String(decoding: bytes[i..<commentEnd], as: UTF8.self),
                                                      span: Span(start: i, end: commentEnd), standsAlone: false))
                }
                i = ConfigText.lineEnd(bytes, from: i)
                continue
            }
            // A bare value: up to the line's end or a comment (` #`), trailing blanks dropped.
            let start = i
            var end = i
            var commentStart: Int?
            while i < n, !ConfigText.isLineEnd(bytes[i]) {
                if bytes[i] == UInt8(ascii: "#"), i > start, ConfigText.isBlank(bytes[i - 1]) {
                    commentStart = i
                    break
                }
                i += 1
                if !ConfigText.isBlank(bytes[i - 1]) { end = i }
            }
            let fact = StringLiteralFact(
                value: String(decoding: bytes[start..<end], as: UTF8.self), span: Span(start: start, end: end),
                runs: [VerbatimRun(valueOffset: 0, sourceOffset: start, length: end - start)], label: key)
            facts.strings.append(fact)
            ConfigText.appendReferences(in: fact, to: &facts)
            if let commentStart {
                let commentEnd = ConfigText.lineEnd(bytes, from: commentStart)
                facts.comments.append(CommentFact(text: String(decoding: bytes[commentStart..<commentEnd], as: UTF8.self),
                                                  span: Span(start: commentStart, end: commentEnd), standsAlone: false))
            }
            i = ConfigText.lineEnd(bytes, from: i)
        }
        return facts
    }}
