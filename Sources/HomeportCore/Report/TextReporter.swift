// The human report: one block per finding with the source line, a caret underline and a help line.

public struct TextReporter: Sendable {
    public var useColor: Bool
    /// The language of labels and the summary; finding messages and suggestions come in it already.
    public var language: MessageLanguage

    public init(useColor: Bool, language: MessageLanguage = .english) {
        self.useColor = useColor
        self.language = language
    }

    /// `summary`: false leaves out the last line, the summary (`--quiet`): it is not made at all,
    /// and the report is not copied to cut it off.
    public func render(_ report: ScanReport, rules: RuleSet, summary withSummary: Bool = true) -> String {
        var out = written(report, rules: rules, summary: withSummary)
        return out.finish()
    }

    /// `render` as UTF-8 bytes, for a caller that writes them out: making the report a String checked
    /// that every byte of it was UTF-8 (which the writer's input, Strings, already are).
    public func renderUTF8(_ report: ScanReport, rules: RuleSet, summary withSummary: Bool = true) -> [UInt8] {
        var out = written(report, rules: rules, summary: withSummary)
        return out.finishBytes()
    }

    private func written(_ report: ScanReport, rules: RuleSet, summary withSummary: Bool) -> ByteWriter {
        // Written as UTF-8 bytes and made a String once: appending to a String piece by piece was
        // most of what a finding cost in the report.
        // A block takes about 400 bytes, more with suggestions: room for most reports without growing.
        var out = ByteWriter(capacity: report.findings.count * 640 + 256)
        let labels = Labels(self)
        var shownPath = (path: "", shown: "")
        // Each rule's hint, looked up once: findings of a few rules alternate along a file.
        var hints: [(rule: String, hint: String?)] = []
        // Each finding read in place through a pointer: a copy (even indexing the array) retains a
        // dozen of its fields.
        report.findings.withUnsafeBufferPointer { findings in
            for index in findings.indices {
                // Findings come file by file: each path is made printable once.
                if findings[index].path != shownPath.path { shownPath = (findings[index].path, Path.shown(findings[index].path)) }
                let hint: String?
                if let known = hints.first(where: { $0.rule == findings[index].ruleID }) {
                    hint = known.hint
                } else {
                    hint = rules.rule(id: findings[index].ruleID)?.hint
                    hints.append((findings[index].ruleID, hint))
                }
                block(for: findings.baseAddress! + index, hint: hint, shownPath: shownPath.shown, labels: labels, into: &out)
            }
        }
        if withSummary { out.string(summary(report)) }
        return out
    }

    /// The labels every block repeats, in the report's language, made once per report.
    struct Labels {
        let help: String
        let alternatives: String
        let alternativePrefix: String
        let separator: String
        /// A full-width colon ends the Chinese labels (`= 建议：`): no space after it.
        let afterLabel: String

        init(_ reporter: TextReporter) {
            help = reporter.paint(reporter.say(.helpLabel), .bold)
            alternatives = reporter.paint(reporter.say(.alternativesLabel), .bold)
            alternativePrefix = reporter.say(.alternativePrefix)
            separator = reporter.language == .simplifiedChinese ? "；" : "; "
            afterLabel = reporter.language == .simplifiedChinese ? "" : " "
        }
    }

