// Classes of misses from the evaluation set (issue 11), each pinned by the frontend or matcher logic
// that fixes it: settings fields, dictionary labels, prose arguments, import components, Azure suffixes.

import Testing
@testable import HomeportCore

@Suite struct DetectionClassesTests {
    static let rules = try! RuleSet.bundled()

    func python(_ source: String) -> Facts {
        PythonFrontend().facts(in: SourceFile(path: "t.py", bytes: Array(source.utf8), language: .python))
    }

    func swift(_ source: String) -> Facts {
        SwiftFrontend().facts(in: SourceFile(path: "t.swift", bytes: Array(source.utf8), language: .swift))
    }

    /// `rule line` for each finding of a scan of `source` at `path`.
    func findings(_ source: String, path: String = "t.py", language: Language = .python) -> [String] {
        let file = SourceFile(path: path, bytes: Array(source.utf8), language: language)
        return Scanner(rules: Self.rules, options: ScanOptions(usePrefilter: false)).scan(file).findings
            .map { "\($0.ruleID) \(file.location(of: $0.span.start).line)" }
    }

    // MARK: A. pydantic-settings fields

    @Test func settingsFieldsReadPrefixedVariablesInUpperCase() {
        let source = """
            class OpenAISettings(KernelBaseSettings):
                \"\"\"Doc.\"\"\"

                env_prefix: ClassVar[str] = "OPENAI_"
                api_key: SecretStr | None = None
                chat_model_id: str | None = None
                _secret: str = ""
                aliased: str = Field(alias="OTHER")

                def api_base(self) -> str:
                    local: str = ""
                    return local

            class Child(OpenAISettings):
                org_id: str

            class Plain(BaseModel):
                openai_api_key: str

            class V1(pydantic.BaseSettings):
                openai_key: str
                class Config:
                    env_prefix = "my_"

            class Sensitive(BaseSettings, case_sensitive=True):
                openai_api_key: str
            """
        let reads = python(source).environmentReads
        #expect(reads.map(\.name) == ["OPENAI_API_KEY", "OPENAI_CHAT_MODEL_ID", "OPENAI_ORG_ID", "MY_OPENAI_KEY",
                                      "openai_api_key"])
        let bytes = Array(source.utf8)
        #expect(String(decoding: bytes[reads[0].span.start..<reads[0].span.end], as: UTF8.self) == "api_key")
    }

    @Test func settingsPrefixMayComeAfterTheFields() {
        let reads = python("""
            class Settings(BaseSettings):
                openai_model: str | None = None
                model_config = SettingsConfigDict(env_file=".env", env_prefix="APP_")
            """).environmentReads
        #expect(reads.map(\.name) == ["APP_OPENAI_MODEL"])
    }

    @Test func settingsFieldsAreReportedAtTheFieldWithoutAnInPlaceRename() {
        let source = """
            class Settings(BaseSettings):
                OPENAI_API_KEY: str | None = None
                openai_weak_model: str = ""
                OPENAI_BASE_URL: str = os.getenv("OPENAI_BASE_URL", "")
            """
        // The field whose default reads the same variable by its string is reported once, at the string.
        #expect(findings(source) == ["openai-env 2", "openai-prefixed-env 3", "openai-env 4"])
        let file = SourceFile(path: "t.py", bytes: Array(source.utf8), language: .python)
        let finding = Scanner(rules: Self.rules, options: ScanOptions(usePrefilter: false)).scan(file).findings[0]
        // Renaming the field would break every `settings.OPENAI_API_KEY`: no safe edit.
        #expect(finding.suggestions.allSatisfy { $0.edits.isEmpty })
    }

    // MARK: B. Short ids as dictionary keys and values

    @Test func dictionaryKeysAndValuesShareTheDictionarysLabel() {
        let f = python("""
            MODEL_TO_ENCODING: dict[str, str] = {"davinci": "r50k", "ada": "r50k"}
            aliases = {"fast": "o1"}
            engine: str | None = "ada"
            if ready: name = "ada"
            """)
        #expect(f.strings.map { "\($0.value)=\($0.label ?? "-")/\($0.collectionLabel ?? "-")" } == [
            "davinci=MODEL_TO_ENCODING/MODEL_TO_ENCODING", "r50k=davinci/MODEL_TO_ENCODING",
            "ada=MODEL_TO_ENCODING/MODEL_TO_ENCODING", "r50k=ada/MODEL_TO_ENCODING",
            "fast=aliases/aliases", "o1=fast/aliases", "ada=engine/-", "ada=name/-",
        ])
        let s = swift(#"let engines = ["fast": "o1", "ada": "x"]"#)
        #expect(s.strings.map { "\($0.value)=\($0.label ?? "-")/\($0.collectionLabel ?? "-")" } == [
            "fast=engines/engines", "o1=fast/engines", "ada=engines/engines", "x=ada/engines",
        ])
    }

    // MARK: E. Environment variables

    @Test func lowerCaseNamesCountOnlyWhereTheEnvironmentIsRead() {
        let source = """
            a = os.getenv("openai_api_key")
            b = os.environ.get("openai_cache_dir", "")
            c = getattr(settings, "openai_api_key")
            d = os.getenv(key="openai_api_key")
            e = os.getenv("OPENAI_MODEL_NAME")
            """
        #expect(findings(source) == ["openai-env 1", "openai-prefixed-env 2", "openai-env 5"])
        let file = SourceFile(path: "t.py", bytes: Array(source.utf8), language: .python)
        let first = Scanner(rules: Self.rules, options: ScanOptions(usePrefilter: false)).scan(file).findings[0]
        #expect(first.matchedText == "OPENAI_API_KEY")
        #expect(first.suggestions.allSatisfy { $0.edits.isEmpty })
    }

    // MARK: F. Prose

    @Test func unlabelledArgumentsOfPrintingCallsAreProse() {
        let f = python("""
            print("a", end="b")
            logger.warning("c", extra={"model": "d"})
            raise ValueError(f"e {x}")
            st.error("f")
            warnings.warn("g")
            """)
        #expect(f.strings.map { "\($0.value)=\($0.isDocumentation)" } == [
            "a=true", "b=false", "c=true", "model=false", "d=false", "e \u{FFFC}=true", "f=false", "g=true",
        ])
        let s = swift(#"print("a", terminator: "b"); fatalError("c"); logger.info("d"); send(model: "e")"#)
        #expect(s.strings.map { "\($0.value)=\($0.isDocumentation)" } == ["a=true", "b=false", "c=true", "d=true", "e=false"])
        let described = python(#"m: str = Field("a", description="b"); p = ArgumentParser(epilog="c"); t = {"description": "d"}"#)
        #expect(described.strings.map { "\($0.value)=\($0.isDocumentation)" }
                == ["a=false", "b=true", "c=true", "description=false", "d=true"])
        let c = ClangFrontend(cplusplus: true).facts(in: SourceFile(
            path: "t.cpp", bytes: Array(#"""
                void f() { printf("a"); fprintf(stderr, "b"); std::cerr << "c"; snprintf(buf, n, "d"); char m[] = "e"; }
                """#.utf8), language: .cpp))
        #expect(c.strings.map { "\($0.value)=\($0.isDocumentation)" } == ["a=true", "b=true", "c=true", "d=false", "e=false"])
        #expect(ProseCallee.printsProse("self.logger.error"))
        #expect(!ProseCallee.printsProse("client.error"))
        #expect(!ProseCallee.printsProse("Request"))
    }

    // MARK: C, G. Import components

    @Test func pythonImportsOfAnOpenAIComponentButNotOfTheFilesOwnPackage() {
        let source = """
            from langchain.llms.openai import OpenAI
            from mem0.configs.llms.openai import OpenAIConfig
            from llama_index.llms.openai_like import OpenAILike
            """
        #expect(findings(source, path: "mem0/llms/openai.py") == ["openai-import 1"])
        #expect(findings(source, path: "app/main.py") == ["openai-import 1", "openai-import 2"])
    }

    @Test func swiftModulesNamedAfterOpenAIAsCamelCaseWords() {
        #expect(ImportMatcher.hasCamelCaseWords("OpenAI", in: "SwiftAzureOpenAI"))
        #expect(ImportMatcher.hasCamelCaseWords("OpenAI", in: "OpenAIKit"))
        #expect(ImportMatcher.hasCamelCaseWords("OpenAI", in: "LLMChatOpenAI2"))
        #expect(!ImportMatcher.hasCamelCaseWords("OpenAI", in: "OpenAPIRuntime"))
        #expect(!ImportMatcher.hasCamelCaseWords("OpenAI", in: "OpenAIable"))
        #expect(findings("import SwiftAzureOpenAI.Models\nimport OpenAPIRuntime\n", path: "t.swift", language: .swift)
                == ["openai-import 1"])
    }

    // MARK: H. Azure host suffixes

    @Test func azureSuffixTestsAreNotEndpoints() {
        #expect(findings("""
            a = host.endswith(".openai.azure.com")
            b = "*.openai.azure.com"
            c = "https://x.openai.azure.com/"
            """) == ["azure-openai-host 3"])
    }
}
