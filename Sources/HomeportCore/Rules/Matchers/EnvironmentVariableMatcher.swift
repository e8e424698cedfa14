// The `env` matcher: names of environment variables, written as strings or read by settings fields.

public struct EnvironmentVariableMatcher: MatcherKind {
    /// A literal whose whole value is one of these prefixes followed by `[A-Z0-9_]+` is reported.
    public var prefixes: [String] {
        didSet { firstBytes = EnvironmentVariableMatcher.firstBytes(prefixes, names) }
    }
    /// A literal whose whole value is one of these names is reported.
    public var names: Set<String> {
        didSet { firstBytes = EnvironmentVariableMatcher.firstBytes(prefixes, names) }
    }
    /// The first bytes of `prefixes` and `names`, or nil if one is empty: a literal starting with
    /// another byte (in upper case) is not reported, so most are rejected without copying or hashing.
    private var firstBytes: ByteSet?
    /// Names the matcher of another rule reports are left to it (the application settings rule
    /// defers to the SDK settings rule).
    public var deferTo: [EnvironmentVariableMatcher]

    static let kind = "env"

    static func parse(_ match: YAMLMap, _ context: MatcherContext) throws -> EnvironmentVariableMatcher {
        try match.checkKeys(["kind", "prefixes", "names", "defer-to-rule"], in: "an env matcher")
        let prefixes = try match.stringList("prefixes")
        let names = try match.stringList("names")
        guard !prefixes.isEmpty || !names.isEmpty else {
            throw match.problem(at: match.node, "an env matcher needs `prefixes` or `names`")
        }
        var deferTo: EnvironmentVariableMatcher?
        if let node = match.value("defer-to-rule") {
            let id = try match.scalarString(node, key: "defer-to-rule")
            guard let first = context.builtRules.first(where: { $0.id == id })?.matcher as? EnvironmentVariableMatcher,
                  first.deferTo.isEmpty else {
                throw match.problem(at: node, "`\(id)` is not an env rule that defers to no other")
            }
            deferTo = first
        }
        return EnvironmentVariableMatcher(prefixes: prefixes, names: Set(names), deferTo: deferTo)
    }

    public init(prefixes: [String], names: Set<String> = [], deferTo: EnvironmentVariableMatcher? = nil) {
        self.prefixes = prefixes
        self.names = names
        self.deferTo = deferTo.map { [$0] } ?? []
        self.firstBytes = EnvironmentVariableMatcher.firstBytes(prefixes, names)
    }

    private static func firstBytes(_ prefixes: [String], _ names: Set<String>) -> ByteSet? {
        var set = ByteSet()
        for text in prefixes + names {
            guard let first = text.utf8.first else { return nil }
            set.insert(first)
        }
        return set
    }

    public var triggers: [Trigger] { (prefixes + names.sorted()).map(Trigger.literal) }

    public func matches(in facts: Facts, of file: SourceFile) -> [Match] { matches(in: facts) }

    /// Whether the literal is the first argument of a call reading the environment (`os.getenv(…)`).
    private func readsEnvironment(_ literal: StringLiteralFact, in facts: Facts) -> Bool {
        facts.calls.contains { call in
            call.argumentSpans.first == literal.span && call.labels.first == ""
                && EnvironmentVariableMatcher.environmentReaders.contains(call.callee)
        }
    }

    /// Whether this matcher reports a literal whose whole value is `value`.
    public func reports(_ value: String) -> Bool {
        // Every name and prefix is `[A-Z0-9_]`: most strings fail on their first byte, before hashing.
        guard value.utf8.allSatisfy({ ASCII.isUpperIdentifierCharacter($0) }) else { return false }
        let named = names.contains(value)
            || prefixes.contains { value.hasPrefix($0) && value.utf8.count > $0.utf8.count }
        return named && !deferTo.contains { $0.reports(value) }
    }

    /// Callees that read the environment variable named by their first argument.
    static let environmentReaders: Set<String> = ["getenv", "os.getenv", "environ.get", "os.environ.get",
                                                  "os.environ.setdefault", "os.environ.pop", "os.getenvb"]

    /// Whether `value`'s first byte, or its upper case, starts a name or prefix (or it has none).
    private func mayStartName(_ value: String) -> Bool {
        guard let firstBytes, let first = value.utf8.first else { return true }
        return firstBytes.contains(first) || (ASCII.isLower(first) && firstBytes.contains(first ^ ASCII.caseBit))
    }

    func matches(in facts: Facts) -> [Match] {
        // Both ways below need the first byte, or its upper case, to start a name or prefix: most
        // literals are rejected here, in a plain loop that reads the value in place (in a closure
        // each literal was copied whole, its value, runs and labels retained and released).
        var candidates: [Int] = []
        for index in facts.strings.indices where mayStartName(facts.strings[index].value) { candidates.append(index) }
        return candidates.compactMap { index in
            let literal = facts.strings[index]
            let value = literal.value
            guard !literal.isDocumentation else { return nil }
            if reports(value) {
                // A CI secret's name (`${{ secrets.OPENAI_API_KEY }}`): only the CI can rename it.
                let variables = literal.collectionLabel == ConfigText.secretReference ? ["reference": "secret"] : [:]
                return Match(span: reportedSpan(of: 0..<value.utf8.count, in: literal), text: value, variables: variables)
            }
            // `os.getenv("openai_api_key")`: the name in lower case is read for the same setting
            // (Windows ignores the case; elsewhere it is an OpenAI setting all the same).
            guard value.utf8.first.map(ASCII.isLetter) == true,
                  value.utf8.allSatisfy({ ASCII.isLower($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: "_") }),
                  reports(value.uppercased()), readsEnvironment(literal, in: facts) else { return nil }
            return Match(span: reportedSpan(of: 0..<value.utf8.count, in: literal), text: value.uppercased())
        } + facts.environmentReads.compactMap { read in
            // `declaration`: the span is a name in code (a field), not a string to rename in place.
            reports(read.name) ? Match(span: read.span, text: read.name, variables: ["declaration": "field"]) : nil
        }
    }
}
