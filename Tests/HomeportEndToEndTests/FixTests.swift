// `homeport fix`, `plan`, `providers` and `explain` on the built binary: exact suggestions and edits
// per target, a fix -> rescan round trip, and files that keep everything but the edits.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct FixTests {
    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Fixtures")
    static let targets = ["zhipu", "baidu", "tencent", "sensetime", "deepseek", "qwen"]

    @Test("exact diff and manual list per target", arguments: targets)
    func goldenFixes(target: String) throws {
        let result = try Run.homeport(["fix", "python", "swift", "--diff", "--unsafe-fixes", "--target", target],
                                      in: Self.fixtures)
        #expect(result.status == 1)  // manual migrations remain
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("expected-fixes/\(target).txt"),
                                  encoding: .utf8)
        #expect(result.stdout + result.stderr == expected)
        try expectDiffApplies(languages: ["python", "swift"], target: target)
    }

    /// C and C++ have no golden: their diff is checked by applying it.
    @Test("the C and C++ diff applies with git apply and patch and gives what fix writes", arguments: targets)
    func cDiffApplies(target: String) throws {
        try expectDiffApplies(languages: ["c", "cpp"], target: target)
    }

    /// `fix --diff` on a copy of the `languages` fixtures, applied with `git apply` and `patch` to
    /// other copies, gives exactly what `fix` writes.
    func expectDiffApplies(languages: [String], target: String) throws {
        let original = try copyOfFixtures(languages)
        let fixed = try copyOfFixtures(languages)
        defer { for temp in [original, fixed] { try? FileManager.default.removeItem(at: temp) } }
        let diff = try Run.homeport(["fix", "--diff", "--unsafe-fixes", "--target", target] + languages, in: original)
        #expect(diff.stdout.hasPrefix("--- a/"), "\(diff.stderr)")
        _ = try Run.homeport(["fix", "--unsafe-fixes", "--target", target] + languages, in: fixed)
        let withheld = PatchCheck.withheldLines(in: diff.stderr)
        // legacy_v0.py's key is on the line whose variable name the fix changes.
        #expect(withheld.keys.allSatisfy { $0 == "python/legacy_v0.py" }, "\(withheld)")
        #expect(!diff.stdout.contains("T3BlbkFJ"))
        #expect(try PatchCheck.problems(applying: diff.stdout, to: original, expecting: fixed, withheld: withheld) == [])
    }

    /// The ways a file can end its lines, each fixed through a diff that must apply.
    static let lineEndings: [(name: String, bytes: [UInt8])] = [
        ("LF", Array("x = 1\nm = 'gpt-4o'\ny = 2\n".utf8)),
        ("CRLF", Array("x = 1\r\nm = 'gpt-4o'\r\ny = 2\r\n".utf8)),
        ("mixed", Array("x = 1\r\nm = 'gpt-4o'\ny = 2\r\nn = 'gpt-4o-mini'\r\nz = 3\n".utf8)),
        ("no final line break, LF", Array("x = 1\nm = 'gpt-4o'".utf8)),
        ("no final line break, CRLF", Array("x = 1\r\nm = 'gpt-4o'".utf8)),
        ("BOM and CRLF", [0xEF, 0xBB, 0xBF] + Array("m = 'gpt-4o'\r\nx = 1\r\n".utf8)),
        ("CR alone inside a line", Array("s = 'a\rb'\r\nm = 'gpt-4o'\r\n".utf8)),
    ]

    @Test("fix --diff applies with git apply and patch for every line-end style",
          arguments: lineEndings.indices)
    func diffAppliesForEveryLineEnding(index: Int) throws {
        let (name, bytes) = Self.lineEndings[index]
        let original = try Run.temporaryDirectory()
        let fixed = try Run.temporaryDirectory()
        defer { for temp in [original, fixed] { try? FileManager.default.removeItem(at: temp) } }
        for temp in [original, fixed] { try Data(bytes).write(to: temp.appendingPathComponent("a.py")) }
        let diff = try Run.homeport(["fix", "a.py", "--diff", "--target", "deepseek"], in: original)
        #expect(diff.stdout.contains("m = 'deepseek-"), "\(name): \(diff.stdout)\(diff.stderr)")
        let fix = try Run.homeport(["fix", "a.py", "--target", "deepseek"], in: fixed)
        #expect(fix.status == 0, "\(name): \(fix.stderr)")
        #expect(try PatchCheck.problems(applying: diff.stdout, to: original, expecting: fixed) == [], "\(name)")
    }

    /// A key stays masked in the diff; context stops short of its line, so the diff still applies.
    @Test func diffAroundAKeyApplies() throws {
        let key = "sk-proj-" + String(repeating: "Q", count: 16) + "T3BlbkFJ" + String(repeating: "z", count: 16)
        let original = try Run.temporaryDirectory()
        let fixed = try Run.temporaryDirectory()
        defer { for temp in [original, fixed] { try? FileManager.default.removeItem(at: temp) } }
        let text = "k = '\(key)'\nx = 1\nm = 'gpt-4o'\ny = 2\nk2 = '\(key)'\nz = 3\n"
        for temp in [original, fixed] { try Data(text.utf8).write(to: temp.appendingPathComponent("a.py")) }
        let diff = try Run.homeport(["fix", "a.py", "--diff", "--target", "deepseek"], in: original)
        #expect(!diff.stdout.contains(key) && !diff.stdout.contains("T3BlbkFJ"))
        #expect(diff.stdout.contains("@@ -2,3 +2,3 @@\n x = 1\n-m = 'gpt-4o'\n+m = 'deepseek-"), "\(diff.stdout)")
        _ = try Run.homeport(["fix", "a.py", "--target", "deepseek"], in: fixed)
        #expect(try PatchCheck.problems(applying: diff.stdout, to: original, expecting: fixed) == [])
    }

    /// A change on a line that holds a key is withheld from the diff, and said so: the rest applies.
    @Test func changeOnAKeyLineIsWithheld() throws {
        let key = "sk-proj-" + String(repeating: "Q", count: 16) + "T3BlbkFJ" + String(repeating: "z", count: 16)
        let original = try Run.temporaryDirectory()
        let fixed = try Run.temporaryDirectory()
        defer { for temp in [original, fixed] { try? FileManager.default.removeItem(at: temp) } }
        let text = "import os\nk = os.getenv('OPENAI_API_KEY') or '\(key)'\nx = 1\ny = 2\nz = 3\nm = 'gpt-4o'\n"
        for temp in [original, fixed] { try Data(text.utf8).write(to: temp.appendingPathComponent("a.py")) }
        let diff = try Run.homeport(["fix", "a.py", "--diff", "--target", "deepseek"], in: original)
        #expect(!diff.stdout.contains("T3BlbkFJ"))
        #expect(diff.stderr.hasPrefix("homeport: a.py:2: not in the diff: the change is on a line that holds a key"), "\(diff.stderr)")
        #expect(PatchCheck.withheldLines(in: diff.stderr) == ["a.py": [2]])
        _ = try Run.homeport(["fix", "a.py", "--target", "deepseek"], in: fixed)
        #expect(try String(contentsOf: fixed.appendingPathComponent("a.py"), encoding: .utf8).contains("DEEPSEEK_API_KEY"))
        #expect(try PatchCheck.problems(applying: diff.stdout, to: original, expecting: fixed, withheld: ["a.py": [2]]) == [])
    }

    /// A CRLF line is shown once, with its CR, and is not taken for a last line without a line break.
    @Test func crlfDiffIsExact() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("x = 1\r\nm = 'gpt-4o-mini'\r\n".utf8).write(to: temp.appendingPathComponent("a.py"))
        let result = try Run.homeport(["fix", "a.py", "--diff", "--target", "deepseek"], in: temp)
        #expect(result.stdout == "--- a/a.py\n+++ b/a.py\n@@ -1,2 +1,2 @@\n x = 1\r\n-m = 'gpt-4o-mini'\r\n+m = 'deepseek-flash'\r\n")
    }

    /// A scratch copy of the fixtures.
    func copyOfFixtures(_ languages: [String] = ["python", "swift"]) throws -> URL {
        let temp = try Run.temporaryDirectory()
        for language in languages {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(language),
                                             to: temp.appendingPathComponent(language))
        }
        return temp
    }

    /// The Python that compiles the fixtures: 3.12 or later (`chat_service.py` nests same-quote
    /// f-strings, PEP 701). `scripts/test.sh` finds one and sets HOMEPORT_FIXTURE_PYTHON.
    static let fixturePython = ProcessInfo.processInfo.environment["HOMEPORT_FIXTURE_PYTHON"] ?? "python3"

    func compiles(_ file: URL) throws -> Bool {
        let command = file.pathExtension == "swift"
            ? ["swiftc", "-parse", "-enable-bare-slash-regex", file.path]
            : [Self.fixturePython, "-c", "import sys; compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')", file.path]
        return try Run.process(URL(fileURLWithPath: "/usr/bin/env"), command).status == 0
    }

    func sourceFiles(under root: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        return enumerator.compactMap { $0 as? URL }.filter {
            $0.pathExtension == "py" || $0.pathExtension == "swift" || $0.lastPathComponent == "ask"
        }.sorted { $0.path < $1.path }
    }

    @Test("fix then rescan leaves nothing mechanical; a second fix changes nothing; code still compiles",
          arguments: targets)
    func roundTrip(target: String) throws {
        let temp = try copyOfFixtures()
        defer { try? FileManager.default.removeItem(at: temp) }
        // Every fixture compiles before the fix, so every one is checked after it: one that does not
        // is a failure here, not a file left out.
        for file in sourceFiles(under: temp) {
            #expect(try compiles(file), "\(file.lastPathComponent) does not compile before the fix (Python fixtures need 3.12+: run scripts/test.sh)")
        }

        let fix = try Run.homeport(["fix", "python", "swift", "--unsafe-fixes", "--target", target], in: temp)
        #expect(fix.status == 1)
        let rescan = try Run.homeport(["scan", "python", "swift", "--format", "json", "--target", target], in: temp)
        let report = try JSONSerialization.jsonObject(with: Data(rescan.stdout.utf8)) as! [String: Any]
        let mechanical = (report["findings"] as! [[String: Any]]).filter { finding in
            let suggestions = finding["suggestions"] as! [[String: Any]]
            return ["openai-host", "openai-model", "openai-env"].contains(finding["rule"] as! String)
                && (suggestions.first?["applicability"] as? String).map { $0 != "manual" } == true
        }
        #expect(mechanical.isEmpty, "\(mechanical.map { "\($0["path"]!):\($0["line"]!) \($0["match"]!)" })")

        let snapshot = try sourceFiles(under: temp).map { try Data(contentsOf: $0) }
        let again = try Run.homeport(["fix", "python", "swift", "--unsafe-fixes", "--target", target], in: temp)
        #expect(again.stdout == "")
        #expect(try sourceFiles(under: temp).map { try Data(contentsOf: $0) } == snapshot)

        for file in sourceFiles(under: temp) {
            #expect(try compiles(file), "\(file.lastPathComponent) no longer compiles after fix --target \(target)")
        }
    }

    @Test func fixKeepsBOMLineEndingsAndPermissions() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let file = temp.appendingPathComponent("tool.py")
        let original: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("#!/usr/bin/env python3\r\n# 模型\r\nMODEL = \"gpt-4o\"\r\nURL = \"https://api.openai.com/v1/chat/completions\"\r\n".utf8)
        try Data(original).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: file.path)
        let result = try Run.homeport(["fix", "tool.py", "--target", "qwen"], in: temp)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "fixed tool.py: 2 edits\n")
        let fixed = try [UInt8](Data(contentsOf: file))
        let expected: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("#!/usr/bin/env python3\r\n# 模型\r\nMODEL = \"qwen3.7-max\"\r\nURL = \"https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions\"\r\n".utf8)
        #expect(fixed == expected)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o750)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: temp.path)
        #expect(leftovers == ["tool.py"])
    }

    @Test func diffDoesNotWrite() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let file = temp.appendingPathComponent("a.py")
        try Data("x = 1\nm = 'gpt-4o-mini'\n".utf8).write(to: file)
        let result = try Run.homeport(["fix", "a.py", "--diff", "--target", "deepseek"], in: temp)
        #expect(result.stdout == """
            --- a/a.py
            +++ b/a.py
            @@ -1,2 +1,2 @@
             x = 1
            -m = 'gpt-4o-mini'
            +m = 'deepseek-flash'

            """)
        #expect(try String(contentsOf: file, encoding: .utf8) == "x = 1\nm = 'gpt-4o-mini'\n")
    }

    @Test func unknownTargetAndBadCatalogAreUsageErrors() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let unknown = try Run.homeport(["scan", "--target", "openai"], in: temp)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("homeport: unknown provider `openai`; known providers: zhipu, baidu"))
        try Data("providers:\n  - id: gateway\n    name: Gateway\n    base-url: ftp://x\n    key-env: K\n".utf8)
            .write(to: temp.appendingPathComponent("bad.yml"))
        let bad = try Run.homeport(["scan", "--catalog", "bad.yml"], in: temp)
        #expect(bad.status == 2)
        #expect(bad.stderr == "homeport: bad.yml:4:15: `base-url` must start with https:// or http://\n")
        let missing = try Run.homeport(["scan", "--catalog", "nope.yml"], in: temp)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("homeport: nope.yml: cannot read file"))
    }

    @Test func companyGatewayFromACatalogFile() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("""
            providers:
              - id: gateway
                name: ACME AI Gateway
                base-url: https://ai.acme.internal/v1
                key-env: ACME_AI_KEY
                compatible: [chat, embeddings]
                models:
                  chat-flagship: [acme-large]
                  chat-small: [acme-small]
            """.utf8).write(to: temp.appendingPathComponent("gateway.yml"))
        try Data("u = 'https://api.openai.com/v1/embeddings'\nm = 'gpt-4o'\n".utf8).write(to: temp.appendingPathComponent("a.py"))
        let result = try Run.homeport(["fix", "a.py", "--diff", "--catalog", "gateway.yml", "--target", "gateway"], in: temp)
        #expect(result.stdout.contains("+u = 'https://ai.acme.internal/v1/embeddings'"))
        #expect(result.stdout.contains("+m = 'acme-large'"))
        let providers = try Run.homeport(["providers", "gateway", "--catalog", "gateway.yml"], in: temp)
        #expect(providers.stdout.hasPrefix("ACME AI Gateway"))
    }

    @Test func migratedClientImportIsANote() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("from openai import OpenAI\nclient = OpenAI(base_url=\"https://api.deepseek.com\")\n".utf8)
            .write(to: temp.appendingPathComponent("a.py"))
        let result = try Run.homeport(["scan", "a.py", "--no-color"], in: temp)
        #expect(result.stdout.hasPrefix(
            "a.py:1:6: note[openai-import] `openai` imports an OpenAI SDK (openai); the client already points at DeepSeek (api.deepseek.com)"))
    }

    @Test func planSummarisesCapabilitiesAndCoverage() throws {
        let result = try Run.homeport(["plan", "python", "--target", "qwen"], in: Self.fixtures)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Migration plan: 99 findings in 12 of 13 scanned files; target Alibaba Qwen (Model Studio / DashScope) (阿里云百炼 / 通义千问)"))
        #expect(result.stdout.contains("  embedding         text-embedding-3-large, text-embedding-3-small, text-embedding-ada-002 -> Alibaba Qwen (Model Studio / DashScope): text-embedding-v4"))
        #expect(result.stdout.contains("  moderation        omni-moderation-latest -> manual migration"))
        #expect(result.stdout.contains("manual everywhere: moderation, realtime"))
        #expect(result.stdout.contains("  python/legacy_v0.py: 7 edits (OPENAI_API_KEY -> DASHSCOPE_API_KEY"))
    }

    @Test func providersAndExplain() throws {
        let table = try Run.homeport(["providers"])
        #expect(table.stdout.hasPrefix("provider"))
        for id in ["zhipu *", "baidu", "tencent", "sensetime", "deepseek", "qwen", "moonshot", "volcengine"] {
            #expect(table.stdout.contains("\n" + id + " "), "\(id)")
        }
        let json = try Run.homeport(["providers", "--json"])
        let catalog = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(catalog["defaultTarget"] as? String == "zhipu")
        #expect((catalog["providers"] as! [[String: Any]]).count == 10)
        let one = try Run.homeport(["providers", "tencent"])
        #expect(one.stdout.contains("base URL:         https://tokenhub.tencentmaas.com/v1"))
        #expect(try Run.homeport(["providers", "nope"]).status == 2)

        let explain = try Run.homeport(["explain", "openai-model"])
        #expect(explain.stdout.hasPrefix("openai-model (OpenAIModel) — default level: warning"))
        #expect(explain.stdout.contains("resp = client.chat.completions.create(model=\"»gpt-4o«\", messages=msgs)"))
        #expect(explain.stdout.contains("# homeport: ignore[openai-model]"))
        #expect(try Run.homeport(["explain", "nope"]).status == 2)

        let version = try Run.homeport(["--version"])
        #expect(version.stdout == "homeport 0.1.0 (provider catalog 2026.12.1, 2026-12-07)\n")
    }
}

@Suite struct UnsafeFixTests {
    @Test func pythonClientsGetTheTargetBaseURLAndKey() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let file = temp.appendingPathComponent("client.py")
        try Data("""
            from openai import OpenAI, AsyncOpenAI

            client = OpenAI()
            slow = AsyncOpenAI(timeout=30,
                max_retries=2,
            )
            keyed = OpenAI(api_key=key)
            done = OpenAI(base_url="https://api.deepseek.com/v1")

            """.utf8).write(to: file)
        let safeOnly = try Run.homeport(["fix", "client.py", "--target", "deepseek"], in: temp)
        #expect(safeOnly.stdout == "")
        let result = try Run.homeport(["fix", "client.py", "--unsafe-fixes", "--target", "deepseek"], in: temp)
        #expect(result.stdout == "fixed client.py: 1 edit\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == """
            import os
            from openai import OpenAI, AsyncOpenAI

            client = OpenAI(base_url="https://api.deepseek.com", api_key=os.environ["DEEPSEEK_API_KEY"])
            slow = AsyncOpenAI(timeout=30,
                max_retries=2, base_url="https://api.deepseek.com", api_key=os.environ["DEEPSEEK_API_KEY"],
            )
            keyed = OpenAI(api_key=key, base_url="https://api.deepseek.com")
            done = OpenAI(base_url="https://api.deepseek.com/v1")

            """)
        #expect(try Run.process(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "py_compile", file.path]).status == 0)
        // Now pointed at DeepSeek, the import is a note and the gate passes.
        let rescan = try Run.homeport(["scan", "client.py", "--no-color"], in: temp)
        #expect(rescan.status == 0)
        #expect(rescan.stdout.contains("note[openai-import]"))
    }

    @Test func macPawClientsGetAConfigurationWithTheTargetHost() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let file = temp.appendingPathComponent("App.swift")
        try Data("""
            import OpenAI

            let client = OpenAI(apiToken: Secrets.token)
            let tuned = OpenAI(configuration: OpenAI.Configuration(token: key, timeoutInterval: 30))

            """.utf8).write(to: file)
        let result = try Run.homeport(["fix", "App.swift", "--unsafe-fixes", "--target", "zhipu"], in: temp)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == """
            import OpenAI

            let client = OpenAI(configuration: OpenAI.Configuration(token: Secrets.token, host: "open.bigmodel.cn", basePath: "/api/paas/v4"))
            let tuned = OpenAI(configuration: OpenAI.Configuration(token: key, host: "open.bigmodel.cn", basePath: "/api/paas/v4", timeoutInterval: 30))

            """)
        #expect(try Run.process(URL(fileURLWithPath: "/usr/bin/env"), ["swiftc", "-parse", file.path]).status == 0)
    }
}

@Suite struct ConfiguredTargetTests {
    @Test func targetAndCatalogComeFromHomeportYml() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("""
            target: gateway
            catalog:
              providers:
                - id: gateway
                  name: ACME Gateway
                  base-url: https://llm.acme.example/v1
                  key-env: ACME_LLM_KEY
                  compatible: [chat]
                  models:
                    chat-small: [acme-mini]

            """.utf8).write(to: temp.appendingPathComponent(".homeport.yml"))
        try Data("m = 'gpt-4o-mini'\nk = os.environ['OPENAI_API_KEY']\n".utf8).write(to: temp.appendingPathComponent("a.py"))
        let diff = try Run.homeport(["fix", "a.py", "--diff"], in: temp)
        #expect(diff.stdout.contains("+m = 'acme-mini'"), "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.contains("+k = os.environ['ACME_LLM_KEY']"))
        // --target on the command line wins over the file.
        let override = try Run.homeport(["fix", "a.py", "--diff", "--target", "qwen"], in: temp)
        #expect(override.stdout.contains("+m = 'qwen3.6-flash'"))
    }
}
