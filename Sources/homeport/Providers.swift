// `homeport providers`: the domestic provider catalog as a table, one provider in detail, or JSON.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Providers: Command {
    static let spec = CommandSpec(
        name: "providers",
        abstract: LocalizedText(en: "Show the domestic provider catalog: base URLs, key variables, compatible endpoints, models per capability.", zh: "显示国内服务商目录：base URL、密钥变量、兼容端点、各能力的模型。"),
        positional: PositionalSpec(name: "id", help: "Show only this provider, in detail.", zh: "只显示这个服务商的详细信息。", isList: false),
        groups: [.options([
            .flag("json", "Print the catalog as JSON.", zh: "以 JSON 打印目录。"),
            .value("catalog", "file", "A YAML file with a `providers:` list that adds to or overrides the built-in catalog.", zh: "一个带 `providers:` 列表的 YAML 文件，用于补充或覆盖内置目录。"),
            .flag("verify", "Ask each provider's GET {base-url}/models, with the key from its key variable, which catalog models the account can see "
                  + "(exit 0: all served, 1: some not, 3: could not check).",
                  zh: "用服务商密钥变量中的密钥请求 GET {base-url}/models，核对账户能看到哪些目录中的模型（退出码 0：全部可用，1：部分不可用，3：无法核对）。"),
            .repeated("allow-host", "host", "With --verify: a host a .homeport.yml provider may receive its key at (repeatable).",
                      zh: "与 --verify 一起使用：允许 .homeport.yml 中定义的服务商接收密钥的主机（可重复）。"),
            .value("timeout", "seconds", "With --verify: seconds to wait for each provider (default 15).",
                   zh: "与 --verify 一起使用：每个服务商的等待秒数（默认 15）。"),
        ]), ConfigOptions.group])

    var id: String?
    var json: Bool
    var catalog: String?
    var verify: Bool
    var allowedHosts: [String]
    var timeout: Int
    var config: ConfigOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        id = arguments.positional
        json = arguments.flag("json")
        catalog = arguments.value("catalog")
        verify = arguments.flag("verify")
        allowedHosts = arguments.list("allow-host")
        timeout = try arguments.int("timeout", atLeast: 1) ?? 15
        config = ConfigOptions(arguments)
        if !verify && (!allowedHosts.isEmpty || arguments.value("timeout") != nil) {
            throw UsageError(description: CatalogMessage.allowHostNeedsVerify.format(ProcessLanguage.language))
        }
    }

    static let classes = ["chat-flagship", "chat-small", "reasoning", "vision", "embedding", "image-gen",
                          "speech-to-text", "text-to-speech", "video-gen"]

    func run() throws {
        if verify { try runVerify() }
        let catalog: Catalog
        do {
            // The catalog `scan` would use without a configuration, checked as `scan` checks it.
            let made = try Setup.catalog(configuration: Configuration(root: Path.currentDirectory), file: self.catalog)
            exitOnSetupProblems(made.problems)
            let chosen = try Setup.advisor(catalog: made.catalog, target: nil, language: ProcessLanguage.language)
            exitOnSetupProblems(chosen.problem.map { [$0] } ?? [])
            catalog = chosen.advisor.catalog
        } catch {
            fail(describe(error), code: .usage)
        }
        CatalogNotes.print(catalog, target: nil)
        var providers = catalog.providers
        if let id {
            guard let provider = catalog.provider(id: id) else {
                fail(describe(UnknownNameError(kind: "provider", name: id, known: catalog.providers.map(\.id))), code: .usage)
            }
            providers = [provider]
        }
        if json {
            print(CatalogReport.json(catalog, providers: providers), terminator: "")
        } else if id != nil {
            print(CatalogReport.detail(providers[0], catalog: catalog, language: ProcessLanguage.language), terminator: "")
        } else {
            print(CatalogReport.table(catalog, providers: providers, language: ProcessLanguage.language), terminator: "")
        }
    }
}

