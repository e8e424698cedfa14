// Spans with a value each, ordered by start: which of them overlap or contain a given span.

/// Spans of one file, each with a value, ordered so that a query looks only at the spans that may
/// answer it: a file of many secrets or many calls would otherwise cost spans × queries.
struct SpanIndex<Value> {
    private let entries: [(span: Span, value: Value)]
    /// `furthestEnd[i]`: the largest end among `entries[0...i]`.
    private let furthestEnd: [Int]

    /// `entries` in any order; those with the same start keep their order.
    init(_ entries: [(span: Span, value: Value)]) {
        self.entries = entries.sorted { $0.span.start < $1.span.start }
        var furthest = Int.min
        furthestEnd = self.entries.map { furthest = max(furthest, $0.span.end); return furthest }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The entries that share a byte with `range`, the latest-starting first.
    func overlapping(_ range: Span) -> [(span: Span, value: Value)] {
        var result: [(span: Span, value: Value)] = []
        var index = firstStarting(after: range.end - 1) - 1
        while index >= 0 && furthestEnd[index] > range.start {
            if entries[index].span.end > range.start { result.append(entries[index]) }
            index -= 1
        }
        return result
    }

    /// The entries whose span holds all of `range` (both ends may touch), the latest-starting first.
    func containing(_ range: Span) -> [(span: Span, value: Value)] {
        var result: [(span: Span, value: Value)] = []
        var index = firstStarting(after: range.start) - 1
        while index >= 0 && furthestEnd[index] >= range.end {
            if entries[index].span.end >= range.end { result.append(entries[index]) }
            index -= 1
        }
        return result
    }

    /// The index of the first entry starting after `offset` (`entries.count` when none does).
    private func firstStarting(after offset: Int) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].span.start <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
