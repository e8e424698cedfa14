// The few generic matchers that turn Facts into matches; each is configured entirely by rule data.

#if canImport(Glibc)
import Glibc
#endif

/// What a matcher found, before the engine turns it into a Finding.
public struct Match: Sendable {
    public var span: Span
    /// The text that matched (decoded value text for strings), unredacted.
    public var text: String
    /// Overrides the rule's level for this match (e.g. `tiktoken` is a note).
    public var level: Severity?
    /// Values for the rule's message template, besides `{match}`.
    public var variables: [String: String]
    /// For secrets: how many leading characters may be shown; the rest is masked everywhere.
    public var revealedPrefix: Int?
    /// The match is an identifier in code (an SDK constant such as `.o1`), not text in a string: it
    /// is never replaced by bare text, even where the model ID it stands for is spelled the same.
    public var isSymbol: Bool

    public init(span: Span, text: String, level: Severity? = nil, variables: [String: String] = [:],
                revealedPrefix: Int? = nil, isSymbol: Bool = false) {
        self.span = span
        self.text = text
        self.level = level
        self.variables = variables
        self.revealedPrefix = revealedPrefix
        self.isSymbol = isSymbol
    }
}

/// A condition on a file's bytes under which a matcher may find something.
public enum Trigger: Hashable, Sendable {
    /// The text occurs.
    case literal(String)
    /// From every group, one of its texts occurs (e.g. a label word and a short model ID).
    case allOf([[String]])
}

public enum RuleMatcher: Sendable {
    case importModule(ImportMatcher)
    case host(HostMatcher)
    case model(ModelMatcher)
    case environmentVariable(EnvironmentVariableMatcher)
    case secret(SecretMatcher)
    /// Reported by the engine itself: suppression comments that matched nothing.
    case unusedSuppression

    public func matches(in facts: Facts, of file: SourceFile) -> [Match] {
        switch self {
        case .importModule(let matcher): return matcher.matches(in: facts, language: file.language, path: file.path)
        case .host(let matcher): return matcher.matches(in: facts)
        case .model(let matcher): return matcher.matches(in: facts, language: file.language)
        case .environmentVariable(let matcher): return matcher.matches(in: facts)
        case .secret(let matcher): return matcher.matches(in: facts)
        case .unusedSuppression: return []
        }
    }

    /// What a file's bytes must contain (ASCII case ignored) for this matcher to find anything in
    /// its verbatim source.
    public var triggers: [Trigger] {
        switch self {
        case .importModule(let matcher): return matcher.triggerLiterals.map(Trigger.literal)
        case .host(let matcher): return (matcher.domains + matcher.subdomainsOf).map(Trigger.literal)
        case .model(let matcher): return matcher.triggers
        case .environmentVariable(let matcher): return matcher.triggers
        case .secret(let matcher): return [.literal(matcher.keyword)]
        case .unusedSuppression: return []
        }
    }
}

/// Where a match inside a string literal is reported: the exact source text when the matched value
/// bytes stand verbatim in one run, otherwise the whole literal.
func reportedSpan(of range: Range<Int>, in literal: StringLiteralFact) -> Span {
    literal.sourceSpan(ofValueRange: range) ?? literal.span
}

// MARK: - Imports

public struct ImportMatcher: Sendable {
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

    /// The module entry an import path refers to, if any. C and C++ include paths match a header
    /// entry (`openai.h`) as the whole path or its last components (`vendor/openai.h`), and a
    /// directory entry ending in `/` (`openai/`) as any of the path's directories.
    public func module(for path: String, language: Language) -> Module? {
        if language == .c || language == .cpp {
            return modules[language]?.first { module in
                module.name.hasSuffix("/")
                    ? path.hasPrefix(module.name) || path.contains("/" + module.name)
                    : path == module.name || path.hasSuffix("/" + module.name)
            }
        }
        return modules[language]?.first { module in
            if module.isComponent {
                return language == .swift
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
            if end == name.count || !(name[end] >= 0x61 && name[end] <= 0x7A) { return true }
        }
        return false
    }

    /// `path`: the file's, so that a package's own modules are not taken for an integration.
    func matches(in facts: Facts, language: Language, path: String = "") -> [Match] {
        // An absolute import of the file's own package (`mem0.configs.llms.openai` in mem0/llms/x.py)
        // is the project's code, as a relative import is: a component entry does not count there.
        let directories = Set(path.split(separator: "/").dropLast())
        return facts.imports.compactMap { fact in
            guard let module = module(for: fact.module, language: language) else { return nil }
            if module.isComponent, language == .python,
               let package = fact.module.split(separator: ".").first, directories.contains(package) { return nil }
            // A component entry names no one package: the suggestions go by the module imported.
            return Match(span: fact.span, text: fact.module, level: module.level,
                         variables: ["package": module.package,
                                     "module": module.isComponent ? fact.module : module.name])
        }
    }
}

// MARK: - Hosts

public struct HostMatcher: Sendable {
    /// Reported when the host is one of these or a subdomain of one.
    public var domains: [String]
    /// Reported only for strict subdomains (`x.openai.azure.com`, not `openai.azure.com` itself).
    public var subdomainsOf: [String]

