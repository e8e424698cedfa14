// Jupyter notebook frontend: the .ipynb is read with our JSON parser; each code cell of a Python
// kernel goes through the Python frontend, and every fact's offsets are mapped back to the bytes of
// the .ipynb where that character is written. Markdown and raw cells and outputs are never read.

public struct NotebookFrontend: Frontend {
    public init() {}

    /// Cell magics whose body is Python; any other `%%` cell (`%%bash`, `%%html`) is not.
    static let pythonCellMagics: Set<String> = ["time", "timeit", "capture", "prun", "debug", "python", "python3"]

    public func facts(in file: SourceFile) -> Facts {
        var facts = Facts()
        let start = file.lineStarts[0]
        let document: JSONValue
        let spans: [Span]
        do {
            (document, spans) = try JSONParser.parseWithStringSpans(Array(file.bytes[start...]))
        } catch let error as JSONParseError {
            facts.notices.append(FrontendNotice(.notebookNotJSON, offset: start + min(error.offset, file.bytes.count - start),
                                                localized: ["message": error.text]))
            return facts
        } catch {
            return facts
        }
        guard NotebookFrontend.isPython(document) else { return facts }
        let cells = NotebookFrontend.codeCells(of: document, stringSpans: spans.map {
            Span(start: $0.start + start, end: $0.end + start)
        }, bytes: file.bytes)
        for cell in cells {
            let cellFile = SourceFile(path: file.path, bytes: cell.source, language: .python)
            let cellFacts = PythonFrontend().facts(in: cellFile)
            facts.append(cellFacts, mappedThrough: cell)
        }
        facts.embedded = EmbeddedCode(language: .python, cells: cells)
        return facts
    }

    /// The kernel's language (`metadata.kernelspec.language`, else `metadata.language_info.name`) is
    /// Python, or the notebook does not say.
    static func isPython(_ document: JSONValue) -> Bool {
        let metadata = document.member("metadata")
        let named = metadata?.member("kernelspec")?.member("language")?.stringValue ?? metadata?.member("language_info")?.member("name")?.stringValue
        guard let named else { return true }
        return named.lowercased().hasPrefix("python")
    }

    /// How many string values a walk of `value` visits.
    private static func stringCount(_ value: JSONValue) -> Int {
        var count = 0
        var stack = [value]
        while let top = stack.popLast() {
            switch top {
            case .string: count += 1
            case .array(let items): stack.append(contentsOf: items)
            case .object(let members): stack.append(contentsOf: members.map(\.1))
            default: break
            }
        }
        return count
    }

    /// Each code cell's source, decoded, with where each byte is written.
    static func codeCells(of document: JSONValue, stringSpans: [Span], bytes: [UInt8]) -> [EmbeddedCode.Cell] {
        guard case .object(let members) = document else { return [] }
        var next = 0  // index into stringSpans of the next string value in document order
        var result: [EmbeddedCode.Cell] = []
        for (key, value) in members {
            guard key == "cells", case .array(let cells) = value else {
                next += stringCount(value)
                continue
            }
            for (index, cell) in cells.enumerated() {
                guard case .object(let fields) = cell else {
                    next += stringCount(cell)
                    continue
                }
                let isCode = cell.member("cell_type")?.stringValue == "code"
                    && (cell.member("metadata")?.member("vscode")?.member("languageId")?.stringValue.map { $0 == "python" } ?? true)
                var pieces: [Span] = []
                for (fieldKey, fieldValue) in fields {
                    let count = stringCount(fieldValue)
                    if fieldKey == "source", next + count <= stringSpans.count {
                        switch fieldValue {
                        case .string: pieces = [stringSpans[next]]
                        case .array(let items) where items.allSatisfy({ $0.stringValue != nil }):
                            pieces = Array(stringSpans[next..<(next + count)])
                        default: break
                        }
                    }
                    next += count
                }
                guard isCode, !pieces.isEmpty else { continue }
                var decoded = EmbeddedCode.Cell(number: index + 1, pieces: [], source: [], fileStarts: [], fileEnds: [])
                for piece in pieces {
                    let content = Span(start: piece.start + 1, end: piece.end - 1)
                    decoded.pieces.append(content)
                    decodeJSONString(bytes, content, into: &decoded)
                }
                guard isPythonCell(decoded.source) else { continue }
                blankMagics(&decoded.source)
                result.append(decoded)
            }
            break
        }
        return result
    }

