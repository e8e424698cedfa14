// Turns a match into ordered domestic replacements: the one place each replacement is decided.

#if canImport(Glibc)
import Glibc
#endif

/// Gives every finding its suggestions for one target provider, from the catalog.
public struct MigrationAdvisor: Sendable {
    public let catalog: Catalog
    public let target: Provider
    /// The language of suggestion titles and notes.
    public let language: MessageLanguage

    /// The base-URL host of each of `catalog.providers`, worked out once: `migratedProvider` checks
    /// every string of a file (kept apart from the providers, which are large to copy).
    private let providerHosts: [String]
    /// `providerHosts` to look for in a file's strings.
    private let hostSearch: HostSearch

    public init(catalog: Catalog, target: Provider, language: MessageLanguage = .english) {
        // Advice uses the catalog as it stands today: a model past its `retires` date is never suggested.
        let current = catalog.current(on: CatalogDate.today())
        self.catalog = current
        self.target = current.provider(id: target.id) ?? target
        self.language = language
        self.providerHosts = current.providers.map(\.host)
        self.hostSearch = HostSearch(providerHosts)
    }

    /// The advisor for `targetID` (or the catalog's default target).
    public init(catalog: Catalog, targetID: String?, language: MessageLanguage = .english) throws {
        let id = targetID ?? catalog.defaultTarget
        guard let provider = catalog.provider(id: id) else {
            throw UnknownNameError(kind: "provider", name: id, known: catalog.providers.map(\.id))
        }
        self.init(catalog: catalog, target: provider, language: language)
    }

    /// A message of the table in this advisor's language; `{provider}` defaults to the target's name.
    private func say(_ message: CoreMessage, _ values: [String: String] = [:]) -> String {
        // Looked up as the placeholders come: copying `values` to add the defaults cost more than the
        // fill. The closure holds the two values it needs: holding `self` copied the whole advisor.
        let language = self.language
        let provider = target.name(in: language)
        return LocalizedText.fill(message.text.text(in: language)) { name in
            if let value = values[name] { return name == "class" ? CapabilityClass.name(value, in: language) : value }
            return name == "provider" ? provider : nil
        }
    }

    /// Suggestions for one match, best first.
    public func suggestions(for migration: MigrationKind, match: Match, in file: SourceFile,
                            facts: Facts = Facts()) -> [Suggestion] {
        switch migration {
        case .model: return modelSuggestions(match, in: file)
        case .apiURL: return urlSuggestions(match, in: file)
        case .azureEndpoint: return [azureSuggestion(match)]
        case .environmentVariable: return environmentSuggestions(match, in: file)
        case .neutralName: return [neutralNameSuggestion(match)]
        case .sdkImport:
            var suggestions = sdkSuggestions(match, language: file.language)
            if let rewrite = clientRewrite(for: match, in: file, facts: facts) {
                suggestions.insert(rewrite, at: 0)
            }
            return suggestions
        case .secret: return [secretSuggestion(language: file.language)]
        }
    }

    /// Everything `suggestions(for:match:in:facts:)` reads of a match and its file but where the
    /// match is: matches with equal keys get the same suggestions, their edits `moved` onto each
    /// match. Nil for an SDK import, whose suggestions read the file's imports and calls too.
    public struct SuggestionKey: Hashable, Sendable {
        /// Nil for a rule without suggestions.
        var migration: MigrationKind?
        var text: String
        var variables: [String: String]
        var isSymbol: Bool
        /// The file's language (a key's suggestion names how to read a variable in it).
        var language: Language
        /// The span holds exactly the text (`isVerbatim`): a replacement can be an edit of it.
        var verbatim: Bool
        /// The match stands as an implicit member (`implicitMemberDot`): an SDK constant can become a string.
        var implicitMember: Bool

        public init?(migration: MigrationKind?, match: Match, in file: SourceFile) {
            guard migration != .sdkImport else { return nil }
            self.migration = migration
            text = match.text
            variables = match.variables
            isSymbol = match.isSymbol
            language = file.language
            verbatim = MigrationAdvisor.isVerbatim(match, in: file)
            implicitMember = MigrationAdvisor.implicitMemberDot(match, in: file) != nil
        }

        /// Hashes all but the variables, of which only the class: hashing every variable cost more
        /// than the rest of a finding's lookup, and keys that differ only there are few (equality
        /// still compares them all). The migration and the language go in as their case numbers:
        /// an enum with raw values hashes its raw string, as costly as hashing the text.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(migration.map(SuggestionKey.caseNumber) ?? UInt8.max)
            hasher.combine(text)
            hasher.combine(variables["class"])
            hasher.combine(isSymbol)
            hasher.combine(SuggestionKey.caseNumber(language))
            hasher.combine(verbatim)
            hasher.combine(implicitMember)
        }

