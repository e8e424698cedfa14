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
    public var matcher: any RuleMatcher
    /// What kind of move away from OpenAI a finding of this rule asks for; picks the catalog advice.
    public var migration: MigrationKind?
    public var examples: [RuleExample]
    /// Where the rule was defined (`rules/openai-model.yml`), for error messages.
    public var origin: String
    /// CVSS-like score (`"8.0"`) GitHub code scanning ranks security alerts by; rules tagged `security` have one.
    public var securitySeverity: String? = nil
    /// The human-facing texts in Simplified Chinese (the rule file's `zh-CN:` section); the fields
    /// above are English. Every bundled rule has them; a user's own rule may not.
    public var chinese: RuleTexts? = nil

    public init(
        id: String, name: String, level: Severity, summary: String, description: String,
        help: String, hint: String, helpURI: String?, tags: [String], precision: String, message: String,
        matcher: any RuleMatcher, migration: MigrationKind? = nil, examples: [RuleExample], origin: String
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

extension Rule {
    /// The texts a person reads: the rule's own (English) or its `zh-CN:` section.
    public var englishTexts: RuleTexts {
        RuleTexts(summary: summary, description: description, help: help, hint: hint, message: message)
    }

    /// This rule with its human-facing texts in `language` (English where it has no translation).
    public func localized(to language: MessageLanguage) -> Rule {
        guard language == .simplifiedChinese, let chinese else { return self }
        var rule = self
        rule.summary = chinese.summary
        rule.description = chinese.description
        rule.help = chinese.help
        rule.hint = chinese.hint
        rule.message = chinese.message
        return rule
    }
}

/// The texts of a rule a person reads, in one language.
public struct RuleTexts: Sendable, Equatable {
    public var summary: String
    public var description: String
    public var help: String
    public var hint: String
    public var message: String

    public init(summary: String, description: String, help: String, hint: String, message: String) {
        self.summary = summary
        self.description = description
        self.help = help
        self.hint = hint
        self.message = message
    }

    /// Each text with its name, for checks that run over all of them.
    public var all: [(name: String, text: String)] {
        [("summary", summary), ("description", description), ("help", help), ("hint", hint), ("message", message)]
    }
}

extension Rule {
    /// Where the rule is documented: its `help-uri`, else its file in the repository.
    public var documentationURI: String { helpURI ?? ToolInfo.ruleDocumentationURI(id) }
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