    func block(for finding: UnsafePointer<Finding>, hint: String?, shownPath: String, labels: Labels, into out: inout ByteWriter) {
        // The finding is read through a pointer: passed by value, it was copied (a dozen fields
        // retained and released). Numbers and strings go to `out` as bytes: a finding's block
        // made no String of its own, and the writer's inline capacity check is most of what a
        // write costs.
        start(.bold, &out)
        out.string(shownPath)
        out.byte(UInt8(ascii: ":"))
        let numberStart = out.count
        out.int(finding.pointee.start.line)
        let gutter = out.count - numberStart
        out.byte(UInt8(ascii: ":"))
        out.int(finding.pointee.start.column)
        out.byte(UInt8(ascii: ":"))
        end(.bold, &out)
        out.byte(UInt8(ascii: " "))
        start(color(for: finding.pointee.severity), &out)
        out.string(finding.pointee.severity.rawValue)
        out.byte(UInt8(ascii: "["))
        out.string(finding.pointee.ruleID)
        out.byte(UInt8(ascii: "]"))
        end(color(for: finding.pointee.severity), &out)
        out.byte(UInt8(ascii: " "))
        out.string(finding.pointee.message)
        if let cell = finding.pointee.cell {
            out.string(say(.inCell, ["cell": String(cell.cell), "line": String(cell.line)]))
        }
        out.byte(UInt8(ascii: "\n"))
        // A window of a long line says so with an ellipsis at each end that was cut.
        start(.blue, &out)
        out.byte(UInt8(ascii: " "))
        out.int(finding.pointee.start.line)
        out.byte(UInt8(ascii: " "))
        out.byte(UInt8(ascii: "|"))
        end(.blue, &out)
        out.byte(UInt8(ascii: " "))
        if finding.pointee.lineTextColumn > 1 { out.string("…") }
        out.string(finding.pointee.lineText)
        if finding.pointee.lineTextContinues { out.string("…") }
        out.byte(UInt8(ascii: "\n"))
        start(.blue, &out)
        out.byte(UInt8(ascii: " "), count: gutter + 1)
        out.byte(UInt8(ascii: " "))
        out.byte(UInt8(ascii: "|"))
        end(.blue, &out)
        out.byte(UInt8(ascii: " "))
        underline(finding, into: &out)
        out.byte(UInt8(ascii: "\n"))
        // The suggestions' titles are read in place: `first` and a `for` loop copied each suggestion.
        finding.pointee.suggestions.withUnsafeBufferPointer { suggestions in
            // An empty array's buffer may have a base address: the count says whether there is a first.
            if !suggestions.isEmpty, let first = suggestions.baseAddress {
                helpLine(first.pointee.title, gutter: gutter, labels: labels, into: &out)
            } else if let hint {
                helpLine(hint, gutter: gutter, labels: labels, into: &out)
            }
            guard suggestions.count > 1, let first = suggestions.baseAddress else { return }
            out.byte(UInt8(ascii: " "), count: gutter + 2)
            out.string(labels.alternatives)
            out.string(labels.afterLabel)
            for index in 1..<suggestions.count {
                if index > 1 { out.string(labels.separator) }
                TextReporter.appendWithoutPrefix((first + index).pointee.title, labels.alternativePrefix, to: &out)
            }
            out.byte(UInt8(ascii: "\n"))
        }
        out.byte(UInt8(ascii: "\n"))
    }

    private func helpLine(_ help: String, gutter: Int, labels: Labels, into out: inout ByteWriter) {
        out.byte(UInt8(ascii: " "), count: gutter + 2)
        out.string(labels.help)
        out.string(labels.afterLabel)
        out.string(help)
        out.byte(UInt8(ascii: "\n"))
    }

