// `textDocument/hover`: over a finding, the rule's explanation and the replacement at every provider.

import HomeportCore

extension LanguageServer {
    func hover(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let uri = params.member("textDocument")?.member("uri")?.stringValue else {
            throw .invalidParams("`hover` needs `textDocument.uri`")
        }
        guard let analysis = analysis(of: uri) else { return .null }
        let offset = try Document.offset(params.member("position"), in: analysis.file, encoding: encoding)
        let hits = analysis.findings.filter { $0.span.start <= offset && offset < $0.span.end }
        guard let first = hits.first else { return .null }
        let span = hits.dropFirst().reduce(first.span) {
            Span(start: min($0.start, $1.span.start), end: max($0.end, $1.span.end))
        }
        return .object([
            ("contents", .object([
                ("kind", .string("markdown")),
                ("value", .string(hits.map { hoverText(for: $0, in: analysis) }.joined(separator: "\n\n---\n\n"))),
            ])),
            ("range", range(span, in: analysis.file)),
        ])
    }

    func hoverText(for finding: Finding, in analysis: Analysis) -> String {
        let rule = analysis.rules.rule(id: finding.ruleID)
        let dash = workspace.language == .simplifiedChinese ? "——" : " — "
        var out = "**Homeport `\(finding.ruleID)`**" + (rule.map { dash + $0.summary } ?? "") + "\n\n"
        out += finding.message + "\n\n"
        let replacements = rule?.migration.map {
            analysis.advisor.replacementsAcrossProviders(for: finding, migration: $0, language: analysis.file.language)
        } ?? []
        if replacements.isEmpty {
            for suggestion in finding.suggestions { out += "- \(suggestion.title)\n" }
        } else {
            let language = workspace.language
            out += EditorMessage.hoverTableHeader.format(language) + "\n|---|---|\n"
            for replacement in replacements {
                let name = replacement.provider.title(in: language)
                let isTarget = replacement.provider.id == analysis.advisor.target.id
                out += "| " + (isTarget ? "**\(name)**" + EditorMessage.targetMark.format(language) : name) + " | `\(replacement.text)`"
                    + (replacement.note.map { dash + $0 } ?? "") + " |\n"
            }
        }
        if let rule {
            out += "\n" + rule.description + "\n"
        }
        let documentation = analysis.documentationURI(of: finding.ruleID)
        out += "\n[\(EditorMessage.ruleDocumentation.format(workspace.language))](\(documentation)) · `homeport explain \(finding.ruleID)`"
        return out
    }
}