    func matches(in facts: Facts) -> [Match] {
        var found: [Match] = []
        let needles = domains.map { ($0, false) } + subdomainsOf.map { ($0, true) }
        for literal in facts.strings where !literal.isDocumentation
            && needles.contains(where: { ASCII.contains($0.0, in: literal.value) }) {
            let value = Array(literal.value.utf8)
            var reportedUpTo = 0
            for (needle, strict) in needles {
                for occurrence in ASCII.occurrences(of: needle, in: value) {
                    guard occurrence >= reportedUpTo,
                          let url = url(around: occurrence, needleLength: needle.utf8.count,
                                        strictSubdomain: strict, in: value) else { continue }
                    reportedUpTo = url.range.upperBound
                    found.append(Match(
                        span: reportedSpan(of: url.range, in: literal),
                        text: ASCII.showingPlaceholders(String(decoding: value[url.range], as: UTF8.self)),
                        variables: ["host": ASCII.showingPlaceholders(url.host)]))
                }
            }
        }
        return found
    }

    /// The host containing the needle at `index`, checked against the domain rule, widened to the
    /// whole URL around it when there is one.
    private func url(around index: Int, needleLength: Int, strictSubdomain: Bool,
                     in value: [UInt8]) -> (range: Range<Int>, host: String)? {
        var hostStart = index
        // An interpolated label (`https://{resource}.openai.azure.com`) is part of the host.
        while hostStart > 0 {
            if ASCII.isHostCharacter(value[hostStart - 1]) {
                hostStart -= 1
            } else if hostStart >= 3, value[(hostStart - 3)..<hostStart].elementsEqual(ASCII.placeholder) {
                hostStart -= 3
            } else {
                break
            }
        }
        let hostEnd = index + needleLength
        if hostEnd < value.count {
            let next = value[hostEnd]
            if ASCII.isHostCharacter(next) && next != UInt8(ascii: ".") { return nil }
            if next == UInt8(ascii: "."), hostEnd + 1 < value.count,
               ASCII.isHostCharacter(value[hostEnd + 1]) { return nil }  // api.openai.com.evil.org
        }
        if hostStart < index {
            // Anything left of the needle must be whole labels: `eu.` + `api.openai.com`.
            guard value[index - 1] == UInt8(ascii: ".") else { return nil }
            // `.openai.azure.com`, `*.openai.azure.com`: a suffix to test hosts against
            // (`host.hasSuffix(…)`), no more an endpoint than the bare domain is.
            if strictSubdomain, value[hostStart] == UInt8(ascii: ".") { return nil }
        } else if strictSubdomain {
            return nil
        }
        var start = hostStart
        // Widen to `scheme://` before the host.
        if hostStart >= 3, value[hostStart - 1] == UInt8(ascii: "/"), value[hostStart - 2] == UInt8(ascii: "/"),
           value[hostStart - 3] == UInt8(ascii: ":") {
            var schemeStart = hostStart - 3
            while schemeStart > 0, ASCII.isSchemeCharacter(value[schemeStart - 1]) { schemeStart -= 1 }
            if schemeStart < hostStart - 3, ASCII.isLetter(value[schemeStart]) { start = schemeStart }
        }
        var end = hostEnd
        while end < value.count, ASCII.isURLCharacter(value[end]) { end += 1 }
        while end > hostEnd, ".,;:!?)".utf8.contains(value[end - 1]) { end -= 1 }
        let host = String(decoding: value[hostStart..<hostEnd], as: UTF8.self).lowercased()
        return (start..<end, host)
    }
}

// MARK: - Models

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

public struct ModelMatcher: @unchecked Sendable {  // Regex is immutable once compiled
    public struct Family {
        public var pattern: String
        var regex: LazyRegex
        /// Literal texts every match starts with (derived from the pattern).
        public var prefixes: [String]
        public var capabilityClass: String
        public var requiresLabel: Bool
    }

