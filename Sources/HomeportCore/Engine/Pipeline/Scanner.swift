// The engine for one file: prefilter -> frontend -> matchers -> suppressions -> findings.

#if canImport(Glibc)
import Glibc
#endif

public struct ScanOptions: Sendable {
    /// Report `homeport: ignore` comments that silenced nothing (as `unused-suppression` findings).
    public var reportUnusedSuppressions = false
    /// Skip files whose bytes contain no trigger literal (see `Prefilter`).
    public var usePrefilter = true
    /// The language of the messages the scanner writes itself (rule messages come localized with the rules).
    public var language: MessageLanguage = .english
    /// Report findings in files that are data rather than configuration (`Facts.dataKind`):
    /// recorded HTTP traffic, API descriptions. The configuration's `scan-data: true`.
    public var scanData = false

    public init(reportUnusedSuppressions: Bool = false, usePrefilter: Bool = true, language: MessageLanguage = .english,
                scanData: Bool = false) {
        self.reportUnusedSuppressions = reportUnusedSuppressions
        self.usePrefilter = usePrefilter
        self.language = language
        self.scanData = scanData
    }
}

/// What scanning one file produced.
public struct FileScanResult: Sendable {
    public var findings: [Finding]
    /// Tokenizer problems (e.g. an unterminated string), with their positions.
    public var notices: [(location: SourceLocation, text: LocalizedText)]
    /// True when the prefilter decided the file could not contain a finding.
    public var skippedByPrefilter: Bool
    /// Set when the file needed a frontend this process cannot run (libclang missing): not scanned.
    public var frontendUnavailable: ClangUnavailable? = nil
}

public struct Scanner: Sendable {
    public let rules: RuleSet
    public let options: ScanOptions
    public let prefilter: Prefilter
    /// Gives findings their domestic replacements; without one, findings carry no suggestions.
    public let advisor: MigrationAdvisor?

    public init(rules: RuleSet, options: ScanOptions = ScanOptions(), advisor: MigrationAdvisor? = nil) {
        self.rules = rules
        self.options = options
        self.advisor = advisor
        var triggers = rules.rules.flatMap(\.matcher.triggers)
        if options.reportUnusedSuppressions && rules.rules.contains(where: { $0.isUnusedSuppressionRule }) {
            triggers.append(.literal("homeport:"))
        }
        self.prefilter = Prefilter(triggers: triggers)
        let ids = rules.rules.map(\.id)
        self.ruleIdentity = ids.indices.map { index in ids.firstIndex(of: ids[index])! }
    }

    public static func frontend(for language: Language) -> any Frontend {
        language.descriptor.frontend()
    }

    /// Why this process cannot scan `language` (libclang missing for C and C++), or nil when it can.
    public static func frontendUnavailability(for language: Language) -> ClangUnavailable? {
        language.descriptor.unavailability()
    }

