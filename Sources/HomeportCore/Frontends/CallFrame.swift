// Reading call arguments while walking tokens: shared by the tokenizers that report CallFacts.

/// A bracket being read: a call's parentheses (with its arguments so far), or any other bracket,
/// whose commas then belong to it and not to an enclosing call.
struct CallFrame {
    var isCall = false
    /// Strings anywhere inside are documentation (`@available(…)`, `#warning(…)`).
    var isDocumentation = false
    /// The bracket of an attribute's arguments (`@Option(help: …)`).
    var isAttribute = false
    /// For a bracket that is not a call: the name the collection is bound to (`models = [`), which
    /// its elements share.
    var collectionLabel: String?
    var callee = Span(start: 0, end: 0)
    /// The callee is an implicit member (`.chat(`): an enum case with a payload, or a static method.
    var calleeIsImplicitMember = false
    var open = 0
    var labels: [String] = []
    var spans: [Span] = []
    /// The current argument: its first and last byte and how many tokens it has so far.
    var argumentStart: Int?
    var argumentEnd = 0
    var label = ""
    var tokens = 0

    /// A token of the current argument, from `start` to `end`.
    mutating func note(_ start: Int, _ end: Int) {
        if argumentStart == nil { argumentStart = start }
        argumentEnd = end
        tokens += 1
    }

    /// A comma or the closing parenthesis ends the current argument.
    mutating func closeArgument() {
        if let start = argumentStart {
            labels.append(label)
            spans.append(Span(start: start, end: max(start, argumentEnd)))
        }
        argumentStart = nil
        label = ""
        tokens = 0
    }

    /// The finished call, closed by the parenthesis at `closeParen`.
    mutating func fact(callee name: String, closeParen: Int) -> CallFact {
        closeArgument()
        return CallFact(callee: name, calleeSpan: callee, openParen: open, closeParen: closeParen,
                        labels: labels, argumentSpans: spans)
    }
}
