// `textDocument/didSave`: rescan; a saved `.homeport.yml` rescans every open document under it.

import HomeportCore

extension LanguageServer {
    func didSave(_ params: JSONValue) throws(ResponseError) {
        guard let uri = params.member("textDocument")?.member("uri")?.stringValue else {
            throw .invalidParams("`didSave` needs `textDocument.uri`")
        }
        if let path = FileURI.path(of: uri), Path.lastComponent(of: path) == ConfigLoader.fileName {
            workspace.reloadConfigurations()
            scheduleScanOfAllDocuments()
        } else if documents[uri] != nil {
            scheduleScan(uri)
        }
    }
}
