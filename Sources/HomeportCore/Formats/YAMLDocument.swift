// Typed, position-aware reading of YAML documents: rule files, the catalog, configuration files.

/// A problem in a user- or project-supplied file, with the position it concerns.
public struct FileProblem: BilingualError, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// What is wrong, in both languages.
    public var text: LocalizedText
    /// The English message.
    public var message: String { text.english }

    public init(file: String, line: Int? = nil, column: Int? = nil, text: LocalizedText) {
        self.file = file
        self.line = line
        self.column = column
        self.text = text
    }

    /// A message of the file table with its placeholders filled, in both languages.
    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: FileMessage,
                _ values: [String: String] = [:], localized: [String: LocalizedText] = [:]) {
        self.init(file: file, line: line, column: column, text: message.filled(values, localized: localized))
    }

    /// A problem whose message exists only in English (a bundled rule file's, read by Homeport's developers).
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.init(file: file, line: line, column: column, text: LocalizedText(untranslated: message))
    }

    /// `file:line:column: message`, the message in `language`.
    public func description(in language: MessageLanguage) -> String {
        let message = text.text(in: language)
        switch (line, column) {
        case let (line?, column?): return "\(file):\(line):\(column): \(message)"
        case let (line?, nil): return "\(file):\(line): \(message)"
        default: return "\(file): \(message)"
        }
    }
}

/// A YAML mapping node that knows its file, so every error can say where it is.
struct YAMLMap {
    let node: YAMLNode
    let file: String
    private let pairs: [(key: YAMLNode, value: YAMLNode)]

    static func parse(_ text: String, file: String) throws -> YAMLMap {
        guard let map = try parseIfPresent(text, file: file) else {
            throw FileProblem(file: file, line: 1, column: 1, .emptyFile)
        }
        return map
    }

    /// The document's mapping, or nil when the text holds no document (only comments or blank lines).
    static func parseIfPresent(_ text: String, file: String) throws -> YAMLMap? {
        let root: YAMLNode?
        do {
            root = try YAMLReader.parse(text)
        } catch {
            throw FileProblem(file: file, line: error.line, column: error.column, text: error.text)
        }
        return try root.map { try YAMLMap($0, file: file, what: FileMessage.theDocument.text) }
    }

    /// `what` names the node in an error; made only for one (the success path runs at every start-up).
    init(_ node: YAMLNode, file: String, what: @autoclosure () -> LocalizedText) throws {
        guard let pairs = node.entries else {
            throw FileProblem(file: file, line: node.line, column: node.column, .mustBeMapping, localized: ["what": what()])
        }
        self.node = node
        self.file = file
        self.pairs = pairs
    }

    /// A bundled rule file's problem at `node` (English: see `FileMessage`).
    init(_ node: YAMLNode, file: String, what: String) throws {
        try self.init(node, file: file, what: LocalizedText(untranslated: what))
    }

    func problem(at node: YAMLNode, _ message: FileMessage, _ values: [String: String] = [:],
                 localized: [String: LocalizedText] = [:]) -> FileProblem {
        FileProblem(file: file, line: node.line, column: node.column, message, values, localized: localized)
    }

    /// A bundled rule file's problem at `node` (English: see `FileMessage`).
    func problem(at node: YAMLNode, _ message: String) -> FileProblem {
        FileProblem(file: file, line: node.line, column: node.column, message: message)
    }

    /// Fails on any key not in `allowed`, naming the valid keys.
    func checkKeys(_ allowed: [String], in what: @autoclosure () -> LocalizedText) throws {
        for (key, _) in pairs {
            guard let name = key.text, allowed.contains(name) else {
                throw problem(at: key, .unknownKey, ["key": key.text ?? "?", "valid": allowed.joined(separator: ", ")],
                              localized: ["what": what()])
            }
        }
    }

    func checkKeys(_ allowed: [String], in what: FileMessage) throws {
        try checkKeys(allowed, in: what.text)
    }

    /// A bundled rule file's keys (English: see `FileMessage`).
    func checkKeys(_ allowed: [String], in what: String) throws {
        try checkKeys(allowed, in: LocalizedText(untranslated: what))
    }

    /// The value of `key`; nil when absent or null (`key:`, `key: null`, `key: ~`): null means "not set".
    func value(_ key: String) -> YAMLNode? {
        guard let value = pairs.first(where: { $0.key.text == key })?.value, !value.isNull else { return nil }
        return value
    }

    func required(_ key: String) throws -> YAMLNode {
        guard let value = value(key) else {
            throw problem(at: node, .missingKey, ["key": key])
        }
        return value
    }

    func string(_ key: String) throws -> String {
        try scalarString(try required(key), key: key)
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        return try scalarString(value, key: key)
    }

    func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let value = value(key) else { return defaultValue }
        guard let text = value.text, let bool = YAMLMap.bool(text) else {
            throw problem(at: value, .mustBeBool, ["key": key])
        }
        return bool
    }

    func int(_ key: String, default defaultValue: Int) throws -> Int {
        guard let value = value(key) else { return defaultValue }
        guard let text = value.text, let int = Int(text) else {  // decimal, optional sign
            throw problem(at: value, .mustBeWholeNumber, ["key": key])
        }
        return int
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    func stringList(_ key: String) throws -> [String] {
        guard let value = value(key) else { return [] }
        guard let items = value.items else {
            throw problem(at: value, .mustBeList, ["key": key])
        }
        return try items.map { try scalarString($0, key: key) }
    }

    func map(_ key: String) throws -> YAMLMap? {
        guard let value = value(key) else { return nil }
        return try YAMLMap(value, file: file, what: FileMessage.code.filled(["name": key]))
    }

    func list(_ key: String) throws -> [YAMLNode] {
        guard let value = value(key) else { return [] }
        guard let items = value.items else {
            throw problem(at: value, .mustBeList, ["key": key])
        }
        return items
    }

    /// The entries of a mapping in document order, keys as strings.
    var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        pairs.map { (key: $0.key.text ?? "", keyNode: $0.key, value: $0.value) }
    }

    func scalarString(_ node: YAMLNode, key: String) throws -> String {
        guard let text = node.text else {
            throw problem(at: node, .mustBeText, ["key": key])
        }
        return text
    }
}
