// The `import` matcher: imports (Python, Swift) and includes (C, C++) of listed modules and headers.

public struct ImportMatcher: MatcherKind {
    public struct Module: Sendable {
        public var name: String
        public var includesSubmodules: Bool
        /// Matches a part of the module path rather than its start: in Python a whole dotted
        /// component (`langchain.llms.openai`), in Swift a run of CamelCase words (`SwiftAzureOpenAI`).
        public var isComponent: Bool
        public var package: String
        public var level: Severity?

        public init(name: String, includesSubmodules: Bool = true, isComponent: Bool = false, package: String,
                    level: Severity? = nil) {
            self.name = name
            self.includesSubmodules = includesSubmodules
            self.isComponent = isComponent
            self.package = package
            self.level = level
        }
    }

    public var modules: [Language: [Module]]

    var triggerLiterals: [String] { modules.values.flatMap { $0.map(\.name) } }

    public var triggers: [Trigger] { triggerLiterals.map(Trigger.literal) }

    public func matches(in facts: Facts, of file: SourceFile) -> [Match] {
        matches(in: facts, language: file.language, path: file.path)
    }

    /// The module entry an import path refers to, if any. C and C++ include paths match a header
    /// entry (`openai.h`) as the whole path or its last components (`vendor/openai.h`), and a
    /// directory entry ending in `/` (`openai/`) as any of the path's directories.
    public func module(for path: String, language: Language) -> Module? {
        let style = language.descriptor.importPaths
        if style == .includePath {
            return modules[language]?.first { module in
                module.name.hasSuffix("/")
                    ? path.hasPrefix(module.name) || path.contains("/" + module.name)
                    : path == module.name || path.hasSuffix("/" + module.name)
            }
        }
        return modules[language]?.first { module in
            if module.isComponent {
                return style == .moduleName
                    ? ImportMatcher.hasCamelCaseWords(module.name, in: path.prefix { $0 != "." })
                    : path.split(separator: ".").contains { $0 == module.name }
            }
            return path == module.name
                || (module.includesSubmodules && path.hasPrefix(module.name)
                    && path.utf8.dropFirst(module.name.utf8.count).first == UInt8(ascii: "."))
        }
    }

    /// Whether `words` (`OpenAI`) stands in `name` as whole CamelCase words: followed by the end, an
    /// upper-case letter, a digit or `_` (`SwiftAzureOpenAI`, `OpenAIKit`), not by a lower-case
    /// letter. Its first letter is upper case, so it always starts a word.
    static func hasCamelCaseWords(_ words: String, in name: Substring) -> Bool {
        let name = Array(name.utf8)
        for start in ASCII.occurrences(of: words, in: name, ignoringCase: false) {
            let end = start + words.utf8.count
            if end == name.count || !ASCII.isLower(name[end]) { return true }
        }
        return false
    }

    /// `path`: the file's, so that a package's own modules are not taken for an integration.
    func matches(in facts: Facts, language: Language, path: String = "") -> [Match] {
        // An absolute import of the file's own package (`mem0.configs.llms.openai` in mem0/llms/x.py)
        // is the project's code, as a relative import is: a component entry does not count there.
        let directories = Set(path.split(separator: "/").dropLast())
        let dotted = language.descriptor.importPaths == .dotted
        return facts.imports.compactMap { fact in
            guard let module = module(for: fact.module, language: language) else { return nil }
            if module.isComponent, dotted,
               let package = fact.module.split(separator: ".").first, directories.contains(package) { return nil }
            // A component entry names no one package: the suggestions go by the module imported.
            return Match(span: fact.span, text: fact.module, level: module.level,
                         variables: ["package": module.package,
                                     "module": module.isComponent ? fact.module : module.name])
        }
    }
}

extension ImportMatcher {
    static let kind = "import"

    static func parse(_ match: YAMLMap, _ context: MatcherContext) throws -> ImportMatcher { try parse(match) }

    /// Needs no context: the loader reads every import matcher before the other rules.
    static func parse(_ match: YAMLMap) throws -> ImportMatcher {
        try match.checkKeys(["kind", "modules"], in: "an import matcher")
        guard let perLanguage = try match.map("modules") else {
            throw match.problem(at: match.node, "an import matcher needs `modules`")
        }
        var modules: [Language: [ImportMatcher.Module]] = [:]
        for entry in perLanguage.entries {
            guard let language = Language(rawValue: entry.key) else {
                throw match.problem(at: entry.keyNode, "unknown language `\(entry.key)`; valid: "
                                    + Language.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let list = entry.value.items else {
                throw match.problem(at: entry.value, "`\(entry.key)` must be a list of modules")
            }
            modules[language] = try list.map { node in
                let module = try YAMLMap(node, file: match.file, what: "a module entry")
                try module.checkKeys(["module", "submodules", "component", "package", "level"], in: "a module entry")
                return ImportMatcher.Module(
                    name: try module.string("module"),
                    includesSubmodules: try module.bool("submodules", default: true),
                    isComponent: try module.bool("component", default: false),
                    package: try module.optionalString("package") ?? module.string("module"),
                    level: module.value("level") == nil ? nil : try RuleLoader.severity(module, key: "level"))
            }
        }
        return ImportMatcher(modules: modules)
    }
}
