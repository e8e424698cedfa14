// `homeport providers --verify` against a stub OpenAI-compatible server on 127.0.0.1: served, not
// served, 401, garbage, slow, /models not offered, redirects; every refusal to send a key; exit
// codes; and the key in no output.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct VerifyTests {
    static let key = "sk-test-Verify-7f3a9c"

    /// A `--catalog` file whose providers point at `server`, one per path prefix.
    func catalog(_ server: StubModelServer, _ providers: [(id: String, prefix: String, models: String)], in folder: URL) throws -> String {
        var text = "providers:\n"
        for provider in providers {
            text += """
              - id: \(provider.id)
                name: Stub \(provider.id)
                base-url: http://127.0.0.1:\(server.port)\(provider.prefix)/v1
                key-env: HP_VERIFY_KEY
                compatible: [chat]
                models:
            \(provider.models)

            """
        }
        let url = folder.appendingPathComponent("stub-catalog.yml")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func verify(_ arguments: [String], in folder: URL, key: String? = VerifyTests.key, extra: [String: String] = [:]) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["HP_VERIFY_KEY"] = key
        let result = try Run.homeport(["providers"] + arguments + ["--verify"], in: folder, environment: environment, adding: extra)
        #expect(!result.stdout.contains(Self.key) && !result.stderr.contains(Self.key), "the key was printed")
        #expect(!result.stdout.contains("Bearer") && !result.stderr.contains("Bearer"), "an Authorization header was printed")
        return result
    }

    @Test func servedNotServedAndNotOffered() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let server = try StubModelServer(answers: [
            "/served/v1/models": .models(["stub-large", "stub-small", "other"]),
            "/partial/v1/models": .models(["stub-large"]),
        ])
        defer { server.stop() }
        let file = try catalog(server, [
            ("served", "/served", "      chat-flagship: [stub-large]\n      chat-small: [stub-small]"),
            ("partial", "/partial", "      chat-flagship: [stub-large]\n      embedding: [stub-embed]"),
            ("plain", "/none", "      chat-flagship: [stub-large]"),
        ], in: temp)

        let served = try verify(["served", "--catalog", file], in: temp)
        #expect(served.status == 0, "\(served.stderr)")
        #expect(served.stdout.contains("  chat-flagship: served: stub-large\n"))
        #expect(served.stdout.contains("served: every catalog model is served (3 models listed)"))
        #expect(server.requests.map(\.path) == ["/served/v1/models"])
        #expect(server.requests.first?.authorization == "Bearer " + Self.key)

        let partial = try verify(["partial", "--catalog", file], in: temp)
        #expect(partial.status == 1)
        #expect(partial.stdout.contains("  embedding: NOT served: stub-embed\n"))

        let none = try verify(["plain", "--catalog", file], in: temp)
        #expect(none.status == 0)
        #expect(none.stdout.contains("plain: the provider does not offer /models (HTTP 404); nothing to compare"))

        // In Chinese too.
        let chinese = try verify(["partial", "--catalog", file], in: temp, extra: ["HOMEPORT_LANG": "zh-CN"])
        #expect(chinese.stdout.contains("  embedding：不可用：stub-embed\n"))
    }

    @Test func couldNotCheckExitsThree() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let server = try StubModelServer(answers: [
            "/refused/v1/models": .status(401),
            "/broken/v1/models": .status(500),
            "/garbage/v1/models": .garbage,
            "/slow/v1/models": .slow(seconds: 4),
            "/away/v1/models": .redirect(to: "http://127.0.0.2:9/away/v1/models"),
        ])
        defer { server.stop() }
        let models = "      chat-flagship: [stub-large]"
        let file = try catalog(server, [("refused", "/refused", models), ("broken", "/broken", models),
                                        ("garbage", "/garbage", models), ("slow", "/slow", models),
                                        ("away", "/away", models)], in: temp)
        let cases = [
            ("refused", "refused: cannot check: the key in HP_VERIFY_KEY was refused (HTTP 401)"),
            ("broken", "broken: cannot check: /models answered HTTP 500"),
            ("garbage", "garbage: cannot check: the answer is not an OpenAI model list"),
            ("slow", "slow: cannot check: no answer within 1 s"),
            ("away", "away: cannot check: /models redirects to 127.0.0.2, another host; the key is not sent there"),
        ]
        for (id, message) in cases {
            let result = try verify([id, "--catalog", file, "--timeout", "1"], in: temp)
            #expect(result.status == 3, "\(id)")
            #expect(result.stderr.contains(message), "\(id): \(result.stderr)")
        }
        let noKey = try verify(["refused", "--catalog", file], in: temp, key: nil)
        #expect(noKey.status == 3)
        #expect(noKey.stderr.contains("refused: cannot check: HP_VERIFY_KEY is not set"))
        #expect(!server.requests.contains { $0.path.hasPrefix("/refused") && $0.authorization == nil })
        let chinese = try verify(["refused", "--catalog", file], in: temp, key: nil, extra: ["HOMEPORT_LANG": "zh-CN"])
        #expect(chinese.stderr.contains("refused：无法核对：未设置 HP_VERIFY_KEY"))
    }

    @Test func aKeyGoesOnlyWhereItsOwnerMeantIt() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let server = try StubModelServer(answers: ["/served/v1/models": .models(["stub-large"])])
        defer { server.stop() }
        // A scanned repository's .homeport.yml defines a provider pointing at "its" host.
        try Data("""
            catalog:
              providers:
                - id: planted
                  name: Planted
                  base-url: http://127.0.0.1:\(server.port)/served/v1
                  key-env: HP_VERIFY_KEY
                  compatible: [chat]
                  models:
                    chat-flagship: [stub-large]
                - id: zhipu
                  name: Zhipu (redefined)
                  base-url: http://127.0.0.1:\(server.port)/served/v1
                  key-env: ZHIPUAI_API_KEY
                  compatible: [chat]
                  models:
                    chat-flagship: [stub-large]

            """.utf8).write(to: temp.appendingPathComponent(".homeport.yml"))
        let planted = try verify(["planted"], in: temp)
        #expect(planted.status == 3)
        #expect(planted.stderr.contains("planted: skipped: .homeport.yml defines this provider") || planted.stderr.contains("planted: skipped: "),
                "\(planted.stderr)")
        #expect(planted.stderr.contains("--allow-host 127.0.0.1"))
        // A built-in id redefined by the configuration is a configuration provider.
        var environment = ProcessInfo.processInfo.environment
        environment["ZHIPUAI_API_KEY"] = Self.key
        let zhipu = try Run.homeport(["providers", "zhipu", "--verify"], in: temp, environment: environment)
        #expect(zhipu.status == 3)
        #expect(zhipu.stderr.contains("zhipu: skipped: "))
        #expect(!zhipu.stderr.contains(Self.key) && !zhipu.stdout.contains(Self.key))
        #expect(server.requests.isEmpty, "a key was sent to a host a configuration chose")

        // Allowed explicitly: checked.
        let allowed = try verify(["planted", "--allow-host", "127.0.0.1"], in: temp)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(server.requests.count == 1)

        // Plain HTTP to another host, and a URL with user information, are refused before any request.
        try Data("""
            providers:
              - {id: plain, name: Plain, base-url: "http://example.invalid/v1", key-env: HP_VERIFY_KEY, compatible: [chat], models: {chat-flagship: [m]}}
              - {id: userinfo, name: User, base-url: "https://api.example.invalid@127.0.0.1:\(server.port)/v1", key-env: HP_VERIFY_KEY, compatible: [chat], models: {chat-flagship: [m]}}

            """.utf8).write(to: temp.appendingPathComponent("refused.yml"))
        let plain = try verify(["plain", "--catalog", "refused.yml"], in: temp)
        #expect(plain.status == 3)
        #expect(plain.stderr.contains("plain: skipped: http://example.invalid/v1 is not HTTPS; a key is sent only over HTTPS (or to 127.0.0.1/localhost)"))
        let userinfo = try verify(["userinfo", "--catalog", "refused.yml"], in: temp)
        #expect(userinfo.status == 3)
        #expect(userinfo.stderr.contains("userinfo: skipped: "))
        #expect(server.requests.count == 1)
    }

    @Test func usageAndMissingLibcurl() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        #expect(try Run.homeport(["providers", "--allow-host", "x"], in: temp).status == 2)
        #expect(try Run.homeport(["providers", "--timeout", "3"], in: temp).status == 2)
        #expect(try Run.homeport(["providers", "nope", "--verify"], in: temp).status == 2)
        #expect(try Run.homeport(["providers", "zhipu", "--verify", "--timeout", "0"], in: temp).status == 2)
        let missing = try Run.homeport(["providers", "zhipu", "--verify"], in: temp,
                                       adding: ["HOMEPORT_LIBCURL": "/nonexistent/libcurl.so.4", "ZHIPUAI_API_KEY": Self.key])
        #expect(missing.status == 3)
        #expect(missing.stderr == "homeport: cannot check: libcurl is not installed (tried /nonexistent/libcurl.so.4); install it (Debian/Ubuntu: apt-get install libcurl4)\n")
        var environment = ProcessInfo.processInfo.environment
        environment["ZHIPUAI_API_KEY"] = nil
        let noKey = try Run.homeport(["providers", "zhipu", "--verify"], in: temp, environment: environment)
        #expect(noKey.status == 3)
        #expect(noKey.stderr.contains("zhipu: cannot check: ZHIPUAI_API_KEY is not set"))
    }
}

