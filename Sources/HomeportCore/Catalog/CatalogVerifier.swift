// `homeport providers --verify`: asks a provider's OpenAI-compatible `GET {base-url}/models` which
// catalog models the account can see, and decides first whether the key may be sent at all.

/// Where a provider definition came from, which decides whether its host may receive a key.
public enum ProviderOrigin: Sendable, Equatable {
    /// Compiled into `homeport`: the key goes only to the built-in base URL's host.
    case builtIn
    /// A catalog file the user named with `--catalog FILE`.
    case commandLine(file: String)
    /// A `.homeport.yml` (possibly from a repository being scanned): never trusted on its own.
    case configuration(file: String)
}

/// What checking one provider found.
public enum VerifyOutcome: Sendable, Equatable {
    /// Compared: per capability class, the catalog models the account lists and those it does not.
    case compared(served: [(String, [String])], missing: [(String, [String])], listed: Int)
    /// `/models` is not offered (404, 405, 501): said, not counted as a failure.
    case modelsNotOffered(status: Int)
    /// Not checked (no key, refused key, network, bad answer, or the key may not go there).
    case notChecked(LocalizedText)

    public static func == (lhs: VerifyOutcome, rhs: VerifyOutcome) -> Bool {
        switch (lhs, rhs) {
        case let (.compared(a, b, c), .compared(d, e, f)):
            return a.map { "\($0)=\($1)" } == d.map { "\($0)=\($1)" } && b.map { "\($0)=\($1)" } == e.map { "\($0)=\($1)" } && c == f
        case let (.modelsNotOffered(a), .modelsNotOffered(b)): return a == b
        case let (.notChecked(a), .notChecked(b)): return a == b
        default: return false
        }
    }

    /// Whether every catalog model was found.
    public var allServed: Bool {
        if case .compared(_, let missing, _) = self { return missing.isEmpty }
        return true
    }

    public var couldNotCheck: Bool {
        if case .notChecked = self { return true }
        return false
    }
}

/// Checks providers' `/models` lists against the catalog.
public struct CatalogVerifier: Sendable {
    /// Hosts the user allowed with `--allow-host` (lowercased), for providers from configuration.
    public var allowedHosts: Set<String>
    public var timeoutMilliseconds: Int
    /// Reads a variable (the process environment unless a test gives another).
    public var environment: @Sendable (String) -> String?
    /// One GET; libcurl unless a caller gives another client.
    public var get: @Sendable (_ url: String, _ headers: [String], _ timeoutMilliseconds: Int, _ loopback: Bool) throws(HTTPFailure) -> HTTPResponse

    /// Capability classes in the order they are reported.
    public static let classOrder = ["chat-flagship", "chat-small", "reasoning", "vision", "legacy-completion", "embedding",
                                    "image-gen", "speech-to-text", "text-to-speech", "video-gen"]

    public init(allowedHosts: [String] = [], timeoutMilliseconds: Int = 15_000, library: CurlLibrary,
                environment: @escaping @Sendable (String) -> String? = { SystemInfo.environment($0) }) {
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
        self.timeoutMilliseconds = timeoutMilliseconds
        self.environment = environment
        self.get = { url, headers, timeout, loopback throws(HTTPFailure) in
            try library.get(url, headers: headers, timeoutMilliseconds: timeout, loopback: loopback)
        }
    }

    /// The parts of a base URL that decide where a request goes.
    struct Endpoint {
        var scheme: String
        /// Lowercased, without port or brackets.
        var host: String
        var hasUserInfo: Bool

        init(_ url: String) {
            let parsed = ParsedURL(url)
            scheme = parsed.scheme
            var authority = Substring(parsed.host)
            hasUserInfo = authority.contains("@")
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
                host = String(authority[authority.index(after: authority.startIndex)..<close]).lowercased()
            } else {
                host = String(authority.prefix { $0 != ":" }).lowercased()
            }
        }

