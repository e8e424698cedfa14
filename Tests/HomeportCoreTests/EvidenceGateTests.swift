// Model IDs that are also ordinary words (`ada`, `davinci`, `o1` …) count only in a file that shows OpenAI
// some other way; generic liboai header names count only beside liboai (issue 20).

import HomeportTestSupport
import Testing
@testable import HomeportCore

@Suite struct EvidenceGateTests {
    static let rules = try! RuleSet.bundled()
    static let scanner = Scanner(rules: rules, options: ScanOptions(usePrefilter: false))
    static let modelRules: Set<String> = ["openai-model", "openai-model-shape"]

    /// The model findings in `code` (a snippet with `⟪…⟫` marks), as "line:column text", and the marked spans.
    static func modelFindings(_ code: String, _ language: Language, path: String = "example",
                              scanner: Scanner = scanner) -> (found: [String], marked: [String]) {
        let marked = MarkedSource(code)
        let file = SourceFile(path: path, bytes: Array(marked.text.utf8), language: language)
        let describe = { (span: Range<Int>) -> String in
            let location = file.location(of: span.lowerBound)
            return "\(location.line):\(location.column) " + String(decoding: Array(marked.text.utf8)[span], as: UTF8.self)
        }
        let found = scanner.scan(file).findings.filter { modelRules.contains($0.ruleID) }
            .map { describe($0.span.start..<$0.span.end) }
        return (found, marked.spans.map(describe))
    }

    /// Words reported when bound to a model setting in a file with evidence, by openai-model or (o2, o5 …,
    /// gpt-3, gpt-4-base) by openai-model-shape.
    static let reportedWords = ["ada", "babbage", "curie", "davinci", "o1", "o2", "o3", "o4", "o5", "o9",
                                "gpt-3", "gpt-4-base"]
    /// Words never reported: not OpenAI API model IDs at all (the API's are `whisper-1`, `code-cushman-001` …),
    /// or names of other models (the GPT-3 paper's sizes, community fine-tunes).
    static let neverReported = ["cushman", "gpt", "whisper", "gpt-3-xl", "gpt-3-2.7b", "gpt-4-x-alpaca", "ADA", "Babbage"]

    /// How each language binds a string to a model setting, with `WORD` for the ID.
    static let bindings: [Language: String] = [
        .python: "model = \"WORD\"\n",
        .swift: "let model = \"WORD\"\n",
        .c: "const char *model = \"WORD\";\n",
        .cpp: "std::string model = \"WORD\";\n",
    ]

