// YAML scalars: plain, single- and double-quoted, literal and folded, with YAML 1.2's line folding.

extension YAMLReader {
    // MARK: Plain scalars (YAML 1.2 §7.3.3)

    /// A plain scalar's text on the current line from `pos`: up to `: `, ` #` or the line end and, in
    /// flow context, a flow indicator; trailing blanks excluded. `pos` ends after the text.
    mutating func plainLine(inFlow: Bool) -> Range<Int> {
        let start = pos
        var end = pos
        while true {
            let c = bytes[pos]
            if c == 0x0A || c == 0 { break }
            if Self.isBlank(c) {
                pos += 1
                continue
            }
            if c == UInt8(ascii: ":") && isIndicator(c, at: pos, inFlow: inFlow) { break }
            if c == UInt8(ascii: "#") && pos > start && Self.isBlank(bytes[pos - 1]) { break }
            if inFlow && Self.isFlowIndicator(c) { break }
            pos += 1
            end = pos
        }
        pos = end
        return start..<end
    }

    /// Appends the fold of `breaks` line breaks between two lines of a scalar: a space for one, else
    /// one newline fewer.
    static func fold(_ breaks: Int, into text: inout [UInt8]) {
        if breaks == 1 {
            text.append(0x20)
        } else {
            text.append(contentsOf: repeatElement(0x0A, count: breaks - 1))
        }
    }

    /// A plain scalar in block context whose first line is `first`; it continues on the lines below
    /// that are indented more than `parent`, up to a comment or a less indented line. `pos` ends at the
    /// start of the first line after it.
    mutating func plainScalar(first: Range<Int>, at mark: Mark, parent: Int) throws(YAMLError) -> YAMLNode {
        var text: [UInt8]?
        lines: while true {
            skipBlanks()
            if isComment(at: pos) {  // a comment ends a plain scalar
                skipToLineEnd()
                if bytes[pos] == 0x0A { newLine() }
                break
            }
            if bytes[pos] == UInt8(ascii: ":") {
                throw fail(.colonInMultilinePlain)
            }
            if bytes[pos] == 0 { break }
            newLine()
            var breaks = 1
            while true {
                var spaces = pos
                while bytes[spaces] == 0x20 { spaces += 1 }
                var blanks = spaces
                while Self.isBlank(bytes[blanks]) { blanks += 1 }
                switch bytes[blanks] {
                case 0x0A:
                    pos = blanks
                    newLine()
                    breaks += 1
                    continue
                case 0:
                    pos = blanks
                    break lines
                case UInt8(ascii: "#"):
                    break lines
                default:
                    let indent = spaces - lineStart
                    if indent <= parent || (indent == 0 && isDocumentMarker(at: pos)) { break lines }
                    if blanks > spaces { throw fail(.tabIndentation, at: spaces) }
                    pos = blanks
                }
                break
            }
            if text == nil { text = Array(bytes[first]) }
            Self.fold(breaks, into: &text!)
            text!.append(contentsOf: bytes[plainLine(inFlow: false)])
        }
        let string = String(decoding: text.map { $0[...] } ?? bytes[first], as: UTF8.self)
        return node(.scalar(string, style: .plain), at: mark)
    }

    /// A plain scalar in a flow collection; it may continue on the following lines.
    mutating func flowPlain() throws(YAMLError) -> YAMLNode {
        let mark = here()
        let first = plainLine(inFlow: true)
        var text: [UInt8]?
        while true {
            var end = pos
            while Self.isBlank(bytes[end]) { end += 1 }
            guard bytes[end] == 0x0A else { break }
            pos = end
            var breaks = 0
            while bytes[pos] == 0x0A {
                newLine()
                breaks += 1
                if isDocumentMarker(at: pos) { throw unclosedFlow() }
                skipBlanks()
            }
            let c = bytes[pos]
            if c == 0 || c == UInt8(ascii: "#") || Self.isFlowIndicator(c) || isIndicator(UInt8(ascii: ":"), at: pos, inFlow: true) {
                break
            }
            if text == nil { text = Array(bytes[first]) }
            Self.fold(breaks, into: &text!)
            text!.append(contentsOf: bytes[plainLine(inFlow: true)])
        }
        let string = String(decoding: text.map { $0[...] } ?? bytes[first], as: UTF8.self)
        return node(.scalar(string, style: .plain), at: mark)
    }

    // MARK: Quoted scalars (YAML 1.2 §7.3.1, §7.3.2)

