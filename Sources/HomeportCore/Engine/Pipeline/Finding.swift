// One reported problem: what every reporter, the fixer and the language server consume.

/// A replacement the user may take: a description and, when the change is mechanical, its edits.
public struct Suggestion: Hashable, Sendable {
    /// How a suggestion may be applied, as Ruff splits fixes.
    public enum Applicability: String, Sendable, Hashable {
        /// The edits keep the program valid and only swap OpenAI for the target: `homeport fix` applies them.
        case safe
        /// The edits are right in the common case but need review: applied only with `--unsafe-fixes`.
        case unsafe
        /// No mechanical edit: the title says what to do.
        case manual
    }

    public var title: String
    public var edits: [TextEdit]
    public var applicability: Applicability
    /// The catalog id of the provider this suggestion moves to, if any.
    public var provider: String?
    /// The text that replaces the finding (a model ID, URL, variable name), when there is one.
    public var replacement: String?

    public init(title: String, edits: [TextEdit] = [], applicability: Applicability = .manual,
                provider: String? = nil, replacement: String? = nil) {
        self.title = title
        self.edits = edits
        self.applicability = edits.isEmpty ? .manual : applicability
        self.provider = provider
        self.replacement = replacement
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
    /// The text of the first line of the span (secrets redacted), for snippets and fingerprints: the
    /// whole line, or for a line over `Scanner.wholeLineLimit` bytes a window around the span.
    public var lineText: String
    /// The column on its line of `lineText`'s first character: 1 unless the line was cut.
    public var lineTextColumn = 1
    /// True when the line goes on past `lineText` (a window of a long line).
    public var lineTextContinues = false
    /// Ordered domestic replacements, best first.
    public var suggestions: [Suggestion]
    /// What the matcher knew: `class` (capability class of a model), `model`, `host`, `module` …
    public var details: [String: String] = [:]
    /// GitHub code scanning's `primaryLocationLineHash` for the finding's line, when computed.
    public var lineHash: String? = nil
    /// For a secret: how many of its leading characters may be shown; the rest never is.
    public var revealedPrefix: Int? = nil
    /// In a notebook: the cell, and the line and column in it (`start` is in the .ipynb file).
    public var cell: CellPosition? = nil

    public init(
        ruleID: String, severity: Severity, path: String, span: Span,
        start: SourceLocation, end: SourceLocation, message: String,
        matchedText: String, lineText: String, suggestions: [Suggestion] = []
    ) {
        self.init(ruleID: ruleID, severity: severity, path: path, span: span, start: start, end: end, message: message,
                  matchedText: matchedText, lineText: lineText, lineTextColumn: 1, lineTextContinues: false,
                  suggestions: suggestions, details: [:], revealedPrefix: nil, cell: nil)
    }
}

extension Finding {
    /// Every field the scanner sets, each stored once: set one by one after the public init, the
    /// finding was copied whole on the way.
    init(ruleID: String, severity: Severity, path: String, span: Span, start: SourceLocation, end: SourceLocation,
         message: String, matchedText: String, lineText: String, lineTextColumn: Int, lineTextContinues: Bool,
         suggestions: [Suggestion], details: [String: String], revealedPrefix: Int?, cell: CellPosition?) {
        self.ruleID = ruleID
        self.severity = severity
        self.path = path
        self.span = span
        self.start = start
        self.end = end
        self.message = message
        self.matchedText = matchedText
        self.lineText = lineText
        self.lineTextColumn = lineTextColumn
        self.lineTextContinues = lineTextContinues
        self.suggestions = suggestions
        self.details = details
        self.revealedPrefix = revealedPrefix
        self.cell = cell
    }

    /// The suggestion `homeport fix` applies: the first one, when it has edits that are safe (or
    /// unsafe and `includingUnsafe`).
    public func fixSuggestion(includingUnsafe: Bool) -> Suggestion? {
        guard let suggestion = suggestions.first, !suggestion.edits.isEmpty,
              suggestion.applicability == .safe || (includingUnsafe && suggestion.applicability == .unsafe) else { return nil }
        return suggestion
    }
}

extension Finding: Comparable {
    /// Whether no finding of `findings` comes before the one ahead of it (`sort()` would keep them
    /// as they are). Read in place through pointers: comparing copies retained a dozen fields each.
    public static func inReportOrder(_ findings: [Finding]) -> Bool {
        findings.withUnsafeBufferPointer { buffer in
            guard var previous = buffer.baseAddress, buffer.count > 1 else { return true }
            for next in (previous + 1)..<(previous + buffer.count) {
                if precedes(next, previous) { return false }
                previous = next
            }
            return true
        }
    }

    /// Report order (`<`), reading the fields in place.
    private static func precedes(_ lhs: UnsafePointer<Finding>, _ rhs: UnsafePointer<Finding>) -> Bool {
        if lhs.pointee.path != rhs.pointee.path { return lhs.pointee.path < rhs.pointee.path }
        if lhs.pointee.start != rhs.pointee.start { return lhs.pointee.start < rhs.pointee.start }
        if lhs.pointee.ruleID != rhs.pointee.ruleID { return lhs.pointee.ruleID < rhs.pointee.ruleID }
        return lhs.pointee.span < rhs.pointee.span
    }

    /// Report order: path, position, then rule id, so output is deterministic.
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        withUnsafePointer(to: lhs) { lhs in withUnsafePointer(to: rhs) { rhs in precedes(lhs, rhs) } }
    }
}
