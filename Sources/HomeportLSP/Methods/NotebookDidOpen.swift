// `notebookDocument/didOpen` (LSP 3.17): a notebook's code cells become documents of their own,
// scanned in cell coordinates and given diagnostics under their cell URIs. Markdown cells are kept
// out: they are prose.

import HomeportCore

extension LanguageServer {
    func notebookDidOpen(_ params: JSONValue) throws(ResponseError) {
        guard let notebook = params.member("notebookDocument"), let uri = notebook.member("uri")?.stringValue,
              let cells = notebook.member("cells")?.arrayValue else {
            throw .invalidParams("`notebookDocument` needs `uri` and `cells`")
        }
        notebooks[uri] = []
        openNotebookCells(uri, cells: cells, documents: params.member("cellTextDocuments")?.arrayValue ?? [])
    }

    /// Opens the cell documents among `items` whose cell (in `cells`) is code (kind 2).
    func openNotebookCells(_ notebook: String, cells: [JSONValue], documents items: [JSONValue]) {
        let code = Set(cells.compactMap { cell in cell.member("kind")?.intValue == 2 ? cell.member("document")?.stringValue : nil })
        for item in items {
            guard let cellURI = item.member("uri")?.stringValue, code.contains(cellURI),
                  let text = item.member("text")?.stringValue else { continue }
            documents[cellURI] = Document(uri: cellURI, languageID: item.member("languageId")?.stringValue ?? "python",
                                          version: item.member("version")?.intValue ?? 0, text: text)
            if !(notebooks[notebook] ?? []).contains(cellURI) { notebooks[notebook, default: []].append(cellURI) }
            scheduleScan(cellURI)
        }
    }

    /// Forgets a cell document and clears its diagnostics.
    func closeNotebookCell(_ notebook: String, cell cellURI: String) {
        notebooks[notebook]?.removeAll { $0 == cellURI }
        guard documents.removeValue(forKey: cellURI) != nil else { return }
        pendingScans.removeAll { $0 == cellURI }
        clearDiagnostics(cellURI)
    }
}