        var isLoopback: Bool { host == "127.0.0.1" || host == "localhost" }
    }

    /// Why the key may not be sent to `provider` from `origin`, nil when it may.
    public func refusal(_ provider: Provider, origin: ProviderOrigin) -> LocalizedText? {
        let endpoint = Endpoint(provider.baseURL)
        if endpoint.hasUserInfo {
            return CatalogMessage.verifyUserInfo.filled(["id": provider.id, "url": provider.baseURL])
        }
        if endpoint.scheme != "https" && !(endpoint.scheme == "http" && endpoint.isLoopback) {
            return CatalogMessage.verifyNotHTTPS.filled(["id": provider.id, "url": provider.baseURL])
        }
        if case .configuration(let file) = origin, !allowedHosts.contains(endpoint.host) {
            return CatalogMessage.verifySkippedConfiguration.filled(["id": provider.id, "file": file, "host": endpoint.host])
        }
        return nil
    }

    /// Checks one provider: refuses, reads the key, GETs `/models` and compares it with the catalog.
    public func verify(_ provider: Provider, origin: ProviderOrigin) -> VerifyOutcome {
        if let refusal = refusal(provider, origin: origin) { return .notChecked(refusal) }
        let id = provider.id
        guard let key = environment(provider.keyEnvironmentVariable), !key.isEmpty else {
            return .notChecked(CatalogMessage.verifyNoKey.filled(["id": id, "variable": provider.keyEnvironmentVariable]))
        }
        let endpoint = Endpoint(provider.baseURL)
        var url = provider.baseURL + "/models"
        var response: HTTPResponse
        var redirects = 0
        while true {
            do {
                response = try get(url, ["Authorization: Bearer " + key, "Accept: application/json"],
                                   timeoutMilliseconds, endpoint.isLoopback)
            } catch {
                switch error {
                case .timeout:
                    let seconds = timeoutMilliseconds % 1000 == 0 ? "\(timeoutMilliseconds / 1000)" : "\(Double(timeoutMilliseconds) / 1000)"
                    return .notChecked(CatalogMessage.verifyTimeout.filled(["id": id, "seconds": seconds]))
                case .tooLarge:
                    return .notChecked(CatalogMessage.verifyTooLarge.filled(["id": id, "size": "\(CurlLibrary.maxBodySize >> 20)"]))
                case .network(let reason):
                    return .notChecked(CatalogMessage.verifyNetwork.filled(["id": id, "reason": reason.replacingKey(key)]))
                }
            }
            guard (300..<400).contains(response.status), let target = response.redirectURL else { break }
            // A redirect is followed with the key only to the same scheme and host, a few times.
            let next = Endpoint(target)
            guard next.host == endpoint.host, next.scheme == endpoint.scheme, !next.hasUserInfo, redirects < 3 else {
                return .notChecked(CatalogMessage.verifyRedirect.filled(["id": id, "host": next.host.isEmpty ? "?" : next.host]))
            }
            redirects += 1
            url = target
        }
        switch response.status {
        case 200..<300: break
        case 401, 403:
            return .notChecked(CatalogMessage.verifyRefused.filled(
                ["id": id, "variable": provider.keyEnvironmentVariable, "status": "\(response.status)"]))
        case 404, 405, 501:
            return .modelsNotOffered(status: response.status)
        default:
            return .notChecked(CatalogMessage.verifyHTTPStatus.filled(["id": id, "status": "\(response.status)"]))
        }
        guard let listed = CatalogVerifier.modelIDs(in: response.body) else {
            return .notChecked(CatalogMessage.verifyNotList.filled(["id": id]))
        }
        return CatalogVerifier.compare(provider, listed: listed)
    }

    /// The `id`s of an OpenAI model list (`{"object": "list", "data": [{"id": …}, …]}`), nil for
    /// anything else.
    public static func modelIDs(in body: [UInt8]) -> Set<String>? {
        guard case .object(let members)? = try? JSONParser.parse(body),
              case .array(let items)? = members.first(where: { $0.0 == "data" })?.1 else { return nil }
        var ids = Set<String>()
        for item in items {
            guard case .object(let fields) = item, case .string(let id)? = fields.first(where: { $0.0 == "id" })?.1 else {
                return nil
            }
            ids.insert(id)
        }
        return ids
    }

    /// Per class, the catalog models `listed` has and has not (IDs compared exactly, and without a
    /// `models/` prefix some providers add).
    public static func compare(_ provider: Provider, listed: Set<String>) -> VerifyOutcome {
        let normalized = Set(listed.map { $0.hasPrefix("models/") ? String($0.dropFirst(7)) : $0 })
        var served: [(String, [String])] = []
        var missing: [(String, [String])] = []
        let classes = classOrder.filter { provider.models[$0] != nil }
            + provider.models.keys.filter { !classOrder.contains($0) }.sorted()
        for capability in classes {
            let models = provider.models[capability] ?? []
            let yes = models.filter { normalized.contains($0) }
            let no = models.filter { !normalized.contains($0) }
            if !yes.isEmpty { served.append((capability, yes)) }
            if !no.isEmpty { missing.append((capability, no)) }
        }
        return .compared(served: served, missing: missing, listed: listed.count)
    }
}

extension String {
    /// This text with every occurrence of `key` masked, so no message can carry a secret.
    func replacingKey(_ key: String) -> String {
        guard !key.isEmpty, contains(key) else { return self }
        return replacing(key, with: "***")
    }
}