    /// Scans one file's bytes (from disk, the git index or an editor buffer).
    /// `prefilterPassed`: the caller ran `prefilter` on these bytes already and it let them through.
    public func scan(_ file: SourceFile, prefilterPassed: Bool = false) -> FileScanResult {
        if options.usePrefilter && !prefilterPassed && !prefilter.mayMatch(file.bytes) {
            return FileScanResult(findings: [], notices: [], skippedByPrefilter: true)
        }
        if let reason = Scanner.frontendUnavailability(for: file.language) {
            return FileScanResult(findings: [], notices: [], skippedByPrefilter: false, frontendUnavailable: reason)
        }
        let facts = Scanner.frontend(for: file.language).facts(in: file)
        // A VCR cassette or an OpenAPI description records OpenAI's hosts as data: not lock-in.
        if facts.dataKind != nil && !options.scanData {
            return FileScanResult(findings: [], notices: [], skippedByPrefilter: false)
        }
        // Code inside another file (a notebook's cells) is matched and fixed as its own language.
        let embedded = facts.embedded
        let code = embedded.map { SourceFile(path: file.path, bytes: file.bytes, language: $0.language) } ?? file
        // Rules by their index in `rules.rules`: a `Rule` is large to copy.
        var matches: [(rule: Int, match: Match)] = []
        var seen = Set<FindingKey>()
        for (index, rule) in rules.rules.enumerated() {
            let found = rule.matcher.matches(in: facts, of: code)
            // Room for them all at once, not by doubling as they come: a dense file has hundreds.
            seen.reserveCapacity(seen.count + found.count)
            for match in found {
                guard seen.insert(FindingKey(rule: ruleIdentity[index], span: match.span)).inserted else { continue }
                matches.append((index, match))
            }
        }
        // In file order, so locating them walks each line once (see `SourceFile.Locator`).
        matches.sort { $0.match.span.start < $1.match.span.start }
        var locator = file.locator()
        // Every finding's snippet masks every secret on its line, not only the secret's own finding:
        // each secret with how many of its scalars may be shown.
        // The matches are read in place: going through the array (`map`, `contains`, `for`) copied
        // every entry it passed, its text and variables retained and released.
        let secrets = matches.withUnsafeBufferPointer { matches in
            SpanIndex(matches.indices.compactMap { entry in
                matches[entry].match.revealedPrefix.map { (span: matches[entry].match.span, value: $0) }
            })
        }
        func anyMatch(of migration: MigrationKind) -> Bool {
            matches.withUnsafeBufferPointer { matches in
                matches.indices.contains { rules.rules[matches[$0].rule].migration == migration }
            }
        }
        // Only files that import an SDK ask whether its client already points elsewhere.
        let migrated = anyMatch(of: .sdkImport) ? advisor?.migratedProvider(in: facts) : nil
        // A model's class comes from what its call does (images in the messages, the API called).
        let modelArguments = anyMatch(of: .model) ? MigrationAdvisor.ModelArguments(facts) : nil
        var templates = TemplateCache()
        var shownLine = ShownLine()
        let advises = advisor != nil
        func finding(rule: Int, match: Match) -> Finding {
            // The rule's fields are read where it lies: a copy of a `Rule` retains every one of them.
            let migration = rules.rules[rule].migration
            let template = self.template(rule: rule, match: match, in: code, facts: facts, cache: &templates)
            // The finding is made in one piece, its suggestions and any note decided first: setting a
            // field of the finding afterwards copied it whole.
            var suggestions: [Suggestion] = []
            var message = template.message
            var severity: Severity?
            if let migration, advises {
                suggestions = MigrationAdvisor.moved(template.suggestions, from: template.span, to: match.span)
                if let embedded { suggestions = suggestions.map(embedded.writtenInFile) }
                // A client already pointed at a domestic provider makes the import no longer lock-in,
                // unless some client in the file still needs rewriting.
                if migration == .sdkImport, let migrated, suggestions.first?.edits.isEmpty ?? true {
                    severity = .note
                    message += CoreMessage.clientAlreadyPoints.format(
                        options.language, ["provider": migrated.provider.name(in: options.language), "host": migrated.host])
                    suggestions = []
                }
            }
            return self.finding(ruleID: rules.rules[rule].id, level: rules.rules[rule].level, match: match,
                                message: message, in: file, locator: &locator, secrets: secrets, shownLine: &shownLine,
                                severity: severity, suggestions: suggestions, cell: embedded?.position(of: match.span.start))
        }
        var findings: [Finding] = []
        findings.reserveCapacity(matches.count)
        matches.withUnsafeBufferPointer { matches in
            for entry in matches.indices {
                let rule = matches[entry].rule
                if let modelArguments, rules.rules[rule].migration == .model {
                    findings.append(finding(rule: rule, match: MigrationAdvisor.fitToCall(matches[entry].match, arguments: modelArguments)))
                } else {
                    findings.append(finding(rule: rule, match: matches[entry].match))
                }
            }
        }
        findings = applySuppressions(to: findings, facts: facts, file: file)
        // Matches were taken in span order, so findings are nearly always in report order already:
        // sorting them anyway compared and copied every neighbouring pair.
        if !Finding.inReportOrder(findings) { findings.sort() }
        let notices = facts.notices.map { (location: locator.location(of: $0.offset), text: $0.text) }
        return FileScanResult(findings: findings, notices: notices, skippedByPrefilter: false)
    }

    /// One finding per rule id and span: the rule stands for its id by `ruleIdentity`.
    private struct FindingKey: Hashable {
        var rule: Int
        var span: Span
    }

