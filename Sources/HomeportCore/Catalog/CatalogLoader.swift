// Reading catalog/providers.yml, user catalog files (`--catalog FILE`) and the `catalog:` section of
// `.homeport.yml`, with positioned errors.

extension Catalog {
    /// The catalog compiled into the binary.
    public static func bundled() throws -> Catalog {
        try load(BundledRules.catalog.text, file: BundledRules.catalog.path)
    }

    /// Parses a complete catalog document.
    public static func load(_ text: String, file: String) throws -> Catalog {
        let document = try YAMLMap.parse(text, file: file)
        try document.checkKeys(["catalog", "openai", "mapping", "providers"], in: .theCatalog)
        guard let header = try document.map("catalog"), let openAI = try document.map("openai"),
              let mappingMap = try document.map("mapping") else {
            throw document.problem(at: document.node, .catalogNeedsSections)
        }
        try header.checkKeys(["version", "date", "default-target"], in: FileMessage.code.filled(["name": "catalog"]))
        try openAI.checkKeys(["base-url", "env", "endpoints", "classes"], in: FileMessage.code.filled(["name": "openai"]))
        let providers = try document.list("providers").map { try provider($0, file: file) }
        var mapping: [String: ClassMapping] = [:]
        for entry in mappingMap.entries {
            if let list = entry.value.items {
                mapping[entry.key] = .providers(try list.map { try mappingMap.scalarString($0, key: entry.key) })
            } else {
                let manual = try YAMLMap(entry.value, file: file, what: FileMessage.code.filled(["name": entry.key]))
                try manual.checkKeys(["manual", "manual-zh-CN"], in: FileMessage.code.filled(["name": entry.key]))
                let english = try manual.string("manual")
                mapping[entry.key] = .manual(LocalizedText(en: english, zh: try manual.optionalString("manual-zh-CN") ?? english))
            }
        }
        let catalog = Catalog(
            version: try header.string("version"),
            date: try header.string("date"),
            defaultTarget: try header.string("default-target"),
            openAIBaseURL: try openAI.string("base-url"),
            environment: try stringMap(openAI, key: "env"),
            endpoints: try (openAI.map("endpoints")?.entries ?? []).map {
                (path: $0.key, family: try openAI.scalarString($0.value, key: $0.key))
            },
            classEndpoints: try stringMap(openAI, key: "classes"),
            mapping: mapping,
            providers: providers)
        try catalog.validate(document)
        return catalog
    }

    /// Providers from a user catalog file: a document with a `providers:` list.
    public static func loadAdditions(_ text: String, file: String) throws -> [Provider] {
        try additions(try YAMLMap.parse(text, file: file), in: FileMessage.aCatalogFile.text)
    }

    /// Providers from the `catalog:` section of a configuration file, as read there.
    public static func loadAdditions(_ section: CatalogSection) throws -> [Provider] {
        try additions(try YAMLMap(section.node, file: section.file, what: FileMessage.code.filled(["name": "catalog"])),
                      in: FileMessage.code.filled(["name": "catalog"]))
    }

    private static func additions(_ document: YAMLMap, in what: @autoclosure () -> LocalizedText) throws -> [Provider] {
        try document.checkKeys(["providers"], in: what())
        return try document.list("providers").map { try provider($0, file: document.file) }
    }

    static let providerKeys = ["id", "name", "name-zh", "vendor", "seed", "base-url", "key-env", "base-url-env",
                               "compatible", "sdks", "models", "source", "checked"]