        /// Which case a payload-free enum value is: the byte that stores it.
        static func caseNumber<Value>(_ value: Value) -> UInt8 {
            withUnsafeBytes(of: value) { $0.first ?? 0 }
        }
    }

    /// Suggestions made for a match at `old`, for another match with the same `SuggestionKey` at
    /// `new`. Every edit those suggestions make replaces the match, or the match and the `.` just
    /// before it (an implicit member): its start lies as far from the match's start, and its end
    /// from the match's end, wherever the match is.
    public static func moved(_ suggestions: [Suggestion], from old: Span, to new: Span) -> [Suggestion] {
        guard old != new else { return suggestions }
        // Made anew at their size, each suggestion read in place: changed through the subscripts, the
        // array and each list of edits were copied on their first write, and a `for` loop copied
        // every suggestion it passed.
        return suggestions.withUnsafeBufferPointer { source -> [Suggestion] in
            guard let first = source.baseAddress,
                  source.indices.contains(where: { !(first + $0).pointee.edits.isEmpty }) else { return suggestions }
            return source.indices.map { index in
                var placed = (first + index).pointee
                guard !placed.edits.isEmpty else { return placed }
                placed.edits = placed.edits.map { edit in
                    TextEdit(span: Span(start: edit.span.start - old.start + new.start, end: edit.span.end - old.end + new.end),
                             replacement: edit.replacement)
                }
                return placed
            }
        }
    }

    /// A domestic provider that an OpenAI client in this file already points at (its base URL or
    /// host is written in a string), so the SDK import is a migrated client, not lock-in.
    public func migratedProvider(in facts: Facts) -> (provider: Provider, host: String)? {
        for index in facts.strings.indices where facts.strings[index].value.utf8.count >= 8 {
            if let host = hostSearch.firstHost(in: facts.strings[index].value) {
                return (catalog.providers[host], providerHosts[host])
            }
        }
        return nil
    }

    /// Which of some hosts a string contains, ASCII letters in any case: the first in their order, as
    /// `ASCII.contains` asked of each in turn finds it, in one pass over the string. (Asking each
    /// host in turn went over every string of a file once per provider.)
    struct HostSearch: Sendable {
        /// The hosts in lower case.
        private let hosts: [[UInt8]]
        /// For each byte in lower case, the hosts (by index, in order) that start with it.
        private let byFirstByte: [[Int]]
        /// The bytes, in either case, that start some host.
        private let firstBytes: ByteSet

        init(_ hosts: [String]) {
            self.hosts = hosts.map { $0.utf8.map(ASCII.lower) }
            var byFirstByte = [[Int]](repeating: [], count: 256)
            var firstBytes = ByteSet()
            for (index, host) in self.hosts.enumerated() {
                guard let first = host.first else { continue }  // an empty host is never contained
                byFirstByte[Int(first)].append(index)
                // The bytes `ASCII.lower` takes to `first`: itself, and its capital when it is a letter.
                firstBytes.insert(first)
                if ASCII.isLetter(first) { firstBytes.insert(first & ~ASCII.caseBit) }
            }
            self.byFirstByte = byFirstByte
            self.firstBytes = firstBytes
        }

        /// The index of the first host `text` contains, or nil.
        func firstHost(in text: String) -> Int? {
            var text = text
            return text.withUTF8 { bytes -> Int? in
                var best: Int?
                for start in bytes.indices where firstBytes.contains(bytes[start]) {
                    for index in byFirstByte[Int(ASCII.lower(bytes[start]))] {
                        if let best, best <= index { break }
                        let host = hosts[index]
                        guard bytes.count - start >= host.count else { continue }
                        var k = 1
                        while k < host.count, ASCII.lower(bytes[start + k]) == host[k] { k += 1 }
                        if k == host.count { best = index }
                    }
                    if best == 0 { break }
                }
                return best
            }
        }
    }

    /// What one provider offers in place of a finding's model, URL, variable, SDK or key.
    public struct Replacement: Sendable {
        public var provider: Provider
        /// The model ID, base URL or variable name to use.
        public var text: String
        /// A caveat, e.g. that the model is served only through the provider's native API.
        public var note: String?
    }

    /// Every provider's replacement for a finding, the target first, then in catalog order;
    /// empty where no provider has one (moderation, fine-tunes, an Azure-only setting). The same
    /// decisions as `suggestions(for:…)`, laid out across the catalog (for the editor's hover).
    public func replacementsAcrossProviders(for finding: Finding, migration: MigrationKind,
                                            language: Language) -> [Replacement] {
        let providers = [target] + catalog.providers.filter { $0.id != target.id }
        switch migration {
        case .model:
            guard let capability = finding.details["class"], case .providers? = catalog.mapping[capability] else { return [] }
            return providers.compactMap { provider in
                guard let choice = modelChoice(for: provider, capability: capability, variables: finding.details,
                                               text: finding.matchedText) else { return nil }
                return Replacement(provider: provider, text: choice.model,
                                   note: catalog.serves(provider, choice.capability) ? nil : say(.nativeAPIOnly))
            }
        case .apiURL, .azureEndpoint:
            return providers.map { Replacement(provider: $0, text: $0.baseURL) }
        case .environmentVariable:
            switch catalog.environment[finding.matchedText] {
            case "key": return providers.map { Replacement(provider: $0, text: $0.keyEnvironmentVariable) }
            case "base-url":
                return providers.map { provider in
                    provider.baseURLEnvironmentVariable.map { Replacement(provider: provider, text: $0) }
                        ?? Replacement(provider: provider, text: provider.baseURL, note: say(.noBaseURLVariable))
                }
            default: return []
            }
        case .neutralName:
            return []
        case .sdkImport:
            return providers.map { provider in
                Replacement(provider: provider, text: provider.baseURL,
                            note: provider.sdks[language.rawValue].map { say(.nativeSDK, ["package": $0.package]) })
            }
        case .secret:
            return providers.map { Replacement(provider: $0, text: $0.keyEnvironmentVariable, note: say(.keyVariable)) }
        }
    }

    // MARK: Models

    /// A provider's model for a finding: the first of the class whose context window holds the OpenAI
    /// model's (a small model is never offered for a large-context one), or, for the small and
    /// completion classes, the provider's flagship when none of the class does.
    public struct ModelChoice: Sendable, Equatable {
        public var model: String
        /// The class the model was taken from (the finding's, or `chat-flagship` for a larger window).
        public var capability: String
    }

    /// Where `provider` has models of `capability` but none holds `context` tokens: `.tooSmall`.
    enum Fit: Equatable {
        case model(ModelChoice)
        case none
        case tooSmall(largest: Int)
    }

    /// Classes whose replacement may come from the flagship when its own models are too small.
    static let largerClass: [String: String] = ["chat-small": "chat-flagship", "legacy-completion": "chat-flagship"]

    func fit(_ provider: Provider, _ capability: String, context: Int?) -> Fit {
        guard let models = provider.models[capability], !models.isEmpty else { return .none }
        // A model whose window is unknown is not ruled out. Windows are compared within 5%: providers
        // publish "1M" as 1,000,000 where OpenAI counts 1,047,576 for the same size.
        func holds(_ model: String) -> Bool {
            guard let context, let own = provider.facts(of: model).context else { return true }
            return own * 100 >= context * 95
        }
        if let model = models.first(where: holds) { return .model(ModelChoice(model: model, capability: capability)) }
        if let larger = MigrationAdvisor.largerClass[capability], catalog.serves(provider, larger) == catalog.serves(provider, capability),
           let model = provider.models[larger]?.first(where: holds) {
            return .model(ModelChoice(model: model, capability: larger))
        }
        return .tooSmall(largest: models.compactMap { provider.facts(of: $0).context }.max() ?? 0)
    }

    /// The context window a replacement must hold: the OpenAI model's, where the catalog knows it.
    func neededContext(_ variables: [String: String], text: String) -> Int? {
        catalog.openAIContext(of: variables["model"] ?? text)
    }

    /// `provider`'s replacement for a model finding, nil where it has none that fits.
    public func modelChoice(for provider: Provider, capability: String, variables: [String: String],
                            text: String) -> ModelChoice? {
        if case .model(let choice) = fit(provider, capability, context: neededContext(variables, text: text)) { return choice }
        return nil
    }

    private func modelSuggestions(_ match: Match, in file: SourceFile) -> [Suggestion] {
        guard let capability = match.variables["class"] else { return [] }
        if case .manual(let note)? = catalog.mapping[capability] {
            return [Suggestion(title: say(.manualMigration, ["note": note.text(in: language)]))]
        }
        let context = neededContext(match.variables, text: match.text)
        let alternatives = catalog.alternatives(forClass: capability, excluding: target.id).compactMap { provider -> (Provider, ModelChoice)? in
            guard case .model(let choice) = fit(provider, capability, context: context) else { return nil }
            return (provider, choice)
        }
        // Why the class is what it is, when the call chose it (`vision`: the call sends images).
        let because = match.variables["class-from"] == "image-input" ? say(.callSendsImages) : ""
        var suggestions: [Suggestion] = []
        switch fit(target, capability, context: context) {
        case .model(let choice) where catalog.serves(target, choice.capability):
            var suggestion = modelSuggestion(choice.model, provider: target, capability: choice.capability, match: match, in: file)
            suggestion.title += because + uncheckedCallNote(match, provider: target, model: choice.model)
            suggestions.append(suggestion)
        case .model(let choice):
            suggestions.append(Suggestion(
                title: say(.modelThroughNativeAPI, ["model": choice.model,
                                                    "endpoint": catalog.classEndpoints[choice.capability] ?? choice.capability]),
                provider: target.id, replacement: choice.model))
        case .none:
            suggestions.append(Suggestion(
                title: say(.noModelForClass, ["class": capability]) + because
                    + (alternatives.first.map { say(.otherProviderOffers, ["provider": $0.0.name(in: language), "model": $0.1.model]) } ?? "")))
        case .tooSmall(let largest):
            suggestions.append(Suggestion(
                title: say(.contextTooSmall, ["class": capability, "largest": String(largest), "model": match.variables["model"] ?? match.text,
                                              "context": String(context ?? 0)])
                    + (alternatives.first.map { say(.otherProviderOffers, ["provider": $0.0.name(in: language), "model": $0.1.model]) } ?? "")))
        }
        // Alternatives: providers that serve the class compatibly first, then natively.
        for (provider, choice) in (alternatives.filter { catalog.serves($0.0, $0.1.capability) }
                                   + alternatives.filter { !catalog.serves($0.0, $0.1.capability) }).prefix(2) {
            let serves = catalog.serves(provider, choice.capability)
            var alternative = modelSuggestion(choice.model, provider: provider, capability: choice.capability, match: match, in: file)
            alternative.title = say(.alternativePrefix) + alternative.title + (serves ? "" : say(.throughItsNativeAPI))
            if !serves { alternative = Suggestion(title: alternative.title, provider: provider.id, replacement: choice.model) }
            suggestions.append(alternative)
        }
        return suggestions
    }

    /// Where the call's messages are built elsewhere, what to check: if they carry images, the
    /// provider's vision model (nothing when the suggested model is itself one).
    private func uncheckedCallNote(_ match: Match, provider: Provider, model: String) -> String {
        guard match.variables["call-unread"] != nil, match.variables["class"] != "vision" else { return "" }
        let vision = provider.models["vision"] ?? []
        if vision.contains(model) { return "" }
        if let other = vision.first { return say(.checkMessagesForImages, ["vision": other]) }
        guard let other = catalog.alternatives(forClass: "vision", excluding: provider.id).first else { return "" }
        return say(.checkMessagesNoVision, ["other": other.name(in: language), "model": other.models["vision"]![0]])
    }

    private func modelSuggestion(_ model: String, provider: Provider, capability: String, match: Match,
                                 in file: SourceFile) -> Suggestion {
        let title = say(.useModel, ["model": model, "provider": provider.name(in: language), "class": capability])
        // `.o1` is spelled like the model ID it stands for, but is an identifier: never replaced by bare text.
        let isSDKConstant = match.isSymbol || (match.variables["model"].map { $0 != match.text } ?? false)
        if !isSDKConstant && MigrationAdvisor.isVerbatim(match, in: file) {
            return Suggestion(title: title, edits: [TextEdit(span: match.span, replacement: model)],
                              applicability: .safe, provider: provider.id, replacement: model)
        }
        // An SDK constant (`.gpt4_o`) becomes the provider's model ID as a string where the constant
        // stands alone as an implicit member; the type must accept a string, so review it.
        if isSDKConstant, let edit = implicitMemberEdit(match, model: model, in: file) {
            return Suggestion(title: title, edits: [edit], applicability: .unsafe, provider: provider.id,
                              replacement: model)
        }
        return Suggestion(title: title, provider: provider.id, replacement: model)
    }

    private func implicitMemberEdit(_ match: Match, model: String, in file: SourceFile) -> TextEdit? {
        guard let dot = MigrationAdvisor.implicitMemberDot(match, in: file) else { return nil }
        return TextEdit(span: Span(start: dot, end: match.span.end), replacement: "\"\(model)\"")
    }

    /// The offset of the `.` before a match that stands alone as an implicit member (`.gpt4_o`, not
    /// `Model.gpt4_o`), nil otherwise.
    static func implicitMemberDot(_ match: Match, in file: SourceFile) -> Int? {
        let dot = match.span.start - 1
        guard dot >= 0, file.bytes[dot] == UInt8(ascii: ".") else { return nil }
        if dot > 0 {
            let before = file.bytes[dot - 1]
            if isIdentifierContinue(before) || before == UInt8(ascii: ")") || before == UInt8(ascii: "]")
                || before == UInt8(ascii: "?") || before == UInt8(ascii: "!") { return nil }
        }
        // The payload of an implicit enum case (`.chat(.chatgpt)`) is typed by the case: a string does not fit.
        var k = dot - 1
        while k >= 0, file.bytes[k] == UInt8(ascii: " ") { k -= 1 }
        if k > 0, file.bytes[k] == UInt8(ascii: "(") {
            var start = k
            while start > 0, isIdentifierContinue(file.bytes[start - 1]) { start -= 1 }
            if start < k, start > 0, file.bytes[start - 1] == UInt8(ascii: ".") { return nil }
        }
        return dot
    }

    // MARK: URLs

    private func urlSuggestions(_ match: Match, in file: SourceFile) -> [Suggestion] {
        let url = ParsedURL(match.text)
        if url.scheme == "wss" || url.scheme == "ws" {
            return [Suggestion(title: say(.manualMigration, ["note": manualNote(forFamily: "realtime")]))]
        }
        let family = url.path.isEmpty ? nil : catalog.endpointFamily(ofPath: url.path)
        if let family, !target.compatibleEndpoints.contains(family) {
            var title = say(.noCompatibleEndpoint, ["family": family])
            if let other = catalog.providers.first(where: { $0.compatibleEndpoints.contains(family) }) {
                title += say(.otherProviderServesEndpoint, ["provider": other.name(in: language), "url": other.baseURL])
            } else {
                title += say(.noteSuffix, ["note": manualNote(forFamily: family)])
            }
            return [Suggestion(title: title)]
        }
        var suggestions = [urlSuggestion(url, provider: target, match: match, in: file)]
        for provider in catalog.providers where provider.id != target.id && provider.isSeed
            && (family.map(provider.compatibleEndpoints.contains) ?? true) {
            var alternative = urlSuggestion(url, provider: provider, match: match, in: file)
            alternative.title = say(.alternativePrefix) + alternative.title
            suggestions.append(alternative)
            if suggestions.count == 3 { break }
        }
        return suggestions
    }

    private func urlSuggestion(_ url: ParsedURL, provider: Provider, match: Match, in file: SourceFile) -> Suggestion {
        let replacement: String
        if url.scheme.isEmpty {
            replacement = provider.host  // a bare host stays a bare host
        } else {
            var path = url.path
            if path == "/v1" || path.hasPrefix("/v1/") { path = String(path.dropFirst(3)) }
            // Keep a trailing slash: code may append relative paths to it.
            replacement = provider.baseURL + path + (url.hasTrailingSlash ? "/" : "") + url.suffix
        }
        let title = say(.useReplacement, ["replacement": replacement, "provider": provider.name(in: language)])
        guard MigrationAdvisor.isVerbatim(match, in: file) else {
            return Suggestion(title: title, provider: provider.id, replacement: replacement)
        }
        return Suggestion(title: title, edits: [TextEdit(span: match.span, replacement: replacement)],
                          applicability: .safe, provider: provider.id, replacement: replacement)
    }

    private func azureSuggestion(_ match: Match) -> Suggestion {
        Suggestion(title: say(.replaceAzureDeployment, ["url": target.baseURL]), provider: target.id)
    }

    private func manualNote(forFamily family: String) -> String {
        if let capability = catalog.classEndpoints.first(where: { $0.value == family })?.key,
           case .manual(let note)? = catalog.mapping[capability] {
            return note.text(in: language)
        }
        return say(.noCompatibleAPI, ["family": family])
    }

    // MARK: Environment variables

    private func environmentSuggestions(_ match: Match, in file: SourceFile) -> [Suggestion] {
        let name = match.text
        let replacement: String?
        switch catalog.environment[name] {
        case "key": replacement = target.keyEnvironmentVariable
        case "base-url": replacement = target.baseURLEnvironmentVariable
        case "model":
            return [Suggestion(title: say(.environmentModelSetting, ["model": target.models["chat-flagship"]?.first ?? ""]))]
        default:
            return [Suggestion(title: say(.environmentNoEquivalent, ["name": name]))]
        }
        guard let replacement else {
            return [Suggestion(title: say(.environmentSetBaseURL, ["url": target.baseURL]))]
        }
        // `${{ secrets.OPENAI_API_KEY }}`, a Kubernetes `secretKeyRef`: the secret must be created first.
        if match.variables["reference"] == "secret" {
            return [Suggestion(title: say(.environmentSecretReference, ["name": name, "replacement": replacement]),
                               provider: target.id, replacement: replacement)]
        }
        let title = say(.useReplacement, ["replacement": replacement])
        // A settings field is read under its own name: renaming it in place would break its users.
        guard MigrationAdvisor.isVerbatim(match, in: file), match.variables["declaration"] == nil else {
            return [Suggestion(title: title, provider: target.id, replacement: replacement)]
        }
        return [Suggestion(title: title, edits: [TextEdit(span: match.span, replacement: replacement)],
                           applicability: .safe, provider: target.id, replacement: replacement)]
    }

    /// `OPENAI_CACHE_DIR` -> `LLM_CACHE_DIR`: the setting stays, only its name stops naming OpenAI.
    private func neutralNameSuggestion(_ match: Match) -> Suggestion {
        let neutral = "LLM_" + MigrationAdvisor.droppingOpenAIPrefix(match.text)
        return Suggestion(title: say(.neutralSettingName, ["name": neutral]), replacement: neutral)
    }

    /// `name` without a leading `AZURE_OPENAI_` or `OPENAI_`, as `hasPrefix` and `dropFirst` on
    /// characters take it off. Compared as bytes where the byte after the prefix is ASCII (then the
    /// prefix ends on a character boundary): the generic character-wise prefix test cost ~4 k
    /// instructions a name.
    static func droppingOpenAIPrefix(_ name: String) -> Substring {
        for prefix in ["AZURE_OPENAI_", "OPENAI_"] {
            let count = prefix.utf8.count
            let fast = name.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
                guard bytes.count > count, bytes[count] < 0x80 else { return nil }  // the slow way decides
                return TextReporter.startsWith(bytes, prefix)
            } ?? nil
            switch fast {
            case true?: return name[name.utf8.index(name.startIndex, offsetBy: count)...]
            case false?: continue
            case nil:
                if name.hasPrefix(prefix) { return Substring(name).dropFirst(prefix.count) }
            }
        }
        return Substring(name)
    }

    // MARK: SDK imports and keys

    private func sdkSuggestions(_ match: Match, language: Language) -> [Suggestion] {
        let module = match.variables["module"] ?? match.text
        let key = target.keyEnvironmentVariable
        let values = ["url": target.baseURL, "key": key, "host": target.host, "path": target.basePath]
        var title: String
        switch (language, module) {
        case (.python, "tiktoken"):
            title = say(.tiktokenCounts)
        case (.python, "langchain_openai"):
            title = say(.langchainBaseURL, values)
        case (.python, let name) where name.hasPrefix("llama_index"):
            title = say(.llamaIndexOpenAILike, values)
        case (.python, _):
            title = say(.pythonSDKBaseURL, values)
            if let sdk = target.sdks["python"], sdk.package != "openai" {
                title += say(.nativeSDKAlternative, ["package": sdk.package])
            }
        case (.swift, "OpenAI"):
            title = say(.macPawBaseURL, values)
        default:
            title = say(.otherSDKBaseURL, values)
        }
        return [Suggestion(title: title, provider: target.id)]
    }

    /// Python constructors of OpenAI-compatible clients, by the module whose import reports them.
    static let clientConstructors: [String: Set<String>] = [
        "openai": ["OpenAI", "AsyncOpenAI"],
        "langchain_openai": ["ChatOpenAI", "OpenAIEmbeddings"],
    ]

    /// An edit that needs review: every client constructed in the file gets the target's `base_url`
    /// (and `api_key` from the target's variable when it passes none), plus `import os` if needed.
    /// Attached to the file's first import of the module only, so the edits are made once.
    private func clientRewrite(for match: Match, in file: SourceFile, facts: Facts) -> Suggestion? {
        if file.language == .swift { return macPawRewrite(for: match, in: file, facts: facts) }
        guard file.language == .python, let module = match.variables["module"],
              let constructors = MigrationAdvisor.clientConstructors[module],
              let first = facts.imports.first(where: { $0.module == module || $0.module.hasPrefix(module + ".") }),
              first.span == match.span else { return nil }
        let key = target.keyEnvironmentVariable
        var edits: [TextEdit] = []
        // By index, the callee first: a file has thousands of calls, few of them constructors, and
        // copying a call retains all its arrays.
        let calls = facts.calls
        for index in calls.indices
        where constructors.contains(where: { MigrationAdvisor.callee(calls[index].callee, names: $0) }) {
            let call = calls[index]
            guard !call.labels.contains("base_url") else { continue }
            var arguments = ["base_url=\"\(target.baseURL)\""]
            if !call.labels.contains("api_key") { arguments.append("api_key=os.environ[\"\(key)\"]") }
            let text = arguments.joined(separator: ", ")
            // Keyword arguments go after the existing ones: a keyword before a positional is invalid.
            if let last = call.argumentSpans.last {
                edits.append(TextEdit(span: Span(start: last.end, end: last.end), replacement: ", " + text))
            } else {
                edits.append(TextEdit(span: Span(start: call.openParen + 1, end: call.openParen + 1), replacement: text))
            }
        }
        guard !edits.isEmpty else { return nil }
        let needsOS = edits.contains { $0.replacement.contains("os.environ") }
            && !facts.imports.contains { $0.module == "os" }
        if needsOS {
            // `import os` on its own line just above the SDK import, with the same indentation.
            let line = file.lineSpan(file.lineIndex(of: match.span.start))
            let indent = file.bytes[line.start..<line.end].prefix { $0 == 0x20 || $0 == 0x09 }
            let newline = file.bytes[line.end...].starts(with: [0x0D, 0x0A]) ? "\r\n" : "\n"
            edits.insert(TextEdit(span: Span(start: line.start, end: line.start),
                                  replacement: String(decoding: indent, as: UTF8.self) + "import os" + newline), at: 0)
        }
        let count = edits.count - (needsOS ? 1 : 0)
        return Suggestion(
            title: say(count == 1 ? .clientRewriteOne : .clientRewriteMany,
                       ["count": String(count), "url": target.baseURL, "key": key]),
            edits: edits, applicability: .unsafe, provider: target.id)
    }

    /// `callee` is `name` or ends with `.name`, compared as characters. Two different ASCII last
    /// bytes are two different last characters: most of a file's callees are told apart by that
    /// byte alone (the comparison by characters was most of an SDK import's cost).
    static func callee(_ callee: String, names name: String) -> Bool {
        if let last = lastByte(callee), let own = lastByte(name), last < 0x80, own < 0x80, last != own { return false }
        return callee == name || callee.hasSuffix("." + name)
    }

    /// A string's last UTF-8 byte, read in place (`utf8.last` steps the view's index back).
    private static func lastByte(_ text: String) -> UInt8? {
        text.utf8.withContiguousStorageIfAvailable { $0.last } ?? text.utf8.last
    }

    /// MacPaw's `OpenAI(apiToken: t)` becomes `OpenAI(configuration: .init(token: t, host:, basePath:))`
    /// and an `OpenAI.Configuration(token: …)` without a host gets the target's; needs review.
    private func macPawRewrite(for match: Match, in file: SourceFile, facts: Facts) -> Suggestion? {
        guard match.variables["module"] == "OpenAI",
              let first = facts.imports.first(where: { $0.module == "OpenAI" || $0.module.hasPrefix("OpenAI.") }),
              first.span == match.span else { return nil }
        let hostArguments = "host: \"\(target.host)\"" + (target.basePath.isEmpty ? "" : ", basePath: \"\(target.basePath)\"")
        var edits: [TextEdit] = []
        for call in facts.calls {
            if call.callee == "OpenAI", call.labels == ["apiToken"], let argument = call.argumentSpans.first {
                // Two edits around the token expression, which stays as written (other fixes may
                // edit inside it): `OpenAI(apiToken: ` -> `OpenAI(configuration: OpenAI.Configuration(token: `
                // and `)` -> `, host: …, basePath: …))`.
                guard let colon = file.bytes[argument.start..<argument.end].firstIndex(of: UInt8(ascii: ":")) else { continue }
                var valueStart = colon + 1
                while valueStart < argument.end, file.bytes[valueStart] == 0x20 || file.bytes[valueStart] == 0x09 { valueStart += 1 }
                edits.append(TextEdit(span: Span(start: call.calleeSpan.start, end: valueStart),
                                      replacement: "OpenAI(configuration: OpenAI.Configuration(token: "))
                edits.append(TextEdit(span: Span(start: argument.end, end: call.closeParen + 1),
                                      replacement: ", \(hostArguments)))"))
            } else if call.callee == "OpenAI.Configuration", call.labels.contains("token"),
                      !call.labels.contains("host"), !call.labels.contains("port"), !call.labels.contains("scheme"),
                      !call.labels.contains("basePath") {
                let after = call.labels.lastIndex(of: "organizationIdentifier") ?? call.labels.firstIndex(of: "token")!
                let end = call.argumentSpans[after].end
                edits.append(TextEdit(span: Span(start: end, end: end), replacement: ", " + hostArguments))
            }
        }
        guard !edits.isEmpty else { return nil }
        return Suggestion(
            title: say(.macPawRewrite, ["arguments": hostArguments]),
            edits: edits, applicability: .unsafe, provider: target.id)
    }

    private func secretSuggestion(language: Language) -> Suggestion {
        let read = language.descriptor.environmentRead(of: target.keyEnvironmentVariable)
        return Suggestion(title: say(.revokeKey, ["read": read]), provider: target.id)
    }

    // MARK: Helpers

    /// True when the match's source bytes are exactly its text (no escapes or concatenation inside).
    private static func isVerbatim(_ match: Match, in file: SourceFile) -> Bool {
        // Compared in place: `elementsEqual` on the text's UTF-8 view walks it a byte at a time through
        // the view's index, and every match's suggestion key asks.
        var text = match.text
        let span = match.span
        return text.withUTF8 { text in
            guard text.count == span.end - span.start else { return false }
            return file.bytes.withUnsafeBufferPointer { bytes in
                var k = 0
                while k < text.count, bytes[span.start + k] == text[k] { k += 1 }
                return k == text.count
            }
        }
    }
}

