// `homeport lsp` and notebooks (LSP 3.17 `notebookDocument/*`): code cells are scanned as their own
// documents, with diagnostics in cell coordinates under the cell URIs; markdown cells are not.
// Also the Objective-C language ids. Expected positions are counted by hand.

import Foundation
import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct NotebookLanguageServerTests {
    static let notebook = "file:///tmp/homeport-lsp-test/analysis.ipynb"
    static func cell(_ n: Int) -> String { "vscode-notebook-cell:/tmp/homeport-lsp-test/analysis.ipynb#W\(n)sZmlsZQ%3D%3D" }

    func started() throws -> (LSPClient, JSONValue) {
        let client = try LSPClient()
        let response = try client.request("initialize", #"""
            {"processId":null,"rootUri":null,"capabilities":{"general":{"positionEncodings":["utf-16"]},"notebookDocument":{"synchronization":{}}}}
            """#)
        client.notify("initialized", "{}")
        return (client, response)
    }

    func cellItem(_ n: Int, _ text: String, language: String = "python", version: Int = 1) -> String {
        #"{"uri":\#(LSPClient.quote(Self.cell(n))),"languageId":"\#(language)","version":\#(version),"text":\#(LSPClient.quote(text))}"#
    }

    func start(_ diagnostic: JSONValue) -> [Int] {
        let start = diagnostic.member("range")?.member("start")
        return [start?.member("line")?.intValue ?? -1, start?.member("character")?.intValue ?? -1]
    }

    func finish(_ client: LSPClient) throws {
        _ = try client.request("shutdown", "null")
        client.notify("exit", "null")
        #expect(client.waitForExit() == 0)
    }

    @Test func advertisesNotebookSyncForPythonCellsOfJupyterNotebooks() throws {
        let (client, response) = try started()
        let sync = response.member("result")?.member("capabilities")?.member("notebookDocumentSync")
        let selector = sync?.member("notebookSelector")?.element(0)
        #expect(selector?.member("notebook")?.member("notebookType")?.stringValue == "jupyter-notebook")
        #expect(selector?.member("cells")?.element(0)?.member("language")?.stringValue == "python")
        try finish(client)
    }

    @Test func codeCellsGetDiagnosticsInCellCoordinatesMarkdownNone() throws {
        let (client, _) = try started()
        client.notify("notebookDocument/didOpen", #"""
            {"notebookDocument":{"uri":\#(LSPClient.quote(Self.notebook)),"notebookType":"jupyter-notebook","version":1,
              "cells":[{"kind":1,"document":\#(LSPClient.quote(Self.cell(0)))},{"kind":2,"document":\#(LSPClient.quote(Self.cell(1)))},
                       {"kind":2,"document":\#(LSPClient.quote(Self.cell(2)))}]},
             "cellTextDocuments":[\#(cellItem(0, "Uses gpt-4o via https://api.openai.com", language: "markdown")),
                                  \#(cellItem(1, "import openai\n")),
                                  \#(cellItem(2, "# 模型\nreply = client.chat.completions.create(model=\"gpt-4o\")\n"))]}
            """#)
        let first = try client.diagnostics(for: Self.cell(1), version: 1)
        #expect(first.map(start) == [[0, 7]])
        let second = try client.diagnostics(for: Self.cell(2), version: 1)
        #expect(second.map(start) == [[1, 46]])
        #expect(second.first?.member("code")?.stringValue == "openai-model")

        // An edit of cell 2's text moves its diagnostic; the other cells are untouched.
        client.notify("notebookDocument/didChange", #"""
            {"notebookDocument":{"uri":\#(LSPClient.quote(Self.notebook)),"version":2},
             "change":{"cells":{"textContent":[{"document":{"uri":\#(LSPClient.quote(Self.cell(2))),"version":2},
               "changes":[{"range":{"start":{"line":0,"character":0},"end":{"line":1,"character":0}},"text":""}]}]}}}
            """#)
        #expect(try client.diagnostics(for: Self.cell(2), version: 2).map(start) == [[0, 46]])

        // A new code cell opened by a structure change is scanned; closing the notebook clears all.
        client.notify("notebookDocument/didChange", #"""
            {"notebookDocument":{"uri":\#(LSPClient.quote(Self.notebook)),"version":3},
             "change":{"cells":{"structure":{"array":{"start":3,"deleteCount":0,"cells":[{"kind":2,"document":\#(LSPClient.quote(Self.cell(3)))}]},
               "didOpen":[\#(cellItem(3, "key = os.environ[\"OPENAI_API_KEY\"]\n"))]}}}}
            """#)
        #expect(try client.diagnostics(for: Self.cell(3), version: 1).map(start) == [[0, 18]])
        client.notify("notebookDocument/didClose", #"""
            {"notebookDocument":{"uri":\#(LSPClient.quote(Self.notebook))},"cellTextDocuments":[{"uri":\#(LSPClient.quote(Self.cell(1)))}]}
            """#)
        #expect(try client.diagnostics(for: Self.cell(1)).isEmpty)
        #expect(try client.diagnostics(for: Self.cell(3)).isEmpty)
        try finish(client)
        #expect(!client.notifications.contains {
            $0.member("params")?.member("uri")?.stringValue == Self.cell(0)
                && !($0.member("params")?.member("diagnostics")?.arrayValue ?? []).isEmpty
        })
    }

    @Test func objectiveCBuffersGoByTheirLanguageIDs() throws {
        let (client, _) = try started()
        for (n, language) in ["objective-c", "objective-cpp"].enumerated() {
            let uri = "untitled:Untitled-\(n)"
            client.notify("textDocument/didOpen", #"""
                {"textDocument":{"uri":"\#(uri)","languageId":"\#(language)","version":1,"text":"NSString *m = @\"gpt-4o\";\n"}}
                """#)
            #expect(try client.diagnostics(for: uri, version: 1).map(start) == [[0, 16]])
        }
        try finish(client)
    }
}
