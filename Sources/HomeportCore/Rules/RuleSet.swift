// Loading rules/*.yml into Rules: every mistake in a rule file is reported with file:line:column.

/// The rules in force, in a stable order (by id).
public struct RuleSet: Sendable {
    public private(set) var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules.sorted { $0.id < $1.id }
    }

    /// The rules compiled into the binary from the repository's `rules/` folder. Without
    /// `translations`, each file's `zh-CN:` section is cut before parsing: an English run does not
    /// pay for reading the Chinese texts (a sixth of the rule text) at every start.
    public static func bundled(translations: Bool = true) throws -> RuleSet {
        // The test suite compiles every bundled pattern; at run time they compile on first use.
        try load(files: BundledRules.files.map {
            (name: "rules/" + $0.name, text: translations ? $0.text : withoutTopLevelSection("zh-CN", of: $0.text))
        }, validatingPatterns: false)
    }

    /// `text` without the top-level block mapping `key:` — from its line to the next line that
    /// starts in column one. Line numbers after it change, so only for files known to be valid.
    static func withoutTopLevelSection(_ key: String, of text: String) -> String {
        // Offsets found on the UTF-8 bytes in place and the two halves joined as substrings: no
        // copy to an array, no re-validation (String's Character-wise search costs more than the
        // parse this saves).
        let header = Array(("\n" + key + ":\n").utf8)
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> (start: Int, end: Int)? in
            var start = 0
            while start + header.count <= bytes.count {
                if bytes[start] == header[0], bytes[start..<(start + header.count)].elementsEqual(header) { break }
                start += 1
            }
            guard start + header.count <= bytes.count else { return nil }
            var end = start + header.count
            // The block goes on while lines are indented (or empty).
            while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\n") {
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                end = min(end + 1, bytes.count)
            }
            return (start + 1, end)
        } ?? nil
        guard let found else { return text }
        let utf8 = text.utf8
        return String(text[..<utf8.index(utf8.startIndex, offsetBy: found.start)])
            + text[utf8.index(utf8.startIndex, offsetBy: found.end)...]
    }

    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }

    /// The same rules with their human-facing texts in `language`.
    public func localized(to language: MessageLanguage) -> RuleSet {
        language == .english ? self : RuleSet(rules: rules.map { $0.localized(to: language) })
    }

    /// The rules kept by `--rule` (when non-empty) minus `--ignore-rule`; unknown ids are errors.
    public func selecting(only: [String], ignoring: [String]) throws -> RuleSet {
        for id in only + ignoring where rule(id: id) == nil {
            throw UnknownNameError(kind: "rule", name: id, known: rules.map(\.id))
        }
        return RuleSet(rules: rules.filter { (only.isEmpty || only.contains($0.id)) && !ignoring.contains($0.id) })
    }

    /// Parses rule files (`name` is shown in errors). Rules may refer to each other by id.
    /// With `validatingPatterns`, every regular expression is compiled now so a bad one is reported
    /// at its position; otherwise each compiles on first use.
    public static func load(files: [(name: String, text: String)], validatingPatterns: Bool = true) throws -> RuleSet {
        var documents: [(YAMLMap, String)] = []
        for file in files {
            documents.append((try YAMLMap.parse(file.text, file: file.name), file.name))
        }
        // Import rules first: model rules gate SDK constants on them.
        var importMatchers: [String: ImportMatcher] = [:]
        for (document, _) in documents {
            if let match = try document.map("match"), try match.optionalString("kind") == ImportMatcher.kind {
                importMatchers[try document.string("id")] = try ImportMatcher.parse(match)
            }
        }
        // A rule that defers to another (`defer-to-rule`: a second tier) is built after the others.
        let defers = { (document: YAMLMap) in (try? document.map("match")?.value("defer-to-rule")) != nil }
        var rules: [Rule] = []
        for (document, name) in documents.filter({ !defers($0.0) }) + documents.filter({ defers($0.0) }) {
            let rule = try RuleLoader.rule(document, origin: name, importMatchers: importMatchers,
                                           builtRules: rules, validatingPatterns: validatingPatterns)
            if let twin = rules.first(where: { $0.id == rule.id }) {
                throw FileProblem(file: name, message: "rule id `\(rule.id)` is already defined in \(twin.origin)")
            }
            rules.append(rule)
        }
        return RuleSet(rules: rules)
    }
}

/// A name the user gave (a rule id, a provider id) that does not exist, with the ones that do.
public struct UnknownNameError: BilingualError {
    public var kind: String
    public var name: String
    public var known: [String]

    public init(kind: String, name: String, known: [String]) {
        self.kind = kind
        self.name = name
        self.known = known
    }

    public func description(in language: MessageLanguage) -> String {
        let message: CLIMessage? = switch kind {
        case "rule": .unknownRule
        case "provider": .unknownProvider
        case "subcommand": .unknownSubcommand
        default: nil
        }
        guard let message else { return "unknown \(kind) `\(name)`; known \(kind)s: \(known.joined(separator: ", "))" }
        return message.format(language, ["name": name, "known": known.joined(separator: ", ")])
    }
}