    /// Each kind of evidence, per language: a line (or lines) that shows OpenAI.
    static let evidence: [Language: [(kind: String, code: String)]] = [
        .python: [
            ("an OpenAI SDK import", "from openai import OpenAI\n"),
            ("an OpenAI integration import", "from langchain_openai import ChatOpenAI\n"),
            ("the Agents SDK", "from agents import Agent, Runner\n"),
            ("an OpenAI host", "BASE_URL = \"https://api.openai.com/v1\"\n"),
            ("an Azure OpenAI host", "endpoint = \"https://acme.openai.azure.com/\"\n"),
            ("an OPENAI_* variable", "key = os.environ[\"OPENAI_API_KEY\"]\n"),
            ("an application's OPENAI_* variable", "cache = os.getenv(\"OPENAI_CACHE_DIR\")\n"),
            ("a name saying OpenAI", "OPENAI_TIMEOUT = \"30\"\n"),
            ("an unambiguous model ID", "fallback = \"gpt-4o-mini\"\n"),
            ("a client being made", "client = OpenAI(api_key=key)\n"),
            ("a client of an integration", "llm = ChatOpenAI(temperature=0)\n"),
            ("a request on a client", "def ask(client):\n    return client.chat.completions.create(messages=m)\n"),
            ("a v0 request", "def ask(sdk):\n    return sdk.Completion.create(prompt=p)\n"),
        ],
        .swift: [
            ("an OpenAI SDK import", "import OpenAI\n"),
            ("a Swift client named after OpenAI", "import SwiftAzureOpenAI\n"),
            ("an OpenAI host", "let base = URL(string: \"https://api.openai.com/v1\")!\n"),
            ("an OPENAI_* variable", "let key = ProcessInfo.processInfo.environment[\"OPENAI_API_KEY\"]\n"),
            ("a name saying OpenAI", "let openAITimeout = \"30\"\n"),
            ("an unambiguous model ID", "let fallback = \"gpt-4o-mini\"\n"),
            ("a client being made", "let client = OpenAI(apiToken: token)\n"),
        ],
        .c: [
            ("an OpenAI client header", "#include \"openai.h\"\n"),
            ("liboai", "#include <liboai.h>\n"),
            ("an OpenAI host", "#define API_URL \"https://api.openai.com/v1/chat/completions\"\n"),
            ("an OPENAI_* variable", "static const char *key_name = \"OPENAI_API_KEY\";\n"),
            ("a macro saying OpenAI", "#define OPENAI_TIMEOUT \"30\"\n"),
            ("an unambiguous model ID", "static const char *fallback = \"gpt-4o-mini\";\n"),
        ],
        .cpp: [
            ("an OpenAI client header", "#include <openai/openai.hpp>\n"),
            ("liboai", "#include \"liboai.h\"\n"),
            ("an OpenAI host", "const std::string base = \"https://api.openai.com/v1\";\n"),
            ("an OPENAI_* variable", "const char *key = std::getenv(\"OPENAI_API_KEY\");\n"),
            ("an unambiguous model ID", "const std::string fallback = \"gpt-4o-mini\";\n"),
        ],
    ]

    /// What is not evidence: prose, comments, look-alike names and hosts.
    static let notEvidence: [Language: [String]] = [
        .python: [
            "# import openai\n",
            "\"\"\"Talks to https://api.openai.com with OPENAI_API_KEY.\"\"\"\n",
            "print(\"see https://api.openai.com/docs\")\n",
            "logger.info(\"OPENAI_API_KEY is not needed\")\n",
            "from . import openai_helpers\n",
            "HOST = \"notopenai.com\"\n",
            "HOST = \"openai.com.example.org\"\n",
            "name = \"MY_OPENAI_KEY\"\n",
            "prefix = \"OPENAI_\"\n",
            "reply = agent.chat.completions_count()\n",
            "lexer = OpenAPIClient()\n",
            "from transformers import AutoModel\n",
        ],
        .swift: [
            "// import OpenAI\n",
            "import OpenAPIRuntime\n",
            "print(\"see https://api.openai.com\")\n",
        ],
        .c: [
            "/* uses https://api.openai.com and OPENAI_API_KEY */\n",
            "#include \"core/authorization.h\"\n",
            "#include \"components/embeddings.h\"\n",
            "void warn(void) { printf(\"set OPENAI_API_KEY\\n\"); }\n",
        ],
        .cpp: [
            "// #include \"liboai.h\"\n",
            "#include \"reveal/core/authorization.h\"\n",
            "void warn() { std::cerr << \"see https://api.openai.com\" << std::endl; }\n",
        ],
    ]

    static var cases: [String] {
        reportedWords.flatMap { word in bindings.keys.map { "\($0.rawValue) \(word)" } }.sorted()
    }

