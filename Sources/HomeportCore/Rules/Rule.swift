// A rule as data: identity and documentation from rules/*.yml, plus the matcher that finds it.

public struct Rule: Sendable {
    /// Stable kebab-case id (`openai-model`): users write it in suppressions, GitHub keys alerts on it.
    public var id: String
    /// PascalCase name (`OpenAIModel`), as SARIF `reportingDescriptor.name` wants.
    public var name: String
    public var level: Severity
    /// One sentence: SARIF `shortDescription`, `homeport rules` listing.
    public var summary: String
    /// A paragraph: SARIF `fullDescription`.
    public var description: String
    /// Markdown: why it matters, how to migrate, how to suppress.
    public var help: String
    /// One actionable line shown as `help:` under each finding in the text report.
    public var hint: String
    public var helpURI: String?
    public var tags: [String]
    /// `very-high`, `high`, `medium` or `low`, as SARIF `properties.precision` expects.
    public var precision: String
    /// The finding message; `{match}` and the matcher's variables (`{class}`, `{host}` …) are filled in.
    public var message: String
    public var matcher: RuleMatcher
    /// What kind of move away from OpenAI a finding of this rule asks for; picks the catalog advice.
    public var migration: MigrationKind?
    public var examples: [RuleExample]
    /// Where the rule was defined (`rules/openai-model.yml`), for error messages.
    public var origin: String
    /// CVSS-like score (`"8.0"`) GitHub code scanning ranks security alerts by; rules tagged `security` have one.
    public var securitySeverity: String? = nil

    public init(
        id: String, name: String, level: Severity, summary: String, description: String,
        help: String, hint: String, helpURI: String?, tags: [String], precision: String, message: String,
        matcher: RuleMatcher, migration: MigrationKind? = nil, examples: [RuleExample], origin: String
    ) {
        self.id = id
        self.name = name
        self.level = level
        self.summary = summary
        self.description = description
        self.help = help
        self.hint = hint
        self.helpURI = helpURI
        self.tags = tags
        self.precision = precision
        self.message = message
        self.matcher = matcher
        self.migration = migration
        self.examples = examples
        self.origin = origin
    }
}

/// A code snippet from a rule file: `⟪…⟫` marks each text that must be reported; none means silent.
public struct RuleExample: Sendable {
    public var language: Language
    public var code: String
    public init(language: Language, code: String) {
        self.language = language
        self.code = code
    }
}

/// The kinds of migration advice the catalog knows how to give.
public enum MigrationKind: String, Sendable, CaseIterable {
    case sdkImport = "sdk-import"
    case apiURL = "api-url"
    case azureEndpoint = "azure-endpoint"
    case model
    case environmentVariable = "environment-variable"
    /// An application's own setting named after OpenAI: a provider-neutral name, not a replacement.
    case neutralName = "neutral-name"
    case secret
}
