// The Swift OpenAI SDKs' model types and constants, and the tables made from them on first use.

#if canImport(Glibc)
import Glibc
#endif

/// One model type of a Swift OpenAI SDK (`Model`, `OpenAIModelType.Moderation`) and its constants.
public struct SDKModelType: Sendable {
    public var sdk: String
    /// The dotted type path as the SDK declares it.
    public var path: String
    /// Other names of the type (`typealias ChatGPTModel = …`).
    public var aliases: [String]
    /// The enum cases whose payload the type is: `chat` for `OpenAIModelType.chat(Chat)`, written `.chat(.chatgpt)`.
    public var payloadOf: [String]
    /// Constant name -> model ID.
    public var constants: [String: String]

    public init(sdk: String, path: String, aliases: [String] = [], payloadOf: [String] = [],
                constants: [String: String]) {
        self.sdk = sdk
        self.path = path
        self.aliases = aliases
        self.payloadOf = payloadOf
        self.constants = constants
    }

}

/// `ModelMatcher.symbols` and the index of its SDK types, made once, on first use, by whichever
/// scanning thread needs them first.
final class SDKConstantTables: @unchecked Sendable {  // `made` is guarded by `lock`
    let makeSymbols: (@Sendable () -> [String: String])?
    private let types: [SDKModelType]
    private let lock = Lock()
    private var made: (symbols: [String: String], index: SDKTypeIndex)?

    init(types: [SDKModelType], symbols: (@Sendable () -> [String: String])?) {
        self.types = types
        self.makeSymbols = symbols
    }

    private var value: (symbols: [String: String], index: SDKTypeIndex) {
        lock.withLock {
            if let made { return made }
            let result = (makeSymbols?() ?? [:], SDKTypeIndex(types))
            made = result
            return result
        }
    }

    var symbols: [String: String] { value.symbols }
    var index: SDKTypeIndex { value.index }
}

/// Which SDK model types a receiver may name, looked up without a pass over the types: code that writes
/// `receiver.` may mean a type whose path or alias is the receiver or ends with it (`GPT4` for
/// `Model.GPT4`), or whose path or alias the receiver ends with (`OpenAI.Model`).
struct SDKTypeIndex: Sendable {
    /// Each path and alias and every tail of them (`Model.GPT4`, `GPT4`) -> type indices, in table order.
    private var tails: [String: [Int]] = [:]
    /// Each path and alias -> type indices.
    private var names: [String: [Int]] = [:]
    /// Wrapping case (`chat`) -> indices of the types it wraps.
    private(set) var payloads: [String: [Int]] = [:]

    init(_ types: [SDKModelType]) {
        for (index, type) in types.enumerated() {
            for name in [type.path] + type.aliases {
                names[name, default: []].append(index)
                var tail = Substring(name)
                while true {
                    if tails[String(tail)]?.last != index { tails[String(tail), default: []].append(index) }
                    guard let dot = tail.firstIndex(of: ".") else { break }
                    tail = tail[tail.index(after: dot)...]
                }
            }
            for wrapper in type.payloadOf where payloads[wrapper]?.last != index { payloads[wrapper, default: []].append(index) }
        }
    }

    func types(namedBy receiver: String) -> [Int] {
        guard !receiver.isEmpty else { return [] }
        var found = tails[receiver] ?? []
        if receiver.contains(".") {
            var rest = Substring(receiver)
            while let dot = rest.firstIndex(of: ".") {
                rest = rest[rest.index(after: dot)...]
                for index in names[String(rest)] ?? [] where !found.contains(index) { found.append(index) }
            }
            found.sort()
        }
        return found
    }
}
