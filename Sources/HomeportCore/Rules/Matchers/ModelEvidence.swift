// What shows that a file is about OpenAI, for model IDs that are also ordinary words (`ada`, `o1`): a model
// rule's `evidence:` section, checked on the file's facts only when such an ID was found.

public struct ModelEvidence: Sendable {
    /// Imports that show OpenAI: what the rules named in `import-rules` report (an OpenAI SDK or
    /// integration), and `modules:` (SDKs of OpenAI's ecosystem whose import is no finding of its own,
    /// such as the Agents SDK's `agents`).
    public var imports: [ImportMatcher]
    /// Hosts a string in code names, or names a subdomain of (`api.openai.com` for `openai.com`).
    public var hosts: [String]
    /// Prefixes of environment variable names (`OPENAI_`): a string in code naming such a variable
    /// (`os.environ["OPENAI_API_KEY"]`, `getenv("OPENAI_MODEL")`), or a declaration reading one.
    public var variablePrefixes: [String]
    /// Words (any case) of which the name a string is bound to holds one: `OPENAI_MODEL = "o1"`,
    /// `openai_engine="davinci"`.
    public var labelWords: [String]
    /// CamelCase words a called name holds (`OpenAI` in `ChatOpenAI(…)`, `AsyncAzureOpenAI(…)`): a client
    /// being made.
    public var calleeWords: [String]
    /// Member paths a call ends with (`chat.completions.create`): a request on an OpenAI client.
    public var methods: [String]

    public init(imports: [ImportMatcher] = [], hosts: [String] = [], variablePrefixes: [String] = [],
                labelWords: [String] = [], calleeWords: [String] = [], methods: [String] = []) {
        self.imports = imports
        self.hosts = hosts
        self.variablePrefixes = variablePrefixes
        self.labelWords = labelWords
        self.calleeWords = calleeWords
        self.methods = methods
    }

    /// Whether the facts show OpenAI some way listed here. Cheapest checks first: imports, declarations
    /// and calls are few; the strings are walked once, and only if those said nothing.
    public func isShown(in facts: Facts, language: Language, path: String) -> Bool {
        if imports.contains(where: { $0.importsAny(in: facts, language: language, path: path) }) { return true }
        if facts.environmentReads.contains(where: { read in
            variablePrefixes.contains { read.name.hasPrefix($0) }
        }) { return true }
        if facts.calls.contains(where: { callsClient($0.callee) }) { return true }
        return facts.strings.contains { literal in
            if let label = literal.label, namesOpenAI(label) { return true }
            if let label = literal.collectionLabel, namesOpenAI(label) { return true }
            guard !literal.isDocumentation else { return false }
            return namesHost(literal.value) || namesVariable(literal.value)
        }
    }

    func namesOpenAI(_ label: String) -> Bool {
        labelWords.contains { ASCII.contains($0, in: label) }
    }

    func callsClient(_ callee: String) -> Bool {
        let name = callee.split(separator: ".").last ?? Substring(callee)
        if calleeWords.contains(where: { ImportMatcher.hasCamelCaseWords($0, in: name) }) { return true }
        return methods.contains { method in
            callee.hasSuffix(method)
                && (callee.utf8.count == method.utf8.count
                    || callee.utf8.dropLast(method.utf8.count).last == UInt8(ascii: "."))
        }
    }

    /// A host of `hosts`, itself or as a subdomain's parent, standing as a whole host name in `value`.
    func namesHost(_ value: String) -> Bool {
        hosts.contains { host in
            guard ASCII.contains(host, in: value) else { return false }  // rejects most strings without copying
            let bytes = Array(value.utf8)
            return ASCII.occurrences(of: host, in: bytes).contains { start in
                let end = start + host.utf8.count
                let before = start == 0 ? nil : bytes[start - 1]
                let after = end == bytes.count ? nil : bytes[end]
                return (before.map { $0 == UInt8(ascii: ".") || !ASCII.isHostCharacter($0) } ?? true)
                    && (after.map { !ASCII.isHostCharacter($0) || $0 == UInt8(ascii: ".") && end + 1 == bytes.count } ?? true)
            }
        }
    }

    /// A name starting with one of `variablePrefixes` (as written: environment variables are upper case),
    /// not continuing another name (`MY_OPENAI_KEY` holds no `OPENAI_` variable), and going on after it.
    func namesVariable(_ value: String) -> Bool {
        variablePrefixes.contains { prefix in
            guard ASCII.contains(prefix, in: value, ignoringCase: false) else { return false }
            let bytes = Array(value.utf8)
            return ASCII.occurrences(of: prefix, in: bytes, ignoringCase: false).contains { start in
                let end = start + prefix.utf8.count
                let continuesName = start > 0 && (ASCII.isLetter(bytes[start - 1]) || ASCII.isDigit(bytes[start - 1])
                                                  || bytes[start - 1] == UInt8(ascii: "_"))
                return !continuesName && end < bytes.count && ASCII.isUpperIdentifierCharacter(bytes[end])
            }
        }
    }
}

// MARK: - Reading `evidence:`

extension ModelEvidence {
    static func parse(_ section: YAMLMap, _ context: MatcherContext) throws -> ModelEvidence {
        try section.checkKeys(["import-rules", "modules", "hosts", "variable-prefixes", "label-words", "calls"],
                              in: "`evidence`")
        var imports: [ImportMatcher] = []
        for node in try section.list("import-rules") {
            let id = try section.scalarString(node, key: "import-rules")
            guard let matcher = context.importMatchers[id] else {
                throw section.problem(at: node, "`\(id)` is not an import rule")
            }
            imports.append(matcher)
        }
        if let modules = try section.map("modules") {
            imports.append(try ImportMatcher.parse(modules: modules))
        }
        var calleeWords: [String] = []
        var methods: [String] = []
        if let calls = try section.map("calls") {
            try calls.checkKeys(["names", "methods"], in: "`calls`")
            calleeWords = try calls.stringList("names")
            methods = try calls.stringList("methods")
        }
        let evidence = ModelEvidence(imports: imports, hosts: try section.stringList("hosts"),
                                     variablePrefixes: try section.stringList("variable-prefixes"),
                                     labelWords: try section.stringList("label-words"),
                                     calleeWords: calleeWords, methods: methods)
        for (key, list) in [("hosts", evidence.hosts), ("variable-prefixes", evidence.variablePrefixes),
                            ("label-words", evidence.labelWords), ("calls", calleeWords + methods)]
        where list.contains(where: \.isEmpty) {
            throw section.problem(at: try section.required(key), "`\(key)` must not hold an empty text")
        }
        return evidence
    }
}
