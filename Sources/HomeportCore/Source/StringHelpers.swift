// Trimming and padding without Foundation (FoundationEssentials has neither).

extension StringProtocol {
    /// Without leading and trailing whitespace (spaces, tabs, line breaks and other Unicode white space).
    public func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}

extension StringProtocol {
    /// Without trailing line breaks (a command's output line).
    public func trimmingTrailingNewlines() -> String {
        guard let last = lastIndex(where: { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }) else { return "" }
        return String(self[...last])
    }
}

extension String {
    /// Padded with spaces to `width` terminal cells (a Han character takes two); never cut.
    public func paddedToCells(_ width: Int) -> String {
        let cells = unicodeScalars.reduce(0) { $0 + TextReporter.cellWidth($1) }
        return cells >= width ? self + " " : self + String(repeating: " ", count: width - cells)
    }

    /// Padded with spaces, or cut, to exactly `width` characters (for table columns).
    public func padded(to width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }
}

extension Array where Element == UInt8 {
    /// A string's UTF-8 bytes, appended in one copy: `append(contentsOf: text.utf8)` takes the generic
    /// sequence path, a byte at a time, and reports write thousands of strings.
    public mutating func appendUTF8(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: text.utf8) }
    }

    /// `count` copies of `byte`, filled in a buffer and copied at once (`repeatElement` goes a byte at a time).
    mutating func append(_ byte: UInt8, count: Int) {
        guard count > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            buffer.initialize(repeating: byte)
            append(contentsOf: UnsafeBufferPointer(buffer))
        }
    }
}