    public var families: [Family] {
        didSet { prefixIndex = ModelMatcher.indexPrefixes(families) }
    }
    /// Words (any case) of which a literal's label must contain one for `requiresLabel` families.
    public var labelWords: [String]
    /// SDK constant name -> model ID, reported on any receiver (or none) in files importing one of
    /// `symbolGate`'s modules: the hand-written names and the SDK constants shaped like a model.
    /// Made on first use (`setSymbols`), like the index of `sdkTypes`.
    public var symbols: [String: String] {
        get { tables.symbols }
        set { setSymbols { newValue } }
    }
    public var symbolGate: ImportMatcher?
    /// The SDKs' model types and their constants: a member of one of these types counts even where its
    /// name is an ordinary word (`OpenAIModelType.Moderation.latest`).
    public var sdkTypes: [SDKModelType] = [] {
        didSet { tables = SDKConstantTables(types: sdkTypes, symbols: tables.makeSymbols) }
    }
    private var tables = SDKConstantTables(types: [], symbols: nil)
    private var sdkTypeIndex: SDKTypeIndex { tables.index }
    /// Whether this matcher reports SDK constants at all (known without making the tables).
    var hasSymbols: Bool { tables.makeSymbols != nil || !sdkTypes.isEmpty }

    /// `symbols` as `make` returns them, made the first time a file needs them: the SDK tables take as
    /// long to build as a one-file scan, and most scans meet no Swift file that imports an SDK.
    public mutating func setSymbols(_ make: @escaping @Sendable () -> [String: String]) {
        tables = SDKConstantTables(types: sdkTypes, symbols: make)
    }
    /// Which member names are shaped like a model constant (`gpt4_o`, `o3_mini`, `gpt_hyphen_4o`).
    public var symbolShape: LazyRegex?
    /// A second tier: report members shaped like `deferTo`'s constants that its tables do not know.
    public var reportsUnknownConstants = false
    /// Names shaped like a model this matcher reports that are not OpenAI API models (`gpt-oss-20b`).
    public var notModels: ModelMatcher? {
        get { notModelsBox?.matcher }
        set { notModelsBox = newValue.map(Box.init) }
    }
    /// The matcher of the rule this one is a second tier of: what that one reports, this one does not.
    public var deferTo: ModelMatcher? {
        get { deferToBox?.matcher }
        set { deferToBox = newValue.map(Box.init) }
    }
    private final class Box: Sendable {
        let matcher: ModelMatcher
        init(_ matcher: ModelMatcher) { self.matcher = matcher }
    }
    private var notModelsBox: Box?
    private var deferToBox: Box?
    /// For each first byte, the (prefix bytes, family index) pairs starting with it, in family order:
    /// most tokens are rejected on their first byte without touching a regex.
    private var prefixIndex: [[(prefix: [UInt8], family: Int)]]

    public init(families: [Family], labelWords: [String] = [], symbols: [String: String] = [:],
                symbolGate: ImportMatcher? = nil, notModels: ModelMatcher? = nil, deferTo: ModelMatcher? = nil) {
        self.families = families
        self.labelWords = labelWords
        var make: (@Sendable () -> [String: String])?
        if !symbols.isEmpty { make = { @Sendable in symbols } }
        self.tables = SDKConstantTables(types: [], symbols: make)
        self.symbolGate = symbolGate
        self.prefixIndex = ModelMatcher.indexPrefixes(families)
        self.notModels = notModels
        self.deferTo = deferTo
    }

    private static func indexPrefixes(_ families: [Family]) -> [[(prefix: [UInt8], family: Int)]] {
        var index = [[(prefix: [UInt8], family: Int)]](repeating: [], count: 256)
        for (number, family) in families.enumerated() {
            for prefix in family.prefixes {
                let bytes = Array(prefix.utf8)
                index[Int(bytes[0])].append((bytes, number))
            }
        }
        return index
    }

    var triggers: [Trigger] {
        var triggers = families.filter { !$0.requiresLabel }.flatMap(\.prefixes).map(Trigger.literal)
        // A short id counts only when bound to a label word: the file holds both.
        let shortIDs = families.filter(\.requiresLabel).flatMap(\.prefixes)
        if !shortIDs.isEmpty { triggers.append(.allOf([labelWords, shortIDs])) }
        if let gate = symbolGate, hasSymbols {
            triggers += gate.triggerLiterals.map(Trigger.literal)
        }
        if reportsUnknownConstants, let gate = deferTo?.symbolGate { triggers += gate.triggerLiterals.map(Trigger.literal) }
        return triggers
    }

    /// The capability class of a model ID, or nil when it is not an OpenAI model.
    public func capabilityClass(of model: String, labelAllowsShortIDs: Bool) -> String? {
        capabilityClass(of: Array(model.utf8)[...], labelAllowsShortIDs: labelAllowsShortIDs)
    }

