// `textDocument/codeAction`: per finding in the range, a quick fix per suggestion with edits and a
// suppression comment; for the file, `source.fixAll.homeport` (what `homeport fix` would do).

import HomeportCore

extension LanguageServer {
    static let fixAllKind = "source.fixAll.homeport"

    func codeAction(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let uri = params.member("textDocument")?.member("uri")?.stringValue else {
            throw .invalidParams("`codeAction` needs `textDocument.uri`")
        }
        guard let analysis = analysis(of: uri), let document = documents[uri] else { return .array([]) }
        let file = analysis.file
        let start = try Document.offset(params.member("range")?.member("start"), in: file, encoding: encoding)
        let end = try Document.offset(params.member("range")?.member("end"), in: file, encoding: encoding)
        let only = params.member("context")?.member("only")?.arrayValue?.compactMap(\.stringValue)
        func wanted(_ kind: String) -> Bool {
            only.map { $0.contains { kind == $0 || kind.hasPrefix($0 + ".") } } ?? true
        }

        var actions: [JSONValue] = []
        if wanted("quickfix") {
            var facts: Facts?
            for finding in analysis.findings where finding.span.start <= end && start <= finding.span.end {
                let diagnostic = self.diagnostic(for: finding, in: analysis)
                var preferredGiven = false
                for suggestion in finding.suggestions where !suggestion.edits.isEmpty {
                    // The target's safe edit is the one an editor may apply without asking.
                    let preferred = !preferredGiven && suggestion.applicability == .safe
                        && suggestion.provider == analysis.advisor.target.id
                    preferredGiven = preferredGiven || preferred
                    actions.append(action(title: LanguageServer.title(of: suggestion, language: workspace.language), kind: "quickfix",
                                          diagnostic: diagnostic, edits: suggestion.edits, preferred: preferred,
                                          document: document, file: file))
                }
                if facts == nil { facts = Scanner.frontend(for: file.language).facts(in: file) }
                if let edit = LanguageServer.suppressionEdit(for: finding, in: file, facts: facts!) {
                    actions.append(action(title: EditorMessage.suppressOnLine.format(workspace.language, ["rule": finding.ruleID]),
                                          kind: "quickfix",
                                          diagnostic: diagnostic, edits: [edit], preferred: false,
                                          document: document, file: file))
                }
            }
        }
        if wanted(LanguageServer.fixAllKind) {
            let fixes = analysis.findings.compactMap { $0.fixSuggestion(includingUnsafe: workspace.settings.unsafeFixes) }
            let edits = EditApplier.compatible(fixes.flatMap(\.edits)).kept
            if !edits.isEmpty {
                actions.append(action(
                    title: (fixes.count == 1 ? EditorMessage.fixAllOne : .fixAllMany).format(workspace.language, [
                        "count": String(fixes.count), "provider": analysis.advisor.target.name(in: workspace.language)]),
                    kind: LanguageServer.fixAllKind, diagnostic: nil, edits: edits, preferred: false,
                    document: document, file: file))
            }
        }
        return .array(actions)
    }

    private func action(title: String, kind: String, diagnostic: JSONValue?, edits: [TextEdit], preferred: Bool,
                        document: Document, file: SourceFile) -> JSONValue {
        var members: [(String, JSONValue)] = [("title", .string(title)), ("kind", .string(kind))]
        if let diagnostic { members.append(("diagnostics", .array([diagnostic]))) }
        if preferred { members.append(("isPreferred", .bool(true))) }
        members.append(("edit", workspaceEdit(edits, document: document, file: file)))
        return .object(members)
    }

    /// Edits of one document, versioned when the client can check the version.
    func workspaceEdit(_ edits: [TextEdit], document: Document, file: SourceFile) -> JSONValue {
        let textEdits = JSONValue.array(edits.sorted { $0.span < $1.span }.map { edit in
            .object([("range", range(edit.span, in: file)), ("newText", .string(edit.replacement))])
        })
        guard clientSupportsDocumentChanges else {
            return .object([("changes", .object([(document.uri, textEdits)]))])
        }
        return .object([("documentChanges", .array([.object([
            ("textDocument", .object([("uri", .string(document.uri)), ("version", .int(document.version))])),
            ("edits", textEdits),
        ])]))])
    }

    /// A suggestion's title as a menu entry: `Use <model> …`, alternatives without their "or".
    static func title(of suggestion: Suggestion, language: MessageLanguage = .english) -> String {
        var text = Substring(suggestion.title)
        let or = CoreMessage.alternativePrefix.format(language)
        if text.hasPrefix(or) { text = text.dropFirst(or.count) }
        var title = text.prefix(1).uppercased() + text.dropFirst()
        if suggestion.applicability == .unsafe { title += EditorMessage.reviewTheChange.format(language) }
        return title
    }

    /// The edit that silences one finding: the rule added to a directive already on its line, else a
    /// comment at the end of the line, else (the line ends inside a string or continues with `\`)
    /// a comment on its own line above; nil when neither place can hold a comment.
    static func suppressionEdit(for finding: Finding, in file: SourceFile, facts: Facts) -> TextEdit? {
        let bytes = file.bytes
        let lineIndex = file.lineIndex(of: finding.span.start)
        let line = file.lineSpan(lineIndex)
        func contentEnd(_ line: Span) -> Int {
            var end = line.end
            while end > line.start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            return end
        }
        func insideString(_ offset: Int) -> Bool { facts.strings.contains { $0.span.start < offset && offset < $0.span.end } }
        func continues(_ line: Span) -> Bool {
            let end = contentEnd(line)
            return end > line.start && bytes[end - 1] == UInt8(ascii: "\\")
        }
        let directive = Array("homeport: ignore[".utf8)
        for comment in facts.comments where comment.span.start >= line.start && comment.span.start < line.end {
            guard let open = bytes[comment.span.start..<comment.span.end].firstRange(of: directive),
                  let close = bytes[open.upperBound..<comment.span.end].firstIndex(of: UInt8(ascii: "]")) else { continue }
            return TextEdit(span: Span(start: close, end: close), replacement: "," + finding.ruleID)
        }
        let comment = file.language.suppressionComment(ruleIDs: [finding.ruleID])
        let end = contentEnd(line)
        if !insideString(end) && !continues(line) {
            return TextEdit(span: Span(start: end, end: end), replacement: "  " + comment)
        }
        let previousContinues = lineIndex > 0 && continues(file.lineSpan(lineIndex - 1))
        guard !insideString(line.start), !previousContinues else { return nil }
        let indent = String(decoding: bytes[line.start..<line.end].prefix { $0 == 0x20 || $0 == 0x09 }, as: UTF8.self)
        let newline = bytes[line.end...].starts(with: [0x0D, 0x0A]) ? "\r\n" : bytes[line.end...].first == 0x0D ? "\r" : "\n"
        return TextEdit(span: Span(start: line.start, end: line.start), replacement: indent + comment + newline)
    }
}
