// The SARIF 2.1.0 report, shaped for GitHub code scanning: every rule, relative URIs, fingerprints.

#if canImport(Glibc)
import Glibc
#endif

public enum SARIFReporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    /// - Parameter sourceRoot: absolute path that result URIs are relative to (`%SRCROOT%`).
    /// - Parameter details: run-level facts from outside the scan (category, version control).
    /// - Parameter language: the language of the messages (rules and findings come localized); written
    ///   as the run's `language`.
    public static func render(_ report: ScanReport, rules: RuleSet, sourceRoot: String,
                              details: SARIFRunDetails = SARIFRunDetails(),
                              language: MessageLanguage = .english) -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.rules.enumerated().map { ($1.id, $0) })
        let fingerprints = Fingerprints.compute(report.findings)
        let findings = report.findings
        let results = JSONValue.generated(count: findings.count) { index in
            result(findings[index], ruleIndex: ruleIndex[findings[index].ruleID], fingerprint: fingerprints[index])
        }
        let root = sourceRoot.hasSuffix("/") ? sourceRoot : sourceRoot + "/"
        var run: [(String, JSONValue)] = [
            ("tool", .object([("driver", .object([
                ("name", .string(ToolInfo.fullName)),
                ("semanticVersion", .string(ToolInfo.version)),
                ("version", .string(ToolInfo.version)),
                ("informationUri", .string(ToolInfo.informationURI)),
                ("rules", .array(rules.rules.map(ruleDescriptor))),
            ]))])),
            ("invocations", .array([.object([
                ("executionSuccessful", .bool(!report.isIncomplete)),
                ("toolExecutionNotifications", .array(report.problems.map { notification($0, language: language) })),
            ])])),
            ("originalUriBaseIds", .object([
                ("%SRCROOT%", .object([("uri", .string(FileURI.uri(forPath: root)))])),
            ])),
            ("results", results),
            ("columnKind", .string("unicodeCodePoints")),
            ("language", .string(language.rawValue)),
        ]
        run += details.members
        return JSONValue.object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ]).serialized()
    }

    static func ruleDescriptor(_ rule: Rule) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.name)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.description))])),
            ("help", .object([
                ("text", .string(plainText(fromMarkdown: rule.help))),
                ("markdown", .string(rule.help)),
            ])),
            ("helpUri", .string(rule.documentationURI)),
            ("defaultConfiguration", .object([("level", .string(rule.level.rawValue))])),
            ("properties", .object([
                ("tags", .array(rule.tags.map(JSONValue.string))),
                ("precision", .string(rule.precision)),
            ] + (rule.securitySeverity.map { [("security-severity", JSONValue.string($0))] } ?? []))),
        ])
    }

    static func result(_ finding: Finding, ruleIndex: Int?, fingerprint: String) -> JSONValue {
        var members: [(String, JSONValue)] = [("ruleId", .string(finding.ruleID))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        members += [
            ("level", .string(finding.severity.rawValue)),
            ("message", .object([("text", .string(finding.message))])),
            ("locations", .array([.object([("physicalLocation", .object([
                ("artifactLocation", artifactLocation(finding.path)),
                ("region", .object([
                    ("startLine", .int(finding.start.line)),
                    ("startColumn", .int(finding.start.column)),
                    ("endLine", .int(finding.end.line)),
                    ("endColumn", .int(finding.end.column)),
                    ("snippet", .object([("text", .string(finding.lineText))])),
                ])),
            ]))])])),
            ("partialFingerprints", .object([("homeport/v1", .string(fingerprint))]
                + (finding.lineHash.map { [("primaryLocationLineHash", JSONValue.string($0))] } ?? []))),
        ]
        // SARIF fixes are the edits `homeport fix` would apply for the target provider.
        let fixes = finding.suggestions.filter { !$0.edits.isEmpty }.prefix(1).map { fix(for: $0, finding: finding) }
        if !fixes.isEmpty { members.append(("fixes", .array(Array(fixes)))) }
        var properties: [(String, JSONValue)] = [
            ("match", .string(finding.matchedText)),
            ("suggestions", .array(finding.suggestions.map(JSONReporter.suggestionValue))),
        ]
        if let cell = finding.cell {  // a notebook: the region is in the .ipynb file; this is in its cell
            properties.append(("cell", .object([("cell", .int(cell.cell)), ("line", .int(cell.line)),
                                                ("column", .int(cell.column))])))
        }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    static func fix(for suggestion: Suggestion, finding: Finding) -> JSONValue {
        .object([
            ("description", .object([("text", .string(suggestion.title))])),
            ("artifactChanges", .array([.object([
                ("artifactLocation", artifactLocation(finding.path)),
                ("replacements", .array(suggestion.edits.map { edit in
                    .object([
                        ("deletedRegion", .object([
                            ("charOffset", .int(edit.span.start)),
                            ("charLength", .int(edit.span.length)),
                        ])),
                        ("insertedContent", .object([("text", .string(edit.replacement))])),
                    ])
                })),
            ])])),
        ])
    }

    static func artifactLocation(_ path: String) -> JSONValue {
        if path.hasPrefix("/") {
            // Outside the source root: an absolute file URI, which viewers open but GitHub ignores.
            return .object([("uri", .string(FileURI.uri(forPath: path)))])
        }
        return .object([("uri", .string(FileURI.percentEncode(path))), ("uriBaseId", .string("%SRCROOT%"))])
    }

    static func notification(_ problem: ScanProblem, language: MessageLanguage) -> JSONValue {
        var location: [(String, JSONValue)] = [("artifactLocation", artifactLocation(problem.path))]
        if let position = problem.location {
            location.append(("region", .object([("startLine", .int(position.line)),
                                                ("startColumn", .int(position.column))])))
        }
        return .object([
            ("level", .string(problem.kind == .error ? "error" : "warning")),
            ("message", .object([("text", .string(problem.text.text(in: language)))])),
            ("locations", .array([.object([("physicalLocation", .object(location))])])),
        ])
    }

    /// Markdown reduced to readable plain text for SARIF `help.text`.
    static func plainText(fromMarkdown markdown: String) -> String {
        markdown.replacing("`", with: "").replacing("**", with: "")
    }
}

/// Stable identities for findings that survive unrelated edits: rule, file, the finding's line text
/// with whitespace normalised, and which occurrence of that combination it is.
enum Fingerprints {
    static func compute(_ findings: [Finding]) -> [String] {
        var occurrences: [String: Int] = [:]
        return findings.map { finding in
            let normalized = finding.lineText.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            let key = finding.ruleID + "\u{0}" + finding.path + "\u{0}" + normalized
            let occurrence = occurrences[key, default: 0]
            occurrences[key] = occurrence + 1
            return hex(fnv1a64(key + "\u{0}" + String(occurrence))) + ":" + String(occurrence + 1)
        }
    }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