    /// A JSON string's contents (already validated by the parser), decoded into `cell`.
    static func decodeJSONString(_ bytes: [UInt8], _ content: Span, into cell: inout EmbeddedCode.Cell) {
        var i = content.start
        func emit(_ decoded: [UInt8], from start: Int, to end: Int) {
            cell.source.append(contentsOf: decoded)
            cell.fileStarts.append(contentsOf: repeatElement(start, count: decoded.count))
            cell.fileEnds.append(contentsOf: repeatElement(end, count: decoded.count))
        }
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= content.end else { return nil }
            return UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16)
        }
        while i < content.end {
            let byte = bytes[i]
            guard byte == 0x5C, i + 1 < content.end else {
                emit([byte], from: i, to: i + 1)
                i += 1
                continue
            }
            let escape = bytes[i + 1]
            switch escape {
            case UInt8(ascii: "n"): emit([0x0A], from: i, to: i + 2)
            case UInt8(ascii: "t"): emit([0x09], from: i, to: i + 2)
            case UInt8(ascii: "r"): emit([0x0D], from: i, to: i + 2)
            case UInt8(ascii: "b"): emit([0x08], from: i, to: i + 2)
            case UInt8(ascii: "f"): emit([0x0C], from: i, to: i + 2)
            case UInt8(ascii: "u"):
                var scalar = hex4(i + 2) ?? 0xFFFD
                var end = i + 6
                if (0xD800..<0xDC00).contains(scalar), end + 6 <= content.end, bytes[end] == 0x5C,
                   bytes[end + 1] == UInt8(ascii: "u"), let low = hex4(end + 2), (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    end += 6
                }
                let text = Unicode.Scalar(scalar).map { String(Character($0)) } ?? "\u{FFFD}"
                emit(Array(text.utf8), from: i, to: min(end, content.end))
                i = min(end, content.end)
                continue
            default: emit([escape], from: i, to: i + 2)  // \" \\ \/
            }
            i += 2
        }
    }

    /// False for a `%%bash`, `%%html` … cell, whose body is not Python.
    static func isPythonCell(_ source: [UInt8]) -> Bool {
        let first = source.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard first.starts(with: [0x25, 0x25]) else { return true }
        let name = String(decoding: first.dropFirst(2).prefix { ASCII.isLetter($0) || ASCII.isDigit($0) }, as: UTF8.self)
        return pythonCellMagics.contains(name)
    }

    /// IPython lines that are not Python (`%pip install openai`, `!curl …`, `%%time`): spaces, so
    /// offsets stay and the tokenizer sees no stray characters. As in IPython, only a line that
    /// starts a logical line is one: not a line inside a multi-line string (`%(name)s` in a
    /// template), inside brackets (`% args` continuing an expression) or after a `\` continuation.
    static func blankMagics(_ source: inout [UInt8]) {
        var state = LineState()
        var lineStart = 0
        while lineStart < source.count {
            var end = lineStart
            while end < source.count, source[end] != 0x0A, source[end] != 0x0D { end += 1 }
            var first = lineStart
            while first < end, source[first] == 0x20 || source[first] == 0x09 { first += 1 }
            if state.startsLogicalLine, first < end, source[first] == 0x25 || source[first] == 0x21 {  // % !
                for k in first..<end { source[k] = 0x20 }
            } else {
                state.read(source[lineStart..<end])
            }
            lineStart = end < source.count && source[end] == 0x0D && end + 1 < source.count && source[end + 1] == 0x0A
                ? end + 2 : end + 1
        }
    }

    /// What Python's tokenizer knows at the start of a physical line of a cell: whether it is in a
    /// string, in brackets, or after a `\` continuation.
    struct LineState {
        /// The quote of the string the line starts in, if any (three of it when `triple`).
        var quote: UInt8?
        var triple = false
        /// Brackets open outside strings (never below 0: a stray `)` is Python's error, not ours).
        var depth = 0
        /// The line before ended in a `\` outside a string.
        var continued = false

        var startsLogicalLine: Bool { quote == nil && depth == 0 && !continued }

        /// Moves past one physical line (without its line break): quotes, `\` escapes, brackets
        /// and `#` comments as Python's tokenizer reads them. A one-quote string still open at the
        /// line's end goes on only after a `\`.
        mutating func read(_ line: ArraySlice<UInt8>) {
            continued = false
            var i = line.startIndex
            while i < line.endIndex {
                let byte = line[i]
                if let open = quote {
                    if byte == 0x5C {  // `\` escapes the next byte, or the line break
                        if i + 1 == line.endIndex { return }
                        i += 2
                        continue
                    }
                    if byte == open {
                        if !triple {
                            quote = nil
                        } else if i + 2 < line.endIndex, line[i + 1] == open, line[i + 2] == open {
                            quote = nil
                            i += 3
                            continue
                        }
                    }
                    i += 1
                    continue
                }
                switch byte {
                case 0x23: i = line.endIndex; continue  // a comment runs to the line's end
                case 0x5C where i + 1 == line.endIndex: continued = true
                case 0x22, 0x27:
                    triple = i + 2 < line.endIndex && line[i + 1] == byte && line[i + 2] == byte
                    quote = byte
                    i += triple ? 3 : 1
                    continue
                case 0x28, 0x5B, 0x7B: depth += 1
                case 0x29, 0x5D, 0x7D: depth = max(0, depth - 1)
                default: break
                }
                i += 1
            }
            if quote != nil, !triple { quote = nil }  // unterminated: Python's error, not ours
        }
    }
}

