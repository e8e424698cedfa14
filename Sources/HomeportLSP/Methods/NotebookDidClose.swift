// `notebookDocument/didClose` (LSP 3.17): forget the notebook's cell documents and clear their diagnostics.

import HomeportCore

extension LanguageServer {
    func notebookDidClose(_ params: JSONValue) throws(ResponseError) {
        guard let uri = params.member("notebookDocument")?.member("uri")?.stringValue else {
            throw .invalidParams("`notebookDocument/didClose` needs `notebookDocument.uri`")
        }
        let cells = (notebooks[uri] ?? [])
            + (params.member("cellTextDocuments")?.arrayValue ?? []).compactMap { $0.member("uri")?.stringValue }
        for cellURI in cells { closeNotebookCell(uri, cell: cellURI) }
        notebooks.removeValue(forKey: uri)
    }
}