    /// Templates made by earlier scans (see `SharedTemplates`); copies of a scanner share them.
    private let sharedTemplates = SharedTemplates()

    /// For each rule, the index of the first rule with its id: a rule id as an integer, hashed and
    /// compared without reading the string at every match.
    private let ruleIdentity: [Int]

    /// A finding's message and suggestions, the suggestions' edits placed on the match at `span`.
    private struct Template {
        var message: String
        var suggestions: [Suggestion]
        var span: Span
    }

    /// Everything a match's message and suggestions depend on but where it is: the rule (by index),
    /// the secret's shown prefix, and what the advisor reads (`MigrationAdvisor.SuggestionKey`).
    private struct TemplateKey: Hashable {
        var rule: Int
        var revealedPrefix: Int?
        var match: MigrationAdvisor.SuggestionKey
    }

    /// The message and suggestions of a match of `rules.rules[rule]`, made once per file for all
    /// matches with the same `TemplateKey`: a file that names one model 800 times (a generated
    /// client, a test table) words its message and chooses its replacements once.
    /// The templates made for a file's matches; those not made yet are looked for among the ones
    /// earlier scans made (`sharedTemplates`) before they are made.
    /// Found by the key's hash value first: a dictionary keyed by the whole key copied the stored
    /// key at every probe and compared keys at every collision, most of what a finding's lookup cost.
    private struct TemplateCache {
        /// The entries' keys and templates, apart: read from an array of pairs, each key compared was
        /// copied with its template.
        private var keys: [TemplateKey] = []
        private var templates: [Template] = []
        /// For each hash value, the last entry with it.
        private var latest: [Int: Int] = [:]
        /// For each entry, the entry before it with the same hash value, or -1.
        private var previous: [Int] = []

        func template(for key: TemplateKey, hash: Int) -> Template? {
            guard var index = latest[hash] else { return nil }
            while index >= 0 {
                if keys[index] == key { return templates[index] }
                index = previous[index]
            }
            return nil
        }

        mutating func add(_ template: Template, for key: TemplateKey, hash: Int) {
            previous.append(latest[hash] ?? -1)
            latest[hash] = keys.count
            keys.append(key)
            templates.append(template)
        }
    }

    /// Templates made by this scanner's scans, for the next: an editor rescans the same file at every
    /// pause in typing, and a tree names the same models and variables in many files. A `TemplateKey`
    /// holds all a template depends on, and a scanner's rules, options and advisor never change.
    private final class SharedTemplates: @unchecked Sendable {  // `templates` is guarded by `lock`
        private let lock = Lock()
        private var templates: [TemplateKey: Template] = [:]
        /// Past this many, the templates are dropped and made again as needed: memory stays bounded
        /// however long an editor session types new names.
        static let limit = 4_096

        func template(for key: TemplateKey) -> Template? {
            lock.withLock { templates[key] }
        }

        func add(_ template: Template, for key: TemplateKey) {
            lock.withLock {
                if templates.count >= SharedTemplates.limit { templates.removeAll() }
                templates[key] = template
            }
        }
    }

    private func template(rule index: Int, match: Match, in code: SourceFile, facts: Facts,
                          cache: inout TemplateCache) -> Template {
        let migration = rules.rules[index].migration
        let key = MigrationAdvisor.SuggestionKey(migration: migration, match: match, in: code)
            .map { TemplateKey(rule: index, revealedPrefix: match.revealedPrefix, match: $0) }
        let hash = key?.hashValue ?? 0
        if let key {
            if let made = cache.template(for: key, hash: hash) { return made }
            if let made = sharedTemplates.template(for: key) {
                cache.add(made, for: key, hash: hash)
                return made
            }
        }
        var made = Template(message: message(rules.rules[index].message, match: match), suggestions: [], span: match.span)
        if let advisor, let migration {
            made.suggestions = advisor.suggestions(for: migration, match: match, in: code, facts: facts)
        }
        if let key {
            cache.add(made, for: key, hash: hash)
            sharedTemplates.add(made, for: key)
        }
        return made
    }

    /// The text users may see of a match: a secret shows only its revealed prefix.
    private static func shownText(of match: Match) -> String {
        guard let reveal = match.revealedPrefix else { return match.text }
        return String(match.text.prefix(reveal)) + "…"
    }

