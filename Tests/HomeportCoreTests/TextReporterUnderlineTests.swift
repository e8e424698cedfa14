// The caret line under a finding in the text report: tabs kept, wide characters two cells.

import Testing
@testable import HomeportCore

@Suite struct TextReporterUnderlineTests {
    func underline(_ line: String, from start: Int, to end: Int, endLine: Int = 1, windowColumn: Int = 1) -> String {
        var finding = Finding(
            ruleID: "openai-model", severity: .warning, path: "a.py", span: Span(start: 0, end: 1),
            start: SourceLocation(line: 1, column: start), end: SourceLocation(line: endLine, column: end),
            message: "m", matchedText: "gpt-4o", lineText: line)
        finding.lineTextColumn = windowColumn
        var out = ByteWriter(capacity: 16)
        withUnsafePointer(to: finding) { TextReporter(useColor: false).underline($0, into: &out) }
        return out.finish()
    }

    @Test func tabsStayTabsAndOtherCharactersBecomeSpaces() {
        #expect(underline("\tx = \"gpt-4o\"", from: 6, to: 14) == "\t    ^^^^^^^^")
        #expect(underline("a\t\tb = \"o1\"", from: 8, to: 12) == " \t\t    ^^^^")
    }

    @Test func wideCharactersTakeTwoCellsBeforeAndUnderTheSpan() {
        #expect(underline("模型 = \"gpt-4o\"", from: 6, to: 14) == "       ^^^^^^^^")
        #expect(underline("x = \"模型\"", from: 5, to: 9) == "    ^^^^^^")
        #expect(underline("e\u{301} = \"o1\"", from: 6, to: 10) == "    ^^^^")  // a combining mark takes no cell
    }

    @Test func aSpanOverSeveralLinesIsUnderlinedToTheLineEnd() {
        #expect(underline("a = \"\"\"gpt", from: 5, to: 3, endLine: 2) == "    ^^^^^^")
    }

    @Test func anEmptyOrOutOfLineSpanStillGetsOneCaret() {
        #expect(underline("abc", from: 2, to: 2) == " ^")
        #expect(underline("abc", from: 9, to: 10) == "   ^")
    }

    @Test func aWindowOfALongLineCountsFromItsEllipsis() {
        #expect(underline("xx = \"gpt-4o\"", from: 106, to: 114, windowColumn: 101) == "      ^^^^^^^^")
    }
}

@Suite struct TextReporterAlternativeTests {
    func withoutPrefix(_ title: String, _ prefix: String) -> String {
        var out = ByteWriter(capacity: 16)
        TextReporter.appendWithoutPrefix(title, prefix, to: &out)
        return out.finish()
    }

    /// As the report wrote alternatives before it wrote bytes: `hasPrefix`, then `dropFirst` by characters.
    @Test func thePrefixGoesAsCharactersSay() {
        for (title, prefix) in [("or use `glm-5.3`", "or "), ("或改用 `glm-5.3`", "或"), ("or \u{301}x", "or "),
                                ("or ", "or "), ("use `x`", "or "), ("or\r\nx", "or\r"), ("", "or "), ("o", "or ")] {
            let expected = title.hasPrefix(prefix) ? String(title.dropFirst(prefix.count)) : title
            #expect(withoutPrefix(title, prefix) == expected, "\(title)")
        }
    }

    /// A finding without suggestions (an unused suppression) shows its rule's hint, or no help line:
    /// its empty suggestion list is never read as if it had a first one.
    @Test func findingsWithoutSuggestionsShowTheHintOrNoHelp() throws {
        let rules = try RuleSet.bundled()
        for ruleID in ["unused-suppression", "openai-model", "no-such-rule"] {
            var report = ScanReport()
            report.findings = [Finding(
                ruleID: ruleID, severity: .note, path: "a.py", span: Span(start: 0, end: 1),
                start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 2),
                message: "message", matchedText: "x", lineText: "x = 1")]
            report.filesScanned = 1
            let text = TextReporter(useColor: false).render(report, rules: rules, summary: false)
            let hint = rules.rule(id: ruleID)?.hint
            #expect(text == "a.py:1:1: note[\(ruleID)] message\n 1 | x = 1\n   | ^\n"
                    + (hint.map { "   = help: \($0)\n" } ?? "") + "\n", "\(ruleID)")
        }
    }
}