enum RuleLoader {
    static let ruleKeys = ["id", "name", "level", "precision", "tags", "summary", "description",
                           "message", "hint", "help", "help-uri", "migration", "match", "examples",
                           "security-severity", "zh-CN"]
    static let translatedKeys = ["summary", "description", "help", "hint", "message"]

    static func rule(_ document: YAMLMap, origin: String, importMatchers: [String: ImportMatcher],
                     builtRules: [Rule] = [], validatingPatterns: Bool) throws -> Rule {
        try document.checkKeys(ruleKeys, in: "a rule")
        let id = try document.string("id")
        guard id.utf8.allSatisfy({ ASCII.isLetter($0) && ASCII.lower($0) == $0 || ASCII.isDigit($0) || $0 == UInt8(ascii: "-") }),
              !id.isEmpty else {
            throw document.problem(at: try document.required("id"), "rule id `\(id)` must be kebab-case (a-z, 0-9, -)")
        }
        let level = try severity(document, key: "level")
        let precision = try document.optionalString("precision") ?? "high"
        guard ["very-high", "high", "medium", "low"].contains(precision) else {
            throw document.problem(at: try document.required("precision"),
                                   "`precision` must be very-high, high, medium or low")
        }
        guard let match = try document.map("match") else {
            throw document.problem(at: document.node, "missing required key `match`")
        }
        var rule = Rule(
            id: id,
            name: try document.string("name"),
            level: level,
            summary: try document.string("summary"),
            description: try document.string("description"),
            help: try document.string("help"),
            hint: try document.string("hint"),
            helpURI: try document.optionalString("help-uri"),
            tags: try document.stringList("tags"),
            precision: precision,
            message: try document.string("message"),
            matcher: try MatcherRegistry.matcher(match, MatcherContext(
                importMatchers: importMatchers, builtRules: builtRules, validatingPatterns: validatingPatterns)),
            migration: try migration(document),
            examples: try examples(document),
            origin: origin)
        if let node = document.value("security-severity") {
            let text = try document.scalarString(node, key: "security-severity")
            guard let score = Double(text), (0...10).contains(score) else {
                throw document.problem(at: node, "`security-severity` must be a number from 0.0 to 10.0")
            }
            rule.securitySeverity = text
        }
        rule.chinese = try translation(document)
        return rule
    }

    /// The `zh-CN:` section: every text a person reads, in Simplified Chinese, with the same
    /// placeholders as the English message (a placeholder only one language fills would show raw).
    static func translation(_ document: YAMLMap) throws -> RuleTexts? {
        guard let section = try document.map("zh-CN") else { return nil }
        try section.checkKeys(translatedKeys, in: "`zh-CN`")
        let texts = RuleTexts(summary: try section.string("summary"), description: try section.string("description"),
                              help: try section.string("help"), hint: try section.string("hint"),
                              message: try section.string("message"))
        let english = try document.string("message")
        guard LocalizedText.placeholders(in: english) == LocalizedText.placeholders(in: texts.message) else {
            throw section.problem(at: try section.required("message"),
                                  "the Chinese message's placeholders differ from the English message's")
        }
        return texts
    }

    static func migration(_ document: YAMLMap) throws -> MigrationKind? {
        guard let text = try document.optionalString("migration") else { return nil }
        guard let kind = MigrationKind(rawValue: text) else {
            throw document.problem(at: try document.required("migration"), "unknown migration `\(text)`; valid: "
                                   + MigrationKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }

    static func severity(_ map: YAMLMap, key: String) throws -> Severity {
        let text = try map.string(key)
        guard let level = Severity(rawValue: text) else {
            throw map.problem(at: try map.required(key), "`\(key)` must be error, warning or note, not `\(text)`")
        }
        return level
    }

    static func regex(_ pattern: String, in map: YAMLMap, key: String, validating: Bool) throws -> LazyRegex {
        let regex = LazyRegex(pattern)
        guard validating else { return regex }
        do {
            try regex.validate()
            return regex
        } catch {
            throw map.problem(at: try map.required(key), "invalid regular expression: \(error)")
        }
    }

    /// A set of bytes written as ranges and characters, e.g. `A-Za-z0-9_-`.
    static func characterSet(_ map: YAMLMap, key: String) throws -> Set<UInt8> {
        let spec = Array(try map.string(key).utf8)
        var set = Set<UInt8>()
        var i = 0
        while i < spec.count {
            if i + 2 < spec.count, spec[i + 1] == UInt8(ascii: "-") {
                guard spec[i] <= spec[i + 2] else {
                    throw map.problem(at: try map.required(key), "bad range in `\(key)`")
                }
                set.formUnion(spec[i]...spec[i + 2])
                i += 3
            } else {
                set.insert(spec[i])
                i += 1
            }
        }
        return set
    }

    static func examples(_ document: YAMLMap) throws -> [RuleExample] {
        try document.list("examples").flatMap { node -> [RuleExample] in
            let example = try YAMLMap(node, file: document.file, what: "an example")
            try example.checkKeys(Language.allCases.map(\.rawValue), in: "an example")
            return try example.entries.map { entry in
                RuleExample(language: Language(rawValue: entry.key)!,
                            code: try example.scalarString(entry.value, key: entry.key))
            }
        }
    }
}