@Suite struct CatalogAgeTests {
    @Test func oldCatalogIsSaidOnceByProvidersPlanAndFix() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("m = 'gpt-4o'\n".utf8).write(to: temp.appendingPathComponent("a.py"))
        let note = "homeport: note: the provider catalog is 176 days old (2026-12-07); model line-ups change monthly: "
            + "give a current one with `--catalog FILE`, or check an account with `homeport providers --verify`\n"
        for command in [["providers"], ["plan", "."], ["fix", ".", "--diff"]] {
            let old = try Run.homeport(command, in: temp, adding: ["HOMEPORT_TODAY": "2027-06-01"])
            #expect(old.stderr.components(separatedBy: note).count == 2, "\(command): \(old.stderr)")
            let fresh = try Run.homeport(command, in: temp, adding: ["HOMEPORT_TODAY": "2027-04-06"])
            #expect(!fresh.stderr.contains("days old"), "\(command)")
        }
        let chinese = try Run.homeport(["providers"], in: temp, adding: ["HOMEPORT_TODAY": "2027-06-01", "HOMEPORT_LANG": "zh-CN"])
        #expect(chinese.stderr.contains("注意：服务商目录已有 176 天（2026-12-07）"))
    }

    /// A model past its `retires` date is flagged in `plan` and never written by `fix`: the
    /// provider's named successor is.
    @Test func retiredModelGivesWayToItsSuccessor() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("m = 'gpt-4o'\n".utf8).write(to: temp.appendingPathComponent("a.py"))
        try Data("""
            providers:
              - id: zhipu
                name: Zhipu GLM
                base-url: https://open.bigmodel.cn/api/paas/v4
                key-env: ZHIPUAI_API_KEY
                compatible: [chat]
                models:
                  chat-flagship:
                    - {id: old-flagship, source: "https://example.com/a", checked: 2026-01-01, retires: 2026-06-01, successor: new-flagship}
                    - {id: new-flagship, source: "https://example.com/b", checked: 2026-01-01}

            """.utf8).write(to: temp.appendingPathComponent("catalog.yml"))
        let plan = try Run.homeport(["plan", ".", "--catalog", "catalog.yml"], in: temp)
        #expect(plan.stderr.contains("homeport: Zhipu GLM: `old-flagship` (chat-flagship) retired on 2026-06-01; suggesting its successor `new-flagship`\n"))
        #expect(plan.stdout.contains("new-flagship"))
        #expect(!plan.stdout.contains("old-flagship"))
        let fix = try Run.homeport(["fix", ".", "--catalog", "catalog.yml"], in: temp)
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(try String(contentsOf: temp.appendingPathComponent("a.py"), encoding: .utf8) == "m = 'new-flagship'\n")
    }
}
