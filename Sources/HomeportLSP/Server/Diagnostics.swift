// Findings as LSP diagnostics, and positions in the client's column units.

import HomeportCore

extension LanguageServer {
    /// An LSP `Range` for a byte span of `file`.
    func range(_ span: Span, in file: SourceFile) -> JSONValue {
        .object([("start", position(span.start, in: file)), ("end", position(span.end, in: file))])
    }

    func position(_ offset: Int, in file: SourceFile) -> JSONValue {
        LanguageServer.position(file.position(of: offset, encoding: encoding))
    }

    static func position(_ position: (line: Int, character: Int)) -> JSONValue {
        .object([("line", .int(position.line)), ("character", .int(position.character))])
    }

    /// LSP `DiagnosticSeverity`: 1 error, 2 warning, 3 information.
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .note: return 3
        }
    }

    /// The findings of a scan as diagnostics, their positions counted in one pass along the file.
    func diagnostics(for analysis: Analysis) -> [JSONValue] {
        var starts = analysis.file.positionLocator(encoding: encoding)
        var ends = analysis.file.positionLocator(encoding: encoding)
        // Each rule's documentation, looked up once: findings of a few rules alternate along a file.
        var documentation: [(rule: String, link: JSONValue)] = []
        return analysis.findings.map { finding in
            let range = JSONValue.object([
                ("start", LanguageServer.position(starts.position(of: finding.span.start))),
                ("end", LanguageServer.position(ends.position(of: finding.span.end))),
            ])
            let link: JSONValue
            if let known = documentation.first(where: { $0.rule == finding.ruleID }) {
                link = known.link
            } else {
                link = LanguageServer.documentationLink(of: finding.ruleID, in: analysis)
                documentation.append((finding.ruleID, link))
            }
            return diagnostic(for: finding, range: range, link: link)
        }
    }

    /// A finding as a diagnostic: the message says what to use instead (the first suggestion).
    func diagnostic(for finding: Finding, in analysis: Analysis) -> JSONValue {
        diagnostic(for: finding, range: range(finding.span, in: analysis.file),
                   link: LanguageServer.documentationLink(of: finding.ruleID, in: analysis))
    }

    /// A diagnostic's `codeDescription`.
    private static func documentationLink(of ruleID: String, in analysis: Analysis) -> JSONValue {
        .object([("href", .string(analysis.documentationURI(of: ruleID)))])
    }

    private func diagnostic(for finding: Finding, range: JSONValue, link: JSONValue) -> JSONValue {
        var message = finding.message
        // A Chinese dash is two em dashes with no spaces (docs/zh-CN-style.md).
        let dash = workspace.language == .simplifiedChinese ? "——" : " — "
        if let suggestion = finding.suggestions.first { message += dash + suggestion.title }
        return .object([
            ("range", range),
            ("severity", .int(LanguageServer.severity(finding.severity))),
            ("code", .string(finding.ruleID)),
            ("codeDescription", link),
            ("source", .string(ToolInfo.name)),
            ("message", .string(message)),
        ])
    }

    /// A configuration or catalog mistake as an error diagnostic on its file, from its position to
    /// the end of that line.
    func setupDiagnostic(_ problem: EditorProblem) -> JSONValue {
        let line = max(0, (problem.line ?? 1) - 1)
        let column = max(0, (problem.column ?? 1) - 1)
        var range = JSONValue.object([
            ("start", .object([("line", .int(line)), ("character", .int(column))])),
            ("end", .object([("line", .int(line)), ("character", .int(column))])),
        ])
        if let path = problem.file, let bytes = try? TreeScan.readFile(path) {
            let file = SourceFile(path: path, bytes: bytes, language: .python)
            let start = file.offset(line: line, character: column, encoding: .unicodeScalars)
            if line < file.lineStarts.count {
                range = self.range(Span(start: start, end: max(start, file.lineSpan(line).end)), in: file)
            }
        }
        return .object([
            ("range", range),
            ("severity", .int(1)),
            ("source", .string(ToolInfo.name)),
            ("message", .string(problem.text)),
        ])
    }
}
