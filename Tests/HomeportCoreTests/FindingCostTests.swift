// The fast paths of a finding's cost say what the simple ways they replace say: digits, UTF-8
// appends, editor positions, the caret line of the text report, and the call a short model ID
// stands in.

import Testing
@testable import HomeportCore
import HomeportTestSupport

@Suite struct FindingCostTests {
    @Test func writtenIntegersAreTheirDescriptions() {
        var random = SeededGenerator(seed: 21)
        var numbers = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65_535, Int.max, Int.min, Int.max - 1, Int.min + 1,
                       1_000_000_000_000_000_000, -1, -10, -999]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            numbers += [power - 1, power, power + 1, -power]
        }
        numbers += (0..<2_000).map { _ in Int.random(in: Int.min...Int.max, using: &random) }
        numbers += (0..<2_000).map { _ in Int.random(in: -100_000...100_000, using: &random) }
        for number in numbers {
            var out: [UInt8] = [0x61]
            JSONValue.writeInt(number, to: &out)
            #expect(out == [0x61] + Array(String(number).utf8), "\(number)")
        }
    }

    @Test func appendedUTF8IsTheStringsBytes() {
        var texts = ["", "a", "abc", "exactly 15 byte", "sixteen bytes!!!", "模型 gpt-4o 🙂", String(repeating: "x", count: 5_000)]
        texts.append(String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self))
        texts.append(String(texts[4].dropFirst(3)))  // a string that shares another's storage
        for text in texts {
            var out: [UInt8] = [1, 2]
            out.appendUTF8(text)
            #expect(out == [1, 2] + Array(text.utf8))
        }
    }

    /// The position of an offset as the editor counts it, walked a character at a time from the
    /// line's start (a lead byte and its continuation bytes, at most four, are one character).
    static func referencePosition(_ offset: Int, in file: SourceFile, encoding: SourceFile.ColumnEncoding)
        -> (line: Int, character: Int) {
        let line = file.lineIndex(of: offset)
        var i = line == 0 ? 0 : file.lineStarts[line]
        var units = 0
        let bytes = file.bytes
        while i < min(offset, bytes.count) {
            var length = 1
            while length < 4, i + length < bytes.count, bytes[i + length] & 0xC0 == 0x80 { length += 1 }
            switch encoding {
            case .utf8: units += length
            case .unicodeScalars: units += 1
            case .utf16: units += bytes[i] >= 0xF0 && bytes[i] <= 0xF4 ? 2 : 1
            }
            i += length
        }
        return (line, units)
    }

    @Test func editorPositionsCountCharactersOnAnyBytes() {
        var random = SeededGenerator(seed: 5)
        // ASCII, continuation bytes (after ASCII too), lead bytes, line breaks.
        let alphabet: [UInt8] = [0x61, 0x20, 0x09, 0x0A, 0x0D, 0x80, 0xBF, 0xC3, 0xA9, 0xE4, 0xBD, 0xA0, 0xF0, 0x9F, 0x99, 0x82, 0xFF]
        for round in 0..<200 {
            let count = Int.random(in: 0...80, using: &random)
            let bytes = (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            let file = SourceFile(path: "t", bytes: bytes, language: .python)
            for encoding in [SourceFile.ColumnEncoding.utf8, .utf16, .unicodeScalars] {
                var locator = file.positionLocator(encoding: encoding)
                for offset in 0...count + 1 {
                    let found = locator.position(of: offset)
                    let expected = FindingCostTests.referencePosition(offset, in: file, encoding: encoding)
                    #expect(found.line == expected.line && found.character == expected.character,
                            "round \(round) \(encoding) \(offset) \(bytes)")
                }
            }
        }
    }

    /// The caret line as the report wrote it before ASCII lines took a walk over bytes.
    static func referenceUnderline(_ finding: Finding) -> String {
        var out = finding.lineTextColumn > 1 ? " " : ""
        let column = finding.start.column - finding.lineTextColumn + 1
        let before = max(0, column - 1)
        let spanned = finding.end.line == finding.start.line
            ? max(1, finding.end.column - finding.lineTextColumn + 1 - column) : Int.max
        var spaces = 0
        var width = 0
        var index = 0
        for scalar in finding.lineText.unicodeScalars {
            if index < before {
                if scalar == "\t" {
                    out += String(repeating: " ", count: spaces) + "\t"
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
        return out + String(repeating: " ", count: spaces) + String(repeating: "^", count: max(1, width))
    }

    @Test func theCaretLineIsTheScalarWalksOnAnyLine() {
        var random = SeededGenerator(seed: 11)
        let pieces = ["a", " ", "\t", "\u{1}", "\u{7F}", "x = ", "\"gpt-4o\"", "模", "\u{301}", "🙂", "é"]
        for _ in 0..<2_000 {
            let ascii = Bool.random(using: &random)
            let usable = ascii ? pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : pieces
            let line = (0..<Int.random(in: 0...12, using: &random)).map { _ in usable.randomElement(using: &random)! }.joined()
            let start = Int.random(in: 1...30, using: &random)
            var finding = Finding(
                ruleID: "openai-model", severity: .warning, path: "a.py", span: Span(start: 0, end: 1),
                start: SourceLocation(line: 3, column: start),
                end: SourceLocation(line: Bool.random(using: &random) ? 3 : 4, column: Int.random(in: 1...40, using: &random)),
                message: "m", matchedText: "m", lineText: line)
            finding.lineTextColumn = Bool.random(using: &random) ? 1 : Int.random(in: 1...start, using: &random)
            var out = ByteWriter(capacity: 16)
            withUnsafePointer(to: finding) { TextReporter(useColor: false).underline($0, into: &out) }
            #expect(out.finish() == FindingCostTests.referenceUnderline(finding), "\(line)")
        }
    }

    @Test func theInnermostCallOfAnArgumentIsTheFilteredCallsSmallest() {
        var random = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            var calls: [CallFact] = []
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                let open = Int.random(in: 0...40, using: &random)
                let close = open + Int.random(in: 1...30, using: &random)
                let arguments = (0..<Int.random(in: 0...3, using: &random)).map { _ -> Span in
                    let start = Int.random(in: 0...40, using: &random)
                    return Span(start: start, end: start + Int.random(in: 0...3, using: &random))
                }
                calls.append(CallFact(callee: "f", calleeSpan: Span(start: 0, end: 1), openParen: open, closeParen: close,
                                      labels: arguments.map { _ in "" }, argumentSpans: arguments))
            }
            // Every span once, and some twice (two literals never share a span, but the answer must not care).
            var spans: [Span] = []
            for start in 0...44 {
                for end in start...start + 4 { spans.append(Span(start: start, end: end)) }
            }
            spans += spans.filter { _ in Bool.random(using: &random) }
            spans.shuffle(using: &random)
            let innermost = ModelMatcher.innermostCalls(of: spans, in: calls)
            for (number, span) in spans.enumerated() {
                let expected = calls.indices.filter { index in
                    calls[index].argumentSpans.contains { $0.start == span.start && $0.end == span.end }
                }.min { calls[$0].closeParen - calls[$0].openParen < calls[$1].closeParen - calls[$1].openParen }
                #expect(innermost[number] == expected)
            }
        }
    }

    @Test func aReportedSpanWithinARangeIsFoundAsTestingEachFindsIt() {
        var random = SeededGenerator(seed: 4)
        for _ in 0..<300 {
            let spans = (0..<Int.random(in: 0...10, using: &random)).map { _ -> Span in
                let start = Int.random(in: 0...50, using: &random)
                return Span(start: start, end: start + Int.random(in: 0...8, using: &random))
            }
            let reported = ModelMatcher.ReportedSpans(spans)
            for start in 0...55 {
                for end in start...start + 10 {
                    let range = Span(start: start, end: end)
                    let expected = spans.contains { $0.start >= range.start && $0.end <= range.end }
                    #expect(reported.anyWithin(range) == expected)
                }
            }
        }
    }

    @Test func lineStartsAreWhereEachLineBreakEnds() {
        var random = SeededGenerator(seed: 8)
        let alphabet: [UInt8] = [0x61, 0x20, 0x0A, 0x0D, 0x0D, 0x0A, 0xEF, 0xBB, 0xBF, 0x8A]
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...70, using: &random)).map { _ in
                Bool.random(using: &random) ? 0x61 : alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
            }
            var expected = [bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0A {
                    expected.append(i + 1)
                } else if bytes[i] == 0x0D {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                    expected.append(i + 1)
                }
                i += 1
            }
            #expect(SourceFile.computeLineStarts(bytes) == expected, "\(bytes)")
        }
    }

    @Test func theFirstHostAStringHoldsIsTheFirstThatContainsFinds() {
        var random = SeededGenerator(seed: 9)
        let hostSets = [["api.deepseek.com", "open.bigmodel.cn", "dashscope.aliyuncs.com", "api.moonshot.cn"],
                        ["a.b", "A.B.c", "b", "", "ab", "api.X.com"], ["aa", "a", "aaa"]]
        let pieces = ["api.", "deepseek", ".com", "API.DEEPSEEK.COM", "open.BigModel.cn", "a", "b", ".", "A", "x", "é", "/v1"]
        for hosts in hostSets {
            let search = MigrationAdvisor.HostSearch(hosts)
            for _ in 0..<2_000 {
                let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                let expected = hosts.firstIndex { ASCII.contains($0, in: text) }
                #expect(search.firstHost(in: text) == expected, "\(hosts) \(text)")
            }
        }
    }

    /// Templates a scanner keeps from earlier scans give each later scan what a fresh scanner gives:
    /// the same names at other places, written verbatim or not, in another file and language.
    @Test(arguments: [MessageLanguage.english, .simplifiedChinese])
    func aScannersLaterScansFindWhatAFreshScannerFinds(language: MessageLanguage) throws {
        let rules = try RuleSet.bundled().localized(to: language)
        let advisor = try MigrationAdvisor(catalog: try Catalog.bundled(), targetID: nil, language: language)
        let options = ScanOptions(language: language)
        let sources: [(String, String, Language)] = [
            ("a.py", "import openai\nm = \"gpt-4o\"\nk = os.environ[\"OPENAI_API_KEY\"]\nu = \"https://api.openai.com/v1\"\n", .python),
            ("b.py", "import os\n\n\nx = [\"gpt-4o\", \"gpt\\x2d4o\"]\nos.getenv(\"OPENAI_API_KEY\")\nc = openai.OpenAI()\n", .python),
            ("c.swift", "import OpenAI\nlet m: Model = .gpt4_o\nlet s = \"gpt-4o\"\n", .swift),
            ("d.py", "client.chat.completions.create(model=\"gpt-4o\", messages=history)\nm = \"gpt-4o\"\n", .python),
        ]
        let shared = Scanner(rules: rules, options: options, advisor: advisor)
        for _ in 0..<2 {
            for (path, text, language) in sources + sources.reversed() {
                let file = SourceFile(path: path, bytes: Array(text.utf8), language: language)
                let fresh = Scanner(rules: rules, options: options, advisor: advisor).scan(file).findings
                #expect(!fresh.isEmpty)
                #expect(shared.scan(file).findings == fresh, "\(path)")
            }
        }
    }

    /// `LocalizedText.fill` as it was written on Strings: each piece appended, the seam's scalars
    /// read back from the text.
    static func referenceFill(_ template: String, _ values: [String: String]) -> String {
        let utf8 = template.utf8
        guard var open = utf8.firstIndex(of: UInt8(ascii: "{")) else { return template }
        var out = ""
        var copied = utf8.startIndex
        var lastWasValue = false
        func append(_ piece: Substring, isValue: Bool) {
            guard !piece.isEmpty else { return }
            if (isValue || lastWasValue), let before = out.unicodeScalars.last, let after = piece.unicodeScalars.first,
               ChineseSpacing.needsSpace(between: before, and: after) {
                out += " "
            }
            out += piece
            lastWasValue = isValue
        }
        while true {
            guard let close = utf8[open...].firstIndex(of: UInt8(ascii: "}")) else { break }
            if let value = values[String(template[utf8.index(after: open)..<close])] {
                append(template[copied..<open], isValue: false)
                append(value[...], isValue: true)
                copied = utf8.index(after: close)
            }
            guard let next = utf8[utf8.index(after: close)...].firstIndex(of: UInt8(ascii: "{")) else { break }
            open = next
        }
        append(template[copied...], isValue: false)
        return out
    }

    @Test func filledTemplatesAreTheReferenceFills() {
        var random = SeededGenerator(seed: 2121)
        // Pieces that meet at seams: ASCII words and signs, Han, full-width punctuation, other
        // alphabets, emoji, combining marks, braces alone and placeholders known and unknown.
        let pieces = ["use ", "`", "(", ")", "，", "：", "智谱", "读取", "的密钥", "é", "Ωmega", "😀", "e\u{301}", " ", "",
                      "{", "}", "{}", "{model}", "{provider}", "{class}", "{unknown}", "{a b}", "{模型}", "x", "3", "/", "-",
                      "\n", "ｶ", "カ", "{match}", "}{", "{{model}}"]
        let values = ["glm-4.6", "智谱", "DeepSeek", "", "3", "`rules`", "文档 a/说明 b.md", "😀x", "é", "，", "a{b}c",
                      "{model}", "カナ", "Ω", " "]
        let names = ["model", "provider", "class", "match", "模型", "a b", ""]
        for _ in 0..<20_000 {
            let template = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var filled: [String: String] = [:]
            for name in names where Bool.random(using: &random) { filled[name] = values.randomElement(using: &random)! }
            #expect(LocalizedText.fill(template, filled) == FindingCostTests.referenceFill(template, filled),
                    "\(template) \(filled)")
            #expect(Array(LocalizedText.fill(template, filled).utf8) == Array(FindingCostTests.referenceFill(template, filled).utf8))
        }
    }

    @Test func droppedPrefixesAreTheCharacterWiseOnes() {
        var random = SeededGenerator(seed: 2122)
        let pieces = ["AZURE_", "OPENAI_", "OPENAI", "_", "KEY", "X", "é", "\u{301}", "\r\n", "\n", "模型", "😀", "A", "1", ""]
        var names = ["OPENAI_", "OPENAI_X", "AZURE_OPENAI_", "AZURE_OPENAI_KEY", "OPENAI_\u{301}X", "AZURE_OPENAI_é", "OPENAI",
                     "", "X_OPENAI_KEY", "OPENAI_OPENAI_KEY", "AZURE_OPENAI_OPENAI_KEY"]
        for _ in 0..<5_000 {
            names.append((0..<Int.random(in: 1...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
        }
        for name in names {
            var rest = Substring(name)
            for prefix in ["AZURE_OPENAI_", "OPENAI_"] where rest.hasPrefix(prefix) {
                rest = rest.dropFirst(prefix.count)
                break
            }
            let dropped = MigrationAdvisor.droppingOpenAIPrefix(name)
            #expect(Array(dropped.utf8) == Array(rest.utf8), "\(name)")
        }
    }

    /// A rule's message filled by looking each placeholder up is the message filled from a copy of
    /// the variables with `match` added and the class and package said in the language.
    @Test func ruleMessagesAreTheDictionaryFills() throws {
        var random = SeededGenerator(seed: 2124)
        let templates = try RuleSet.bundled().rules.map(\.message) + ["{match} {class} {package} {call} {match}", "{", "x", ""]
        let classes = ["chat-flagship", "vision", "embedding", "unknown-class", "智谱"]
        let packages = ["openai", "langchain_openai", "OpenAI", "other"]
        for _ in 0..<3_000 {
            let template = templates.randomElement(using: &random)!
            var variables: [String: String] = [:]
            if Bool.random(using: &random) { variables["class"] = classes.randomElement(using: &random)! }
            if Bool.random(using: &random) { variables["package"] = packages.randomElement(using: &random)! }
            if Bool.random(using: &random) { variables["match"] = "variable" }
            if Bool.random(using: &random) { variables["host"] = "api.openai.com" }
            if Bool.random(using: &random) { variables["model"] = "gpt-4o" }
            let match = ["gpt-4o", "模型", "sk-…", ""].randomElement(using: &random)!
            for language in MessageLanguage.allCases {
                var values = variables
                values["match"] = match
                if language != .english {
                    if let capability = values["class"] { values["class"] = CapabilityClass.name(capability, in: language) }
                    if let package = values["package"] { values["package"] = SDKDescription.text(package, in: language) }
                }
                #expect(Scanner.fill(template, match: match, variables: variables, language: language)
                        == FindingCostTests.referenceFill(template, values), "\(template) \(variables)")
            }
        }
    }

    @Test func reportOrderIsWhatSortingKeeps() {
        var random = SeededGenerator(seed: 2123)
        let base = Finding(ruleID: "openai-model", severity: .warning, path: "a.py", span: Span(start: 0, end: 1),
                           start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 2),
                           message: "m", matchedText: "x", lineText: "x")
        for _ in 0..<3_000 {
            let findings = (0..<Int.random(in: 0...6, using: &random)).map { _ -> Finding in
                var finding = base
                finding.path = ["a.py", "b.py", "a.py"].randomElement(using: &random)!
                finding.ruleID = ["openai-model", "openai-env", "openai-host"].randomElement(using: &random)!
                let line = Int.random(in: 1...3, using: &random)
                let column = Int.random(in: 1...3, using: &random)
                finding.start = SourceLocation(line: line, column: column)
                let start = Int.random(in: 0...3, using: &random)
                finding.span = Span(start: start, end: start + Int.random(in: 0...2, using: &random))
                return finding
            }
            let ordered = zip(findings, findings.dropFirst()).allSatisfy { !($1 < $0) }
            #expect(Finding.inReportOrder(findings) == ordered)
            #expect(Finding.inReportOrder(findings.sorted()))
        }
    }

    /// Suggestions moved by making them anew are the ones moved by changing each edit in place.
    @Test func movedSuggestionsAreTheInPlaceMoves() {
        var random = SeededGenerator(seed: 2125)
        for _ in 0..<3_000 {
            // Edits replace the match, or the match and the `.` before it.
            let oldStart = Int.random(in: 1...50, using: &random)
            let old = Span(start: oldStart, end: oldStart + Int.random(in: 1...10, using: &random))
            let newStart = Int.random(in: 1...500, using: &random)
            let new = Bool.random(using: &random) ? old : Span(start: newStart, end: newStart + Int.random(in: 1...60, using: &random))
            let suggestions = (0..<Int.random(in: 0...4, using: &random)).map { index -> Suggestion in
                let edits = (0..<Int.random(in: 0...3, using: &random)).map { _ -> TextEdit in
                    TextEdit(span: Span(start: old.start - Int.random(in: 0...1, using: &random), end: old.end), replacement: "glm-\(index)")
                }
                return Suggestion(title: "title \(index)", edits: edits, applicability: Bool.random(using: &random) ? .safe : .unsafe,
                                  provider: Bool.random(using: &random) ? "zhipu" : nil, replacement: "glm")
            }
            var reference = suggestions
            if old != new {
                for index in reference.indices where !reference[index].edits.isEmpty {
                    for edit in reference[index].edits.indices {
                        let span = reference[index].edits[edit].span
                        reference[index].edits[edit].span = Span(start: span.start - old.start + new.start, end: span.end - old.end + new.end)
                    }
                }
            }
            #expect(MigrationAdvisor.moved(suggestions, from: old, to: new) == reference)
        }
    }
}