    @Test("an ambiguous word is silent without evidence and found with each kind", arguments: cases)
    func reportedOnlyWithEvidence(_ name: String) throws {
        let parts = name.split(separator: " ").map(String.init)
        let language = try #require(Language(rawValue: parts[0]))
        let word = parts[1]
        let binding = try #require(Self.bindings[language]).replacing("WORD", with: word)
        let silent = Self.modelFindings(binding, language)
        #expect(silent.found.isEmpty, "\(name) without evidence: \(silent.found)")
        for other in Self.notEvidence[language] ?? [] {
            let result = Self.modelFindings(other + binding, language)
            #expect(result.found.isEmpty, "\(name) beside `\(other.trimmingWhitespace())`: \(result.found)")
        }
        for (kind, code) in try #require(Self.evidence[language]) {
            let marked = code + binding.replacing("\"\(word)\"", with: "\"⟪\(word)⟫\"")
            let result = Self.modelFindings(marked, language)
            // The evidence line may hold an ID of its own (`gpt-4o-mini`): the word must be among the findings.
            #expect(result.marked.allSatisfy(result.found.contains), "\(name) with \(kind): \(result.found)")
        }
    }

    @Test("a word that is no OpenAI API model is silent even with evidence", arguments: neverReported)
    func neverReportedWords(_ word: String) {
        for (language, binding) in Self.bindings {
            let code = binding.replacing("WORD", with: word)
            #expect(Self.modelFindings(code, language).found.isEmpty, "\(language) \(word)")
            let sure = (Self.evidence[language]?.first?.code ?? "") + code
            #expect(Self.modelFindings(sure, language).found.isEmpty, "\(language) \(word) with evidence")
        }
    }

    /// The shapes of the issue and of the wild-negatives analysis (docs/…: NVIDIA Ada, TI DaVinci, Cardano,
    /// radioactivity units, compiler flags, AdaBoost tables), all silent; the same file with an import reports.
    @Test func fieldsThatUseTheseWords() {
        let python = """
            gpu_model = "ada"
            engine = "o3"
            setup(model="curie")
            MODEL_FLAGS = {"o1": "-O1", "o3": "-O3"}
            models = ["ada", "rf", "lr"]
            relaxation_model = "curie"
            model_names = {"ada": AdaBoostClassifier}
            MODELS = {"ada": AdaBoostRegressor()}
            era_model = "babbage"

            """
        #expect(Self.modelFindings(python, .python).found.isEmpty)
        let withSDK = Self.modelFindings("import openai\n" + python, .python).found
        #expect(withSDK.count == 10, "\(withSDK)")
        let c = "static const struct board b = { .model = \"davinci\" };\nconst char *model = \"curie\";\n"
        #expect(Self.modelFindings(c, .c).found.isEmpty)
        let swift = "let gpuModel = \"ada\"\nlet model = \"babbage\"\n"
        #expect(Self.modelFindings(swift, .swift).found.isEmpty)
    }

    /// The recall cases of eval/: tiktoken's table (other IDs are the evidence), openai-kit's test (its import),
    /// the Agents SDK's example (its import).
    @Test func realOpenAICodeKeepsItsWords() {
        let tiktoken = """
            MODEL_TO_ENCODING: dict[str, str] = {
                "⟪gpt-4o⟫": "o200k_base",
                "⟪davinci⟫": "r50k_base",
                "⟪curie⟫": "r50k_base",
            }

            """
        let table = Self.modelFindings(tiktoken, .python)
        #expect(table.found == table.marked)
        let agents = """
            from agents import Agent, ModelSettings
            agent = Agent(name="Assistant", model="⟪o3⟫", model_settings=ModelSettings(reasoning={"effort": "high"}))

            """
        let example = Self.modelFindings(agents, .python)
        #expect(example.found == example.marked)
        let kit = "import OpenAIKit\nlet completion = try await client.completions.create(model: \"⟪davinci⟫\")\n"
        let test = Self.modelFindings(kit, .swift)
        #expect(test.found == test.marked)
    }

    /// The gate does not depend on which rules run: with only the second tier selected, an ID of the first
    /// tier is still evidence.
    @Test func evidenceDoesNotDependOnTheRulesSelected() throws {
        let shapeOnly = Scanner(rules: try Self.rules.selecting(only: ["openai-model-shape"], ignoring: []),
                                options: ScanOptions(usePrefilter: false))
        let code = "fallback = \"gpt-4o\"\nshort = {\"model\": \"⟪o5⟫\"}\n"
        let result = Self.modelFindings(code, .python, scanner: shapeOnly)
        #expect(result.found == result.marked)
        #expect(Self.modelFindings("short = {\"model\": \"o5\"}\n", .python, scanner: shapeOnly).found.isEmpty)
        let exactOnly = Scanner(rules: try Self.rules.selecting(only: ["openai-model"], ignoring: []),
                                options: ScanOptions(usePrefilter: false))
        let imported = Self.modelFindings("import openai\nengine = \"⟪davinci⟫\"\n", .python, scanner: exactOnly)
        #expect(imported.found == imported.marked)
    }

    /// `homeport explain` prints the help: in both languages it names the ambiguous words and each kind of
    /// evidence the rule's data lists.
    @Test func explainSaysWhatCountsAsEvidence() throws {
        let rule = try #require(Self.rules.rule(id: "openai-model"))
        let evidence = try #require((rule.matcher as? ModelMatcher)?.evidence)
        let modules = evidence.imports.flatMap { $0.modules.values.flatMap { $0 } }
            .filter { $0.package.contains("Agents SDK") }.map(\.name)
        #expect(!modules.isEmpty)
        let named = ["ada", "babbage", "curie", "davinci", "`o1`…`o9`", "cushman", "whisper", "openai-import",
                     ".chat.completions.create(…)", "`OPENAI_MODEL = \"o1\"`", "`.gpt4_o`", "`\"gpt-4o\"`"]
            + evidence.hosts + evidence.variablePrefixes + evidence.calleeWords + modules
        for language in [MessageLanguage.english, .simplifiedChinese] {
            let help = rule.localized(to: language).help
            for text in named { #expect(help.contains(text), "\(language): \(text)") }
        }
    }

    @Test func hostsAndVariablesStandAsWholeNames() throws {
        let rule = try #require(Self.rules.rule(id: "openai-model")?.matcher as? ModelMatcher)
        let evidence = try #require(rule.evidence)
        for value in ["https://api.openai.com/v1", "openai.com", "wss://api.openai.com", "platform.openai.com.",
                      "https://x.openai.azure.com/openai/deployments"] {
            #expect(evidence.namesHost(value), "\(value)")
        }
        for value in ["notopenai.com", "openai.community", "openai.com.cn", "api.openai.co", "openai"] {
            #expect(!evidence.namesHost(value), "\(value)")
        }
        for value in ["OPENAI_API_KEY", "${OPENAI_MODEL}", "AZURE_OPENAI_ENDPOINT", "env:OPENAI_ORG"] {
            #expect(evidence.namesVariable(value), "\(value)")
        }
        for value in ["OPENAI_", "MY_OPENAI_KEY", "openai_api_key", "XOPENAI_KEY"] {
            #expect(!evidence.namesVariable(value), "\(value)")
        }
        #expect(evidence.callsClient("client.chat.completions.create"))
        #expect(evidence.callsClient("chat.completions.create"))
        #expect(evidence.callsClient("AsyncAzureOpenAI"))
        #expect(!evidence.callsClient("client.chat.completions_create"))
        #expect(!evidence.callsClient("OpenAIable"))
        #expect(!evidence.callsClient("client.create"))
    }
}

