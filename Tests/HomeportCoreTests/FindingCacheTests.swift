// What a scan works out once per file for its findings (the call index, the per-match message and
// suggestions, the span index) gives what the direct computation gives, on the fixtures, a
// generated findings-dense module and cases made to tell every part of a cache key apart.

import Foundation
@testable import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct FindingCacheTests {
    let rules = try! RuleSet.bundled()
    let catalog = try! Catalog.bundled()

    /// Matches that differ in one thing a suggestion reads, each next to its twin: written verbatim
    /// or with an escape, in a call with or without images, with messages built elsewhere, an API
    /// that decides the class, a dated snapshot (another context window), a secret.
    static let python = #"""
        import openai
        from openai import OpenAI
        client = OpenAI()
        a = "gpt-4o"
        b = "gpt\x2d4o"
        c = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
        d = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}]}])
        e = client.chat.completions.create(model="gpt-4o", messages=history)
        f = client.embeddings.create(model="gpt-4o", input="x")
        g = client.chat.completions.create(model="gpt-4o-2024-08-06", messages=history)
        h = client.chat.completions.create(model=pick("gpt-4o", "gpt-4o"), messages=history)
        i = openai.ChatCompletion.create(engine="gpt-4o", messages=m)
        j = "https://api.openai.com/v1/chat/completions"
        k = "https:\/\/api.openai.com/v1/chat/completions"
        key = os.environ["OPENAI_API_KEY"]
        key2 = os.environ["OPENAI_\x41PI_KEY"]
        secret = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"
        secret2 = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"

        """#

    /// An SDK constant as an implicit member, as a qualified one, and as an enum case's payload.
    static let swift = """
        import OpenAI
        let a: Model = .gpt4_o
        let b = Model.gpt4_o
        let c = ChatQuery(messages: history, model: .gpt4_o)
        let d = ChatQuery(messages: [], model: .gpt4_o)
        let e = Mode.chat(.gpt4_o)
        let f = "gpt-4o"

        """

    /// Every sample: the fixtures of the languages this process can scan, the cases above and the
    /// bench's generated dense module (scripts/generate-lsp-files.py, 1,500 lines).
    func samples() throws -> [SourceFile] {
        var files: [SourceFile] = [
            SourceFile(path: "cases.py", bytes: Array(Self.python.utf8), language: .python),
            SourceFile(path: "cases.swift", bytes: Array(Self.swift.utf8), language: .swift),
        ]
        let root = TestPaths.packageRoot
        let fixtures = root.appendingPathComponent("Fixtures").path
        let enumerator = FileManager.default.enumerator(atPath: fixtures)
        while let relative = enumerator?.nextObject() as? String {
            guard let language = Language.forPath(relative), Scanner.frontendUnavailability(for: language) == nil else { continue }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + relative)))
            files.append(SourceFile(path: relative, bytes: bytes, language: language))
        }
        let folder = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = root.appendingPathComponent("scripts/generate-lsp-files.py").path
        let run = try Run.process(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, folder.path, "--lines", "1500"])
        #expect(run.status == 0, "\(run.stderr)")
        let dense = [UInt8](try Data(contentsOf: folder.appendingPathComponent("dense.py")))
        files.append(SourceFile(path: "dense.py", bytes: dense, language: .python))
        return files
    }

    /// `fitToCall`, the call found by index and read in place, gives each model match of the samples
    /// the variables the version that copied the call gave it.
    @Test func fittedMatchesAreTheCopiedCallFits() throws {
        func reference(_ match: Match, arguments: MigrationAdvisor.ModelArguments) -> Match {
            guard let idClass = match.variables["class"] else { return match }
            guard let (call, api) = arguments.call(around: match.span),
                  MigrationAdvisor.chatClasses.contains(idClass) || idClass == api else { return match }
            var result = match
            result.variables["call"] = call.callee
            func choose(_ capability: String, _ reason: String) {
                guard capability != idClass else { return }
                result.variables["class"] = capability
                result.variables["id-class"] = idClass
                result.variables["class-from"] = reason
            }
            if api == "chat" {
                if call.contentParts.contains("image") {
                    choose("vision", "image-input")
                } else {
                    if idClass == "unknown" { choose("chat-flagship", "api") }
                    let written = call.labels.contains("messages") || call.labels.contains("input")
                    if call.unreadArguments.contains("messages") || call.unreadArguments.contains("input")
                        || (!written && call.unreadArguments.contains("")) {
                        result.variables["call-unread"] = "messages"
                    }
                }
            } else {
                choose(api, "api")
            }
            return result
        }
        var fitted = 0
        for file in try samples() {
            let facts = Scanner.frontend(for: file.language).facts(in: file)
            let code = facts.embedded.map { SourceFile(path: file.path, bytes: file.bytes, language: $0.language) } ?? file
            let arguments = MigrationAdvisor.ModelArguments(facts)
            for rule in rules.rules where rule.migration == .model {
                for match in rule.matcher.matches(in: facts, of: code) {
                    let fast = MigrationAdvisor.fitToCall(match, arguments: arguments)
                    #expect(fast.variables == reference(match, arguments: arguments).variables, "\(file.path) \(match.span)")
                    if fast.variables != match.variables { fitted += 1 }
                }
            }
        }
        #expect(fitted > 10)  // many matches sit in calls that change their variables
    }

    /// `--quiet`'s report, made without the summary, is the whole report cut before its last line
    /// as the command line used to cut it, in both languages, with and without colour, and empty.
    @Test func quietReportIsTheReportWithoutItsLastLine() throws {
        let files = try samples()
        for language in [MessageLanguage.english, .simplifiedChinese] {
            let rules = self.rules.localized(to: language)
            let advisor = try MigrationAdvisor(catalog: catalog, targetID: nil, language: language)
            let scanner = Scanner(rules: rules, options: ScanOptions(language: language), advisor: advisor)
            var reports = [ScanReport()]
            var report = ScanReport()
            for file in files {
                report.findings += scanner.scan(file).findings
                report.filesScanned += 1
                if report.findings.count < 5 { reports.append(report) }
            }
            reports.append(report)
            for report in reports {
                for color in [false, true] {
                    let reporter = TextReporter(useColor: color, language: language)
                    let text = reporter.render(report, rules: rules)
                    let bytes = text.utf8
                    let end = bytes.last == UInt8(ascii: "\n") ? bytes.index(before: bytes.endIndex) : bytes.endIndex
                    let cut = bytes[..<end].lastIndex(of: UInt8(ascii: "\n")).map { String(text[...$0]) } ?? ""
                    #expect(reporter.render(report, rules: rules, summary: false) == cut,
                            "\(language) \(color) \(report.findings.count)")
                }
            }
        }
    }

    /// The model match's call as `fitToCall` found it before the index: every call of the file looked at.
    static func enclosingCall(of span: Span, in calls: [CallFact]) -> (call: CallFact, api: String)? {
        var best: (call: CallFact, api: String)?
        for call in calls where call.openParen < span.start && span.end <= call.closeParen {
            guard let api = callAPIByScan(call.callee),
                  let index = call.labels.firstIndex(where: { $0 == "model" || $0 == "engine" }),
                  call.argumentSpans[index].start <= span.start, span.end <= call.argumentSpans[index].end
            else { continue }
            if best == nil || call.openParen > best!.call.openParen { best = (call, api) }
        }
        return best
    }

    /// `callCapability` as a scan of `callAPIs`.
    static func callAPIByScan(_ callee: String) -> String? {
        MigrationAdvisor.callAPIs.first { callee == $0.callee || callee.hasSuffix("." + $0.callee) }?.capability
    }

    @Test func callCapabilityAgreesWithAScanOfTheAPIs() {
        var callees = ["", ".", "create", "x.create", "chat.completions", "client.chat.completions.create.x",
                       "a.b.c.d", "openai.Embedding.create", "xchat.completions.create", "..ChatQuery",
                       "x\u{0600}.ChatQuery", "\u{0600}.ChatQuery", "ChatQuery\u{301}", "é.ChatQuery", "a.ChatQuery."]
        for api in MigrationAdvisor.callAPIs {
            callees += [api.callee, "client." + api.callee, "a.b." + api.callee, "x" + api.callee, api.callee + "s",
                        String(api.callee.dropFirst()), "client.with_raw_response." + api.callee]
        }
        for callee in callees {
            #expect(MigrationAdvisor.callCapability(of: callee) == Self.callAPIByScan(callee), "\(callee)")
        }
    }

    @Test func spanIndexFindsWhatAScanFinds() {
        var random = SeededGenerator(seed: 21)
        for _ in 0..<200 {
            let entries = (0..<Int.random(in: 0...30, using: &random)).map { index -> (span: Span, value: Int) in
                let start = Int.random(in: 0...60, using: &random)
                return (Span(start: start, end: start + Int.random(in: 0...20, using: &random)), index)
            }
            let index = SpanIndex(entries)
            // The latest start first; of equal starts, the later entry first.
            let order = { (a: (span: Span, value: Int), b: (span: Span, value: Int)) in
                a.span.start != b.span.start ? a.span.start > b.span.start : a.value > b.value
            }
            for _ in 0..<20 {
                let start = Int.random(in: 0...80, using: &random)
                let query = Span(start: start, end: start + Int.random(in: 0...10, using: &random))
                let overlapping = entries.filter { $0.span.start < query.end && $0.span.end > query.start }.sorted(by: order)
                let containing = entries.filter { $0.span.start <= query.start && query.end <= $0.span.end }.sorted(by: order)
                #expect(index.overlapping(query).map(\.value) == overlapping.map(\.value), "\(entries) \(query)")
                #expect(index.containing(query).map(\.value) == containing.map(\.value), "\(entries) \(query)")
            }
        }
    }

    /// Each finding's call, message and suggestions as the scan made them (the call index, one
    /// template per key) and as computed for the finding alone.
    @Test(arguments: [MessageLanguage.english, .simplifiedChinese])
    func findingsAreWhatTheirMatchesGiveAlone(language: MessageLanguage) throws {
        let rules = self.rules.localized(to: language)
        var compared = 0
        var moved = 0
        for target in ["zhipu", "deepseek"] {
            let advisor = try MigrationAdvisor(catalog: catalog, targetID: target, language: language)
            let scanner = Scanner(rules: rules, options: ScanOptions(language: language), advisor: advisor)
            for file in try samples() {
                let scanned = scanner.scan(file).findings
                var byPlace: [String: Finding] = [:]
                for finding in scanned { byPlace["\(finding.ruleID) \(finding.span)"] = finding }
                let facts = Scanner.frontend(for: file.language).facts(in: file)
                guard facts.dataKind == nil else { continue }
                let embedded = facts.embedded
                let code = embedded.map { SourceFile(path: file.path, bytes: file.bytes, language: $0.language) } ?? file
                let arguments = MigrationAdvisor.ModelArguments(facts)
                var firstSpan: [String: Span] = [:]
                for rule in rules.rules {
                    for var match in rule.matcher.matches(in: facts, of: code) {
                        guard let finding = byPlace["\(rule.id) \(match.span)"], rule.migration != .sdkImport else { continue }
                        if rule.migration == .model {
                            let call = Self.enclosingCall(of: match.span, in: facts.calls)
                            let indexed = arguments.call(around: match.span)
                            #expect(indexed?.call == call?.call && indexed?.api == call?.api, "\(file.path) \(match.span)")
                            match = MigrationAdvisor.fitToCall(match, arguments: arguments)
                        }
                        let shown = match.revealedPrefix.map { String(match.text.prefix($0)) + "…" } ?? match.text
                        #expect(finding.message == Scanner.fill(rule.message, match: shown, variables: match.variables,
                                                                language: language), "\(file.path) \(match.span)")
                        var suggestions = rule.migration.map { advisor.suggestions(for: $0, match: match, in: code, facts: facts) } ?? []
                        if let embedded { suggestions = suggestions.map(embedded.writtenInFile) }
                        #expect(finding.suggestions == suggestions, "\(file.path) \(rule.id) \(match.span)")
                        compared += 1
                        // Count the findings whose template was made for a match elsewhere.
                        if let key = MigrationAdvisor.SuggestionKey(migration: rule.migration, match: match, in: code) {
                            let name = "\(rule.id) \(match.revealedPrefix ?? -1) \(key)"
                            if let first = firstSpan[name], first != match.span,
                               suggestions.contains(where: { !$0.edits.isEmpty }) { moved += 1 }
                            firstSpan[name] = firstSpan[name] ?? match.span
                        }
                    }
                }
            }
        }
        #expect(compared > 500)
        #expect(moved > 100)  // templates were shared, edits and all
    }

    /// What a model match shows, its variables in a fixed order.
    static func shown(_ matches: [Match]) -> [String] {
        matches.map { "\($0.span) \($0.text) \($0.variables.sorted { $0.key < $1.key }) \($0.isSymbol)" }
    }

    /// A remembering model matcher (the language server's) keeps its classifications from scan to scan:
    /// a second scan, and a scan of another file, find what a matcher that never scanned finds; one
    /// made around a matcher given other families, after the first has scanned, finds what a fresh
    /// matcher given the same families finds (memos are not shared).
    @Test func rememberedClassificationsAreWhatAFreshMatcherMakes() throws {
        let files = try samples()
        let remembering = rules.rememberingModelClassifications()
        for id in ["openai-model", "openai-model-shape"] {
            let used = try #require(remembering.rule(id: id)?.matcher as? RememberingModelMatcher)
            for _ in 0..<2 {
                for file in files {
                    let facts = Scanner.frontend(for: file.language).facts(in: file)
                    let fresh = try #require(try RuleSet.bundled().rule(id: id)?.matcher as? ModelMatcher)
                    #expect(Self.shown(used.matches(in: facts, of: file)) == Self.shown(fresh.matches(in: facts, of: file)),
                            "\(id) \(file.path)")
                }
            }
            // Every other family dropped, around a remembering matcher and in a fresh one.
            var fewer = used.matcher
            fewer.families = fewer.families.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            let changed = RememberingModelMatcher(fewer)
            var fresh = try #require(try RuleSet.bundled().rule(id: id)?.matcher as? ModelMatcher)
            fresh.families = fresh.families.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            var differs = false
            for _ in 0..<2 {
                for file in files {
                    let facts = Scanner.frontend(for: file.language).facts(in: file)
                    let found = Self.shown(changed.matches(in: facts, of: file))
                    #expect(found == Self.shown(fresh.matches(in: facts, of: file)), "\(id) \(file.path)")
                    differs = differs || found != Self.shown(used.matches(in: facts, of: file))
                }
            }
            if id == "openai-model" { #expect(differs) }
        }
    }

    /// Tokens written over one buffer, literal after literal, are each literal's tokens alone.
    @Test func tokensIntoAReusedBufferAreEachValuesOwn() {
        var random = SeededGenerator(seed: 21)
        let alphabet = Array("gpt-4o.ft:x_ /\"'o1-".utf8)
        var buffer: [Range<Int>] = []
        for _ in 0..<2_000 {
            let value = (0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            ModelMatcher.tokens(in: value, into: &buffer)
            #expect(buffer == ModelMatcher.tokens(in: value), "\(value)")
        }
    }

    /// Only a rule set made to remember (the language server's) has model matchers that keep their
    /// classifications from scan to scan: a one-shot scan would pay for filling a memo it never reads.
    @Test func onlyRuleSetsMadeToRememberRemember() throws {
        let models = rules.rules.filter { $0.matcher is ModelMatcher }
        #expect(models.count >= 2)
        #expect(!rules.rules.contains { $0.matcher is RememberingModelMatcher })
        let remembering = rules.rememberingModelClassifications()
        #expect(remembering.rules.map(\.id) == rules.rules.map(\.id))
        #expect(remembering.rules.filter { $0.matcher is RememberingModelMatcher }.map(\.id) == models.map(\.id))
        #expect(!remembering.rules.contains { $0.matcher is ModelMatcher })
        for (rule, wrapped) in zip(rules.rules, remembering.rules) {
            #expect(rule.matcher.triggers == wrapped.matcher.triggers, "\(rule.id)")
        }
    }

    /// The key tells apart the matches of the cases above whose suggestions differ.
    @Test func theCasesDifferInWhatTheKeyHolds() throws {
        let advisor = try MigrationAdvisor(catalog: catalog, targetID: "zhipu")
        let scanner = Scanner(rules: rules, advisor: advisor)
        for source in [(Self.python, Language.python), (Self.swift, .swift)] {
            let file = SourceFile(path: "cases", bytes: Array(source.0.utf8), language: source.1)
            let findings = scanner.scan(file).findings.filter { $0.ruleID != "openai-import" }
            // Same text, different suggestions: each such pair is a part of the key at work.
            var byText: [String: Set<[String]>] = [:]
            for finding in findings {
                byText[finding.matchedText, default: []].insert(finding.suggestions.map { "\($0.title) \($0.edits.isEmpty)" })
            }
            #expect(byText.values.contains { $0.count >= 3 }, "\(byText)")
        }
    }
}

@Suite struct CalleeNameTests {
    /// The last-byte shortcut agrees with the comparison by characters.
    @Test func aCalleeNamesAConstructorAsCharactersSay() {
        let names = ["OpenAI", "AsyncOpenAI", "ChatOpenAI", "OpenAIEmbeddings", "K", "\u{212A}"]
        let callees = ["OpenAI", "openai.OpenAI", "x.AsyncOpenAI", "OpenAIx", "xOpenAI", "a.OpenAI\u{301}", "a.OpenA\u{130}",
                       "", ".", "K", "\u{212A}", "a.K", "a.\u{212A}", "Embeddings", "m.OpenAIEmbeddings", "OpenAI "]
        for name in names {
            for callee in callees {
                #expect(MigrationAdvisor.callee(callee, names: name) == (callee == name || callee.hasSuffix("." + name)),
                        "\(callee) \(name)")
            }
        }
    }
}