    func capabilityClass(of token: ArraySlice<UInt8>, labelAllowsShortIDs: Bool) -> String? {
        guard let capability = familyClass(of: token, labelAllowsShortIDs: labelAllowsShortIDs) else { return nil }
        // Rare: only a token that matched a family gets here.
        if let notModels, notModels.familyClass(of: token, labelAllowsShortIDs: true) != nil { return nil }
        if let deferTo, deferTo.capabilityClass(of: token, labelAllowsShortIDs: labelAllowsShortIDs) != nil {
            return nil
        }
        return capability
    }

    private func familyClass(of token: ArraySlice<UInt8>, labelAllowsShortIDs: Bool) -> String? {
        guard let first = token.first else { return nil }
        var text: String?
        var tried = -1
        for (prefix, number) in prefixIndex[Int(first)] where number != tried {
            guard token.count >= prefix.count, token.starts(with: prefix) else { continue }
            let family = families[number]
            if family.requiresLabel && !labelAllowsShortIDs { continue }
            tried = number
            let candidate = text ?? String(decoding: token, as: UTF8.self)
            text = candidate
            if family.regex.wholeMatches(candidate) { return family.capabilityClass }
        }
        return nil
    }

    func labelAllowsShortIDs(_ label: String?) -> Bool {
        guard let label else { return false }
        return labelWords.contains { ASCII.contains($0, in: label) }
    }

    func matches(in facts: Facts, language: Language) -> [Match] {
        var found: [Match] = []
        // Unbound short ids (`"o1"`): reported only if another argument of their call is a model ID.
        var shortCandidates: [(literal: StringLiteralFact, capability: String)] = []
        for literal in facts.strings where !literal.isDocumentation && mayMatch(literal.value) {
            let value = Array(literal.value.utf8)
            let labelled = labelAllowsShortIDs(literal.label) || labelAllowsShortIDs(literal.collectionLabel)
            for token in ModelMatcher.tokens(in: value) {
                // Short ids (o1, davinci) count only as the literal's whole value.
                let wholeValue = token.count == value.count
                guard let capability = capabilityClass(of: value[token], labelAllowsShortIDs: labelled && wholeValue)
                else {
                    if wholeValue, !labelled, !facts.calls.isEmpty,
                       let capability = capabilityClass(of: value[token], labelAllowsShortIDs: true) {
                        shortCandidates.append((literal, capability))
                    }
                    continue
                }
                let text = String(decoding: value[token], as: UTF8.self)
                found.append(Match(span: reportedSpan(of: token, in: literal), text: text,
                                   variables: ["class": capability, "model": text]))
            }
        }
        if !shortCandidates.isEmpty, !found.isEmpty {
            let reported = found.map(\.span)
            for candidate in shortCandidates {
                let span = candidate.literal.span
                // The innermost call with the literal as one of its arguments.
                guard let call = facts.calls.filter({ call in
                    call.argumentSpans.contains { $0.start == span.start && $0.end == span.end }
                }).min(by: { $0.closeParen - $0.openParen < $1.closeParen - $1.openParen }) else { continue }
                let siblingIsModel = call.argumentSpans.contains { argument in
                    !(argument.start == span.start && argument.end == span.end)
                        && reported.contains { $0.start >= argument.start && $0.end <= argument.end }
                }
                guard siblingIsModel else { continue }
                let text = candidate.literal.value
                found.append(Match(span: reportedSpan(of: 0..<text.utf8.count, in: candidate.literal), text: text,
                                   variables: ["class": candidate.capability, "model": text]))
            }
        }
        if let gate = symbolGate, hasSymbols, !facts.symbols.isEmpty,
           facts.imports.contains(where: { gate.module(for: $0.module, language: language) != nil }) {
            for symbol in facts.symbols where !symbol.isCalled {
                guard let model = constantModel(symbol) else { continue }
                let capability = capabilityClass(of: model, labelAllowsShortIDs: true) ?? "unknown"
                found.append(Match(span: symbol.span, text: symbol.name,
                                   variables: ["class": capability, "model": model], isSymbol: true))
            }
        }
        if reportsUnknownConstants, let exact = deferTo, let gate = exact.symbolGate, let shape = exact.symbolShape,
           facts.imports.contains(where: { gate.module(for: $0.module, language: language) != nil }) {
            for symbol in facts.symbols where !symbol.isCalled {
                // Cheapest first: most members are on no SDK type and bound to no model setting.
                let onSDKType = symbol.receiver.map { !exact.sdkTypeIndex.types(namedBy: $0).isEmpty }
                    ?? symbol.payloadOf.map { exact.sdkTypeIndex.payloads[$0] != nil } ?? false
                guard onSDKType || (symbol.receiver == nil && labelAllowsShortIDs(symbol.label)),
                      shape.wholeMatches(symbol.name), exact.constantModel(symbol) == nil else { continue }
                let model = ModelMatcher.modelID(forConstant: symbol.name)
                let token = Array(model.utf8)[...]
                if let notModels, notModels.familyClass(of: token, labelAllowsShortIDs: true) != nil { continue }
                let capability = exact.capabilityClass(of: token, labelAllowsShortIDs: true)
                    ?? familyClass(of: token, labelAllowsShortIDs: true) ?? "unknown"
                found.append(Match(span: symbol.span, text: symbol.name,
                                   variables: ["class": capability, "model": model], isSymbol: true))
            }
        }
        return found
    }

