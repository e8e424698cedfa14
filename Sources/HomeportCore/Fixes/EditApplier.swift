// Applying byte-range edits to a file's bytes: one function for the CLI, SARIF and the editor.

public enum EditApplier {
    /// The edits that can be applied together: sorted, with any edit overlapping an earlier one
    /// dropped (it is reported as skipped rather than applied half-way).
    public static func compatible(_ edits: [TextEdit]) -> (kept: [TextEdit], skipped: [TextEdit]) {
        var kept: [TextEdit] = []
        var skipped: [TextEdit] = []
        for edit in edits.sorted(by: { $0.span < $1.span }) {
            if let last = kept.last, edit.span.start < last.span.end || edit.span == last.span {
                if edit != last { skipped.append(edit) }
                continue
            }
            kept.append(edit)
        }
        return (kept, skipped)
    }

    /// `bytes` with non-overlapping `edits` applied. Bytes outside the edits — encoding, BOM,
    /// line endings — are kept exactly.
    public static func apply(_ edits: [TextEdit], to bytes: [UInt8]) -> [UInt8] {
        let edits = compatible(edits).kept
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
        var position = 0
        for edit in edits where edit.span.end <= bytes.count {
            out.append(contentsOf: bytes[position..<edit.span.start])
            out.append(contentsOf: edit.replacement.utf8)
            position = edit.span.end
        }
        out.append(contentsOf: bytes[position...])
        return out
    }
}
