// The gate's pure parts: configuration settings, diff parsing, remote URIs, shards, JSON round trips.

@testable import HomeportCore
import Testing

@Suite struct GateCoreTests {
    @Test func perPathOverridesWinOverRules() throws {
        let configuration = try ConfigLoader.load(text: """
            rules:
              openai-model: error
              openai-env: off
            per-path:
              - paths: ["tests/**"]
                rules: {openai-model: note}
              - paths: ["tests/e2e/**"]
                rules: {openai-model: off}
            """, file: "/repo/.homeport.yml", root: "/repo")
        #expect(configuration.setting(for: "openai-model", at: "/repo/app/a.py") == .level(.error))
        #expect(configuration.setting(for: "openai-model", at: "/repo/tests/a.py") == .level(.note))
        #expect(configuration.setting(for: "openai-model", at: "/repo/tests/e2e/a.py") == .off)
        #expect(configuration.setting(for: "openai-env", at: "/repo/tests/a.py") == .off)
        #expect(configuration.setting(for: "openai-host", at: "/repo/a.py") == nil)
    }

    @Test func includeAndExcludeAreRelativeToTheRoot() throws {
        let configuration = try ConfigLoader.load(text: "include: [\"src\"]\nexclude: [\"**/gen_*.py\"]\n",
                                                  file: "/repo/.homeport.yml", root: "/repo")
        #expect(configuration.admits("/repo/src/app.py"))
        #expect(!configuration.admits("/repo/src/gen_api.py"))
        #expect(!configuration.admits("/repo/scripts/x.py"))
    }

    @Test func emptyConfigurationIsValid() throws {
        let configuration = try ConfigLoader.load(text: "# nothing yet\n", file: "/r/.homeport.yml", root: "/r")
        #expect(configuration.rules.isEmpty && configuration.failOn == nil)
        _ = try ConfigLoader.load(text: StarterConfiguration.text, file: "/r/.homeport.yml", root: "/r")
    }

    @Test func targetAndCatalogAreKeptForTheCatalog() throws {
        let configuration = try ConfigLoader.load(text: """
            target: zhipu
            catalog:
              providers:
                - id: inhouse
                  base-url: https://llm.example.cn/v1
            """, file: "/r/.homeport.yml", root: "/r")
        #expect(configuration.target == "zhipu")
        #expect(configuration.catalog?.node["providers"]?.items?.first?["id"]?.text == "inhouse")
        #expect(throws: FileProblem.self) {
            try ConfigLoader.load(text: "catalog:\n  providers: [x]\n", file: "/r/.homeport.yml", root: "/r")
        }
    }

    @Test func diffHunksGiveAddedLines() {
        let diff = """
            diff --git a/app.py b/app.py
            --- a/app.py
            +++ b/app.py
            @@ -0,0 +1 @@
            +import os
            @@ -3 +4,2 @@
            -x
            +y
            +z
            @@ -9,2 +10,0 @@
            diff --git a/old.py b/old.py
            --- a/old.py
            +++ /dev/null
            @@ -1 +0,0 @@
            diff --git "a/sp ace\\303\\251.py" "b/sp ace\\303\\251.py"
            --- "a/sp ace\\303\\251.py"
            +++ "b/sp ace\\303\\251.py"
            @@ -1 +1 @@
            """
        let ranges = ChangedLines.parseDiff(diff)
        #expect(ranges["app.py"] == [1...1, 4...5])
        #expect(ranges["old.py"] == nil)
        #expect(ranges["sp aceé.py"] == [1...1])
    }

    @Test func remoteURIsLoseCredentials() {
        #expect(SARIFRunDetails.repositoryURI(fromRemote: "git@github.com:acme/chat.git") == "https://github.com/acme/chat")
        #expect(SARIFRunDetails.repositoryURI(fromRemote: "https://x-access-token:abc@github.com/acme/chat.git")
                == "https://github.com/acme/chat")
        #expect(SARIFRunDetails.repositoryURI(fromRemote: "ssh://git@gitlab.example.com/group/chat.git")
                == "https://gitlab.example.com/group/chat")
        #expect(SARIFRunDetails.repositoryURI(fromRemote: "/srv/git/chat") == nil)
        #expect(SARIFRunDetails.automationID(category: "python") == "python/")
        #expect(SARIFRunDetails.automationID(category: "python/") == "python/")
    }

    @Test func shardsPartitionPaths() {
        let paths = (0..<500).map { "src/module\($0)/file.py" }
        let shards = (1...4).map { Shard("\($0)/4")! }
        for path in paths {
            #expect(shards.filter { $0.contains(path) }.count == 1)
        }
        #expect(shards.allSatisfy { shard in paths.filter(shard.contains).count > 80 })
        #expect(Shard("0/4") == nil && Shard("5/4") == nil && Shard("1/0") == nil && Shard("x") == nil)
    }

    @Test func jsonParserRoundTrips() throws {
        let value = JSONValue.object([
            ("b", .array([.int(-3), .bool(true), .null, .string("é\"\\\n\u{1}😀")])),
            ("a", .object([])), ("c", .array([])),
        ])
        #expect(try JSONParser.parse(Array(value.serialized().utf8)) == value)
        #expect(try JSONParser.parse(Array("\"\\ud83d\\ude00\"".utf8)) == .string("😀"))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("[01]".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("[1.]".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("[1e]".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("[-]".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("[1, 2".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("{} x".utf8)) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Never.self) { try JSONParser.parse(Array(fine.utf8)) }
    }

    /// Editors' messages may hold any JSON number; integers stay exact.
    @Test func jsonNumbersWithFractionsAndExponents() throws {
        #expect(try JSONParser.parse(Array("[1.5, -0.25e2, 3E+1, 0, -7, 9223372036854775808]".utf8))
                == .array([.double(1.5), .double(-25), .double(30), .int(0), .int(-7), .double(9223372036854775808)]))
        #expect(try JSONParser.parse(Array(#""\ud83d\u0041""#.utf8)) == .string("\u{FFFD}A"))  // a lone high surrogate
    }

    @Test func compactJSONHasNoWhitespace() throws {
        let value = JSONValue.object([("a", .array([.int(1), .double(0.5), .string("x y")])), ("b", .object([]))])
        let compact = String(decoding: value.compactBytes(), as: UTF8.self)
        #expect(compact == #"{"a":[1,0.5,"x y"],"b":{}}"#)
        #expect(try JSONParser.parse(value.compactBytes()) == value)
    }

    @Test func fileURIsAndPathsBothWays() {
        #expect(FileURI.uri(forPath: "/tmp/我的 app/a#1.py") == "file:///tmp/%E6%88%91%E7%9A%84%20app/a%231.py")
        #expect(FileURI.path(of: "file:///tmp/%E6%88%91%E7%9A%84%20app/a%231.py") == "/tmp/我的 app/a#1.py")
        #expect(FileURI.path(of: "file://localhost/etc/x.py") == "/etc/x.py")
        #expect(FileURI.path(of: "FILE:///a.py?query#frag") == "/a.py")
        #expect(FileURI.path(of: "file://server/share/a.py") == nil)
        #expect(FileURI.path(of: "untitled:Untitled-1") == nil)
        #expect(FileURI.path(of: "file:relative.py") == nil)
    }

    @Test func resultCountPastGitHubsLimitWarns() {
        #expect(SARIFLimits.warnings(results: 25_000, rules: 7).isEmpty)
        #expect(SARIFLimits.warnings(results: 25_001, rules: 7).count == 1)
    }
}
