// Byte-range edits: the unit in which every fix (CLI, SARIF, editor) is expressed.

/// A byte-range replacement in one file.
public struct TextEdit: Hashable, Sendable {
    public var span: Span
    public var replacement: String

    public init(span: Span, replacement: String) {
        self.span = span
        self.replacement = replacement
    }
}
