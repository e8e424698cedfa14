// The `secret` matcher: keys in string literals, found around a keyword and checked by a pattern.

public struct SecretMatcher: MatcherKind, @unchecked Sendable {  // Regex is immutable once compiled
    /// A literal text every secret contains; only tokens around it are checked.
    public var keyword: String
    public var tokenCharacters: Set<UInt8>
    public var pattern: String
    var regex: LazyRegex
    /// How many leading characters of a secret may be shown.
    public var reveal: Int

    static let kind = "secret"

    static func parse(_ match: YAMLMap, _ context: MatcherContext) throws -> SecretMatcher {
        try match.checkKeys(["kind", "keyword", "token-characters", "pattern", "reveal"], in: "a secret matcher")
        let pattern = try match.string("pattern")
        return SecretMatcher(
            keyword: try match.string("keyword"),
            tokenCharacters: try RuleLoader.characterSet(match, key: "token-characters"),
            pattern: pattern,
            regex: try RuleLoader.regex(pattern, in: match, key: "pattern", validating: context.validatingPatterns),
            reveal: try match.int("reveal", default: 4))
    }

    public var triggers: [Trigger] { [.literal(keyword)] }

    public func matches(in facts: Facts, of file: SourceFile) -> [Match] { matches(in: facts) }

    func matches(in facts: Facts) -> [Match] {
        var found: [Match] = []
        for index in facts.strings.indices where facts.strings[index].value.utf8.count > keyword.utf8.count
            && ASCII.contains(keyword, in: facts.strings[index].value, ignoringCase: false) {
            let literal = facts.strings[index]
            let value = Array(literal.value.utf8)
            var reportedUpTo = 0
            for occurrence in ASCII.occurrences(of: keyword, in: value, ignoringCase: false)
            where occurrence >= reportedUpTo {
                var start = occurrence
                while start > 0, tokenCharacters.contains(value[start - 1]) { start -= 1 }
                var end = occurrence + keyword.utf8.count
                while end < value.count, tokenCharacters.contains(value[end]) { end += 1 }
                let token = String(decoding: value[start..<end], as: UTF8.self)
                guard regex.wholeMatches(token) else { continue }
                reportedUpTo = end
                found.append(Match(span: reportedSpan(of: start..<end, in: literal), text: token,
                                   revealedPrefix: reveal))
            }
        }
        return found
    }
}
