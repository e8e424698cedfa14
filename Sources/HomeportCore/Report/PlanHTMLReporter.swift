// The migration plan as one self-contained HTML page (`homeport plan --format html`): inline CSS and
// SVG charts, no scripts and nothing fetched, so it opens offline and where foreign CDNs are blocked.

public enum PlanHTMLReporter {
    public static func render(_ plan: MigrationPlan, language: MessageLanguage = .english) -> String {
        func say(_ message: PlanMessage, _ values: [String: String] = [:]) -> String { message.format(language, values) }
        let title = say(.reportTitle)
        let summary = say(plan.findings == 1 ? .headerOne : .headerMany, [
            "count": String(plan.findings), "files": String(plan.files.count), "scanned": String(plan.filesScanned),
            "target": plan.target.title(in: language)])
        var out = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(title))</h1>
            <p id="summary" data-findings="\(plan.findings)" data-files="\(plan.files.count)" data-scanned="\(plan.filesScanned)">\(escape(summary))</p>

            """
        if !plan.isComplete { out += "<p class=\"warning\">\(escape(say(.incomplete)))</p>\n" }
        out += "</header>\n<main>\n"
        guard plan.findings > 0 else {
            return out + "<p>\(escape(say(.noFindings)))</p>\n</main>\n" + footer(language) + "</body>\n</html>\n"
        }

        out += section(id: "by-rule", title: say(.byRuleTitle), body: barChart(
            label: say(.byRuleTitle), unit: say(.findingsUnit),
            bars: plan.byRule.map { Bar(key: $0.rule, label: $0.rule, count: $0.count, detail: nil) }, language: language))

        if !plan.classes.isEmpty {
            out += section(id: "by-class", title: say(.byClassTitle), body: barChart(
                label: say(.byClassTitle), unit: say(.findingsUnit),
                bars: plan.classes.map { use in
                    let destination = use.isManual ? say(.manualMigration)
                        : use.targetModel ?? say(.noCompatibleModel, ["provider": plan.target.name(in: language), "class": CapabilityClass.name(use.capability, in: language)])
                    return Bar(key: use.capability, label: CapabilityClass.name(use.capability, in: language), count: use.findings,
                               detail: use.models.joined(separator: PlanMessage.listSeparator.format(language)) + " → " + destination
                                   + PlanTextReporter.fromCall(use, language: language))
                }, language: language))
            out += section(id: "coverage", title: say(.coverageTitle), body: coverageGrid(plan, language: language)
                + "<p class=\"note\">\(escape(say(.coverageNote)))</p>\n")
        }

        out += section(id: "fix", title: say(.fixTitle), body: fixChart(plan, language: language))
        out += section(id: "files", title: say(.filesTitle), body: filesTable(plan, language: language))
        return out + "</main>\n" + footer(language) + "</body>\n</html>\n"
    }

    // MARK: Parts

    struct Bar {
        var key: String
        var label: String
        var count: Int
        var detail: String?
    }

    static let labelWidth = 190
    static let barSpace = 330
    static let rowHeight = 26

    /// Horizontal bars with the label on the left and the count (and detail) on the right.
    static func barChart(label: String, unit: String, bars: [Bar], language: MessageLanguage = .english) -> String {
        let colon = language == .simplifiedChinese ? "：" : ": "
        let largest = max(1, bars.map(\.count).max() ?? 1)
        let height = bars.count * rowHeight + 8
        // Wide enough for the longest count and detail after a full bar (13px text: ~7.5px a cell).
        let textWidth = bars.map { bar in
            Double(terminalCells("\(bar.count)  " + (bar.detail ?? ""))) * 7.5
        }.max() ?? 0
        let width = labelWidth + barSpace + 16 + Int(textWidth.rounded(.up))
        var out = "<svg class=\"chart\" role=\"img\" aria-label=\"\(escape(label))\" viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"\(width)\" height=\"\(height)\">\n"
        for (index, bar) in bars.enumerated() {
            let y = 4 + index * rowHeight
            let width = max(2, bar.count * barSpace / largest)
            out += "<g class=\"bar\" data-key=\"\(escape(bar.key))\" data-count=\"\(bar.count)\">"
            out += "<title>\(escape(bar.label))\(colon)\(bar.count) \(escape(unit))</title>"
            out += "<text class=\"label\" x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(escape(bar.label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 8)\" rx=\"3\"/>"
            out += "<text class=\"count\" x=\"\(labelWidth + width + 6)\" y=\"\(y + 17)\">\(bar.count)"
            if let detail = bar.detail { out += "<tspan class=\"detail\" dx=\"10\">\(escape(detail))</tspan>" }
            out += "</text></g>\n"
        }
        return out + "</svg>\n"
    }

    /// Capability classes (rows) against providers (columns): a filled cell where the provider serves
    /// the class through its OpenAI-compatible API.
    static func coverageGrid(_ plan: MigrationPlan, language: MessageLanguage) -> String {
        let providers = plan.catalog.providers
        let rows = plan.classes
        let columnWidth = 84, left = 170, top = 34
        let width = left + providers.count * columnWidth + 10, height = top + rows.count * rowHeight + 8
        var out = "<svg class=\"grid\" role=\"img\" aria-label=\"\(escape(PlanMessage.coverageTitle.format(language)))\" "
            + "viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">\n"
        for (column, provider) in providers.enumerated() {
            let x = left + column * columnWidth + columnWidth / 2
            let isTarget = provider.id == plan.target.id
            out += "<text class=\"provider\(isTarget ? " target" : "")\" x=\"\(x)\" y=\"20\" text-anchor=\"middle\">"
                + "<title>\(escape(provider.title(in: language)))\(isTarget ? escape(PlanMessage.targetMark.format(language)) : "")</title>"
                + "\(escape(provider.id))</text>\n"
        }
        for (row, use) in rows.enumerated() {
            let y = top + row * rowHeight
            out += "<text class=\"label\" x=\"\(left - 10)\" y=\"\(y + 17)\" text-anchor=\"end\">\(escape(CapabilityClass.name(use.capability, in: language)))</text>\n"
            for (column, provider) in providers.enumerated() {
                let compatible = use.compatibleProviders.contains(provider.id)
                let x = left + column * columnWidth + columnWidth / 2 - 9
                out += "<rect class=\"cell \(compatible ? "yes" : "no")\" data-class=\"\(escape(use.capability))\" "
                    + "data-provider=\"\(escape(provider.id))\" data-compatible=\"\(compatible)\" "
                    + "x=\"\(x)\" y=\"\(y + 4)\" width=\"18\" height=\"18\" rx=\"4\"/>\n"
            }
        }
        return out + "</svg>\n"
    }

    /// One stacked bar: automatic, needs review, manual; with a legend of the three counts.
    static func fixChart(_ plan: MigrationPlan, language: MessageLanguage) -> String {
        let colon = language == .simplifiedChinese ? "：" : ": "
        let parts: [(key: String, label: PlanMessage, count: Int)] = [
            ("automatic", .automatic, plan.automatic), ("review", .review, plan.review), ("manual", .manual, plan.manual)]
        let total = max(1, plan.findings)
        let width = 720
        var out = "<svg class=\"stack\" role=\"img\" aria-label=\"\(escape(PlanMessage.fixTitle.format(language)))\" "
            + "viewBox=\"0 0 \(width) 80\" width=\"\(width)\" height=\"80\">\n"
        var x = 0
        for (index, part) in parts.enumerated() {
            let segment = index == parts.count - 1 ? width - x : part.count * width / total
            let label = part.label.format(language)
            out += "<g class=\"segment \(part.key)\" data-key=\"\(part.key)\" data-count=\"\(part.count)\">"
                + "<title>\(escape(label))\(colon)\(part.count)</title>"
                + "<rect x=\"\(x)\" y=\"4\" width=\"\(segment)\" height=\"28\"/>"
                + "<rect x=\"\(index * 240)\" y=\"50\" width=\"14\" height=\"14\" rx=\"3\"/>"
                + "<text x=\"\(index * 240 + 20)\" y=\"62\">\(escape(label))\(colon)\(part.count)</text></g>\n"
            x += segment
        }
        return out + "</svg>\n"
    }

    static func filesTable(_ plan: MigrationPlan, language: MessageLanguage) -> String {
        func say(_ message: PlanMessage) -> String { escape(message.format(language)) }
        var out = "<table>\n<thead><tr><th>\(say(.fileColumn))</th><th>\(say(.lineColumn))</th><th>\(say(.ruleColumn))</th>"
            + "<th>\(say(.findingColumn))</th><th>\(say(.suggestionColumn))</th></tr></thead>\n"
        for file in plan.files {
            out += "<tbody data-path=\"\(escape(Path.shown(file.path)))\" data-findings=\"\(file.findings.count)\" "
                + "data-automatic=\"\(file.automatic.count)\" data-review=\"\(file.review.count)\" data-manual=\"\(file.manual)\">\n"
            for (index, finding) in file.findings.enumerated() {
                out += "<tr class=\"\(finding.severity.rawValue)\">"
                if index == 0 { out += "<th scope=\"rowgroup\" rowspan=\"\(file.findings.count)\">\(escape(Path.shown(file.path)))</th>" }
                let suggestion = finding.suggestions.first
                let kind = suggestion?.applicability.rawValue ?? "manual"
                out += "<td>\(finding.start.line)</td><td><code>\(escape(finding.ruleID))</code></td>"
                    + "<td>\(inlineCode(finding.message))</td>"
                    + "<td class=\"fix-\(kind)\">\(suggestion.map { inlineCode($0.title) } ?? "—")</td></tr>\n"
            }
            out += "</tbody>\n"
        }
        return out + "</table>\n"
    }

    static func section(id: String, title: String, body: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(inlineCode(title))</h2>\n\(body)</section>\n"
    }

    static func footer(_ language: MessageLanguage) -> String {
        "<footer>\(escape(PlanMessage.generatedBy.format(language, ["tool": ToolInfo.versionLine(in: language)])))</footer>\n"
    }

    // MARK: Text

    /// Escaped text with `code spans` (as messages write them) as `<code>`.
    static func inlineCode(_ text: String) -> String {
        var out = ""
        var inCode = false
        for (index, part) in text.split(separator: "`", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { out += inCode ? "</code>" : "<code>"; inCode.toggle() }
            out += escape(String(part))
        }
        return inCode ? out + "</code>" : out
    }

    /// Terminal cells of `text` (CJK two): how wide it sets in a proportional font, roughly.
    static func terminalCells(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + TextReporter.cellWidth($1) }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """

        :root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --bar: #0969da;
          --yes: #1a7f37; --no: #d0d7de; --auto: #1a7f37; --review: #bf8700; --manual: #cf222e; --line: #d0d7de; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --bar: #4493f8;
          --yes: #3fb950; --no: #30363d; --auto: #3fb950; --review: #d29922; --manual: #f85149; --line: #30363d; } }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
          color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
        #summary, .note, footer { color: var(--muted); } .warning { color: var(--manual); }
        svg { max-width: 100%; height: auto; display: block; } svg text { fill: var(--fg); font-size: 13px; }
        .chart rect { fill: var(--bar); } .chart .detail { fill: var(--muted); }
        .grid .yes { fill: var(--yes); } .grid .no { fill: none; stroke: var(--no); stroke-width: 2; }
        .grid .target { font-weight: bold; }
        .stack .automatic rect { fill: var(--auto); } .stack .review rect { fill: var(--review); }
        .stack .manual rect { fill: var(--manual); }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
        tbody th { font-weight: normal; word-break: break-all; }
        td.fix-safe { border-left: 3px solid var(--auto); } td.fix-unsafe { border-left: 3px solid var(--review); }
        td.fix-manual { border-left: 3px solid var(--manual); }
        code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
        footer { margin-top: 2rem; font-size: 13px; }

        """
}
