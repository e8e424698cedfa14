// One environment variable is renamed everywhere it is defined and read, or nowhere.

public enum EnvironmentRenames {
    /// The findings with every rename of a variable withdrawn when some occurrence of it (a CI
    /// secret, a settings field) cannot be renamed: renaming `OPENAI_API_KEY` in the code but not in
    /// the workflow that sets it would break the deployment. Each withdrawn finding says why.
    public static func holdTogether(_ findings: [Finding], language: MessageLanguage) -> [Finding] {
        // An occurrence of a variable: its finding's suggestion names the variable that replaces it.
        func replacement(_ finding: Finding) -> String? {
            guard ConfigText.isEnvironmentName(finding.matchedText),
                  let suggestion = finding.suggestions.first, let replacement = suggestion.replacement,
                  ConfigText.isEnvironmentName(replacement) else { return nil }
            return replacement
        }
        var blocked: [String: Finding] = [:]
        for finding in findings {
            guard replacement(finding) != nil, finding.suggestions.first?.edits.isEmpty == true,
                  blocked[finding.matchedText] == nil else { continue }
            blocked[finding.matchedText] = finding
        }
        guard !blocked.isEmpty else { return findings }
        return findings.map { finding in
            guard let target = replacement(finding), let blocker = blocked[finding.matchedText],
                  finding.suggestions.first?.edits.isEmpty == false else { return finding }
            var held = finding
            let place = "\(Path.shown(blocker.path)):\(blocker.start.line):\(blocker.start.column)"
            let title = CoreMessage.environmentRenameHeld.format(
                language, ["name": finding.matchedText, "where": place, "replacement": target])
            held.suggestions = [Suggestion(title: title, provider: finding.suggestions.first?.provider, replacement: target)]
                + finding.suggestions.dropFirst().filter { $0.edits.isEmpty }
            return held
        }
    }
}