    /// The constants reported whatever they are looked up on: the hand-written `names`, and the SDK
    /// constants whose name is shaped like a model (`shape`); `.davinci` or `.latest` count only on their
    /// own type. Where SDKs give one name different model IDs, the first SDK's ID stands if all are of one
    /// capability class (the class decides the suggestion); otherwise the name counts only on its type.
    static func unambiguousConstants(names: [String: String], sdkTypes: [SDKModelType], shape: LazyRegex?,
                                     classifier: ModelMatcher) -> [String: String] {
        guard let shape else { return names }
        var result = names
        var ambiguous: Set<String> = []
        for type in sdkTypes {
            for (name, model) in type.constants.sorted(by: { $0.key < $1.key })
            where names[name] == nil && !ambiguous.contains(name) && shape.wholeMatches(name) {
                guard let known = result[name] else {
                    result[name] = model
                    continue
                }
                if known != model, classifier.capabilityClass(of: known, labelAllowsShortIDs: true)
                    != classifier.capabilityClass(of: model, labelAllowsShortIDs: true) {
                    result[name] = nil
                    ambiguous.insert(name)
                }
            }
        }
        return result
    }

    /// The model ID an SDK constant stands for: by the SDK type it is looked up on, else by its name.
    func constantModel(_ symbol: SymbolFact) -> String? {
        if let receiver = symbol.receiver {
            for type in sdkTypeIndex.types(namedBy: receiver) {
                if let model = sdkTypes[type].constants[symbol.name] { return model }
            }
        } else if let wrapper = symbol.payloadOf {
            for type in sdkTypeIndex.payloads[wrapper] ?? [] {
                if let model = sdkTypes[type].constants[symbol.name] { return model }
            }
        }
        return symbols[symbol.name]
    }

