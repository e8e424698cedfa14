// The `model` matcher: model IDs in strings (by family pattern and label) and SDK model constants.

public struct ModelMatcher: MatcherKind, @unchecked Sendable {  // Regex is immutable once compiled
    public struct Family {
        public var pattern: String
        var regex: LazyRegex
        /// Literal texts every match starts with (derived from the pattern).
        public var prefixes: [String]
        public var capabilityClass: String
        public var requiresLabel: Bool
    }

    public var families: [Family] {
        didSet {
            (prefixIndex, prefixStarts) = ModelMatcher.indexPrefixes(families)
        }
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
    private var ambiguousBox: Box?
    /// IDs that are also ordinary words or codes elsewhere (`ada`, `davinci`, `o1`): reported only in a file
    /// that shows OpenAI some other way (`evidence`). A second tier also holds back its first tier's.
    public var ambiguous: ModelMatcher? {
        get { ambiguousBox?.matcher }
        set { ambiguousBox = newValue.map(Box.init) }
    }
    /// What shows OpenAI in a file besides an ID that is not ambiguous (a second tier uses its first tier's).
    public var evidence: ModelEvidence?
    /// For each first byte, the (prefix bytes, family index) pairs starting with it, in family order:
    /// most tokens are rejected on their first byte without touching a regex.
    private var prefixIndex: [[(prefix: [UInt8], family: Int)]]
    /// The bytes that start some prefix (those with a non-empty `prefixIndex` entry).
    private var prefixStarts: ByteSet

    public init(families: [Family], labelWords: [String] = [], symbols: [String: String] = [:],
                symbolGate: ImportMatcher? = nil, notModels: ModelMatcher? = nil, deferTo: ModelMatcher? = nil) {
        self.families = families
        self.labelWords = labelWords
        var make: (@Sendable () -> [String: String])?
        if !symbols.isEmpty { make = { @Sendable in symbols } }
        self.tables = SDKConstantTables(types: [], symbols: make)
        self.symbolGate = symbolGate
        (self.prefixIndex, self.prefixStarts) = ModelMatcher.indexPrefixes(families)
        self.notModels = notModels
        self.deferTo = deferTo
    }

    /// `prefixIndex` and `prefixStarts` for `families`.
    private static func indexPrefixes(_ families: [Family]) -> ([[(prefix: [UInt8], family: Int)]], ByteSet) {
        var index = [[(prefix: [UInt8], family: Int)]](repeating: [], count: 256)
        var starts = ByteSet()
        for (number, family) in families.enumerated() {
            for prefix in family.prefixes {
                let bytes = Array(prefix.utf8)
                index[Int(bytes[0])].append((bytes, number))
                starts.insert(bytes[0])
            }
        }
        return (index, starts)
    }

    public var triggers: [Trigger] {
        var triggers = families.filter { !$0.requiresLabel }.flatMap(\.prefixes).map(Trigger.literal)
        // A short id counts only when bound to a label word: the file holds both. It counts only as a
        // literal's whole value, so where the family's pattern is just its literals (`^o[134]$`), the
        // source holds it as a whole word; and in the case written, as `familyClass` compares a
        // token's bytes with the prefixes exactly.
        let shortIDs = families.filter(\.requiresLabel).flatMap { family in
            let wholeWord = ModelMatcher.matchesOnlyLiterals(family.pattern)
            return family.prefixes.map { TriggerText($0, wholeWord: wholeWord, exactCase: true) }
        }
        if !shortIDs.isEmpty { triggers.append(.allOf([labelWords.map { TriggerText($0) }, shortIDs])) }
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

    public func matches(in facts: Facts, of file: SourceFile) -> [Match] {
        matches(in: facts, language: file.language, path: file.path)
    }

    /// A token and whether its label lets short ids count: what `capabilityClass` depends on.
    struct ClassQuery: Hashable {
        var token: ArraySlice<UInt8>
        var labelAllowsShortIDs: Bool

        /// The token's bytes hashed as one block: `ArraySlice`'s own hashing feeds the hasher a byte
        /// at a time, and every match of a file asks.
        func hash(into hasher: inout Hasher) {
            token.withUnsafeBytes { hasher.combine(bytes: $0) }
            hasher.combine(labelAllowsShortIDs)
        }
    }

    /// A reported token's class, and what each of its matches carries, made once per distinct token
    /// (a `Match` shares the text and the variables instead of building a dictionary of its own).
    struct Classified {
        var capability: String
        var text: String
        var variables: [String: String]
        var ambiguous: Bool
    }

    /// Classifications made by earlier scans of one matcher, for its next (`RememberingModelMatcher`):
    /// an editor rescans the same file at every pause in typing.
    final class ClassMemo: @unchecked Sendable {  // `classes` is guarded by `lock`
        private let lock = Lock()
        private var classes: [ClassQuery: Classified?] = [:]
        /// Past this many, the classifications are dropped and made again as needed: memory stays
        /// bounded however many names an editor session types.
        static let limit = 4_096

        func classified(_ query: ClassQuery) -> Classified?? {
            lock.withLock { classes[query] }
        }

        /// Keeps `made` for `query`, the key holding a copy of only its token's bytes (not the literal's).
        func add(_ made: Classified?, for query: ClassQuery) {
            let key = ClassQuery(token: ArraySlice(Array(query.token)), labelAllowsShortIDs: query.labelAllowsShortIDs)
            lock.withLock {
                if classes.count >= ClassMemo.limit { classes.removeAll() }
                classes[key] = made
            }
        }
    }

    /// Whether `token`, a model ID this matcher reports, is also an ordinary word or code elsewhere.
    func isAmbiguous(_ token: ArraySlice<UInt8>) -> Bool {
        if let ambiguous, ambiguous.familyClass(of: token, labelAllowsShortIDs: true) != nil { return true }
        return deferTo?.isAmbiguous(token) ?? false
    }

    /// The evidence ambiguous IDs need: this rule's, else its first tier's.
    var evidenceInForce: ModelEvidence? { evidence ?? deferTo?.evidence }

    /// The matches in `facts`; classifications are read from and added to `memo` when there is one.
    func matches(in facts: Facts, language: Language, path: String = "", memo: ClassMemo? = nil) -> [Match] {
        var found: [Match] = []
        // Ambiguous IDs, kept only if the file shows OpenAI (an ID in `found`, or `evidenceInForce`).
        var held: [Match] = []
        // A file names few distinct models, often many times each (`"gpt-4o"` in every handler):
        // each distinct token is classified once, its family patterns run once.
        var classes: [ClassQuery: Classified?] = [:]
        func classify(_ token: ArraySlice<UInt8>, labelAllowsShortIDs: Bool) -> Classified? {
            let query = ClassQuery(token: token, labelAllowsShortIDs: labelAllowsShortIDs)
            if let known = classes[query] { return known }
            if let memo, let known = memo.classified(query) {
                classes[query] = known
                return known
            }
            let made = capabilityClass(of: token, labelAllowsShortIDs: labelAllowsShortIDs).map { capability in
                let text = String(decoding: token, as: UTF8.self)
                return Classified(capability: capability, text: text, variables: ["class": capability, "model": text],
                                  ambiguous: isAmbiguous(token))
            }
            classes[query] = made
            memo?.add(made, for: query)
            return made
        }
        // The same for whether a label lets short IDs count (`model=` on every call): asked per
        // literal, answered once per distinct label; the label just asked (most often the same one)
        // is compared before any hashing.
        var labelAnswers: [String: Bool] = [:]
        var lastLabel: (label: String, allows: Bool)?
        func allowsShortIDs(_ label: String?) -> Bool {
            guard let label else { return false }
            if let lastLabel, lastLabel.label == label { return lastLabel.allows }
            let allows: Bool
            if let known = labelAnswers[label] {
                allows = known
            } else {
                allows = labelAllowsShortIDs(label)
                labelAnswers[label] = allows
            }
            lastLabel = (label, allows)
            return allows
        }
        // Unbound short ids (`"o1"`): reported only if another argument of their call is a model ID.
        var shortCandidates: [(literal: StringLiteralFact, capability: String)] = []
        // The file's calls, read from `facts` at most once: each read takes a lock and retains the array.
        var calls: [CallFact]?
        func fileCalls() -> [CallFact] {
            if let calls { return calls }
            let read = facts.calls
            calls = read
            return read
        }
        // A literal's bytes and tokens, in buffers reused from literal to literal (a dense file has
        // thousands that pass `mayMatch`); a key of `classes` that still holds the bytes makes the
        // next literal copy them, as an array does.
        var value: [UInt8] = []
        var tokens: [Range<Int>] = []
        // Each literal read in place: a copy retains its four strings and arrays, and most literals
        // that get here have no model ID.
        let strings = facts.strings
        for index in strings.indices where !strings[index].isDocumentation && mayMatch(strings[index].value) {
            value.removeAll(keepingCapacity: true)
            value.append(contentsOf: strings[index].value.utf8)
            let labelled = allowsShortIDs(strings[index].label) || allowsShortIDs(strings[index].collectionLabel)
            ModelMatcher.tokens(in: value, into: &tokens)
            for token in tokens {
                // Short ids (o1, davinci) count only as the literal's whole value.
                let wholeValue = token.count == value.count
                guard let classified = classify(value[token], labelAllowsShortIDs: labelled && wholeValue)
                else {
                    // The calls last: a file's calls are read only when something needs them.
                    if wholeValue, !labelled, let classified = classify(value[token], labelAllowsShortIDs: true),
                       !fileCalls().isEmpty {
                        shortCandidates.append((strings[index], classified.capability))
                    }
                    continue
                }
                let match = Match(span: reportedSpan(of: token, in: strings[index]), text: classified.text,
                                  variables: classified.variables)
                if classified.ambiguous { held.append(match) } else { found.append(match) }
            }
        }
        if !shortCandidates.isEmpty, !found.isEmpty || !held.isEmpty {
            let reported = ReportedSpans((found + held).map(\.span))
            let calls = fileCalls()
            let innermost = ModelMatcher.innermostCalls(of: shortCandidates.map(\.literal.span), in: calls)
            for (number, candidate) in shortCandidates.enumerated() {
                let span = candidate.literal.span
                // The innermost call with the literal as one of its arguments.
                guard let callIndex = innermost[number] else { continue }
                let siblingIsModel = calls[callIndex].argumentSpans.contains { argument in
                    !(argument.start == span.start && argument.end == span.end) && reported.anyWithin(argument)
                }
                guard siblingIsModel else { continue }
                let text = candidate.literal.value
                let match = Match(span: reportedSpan(of: 0..<text.utf8.count, in: candidate.literal), text: text,
                                  variables: ["class": candidate.capability, "model": text])
                if isAmbiguous(Array(text.utf8)[...]) { held.append(match) } else { found.append(match) }
            }
        }
        if let gate = symbolGate, hasSymbols, !facts.symbols.isEmpty,
           gate.importsAny(in: facts, language: language, path: path) {
            for symbol in facts.symbols where !symbol.isCalled {
                guard let model = constantModel(symbol) else { continue }
                let capability = capabilityClass(of: model, labelAllowsShortIDs: true) ?? "unknown"
                found.append(Match(span: symbol.span, text: symbol.name,
                                   variables: ["class": capability, "model": model], isSymbol: true))
            }
        }
        if reportsUnknownConstants, let exact = deferTo, let gate = exact.symbolGate, let shape = exact.symbolShape,
           gate.importsAny(in: facts, language: language, path: path) {
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
        // Any other ID found is evidence enough; the file's other facts are read only when there is none.
        if !held.isEmpty, !found.isEmpty || showsOpenAI(facts, language: language, path: path) {
            found += held
        }
        return found
    }

    /// For each of `spans`, the index of the innermost call (the fewest bytes between its parentheses,
    /// the first in `calls` among equals) that has an argument with exactly that span: what filtering
    /// `calls` for each span finds, in one pass over the arguments, each looked up among the spans
    /// sorted by start.
    static func innermostCalls(of spans: [Span], in calls: [CallFact]) -> [Int?] {
        let order = spans.indices.sorted { spans[$0].start < spans[$1].start }
        let starts = order.map { spans[$0].start }
        var innermost = [Int?](repeating: nil, count: spans.count)
        for index in calls.indices {
            let size = calls[index].closeParen - calls[index].openParen
            for argument in calls[index].argumentSpans {
                var low = 0
                var high = starts.count
                while low < high {
                    let middle = (low + high) / 2
                    if starts[middle] < argument.start { low = middle + 1 } else { high = middle }
                }
                while low < starts.count, starts[low] == argument.start {
                    let span = order[low]
                    low += 1
                    guard spans[span].end == argument.end else { continue }
                    if let known = innermost[span], calls[known].closeParen - calls[known].openParen <= size { continue }
                    innermost[span] = index
                }
            }
        }
        return innermost
    }

    /// Reported spans sorted by start, asked whether one lies within a range: what testing each of
    /// them would answer, found by a binary search.
    struct ReportedSpans {
        private let spans: [Span]

        init(_ spans: [Span]) {
            self.spans = spans.sorted { $0.start < $1.start }
        }

        /// Whether some span starts at or after `range.start` and ends at or before `range.end`.
        func anyWithin(_ range: Span) -> Bool {
            var low = 0
            var high = spans.count
            while low < high {
                let middle = (low + high) / 2
                if spans[middle].start < range.start { low = middle + 1 } else { high = middle }
            }
            // A span starting after `range.end` ends after it too (a span never ends before it starts).
            while low < spans.count, spans[low].start <= range.end {
                if spans[low].end <= range.end { return true }
                low += 1
            }
            return false
        }
    }

    /// Whether a file in which this matcher found only ambiguous IDs shows OpenAI: by `evidenceInForce`, or by
    /// an ID the first tier reports that is not ambiguous. Without an `evidence` section nothing is held back.
    func showsOpenAI(_ facts: Facts, language: Language, path: String) -> Bool {
        guard let evidence = evidenceInForce else { return true }
        if evidence.isShown(in: facts, language: language, path: path) { return true }
        return deferTo?.findsUnambiguousID(in: facts) ?? false
    }

    /// Whether a string holds an ID this matcher reports that is not ambiguous; stops at the first.
    func findsUnambiguousID(in facts: Facts) -> Bool {
        facts.strings.contains { literal in
            guard !literal.isDocumentation, mayMatch(literal.value) else { return false }
            let value = Array(literal.value.utf8)
            let labelled = labelAllowsShortIDs(literal.label) || labelAllowsShortIDs(literal.collectionLabel)
            return ModelMatcher.tokens(in: value).contains { token in
                capabilityClass(of: value[token], labelAllowsShortIDs: labelled && token.count == value.count) != nil
                    && !isAmbiguous(value[token])
            }
        }
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
                out.append(c | ASCII.caseBit)
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
            var i = 0
            while i < n {
                let b = bytes[i]
                guard ASCII.isModelCharacter(b) else { i += 1; continue }
                // A token's first byte: the prefixes starting with it are tried, the token's other
                // bytes skipped.
                if prefixStarts.contains(b) {
                    for (prefix, _) in prefixIndex[Int(b)] where prefix.count <= n - i {
                        var k = 1
                        while k < prefix.count, bytes[i + k] == prefix[k] { k += 1 }
                        if k == prefix.count { return true }
                    }
                }
                i += 1
                while i < n, ASCII.isModelCharacter(bytes[i]) { i += 1 }
            }
            return false
        }
    }

    /// Candidate model IDs: runs of `[A-Za-z0-9._-]` (plus the colons of an `ft:` id), without
    /// trailing dots or dashes, so `openai/gpt-4o` and `use gpt-4o.` both yield `gpt-4o`.
    static func tokens(in value: [UInt8]) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        self.tokens(in: value, into: &tokens)
        return tokens
    }

    /// `tokens(in:)` written over `tokens`, whose storage is kept.
    static func tokens(in value: [UInt8], into tokens: inout [Range<Int>]) {
        tokens.removeAll(keepingCapacity: true)
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
        literalPrefixScan(of: pattern).prefixes
    }

    /// Whether every match of an anchored pattern is one of its literal prefixes: the pattern is
    /// literal text (with a character class or a group of plain words) between `^` and a final `$`.
    static func matchesOnlyLiterals(_ pattern: String) -> Bool {
        let scan = literalPrefixScan(of: pattern)
        return !scan.prefixes.isEmpty && scan.endsAtFinalAnchor
    }

    /// `literalPrefixes`, and whether the scan of the pattern stopped only at its final `$`.
    private static func literalPrefixScan(of pattern: String) -> (prefixes: [String], endsAtFinalAnchor: Bool) {
        var chars = Array(pattern.unicodeScalars)
        guard chars.first == "^" else { return ([], false) }
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
        guard prefixes.allSatisfy({ !$0.isEmpty }) else { return ([], false) }
        return (prefixes, i == chars.count - 1 && chars[i] == "$")
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

// MARK: - Reading `match:`

extension ModelMatcher {
    static let kind = "model"

    static func parse(_ match: YAMLMap, _ context: MatcherContext) throws -> ModelMatcher {
        try match.checkKeys(["kind", "label-words", "families", "symbols", "defer-to-rule", "not-models",
                             "ambiguous", "evidence"], in: "a model matcher")
        func family(_ node: YAMLNode, keys: [String], what: String) throws -> ModelMatcher.Family {
            let family = try YAMLMap(node, file: match.file, what: what)
            try family.checkKeys(keys, in: what)
            let pattern = try family.string("pattern")
            let prefixes = ModelMatcher.literalPrefixes(of: pattern)
            guard !prefixes.isEmpty, prefixes.allSatisfy({ $0.utf8.count >= 2 }) else {
                throw family.problem(at: try family.required("pattern"),
                                     "pattern must start with `^` and at least two characters of literal text "
                                     + "(it selects which strings are checked and which files are read)")
            }
            return ModelMatcher.Family(
                pattern: pattern,
                regex: try RuleLoader.regex(pattern, in: family, key: "pattern", validating: context.validatingPatterns),
                prefixes: prefixes,
                capabilityClass: keys.contains("class") ? try family.string("class") : "",
                requiresLabel: try family.bool("requires-label", default: false))
        }
        let families = try match.list("families").map {
            try family($0, keys: ["pattern", "class", "requires-label"], what: "a model family")
        }
        let notModels = try (match.value("not-models") == nil ? [] : match.list("not-models")).map {
            try family($0, keys: ["pattern", "why"], what: "a look-alike")
        }
        let ambiguous = try match.list("ambiguous").map {
            try family($0, keys: ["pattern", "why"], what: "an ambiguous ID")
        }
        var deferTo: ModelMatcher?
        if let node = match.value("defer-to-rule") {
            let id = try match.scalarString(node, key: "defer-to-rule")
            guard let first = context.builtRules.first(where: { $0.id == id })?.matcher as? ModelMatcher,
                  first.deferTo == nil else {
                throw match.problem(at: node, "`\(id)` is not a model rule that defers to no other")
            }
            deferTo = first
        }
        var matcher = ModelMatcher(families: families, labelWords: try match.stringList("label-words"),
                                   notModels: notModels.isEmpty ? nil : ModelMatcher(families: notModels),
                                   deferTo: deferTo)
        if let symbolMap = try match.map("symbols") {
            try symbols(symbolMap, into: &matcher, context)
        }
        if !ambiguous.isEmpty { matcher.ambiguous = ModelMatcher(families: ambiguous) }
        if let section = try match.map("evidence") {
            matcher.evidence = try ModelEvidence.parse(section, context)
        }
        if !ambiguous.isEmpty, matcher.evidenceInForce == nil {
            throw match.problem(at: try match.required("ambiguous"),
                                "`ambiguous` needs `evidence` (here or in the rule named by `defer-to-rule`)")
        }
        return matcher
    }

    /// `symbols:` of a model rule: the SDK constants it reports (`requires-import-of-rule`, `shape`, `names`,
    /// `sdks`), or, for a second tier, `unknown-constants` shaped like those of the rule it defers to.
    static func symbols(_ symbolMap: YAMLMap, into matcher: inout ModelMatcher, _ context: MatcherContext) throws {
        try symbolMap.checkKeys(["requires-import-of-rule", "shape", "names", "sdks", "unknown-constants"], in: "`symbols`")
        if try symbolMap.bool("unknown-constants", default: false) {
            guard matcher.deferTo?.symbolShape != nil, matcher.deferTo?.symbolGate != nil else {
                throw symbolMap.problem(at: try symbolMap.required("unknown-constants"),
                                        "`unknown-constants` needs `defer-to-rule` to name a rule whose `symbols` have a "
                                        + "`shape` and `requires-import-of-rule`")
            }
            matcher.reportsUnknownConstants = true
        }
        if symbolMap.value("requires-import-of-rule") != nil {
            let gateRule = try symbolMap.string("requires-import-of-rule")
            guard let gate = context.importMatchers[gateRule] else {
                throw symbolMap.problem(at: try symbolMap.required("requires-import-of-rule"),
                                        "`\(gateRule)` is not an import rule")
            }
            matcher.symbolGate = gate
        }
        if symbolMap.value("shape") != nil {
            matcher.symbolShape = try RuleLoader.regex(try symbolMap.string("shape"), in: symbolMap, key: "shape",
                                                       validating: context.validatingPatterns)
        }
        var names: [String: String] = [:]
        for entry in try symbolMap.map("names")?.entries ?? [] {
            names[entry.key] = try symbolMap.scalarString(entry.value, key: entry.key)
        }
        for node in symbolMap.value("sdks") == nil ? [] : try symbolMap.list("sdks") {
            let sdk = try YAMLMap(node, file: symbolMap.file, what: "an SDK entry")
            try sdk.checkKeys(["sdk", "version", "commit", "sources", "types"], in: "an SDK entry")
            let name = try sdk.string("sdk")
            for typeNode in try sdk.list("types") {
                let type = try YAMLMap(typeNode, file: symbolMap.file, what: "an SDK model type")
                try type.checkKeys(["type", "aliases", "payload-of", "constants"], in: "an SDK model type")
                var constants: [String: String] = [:]
                for entry in try type.map("constants")?.entries ?? [] {
                    constants[entry.key] = try type.scalarString(entry.value, key: entry.key)
                }
                matcher.sdkTypes.append(SDKModelType(sdk: name, path: try type.string("type"),
                                                     aliases: type.value("aliases") == nil ? [] : try type.stringList("aliases"),
                                                     payloadOf: type.value("payload-of") == nil
                                                         ? [] : try type.stringList("payload-of"),
                                                     constants: constants))
            }
        }
        guard !names.isEmpty || !matcher.sdkTypes.isEmpty else { return }
        guard matcher.symbolGate != nil else {
            let node = try symbolMap.value("names") ?? symbolMap.required("sdks")
            throw symbolMap.problem(at: node, "SDK constants need `requires-import-of-rule`")
        }
        let (types, shape, handWritten) = (matcher.sdkTypes, matcher.symbolShape, names)
        let classifier = ModelMatcher(families: matcher.families, labelWords: matcher.labelWords)
        matcher.setSymbols {
            ModelMatcher.unambiguousConstants(names: handWritten, sdkTypes: types, shape: shape, classifier: classifier)
        }
    }
}

/// A model matcher that keeps its classifications from scan to scan, for a process that scans again
/// and again (the language server). Only such a process makes one: a one-shot scan would pay for
/// filling a memo it never reads. The matcher it wraps is fixed, so what it remembers stays true.
public struct RememberingModelMatcher: RuleMatcher {
    public let matcher: ModelMatcher
    private let memo = ModelMatcher.ClassMemo()

    public init(_ matcher: ModelMatcher) {
        self.matcher = matcher
    }

    public var triggers: [Trigger] { matcher.triggers }

    public func matches(in facts: Facts, of file: SourceFile) -> [Match] {
        matcher.matches(in: facts, language: file.language, path: file.path, memo: memo)
    }
}

extension RuleSet {
    /// The same rules, each model matcher remembering its classifications from scan to scan
    /// (`RememberingModelMatcher`).
    public func rememberingModelClassifications() -> RuleSet {
        RuleSet(rules: rules.map { rule in
            guard let matcher = rule.matcher as? ModelMatcher else { return rule }
            var remembering = rule
            remembering.matcher = RememberingModelMatcher(matcher)
            return remembering
        })
    }
}
