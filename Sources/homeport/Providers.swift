// `homeport providers`: the domestic provider catalog as a table, one provider in detail, or JSON.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Providers: Command {
    static let spec = CommandSpec(
        name: "providers",
        abstract: "Show the domestic provider catalog: base URLs, key variables, compatible endpoints, models per capability.",
        positional: PositionalSpec(name: "id", help: "Show only this provider, in detail.", isList: false),
        groups: [OptionGroupSpec(title: "Options", options: [
            .flag("json", "Print the catalog as JSON."),
            .value("catalog", "file", "A YAML file with a `providers:` list that adds to or overrides the built-in catalog."),
        ])])

    var id: String?
    var json: Bool
    var catalog: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        id = arguments.positional
        json = arguments.flag("json")
        catalog = arguments.value("catalog")
    }

    static let classes = ["chat-flagship", "chat-small", "reasoning", "vision", "embedding", "image-gen",
                          "speech-to-text", "text-to-speech", "video-gen"]

    func run() throws {
        var settings = ScanSettings()
        settings.catalog = catalog
        let catalog = settings.advisor().catalog
        var providers = catalog.providers
        if let id {
            guard let provider = catalog.provider(id: id) else {
                fail("\(UnknownNameError(kind: "provider", name: id, known: catalog.providers.map(\.id)))", code: .usage)
            }
            providers = [provider]
        }
        if json {
            print(CatalogReport.json(catalog, providers: providers), terminator: "")
        } else if id != nil {
            print(CatalogReport.detail(providers[0], catalog: catalog), terminator: "")
        } else {
            print(CatalogReport.table(catalog, providers: providers), terminator: "")
        }
    }
}

/// Renders the catalog for people and for programs.
enum CatalogReport {
    static func table(_ catalog: Catalog, providers: [Provider]) -> String {
        var rows = [["provider", "name", "base URL", "key variable", "compatible", "chat", "small", "embedding"]]
        for provider in providers {
            rows.append([
                provider.id + (provider.id == catalog.defaultTarget ? " *" : ""),
                provider.name,
                provider.baseURL,
                provider.keyEnvironmentVariable,
                provider.compatibleEndpoints.joined(separator: ","),
                provider.models["chat-flagship"]?.first ?? "-",
                provider.models["chat-small"]?.first ?? "-",
                provider.models["embedding"]?.first ?? "-",
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var out = rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padded(to: widths[index])
            }.joined(separator: "  ")
        }.joined(separator: "\n")
        out += "\n\n* default target. Catalog \(catalog.version) (\(catalog.date)); `homeport providers ID` shows one provider in full.\n"
        return out
    }

    static func detail(_ provider: Provider, catalog: Catalog) -> String {
        var out = "\(provider.displayName) — \(provider.vendor)\n"
        out += "  id:               \(provider.id)\(provider.isSeed ? " (offered migration help in 2024)" : "")\n"
        out += "  base URL:         \(provider.baseURL)\n"
        out += "  key variable:     \(provider.keyEnvironmentVariable)\n"
        if let variable = provider.baseURLEnvironmentVariable { out += "  base URL variable: \(variable)\n" }
        out += "  OpenAI-compatible: \(provider.compatibleEndpoints.joined(separator: ", "))\n"
        for (language, sdk) in provider.sdks.sorted(by: { $0.key < $1.key }) {
            out += "  \(language) SDK:       \(sdk.package) — \(sdk.usage)\n"
        }
        out += "  models:\n"
        for capability in Providers.classes {
            guard let models = provider.models[capability], !models.isEmpty else { continue }
            out += "    \(capability.padded(to: 15)) \(models.joined(separator: ", "))\n"
        }
        out += "  source: \(provider.source)\n"
        return out
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
                members.append(("models", .object(provider.models.sorted { $0.key < $1.key }.map {
                    ($0.key, .array($0.value.map(JSONValue.string)))
                })))
                members.append(("source", .string(provider.source)))
                return .object(members)
            })),
        ]).serialized()
    }
}
