// What every matcher kind is: the generic matchers turn Facts into matches, each configured entirely by rule data.

/// What a matcher found, before the engine turns it into a Finding.
public struct Match: Sendable {
    public var span: Span
    /// The text that matched (decoded value text for strings), unredacted.
    public var text: String
    /// Overrides the rule's level for this match (e.g. `tiktoken` is a note).
    public var level: Severity?
    /// Values for the rule's message template, besides `{match}`.
    public var variables: [String: String]
    /// For secrets: how many leading characters may be shown; the rest is masked everywhere.
    public var revealedPrefix: Int?
    /// The match is an identifier in code (an SDK constant such as `.o1`), not text in a string: it
    /// is never replaced by bare text, even where the model ID it stands for is spelled the same.
    public var isSymbol: Bool

    public init(span: Span, text: String, level: Severity? = nil, variables: [String: String] = [:],
                revealedPrefix: Int? = nil, isSymbol: Bool = false) {
        self.span = span
        self.text = text
        self.level = level
        self.variables = variables
        self.revealedPrefix = revealedPrefix
        self.isSymbol = isSymbol
    }
}

/// A condition on a file's bytes under which a matcher may find something.
public enum Trigger: Hashable, Sendable {
    /// The text occurs.
    case literal(String)
    /// From every group, one of its texts occurs (e.g. a label word and a short model ID).
    case allOf([[TriggerText]])
}

/// A text of a `Trigger.allOf` group.
public struct TriggerText: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    /// The text counts only as a whole word: no ASCII letter, digit or `_` right before or after it.
    /// For a text that matches only as a string's whole value (the short model ID `ada`), which the
    /// source can only hold between quotes, spaces or `=` (an escape sequence inside it, as in
    /// `"\x61da"`, is the prefilter's documented price).
    public var wholeWord: Bool
    /// The text counts only in the case written (a matcher that compares bytes exactly: `o3`, not
    /// the `-O3` of a compiler flag).
    public var exactCase: Bool

    public init(_ text: String, wholeWord: Bool = false, exactCase: Bool = false) {
        self.text = text
        self.wholeWord = wholeWord
        self.exactCase = exactCase
    }

    public init(stringLiteral text: String) {
        self.init(text)
    }
}

/// What a rule finds in a file's facts. Each kind is one `MatcherKind` in `Rules/Matchers/`.
public protocol RuleMatcher: Sendable {
    /// What a file's bytes must contain (ASCII case ignored) for this matcher to find anything in
    /// its verbatim source.
    var triggers: [Trigger] { get }
    func matches(in facts: Facts, of file: SourceFile) -> [Match]
}

/// A matcher as a rule file selects it: `match: {kind: …}` and the rest of that section.
protocol MatcherKind: RuleMatcher {
    /// The `kind:` that selects this matcher.
    static var kind: String { get }
    /// Reads the `match:` section, reporting mistakes at their position.
    static func parse(_ match: YAMLMap, _ context: MatcherContext) throws -> Self
}

/// What a matcher's section may refer to besides itself.
struct MatcherContext {
    /// The import matchers of every rule, by rule id (read first: model rules gate SDK constants on them).
    var importMatchers: [String: ImportMatcher]
    /// The rules built so far (`defer-to-rule` names one of them).
    var builtRules: [Rule]
    /// Compile regular expressions now, so a bad one is reported where it is written.
    var validatingPatterns: Bool
}

/// Where a match inside a string literal is reported: the exact source text when the matched value
/// bytes stand verbatim in one run, otherwise the whole literal.
func reportedSpan(of range: Range<Int>, in literal: StringLiteralFact) -> Span {
    literal.sourceSpan(ofValueRange: range) ?? literal.span
}