// MARK: - The call a model is used in

extension MigrationAdvisor {
    /// The APIs whose `model` argument says what the call needs, by the callee's last names (Python's
    /// `openai` package, legacy module-level calls, MacPaw's OpenAI and SwiftOpenAI query types).
    /// `chat` stands for the chat classes, whose class the content decides.
    static let callAPIs: [(callee: String, capability: String)] = [
        ("chat.completions.create", "chat"), ("chat.completions.parse", "chat"), ("chat.completions.stream", "chat"),
        ("ChatCompletion.create", "chat"), ("ChatCompletion.acreate", "chat"), ("responses.create", "chat"),
        ("responses.parse", "chat"), ("responses.stream", "chat"), ("ChatQuery", "chat"),
        ("ChatCompletionParameters", "chat"), ("CreateModelResponseQuery", "chat"), ("ModelResponseParameter", "chat"),
        ("embeddings.create", "embedding"), ("Embedding.create", "embedding"), ("EmbeddingsQuery", "embedding"),
        ("EmbeddingParameter", "embedding"),
        ("images.generate", "image-gen"), ("images.edit", "image-gen"), ("images.create_variation", "image-gen"),
        ("Image.create", "image-gen"), ("Image.create_edit", "image-gen"), ("Image.create_variation", "image-gen"),
        ("ImagesQuery", "image-gen"), ("ImageEditsQuery", "image-gen"), ("ImageVariationsQuery", "image-gen"),
        ("ImageCreateParameters", "image-gen"), ("ImageEditParameters", "image-gen"), ("ImageVariationParameters", "image-gen"),
        ("audio.transcriptions.create", "speech-to-text"), ("audio.translations.create", "speech-to-text"),
        ("Audio.transcribe", "speech-to-text"), ("Audio.translate", "speech-to-text"),
        ("AudioTranscriptionQuery", "speech-to-text"), ("AudioTranslationQuery", "speech-to-text"),
        ("AudioTranscriptionParameters", "speech-to-text"), ("AudioTranslationParameters", "speech-to-text"),
        ("audio.speech.create", "text-to-speech"), ("AudioSpeechQuery", "text-to-speech"),
        ("AudioSpeechParameters", "text-to-speech"),
    ]

