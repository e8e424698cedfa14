// The JSON report: findings with positions, matched text and suggestions, for scripts and tools.

public enum JSONReporter {
    /// Messages are in `language` (findings come localized already); keys never change.
    public static func render(_ report: ScanReport, rules: RuleSet, language: MessageLanguage = .english) -> String {
        let findings = JSONValue.generated(count: report.findings.count) { [findings = report.findings] in
            findingValue(findings[$0])
        }
        return JSONValue.object(members(report, findings: findings, language: language)).serialized()
    }

    /// The bytes `render` gives, the findings taken from `findingsFragments`: each the
    /// `findingsFragment` of one file's findings, in report order, together `report.findings`.
    /// The workers that scanned the files wrote them, so only the rest is written here.
    public static func render(_ report: ScanReport, findingsFragments fragments: [[UInt8]],
                              language: MessageLanguage = .english) -> [UInt8] {
        let members = members(report, findings: .null, language: language)
        var out: [UInt8] = []
        out.reserveCapacity(fragments.reduce(4096) { $0 + $1.count + 1 } + report.problems.count * 256)
        out.append(UInt8(ascii: "{"))
        for (index, (key, value)) in members.enumerated() {
            // As `JSONValue.serialized` writes an object's members one level deep.
            out.append(contentsOf: "\n  ".utf8)
            JSONValue.writeString(key, to: &out)
            out.append(contentsOf: ": ".utf8)
            if key == findingsKey && fragments.isEmpty {
                out.append(contentsOf: "[]".utf8)
            } else if key == findingsKey {
                out.append(UInt8(ascii: "["))
                for (number, fragment) in fragments.enumerated() {
                    if number > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: fragment)
                }
                out.append(contentsOf: "\n  ]".utf8)
            } else {
                value.appendPretty(to: &out, indent: 1)
            }
            if index + 1 < members.count { out.append(UInt8(ascii: ",")) }
        }
        out.append(contentsOf: "\n}\n".utf8)
        return out
    }

    /// One file's findings (sorted, none filtered out later) as the items of the report's findings
    /// array, for `render(_:findingsFragments:language:)`; empty for none.
    public static func findingsFragment(_ findings: [Finding]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, finding) in findings.enumerated() {
            // As `JSONValue.serialized` writes an array's items two levels deep.
            out.append(contentsOf: index == 0 ? "\n    ".utf8 : ",\n    ".utf8)
            findingValue(finding).appendPretty(to: &out, indent: 2)
        }
        return out
    }

    private static let findingsKey = "findings"

    /// The document's members, `findings` as the value of the findings array.
    private static func members(_ report: ScanReport, findings: JSONValue,
                                language: MessageLanguage) -> [(String, JSONValue)] {
        var byRule: [String: Int] = [:]
        for finding in report.findings { byRule[finding.ruleID, default: 0] += 1 }
        return [
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            // The language of `message`, suggestion and problem texts (as SARIF and the plan JSON say it).
            ("language", .string(language.rawValue)),
            (findingsKey, findings),
            ("problems", .array(report.problems.map { problemValue($0, language: language) })),
            ("summary", .object([
                ("filesScanned", .int(report.filesScanned)),
                ("findings", .int(report.findings.count)),
                ("byRule", .object(byRule.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
                ("complete", .bool(!report.isIncomplete)),
            ])),
        ]
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
