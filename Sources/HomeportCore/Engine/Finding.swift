// One reported problem: what every reporter, the fixer and the language server consume.

/// A replacement the user may take: a description and, when the change is mechanical, its edits.
public struct Suggestion: Hashable, Sendable {
    public var title: String
    public var edits: [TextEdit]

    public init(title: String, edits: [TextEdit] = []) {
        self.title = title
        self.edits = edits
    }
}

public struct Finding: Hashable, Sendable {
    public var ruleID: String
    public var severity: Severity
    public var path: String
    public var span: Span
    public var start: SourceLocation
    /// The position just past the last character of the span.
    public var end: SourceLocation
    public var message: String
    /// The text that matched, as users may see it: secrets are redacted.
    public var matchedText: String
    /// The full text of the first line of the span (secrets redacted), for snippets and fingerprints.
    public var lineText: String
    /// Ordered domestic replacements, best first.
    public var suggestions: [Suggestion]
    /// GitHub code scanning's `primaryLocationLineHash` for the finding's line, when computed.
    public var lineHash: String? = nil

    public init(
        ruleID: String, severity: Severity, path: String, span: Span,
        start: SourceLocation, end: SourceLocation, message: String,
        matchedText: String, lineText: String, suggestions: [Suggestion] = []
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.path = path
        self.span = span
        self.start = start
        self.end = end
        self.message = message
        self.matchedText = matchedText
        self.lineText = lineText
        self.suggestions = suggestions
    }
}

extension Finding: Comparable {
    /// Report order: path, position, then rule id, so output is deterministic.
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.span < rhs.span
    }
}