    /// Classes a text model may have; the call's content or API may say it needs another.
    static let chatClasses: Set<String> = ["chat-flagship", "chat-small", "reasoning", "legacy-completion", "vision", "unknown"]

    /// What the API called needs (`chat` for the chat classes), nil for a callee not in `callAPIs`.
    public static func callCapability(of callee: String) -> String? {
        // The callee and each of its tails after a `.` are looked up (a file has thousands of calls);
        // a tail found is checked as `callAPIs` says, so a `.` inside a grapheme stays no boundary.
        var first: Int?
        var tail = callee[...]
        while true {
            if let position = callAPIPositions[tail], position < first ?? Int.max,
               callee == callAPIs[position].callee || callee.hasSuffix("." + callAPIs[position].callee) {
                first = position
            }
            guard let dot = tail.utf8.firstIndex(of: UInt8(ascii: ".")) else { break }
            tail = tail[tail.utf8.index(after: dot)...]
        }
        return first.map { callAPIs[$0].capability }
    }

    /// Each callee of `callAPIs` with its position there.
    private static let callAPIPositions: [Substring: Int] = Dictionary(
        callAPIs.enumerated().map { (Substring($0.element.callee), $0.offset) }, uniquingKeysWith: { first, _ in first })

    /// The `model` (or `engine`) arguments of a file's calls to the APIs in `callAPIs`, by span:
    /// found once per file, so placing each model match in its call does not look at every call.
    struct ModelArguments {
        let calls: [CallFact]
        /// Each argument with its call's index in `calls` and the API's class.
        private let arguments: SpanIndex<(call: Int, api: String)>

