// `notebookDocument/didChange` (LSP 3.17): cells added or removed (with their documents opened or
// closed), a cell's kind changed, and edits of cells' text, applied as `textDocument/didChange`'s are.

import HomeportCore

extension LanguageServer {
    func notebookDidChange(_ params: JSONValue) throws(ResponseError) {
        guard let uri = params.member("notebookDocument")?.member("uri")?.stringValue else {
            throw .invalidParams("`notebookDocument/didChange` needs `notebookDocument.uri`")
        }
        guard notebooks[uri] != nil else { throw .invalidParams("\(uri) is not open") }
        let cells = params.member("change")?.member("cells")
        if let structure = cells?.member("structure") {
            for closed in structure.member("didClose")?.arrayValue ?? [] {
                if let cellURI = closed.member("uri")?.stringValue { closeNotebookCell(uri, cell: cellURI) }
            }
            openNotebookCells(uri, cells: structure.member("array")?.member("cells")?.arrayValue ?? [],
                              documents: structure.member("didOpen")?.arrayValue ?? [])
        }
        // A cell turned into markdown stops being scanned (its document stays with the client).
        for cell in cells?.member("data")?.arrayValue ?? [] {
            if cell.member("kind")?.intValue == 1, let cellURI = cell.member("document")?.stringValue {
                closeNotebookCell(uri, cell: cellURI)
            }
        }
        for content in cells?.member("textContent")?.arrayValue ?? [] {
            guard let cellURI = content.member("document")?.member("uri")?.stringValue,
                  var document = documents[cellURI] else { continue }
            try document.apply(content.member("changes")?.arrayValue ?? [], encoding: encoding)
            if let version = content.member("document")?.member("version")?.intValue { document.version = version }
            documents[cellURI] = document
            scheduleScan(cellURI)
        }
    }
}