    /// A rule's message `template` filled for `match`.
    private func message(_ template: String, match: Match) -> String {
        Scanner.fill(template, match: Scanner.shownText(of: match), variables: match.variables, language: options.language)
    }

    /// The last whole line a finding showed: findings on one line (a tuple of model IDs) share its text.
    struct ShownLine {
        var line = -1
        var text = ""
    }

    /// `severity`: in place of the match's or the rule's level.
    func finding(ruleID: String, level: Severity, match: Match, message: String, in file: SourceFile,
                 locator: inout SourceFile.Locator, secrets: SpanIndex<Int>, shownLine: inout ShownLine,
                 severity: Severity? = nil, suggestions: [Suggestion] = [], cell: CellPosition? = nil) -> Finding {
        let matched = Scanner.shownText(of: match)
        let start = locator.location(of: match.span.start)
        let end = locator.location(of: match.span.end)
        let snippet: (text: String, column: Int, continues: Bool)
        // A line shown whole depends on nothing but the line (and the file's secrets).
        if start.line - 1 == shownLine.line {
            snippet = (shownLine.text, 1, false)
        } else {
            snippet = Scanner.snippet(around: match.span, line: start.line - 1, column: start.column, of: file, secrets: secrets)
            let whole = file.lineSpan(start.line - 1).length <= Scanner.wholeLineLimit
            shownLine = ShownLine(line: whole ? start.line - 1 : -1, text: whole ? snippet.text : "")
        }
        return Finding(
            ruleID: ruleID, severity: severity ?? match.level ?? level, path: file.path, span: match.span,
            start: start, end: end, message: message, matchedText: matched, lineText: snippet.text,
            lineTextColumn: snippet.column, lineTextContinues: snippet.continues, suggestions: suggestions,
            details: match.revealedPrefix == nil ? match.variables : [:], revealedPrefix: match.revealedPrefix, cell: cell)
    }

    /// The message template with `{match}` and `{name}` placeholders replaced; unknown names stay.
    /// A capability class and an SDK description are said in `language` (the finding's `details` keep the ids).
    static func fill(_ template: String, match: String, variables: [String: String],
                     language: MessageLanguage = .english) -> String {
        // Looked up as the placeholders come: a copy of the variables with `match` added cost more than the fill.
        LocalizedText.fill(template) { name in
            if name == "match" { return match }
            guard let value = variables[name] else { return nil }
            guard language != .english else { return value }
            if name == "class" { return CapabilityClass.name(value, in: language) }
            if name == "package" { return SDKDescription.text(value, in: language) }
            return value
        }
    }

    /// Lines up to this many bytes are shown whole. A longer one (minified or generated code) is cut
    /// to `snippetContext` bytes either side of the finding, so a finding costs the same whatever
    /// its line's length, and a report does not repeat a megabyte line once per finding.
    static let wholeLineLimit = 512
    static let snippetContext = 160

    /// The text shown for a finding whose span starts at `column` of the 0-based `line`: the whole
    /// line, or a window of it around `span` (with the column where the window starts, and whether
    /// the line goes on after it), with every secret after its revealed prefix masked.
    static func snippet(around span: Span, line: Int, column: Int, of file: SourceFile,
                        secrets: SpanIndex<Int>) -> (text: String, column: Int, continues: Bool) {
        let lineSpan = file.lineSpan(line)
        guard lineSpan.length > wholeLineLimit else {
            return (masked(lineSpan, of: file, secrets: secrets), 1, false)
        }
        let bytes = file.bytes
        var start = max(lineSpan.start, min(span.start, lineSpan.end) - snippetContext)
        while start > lineSpan.start && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let shownEnd = min(span.end, span.start + wholeLineLimit)
        var end = min(lineSpan.end, max(span.start, shownEnd) + snippetContext)
        while end < lineSpan.end && bytes[end] & 0xC0 == 0x80 { end += 1 }
        var skipped = 0
        for offset in start..<max(start, span.start) where bytes[offset] & 0xC0 != 0x80 { skipped += 1 }
        return (masked(Span(start: start, end: end), of: file, secrets: secrets), column - skipped, end < lineSpan.end)
    }