        init(_ facts: Facts) {
            calls = facts.calls
            var arguments: [(span: Span, value: (call: Int, api: String))] = []
            // By index: a file has thousands of calls, and copying each one retains all its arrays.
            for position in calls.indices {
                guard let index = calls[position].labels.firstIndex(where: { $0 == "model" || $0 == "engine" }),
                      let api = callCapability(of: calls[position].callee) else { continue }
                arguments.append((calls[position].argumentSpans[index], (position, api)))
            }
            self.arguments = SpanIndex(arguments)
        }

        /// The innermost call whose model argument holds `span`, with its API's class.
        func call(around span: Span) -> (call: CallFact, api: String)? {
            callIndex(around: span).map { (calls[$0.call], $0.api) }
        }

        /// `call(around:)` as the call's index in `calls`; the calls are read in place (copying one
        /// retains all its arrays).
        func callIndex(around span: Span) -> (call: Int, api: String)? {
            calls.withUnsafeBufferPointer { calls in
                var best: (call: Int, api: String)?
                for (_, entry) in arguments.containing(span) {
                    let call = calls.baseAddress! + entry.call
                    guard call.pointee.openParen < span.start && span.end <= call.pointee.closeParen else { continue }
                    // The latest-opened call is the innermost; of two opened at once, the first recorded.
                    if let chosen = best, (calls.baseAddress! + chosen.call).pointee.openParen > call.pointee.openParen
                        || ((calls.baseAddress! + chosen.call).pointee.openParen == call.pointee.openParen
                            && chosen.call < entry.call) { continue }
                    best = entry
                }
                return best
            }
        }
    }

