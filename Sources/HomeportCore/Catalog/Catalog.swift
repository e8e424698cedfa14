// The domestic provider catalog (catalog/providers.yml): providers, OpenAI's endpoints and variables,
// and the ordered replacements per model capability class.

#if canImport(Glibc)
import Glibc
#endif

/// One domestic provider and what it offers in place of OpenAI.
public struct Provider: Sendable, Equatable {
    public var id: String
    public var name: String
    public var nameZH: String
    public var vendor: String
    /// One of the providers that offered migration help when OpenAI cut mainland China off.
    public var isSeed: Bool
    /// The OpenAI-compatible base URL, without a trailing slash.
    public var baseURL: String
    public var keyEnvironmentVariable: String
    public var baseURLEnvironmentVariable: String?
    /// OpenAI endpoint families served compatibly (`chat`, `embeddings`, `images`, `audio`, `responses` …).
    public var compatibleEndpoints: [String]
    /// Native SDK per language: package and a usage line.
    public var sdks: [String: (package: String, usage: String)]
    /// Model IDs per capability class, best first.
    public var models: [String: [String]]
    /// Where each model's facts come from, when they were checked, and its announced retirement.
    public var modelFacts: [String: ModelFacts] = [:]
    public var source: String
    /// The day the provider's facts were last checked against `source` (`YYYY-MM-DD`), empty if never.
    public var checked: String = ""

    public static func == (lhs: Provider, rhs: Provider) -> Bool { lhs.id == rhs.id && lhs.baseURL == rhs.baseURL }

    /// The host of the base URL, without a port (`open.bigmodel.cn`).
    public var host: String {
        String(ParsedURL(baseURL).host.prefix { $0 != ":" }).lowercased()
    }

    /// The path of the base URL (`/api/paas/v4`), empty when it has none.
    public var basePath: String { ParsedURL(baseURL).path }

    /// The display name with the Chinese name, e.g. `Zhipu GLM (智谱 BigModel)`.
    public var displayName: String { nameZH.isEmpty ? name : "\(name) (\(nameZH))" }

    /// The name a reader of `language` knows the provider by: `nameZH` in Chinese, where it has one.
    public func name(in language: MessageLanguage) -> String {
        language == .simplifiedChinese && !nameZH.isEmpty ? nameZH : name
    }
}

/// Where a capability class goes: ordered providers, or a manual-migration note.
public enum ClassMapping: Sendable, Equatable {
    case providers([String])
    case manual(LocalizedText)
}

public struct Catalog: Sendable {
    public var version: String
    public var date: String
    public var defaultTarget: String
    public var openAIBaseURL: String
    /// OpenAI variable name -> the provider setting it becomes (`key`, `base-url`, `model`).
    public var environment: [String: String]
    /// API path prefix under /v1 -> endpoint family.
    public var endpoints: [(path: String, family: String)]
    /// Capability class -> endpoint family.
    public var classEndpoints: [String: String]
    public var mapping: [String: ClassMapping]
    public var providers: [Provider]
    /// Models replaced because they were past their `retires` date (see `current(on:)`).
    public var retirements: [Retirement] = []

    public func provider(id: String) -> Provider? { providers.first { $0.id == id } }

    /// The endpoint family of an OpenAI API path (`/v1/chat/completions` -> `chat`), if known.
    public func endpointFamily(ofPath path: String) -> String? {
        var path = path
        if path.hasPrefix("/v1/") || path == "/v1" { path = String(path.dropFirst(3)) }
        return endpoints.first { path == $0.path || path.hasPrefix($0.path + "/") || path.hasPrefix($0.path + "?") }?.family
    }

    /// Providers after `target` in the class's order that also offer the class, for alternatives.
    public func alternatives(forClass capability: String, excluding target: String) -> [Provider] {
        guard case .providers(let ids)? = mapping[capability] else { return [] }
        return ids.filter { $0 != target }.compactMap(provider(id:)).filter { $0.models[capability]?.isEmpty == false }
    }

    /// Whether `provider` serves `capability` through its OpenAI-compatible API.
    public func serves(_ provider: Provider, _ capability: String) -> Bool {
        guard provider.models[capability]?.isEmpty == false else { return false }
        guard let family = classEndpoints[capability] else { return true }
        return provider.compatibleEndpoints.contains(family)
    }

    /// The catalog with providers from `other` added, replacing same-id providers (a company gateway).
    public func adding(_ other: [Provider]) -> Catalog {
        var merged = self
        for provider in other {
            if let index = merged.providers.firstIndex(where: { $0.id == provider.id }) {
                merged.providers[index] = provider
            } else {
                merged.providers.append(provider)
            }
        }
        return merged
    }
}
