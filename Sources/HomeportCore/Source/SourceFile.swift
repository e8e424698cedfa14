// A file's bytes with its line table: converts byte offsets to user-facing positions.

/// The bytes of one source file (from disk, the git index or an editor buffer) and where each line starts.
///
/// Offsets everywhere in Homeport are byte offsets into `bytes`; lines and columns are derived at the
/// edge. Lines end at `\n`, `\r\n` or a lone `\r`. Columns count Unicode scalars (a UTF-8 lead byte or
/// an ASCII byte starts one; an invalid byte counts as one). A UTF-8 byte-order mark is not a column.
public struct SourceFile: Sendable {
    /// The path shown to users and written to reports (relative to the scan root where possible).
    public let path: String
    public let bytes: [UInt8]
    public let language: Language
    /// Byte offset where each line starts; `lineStarts[0]` is past a BOM, if any.
    public let lineStarts: [Int]

    public init(path: String, bytes: [UInt8], language: Language) {
        self.path = path
        self.bytes = bytes
        self.language = language
        self.lineStarts = SourceFile.computeLineStarts(bytes)
    }

    static func computeLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            let n = buffer.count
            guard let base = buffer.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= n {
                // Eight bytes at a time: the zero-byte test after XOR with `\n` and with `\r` flags
                // every line break among them, and may flag a byte above a true one but never below
                // it, so the lowest flag is a line break: the scan goes straight to it.
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let newlines = word ^ (ones &* 0x0A), returns = word ^ (ones &* 0x0D)
                let flags = ((newlines &- ones) & ~newlines & highs) | ((returns &- ones) & ~returns & highs)
                if flags == 0 {
                    i += 8
                    continue
                }
                i += flags.trailingZeroBitCount / 8
                if buffer[i] == 0x0D, i + 1 < n, buffer[i + 1] == 0x0A { i += 1 }
                i += 1
                starts.append(i)
            }
            while i < n {
                let byte = buffer[i]
                if byte == 0x0A {
                    starts.append(i + 1)
                } else if byte == 0x0D {
                    if i + 1 < n, buffer[i + 1] == 0x0A { i += 1 }
                    starts.append(i + 1)
                }
                i += 1
            }
        }
        return starts
    }

    /// The 0-based index of the line containing `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The 1-based line and scalar column of a byte offset.
    public func location(of offset: Int) -> SourceLocation {
        var one = locator()
        return one.location(of: offset)
    }

    /// Locates many offsets of this file in one pass (see `Locator`).
    public func locator() -> Locator { Locator(file: self) }

    /// Locates offsets one after another: a call counts columns on from the previous offset when it
    /// is on the same line and not before it, so findings along one long line cost that line once,
    /// not once each (240,000 findings on a 1.2 MB line took minutes with `location(of:)`).
    public struct Locator {
        let file: SourceFile
        private var line = -1
        private var offset = 0
        private var column = 1

        init(file: SourceFile) { self.file = file }

        public mutating func location(of target: Int) -> SourceLocation {
            let index = file.lineIndex(of: target)
            if index != line || target < offset {
                line = index
                offset = file.lineStarts[index]
                column = 1
            }
            let end = min(target, file.bytes.count)
            file.bytes.withUnsafeBufferPointer { bytes in
                while offset < end {
                    if bytes[offset] & 0xC0 != 0x80 { column += 1 }
                    offset += 1
                }
            }
            return SourceLocation(line: index + 1, column: column)
        }
    }

    /// Units in which editors count columns (LSP `positionEncoding`).
    public enum ColumnEncoding: Sendable {
        case utf8, utf16, unicodeScalars
    }

    /// The 0-based line and 0-based column of a byte offset, counted in `encoding`'s code units,
    /// as the Language Server Protocol wants positions. Positions count the text as an editor holds
    /// it: a leading U+FEFF is a character of line 0 there. A character starts at every byte that is
    /// not a UTF-8 continuation byte (so an invalid byte counts as one U+FFFD).
    public func position(of offset: Int, encoding: ColumnEncoding) -> (line: Int, character: Int) {
        var one = positionLocator(encoding: encoding)
        return one.position(of: offset)
    }

    /// Finds the LSP positions of many offsets in one pass (see `PositionLocator`).
    public func positionLocator(encoding: ColumnEncoding) -> PositionLocator {
        PositionLocator(file: self, encoding: encoding)
    }

    /// `position(of:encoding:)` for offsets one after another: a call counts on from the previous
    /// offset when it is on the same line and not before it, as `Locator` does for columns, so
    /// diagnostics along a line cost that line once.
    public struct PositionLocator {
        let file: SourceFile
        let encoding: ColumnEncoding
        private var line = -1
        /// The first character start at or after the previous offset, and the units before it.
        private var offset = 0
        private var units = 0
        private var previous = 0

        init(file: SourceFile, encoding: ColumnEncoding) {
            self.file = file
            self.encoding = encoding
        }

        public mutating func position(of target: Int) -> (line: Int, character: Int) {
            let index = file.lineIndex(of: target)
            if index != line || target < previous {
                line = index
                offset = index == 0 ? 0 : file.lineStarts[index]
                units = 0
            }
            previous = target
            let end = min(target, file.bytes.count)
            file.bytes.withUnsafeBufferPointer { bytes in
                while offset < end {
                    // An ASCII byte not followed by a continuation byte is a character of one unit in
                    // every encoding (most of every line); anything else is measured as `character` does.
                    if bytes[offset] < 0x80, offset + 1 >= bytes.count || bytes[offset + 1] & 0xC0 != 0x80 {
                        units += 1
                        offset += 1
                        continue
                    }
                    let (length, width) = file.character(at: offset, encoding: encoding)
                    units += width
                    offset += length
                }
            }
            return (index, units)
        }
    }

    /// The byte offset of a 0-based line and column counted in `encoding`'s units, the inverse of
    /// `position(of:encoding:)`. A column past the end of its line means the line's end (before its
    /// terminator), a line past the last means the end of the file, and a column inside a character
    /// (half a surrogate pair, a byte inside a UTF-8 sequence) means that character's start.
    public func offset(line: Int, character column: Int, encoding: ColumnEncoding) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count else { return bytes.count }
        var i = line == 0 ? 0 : lineStarts[line]
        let end = lineSpan(line).end
        var units = 0
        while i < end {
            let (length, width) = character(at: i, encoding: encoding)
            if units + width > column { break }
            units += width
            i += length
        }
        return i
    }

    /// The byte length of the character starting at `offset` and its width in `encoding`'s units.
    private func character(at offset: Int, encoding: ColumnEncoding) -> (length: Int, width: Int) {
        var length = 1
        while length < 4, offset + length < bytes.count, bytes[offset + length] & 0xC0 == 0x80 { length += 1 }
        switch encoding {
        case .utf8: return (length, length)
        case .unicodeScalars: return (length, 1)
        // A 4-byte sequence is a supplementary scalar: two UTF-16 units.
        case .utf16: return (length, bytes[offset] >= 0xF0 && bytes[offset] <= 0xF4 ? 2 : 1)
        }
    }

    /// The byte range of a 0-based line, without its line terminator.
    public func lineSpan(_ index: Int) -> Span {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return Span(start: start, end: end)
    }

    /// The text of a 0-based line, without its terminator; invalid UTF-8 shows as U+FFFD.
    public func lineText(_ index: Int) -> String {
        text(of: lineSpan(index))
    }

    public func text(of span: Span) -> String {
        String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }

    /// The offset of the first byte that is not valid UTF-8, if any.
    public func firstInvalidUTF8Offset() -> Int? {
        UTF8Validation.firstInvalidOffset(bytes)
    }
}

enum UTF8Validation {
    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            let raw = UnsafeRawPointer(buffer.baseAddress)
            while i < buffer.count {
                // Eight ASCII bytes at a time (most source is ASCII).
                if let raw, i + 8 <= buffer.count,
                   raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                if buffer[i] < 0x80 { i += 1; continue }
                let length = sequenceLength(buffer, at: i, limit: buffer.count)
                if length == 0 { return i }
                i += length
            }
            return nil
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` and ending by `limit`, or 0
    /// when none starts there.
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, limit: Int) -> Int {
        let b = bytes[i]
        if b < 0x80 { return 1 }
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: return 0
        }
        guard i + length <= limit else { return 0 }
        let second = bytes[i + 1]
        if second < lowerBound || second > upperBound { return 0 }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return 0 }
        return length
    }

    static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        bytes.withUnsafeBufferPointer { sequenceLength($0, at: i, limit: $0.count) }
    }
}
