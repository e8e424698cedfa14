// Code that stands inside another file's strings: a notebook's code cells, as JSON strings of the
// .ipynb. Maps the code's offsets to the file's bytes and back, and says how an edit is written there.

/// Where a position inside an embedded cell is, as its user sees it (1-based).
public struct CellPosition: Hashable, Sendable {
    /// The cell's place among all the notebook's cells (markdown ones too).
    public var cell: Int
    public var line: Int
    /// Unicode scalars, as `SourceLocation` counts them.
    public var column: Int

    public init(cell: Int, line: Int, column: Int) {
        self.cell = cell
        self.line = line
        self.column = column
    }
}

/// The code cells of one notebook: for each, its source as the kernel sees it and, byte by byte,
/// where that byte is written in the file (one source character may be several file bytes: `\"`,
/// `\n`, `\u00e9`).
public struct EmbeddedCode: Sendable {
    /// The language of the code (its frontend has already run); matchers and fixes read it as this.
    public var language: Language
    public var cells: [Cell]

    public struct Cell: Sendable {
        /// The cell's place among all the notebook's cells, from 1.
        public var number: Int
        /// The contents (between the quotes) of the JSON strings that hold the source, in order.
        public var pieces: [Span]
        /// The decoded source.
        public var source: [UInt8]
        /// For each source byte, where its encoding starts and ends in the file.
        var fileStarts: [Int]
        var fileEnds: [Int]

        /// The file offset of source offset `offset` (`source.count` maps past the last byte).
        func fileOffset(of offset: Int) -> Int {
            if offset < fileStarts.count { return fileStarts[offset] }
            return fileEnds.last ?? pieces.first?.start ?? 0
        }

        /// The file span of a source span.
        func fileSpan(of span: Span) -> Span {
            let start = fileOffset(of: span.start)
            guard span.end > span.start else { return Span(start: start, end: start) }
            return Span(start: start, end: max(start, fileEnds[min(span.end, fileEnds.count) - 1]))
        }

        /// The source offset a file offset inside this cell's pieces stands for.
        func sourceOffset(of fileOffset: Int) -> Int {
            var low = 0
            var high = fileStarts.count
            while low < high {
                let mid = (low + high) / 2
                if fileStarts[mid] < fileOffset { low = mid + 1 } else { high = mid }
            }
            return low
        }

        func contains(_ fileOffset: Int) -> Bool {
            pieces.contains { $0.start <= fileOffset && fileOffset <= $0.end }
        }
    }

    public init(language: Language, cells: [Cell]) {
        self.language = language
        self.cells = cells
    }

    /// Cell, line and column of a file offset inside a cell's source; nil outside every cell.
    public func position(of fileOffset: Int) -> CellPosition? {
        guard let cell = cells.first(where: { $0.contains(fileOffset) }) else { return nil }
        let offset = cell.sourceOffset(of: fileOffset)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < offset, i < cell.source.count {
            let byte = cell.source[i]
            if byte == 0x0A || (byte == 0x0D && (i + 1 >= cell.source.count || cell.source[i + 1] != 0x0A)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        let column = 1 + cell.source[lineStart..<min(offset, cell.source.count)].filter { $0 & 0xC0 != 0x80 }.count
        return CellPosition(cell: cell.number, line: line, column: column)
    }

    /// A key that is the same for two offsets exactly when they are on the same line of the same
    /// cell (what `homeport: ignore` comments count in); nil outside every cell.
    func logicalLine(of fileOffset: Int) -> Int? {
        position(of: fileOffset).map { $0.cell * 10_000_000 + $0.line }
    }

    /// The file offset where the comments and whitespace that open the first code cell end: the
    /// notebook's top comment block, where `homeport: ignore-file` counts.
    func topCommentBlockEnd(_ comments: [CommentFact]) -> Int {
        guard let cell = cells.first else { return 0 }
        var position = 0  // in the cell's source
        for comment in comments.sorted(by: { $0.span.start < $1.span.start }) where cell.contains(comment.span.start) {
            let start = cell.sourceOffset(of: comment.span.start)
            guard start >= position,
                  cell.source[position..<start].allSatisfy({ [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains($0) }) else { break }
            position = cell.sourceOffset(of: comment.span.end)
        }
        return cell.fileOffset(of: position)
    }

    /// True when `span` lies inside one JSON string, so an edit of it keeps the file's structure.
    public func canEdit(_ span: Span) -> Bool {
        cells.contains { cell in cell.pieces.contains { $0.start <= span.start && span.end <= $0.end } }
    }

    /// A suggestion for the code, as edits of the file: replacements written as JSON string
    /// contents; an edit that would cross a string's bounds makes the suggestion manual.
    public func writtenInFile(_ suggestion: Suggestion) -> Suggestion {
        guard !suggestion.edits.isEmpty else { return suggestion }
        guard suggestion.edits.allSatisfy({ canEdit($0.span) }) else {
            return Suggestion(title: suggestion.title, provider: suggestion.provider, replacement: suggestion.replacement)
        }
        var written = suggestion
        written.edits = suggestion.edits.map { TextEdit(span: $0.span, replacement: EmbeddedCode.escaped($0.replacement)) }
        return written
    }

    /// `text` as it is written inside a JSON string (without the quotes).
    public static func escaped(_ text: String) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
