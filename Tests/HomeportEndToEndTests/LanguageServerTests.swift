// `homeport lsp` driven over pipes as an editor drives it: initialize, open, edit, code actions,
// hover, settings, broken input, shutdown. Expected positions are counted by hand.

import Foundation
import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct LanguageServerTests {
    /// A chat service with Chinese text and emoji before a finding on its last line.
    static let chatService = """
        # 客服机器人 🤖
        import openai

        client = openai.OpenAI()
        reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "你好 👋"}])
        GREETING = "欢迎 🎉"; EMBEDDING = "text-embedding-3-small"

        """

    static let uri = "file:///tmp/homeport-lsp-test/chat_service.py"

    /// Starts a server and completes `initialize` / `initialized`; returns the client and the result.
    func started(encodings: [String]? = ["utf-16"], options: String = "null", root: URL? = nil,
                 documentChanges: Bool = false, locale: String? = nil) throws -> (LSPClient, JSONValue) {
        let client = try LSPClient()
        let general = encodings.map { #","general":{"positionEncodings":[\#($0.map(LSPClient.quote).joined(separator: ","))]}"# } ?? ""
        let rootURI = root.map { LSPClient.quote(FileURI.uri(forPath: $0.path)) } ?? "null"
        let response = try client.request("initialize", #"""
            {"processId":null,"rootUri":\#(rootURI),"initializationOptions":\#(options),\#(locale.map { #""locale":"\#($0)","# } ?? "")
             "capabilities":{"workspace":{"workspaceEdit":{"documentChanges":\#(documentChanges)}}\#(general)}}
            """#)
        client.notify("initialized", "{}")
        return (client, response)
    }

    func open(_ client: LSPClient, uri: String = LanguageServerTests.uri, text: String,
              language: String = "python", version: Int = 1) {
        client.notify("textDocument/didOpen", #"""
            {"textDocument":{"uri":\#(LSPClient.quote(uri)),"languageId":"\#(language)","version":\#(version),"text":\#(LSPClient.quote(text))}}
            """#)
    }

    func range(_ diagnostic: JSONValue) -> [Int] {
        let range = diagnostic.member("range")
        return [range?.member("start")?.member("line"), range?.member("start")?.member("character"),
                range?.member("end")?.member("line"), range?.member("end")?.member("character")].map { $0?.intValue ?? -1 }
    }

    func codeActions(_ client: LSPClient, uri: String = LanguageServerTests.uri, line: Int, character: Int,
                     only: [String]? = nil) throws -> [JSONValue] {
        let context = only.map { #"{"diagnostics":[],"only":[\#($0.map(LSPClient.quote).joined(separator: ","))]}"# }
            ?? #"{"diagnostics":[]}"#
        let response = try client.request("textDocument/codeAction", #"""
            {"textDocument":{"uri":\#(LSPClient.quote(uri))},"range":{"start":{"line":\#(line),"character":\#(character)},"end":{"line":\#(line),"character":\#(character)}},"context":\#(context)}
            """#)
        return response.member("result")?.arrayValue ?? []
    }

    func shutDown(_ client: LSPClient) throws {
        _ = try client.request("shutdown", "null")
        client.notify("exit", "null")
        #expect(client.waitForExit() == 0)
    }

    // MARK: Lifecycle

    @Test func initializeAnswersCapabilitiesAndNegotiatesColumns() throws {
        let (utf8Client, utf8) = try started(encodings: ["utf-16", "utf-8"])
        let capabilities = utf8.member("result")?.member("capabilities")
        #expect(capabilities?.member("positionEncoding") == .string("utf-8"))
        #expect(capabilities?.member("textDocumentSync")?.member("change") == .int(2))
        #expect(capabilities?.member("textDocumentSync")?.member("openClose") == .bool(true))
        #expect(capabilities?.member("textDocumentSync")?.member("save") != nil)
        #expect(capabilities?.member("codeActionProvider")?.member("codeActionKinds")
                == .array([.string("quickfix"), .string("source.fixAll.homeport")]))
        #expect(capabilities?.member("hoverProvider") == .bool(true))
        #expect(utf8.member("result")?.member("serverInfo")?.member("name") == .string("homeport"))
        #expect(utf8.member("result")?.member("serverInfo")?.member("version") == .string(ToolInfo.version))
        try shutDown(utf8Client)

        for offered in [["utf-16"], nil, ["utf-32"]] {
            let (client, response) = try started(encodings: offered)
            #expect(response.member("result")?.member("capabilities")?.member("positionEncoding") == .string("utf-16"))
            try shutDown(client)
        }
    }

    @Test func exitWithoutShutdownExitsOne() throws {
        let (client, _) = try started()
        client.notify("exit", "null")
        #expect(client.waitForExit() == 1)
    }

    @Test func endOfInputEndsTheServer() throws {
        let (client, _) = try started()
        _ = try client.request("shutdown", "null")
        client.closeInput()
        #expect(client.waitForExit() == 0)

        let (abandoned, _) = try started()
        abandoned.closeInput()
        #expect(abandoned.waitForExit() == 1)
        #expect(abandoned.stderr == "homeport lsp: input closed before shutdown\n")
    }

    @Test func requestsBeforeInitializeAndUnknownMethodsGetErrors() throws {
        let client = try LSPClient()
        let early = try client.request("textDocument/hover", #"{"textDocument":{"uri":"file:///x.py"},"position":{"line":0,"character":0}}"#)
        #expect(early.member("error")?.member("code") == .int(-32002))
        _ = try client.request("initialize", #"{"capabilities":{}}"#)
        let again = try client.request("initialize", #"{"capabilities":{}}"#)
        #expect(again.member("error")?.member("code") == .int(-32600))
        client.notify("custom/somethingNew", "{}")  // ignored
        let unknown = try client.request("workspace/somethingNew", "{}")
        #expect(unknown.member("error")?.member("code") == .int(-32601))
        _ = try client.request("shutdown", "null")
        let late = try client.request("textDocument/hover", #"{"textDocument":{"uri":"file:///x.py"},"position":{"line":0,"character":0}}"#)
        #expect(late.member("error")?.member("code") == .int(-32600))
        client.notify("exit", "null")
        #expect(client.waitForExit() == 0)
    }

    @Test func malformedInputGetsParseErrorsAndTheServerKeepsServing() throws {
        let (client, _) = try started()
        client.write(Array("Content-Length: twelve\r\n\r\n".utf8))
        let badHeader = try client.waitFor("an error for the bad header") { $0.member("error") != nil }
        #expect(badHeader.member("id") == .null)
        #expect(badHeader.member("error")?.member("code") == .int(-32700))
        client.write(LSPClient.frame(#"{"jsonrpc":"2.0","id":7,"method":"#))
        let badBody = try client.waitFor("an error for the bad body") { $0.member("error") != nil }
        #expect(badBody.member("error")?.member("code") == .int(-32700))
        // Garbage before a good message: an error for the garbage, then the message is read.
        client.write(Array("garbage without any header end".utf8))
        client.send("[1, 2]")
        let garbage = try client.waitFor("an error for the garbage") { $0.member("error") != nil }
        #expect(garbage.member("error")?.member("code") == .int(-32700))
        let notAnObject = try client.waitFor("an error for a non-object") { $0.member("error") != nil }
        #expect(notAnObject.member("error")?.member("code") == .int(-32600))
        // A request with broken params is answered, a notification with broken params only logged.
        client.notify("textDocument/didOpen", #"{"textDocument":{"uri":"file:///x.py"}}"#)
        let badParams = try client.request("textDocument/codeAction", #"{"textDocument":{}}"#)
        #expect(badParams.member("error")?.member("code") == .int(-32602))
        open(client, text: LanguageServerTests.chatService)
        #expect(try client.diagnostics(for: LanguageServerTests.uri, version: 1).count == 3)
        try shutDown(client)
        #expect(client.stderr.contains("textDocument/didOpen: `textDocument` needs `uri` and `text`"))
    }

    @Test func aCancelledRequestIsAnsweredCancelled() throws {
        let (client, _) = try started()
        open(client, text: LanguageServerTests.chatService)
        // Both in one write: the server reads them together and sees the cancellation first.
        client.write(LSPClient.frame(#"{"jsonrpc":"2.0","id":41,"method":"textDocument/hover","params":{"textDocument":{"uri":"\#(LanguageServerTests.uri)"},"position":{"line":4,"character":48}}}"#)
                     + LSPClient.frame(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":41}}"#))
        let response = try client.response(to: 41)
        #expect(response.member("error")?.member("code") == .int(-32800))
        try shutDown(client)
    }

    // MARK: Diagnostics

    @Test(arguments: [("utf-16", [5, 33, 5, 55]), ("utf-8", [5, 39, 5, 61])])
    func diagnosticsCountColumnsInTheNegotiatedUnits(encoding: String, embeddingRange: [Int]) throws {
        let (client, _) = try started(encodings: [encoding])
        open(client, text: LanguageServerTests.chatService)
        let diagnostics = try client.diagnostics(for: LanguageServerTests.uri, version: 1)
        #expect(diagnostics.map { $0.member("code")?.stringValue ?? "" } == ["openai-import", "openai-model", "openai-model"])
        #expect(diagnostics.map(range) == [[1, 7, 1, 13], [4, 46, 4, 52], embeddingRange])
        let embedding = diagnostics[2]
        #expect(embedding.member("severity") == .int(2))
        #expect(embedding.member("source") == .string("homeport"))
        #expect(embedding.member("message") == .string(
            "`text-embedding-3-small` is an OpenAI model (embedding) — use `embedding-3` (Zhipu GLM, embedding)"))
        #expect(embedding.member("codeDescription")?.member("href")
                == .string("https://github.com/homeport-lint/homeport/blob/main/rules/openai-model.yml"))
        try shutDown(client)
    }

    /// The client's `locale` picks the language of diagnostics, code actions and hover; one
    /// Homeport does not speak (or none) means English.
    @Test func clientLocaleChoosesTheLanguage() throws {
        let (client, _) = try started(locale: "zh-CN")
        open(client, text: LanguageServerTests.chatService)
        let diagnostics = try client.diagnostics(for: LanguageServerTests.uri, version: 1)
        #expect(diagnostics.map { $0.member("code")?.stringValue ?? "" } == ["openai-import", "openai-model", "openai-model"])
        #expect(diagnostics[2].member("message") == .string(
            "`text-embedding-3-small` 是 OpenAI 模型（embedding） — 改用 `embedding-3`（智谱 BigModel，embedding）"))
        let titles = try codeActions(client, line: 5, character: 40).compactMap { $0.member("title")?.stringValue }
        #expect(titles.contains("改用 `embedding-3`（智谱 BigModel，embedding）"))
        #expect(titles.contains("在此行抑制 `openai-model`"))
        let hover = try client.request("textDocument/hover", #"""
            {"textDocument":{"uri":"\#(LanguageServerTests.uri)"},"position":{"line":5,"character":40}}
            """#)
        let text = hover.member("result")?.member("contents")?.member("value")?.stringValue ?? ""
        #expect(text.contains("| 服务商 | 改用 |"))
        #expect(text.contains("代码中的 OpenAI 模型 ID。"))
        try shutDown(client)

        let (french, _) = try started(locale: "fr")
        open(french, text: LanguageServerTests.chatService)
        let english = try french.diagnostics(for: LanguageServerTests.uri, version: 1)
        #expect(english.last?.member("message")?.stringValue?.hasPrefix("`text-embedding-3-small` is an OpenAI model") == true)
        try shutDown(french)
    }

    @Test func incrementalEditsGetDiagnosticsForTheLastVersionOnly() throws {
        let (client, _) = try started()
        let uri = "file:///tmp/homeport-lsp-test/edits.py"
        open(client, uri: uri, text: "MODEL = \"\"\n")
        #expect(try client.diagnostics(for: uri, version: 1).isEmpty)
        // Type `gpt-4o` one character at a time, all sent at once: faster than any scan.
        var burst: [UInt8] = []
        for (index, character) in "gpt-4o".enumerated() {
            burst += LSPClient.frame(#"""
                {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"\#(uri)","version":\#(index + 2)},
                 "contentChanges":[{"range":{"start":{"line":0,"character":\#(9 + index)},"end":{"line":0,"character":\#(9 + index)}},"text":"\#(character)"}]}}
                """#)
        }
        // One write of at most PIPE_BUF bytes reaches the server whole (POSIX), so the server reads all
        // six edits before it scans: the count below depends on no clock.
        #expect(burst.count <= 4096)
        client.write(burst)
        let final = try client.diagnostics(for: uri, version: 7)
        #expect(final.map(range) == [[0, 9, 0, 15]])
        #expect(final.first?.member("message")?.stringValue?.hasPrefix("`gpt-4o` is an OpenAI model") == true)
        // The six edits are coalesced into one scan of the last version: waiting for version 7 kept
        // any diagnostics published before it (versions 2 to 6) in `notifications`, and there are none.
        let intermediate = client.notifications.filter {
            $0.member("method")?.stringValue == "textDocument/publishDiagnostics" && $0.member("params")?.member("uri")?.stringValue == uri
        }
        #expect(intermediate.isEmpty, "\(intermediate)")
        try shutDown(client)
    }

    @Test func aWholeTextChangeReplacesTheDocument() throws {
        let (client, _) = try started()
        open(client, text: LanguageServerTests.chatService)
        #expect(try client.diagnostics(for: LanguageServerTests.uri, version: 1).count == 3)
        client.notify("textDocument/didChange", #"""
            {"textDocument":{"uri":"\#(LanguageServerTests.uri)","version":2},"contentChanges":[{"text":"import json\n"}]}
            """#)
        #expect(try client.diagnostics(for: LanguageServerTests.uri, version: 2).isEmpty)
        client.notify("textDocument/didSave", #"{"textDocument":{"uri":"\#(LanguageServerTests.uri)"}}"#)
        #expect(try client.diagnostics(for: LanguageServerTests.uri, version: 2).isEmpty)
        client.notify("textDocument/didClose", #"{"textDocument":{"uri":"\#(LanguageServerTests.uri)"}}"#)
        let cleared = try client.waitFor("diagnostics cleared on close") {
            $0.member("method")?.stringValue == "textDocument/publishDiagnostics"
        }
        #expect(cleared.member("params")?.member("diagnostics") == .array([]))
        try shutDown(client)
    }

    @Test func untitledBuffersGoByTheirLanguageID() throws {
        let (client, _) = try started()
        open(client, uri: "untitled:Untitled-1", text: "let model = \"gpt-4o-mini\" // 模型\n", language: "swift")
        let diagnostics = try client.diagnostics(for: "untitled:Untitled-1", version: 1)
        #expect(diagnostics.map(range) == [[0, 13, 0, 24]])
        // A language Homeport does not read gets no diagnostics at all.
        open(client, uri: "untitled:Untitled-2", text: "gpt-4o\n", language: "plaintext")
        open(client, uri: "untitled:Untitled-3", text: "m = 'gpt-4o'\n", language: "python")
        #expect(try client.diagnostics(for: "untitled:Untitled-3", version: 1).count == 1)
        #expect(!client.notifications.contains { $0.member("params")?.member("uri") == .string("untitled:Untitled-2") })
        try shutDown(client)
    }

    @Test func secretsNeverAppearInFull() throws {
        let key = "sk-proj-abcdefghij0123456789T3BlbkFJabcdefghij0123456789"
        let (client, _) = try started()
        open(client, text: "import openai\nopenai.api_key = \"\(key)\"\n")
        let diagnostics = try client.diagnostics(for: LanguageServerTests.uri, version: 1)
        #expect(diagnostics.contains { $0.member("code") == .string("openai-key") })
        let hover = try client.request("textDocument/hover", #"""
            {"textDocument":{"uri":"\#(LanguageServerTests.uri)"},"position":{"line":1,"character":20}}
            """#)
        #expect(hover.member("result")?.member("contents")?.member("value")?.stringValue?.contains("key variable") == true)
        let actions = try codeActions(client, line: 1, character: 20)
        let everything = String(decoding: JSONValue.array(diagnostics + [hover] + actions).compactBytes(), as: UTF8.self)
        #expect(!everything.contains("abcdefghij0123456789T3BlbkFJ"))
        try shutDown(client)
        #expect(!client.stderr.contains("T3BlbkFJ"))
    }

    // MARK: Code actions and hover

    @Test(arguments: [("utf-16", false), ("utf-8", true)])
    func thePreferredQuickFixAppliedByTheClientMigratesTheModel(encoding: String, documentChanges: Bool) throws {
        let (client, _) = try started(encodings: [encoding], documentChanges: documentChanges)
        open(client, text: LanguageServerTests.chatService)
        _ = try client.diagnostics(for: LanguageServerTests.uri, version: 1)
        let column = encoding == "utf-8" ? 45 : 40
        let actions = try codeActions(client, line: 5, character: column)
        let titles = actions.compactMap { $0.member("title")?.stringValue }
        #expect(titles == [
            "Use `embedding-3` (Zhipu GLM, embedding)",
            "Use `embedding-v1` (Baidu Qianfan (ERNIE), embedding)",
            "Use `text-embedding-v4` (Alibaba Qwen (Model Studio / DashScope), embedding)",
            "Suppress `openai-model` on this line",
            "Homeport: fix all (2 findings, migrate to Zhipu GLM)",
        ])
        let preferred = actions.filter { $0.member("isPreferred") == .bool(true) }
        #expect(preferred.count == 1)
        #expect(preferred.first?.member("kind") == .string("quickfix"))
        #expect(preferred.first?.member("diagnostics")?.element(0)?.member("code") == .string("openai-model"))
        if documentChanges {
            #expect(preferred.first?.member("edit")?.member("documentChanges")?.element(0)?.member("textDocument")?
                .member("version") == .int(1))
        }
        let edits = LSPClient.edits(of: preferred[0], uri: LanguageServerTests.uri)
        let fixed = LSPClient.apply(edits, to: LanguageServerTests.chatService, encoding: encoding == "utf-8" ? .utf8 : .utf16)
        #expect(fixed == LanguageServerTests.chatService.replacing("\"text-embedding-3-small\"", with: "\"embedding-3\""))

        // The client sends its edit back as an incremental change; the finding is gone.
        let start = edits[0].member("range")!.member("start")!
        let end = edits[0].member("range")!.member("end")!
        client.notify("textDocument/didChange", #"""
            {"textDocument":{"uri":"\#(LanguageServerTests.uri)","version":2},"contentChanges":[{"range":{"start":\#(String(decoding: start.compactBytes(), as: UTF8.self)),"end":\#(String(decoding: end.compactBytes(), as: UTF8.self))},"text":"embedding-3"}]}
            """#)
        let after = try client.diagnostics(for: LanguageServerTests.uri, version: 2)
        #expect(after.map(range) == [[1, 7, 1, 13], [4, 46, 4, 52]])
        try shutDown(client)
    }

    @Test func theSuppressionQuickFixSilencesTheFinding() throws {
        let (client, _) = try started()
        open(client, text: LanguageServerTests.chatService)
        _ = try client.diagnostics(for: LanguageServerTests.uri, version: 1)
        let suppress = try codeActions(client, line: 4, character: 47)
            .first { $0.member("title") == .string("Suppress `openai-model` on this line") }
        let fixed = LSPClient.apply(LSPClient.edits(of: try #require(suppress), uri: LanguageServerTests.uri),
                                    to: LanguageServerTests.chatService, encoding: .utf16)
        #expect(fixed == LanguageServerTests.chatService.replacing("\"你好 👋\"}])\n", with: "\"你好 👋\"}])  # homeport: ignore[openai-model]\n"))
        client.notify("textDocument/didChange", #"""
            {"textDocument":{"uri":"\#(LanguageServerTests.uri)","version":2},"contentChanges":[{"text":\#(LSPClient.quote(fixed))}]}
            """#)
        #expect(try client.diagnostics(for: LanguageServerTests.uri, version: 2).map(range) == [[1, 7, 1, 13], [5, 33, 5, 55]])
        try shutDown(client)
    }

    /// `source.fixAll.homeport` makes exactly the change `homeport fix` makes to the file.
    @Test func fixAllDoesWhatHomeportFixDoes() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let source = "// 聊天 💬\nimport OpenAI\n\nlet query = ChatQuery(messages: [], model: \"gpt-4o\")\nlet url = URL(string: \"https://api.openai.com/v1/chat/completions\")!\nlet key = ProcessInfo.processInfo.environment[\"OPENAI_API_KEY\"]\n"
        let file = temp.appendingPathComponent("Chat.swift")
        try Data(source.utf8).write(to: file)
        let (client, _) = try started(encodings: ["utf-16"], root: temp)
        let uri = FileURI.uri(forPath: file.path)
        open(client, uri: uri, text: source, language: "swift")
        _ = try client.diagnostics(for: uri, version: 1)
        let actions = try codeActions(client, uri: uri, line: 0, character: 0, only: ["source.fixAll"])
        #expect(actions.count == 1)
        #expect(actions.first?.member("kind") == .string("source.fixAll.homeport"))
        let fixed = LSPClient.apply(LSPClient.edits(of: actions[0], uri: uri), to: source, encoding: .utf16)
        try shutDown(client)

        let cli = try Run.homeport(["fix", "Chat.swift"], in: temp)
        #expect(cli.status == 1)  // the import still needs a hand
        let fixedByCLI = try String(contentsOf: file, encoding: .utf8)
        #expect(fixed == fixedByCLI)
        #expect(fixed != source)
    }

    @Test func hoverShowsTheReplacementAtEveryProvider() throws {
        let (client, _) = try started()
        open(client, text: LanguageServerTests.chatService)
        _ = try client.diagnostics(for: LanguageServerTests.uri, version: 1)
        let hover = try client.request("textDocument/hover", #"""
            {"textDocument":{"uri":"\#(LanguageServerTests.uri)"},"position":{"line":5,"character":40}}
            """#)
        let value = hover.member("result")?.member("contents")?.member("value")?.stringValue ?? ""
        #expect(value.hasPrefix("**Homeport `openai-model`** — OpenAI model ID in code.\n\n`text-embedding-3-small` is an OpenAI model (embedding)\n\n| provider | use instead |\n|---|---|\n| **Zhipu GLM (智谱 BigModel)** (target) | `embedding-3` |\n"))
        #expect(value.contains("`homeport explain openai-model`"))
        #expect(range(hover.member("result")!) == [5, 33, 5, 55])
        let nothing = try client.request("textDocument/hover", #"""
            {"textDocument":{"uri":"\#(LanguageServerTests.uri)"},"position":{"line":2,"character":0}}
            """#)
        #expect(nothing.member("result") == .null)
        try shutDown(client)
    }

    // MARK: Settings and configuration

    @Test func configurationAndEditorSettingsDecideTargetAndLevels() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("target: deepseek\nrules:\n  openai-import: off\n".utf8).write(to: temp.appendingPathComponent(".homeport.yml"))
        let uri = FileURI.uri(forPath: temp.appendingPathComponent("chat_service.py").path)

        let (client, _) = try started(root: temp)
        open(client, uri: uri, text: LanguageServerTests.chatService)
        let fromFile = try client.diagnostics(for: uri, version: 1)
        #expect(fromFile.map { $0.member("code")?.stringValue ?? "" } == ["openai-model", "openai-model"])
        #expect(fromFile[0].member("message")?.stringValue?.hasSuffix("(DeepSeek, chat-flagship)") == true)

        // Editor settings win over the file, as flags do on the command line.
        client.notify("workspace/didChangeConfiguration", #"{"settings":{"homeport":{"target":"qwen","rules":{"openai-model":"error"}}}}"#)
        let fromEditor = try client.diagnostics(for: uri, version: 1)
        #expect(fromEditor.map { $0.member("severity")?.intValue ?? 0 } == [1, 1])
        #expect(fromEditor[0].member("message")?.stringValue?.hasSuffix("(Alibaba Qwen (Model Studio / DashScope), chat-flagship)") == true)

        client.notify("workspace/didChangeConfiguration", #"{"settings":{"target":"nosuch","bogus":1}}"#)
        let warning = try client.waitFor("a message about the bad settings") { $0.member("method")?.stringValue == "window/showMessage" }
        #expect(warning.member("params")?.member("message")?.stringValue?.contains("unknown setting `bogus`") == true)
        let badTarget = try client.waitFor("a message about the unknown provider") {
            $0.member("method")?.stringValue == "window/showMessage"
                && $0.member("params")?.member("message")?.stringValue?.contains("nosuch") == true
        }
        #expect(badTarget.member("params")?.member("message")?.stringValue?.contains("migrating to zhipu") == true)
        try shutDown(client)
    }

    @Test func filesTheConfigurationExcludesGetNoDiagnostics() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("exclude: [generated]\nper-path:\n  - paths: [\"tests/**\"]\n    rules: {openai-model: note}\n".utf8)
            .write(to: temp.appendingPathComponent(".homeport.yml"))
        let generated = FileURI.uri(forPath: temp.appendingPathComponent("generated/client.py").path)
        let test = FileURI.uri(forPath: temp.appendingPathComponent("tests/test_chat.py").path)
        let (client, _) = try started(root: temp)
        open(client, uri: generated, text: LanguageServerTests.chatService)
        open(client, uri: test, text: "MODEL = \"gpt-4o\"\n")
        #expect(try client.diagnostics(for: test, version: 1).map { $0.member("severity")?.intValue ?? 0 } == [3])
        try shutDown(client)
        #expect(!client.notifications.contains { $0.member("params")?.member("uri")?.stringValue == generated })
    }

    @Test func initializationOptionsAreSettings() throws {
        let (client, _) = try started(options: #"{"target":"moonshot","rules":{"openai-import":"off"}}"#)
        // eglot sends this on connecting when the user configured nothing: the options stay.
        client.notify("workspace/didChangeConfiguration", #"{"settings":{}}"#)
        client.notify("workspace/didChangeConfiguration", #"{"settings":{"pylsp":{"plugins":{}}}}"#)
        open(client, text: LanguageServerTests.chatService)
        let diagnostics = try client.diagnostics(for: LanguageServerTests.uri, version: 1)
        #expect(diagnostics.count == 2)
        #expect(diagnostics[0].member("message")?.stringValue?.contains("Moonshot") == true)
        try shutDown(client)
    }

    /// A configuration error reaches the editor in the client's language, position kept.
    @Test func aBrokenConfigurationIsReportedInTheClientLanguage() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let configuration = temp.appendingPathComponent(".homeport.yml")
        try Data("target: zhipu\nrules:\n  openai-modle: off\n".utf8).write(to: configuration)
        let uri = FileURI.uri(forPath: temp.appendingPathComponent("chat_service.py").path)
        let (client, _) = try started(root: temp, locale: "zh-CN")
        open(client, uri: uri, text: LanguageServerTests.chatService)
        let message = try client.waitFor("the configuration error") { $0.member("method")?.stringValue == "window/showMessage" }
        let text = message.member("params")?.member("message")?.stringValue ?? ""
        #expect(text.hasPrefix("Homeport: \(configuration.path):3:3: 未知规则 `openai-modle`；已知规则："), "\(text)")
        #expect(text.hasSuffix("；修正之前使用默认设置"), "\(text)")
        let onFile = try client.diagnostics(for: FileURI.uri(forPath: configuration.path))
        #expect(onFile.first?.member("message")?.stringValue == text.dropFirst("Homeport: ".count).description)
        try shutDown(client)
    }

    @Test func aBrokenConfigurationIsReportedAndTheServerKeepsGoing() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let configuration = temp.appendingPathComponent(".homeport.yml")
        try Data("target: zhipu\nrules:\n  openai-modle: off\n".utf8).write(to: configuration)
        let uri = FileURI.uri(forPath: temp.appendingPathComponent("chat_service.py").path)
        let configurationURI = FileURI.uri(forPath: configuration.path)

        let (client, _) = try started(root: temp)
        open(client, uri: uri, text: LanguageServerTests.chatService)
        let message = try client.waitFor("the configuration error") { $0.member("method")?.stringValue == "window/showMessage" }
        #expect(message.member("params")?.member("type") == .int(1))
        #expect(message.member("params")?.member("message")?.stringValue?.hasPrefix(
            "Homeport: \(configuration.path):3:3: unknown rule `openai-modle`") == true)
        let onFile = try client.diagnostics(for: configurationURI)
        #expect(onFile.map(range) == [[2, 2, 2, 19]])
        // The document is still checked, with the default settings.
        #expect(try client.diagnostics(for: uri, version: 1).count == 3)

        // Fixed and saved: the configuration's diagnostic clears and its settings apply.
        try Data("target: zhipu\nrules:\n  openai-model: off\n".utf8).write(to: configuration)
        client.notify("textDocument/didSave", #"{"textDocument":{"uri":\#(LSPClient.quote(configurationURI))}}"#)
        #expect(try client.diagnostics(for: configurationURI).isEmpty)
        #expect(try client.diagnostics(for: uri, version: 1).map { $0.member("code")?.stringValue ?? "" } == ["openai-import"])
        try shutDown(client)
    }
}
