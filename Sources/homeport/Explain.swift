// `homeport explain RULE`: what a rule finds, why it matters, examples, how to fix and suppress.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Explain: Command {
    static let spec = CommandSpec(
        name: "explain",
        abstract: LocalizedText(en: "Explain a rule: what it finds, why, examples, fixes, suppression.", zh: "解释一条规则：查找什么、为什么、示例、修复、抑制。"),
        positional: PositionalSpec(name: "rule", help: "The rule id, e.g. openai-model.", zh: "规则 ID，例如 openai-model。", isList: false))

    var rule: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let rule = arguments.positional else {
            throw UsageError(description: say(.explainNeedsRule))
        }
        self.rule = rule
    }

    func run() throws {
        let rules: RuleSet
        do { rules = try RuleSet.bundled() } catch { fail(describe(error), code: .usage) }
        guard let rule = rules.rule(id: rule) else {
            fail(describe(UnknownNameError(kind: "rule", name: self.rule, known: rules.rules.map(\.id))), code: .usage)
        }
        print(RuleExplanation.render(rule.localized(to: ProcessLanguage.language), language: ProcessLanguage.language),
              terminator: "")
    }
}

enum RuleExplanation {
    static func render(_ rule: Rule, language: MessageLanguage = .english) -> String {
        var out = CLIMessage.explainHeader.format(language, ["id": rule.id, "name": rule.name, "level": rule.level.rawValue])
            + "\n\n"
        out += rule.summary + "\n\n" + rule.description + "\n\n"
        out += rule.help.trimmingWhitespace() + "\n"
        let triggering = rule.examples.filter { $0.code.contains("⟪") }
        let silent = rule.examples.filter { !$0.code.contains("⟪") }
        if !triggering.isEmpty {
            out += "\n" + CLIMessage.explainReported.format(language) + "\n"
            for example in triggering {
                out += "\n  [\(example.language.rawValue)]\n" + indent(example.code.replacing("⟪", with: "»")
                    .replacing("⟫", with: "«"))
            }
        }
        if !silent.isEmpty {
            out += "\n" + CLIMessage.explainNotReported.format(language) + "\n"
            for example in silent { out += "\n  [\(example.language.rawValue)]\n" + indent(example.code) }
        }
        out += "\n" + CLIMessage.explainFix.format(language, [
            "python": Language.python.suppressionComment(ruleIDs: [rule.id]),
            "swift": Language.swift.suppressionComment(ruleIDs: [rule.id])]) + "\n"
        return out
    }

    static func indent(_ code: String) -> String {
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { "    " + $0 }.joined(separator: "\n") + "\n"
    }
}
