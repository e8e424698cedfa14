// Typed, position-aware reading of YAML documents (rule files, later configuration files).

import Yams

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
    let node: Node
    let file: String

    static func parse(_ text: String, file: String) throws -> YAMLMap {
        let root: Node?
        do {
            // Every scalar is read as text (typed accessors convert): the basic resolver skips the
            // per-scalar pattern matching the default one does, which dominated start-up.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw YAMLMap.problem(from: error, file: file)
        }
        guard let root else { throw FileProblem(file: file, line: 1, column: 1, message: "the file is empty") }
        return try YAMLMap(root, file: file, what: "the document")
    }

    init(_ node: Node, file: String, what: String) throws {
        guard node.mapping != nil else {
            throw YAMLMap.problem(at: node, file: file, "\(what) must be a mapping (key: value)")
        }
        self.node = node
        self.file = file
    }

    private var mapping: Node.Mapping { node.mapping! }

    static func problem(at node: Node, file: String, _ message: String) -> FileProblem {
        FileProblem(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    func problem(at node: Node, _ message: String) -> FileProblem {
        YAMLMap.problem(at: node, file: file, message)
    }

    private static func problem(from error: YamlError, file: String) -> FileProblem {
        switch error {
        case let .scanner(context, problem, mark, _):
            return FileProblem(file: file, line: mark.line, column: mark.column,
                               message: [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        case let .parser(context, problem, mark, _):
            return FileProblem(file: file, line: mark.line, column: mark.column,
                               message: [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        case let .composer(context, problem, mark, _):
            return FileProblem(file: file, line: mark.line, column: mark.column,
                               message: [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        default:
            return FileProblem(file: file, message: "invalid YAML: \(error)")
        }
    }

    /// Fails on any key not in `allowed`, naming the valid keys.
    func checkKeys(_ allowed: [String], in what: String) throws {
        for (key, _) in mapping {
            guard let name = key.string, allowed.contains(name) else {
                throw problem(at: key, "unknown key `\(key.string ?? "?")` in \(what); valid keys: "
                              + allowed.joined(separator: ", "))
            }
        }
    }

    func value(_ key: String) -> Node? { mapping[key] }

    func required(_ key: String) throws -> Node {
        guard let value = mapping[key] else {
            throw problem(at: node, "missing required key `\(key)`")
        }
        return value
    }

    func string(_ key: String) throws -> String {
        try scalarString(try required(key), key: key)
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = mapping[key] else { return nil }
        return try scalarString(value, key: key)
    }

    func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let value = mapping[key] else { return defaultValue }
        guard let scalar = value.scalar, let bool = Bool.construct(from: scalar) else {
            throw problem(at: value, "`\(key)` must be true or false")
        }
        return bool
    }

    func int(_ key: String, default defaultValue: Int) throws -> Int {
        guard let value = mapping[key] else { return defaultValue }
        guard let scalar = value.scalar, let int = Int.construct(from: scalar) else {
            throw problem(at: value, "`\(key)` must be a whole number")
        }
        return int
    }

    func stringList(_ key: String) throws -> [String] {
        guard let value = mapping[key] else { return [] }
        guard let sequence = value.sequence else {
            throw problem(at: value, "`\(key)` must be a list")
        }
        return try sequence.map { try scalarString($0, key: key) }
    }

    func map(_ key: String) throws -> YAMLMap? {
        guard let value = mapping[key] else { return nil }
        return try YAMLMap(value, file: file, what: "`\(key)`")
    }

    func list(_ key: String) throws -> [Node] {
        guard let value = mapping[key] else { return [] }
        guard let sequence = value.sequence else {
            throw problem(at: value, "`\(key)` must be a list")
        }
        return Array(sequence)
    }

    /// The entries of a mapping in document order, keys as strings.
    var entries: [(key: String, keyNode: Node, value: Node)] {
        mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    func scalarString(_ node: Node, key: String) throws -> String {
        guard let scalar = node.scalar else {
            throw problem(at: node, "`\(key)` must be a text value")
        }
        return scalar.string
    }
}