extension Facts {
    /// Adds one cell's facts, every offset moved from the cell's source to the notebook's bytes.
    mutating func append(_ other: Facts, mappedThrough cell: EmbeddedCode.Cell) {
        func map(_ span: Span) -> Span { cell.fileSpan(of: span) }
        imports += other.imports.map { ImportFact(module: $0.module, span: map($0.span)) }
        strings += other.strings.map { fact in
            var mapped = fact
            mapped.span = map(fact.span)
            mapped.runs = fact.runs.flatMap { verbatimRuns($0, in: cell) }
            return mapped
        }
        comments += other.comments.map { CommentFact(text: $0.text, span: map($0.span), standsAlone: $0.standsAlone) }
        symbols += other.symbols.map { fact in
            var mapped = fact
            mapped.span = map(fact.span)
            return mapped
        }
        environmentReads += other.environmentReads.map { EnvironmentReadFact(name: $0.name, span: map($0.span)) }
        calls += other.calls.map { call in
            CallFact(callee: call.callee, calleeSpan: map(call.calleeSpan), openParen: cell.fileOffset(of: call.openParen),
                     closeParen: cell.fileOffset(of: call.closeParen), labels: call.labels,
                     argumentSpans: call.argumentSpans.map(map))
        }
        notices += other.notices.map { FrontendNotice(text: $0.text, offset: cell.fileOffset(of: $0.offset)) }
    }

    /// The parts of a run (verbatim in the cell's source) that are verbatim in the file too: bytes
    /// written as themselves, not as escapes, next to each other.
    private func verbatimRuns(_ run: VerbatimRun, in cell: EmbeddedCode.Cell) -> [VerbatimRun] {
        var result: [VerbatimRun] = []
        var k = run.sourceOffset
        let end = run.sourceOffset + run.length
        while k < end {
            guard k < cell.fileStarts.count, cell.fileEnds[k] - cell.fileStarts[k] == 1 else { k += 1; continue }
            let first = k
            k += 1
            while k < end, k < cell.fileStarts.count, cell.fileEnds[k] - cell.fileStarts[k] == 1,
                  cell.fileStarts[k] == cell.fileEnds[k - 1] { k += 1 }
            result.append(VerbatimRun(valueOffset: run.valueOffset + (first - run.sourceOffset),
                                      sourceOffset: cell.fileStarts[first], length: k - first))
        }
        return result
    }
}
