// Byte ranges into a SourceFile and the 1-based line/column positions shown to users.

/// A half-open range of byte offsets into a `SourceFile`'s bytes.
public struct Span: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(start <= end, "Span start \(start) after end \(end)")
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }

    public static func < (lhs: Span, rhs: Span) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }
}

/// A position as users see it: 1-based line, 1-based column counted in Unicode scalars.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.line != rhs.line ? lhs.line < rhs.line : lhs.column < rhs.column
    }
}
