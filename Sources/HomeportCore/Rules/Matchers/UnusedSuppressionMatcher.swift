// The `unused-suppression` matcher: reported by the engine itself, for suppression comments that matched nothing.

struct UnusedSuppressionMatcher: MatcherKind {
    static let kind = "unused-suppression"

    static func parse(_ match: YAMLMap, _ context: MatcherContext) throws -> UnusedSuppressionMatcher {
        try match.checkKeys(["kind"], in: "an unused-suppression matcher")
        return UnusedSuppressionMatcher()
    }

    var triggers: [Trigger] { [] }

    func matches(in facts: Facts, of file: SourceFile) -> [Match] { [] }
}