    /// `title` without `prefix` where it starts with it (as `hasPrefix` compares, by characters).
    static func appendWithoutPrefix(_ title: String, _ prefix: String, to out: inout ByteWriter) {
        // The same bytes followed by an ASCII byte other than a line feed end on a character
        // boundary: the characters are the prefix's (the Chinese prefix takes the exact way).
        let written = title.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let count = prefix.utf8.count
            guard bytes.count > count, bytes[count] < 0x80, bytes[count] != 0x0A,
                  TextReporter.startsWith(bytes, prefix) else { return false }
            out.bytes(UnsafeBufferPointer(rebasing: bytes[count...]))
            return true
        }
        if written == true { return }
        out.string(title.hasPrefix(prefix) ? String(title.dropFirst(prefix.count)) : title)
    }

    /// Whether `bytes` start with the bytes of `prefix`, compared buffer to buffer (the generic
    /// `starts(with:)` went through the prefix's UTF-8 view, an index step at a time).
    static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        prefix.utf8.withContiguousStorageIfAvailable { wanted -> Bool in
            guard bytes.count >= wanted.count else { return false }
            for index in 0..<wanted.count where bytes[index] != wanted[index] { return false }
            return true
        } ?? bytes.starts(with: prefix.utf8)
    }

    /// Spaces (tabs where the line has tabs) up to the start column, then carets across the span,
    /// counting East Asian wide characters as two cells.
    func underline(_ finding: UnsafePointer<Finding>, into out: inout ByteWriter) {
        if finding.pointee.lineTextColumn > 1 { out.byte(UInt8(ascii: " ")) }  // under the leading "…"
        let column = finding.pointee.start.column - finding.pointee.lineTextColumn + 1  // in `lineText`
        let before = max(0, column - 1)
        // The scalars under the carets: up to the end column on the finding's line, else to the line's end.
        let spanned = finding.pointee.end.line == finding.pointee.start.line
            ? max(1, finding.pointee.end.column - finding.pointee.lineTextColumn + 1 - column) : Int.max
        var width = 0
        var line = finding.pointee.lineText
        // Where the bytes up to the span's end are ASCII (most lines), each is one scalar and one
        // cell: the bytes before the span become spaces (tabs stay), one pass writing them.
        let ascii = line.withUTF8 { bytes -> Bool in
            let prefix = min(before, bytes.count)
            let covered = spanned >= bytes.count - prefix ? bytes.count : prefix + spanned
            var high: UInt8 = 0
            for index in 0..<covered { high |= bytes[index] }
            guard high < 0x80 else { return false }
            out.write(count: prefix) { to in
                for index in 0..<prefix { to[index] = bytes[index] == UInt8(ascii: "\t") ? UInt8(ascii: "\t") : UInt8(ascii: " ") }
            }
            width = covered - prefix
            return true
        }
        if !ascii {
            var spaces = 0
            underlineWidths(line, before: before, spanned: spanned, spaces: &spaces, width: &width, into: &out)
            out.byte(UInt8(ascii: " "), count: spaces)
        }
        start(color(for: finding.pointee.severity), &out)
        out.byte(UInt8(ascii: "^"), count: max(1, width))
        end(color(for: finding.pointee.severity), &out)
    }

    /// `underline`'s walk over the scalars of a line that is not ASCII.
    private func underlineWidths(_ line: String, before: Int, spanned: Int, spaces: inout Int, width: inout Int,
                                 into out: inout ByteWriter) {
        var index = 0
        for scalar in line.unicodeScalars {
            if index < before {
                if scalar == "\t" {
                    out.byte(UInt8(ascii: " "), count: spaces)
                    out.byte(UInt8(ascii: "\t"))
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
    }

    func summary(_ report: ScanReport) -> String {
        let files = CoreMessage.counted(report.filesScanned, one: .filesOne, many: .filesMany, language)
        let unscanned = report.problems.filter { $0.kind == .error }.count
        let incomplete = unscanned == 0 ? "" : paint(say(.incomplete), .red)
            + CoreMessage.counted(unscanned, one: .incompleteTailOne, many: .incompleteTailMany, language)
        guard !report.findings.isEmpty else {
            return paint(say(.noFindings), .bold) + say(.noFindingsTail, ["files": files]) + incomplete + "\n"
        }
        // Rules counted in a small array: a report has a few rules and many findings.
        var byRule: [(key: String, value: Int)] = []
        // Counted by level in an array (a dictionary update per finding cost more than the rest).
        var levelCounts = [0, 0, 0]
        func slot(_ level: Severity) -> Int {
            switch level {
            case .note: return 0
            case .warning: return 1
            case .error: return 2
            }
        }
        // Each finding read in place: `for finding in` copies it, retaining a dozen of its fields.
        report.findings.withUnsafeBufferPointer { findings in
            for index in findings.indices {
                levelCounts[slot(findings[index].severity)] += 1
                if let counted = byRule.firstIndex(where: { $0.key == findings[index].ruleID }) {
                    byRule[counted].value += 1
                } else {
                    byRule.append((findings[index].ruleID, 1))
                }
            }
        }
        let separator = say(.listSeparator)
        let levels = Severity.allCases.reversed().compactMap { level -> String? in
            let count = levelCounts[slot(level)]
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

    private func start(_ style: Style, _ out: inout ByteWriter) {
        guard useColor else { return }
        out.string("\u{1B}[")
        out.string(style.rawValue)
        out.byte(UInt8(ascii: "m"))
    }

    private func end(_ style: Style, _ out: inout ByteWriter) {
        if useColor { out.string("\u{1B}[0m") }
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
