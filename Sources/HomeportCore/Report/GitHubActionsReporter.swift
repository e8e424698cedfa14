// GitHub Actions workflow commands (`::error file=…::…`): findings inline on a pull request.

/// One `::error|warning|notice …::message` line per finding and per scan problem. GitHub shows the
/// annotations on the pull request's diff without code scanning.
public enum GitHubActionsReporter {
    public static func render(_ report: ScanReport, rules: RuleSet, language: MessageLanguage = .english) -> String {
        var out = ""
        for finding in report.findings {
            // `rule: summary`; a Chinese summary follows a full-width colon (docs/zh-CN-style.md).
            let colon = language == .simplifiedChinese ? "：" : ": "
            let title = "\(finding.ruleID)" + (rules.rule(id: finding.ruleID).map { colon + $0.summary } ?? "")
            var message = finding.message
            if let help = finding.suggestions.first?.title ?? rules.rule(id: finding.ruleID)?.hint {
                // The label is part of the text a person reads on the pull request, not of the command's syntax.
                message += "\n" + CoreMessage.annotationHelp.format(language, ["help": help])
            }
            out += command(level(finding.severity), [
                ("file", Path.shown(finding.path)),
                ("line", String(finding.start.line)),
                ("col", String(finding.start.column)),
                ("endLine", String(finding.end.line)),
                ("endColumn", String(finding.end.column)),
                ("title", title),
            ], message: message)
        }
        for problem in report.problems {
            var properties = [("file", Path.shown(problem.path))]
            if let location = problem.location {
                properties += [("line", String(location.line)), ("col", String(location.column))]
            }
            properties.append(("title", "homeport"))
            out += command(problem.kind == .error ? "error" : "warning", properties, message: problem.text.text(in: language))
        }
        return out
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "notice"
        }
    }

    static func command(_ name: String, _ properties: [(String, String)], message: String) -> String {
        "::" + name + " " + properties.map { $0.0 + "=" + escapeProperty($0.1) }.joined(separator: ",")
            + "::" + escapeData(message) + "\n"
    }

    /// The runner's escaping for a command's message (`toCommandValue` / `escapeData` in @actions/core).
    static func escapeData(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D")
            .replacing("\n", with: "%0A")
    }

    /// Property values also escape the separators `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
