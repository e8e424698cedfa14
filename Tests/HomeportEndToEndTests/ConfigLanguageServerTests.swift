// `homeport lsp` on configuration buffers: the `dotenv`, `yaml` and `toml` language ids (descriptor
// data) select their frontends for untitled buffers, with positions counted by hand.

import Foundation
import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct ConfigLanguageServerTests {
    @Test("untitled configuration buffers get diagnostics by language id",
          arguments: [("yaml", "env:\n  OPENAI_API_KEY: x\nmodel: gpt-4o\n", ["1:2 openai-env", "2:7 openai-model"]),
                      ("dotenv", "OPENAI_BASE_URL=https://api.openai.com/v1\n", ["0:0 openai-env", "0:16 openai-host"]),
                      ("toml", "model = \"gpt-4o\"  # a comment: gpt-4\n", ["0:9 openai-model"])])
    func untitledBuffers(language: String, text: String, expected: [String]) throws {
        let client = try LSPClient()
        _ = try client.request("initialize", #"{"processId":null,"rootUri":null,"capabilities":{}}"#)
        client.notify("initialized", "{}")
        let uri = "untitled:Untitled-\(language)"
        client.notify("textDocument/didOpen", #"""
            {"textDocument":{"uri":\#(LSPClient.quote(uri)),"languageId":"\#(language)","version":1,"text":\#(LSPClient.quote(text))}}
            """#)
        let published = try client.waitFor("diagnostics for \(uri)") {
            $0.member("method")?.stringValue == "textDocument/publishDiagnostics"
                && $0.member("params")?.member("uri")?.stringValue == uri
        }
        let diagnostics = published.member("params")?.member("diagnostics")?.arrayValue ?? []
        let found = diagnostics.map { diagnostic in
            let start = diagnostic.member("range")?.member("start")
            return "\(start?.member("line")?.intValue ?? -1):\(start?.member("character")?.intValue ?? -1) "
                + (diagnostic.member("code")?.stringValue ?? "")
        }
        #expect(found == expected)
        _ = try client.request("shutdown", "null")
        client.notify("exit", "null")
        #expect(client.waitForExit() == 0)
    }
}
