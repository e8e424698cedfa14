// Runs every example of every rule in rules/*.yml: marked text must be reported, nothing else.

import HomeportTestSupport
import Testing
@testable import HomeportCore

@Suite struct RuleExamplesTests {
    static let rules = try! RuleSet.bundled()

    static let cases: [(rule: String, index: Int)] = rules.rules.flatMap { rule in
        rule.examples.indices.map { (rule.id, $0) }
    }

    @Test("every rule example reports exactly its marked spans", arguments: cases.map { "\($0.rule)#\($0.index)" })
    func example(_ name: String) throws {
        let parts = name.split(separator: "#")
        let rule = try #require(Self.rules.rule(id: String(parts[0])))
        let example = rule.examples[Int(parts[1])!]
        let marked = MarkedSource(example.code)
        let file = SourceFile(path: "example", bytes: Array(marked.text.utf8), language: example.language)
        let scanner = Scanner(rules: Self.rules, options: ScanOptions(usePrefilter: false))
        let reported = scanner.scan(file).findings.filter { $0.ruleID == rule.id }
            .map { $0.span.start..<$0.span.end }
        let describe = { (spans: [Range<Int>]) in
            spans.map { span in
                let bytes = Array(marked.text.utf8)[span]
                return "\(file.location(of: span.lowerBound).line):\(file.location(of: span.lowerBound).column) "
                    + String(decoding: bytes, as: UTF8.self)
            }
        }
        #expect(describe(reported.sorted { $0.lowerBound < $1.lowerBound }) == describe(marked.spans),
                "\(rule.origin) example \(parts[1]) (\(example.language.rawValue))")
    }

    @Test func everyRuleWithAMatcherHasTriggeringAndSilentExamples() {
        for rule in Self.rules.rules where !rule.isUnusedSuppressionRule {
            let marked = rule.examples.map { MarkedSource($0.code) }
            #expect(marked.contains { !$0.spans.isEmpty }, "\(rule.id) has no triggering example")
            #expect(marked.contains { $0.spans.isEmpty }, "\(rule.id) has no silent example")
        }
    }
}