    /// At an unescaped line break in a quoted scalar: the break and any blank lines after it, folded into
    /// `text`, and the next line's leading blanks. After an escaped break (`\` at the end of a line)
    /// only the blank lines count.
    mutating func foldQuotedLines(into text: inout [UInt8], escaped: Bool, opening: Mark,
                                  unterminated: FileMessage) throws(YAMLError) {
        var breaks = 0
        while bytes[pos] == 0x0A {
            newLine()
            breaks += 1
            if isDocumentMarker(at: pos) { throw fail(unterminated, at: opening) }
            skipBlanks()
        }
        if escaped {
            text.append(contentsOf: repeatElement(0x0A, count: breaks - 1))
        } else {
            Self.fold(breaks, into: &text)
        }
    }

    /// Drops trailing blanks from `text`, but not before `kept` (text from escapes).
    static func trimBlanks(_ text: inout [UInt8], keeping kept: Int) {
        while text.count > kept, let last = text.last, isBlank(last) { text.removeLast() }
    }

    mutating func singleQuoted() throws(YAMLError) -> YAMLNode {
        let opening = here()
        pos += 1
        // Text is copied only once a quote escape or a line break makes it differ from the input.
        var text: [UInt8] = []
        var copied = false
        var segment = pos
        while true {
            switch bytes[pos] {
            case UInt8(ascii: "'") where at(pos + 1) == UInt8(ascii: "'"):
                text.append(contentsOf: bytes[segment...pos])
                copied = true
                pos += 2
                segment = pos
            case UInt8(ascii: "'"):
                if copied { text.append(contentsOf: bytes[segment..<pos]) }
                let string = String(decoding: copied ? text[...] : bytes[segment..<pos], as: UTF8.self)
                pos += 1
                return node(.scalar(string, style: .singleQuoted), at: opening)
            case 0x0A:
                text.append(contentsOf: bytes[segment..<pos])
                copied = true
                Self.trimBlanks(&text, keeping: 0)
                try foldQuotedLines(into: &text, escaped: false, opening: opening, unterminated: .unterminatedSingleQuoted)
                segment = pos
            case 0:
                throw fail(.unterminatedSingleQuoted, at: opening)
            default:
                pos += 1
            }
        }
    }

    mutating func doubleQuoted() throws(YAMLError) -> YAMLNode {
        let opening = here()
        pos += 1
        var text: [UInt8] = []
        var copied = false
        var kept = 0  // text[..<kept] may end in blanks from escapes, which folding keeps
        var segment = pos
        while true {
            switch bytes[pos] {
            case UInt8(ascii: "\""):
                if copied { text.append(contentsOf: bytes[segment..<pos]) }
                let string = String(decoding: copied ? text[...] : bytes[segment..<pos], as: UTF8.self)
                pos += 1
                return node(.scalar(string, style: .doubleQuoted), at: opening)
            case UInt8(ascii: "\\"):
                text.append(contentsOf: bytes[segment..<pos])
                copied = true
                try escape(into: &text, opening: opening)
                kept = text.count
                segment = pos
            case 0x0A:
                text.append(contentsOf: bytes[segment..<pos])
                copied = true
                Self.trimBlanks(&text, keeping: kept)
                try foldQuotedLines(into: &text, escaped: false, opening: opening, unterminated: .unterminatedDoubleQuoted)
                kept = text.count
                segment = pos
            case 0:
                throw fail(.unterminatedDoubleQuoted, at: opening)
            default:
                pos += 1
            }
        }
    }

    /// The escape sequence at `pos` (a backslash), appended to `text` (YAML 1.2 §5.7).
    mutating func escape(into text: inout [UInt8], opening: Mark) throws(YAMLError) {
        let start = pos
        let c = bytes[pos + 1]
        pos += 2
        var scalar: UInt32
        switch c {
        case UInt8(ascii: "0"): scalar = 0
        case UInt8(ascii: "a"): scalar = 0x07
        case UInt8(ascii: "b"): scalar = 0x08
        case UInt8(ascii: "t"), 0x09: scalar = 0x09
        case UInt8(ascii: "n"): scalar = 0x0A
        case UInt8(ascii: "v"): scalar = 0x0B
        case UInt8(ascii: "f"): scalar = 0x0C
        case UInt8(ascii: "r"): scalar = 0x0D
        case UInt8(ascii: "e"): scalar = 0x1B
        case 0x20, UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): scalar = UInt32(c)
        case UInt8(ascii: "N"): scalar = 0x85
        case UInt8(ascii: "_"): scalar = 0xA0
        case UInt8(ascii: "L"): scalar = 0x2028
        case UInt8(ascii: "P"): scalar = 0x2029
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = c == UInt8(ascii: "x") ? 2 : c == UInt8(ascii: "u") ? 4 : 8
            scalar = 0
            for _ in 0..<digits {
                guard let digit = Self.hexValue(bytes[pos]) else {
                    throw fail(.hexDigits, ["count": String(digits), "escape": String(Character(Unicode.Scalar(c)))],
                               at: start)
                }
                scalar = scalar << 4 | digit
                pos += 1
            }
        case 0x0A:
            pos -= 1
            try foldQuotedLines(into: &text, escaped: true, opening: opening, unterminated: .unterminatedDoubleQuoted)
            return
        case 0:
            throw fail(.unterminatedDoubleQuoted, at: opening)
        default:
            pos -= 1
            throw fail(.unknownEscape, ["escape": character(at: pos)], at: start)
        }
        guard let unicode = Unicode.Scalar(scalar) else {
            throw fail(.escapeNotCharacter, ["escape": String(decoding: bytes[start..<pos], as: UTF8.self)], at: start)
        }
        UTF8.encode(unicode) { text.append($0) }
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    // MARK: Block scalars (YAML 1.2 §8.1)

