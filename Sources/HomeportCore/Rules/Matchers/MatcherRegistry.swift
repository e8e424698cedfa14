// Every matcher kind a rule file may name, in the order error messages list them.

enum MatcherRegistry {
    static let kinds: [any MatcherKind.Type] = [
        ImportMatcher.self,
        HostMatcher.self,
        ModelMatcher.self,
        EnvironmentVariableMatcher.self,
        SecretMatcher.self,
        UnusedSuppressionMatcher.self,
    ]

    /// The matcher `match:` selects by its `kind`.
    static func matcher(_ match: YAMLMap, _ context: MatcherContext) throws -> any RuleMatcher {
        let kind = try match.string("kind")
        guard let type = kinds.first(where: { $0.kind == kind }) else {
            throw match.problem(at: try match.required("kind"), "unknown matcher kind `\(kind)`; valid kinds: "
                                + kinds.map { $0.kind }.joined(separator: ", "))
        }
        return try type.parse(match, context)
    }
}
