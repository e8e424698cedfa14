// Typed, position-aware reading of YAML documents: rule files, the catalog, configuration files.

/// A problem in a user- or project-supplied file, with the position it concerns.
public struct FileProblem: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
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
            throw FileProblem(file: file, line: 1, column: 1, message: "the file is empty")
        }
        return map
    }

    /// The document's mapping, or nil when the text holds no document (only comments or blank lines).
    static func parseIfPresent(_ text: String, file: String) throws -> YAMLMap? {
        let root: YAMLNode?
        do {
            root = try YAMLReader.parse(text)
        } catch {
            throw FileProblem(file: file, line: error.line, column: error.column, message: error.message)
        }
        return try root.map { try YAMLMap($0, file: file, what: "the document") }
    }

    init(_ node: YAMLNode, file: String, what: String) throws {
        guard let pairs = node.entries else {
            throw YAMLMap.problem(at: node, file: file, "\(what) must be a mapping (key: value)")
        }
        self.node = node
        self.file = file
        self.pairs = pairs
    }

    static func problem(at node: YAMLNode, file: String, _ message: String) -> FileProblem {
        FileProblem(file: file, line: node.line, column: node.column, message: message)
    }

    func problem(at node: YAMLNode, _ message: String) -> FileProblem {
        YAMLMap.problem(at: node, file: file, message)
    }

    /// Fails on any key not in `allowed`, naming the valid keys.
    func checkKeys(_ allowed: [String], in what: String) throws {
        for (key, _) in pairs {
            guard let name = key.text, allowed.contains(name) else {
                throw problem(at: key, "unknown key `\(key.text ?? "?")` in \(what); valid keys: "
                              + allowed.joined(separator: ", "))
            }
        }
    }

    /// The value of `key`; nil when absent or null (`key:`, `key: null`, `key: ~`): null means "not set".
    func value(_ key: String) -> YAMLNode? {
        guard let value = pairs.first(where: { $0.key.text == key })?.value, !value.isNull else { return nil }
        return value
    }

    func required(_ key: String) throws -> YAMLNode {
        guard let value = value(key) else {
            throw problem(at: node, "missing required key `\(key)`")
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
            throw problem(at: value, "`\(key)` must be true or false")
        }
        return bool
    }

    func int(_ key: String, default defaultValue: Int) throws -> Int {
        guard let value = value(key) else { return defaultValue }
        guard let text = value.text, let int = Int(text) else {  // decimal, optional sign
            throw problem(at: value, "`\(key)` must be a whole number")
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
            throw problem(at: value, "`\(key)` must be a list")
        }
        return try items.map { try scalarString($0, key: key) }
    }

    func map(_ key: String) throws -> YAMLMap? {
        guard let value = value(key) else { return nil }
        return try YAMLMap(value, file: file, what: "`\(key)`")
    }

    func list(_ key: String) throws -> [YAMLNode] {
        guard let value = value(key) else { return [] }
        guard let items = value.items else {
            throw problem(at: value, "`\(key)` must be a list")
        }
        return items
    }

    /// The entries of a mapping in document order, keys as strings.
    var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        pairs.map { (key: $0.key.text ?? "", keyNode: $0.key, value: $0.value) }
    }

    func scalarString(_ node: YAMLNode, key: String) throws -> String {
        guard let text = node.text else {
            throw problem(at: node, "`\(key)` must be a text value")
        }
        return text
    }
}
