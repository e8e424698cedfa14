// `textDocument/didChange`: apply incremental (or whole-text) changes; the scan waits until input pauses.

import HomeportCore

extension LanguageServer {
    func didChange(_ params: JSONValue) throws(ResponseError) {
        guard let uri = params.member("textDocument")?.member("uri")?.stringValue,
              let changes = params.member("contentChanges")?.arrayValue else {
            throw .invalidParams("`didChange` needs `textDocument.uri` and `contentChanges`")
        }
        guard var document = documents[uri] else { throw .invalidParams("\(uri) is not open") }
        try document.apply(changes, encoding: encoding)
        if let version = params.member("textDocument")?.member("version")?.intValue { document.version = version }
        documents[uri] = document
        scheduleScan(uri)
    }
}