    /// The model ID a constant's name spells, for a constant no table knows: the SDKs write `gpt-4.1-mini`
    /// as `gpt4_1_mini` (MacPaw), `gpt41Mini` and `gpt_hyphen_4_period_1_hyphen_mini` (swift-openapi-generator).
    static func modelID(forConstant name: String) -> String {
        if name.contains("_hyphen_") || name.contains("_period_") {
            return String(name.replacing("_hyphen_", with: "-").replacing("_period_", with: ".")
                .replacing("_", with: "-")).lowercased()
        }
        let dash = UInt8(ascii: "-")
        var out: [UInt8] = []
        for c in name.utf8 {
            let last = out.last
            if c == UInt8(ascii: "_") {
                if last != nil, last != dash { out.append(dash) }
            } else if c >= UInt8(ascii: "A"), c <= UInt8(ascii: "Z") {
                if let last, last != dash { out.append(dash) }
                out.append(c | 0x20)
            } else if ASCII.isDigit(c), let last, last >= UInt8(ascii: "a"), last <= UInt8(ascii: "z"),
                      out != [UInt8(ascii: "o")] {
                out += [dash, c]  // `gpt5` -> `gpt-5`, but `o5` stays
            } else {
                out.append(c)
            }
        }
        if out.starts(with: Array("dalle-".utf8)) { out.insert(dash, at: 4) }
        // `gpt-4-1-mini` -> `gpt-4.1-mini` (a one-digit minor version), `gpt-4-o` -> `gpt-4o`.
        let version = out.starts(with: Array("gpt-".utf8)) ? 4 : out.starts(with: Array("chatgpt-".utf8)) ? 8 : 0
        var k = version
        while version > 0, k < out.count, ASCII.isDigit(out[k]) { k += 1 }
        if k > version, k + 1 < out.count, out[k] == dash, ASCII.isDigit(out[k + 1]) || out[k + 1] == UInt8(ascii: "o"),
           k + 2 == out.count || out[k + 2] == dash {
            if out[k + 1] == UInt8(ascii: "o") { out.remove(at: k) } else { out[k] = UInt8(ascii: ".") }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a token of `value` starts with a family's prefix: most literals are rejected here,
    /// without copying their bytes.
    func mayMatch(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            let n = bytes.count
            var atTokenStart = true
            var i = 0
            while i < n {
                let b = bytes[i]
                if ASCII.isModelCharacter(b) {
                    if atTokenStart {
                        for (prefix, _) in prefixIndex[Int(b)] where prefix.count <= n - i {
                            var k = 1
                            while k < prefix.count, bytes[i + k] == prefix[k] { k += 1 }
                            if k == prefix.count { return true }
                        }
                    }
                    atTokenStart = false
                } else {
                    atTokenStart = true
                }
                i += 1
            }
            return false
        }
    }

    /// Candidate model IDs: runs of `[A-Za-z0-9._-]` (plus the colons of an `ft:` id), without
    /// trailing dots or dashes, so `openai/gpt-4o` and `use gpt-4o.` both yield `gpt-4o`.
    static func tokens(in value: [UInt8]) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var i = 0
        let n = value.count
        while i < n {
            guard ASCII.isModelCharacter(value[i]) else { i += 1; continue }
            let start = i
            let fineTune = i + 2 < n && value[i] == UInt8(ascii: "f") && value[i + 1] == UInt8(ascii: "t")
                && value[i + 2] == UInt8(ascii: ":")
            while i < n, ASCII.isModelCharacter(value[i]) || (fineTune && value[i] == UInt8(ascii: ":")) {
                i += 1
            }
            var end = i
            while end > start, value[end - 1] == UInt8(ascii: ".") || value[end - 1] == UInt8(ascii: "-") {
                end -= 1
            }
            if end > start { tokens.append(start..<end) }
        }
        return tokens
    }

    /// `?`, `*` or `{`: what may make the character before it optional.
    private static func isQuantifier(_ c: Unicode.Scalar) -> Bool { c == "?" || c == "*" || c == "{" }

    private static func isMetacharacter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "(", ")", ".", "|", "$", "*", "+", "?", "{", "[", "\\": return true
        default: return false
        }
    }

    /// The literal texts every match of an anchored pattern starts with: the leading literal
    /// characters, with one leading character class such as `o[134]` expanded. Empty if none.
    static func literalPrefixes(of pattern: String) -> [String] {
        var chars = Array(pattern.unicodeScalars)
        guard chars.first == "^" else { return [] }
        chars.removeFirst()
        var prefixes = [""]
        var i = 0
        func dropLast() { prefixes = prefixes.map { String($0.unicodeScalars.dropLast()) } }
        while i < chars.count {
            let c = chars[i]
            let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "\\", let escaped = next, !CharacterClassEscapes.contains(escaped) {
                if let after = i + 2 < chars.count ? chars[i + 2] : nil, isQuantifier(after) {
                    break
                }
                prefixes = prefixes.map { $0 + String(escaped) }
                i += 2
            } else if c == "[", let close = chars[(i + 1)...].firstIndex(of: "]") {
                let members = chars[(i + 1)..<close]
                let after: Unicode.Scalar? = close + 1 < chars.count ? chars[close + 1] : nil
                guard !members.isEmpty, !members.contains("-"), !members.contains("\\"),
                      !members.contains("^"), !(after.map(isQuantifier) ?? false)
                else { break }
                prefixes = prefixes.flatMap { prefix in members.map { prefix + String($0) } }
                i = close + 1
            } else if c == "(", next == "?", i + 2 < chars.count, chars[i + 2] == ":",
                      let group = literalAlternatives(chars, openingAt: i), prefixes.count * group.options.count <= 64 {
                // `(?:ada|babbage)` of plain words: each alternative continues every prefix.
                prefixes = prefixes.flatMap { prefix in group.options.map { prefix + $0 } }
                i = group.end
            } else if isMetacharacter(c) {
                if isQuantifier(c) { dropLast() }
                break
            } else {
                if let next, isQuantifier(next) { break }
                prefixes = prefixes.map { $0 + String(c) }
                i += 1
            }
        }
        return prefixes.allSatisfy({ !$0.isEmpty }) ? prefixes : []
    }

    /// The alternatives of a non-capturing group at `start` when each is plain literal text and
    /// the group is not followed by a quantifier, with the index after the group.
    private static func literalAlternatives(_ chars: [Unicode.Scalar], openingAt start: Int)
        -> (options: [String], end: Int)? {
        var options = [""]
        var i = start + 3
        while i < chars.count {
            let c = chars[i]
            if c == ")" {
                let after = i + 1 < chars.count ? chars[i + 1] : nil
                if let after, "?*{+".unicodeScalars.contains(after) { return nil }
                return options.contains(where: \.isEmpty) ? nil : (options, i + 1)
            } else if c == "|" {
                options.append("")
            } else if c == "\\", i + 1 < chars.count, !CharacterClassEscapes.contains(chars[i + 1]),
                      !(chars[i + 1].properties.isAlphabetic || ("0"..."9").contains(chars[i + 1])) {
                options[options.count - 1].unicodeScalars.append(chars[i + 1])
                i += 1
            } else if "()[]{}.*+?^$\\".unicodeScalars.contains(c) {
                return nil
            } else {
                options[options.count - 1].unicodeScalars.append(c)
            }
            i += 1
        }
        return nil
    }

    private static let CharacterClassEscapes: Set<Unicode.Scalar> = ["d", "D", "w", "W", "s", "S", "b", "B"]
}