    /// The model match with its class chosen from the call whose `model` argument it is: `vision`
    /// for a chat call whose content carries images, the API's class for an embeddings, images or
    /// audio call. Sets `class` (the chosen one), `id-class` (the ID's own, when they differ),
    /// `class-from` (`image-input` or `api`), `call` (the callee) and `call-unread` (`messages`, when
    /// the call's messages are built elsewhere and could carry images). Unchanged outside such a call.
    static func fitToCall(_ match: Match, arguments: ModelArguments) -> Match {
        guard let idClass = match.variables["class"] else { return match }
        guard let (index, api) = arguments.callIndex(around: match.span), chatClasses.contains(idClass) || idClass == api else { return match }
        return arguments.calls.withUnsafeBufferPointer { calls in fitted(match, idClass: idClass, to: calls.baseAddress! + index, api: api) }
    }

    /// `fitToCall` once the call is found, reading it in place.
    private static func fitted(_ match: Match, idClass: String, to call: UnsafePointer<CallFact>, api: String) -> Match {
        var result = match
        result.variables["call"] = call.pointee.callee
        func choose(_ capability: String, _ reason: String) {
            guard capability != idClass else { return }
            result.variables["class"] = capability
            result.variables["id-class"] = idClass
            result.variables["class-from"] = reason
        }
        if api == "chat" {
            if call.pointee.contentParts.contains("image") {
                choose("vision", "image-input")
            } else {
                if idClass == "unknown" { choose("chat-flagship", "api") }
                let written = call.pointee.labels.contains("messages") || call.pointee.labels.contains("input")
                if call.pointee.unreadArguments.contains("messages") || call.pointee.unreadArguments.contains("input")
                    || (!written && call.pointee.unreadArguments.contains("")) {
                    result.variables["call-unread"] = "messages"
                }
            }
        } else {
            choose(api, "api")
        }
        return result
    }
}

/// Just enough URL parsing to swap a base URL and keep the endpoint path and query.
struct ParsedURL {
    var scheme = ""
    var host = ""
    var path = ""
    /// Query and fragment, with their `?`/`#`.
    var suffix = ""
    /// The path ended with `/` (removed from `path`).
    var hasTrailingSlash = false

    init(_ text: String) {
        var rest = Substring(text)
        if let range = rest.firstRange(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        host = String(rest[..<hostEnd])
        rest = rest[hostEnd...]
        let pathEnd = rest.firstIndex { $0 == "?" || $0 == "#" } ?? rest.endIndex
        path = String(rest[..<pathEnd])
        hasTrailingSlash = path.hasSuffix("/")
        while path.hasSuffix("/") { path.removeLast() }
        suffix = String(rest[pathEnd...])
    }
}