@Suite struct GenericHeaderTests {
    static let scanner = Scanner(rules: try! RuleSet.bundled(), options: ScanOptions(usePrefilter: false))

    static func imports(_ code: String, path: String = "src/app.cpp") -> [String] {
        let file = SourceFile(path: path, bytes: Array(code.utf8), language: .cpp)
        return scanner.scan(file).findings.filter { $0.ruleID == "openai-import" }.map(\.matchedText)
    }

    @Test("a generic liboai header alone is another project's", arguments: [
        "#include \"core/authorization.h\"\n", "#include \"reveal/core/authorization.h\"\n",
        "#include \"Reveal/core/authorization.h\"\n", "#include \"components/embeddings.h\"\n",
        "#include <core/network.h>\n#include \"components/chat.h\"\n", "#include \"../include/core/netimpl.h\"\n",
    ])
    func genericHeaderAlone(_ code: String) {
        #expect(Self.imports(code).isEmpty)
        #expect(Self.imports(code, path: "vendor/notliboai/src/x.cpp").isEmpty)
    }

    @Test func genericHeaderBesideLiboai() {
        #expect(Self.imports("#include \"liboai.h\"\n#include \"core/authorization.h\"\n")
            == ["liboai.h", "core/authorization.h"])
        #expect(Self.imports("#include <liboai/components/chat.h>\n#include \"components/embeddings.h\"\n")
            == ["liboai/components/chat.h", "components/embeddings.h"])
        // Another client's header is no liboai: the generic one still belongs to someone else.
        #expect(Self.imports("#include \"openai.h\"\n#include \"core/authorization.h\"\n") == ["openai.h"])
    }

    @Test func genericHeaderInLiboaisOwnSources() {
        #expect(Self.imports("#include \"../include/components/moderations.h\"\n", path: "liboai/components/moderations.cpp")
            == ["../include/components/moderations.h"])
        #expect(Self.imports("#include \"core/netimpl.h\"\n", path: "third_party/liboai/src/netimpl.cpp")
            == ["core/netimpl.h"])
    }
}

