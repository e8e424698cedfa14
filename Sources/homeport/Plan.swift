// `homeport plan`: the migration summary a team lead reads before starting.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

enum PlanFormat: String, CaseIterable {
    case text, json, html
}

struct Plan: Command {
    static let spec = CommandSpec(
        name: "plan",
        abstract: LocalizedText(en: "Summarise a migration: capabilities in use, providers that cover them, and per file what `fix` would do.", zh: "汇总迁移：用到的能力、覆盖它们的服务商，以及 `fix` 对每个文件会做的修改。"),
        discussion: LocalizedText(en: """
            --format html writes one self-contained page (inline CSS and SVG charts, nothing fetched): \
            findings by rule and by capability class, which providers serve each class through an \
            OpenAI-compatible API, what `fix` does automatically and what is manual, and every file's \
            findings and suggestions. --format json has the same numbers.
            """, zh: """
            --format html 生成一个自包含的网页（内联 CSS 和 SVG 图表，不加载任何外部资源）：按规则和按能力类别统计的问题、哪些服务商通过兼容 OpenAI 的 API 提供各类能力、`fix` 能自动完成和需要手动处理的部分，以及每个文件的问题和建议。--format json 给出相同的数字。
            """),
        positional: ScanSettings.paths,
        groups: [.options([
            .choice("format", "format", PlanFormat.allCases.map(\.rawValue), "Plan format: text, json or html.", zh: "计划格式：text、json 或 html。"),
            .value("output", short: "o", "file", "Write the plan to this file instead of standard output.", zh: "把计划写入该文件，而不是标准输出。"),
        ] + ScanSettings.options), ConfigOptions.group])

    var settings: ScanSettings
    var format: PlanFormat
    var output: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        settings = try ScanSettings(arguments)
        format = try arguments.choice("format", as: PlanFormat.self) ?? .text
        output = arguments.value("output")
    }

    func run() throws {
        // Text and HTML are read by people; JSON follows only an explicit --lang (see `scan`).
        let language = format == .json ? ProcessLanguage.choice.machineLanguage : ProcessLanguage.language
        let prepared = settings.prepare(language: language)
        let advisor = prepared.advisor
        let report = settings.scan(prepared)
        for problem in report.problems where problem.kind == .error { printError(problem.description(in: ProcessLanguage.language)) }
        let plan = MigrationPlan(report: report, catalog: advisor.catalog, target: advisor.target)
        CatalogNotes.print(advisor.catalog, target: advisor.target)
        let rendered: String
        switch format {
        case .text: rendered = PlanTextReporter.render(plan, language: language)
        case .json: rendered = PlanJSONReporter.render(plan, language: language)
        case .html: rendered = PlanHTMLReporter.render(plan, language: language)
        }
        writeResult(rendered, to: output)
        if report.isIncomplete { throw Exit(code: .incomplete) }
    }
}
