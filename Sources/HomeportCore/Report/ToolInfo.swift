// Homeport's identity as reports state it.

public enum ToolInfo {
    public static let name = "homeport"
    public static let fullName = "Homeport"
    public static let version = "0.1.0"
    /// What `homeport --version` prints: the tool and its built-in provider catalog.
    public static let versionLine = "\(name) \(version) (provider catalog \(BundledRules.catalogVersion), \(BundledRules.catalogDate))"
    /// The version line as a sentence of `language` reads it (the HTML plan's footer).
    public static func versionLine(in language: MessageLanguage) -> String {
        LocalizedText(en: versionLine,
                      zh: "\(name) \(version)（服务商清单 \(BundledRules.catalogVersion)，\(BundledRules.catalogDate)）").text(in: language)
    }
    public static let informationURI = "https://github.com/homeport-lint/homeport"

    /// Where a rule's documentation lives when its file names no `help-uri`.
    public static func ruleDocumentationURI(_ ruleID: String) -> String {
        informationURI + "/blob/main/rules/" + ruleID + ".yml"
    }
}