// MARK: - Environment variables

public struct EnvironmentVariableMatcher: Sendable {
    /// A literal whose whole value is one of these prefixes followed by `[A-Z0-9_]+` is reported.
    public var prefixes: [String]
    /// A literal whose whole value is one of these names is reported.
    public var names: Set<String>
    /// Names the matcher of another rule reports are left to it (the application settings rule
    /// defers to the SDK settings rule).
    public var deferTo: [EnvironmentVariableMatcher]

    public init(prefixes: [String], names: Set<String> = [], deferTo: EnvironmentVariableMatcher? = nil) {
        self.prefixes = prefixes
        self.names = names
        self.deferTo = deferTo.map { [$0] } ?? []
    }

    var triggers: [Trigger] { (prefixes + names.sorted()).map(Trigger.literal) }

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

    func matches(in facts: Facts) -> [Match] {
        facts.strings.compactMap { literal in
            let value = literal.value
            guard !literal.isDocumentation else { return nil }
            if reports(value) {
                return Match(span: reportedSpan(of: 0..<value.utf8.count, in: literal), text: value)
            }
            // `os.getenv("openai_api_key")`: the name in lower case is read for the same setting
            // (Windows ignores the case; elsewhere it is an OpenAI setting all the same).
            guard value.utf8.first.map(ASCII.isLetter) == true,
                  value.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ASCII.isDigit($0) || $0 == UInt8(ascii: "_") }),
                  reports(value.uppercased()), readsEnvironment(literal, in: facts) else { return nil }
            return Match(span: reportedSpan(of: 0..<value.utf8.count, in: literal), text: value.uppercased())
        } + facts.environmentReads.compactMap { read in
            // `declaration`: the span is a name in code (a field), not a string to rename in place.
            reports(read.name) ? Match(span: read.span, text: read.name, variables: ["declaration": "field"]) : nil
        }
    }
}

// MARK: - Secrets

public struct SecretMatcher: @unchecked Sendable {  // Regex is immutable once compiled
    /// A literal text every secret contains; only tokens around it are checked.
    public var keyword: String
    public var tokenCharacters: Set<UInt8>
    public var pattern: String
    var regex: LazyRegex
    /// How many leading characters of a secret may be shown.
    public var reveal: Int

    func matches(in facts: Facts) -> [Match] {
        var found: [Match] = []
        for literal in facts.strings where literal.value.utf8.count > keyword.utf8.count
            && ASCII.contains(keyword, in: literal.value, ignoringCase: false) {
            let value = Array(literal.value.utf8)
            var reportedUpTo = 0
            for occurrence in ASCII.occurrences(of: keyword, in: value, ignoringCase: false)
            where occurrence >= reportedUpTo {
                var start = occurrence
                while start > 0, tokenCharacters.contains(value[start - 1]) { start -= 1 }
                var end = occurrence + keyword.utf8.count
                while end < value.count, tokenCharacters.contains(value[end]) { end += 1 }
                let token = String(decoding: value[start..<end], as: UTF8.self)
                guard regex.wholeMatches(token) else { continue }
                reportedUpTo = end
                found.append(Match(span: reportedSpan(of: start..<end, in: literal), text: token,
                                   revealedPrefix: reveal))
            }
        }
        return found
    }
}

// MARK: - Regular expressions

