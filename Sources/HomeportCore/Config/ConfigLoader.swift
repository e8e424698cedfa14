// Finding and reading `.homeport.yml`: `extends:` chains, and every mistake reported with file:line:col.

#if canImport(Glibc)
import Glibc
#endif

public enum ConfigLoader {
    public static let fileName = ".homeport.yml"
    public static let keys = ["extends", "target", "include", "exclude", "rules", "per-path", "fail-on",
                              "baseline", "catalog", "scan-data"]
    static let perPathKeys = ["paths", "rules"]

    /// The nearest `.homeport.yml` in the folder of `path` (itself, when a folder) or above it, as
    /// `source` has them.
    public static func nearest(from path: String, in source: FileSource = .fileSystem) -> String? {
        var directory = Path.standardize(path)
        if !Path.kind(of: directory).isDirectory {
            directory = Path.parent(of: directory)
        }
        while true {
            let candidate = directory == "/" ? "/" + fileName : directory + "/" + fileName
            if source.isFile(candidate) {
                return candidate
            }
            if directory == "/" || directory.isEmpty { return nil }
            directory = Path.parent(of: directory)
        }
    }

    /// Reads `file` and what it extends from `source`. Globs are relative to `root`.
    public static func load(_ file: String, root: String, from source: FileSource = .fileSystem) throws -> Configuration {
        var configuration = Configuration(root: root)
        try layer(file, onto: &configuration, chain: [], source: source)
        configuration.files.reverse()
        return configuration
    }

    /// Parses configuration text (for tests and `homeport init`'s self-check).
    public static func load(text: String, file: String, root: String) throws -> Configuration {
        var configuration = Configuration(root: root)
        try apply(text, file: file, onto: &configuration, chain: [file], source: .fileSystem)
        return configuration
    }

    private static func layer(_ file: String, onto configuration: inout Configuration, chain: [String],
                              source: FileSource) throws {
        let bytes: [UInt8]
        do {
            bytes = try source.read(file)
        } catch FileReadError.unreadable(let reason) {
            throw FileProblem(file: file, .cannotReadConfiguration, localized: ["reason": reason])
        } catch {
            throw FileProblem(file: file, text: LocalizedText(en: MessageLanguage.english.describe(error),
                                                              zh: MessageLanguage.simplifiedChinese.describe(error)))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FileProblem(file: file, .configurationNotUTF8)
        }
        try apply(text, file: file, onto: &configuration, chain: chain + [file], source: source)
    }

    private static func apply(_ text: String, file: String, onto configuration: inout Configuration,
                              chain: [String], source: FileSource) throws {
        guard let document = try YAMLMap.parseIfPresent(text, file: file) else {  // only comments: defaults
            configuration.files.append(file)
            return
        }
        try document.checkKeys(keys, in: .theConfiguration)
        let folder = Path.parent(of: file)

        if let extends = document.value("extends") {
            let name = try document.scalarString(extends, key: "extends")
            guard !name.isEmpty else { throw document.problem(at: extends, .extendsNeedsFile) }
            let parent = Path.absolute(name, in: folder)
            if chain.contains(parent) {
                throw document.problem(at: extends, .extendsCycle, ["chain": (chain + [parent]).joined(separator: " -> ")])
            }
            guard source.isFile(parent) else {
                throw document.problem(at: extends, .extendsNoSuchFile, ["path": parent])
            }
            try layer(parent, onto: &configuration, chain: chain, source: source)
        }
        configuration.files.append(file)

        if let node = document.value("target") {
            let target = try document.scalarString(node, key: "target").trimmingWhitespace()
            guard !target.isEmpty else { throw document.problem(at: node, .targetNeedsProvider) }
            configuration.target = target
        }
        if document.value("include") != nil { configuration.include = try globs(document, "include") }
        if document.value("exclude") != nil { configuration.exclude = try globs(document, "exclude") }
        if let rules = try document.map("rules") {
            configuration.rules += try ruleSettings(rules)
        }
        for entry in try document.list("per-path") {
            let map = try YAMLMap(entry, file: file, what: FileMessage.aPerPathEntry.text)
            try map.checkKeys(perPathKeys, in: .aPerPathEntry)
            let paths = try globs(map, "paths")
            guard !paths.isEmpty else { throw map.problem(at: entry, .perPathNeedsPaths) }
            guard let rules = try map.map("rules") else {
                throw map.problem(at: entry, .perPathNeedsRules)
            }
            configuration.perPath.append(PathOverride(paths: paths, rules: try ruleSettings(rules)))
        }
        // Recorded HTTP traffic and API descriptions are data: reported only when asked for.
        configuration.scanData = try document.bool("scan-data", default: configuration.scanData)
        if let node = document.value("fail-on") {
            let text = try document.scalarString(node, key: "fail-on")
            guard let threshold = FailThreshold(rawValue: text) else {
                throw document.problem(at: node, .invalidFailOn, ["value": text])
            }
            configuration.failOn = threshold
        }
        if let node = document.value("baseline") {
            let name = try document.scalarString(node, key: "baseline")
            guard !name.isEmpty else { throw document.problem(at: node, .baselineNeedsFile) }
            configuration.baseline = Path.absolute(name, in: folder)
        }
        if let node = document.value("catalog") {
            // Read by the provider catalog; checked here only for its outline.
            let catalog = try YAMLMap(node, file: file, what: FileMessage.code.filled(["name": "catalog"]))
            if let providers = catalog.value("providers") {
                guard let list = providers.items else {
                    throw catalog.problem(at: providers, .catalogProvidersList)
                }
                for provider in list where provider.entries == nil {
                    throw catalog.problem(at: provider, .catalogProviderMapping)
                }
            }
            configuration.catalog = CatalogSection(node: node, file: file)
        }
    }

    private static func globs(_ map: YAMLMap, _ key: String) throws -> [Glob] {
        guard let value = map.value(key) else { return [] }
        guard let sequence = value.items else {
            throw map.problem(at: value, .mustBeGlobList, ["key": key])
        }
        return try sequence.map { node in
            let text = try map.scalarString(node, key: key)
            do {
                return try Glob(text)
            } catch let error as Glob.SyntaxError {
                let quoted = node.style == .singleQuoted || node.style == .doubleQuoted
                throw FileProblem(file: map.file, line: node.line, column: node.column + (quoted ? 1 : 0) + error.offset,
                                  text: error.text)
            }
        }
    }

    private static func ruleSettings(_ map: YAMLMap) throws -> [(id: String, setting: RuleSetting)] {
        let known = RuleSet.knownIDs.sorted()
        return try map.entries.map { entry in
            guard RuleSet.knownIDs.contains(entry.key) else {
                throw map.problem(at: entry.keyNode, .unknownRule, ["rule": entry.key, "known": known.joined(separator: ", ")])
            }
            let text = try map.scalarString(entry.value, key: entry.key)
            guard let setting = RuleSetting(text) else {
                throw map.problem(at: entry.value, .invalidRuleLevel, ["rule": entry.key, "value": text])
            }
            return (entry.key, setting)
        }
    }
}