    enum Chomping { case strip, clip, keep }

    /// The number of spaces at `p` and after, up to `limit`.
    func spaces(at p: Int, upTo limit: Int = .max) -> Int {
        var count = 0
        while count < limit && bytes[p + count] == 0x20 { count += 1 }
        return count
    }

    /// Steps over lines that are empty for a block scalar indented by `indent`: at most `indent` spaces,
    /// then a line break. `pos` stays at the start of the next line.
    mutating func emptyLines(indent: Int) -> Int {
        var count = 0
        while true {
            let spaces = self.spaces(at: pos, upTo: indent)
            guard bytes[pos + spaces] == 0x0A else { return count }
            pos += spaces
            newLine()
            count += 1
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar whose indicator is at `pos`; its lines are indented
    /// more than `parent`, by the indentation indicator when there is one. `pos` ends at the start of the
    /// first line after it.
    mutating func blockScalar(parent: Int) throws(YAMLError) -> YAMLNode {
        let mark = here()
        let folded = bytes[pos] == UInt8(ascii: ">")
        pos += 1
        var chomping = Chomping.clip
        var increment: Int?
        for _ in 0..<2 {
            let c = bytes[pos]
            if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && chomping == .clip {
                chomping = c == UInt8(ascii: "+") ? .keep : .strip
            } else if c == UInt8(ascii: "0") && increment == nil {
                throw fail(.indentationIndicator)
            } else if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(c) && increment == nil {
                increment = Int(c - UInt8(ascii: "0"))
            } else {
                break
            }
            pos += 1
        }
        try finishLine(.textAfterBlockIndicator)

        // Like libyaml, top-level content is indented by at least one space.
        let minimum = max(parent + 1, 1)
        let indent: Int
        var breaks: Int
        if let increment {
            indent = max(parent, 0) + increment
            breaks = emptyLines(indent: indent)
        } else {
            var widestEmpty = 0
            breaks = 0
            while true {
                let spaces = self.spaces(at: pos)
                guard bytes[pos + spaces] == 0x0A else {
                    if bytes[pos + spaces] == 0 {
                        indent = max(minimum, widestEmpty)
                    } else {
                        indent = max(minimum, spaces)
                        if spaces >= minimum && widestEmpty > spaces {
                            throw fail(.blankLineTooWide, at: pos + spaces)
                        }
                    }
                    break
                }
                widestEmpty = max(widestEmpty, spaces)
                pos += spaces
                newLine()
                breaks += 1
            }
        }

        var text: [UInt8] = []
        var endsWithBreak = false
        while spaces(at: pos, upTo: indent) == indent && bytes[pos + indent] != 0 {
            text.append(contentsOf: repeatElement(0x0A, count: breaks))
            let start = pos + indent
            let startsWithBlank = Self.isBlank(bytes[start])
            pos = start
            skipToLineEnd()
            text.append(contentsOf: bytes[start..<pos])
            endsWithBreak = bytes[pos] == 0x0A
            guard endsWithBreak else {
                breaks = 0
                break
            }
            newLine()
            breaks = emptyLines(indent: indent)
            guard spaces(at: pos, upTo: indent) == indent && bytes[pos + indent] != 0 else { break }
            // Folding joins lines that do not start with a blank ("more-indented" lines keep their breaks).
            if folded && !startsWithBlank && !Self.isBlank(bytes[pos + indent]) {
                if breaks == 0 { text.append(0x20) }
            } else {
                text.append(0x0A)
            }
        }
        switch chomping {
        case .strip: break
        case .clip: if endsWithBreak { text.append(0x0A) }
        case .keep:
            if endsWithBreak { text.append(0x0A) }
            text.append(contentsOf: repeatElement(0x0A, count: breaks))
        }
        return node(.scalar(String(decoding: text, as: UTF8.self), style: folded ? .folded : .literal), at: mark)
    }
}