@Suite struct EvidenceLoadingTests {
    static let header = """
        id: demo
        name: Demo
        level: warning
        summary: s
        description: d
        message: m
        hint: h
        help: h

        """

    func problem(_ match: String) -> FileProblem? {
        do {
            _ = try RuleSet.load(files: [(name: "rules/demo.yml", text: Self.header + match)])
            return nil
        } catch let problem as FileProblem {
            return problem
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func ambiguousIDsNeedEvidence() {
        let p = problem("""
            match:
              kind: model
              families: [{pattern: '^ada$', class: legacy-completion}]
              ambiguous: [{pattern: '^ada$', why: AdaBoost}]
            """)
        #expect(p?.line == 12)
        #expect(p?.message.hasPrefix("`ambiguous` needs `evidence`") == true)
    }

    @Test func evidenceNamesImportRules() {
        let p = problem("""
            match:
              kind: model
              families: [{pattern: '^ada$', class: legacy-completion}]
              ambiguous: [{pattern: '^ada$', why: AdaBoost}]
              evidence: {import-rules: [demo-import]}
            """)
        #expect(p?.message == "`demo-import` is not an import rule")
        let empty = problem("""
            match:
              kind: model
              families: [{pattern: '^ada$', class: legacy-completion}]
              evidence: {hosts: [""]}
            """)
        #expect(empty?.message == "`hosts` must not hold an empty text")
    }

    @Test func genericHeadersNeedADistinctiveOne() {
        let p = problem("""
            match:
              kind: import
              modules:
                c:
                  - {module: client.h, package: acme}
                  - {module: core/auth.h, package: other, within: other}
            """)
        #expect(p?.line == 14)
        #expect(p?.message.hasPrefix("`within` needs an entry of the same package") == true)
    }

    @Test func anAmbiguousIDIsHeldBackByItsOwnRule() throws {
        let rules = try RuleSet.load(files: [(name: "rules/demo.yml", text: Self.header + """
            match:
              kind: model
              label-words: [model]
              families: [{pattern: '^ada$', class: legacy-completion, requires-label: true},
                         {pattern: '^acme-\\d$', class: chat-flagship}]
              ambiguous: [{pattern: '^ada$', why: AdaBoost}]
              evidence: {hosts: [acme.example]}
            """)])
        let scanner = Scanner(rules: rules, options: ScanOptions(usePrefilter: false))
        func found(_ code: String) -> [String] {
            scanner.scan(SourceFile(path: "x.py", bytes: Array(code.utf8), language: .python)).findings.map(\.matchedText)
        }
        #expect(found("model = \"ada\"\n").isEmpty)
        #expect(found("url = \"https://api.acme.example/v1\"\nmodel = \"ada\"\n") == ["ada"])
        #expect(found("other = \"acme-2\"\nmodel = \"ada\"\n") == ["acme-2", "ada"])
    }
}