    /// The text of `range` with every scalar of a secret after its first `reveal` replaced by `*`,
    /// so columns still line up and no output can show the secret.
    private static func masked(_ range: Span, of file: SourceFile, secrets: SpanIndex<Int>) -> String {
        let overlapping = secrets.overlapping(range)
        guard !overlapping.isEmpty else { return file.text(of: range) }
        var bytes = Array(file.bytes[range.start..<range.end])
        for secret in overlapping {
            // The revealed prefix ends `secret.value` scalars into the secret.
            var revealEnd = secret.span.start
            var shown = 0
            while revealEnd < secret.span.end {
                if file.bytes[revealEnd] & 0xC0 != 0x80 {
                    if shown == secret.value { break }
                    shown += 1
                }
                revealEnd += 1
            }
            for offset in max(revealEnd, range.start)..<max(max(revealEnd, range.start), min(secret.span.end, range.end))
            where file.bytes[offset] & 0xC0 != 0x80 {  // continuation bytes follow their lead
                bytes[offset - range.start] = UInt8(ascii: "*")
            }
        }
        // Keys are ASCII; a multi-byte scalar inside a masked span leaves stray continuation bytes,
        // which decoding shows as U+FFFD rather than any of the secret's text.
        return String(decoding: bytes, as: UTF8.self)
    }

    private func applySuppressions(to findings: [Finding], facts: Facts, file: SourceFile) -> [Finding] {
        let suppressions = Suppression.parse(facts.comments, in: file, embedded: facts.embedded)
        let lineOf = { (finding: Finding) in facts.embedded?.logicalLine(of: finding.span.start) ?? finding.start.line }
        guard !suppressions.isEmpty else { return findings }
        var used = [Bool](repeating: false, count: suppressions.count)
        // Which suppressions may cover a line, so a file of many findings and many directives costs
        // findings + directives, not their product.
        var byLine: [Int: [Int]] = [:]
        var fileWide: [Int] = []
        for (index, suppression) in suppressions.enumerated() {
            switch suppression.scope {
            case .file: fileWide.append(index)
            case .lines(let lines): for line in lines { byLine[line, default: []].append(index) }
            }
        }
        let kept = findings.filter { finding in
            var suppressed = false
            let line = lineOf(finding)
            for index in fileWide + byLine[line, default: []] where suppressions[index].covers(finding, line: line) {
                used[index] = true
                suppressed = true
            }
            return !suppressed
        }
        guard options.reportUnusedSuppressions,
              let rule = rules.rules.first(where: { $0.isUnusedSuppressionRule }) else { return kept }
        var report = kept
        for (index, suppression) in suppressions.enumerated() {
            let unknown = suppression.ruleIDs.filter { id in rules.rule(id: id) == nil && !RuleSet.knownIDs.contains(id) }
            let text: String
            let language = options.language
            if unknown.count == 1 {
                text = CoreMessage.suppressionNamesUnknownRule.format(language, ["directive": suppression.directive, "rule": unknown[0]])
            } else if !unknown.isEmpty {
                text = CoreMessage.suppressionNamesUnknownRules.format(language, [
                    "directive": suppression.directive,
                    "rules": unknown.map { "`\($0)`" }.joined(separator: CoreMessage.listSeparator.format(language))])
            } else if !used[index] {
                text = CoreMessage.suppressionSuppressesNothing.format(language, ["directive": suppression.directive])
            } else {
                continue
            }
            var locator = file.locator()
            let match = Match(span: suppression.comment.span, text: text)
            var shownLine = ShownLine()
            report.append(finding(ruleID: rule.id, level: rule.level, match: match, message: message(rule.message, match: match),
                                  in: file, locator: &locator, secrets: SpanIndex<Int>([]), shownLine: &shownLine,
                                  cell: facts.embedded?.position(of: suppression.comment.span.start)))
        }
        return report
    }
}

extension Rule {
    var isUnusedSuppressionRule: Bool { matcher is UnusedSuppressionMatcher }
}

extension RuleSet {
    /// Every rule id Homeport ships, whether or not selected for this run: a suppression naming a
    /// rule left out by `--ignore-rule` is not a typo.
    static let knownIDs: Set<String> = Set(BundledRules.files
        .map { String($0.name.dropLast(".yml".count)) })
}
