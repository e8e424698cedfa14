// `textDocument/didOpen`: keep the text and scan it.

import HomeportCore

extension LanguageServer {
    func didOpen(_ params: JSONValue) throws(ResponseError) {
        let item = params.member("textDocument")
        guard let uri = item?.member("uri")?.stringValue, let text = item?.member("text")?.stringValue else {
            throw .invalidParams("`textDocument` needs `uri` and `text`")
        }
        documents[uri] = Document(uri: uri, languageID: item?.member("languageId")?.stringValue ?? "",
                                  version: item?.member("version")?.intValue ?? 0, text: text)
        scheduleScan(uri)
    }
}
