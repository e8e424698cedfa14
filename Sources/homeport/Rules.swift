// `homeport rules`: the rule set compiled into this binary.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Rules: Command {
    static let spec = CommandSpec(name: "rules", abstract: LocalizedText(en: "List the rules: id, default level and summary.", zh: "列出规则：ID、默认级别和摘要。"))

    init(_ arguments: ParsedArguments) {}

    func run() throws {
        let rules = try RuleSet.bundled().localized(to: ProcessLanguage.language)
        let width = rules.rules.map(\.id.count).max() ?? 0
        for rule in rules.rules {
            let id = rule.id.padded(to: width)
            let level = rule.level.rawValue.padded(to: 7)
            print("\(id)  \(level)  \(rule.summary)")
        }
    }
}
