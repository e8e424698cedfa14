// The second tier (openai-model-shape) finds model IDs the exact families do not know: proven by
// taking families away from openai-model and scanning that rule's own examples.

import HomeportTestSupport
import Testing
@testable import HomeportCore

@Suite struct ModelTierTests {
    static let modelFile = BundledRules.files.first { $0.name == "openai-model.yml" }!
    static let familyLines = modelFile.text.split(separator: "\n", omittingEmptySubsequences: false)
        .indices.filter { modelFile.text.split(separator: "\n", omittingEmptySubsequences: false)[$0]
            .hasPrefix("    - {pattern: ") }

    /// The bundled rules with the exact families whose position (in file order) is `offset` modulo 5
    /// removed from openai-model, and the removed patterns.
    static func rulesWithoutAFifth(offset: Int) throws -> (RuleSet, [String]) {
        var lines = modelFile.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var removed: [String] = []
        for (position, index) in familyLines.enumerated().reversed() where position % 5 == offset {
            removed.append(lines[index])
            lines.remove(at: index)
        }
        let files = BundledRules.files.map { file in
            (name: "rules/" + file.name, text: file.name == modelFile.name ? lines.joined(separator: "\n") : file.text)
        }
        return (try RuleSet.load(files: files), removed)
    }

    /// Across the five fifths every exact family is removed once; every example must still be
    /// reported, once, by one tier or the other.
    @Test func secondTierCoversRemovedFamilies() throws {
        let full = try RuleSet.bundled()
        var movedToSecondTier: Set<String> = []
        for offset in 0..<5 {
            let (rules, removed) = try Self.rulesWithoutAFifth(offset: offset)
            guard let exact = rules.rule(id: "openai-model")?.matcher as? ModelMatcher else {
                Issue.record("openai-model is not a model rule"); return
            }
            #expect(!removed.isEmpty && exact.families.count == Self.familyLines.count - removed.count)
            let scanner = Scanner(rules: rules, options: ScanOptions(usePrefilter: false))
            for example in full.rule(id: "openai-model")!.examples {
                let marked = MarkedSource(example.code)
                let file = SourceFile(path: "example", bytes: Array(marked.text.utf8), language: example.language)
                let findings = scanner.scan(file).findings
                for span in marked.spans {
                    let text = String(decoding: Array(marked.text.utf8)[span], as: UTF8.self)
                    let byRule = findings.filter { $0.span.start == span.lowerBound && $0.span.end == span.upperBound }
                        .map(\.ruleID)
                    #expect(byRule == ["openai-model"] || byRule == ["openai-model-shape"],
                            "without fifth \(offset): \(text) reported by \(byRule)")
                    if byRule == ["openai-model-shape"] { movedToSecondTier.insert(text) }
                }
            }
        }
        // Not vacuous: many examples lost their exact family in one of the runs.
        #expect(movedToSecondTier.count >= 10, "\(movedToSecondTier.sorted())")
    }

    @Test func secondTierReportsNothingTheExactTierReports() throws {
        let rules = try RuleSet.bundled()
        guard let exact = rules.rule(id: "openai-model")?.matcher as? ModelMatcher,
              let shape = rules.rule(id: "openai-model-shape")?.matcher as? ModelMatcher else {
            Issue.record("model rules missing"); return
        }
        for id in ["gpt-4o", "gpt-5.5-mini", "o3-mini", "text-davinci-003", "tts-1-hd", "gpt-4o-2024-08-06"] {
            #expect(exact.capabilityClass(of: id, labelAllowsShortIDs: false) != nil, "\(id)")
            #expect(shape.capabilityClass(of: id, labelAllowsShortIDs: false) == nil, "\(id)")
        }
    }

    @Test("the class is read from the name, or unknown", arguments: [
        ("gpt-6", "chat-flagship"), ("gpt-6-mini", "chat-small"), ("gpt-6-realtime", "realtime"),
        ("gpt-6-transcribe", "speech-to-text"), ("gpt-6-mini-tts", "text-to-speech"), ("gpt-6-audio", "realtime"),
        ("gpt-image-3-hd", "image-gen"), ("gpt-6-embedding", "embedding"), ("o9-pro", "reasoning"),
        ("tts-2", "text-to-speech"), ("whisper-3", "speech-to-text"), ("dall-e-4", "image-gen"),
        ("gpt-35-turbo-16k", "chat-small"), ("gpt-6-sol", "unknown"),
    ])
    func inferredClass(id: String, capability: String) throws {
        guard let shape = try RuleSet.bundled().rule(id: "openai-model-shape")?.matcher as? ModelMatcher else {
            Issue.record("openai-model-shape missing"); return
        }
        #expect(shape.capabilityClass(of: id, labelAllowsShortIDs: false) == capability)
    }

    @Test("look-alikes are not OpenAI API models", arguments: [
        "gpt-oss-20b", "gpt-oss-120b", "gpt-neo-2.7b", "gpt-neox-20b", "gpt-j-6b", "gpt-2", "gpt-2-xl",
        "gpt-sw3-6.7b", "gpt2", "gpt4all", "gpt-engineer", "gpt-researcher", "text-embedding-v3",
        "text-embedding-004", "whisper-large-v3", "GPT-6",
    ])
    func lookAlike(id: String) throws {
        let rules = try RuleSet.bundled()
        for rule in ["openai-model", "openai-model-shape"] {
            guard let matcher = rules.rule(id: rule)?.matcher as? ModelMatcher else { continue }
            #expect(matcher.capabilityClass(of: id, labelAllowsShortIDs: true) == nil, "\(rule): \(id)")
        }
    }

    @Test func unknownCapabilityAsksInsteadOfGuessing() throws {
        let catalog = try Catalog.bundled()
        let advisor = try MigrationAdvisor(catalog: catalog, targetID: "zhipu")
        let file = SourceFile(path: "a.py", bytes: Array("m = 'gpt-6-sol'".utf8), language: .python)
        let match = Match(span: Span(start: 5, end: 14), text: "gpt-6-sol",
                          variables: ["class": "unknown", "model": "gpt-6-sol"])
        let suggestions = advisor.suggestions(for: .model, match: match, in: file)
        #expect(suggestions.count == 1)
        #expect(suggestions.first?.edits.isEmpty == true)
        #expect(suggestions.first?.title.contains("check whether it is a chat") == true)
    }

    @Test func deferToRuleMustNameAModelRule() {
        let text = """
            id: demo
            name: Demo
            level: warning
            summary: s
            description: d
            message: m
            hint: h
            help: h
            match:
              kind: model
              defer-to-rule: nothing
              label-words: [model]
              families:
                - {pattern: '^gpt-\\\\d+$', class: chat-flagship}
            """
        #expect(throws: FileProblem.self) { try RuleSet.load(files: [(name: "rules/demo.yml", text: text)]) }
    }
}