/// A regular expression compiled on first use: most runs never reach most patterns (a token must
/// pass its literal prefix first). Patterns within `Pattern`'s subset — all bundled ones — run on
/// that engine (compiles in microseconds, matches in linear time); others on Swift's `Regex`.
public final class LazyRegex: @unchecked Sendable {  // `compiled` is guarded by `lock`
    enum Compiled {
        case fast(Pattern)
        case regex(Regex<AnyRegexOutput>)
        case invalid
    }

    public let pattern: String
    private let lock = Lock()
    private var compiled: Compiled?

    public init(_ pattern: String) {
        self.pattern = pattern
    }

    /// Compiles now, to report a bad pattern where it is written.
    public func validate() throws {
        let result = try LazyRegex.compile(pattern)
        lock.withLock { compiled = result }
    }

    /// Whether `Pattern` (rather than Swift's `Regex`) runs this pattern.
    var usesFastMatcher: Bool {
        if case .fast = current { return true }
        return false
    }

    /// Whether the whole of `text` matches; an uncompilable pattern matches nothing.
    public func wholeMatches(_ text: String) -> Bool {
        switch current {
        case .fast(let pattern): return pattern.wholeMatches(text)
        case .regex(let regex): return (try? regex.wholeMatch(in: text)) != nil
        case .invalid: return false
        }
    }

    private var current: Compiled {
        lock.withLock {
            if let compiled { return compiled }
            let result = (try? LazyRegex.compile(pattern)) ?? .invalid
            compiled = result
            return result
        }
    }

    private static func compile(_ pattern: String) throws -> Compiled {
        let fastError: PatternSyntaxError
        do {
            return .fast(try Pattern(pattern))
        } catch {
            fastError = error
        }
        // Outside the subset, or malformed as far as `Pattern` can tell: `Regex` has the last word.
        do {
            return .regex(try Regex(pattern))
        } catch {
            if fastError.isMalformed { throw fastError }
            throw error
        }
    }
}

// MARK: - Byte helpers

enum ASCII {
    /// UTF-8 of `StringLiteralFact.interpolationPlaceholder`.
    static let placeholder = Array(String(StringLiteralFact.interpolationPlaceholder).utf8)

    /// Text for users: each interpolation placeholder shown as `{…}`.
    static func showingPlaceholders(_ text: String) -> String {
        text.contains(StringLiteralFact.interpolationPlaceholder)
            ? text.replacing(String(StringLiteralFact.interpolationPlaceholder), with: "{…}")
            : text
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66)
    }

    @inline(__always) static func isHostCharacter(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    @inline(__always) static func isSchemeCharacter(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    /// Characters that may continue a URL in text: printable ASCII except delimiters that end URLs
    /// in prose and code (quotes, angle brackets, braces, backslash, backtick, spaces).
    @inline(__always) static func isURLCharacter(_ b: UInt8) -> Bool {
        guard b > 0x20 && b < 0x7F else { return false }
        return !"\"'<>{}\\|^`".utf8.contains(b)
    }

    @inline(__always) static func isModelCharacter(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }

    @inline(__always) static func isUpperIdentifierCharacter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || isDigit(b) || b == UInt8(ascii: "_")
    }

    /// Whether `text` contains `needle`, without copying either (native strings are UTF-8 already).
    static func contains(_ needle: String, in text: String, ignoringCase: Bool = true) -> Bool {
        var needle = needle
        var text = text
        return needle.withUTF8 { pattern in
            text.withUTF8 { haystack in
                guard let first = pattern.first, haystack.count >= pattern.count else { return false }
                let firstLower = lower(first)
                let last = haystack.count - pattern.count
                var i = 0
                while i <= last {
                    let b = haystack[i]
                    if b == first || (ignoringCase && lower(b) == firstLower) {
                        var k = 1
                        while k < pattern.count {
                            let c = haystack[i + k]
                            if c != pattern[k] && !(ignoringCase && lower(c) == lower(pattern[k])) { break }
                            k += 1
                        }
                        if k == pattern.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Start offsets of every occurrence of `needle` in `haystack`.
    static func occurrences(of needle: String, in haystack: [UInt8], ignoringCase: Bool = true) -> [Int] {
        let pattern = ignoringCase ? needle.utf8.map(lower) : Array(needle.utf8)
        guard let first = pattern.first, haystack.count >= pattern.count else { return [] }
        var result: [Int] = []
        let last = haystack.count - pattern.count
        var i = 0
        while i <= last {
            let b = ignoringCase ? lower(haystack[i]) : haystack[i]
            if b == first {
                var k = 1
                while k < pattern.count,
                      (ignoringCase ? lower(haystack[i + k]) : haystack[i + k]) == pattern[k] { k += 1 }
                if k == pattern.count { result.append(i) }
            }
            i += 1
        }
        return result
    }
}
