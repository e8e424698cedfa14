// An open document: the editor's text (kept as UTF-8 bytes), its version, and its language.

import HomeportCore

struct Document {
    let uri: String
    /// The file it is a buffer of; nil for `untitled:` and other non-file URIs.
    let path: String?
    var languageID: String
    var version: Int
    var text: [UInt8]
    /// The version whose diagnostics were last published; nil before the first.
    var publishedVersion: Int?
    /// The last scan, for code actions and hovers on an unchanged version.
    var analysis: (version: Int, result: Analysis?)?

    init(uri: String, languageID: String, version: Int, text: String) {
        self.uri = uri
        self.path = FileURI.path(of: uri)
        self.languageID = languageID
        self.version = version
        self.text = Array(text.utf8)
    }

    /// As `scan` decides for files: by extension, else by a `#!` line; a buffer without a file
    /// goes by the editor's language id.
    var language: Language? {
        if let path {
            if let language = Language.forPath(path) { return language }
            return Language.forShebang(text)
        }
        return Language.forLanguageIdentifier(languageID) ?? Language.forShebang(text)
    }

    /// Applies `textDocument/didChange` content changes in order: a change with a `range` replaces
    /// that range (in `encoding`'s units, against the text as the previous change left it); one
    /// without replaces the whole text.
    mutating func apply(_ changes: [JSONValue], encoding: SourceFile.ColumnEncoding) throws(ResponseError) {
        // The last scan's file is this text with its lines counted (a scan's text changes only here):
        // the first change's positions are read from it rather than counting the lines again.
        var lines = analysis?.result?.file
        if let file = lines, !Document.shareStorage(file.bytes, text) { lines = nil }
        // The last scan holds the old text: let it go now rather than keep two copies until the next scan.
        analysis = nil
        for change in changes {
            guard let replacement = change.member("text")?.stringValue else {
                throw .invalidParams("a content change has no `text`")
            }
            guard let range = change.member("range"), !range.isNull else {
                text = Array(replacement.utf8)
                continue
            }
            let file = lines ?? SourceFile(path: uri, bytes: text, language: .python)
            lines = nil
            let start = try Document.offset(range.member("start"), in: file, encoding: encoding)
            let end = try Document.offset(range.member("end"), in: file, encoding: encoding)
            guard start <= end else { throw .invalidParams("a content change's range ends before it starts") }
            text.replaceSubrange(start..<end, with: replacement.utf8)
        }
    }

    /// Whether two arrays are one storage, so the same bytes (a file's offsets depend only on its bytes).
    static func shareStorage(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
    }

    /// The byte offset of an LSP `Position` in `file`.
    static func offset(_ position: JSONValue?, in file: SourceFile, encoding: SourceFile.ColumnEncoding) throws(ResponseError) -> Int {
        guard let line = position?.member("line")?.intValue, let character = position?.member("character")?.intValue,
              line >= 0, character >= 0 else {
            throw .invalidParams("a position needs `line` and `character`, both non-negative integers")
        }
        return file.offset(line: line, character: character, encoding: encoding)
    }
}
