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
        abstract: "Summarise a migration: capabilities in use, providers that cover them, and per file what `fix` would do.",
        discussion: """
            --format html writes one self-contained page (inline CSS and SVG charts, nothing fetched): \
            findings by rule and by capability class, which providers serve each class through an \
            OpenAI-compatible API, what `fix` does automatically and what is manual, and every file's \
            findings and suggestions. --format json has the same numbers.
            """,
        positional: ScanSettings.paths,
        groups: [OptionGroupSpec(title: "Options", options: [
            .choice("format", "format", PlanFormat.allCases.map(\.rawValue), "Plan format: text, json or html."),
            .value("output", short: "o", "file", "Write the plan to this file instead of standard output."),
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
        let rendered: String
        switch format {
        case .text: rendered = PlanTextReporter.render(plan, language: language)
        case .json: rendered = PlanJSONReporter.render(plan, language: language)
        case .html: rendered = PlanHTMLReporter.render(plan, language: language)
        }
        if let output {
            do {
                try AtomicFile.write(Array(rendered.utf8), to: output)
            } catch {
                fail(say(.cannotWriteReport, ["path": output, "reason": "\(error)"]), code: .usage)
            }
        } else {
            StandardStream.output.write(rendered)
        }
        if report.isIncomplete { throw Exit(code: .incomplete) }
    }
}