    static func provider(_ node: YAMLNode, file: String) throws -> Provider {
        let map = try YAMLMap(node, file: file, what: FileMessage.aProvider.text)
        try map.checkKeys(providerKeys, in: .aProvider)
        var sdks: [String: (package: String, usage: String)] = [:]
        for entry in try map.map("sdks")?.entries ?? [] {
            let sdk = try YAMLMap(entry.value, file: file, what: FileMessage.anSDK.text)
            try sdk.checkKeys(["package", "usage"], in: .anSDK)
            sdks[entry.key] = (try sdk.string("package"), try sdk.string("usage"))
        }
        var models: [String: [String]] = [:]
        var modelFacts: [String: ModelFacts] = [:]
        if let modelMap = try map.map("models") {
            for entry in modelMap.entries {
                guard let list = entry.value.items else {
                    throw map.problem(at: entry.value, .mustBeModelList, ["key": entry.key])
                }
                models[entry.key] = try list.map { item in
                    guard item.items == nil else { throw map.problem(at: item, .mustBeModelList, ["key": entry.key]) }
                    if item.text != nil { return try modelMap.scalarString(item, key: entry.key) }
                    let facts = try parseModelFacts(item, file: file)
                    // A model in several classes may cite a different page for each; its dates and
                    // successor must agree. The first entry's facts are kept.
                    if let known = modelFacts[facts.id] {
                        guard known.retires == facts.retires, known.successor == facts.successor,
                              known.context == facts.context || facts.context == nil || known.context == nil else {
                            throw map.problem(at: item, .modelFactsDiffer, ["id": facts.id])
                        }
                    } else {
                        modelFacts[facts.id] = facts
                    }
                    return facts.id
                }
            }
        }
        var baseURL = try map.string("base-url")
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        guard baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") else {
            throw map.problem(at: try map.required("base-url"), .baseURLScheme)
        }
        return Provider(
            id: try map.string("id"),
            name: try map.string("name"),
            nameZH: try map.optionalString("name-zh") ?? "",
            vendor: try map.optionalString("vendor") ?? "",
            isSeed: try map.bool("seed", default: false),
            baseURL: baseURL,
            keyEnvironmentVariable: try map.string("key-env"),
            baseURLEnvironmentVariable: try map.optionalString("base-url-env"),
            compatibleEndpoints: try map.stringList("compatible"),
            sdks: sdks,
            models: models,
            modelFacts: modelFacts,
            source: try map.optionalString("source") ?? "",
            checked: try date(map, "checked") ?? "")
    }

    static let modelKeys = ["id", "source", "checked", "retires", "successor", "context"]

    /// One model entry written as a mapping: `{id: glm-5.3, context: 200000, source: URL, checked: DATE}`.
    static func parseModelFacts(_ node: YAMLNode, file: String) throws -> ModelFacts {
        let map = try YAMLMap(node, file: file, what: FileMessage.aModel.text)
        try map.checkKeys(modelKeys, in: .aModel)
        let context = try map.value("context").map { _ in try map.int("context", default: 0) }
        return ModelFacts(id: try map.string("id"), source: try map.optionalString("source") ?? "",
                          checked: try date(map, "checked") ?? "", retires: try date(map, "retires"),
                          successor: try map.optionalString("successor"), context: context)
    }

    /// A `YYYY-MM-DD` value, nil when the key is absent.
    static func date(_ map: YAMLMap, _ key: String) throws -> String? {
        guard let text = try map.optionalString(key) else { return nil }
        guard CatalogDate.dayNumber(text) != nil else {
            throw map.problem(at: try map.required(key), .mustBeDate, ["key": key])
        }
        return text
    }

    static func stringMap(_ map: YAMLMap, key: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for entry in try map.map(key)?.entries ?? [] {
            result[entry.key] = try map.scalarString(entry.value, key: entry.key)
        }
        return result
    }

    /// Cross-checks: mapped and default providers exist, ids are unique.
    func validate(_ document: YAMLMap) throws {
        var seen = Set<String>()
        for provider in providers where !seen.insert(provider.id).inserted {
            throw FileProblem(file: document.file, .providerTwice, ["id": provider.id])
        }
        // The complete catalog (the bundled one) states where every fact comes from and when it was
        // checked; a user's additions may be bare lists of IDs.
        for provider in providers {
            if provider.source.isEmpty || provider.checked.isEmpty {
                throw FileProblem(file: document.file, .needsProvenance, ["id": provider.id])
            }
            for (_, list) in provider.models {
                for model in list {
                    let facts = provider.facts(of: model)
                    if facts.source.isEmpty || facts.checked.isEmpty {
                        throw FileProblem(file: document.file, .needsProvenance, ["id": "\(provider.id)/\(model)"])
                    }
                }
            }
            for facts in provider.modelFacts.values {
                if let successor = facts.successor, provider.modelFacts[successor] == nil {
                    throw FileProblem(file: document.file, .successorUnknown, ["id": "\(provider.id)/\(facts.id)", "successor": successor])
                }
            }
        }
        guard provider(id: defaultTarget) != nil else {
            throw FileProblem(file: document.file, .defaultTargetUnknown, ["id": defaultTarget])
        }
        for (capability, entry) in mapping {
            if case .providers(let ids) = entry {
                for id in ids where provider(id: id) == nil {
                    throw FileProblem(file: document.file, .mappingUnknownProvider, ["class": capability, "id": id])
                }
            }
        }
    }
}
