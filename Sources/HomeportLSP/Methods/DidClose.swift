// `textDocument/didClose`: forget the text and clear its diagnostics.

import HomeportCore

extension LanguageServer {
    func didClose(_ params: JSONValue) throws(ResponseError) {
        guard let uri = params.member("textDocument")?.member("uri")?.stringValue else {
            throw .invalidParams("`didClose` needs `textDocument.uri`")
        }
        guard documents.removeValue(forKey: uri) != nil else { return }
        pendingScans.removeAll { $0 == uri }
        clearDiagnostics(uri)
    }
}
