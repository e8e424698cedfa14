// The migration plan as JSON (`homeport plan --format json`): the numbers the HTML report charts.

public enum PlanJSONReporter {
    /// Keys never change with `language`; only message and suggestion texts do.
    public static func render(_ plan: MigrationPlan, language: MessageLanguage = .english) -> String {
        JSONValue.object([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("language", .string(language.rawValue)),
            ("target", .object([("id", .string(plan.target.id)), ("name", .string(plan.target.name(in: language))),
                                ("baseURL", .string(plan.target.baseURL))])),
            ("summary", .object([
                ("findings", .int(plan.findings)),
                ("filesWithFindings", .int(plan.files.count)),
                ("filesScanned", .int(plan.filesScanned)),
                ("complete", .bool(plan.isComplete)),
            ])),
            ("byRule", .object(plan.byRule.map { ($0.rule, .int($0.count)) })),
            ("byClass", .array(plan.classes.map { use in
                .object([
                    ("class", .string(use.capability)),
                    ("findings", .int(use.findings)),
                    ("models", .array(use.models.map(JSONValue.string))),
                    ("manual", .bool(use.isManual)),
                    ("targetModel", use.targetModel.map(JSONValue.string) ?? .null),
                    ("compatibleProviders", .array(use.compatibleProviders.map(JSONValue.string))),
                    ("fromCall", .object(use.fromCall.map { ($0.reason, .int($0.count)) })),
                ])
            })),
            ("endpointsByURL", .array(plan.endpointFamilies.map(JSONValue.string))),
            ("coveringProviders", .array(plan.coveringProviders.map { .string($0.id) })),
            ("fix", .object([("automatic", .int(plan.automatic)), ("review", .int(plan.review)), ("manual", .int(plan.manual))])),
            ("files", .array(plan.files.map { file in
                .object([
                    ("path", .string(Path.shown(file.path))),
                    ("findings", .int(file.findings.count)),
                    ("automatic", .int(file.automatic.count)),
                    ("review", .int(file.review.count)),
                    ("manual", .int(file.manual)),
                    ("items", .array(file.findings.map { finding in
                        .object([
                            ("rule", .string(finding.ruleID)),
                            ("line", .int(finding.start.line)),
                            ("column", .int(finding.start.column)),
                            ("message", .string(finding.message)),
                            ("match", .string(finding.matchedText)),
                            ("suggestion", finding.suggestions.first.map { .string($0.title) } ?? .null),
                            ("fix", .string(finding.suggestions.first?.applicability.rawValue ?? "manual")),
                        ])
                    })),
                ])
            })),
        ]).serialized()
    }
}
