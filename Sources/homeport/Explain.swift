// `homeport explain RULE`: what a rule finds, why it matters, examples, how to fix and suppress.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Explain: Command {
    static let spec = CommandSpec(
        name: "explain",
        abstract: "Explain a rule: what it finds, why, examples, fixes, suppression.",
        positional: PositionalSpec(name: "rule", help: "The rule id, e.g. openai-model.", isList: false))

    var rule: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let rule = arguments.positional else {
            throw UsageError(description: "name the rule to explain, e.g. `homeport explain openai-model` (see `homeport rules`)")
        }
        self.rule = rule
    }

    func run() throws {
        let rules: RuleSet
        do { rules = try RuleSet.bundled() } catch { fail("\(error)", code: .usage) }
        guard let rule = rules.rule(id: rule) else {
            fail("\(UnknownNameError(kind: "rule", name: self.rule, known: rules.rules.map(\.id)))", code: .usage)
        }
        print(RuleExplanation.render(rule), terminator: "")
    }
}

enum RuleExplanation {
    static func render(_ rule: Rule) -> String {
        var out = "\(rule.id) (\(rule.name)) — default level: \(rule.level.rawValue)\n\n"
        out += rule.summary + "\n\n" + rule.description + "\n\n"
        out += rule.help.trimmingWhitespace() + "\n"
        let triggering = rule.examples.filter { $0.code.contains("⟪") }
        let silent = rule.examples.filter { !$0.code.contains("⟪") }
        if !triggering.isEmpty {
            out += "\nReported (the marked text):\n"
            for example in triggering {
                out += "\n  [\(example.language.rawValue)]\n" + indent(example.code.replacing("⟪", with: "»")
                    .replacing("⟫", with: "«"))
            }
        }
        if !silent.isEmpty {
            out += "\nNot reported:\n"
            for example in silent { out += "\n  [\(example.language.rawValue)]\n" + indent(example.code) }
        }
        out += """

            Fix: `homeport fix --target PROVIDER` applies the mechanical edits; `homeport scan` shows
            each finding's suggestions. Suppress one finding with a comment on its line or the line
            above: `\(Language.python.suppressionComment(ruleIDs: [rule.id]))` (Python) or `\(Language.swift.suppressionComment(ruleIDs: [rule.id]))` (Swift).

            """
        return out
    }

    static func indent(_ code: String) -> String {
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { "    " + $0 }.joined(separator: "\n") + "\n"
    }
}
