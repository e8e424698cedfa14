// The JSON report: findings with positions, matched text and suggestions, for scripts and tools.

public enum JSONReporter {
    /// Messages are in `language` (findings come localized already); keys never change.
    public static func render(_ report: ScanReport, rules: RuleSet, language: MessageLanguage = .english) -> String {
        var byRule: [String: Int] = [:]
        for finding in report.findings { byRule[finding.ruleID, default: 0] += 1 }
        let document = JSONValue.object([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            // The language of `message`, suggestion and problem texts (as SARIF and the plan JSON say it).
            ("language", .string(language.rawValue)),
            ("findings", .generated(count: report.findings.count) { [findings = report.findings] in findingValue(findings[$0]) }),
            ("problems", .array(report.problems.map { problemValue($0, language: language) })),
            ("summary", .object([
                ("filesScanned", .int(report.filesScanned)),
                ("findings", .int(report.findings.count)),
                ("byRule", .object(byRule.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
                ("complete", .bool(!report.isIncomplete)),
            ])),
        ])
        return document.serialized()
    }

    static func findingValue(_ finding: Finding) -> JSONValue {
        var members = findingMembers(finding)
        if let cell = finding.cell {  // a notebook: where in which cell, next to the file position
            members.insert(("cell", .object([("cell", .int(cell.cell)), ("line", .int(cell.line)),
                                             ("column", .int(cell.column))])), at: 7)
        }
        return .object(members)
    }

    private static func findingMembers(_ finding: Finding) -> [(String, JSONValue)] {
        [
            ("rule", .string(finding.ruleID)),
            ("level", .string(finding.severity.rawValue)),
            ("path", .string(Path.shown(finding.path))),
            ("line", .int(finding.start.line)),
            ("column", .int(finding.start.column)),
            ("endLine", .int(finding.end.line)),
            ("endColumn", .int(finding.end.column)),
            ("message", .string(finding.message)),
            ("match", .string(finding.matchedText)),
            ("suggestions", .array(finding.suggestions.map(suggestionValue))),
        ]
    }

    /// A suggestion as JSON and SARIF `properties` carry it; edits are byte offsets into the file.
    static func suggestionValue(_ suggestion: Suggestion) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("title", .string(suggestion.title)),
            ("applicability", .string(suggestion.applicability.rawValue)),
        ]
        if let provider = suggestion.provider { members.append(("provider", .string(provider))) }
        if let replacement = suggestion.replacement { members.append(("replacement", .string(replacement))) }
        members.append(("edits", .array(suggestion.edits.map { edit in
            .object([
                ("start", .int(edit.span.start)),
                ("end", .int(edit.span.end)),
                ("replacement", .string(edit.replacement)),
            ])
        })))
        return .object(members)
    }

    static func problemValue(_ problem: ScanProblem, language: MessageLanguage) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("kind", .string(problem.kind == .error ? "error" : "warning")),
            ("path", .string(Path.shown(problem.path))),
        ]
        if let location = problem.location {
            members += [("line", .int(location.line)), ("column", .int(location.column))]
        }
        members.append(("message", .string(problem.text.text(in: language))))
        return .object(members)
    }
}
