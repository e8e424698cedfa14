// Configuration files: per-path rule settings, include/exclude, target and catalog sections.

@testable import HomeportCore
import Testing

@Suite struct ConfigurationTests {
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
}