/// Renders the catalog for people and for programs.
enum CatalogReport {
    static func table(_ catalog: Catalog, providers: [Provider], language: MessageLanguage = .english) -> String {
        var rows = [CLIMessage.providersTableHeader.format(language).split(separator: "\t").map(String.init)]
        for provider in providers {
            rows.append([
                provider.id + (provider.id == catalog.defaultTarget ? " *" : ""),
                provider.name(in: language),
                provider.baseURL,
                provider.keyEnvironmentVariable,
                provider.compatibleEndpoints.joined(separator: ","),
                provider.models["chat-flagship"]?.first ?? "-",
                provider.models["chat-small"]?.first ?? "-",
                provider.models["embedding"]?.first ?? "-",
            ])
        }
        // Columns by terminal cells, so Chinese names (two cells a character) stay aligned.
        let widths = rows[0].indices.map { column in rows.map { cells($0[column]) }.max() ?? 0 }
        var out = rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cells(cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
        out += "\n\n" + CLIMessage.providersFooter.format(language, ["version": catalog.version, "date": catalog.date]) + "\n"
        return out
    }

    static func detail(_ provider: Provider, catalog: Catalog, language: MessageLanguage = .english) -> String {
        /// `  label: value`, values aligned from column 21 (one space after a longer label).
        func field(_ label: CLIMessage, _ value: String, _ values: [String: String] = [:]) -> String {
            let title = label.format(language, values) + (language == .simplifiedChinese ? "：" : ":")
            return "  " + title + String(repeating: " ", count: max(1, 18 - cells(title))) + value + "\n"
        }
        var out = "\(provider.displayName) — \(provider.vendor)\n"
        out += field(.providerID, provider.id + (provider.isSeed ? CLIMessage.providerSeed.format(language) : ""))
        out += field(.providerBaseURL, provider.baseURL)
        out += field(.providerKeyVariable, provider.keyEnvironmentVariable)
        if let variable = provider.baseURLEnvironmentVariable { out += field(.providerBaseURLVariable, variable) }
        out += field(.providerCompatible, provider.compatibleEndpoints.joined(separator: ", "))
        for (sdkLanguage, sdk) in provider.sdks.sorted(by: { $0.key < $1.key }) {
            out += field(.providerSDK, "\(sdk.package) — \(sdk.usage)", ["language": sdkLanguage])
        }
        out += "  " + CLIMessage.providerModels.format(language) + (language == .simplifiedChinese ? "：" : ":") + "\n"
        for capability in Providers.classes {
            guard let models = provider.models[capability], !models.isEmpty else { continue }
            let described = models.map { model -> String in
                let facts = provider.facts(of: model)
                guard let retires = facts.retires else { return model }
                return model + " (" + CatalogMessage.modelRetires.format(language, ["date": retires, "successor": facts.successor ?? "-"]) + ")"
            }
            out += "    \(capability.padded(to: 15)) \(described.joined(separator: ", "))\n"
        }
        out += "  " + CLIMessage.providerSource.format(language) + (language == .simplifiedChinese ? "：" : ": ")
            + provider.source + "\n"
        if !provider.checked.isEmpty {
            out += "  " + CatalogMessage.providerChecked.format(language) + (language == .simplifiedChinese ? "：" : ": ")
                + provider.checked + "\n"
        }
        return out
    }

    /// Terminal cells `text` takes (East Asian wide characters two).
    static func cells(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + TextReporter.cellWidth($1) }
    }

    static func json(_ catalog: Catalog, providers: [Provider]) -> String {
        JSONValue.object([
            ("version", .string(catalog.version)),
            ("date", .string(catalog.date)),
            ("defaultTarget", .string(catalog.defaultTarget)),
            ("providers", .array(providers.map { provider in
                var members: [(String, JSONValue)] = [
                    ("id", .string(provider.id)),
                    ("name", .string(provider.name)),
                    ("nameZH", .string(provider.nameZH)),
                    ("vendor", .string(provider.vendor)),
                    ("seed", .bool(provider.isSeed)),
                    ("baseURL", .string(provider.baseURL)),
                    ("keyEnv", .string(provider.keyEnvironmentVariable)),
                ]
                if let variable = provider.baseURLEnvironmentVariable { members.append(("baseURLEnv", .string(variable))) }
                members.append(("compatible", .array(provider.compatibleEndpoints.map(JSONValue.string))))
                members.append(("sdks", .object(provider.sdks.sorted { $0.key < $1.key }.map {
                    ($0.key, .object([("package", .string($0.value.package)), ("usage", .string($0.value.usage))]))
                })))
                // Each model with where its facts come from, when they were checked, and its retirement.
                members.append(("models", .object(provider.models.sorted { $0.key < $1.key }.map {
                    ($0.key, .array($0.value.map { model in
                        let facts = provider.facts(of: model)
                        var fields: [(String, JSONValue)] = [("id", .string(model))]
                        if let context = facts.context { fields.append(("context", .int(context))) }
                        if !facts.source.isEmpty { fields.append(("source", .string(facts.source))) }
                        if !facts.checked.isEmpty { fields.append(("checked", .string(facts.checked))) }
                        if let retires = facts.retires { fields.append(("retires", .string(retires))) }
                        if let successor = facts.successor { fields.append(("successor", .string(successor))) }
                        return .object(fields)
                    }))
                })))
                members.append(("source", .string(provider.source)))
                if !provider.checked.isEmpty { members.append(("checked", .string(provider.checked))) }
                return .object(members)
            })),
        ]).serialized()
    }
}
