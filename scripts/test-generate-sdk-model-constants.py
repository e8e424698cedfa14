#!/usr/bin/env python3
"""Tests scripts/generate-sdk-model-constants.py on tiny SDK checkouts written here, in the shapes the
five SDKs declare their constants in, and checks that the committed table is one it could have written.

    python3 scripts/test-generate-sdk-model-constants.py   (run by scripts/test.sh)
"""
import importlib.util, os, re, shutil, subprocess, sys, tempfile, unittest

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("generator", os.path.join(HERE, "generate-sdk-model-constants.py"))
generator = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generator)

# One small file per SDK layout; the paths are those SDKS names.
SOURCES = {
    "MacPaw/OpenAI": {"Sources/OpenAI/Public/Models/Models/Models.swift": '''
        public typealias Model = String
        public extension Model {
            /// `o3` — a doc comment with "quotes" and static let fake = "no"
            static let o3 = "o3"
            @available(*, deprecated, message: "Please upgrade")
            static let gpt4_0314 = "gpt-4-0314"
            /* block /* nested */ static let hidden = "x" */
            static let gpt4_o = "gpt-4o"
            static let notAConstant = "a" + "b"
            static func allModels() -> Set<Model> { [.o3, gpt4_o] }
            struct Filter { public enum Endpoint { case chatCompletions
                case responses } }
        }
    '''},
    "jamesrochabrun/SwiftOpenAI": {"Sources/OpenAI/Public/Parameters/Model.swift": '''
        public enum Model {
          case o1Mini
          case gpt4o // "comment"
          case dalle3
          case custom(String)
          public var value: String {
            switch self {
            case .o1Mini: "o1-mini"
            case .gpt4o: return "gpt-4o"
            case .dalle3:
              "dall-e-3"
            case .custom(let model): model
            }
          }
        }
    '''},
    "dylanshine/openai-kit": {"Sources/OpenAIKit/Model/Model.swift": '''
        public struct Model: Codable { public let id: String }
        public final class Registry {
            public static let shared = Registry()
            class func make() -> Registry { Registry() }
            static let limit = 3
        }
        extension Model {
            public enum GPT4: String, ModelID {
                case gpt4 = "gpt-4"
            }
            public enum GPT3: String, ModelID {
                case textDavinci003 = "text-davinci-003"
                case davinci
                case curie, ada = "ada-x"
            }
        }
    '''},
    "adamrushy/OpenAISwift": {
        "Sources/OpenAISwift/Models/OpenAIModelType.swift": '''
            public enum OpenAIModelType {
                case gpt3(GPT3)
                case other(String)
                public var modelName: String {
                    switch self {
                    case .gpt3(let model): return model.rawValue
                    case .other(let modelName): return modelName
                    }
                }
                public enum GPT3: String {
                    case davinci = "text-davinci-003"
                }
                public enum Moderation: String {
                    case latest = "text-moderation-latest"
                }
            }
        ''',
        "Sources/OpenAISwift/Models/OpenAIEndpointModelType.swift": '''
            public struct OpenAIEndpointModelType {
                public enum TTS: String, Codable {
                    case tts_1 = "tts-1"
                }
            }
        '''},
    "alfianlosari/ChatGPTSwift": {
        "Sources/ChatGPTSwift/GeneratedSources/Types.swift": '''
            public enum Components { public enum Schemas {
                public struct CreateChatCompletionRequest: Codable {
                    public struct modelPayload: Codable {
                        @frozen public enum Value2Payload: String, Codable, Hashable, Sendable, CaseIterable
                        {
                            case gpt_hyphen_4o = "gpt-4o"
                        }
                    }
                    @frozen public enum rolePayload: String, Codable { case system = "system" }
                }
            } }
        ''',
        "Sources/ChatGPTSwift/ChatGPTAPI.swift": '''
            public typealias ChatGPTModel = Components.Schemas.CreateChatCompletionRequest.modelPayload
                .Value2Payload
        '''},
}

EXPECTED = {
    "MacPaw/OpenAI": {"Model": {"o3": "o3", "gpt4_0314": "gpt-4-0314", "gpt4_o": "gpt-4o"}},
    "jamesrochabrun/SwiftOpenAI": {"Model": {"o1Mini": "o1-mini", "gpt4o": "gpt-4o", "dalle3": "dall-e-3"}},
    "dylanshine/openai-kit": {"Model.GPT4": {"gpt4": "gpt-4"},
                              "Model.GPT3": {"textDavinci003": "text-davinci-003", "davinci": "davinci",
                                             "curie": "curie", "ada": "ada-x"}},
    "adamrushy/OpenAISwift": {"OpenAIModelType.GPT3": {"davinci": "text-davinci-003"},
                              "OpenAIModelType.Moderation": {"latest": "text-moderation-latest"},
                              "OpenAIEndpointModelType.TTS": {"tts_1": "tts-1"}},
    "alfianlosari/ChatGPTSwift": {
        "Components.Schemas.CreateChatCompletionRequest.modelPayload.Value2Payload": {"gpt_hyphen_4o": "gpt-4o"}},
}

RULE = """match:
  symbols:
    names:
      gpt4oMini: gpt-4o-mini
    %s
    %s
examples:
""" % (generator.BEGIN, generator.END)


class GeneratorTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.checkouts = {}
        for sdk, files in SOURCES.items():
            root = os.path.join(self.dir, sdk)
            for path, text in files.items():
                os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
                with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                    f.write(text)
            self.checkouts[sdk] = root

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_reads_each_sdk_layout(self):
        for config in generator.SDKS:
            types, aliases = generator.read_sdk(config, self.checkouts[config["sdk"]])
            got = {path: dict(t.constants) for path, t in types.items()}
            self.assertEqual(got, EXPECTED[config["sdk"]], config["sdk"])
            # Source order is kept.
            for path, constants in EXPECTED[config["sdk"]].items():
                self.assertEqual(list(types[path].constants), list(constants))
        types, _ = generator.read_sdk(generator.SDKS[3], self.checkouts["adamrushy/OpenAISwift"])
        self.assertEqual(types["OpenAIModelType.GPT3"].payload_of, ["gpt3"])
        self.assertEqual(types["OpenAIModelType.Moderation"].payload_of, [])
        _, aliases = generator.read_sdk(generator.SDKS[4], self.checkouts["alfianlosari/ChatGPTSwift"])
        self.assertEqual(aliases, {"Components.Schemas.CreateChatCompletionRequest.modelPayload.Value2Payload":
                                   ["ChatGPTModel"]})

    def test_writes_the_block_and_keeps_sdks_not_named(self):
        text, counts = generator.generate(RULE, self.checkouts, {"MacPaw/OpenAI": "0.5.1"}, {})
        self.assertEqual(counts["dylanshine/openai-kit"], 5)
        self.assertIn("      - sdk: MacPaw/OpenAI\n        version: 0.5.1\n        commit: unknown\n"
                      "        sources: [Sources/OpenAI/Public/Models/Models/Models.swift]\n        types:\n"
                      "          - type: Model\n            constants:\n              o3: o3\n", text)
        self.assertIn("            aliases: [ChatGPTModel]\n", text)
        self.assertTrue(text.startswith("match:\n  symbols:\n    names:\n      gpt4oMini: gpt-4o-mini\n"))
        self.assertTrue(text.endswith("    %s\nexamples:\n" % generator.END))
        # Regenerating one SDK keeps the others as they are, and is idempotent.
        checkouts = {"MacPaw/OpenAI": self.checkouts["MacPaw/OpenAI"]}
        again, _ = generator.generate(text, checkouts, {"MacPaw/OpenAI": "0.5.1"}, {})
        self.assertEqual(again, text)
        os.remove(os.path.join(self.checkouts["MacPaw/OpenAI"], "Sources/OpenAI/Public/Models/Models/Models.swift"))
        with self.assertRaises(generator.SwiftSourceError):
            generator.generate(text, checkouts, {}, {})

    def test_version_and_commit_from_git(self):
        root = self.checkouts["dylanshine/openai-kit"]
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@t")
        for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "x"], ["tag", "1.8.3"]):
            subprocess.run(["git", "-C", root] + args, check=True, env=env, capture_output=True)
        head = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        text, _ = generator.generate(RULE, {"dylanshine/openai-kit": root}, {}, {})
        self.assertIn("      - sdk: dylanshine/openai-kit\n        version: 1.8.3\n        commit: %s\n" % head, text)

    def test_committed_table_is_well_formed(self):
        # The committed block is what `generate` writes for some inputs: each entry re-renders to itself.
        with open(generator.RULE, encoding="utf-8") as f:
            before, entries, after = generator.split_block(f.read())
        self.assertEqual([c["sdk"] for c in generator.SDKS], list(entries))
        for config in generator.SDKS:
            lines = entries[config["sdk"]]
            header = [re.sub(r"^\s+", "", l) for l in lines[:5]]
            self.assertEqual([h.split(":")[0] for h in header], ["- sdk", "version", "commit", "sources", "types"])
            self.assertEqual(header[3], "sources: [%s]" % ", ".join(config["sources"]))
            types = {}
            for line in lines[5:]:
                m = re.match(r"^ {10}- type: (\S+)$", line)
                if m:
                    current = types.setdefault(m.group(1), generator.Type(m.group(1), False))
                    continue
                m = re.match(r"^ {14}(\w+): (.+)$", line)
                if m:
                    current.constants[m.group(1)] = m.group(2).strip('"')
            self.assertTrue(types, config["sdk"])
            aliases = {}
            for line_number, line in enumerate(lines):
                m = re.match(r"^ {12}aliases: \[(.*)\]$", line)
                if m:
                    path = re.match(r"^ {10}- type: (\S+)$", lines[line_number - 1]).group(1)
                    aliases[path] = m.group(1).split(", ")
                m = re.match(r"^ {12}payload-of: \[(.*)\]$", line)
                if m:
                    path = re.match(r"^ {10}- type: (\S+)$", lines[line_number - 1]).group(1)
                    types[path].payload_of = m.group(1).split(", ")
            version = header[1].split(": ", 1)[1].strip('"')
            commit = header[2].split(": ", 1)[1].strip('"')
            self.assertEqual(generator.render_sdk(config, version, commit, types, aliases), lines)


if __name__ == "__main__":
    unittest.main()
