// The human report: one block per finding with the source line, a caret underline and a help line.

public struct TextReporter: Sendable {
    public var useColor: Bool
    /// The language of labels and the summary; finding messages and suggestions come in it already.
    public var language: MessageLanguage

    public init(useColor: Bool, language: MessageLanguage = .english) {
        self.useColor = useColor
        self.language = language
    }

    public func render(_ report: ScanReport, rules: RuleSet) -> String {
        var out = ""
        let labels = Labels(self)
        var shownPath = (path: "", shown: "")
        for finding in report.findings {
            // Findings come file by file: each path is made printable once.
            if finding.path != shownPath.path { shownPath = (finding.path, Path.shown(finding.path)) }
            block(for: finding, rule: rules.rule(id: finding.ruleID), shownPath: shownPath.shown, labels: labels, into: &out)
        }
        out += summary(report)
        return out
    }

    /// The labels every block repeats, in the report's language, made once per report.
    struct Labels {
        let help: String
        let alternatives: String
        let alternativePrefix: String
        let separator: String

        init(_ reporter: TextReporter) {
            help = reporter.paint(reporter.say(.helpLabel), .bold)
            alternatives = reporter.paint(reporter.say(.alternativesLabel), .bold)
            alternativePrefix = reporter.say(.alternativePrefix)
            separator = reporter.language == .simplifiedChinese ? "；" : "; "
        }
    }

    func block(for finding: Finding, rule: Rule?) -> String {
        var out = ""
        block(for: finding, rule: rule, shownPath: Path.shown(finding.path), labels: Labels(self), into: &out)
        return out
    }

    func block(for finding: Finding, rule: Rule?, shownPath: String, labels: Labels, into out: inout String) {
        let level = finding.severity.rawValue
        out += paint("\(shownPath):\(finding.start.line):\(finding.start.column):", .bold) + " "
        out += paint("\(level)[\(finding.ruleID)]", color(for: finding.severity)) + " " + finding.message
        if let cell = finding.cell {
            out += say(.inCell, ["cell": String(cell.cell), "line": String(cell.line)])
        }
        out += "\n"
        let number = String(finding.start.line)
        let gutter = String(repeating: " ", count: number.count)
        // A window of a long line says so with an ellipsis at each end that was cut.
        let snippet = (finding.lineTextColumn > 1 ? "…" : "") + finding.lineText + (finding.lineTextContinues ? "…" : "")
        out += paint(" \(number) |", .blue) + " " + snippet + "\n"
        out += paint(" \(gutter) |", .blue) + " " + underline(finding) + "\n"
        // A full-width colon ends the Chinese labels (`= 建议：`): no space after it.
        let afterLabel = language == .simplifiedChinese ? "" : " "
        if let help = finding.suggestions.first?.title ?? rule?.hint {
            out += " \(gutter) " + labels.help + afterLabel + help + "\n"
        }
        let or = labels.alternativePrefix
        let alternatives = finding.suggestions.dropFirst().map { $0.title.hasPrefix(or) ? String($0.title.dropFirst(or.count)) : $0.title }
        if !alternatives.isEmpty {
            out += " \(gutter) " + labels.alternatives + afterLabel + alternatives.joined(separator: labels.separator) + "\n"
        }
        out += "\n"
    }

    /// Spaces (tabs where the line has tabs) up to the start column, then carets across the span,
    /// counting East Asian wide characters as two cells.
    func underline(_ finding: Finding) -> String {
        var prefix = finding.lineTextColumn > 1 ? " " : ""  // under the leading "…"
        let column = finding.start.column - finding.lineTextColumn + 1  // in `lineText`
        let before = max(0, column - 1)
        // The scalars under the carets: up to the end column on the finding's line, else to the line's end.
        let spanned = finding.end.line == finding.start.line
            ? max(1, finding.end.column - finding.lineTextColumn + 1 - column) : Int.max
        var spaces = 0
        var width = 0
        var index = 0
        for scalar in finding.lineText.unicodeScalars {
            if index < before {
                if scalar == "\t" {
                    prefix += String(repeating: " ", count: spaces) + "\t"
                    spaces = 0
                } else {
                    spaces += TextReporter.cellWidth(scalar)
                }
            } else if index - before < spanned {
                width += TextReporter.cellWidth(scalar)
            } else {
                break
            }
            index += 1
        }
        prefix += String(repeating: " ", count: spaces)
        return prefix + paint(String(repeating: "^", count: max(1, width)), color(for: finding.severity))
    }

    func summary(_ report: ScanReport) -> String {
        let files = CoreMessage.counted(report.filesScanned, one: .filesOne, many: .filesMany, language)
        let unscanned = report.problems.filter { $0.kind == .error }.count
        let incomplete = unscanned == 0 ? "" : paint(say(.incomplete), .red)
            + CoreMessage.counted(unscanned, one: .incompleteTailOne, many: .incompleteTailMany, language)
        guard !report.findings.isEmpty else {
            return paint(say(.noFindings), .bold) + say(.noFindingsTail, ["files": files]) + incomplete + "\n"
        }
        var byRule: [String: Int] = [:]
        for finding in report.findings { byRule[finding.ruleID, default: 0] += 1 }
        let separator = say(.listSeparator)
        let levels = Severity.allCases.reversed().compactMap { level -> String? in
            let count = report.findings.filter { $0.severity == level }.count
            guard count > 0 else { return nil }
            switch level {
            case .error: return CoreMessage.counted(count, one: .errorsOne, many: .errorsMany, language)
            case .warning: return CoreMessage.counted(count, one: .warningsOne, many: .warningsMany, language)
            case .note: return CoreMessage.counted(count, one: .notesOne, many: .notesMany, language)
            }
        }
        let rules = byRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: separator)
        return paint(CoreMessage.counted(report.findings.count, one: .findingsOne, many: .findingsMany, language), .bold)
            + say(.findingsTail, ["levels": levels.joined(separator: separator), "files": files, "rules": rules])
            + incomplete + "\n"
    }

    fileprivate func say(_ message: CoreMessage, _ values: [String: String] = [:]) -> String {
        message.format(language, values)
    }

    enum Style: String {
        case bold = "1"
        case red = "1;31"
        case yellow = "1;33"
        case cyan = "1;36"
        case blue = "1;34"
    }

    func color(for severity: Severity) -> Style {
        switch severity {
        case .error: return .red
        case .warning: return .yellow
        case .note: return .cyan
        }
    }

    func paint(_ text: String, _ style: Style) -> String {
        useColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Terminal cells a scalar takes: 2 for East Asian wide and fullwidth characters, 0 for
    /// combining marks, 1 otherwise.
    public static func cellWidth(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x0300 { return 1 }  // ASCII and Latin: most of every line
        switch scalar.value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }
}
