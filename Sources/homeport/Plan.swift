// `homeport plan`: the migration summary a team lead reads before starting.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Plan: Command {
    static let spec = CommandSpec(
        name: "plan",
        abstract: "Summarise a migration: capabilities in use, providers that cover them, and per file what `fix` would do.",
        positional: ScanSettings.paths,
        groups: [OptionGroupSpec(title: "Options", options: ScanSettings.options), ConfigOptions.group])

    var settings: ScanSettings

    init(_ arguments: ParsedArguments) throws(UsageError) {
        settings = try ScanSettings(arguments)
    }

    func run() throws {
        let prepared = settings.prepare()
        let advisor = prepared.advisor
        let report = settings.scan(prepared)
        for problem in report.problems where problem.kind == .error { printError(problem.description(in: ProcessLanguage.language)) }
        print(MigrationPlan(report: report, catalog: advisor.catalog, target: advisor.target).render(), terminator: "")
        if report.isIncomplete { throw Exit(code: .incomplete) }
    }
}

/// The plan's content, computed from a scan report and the catalog.
struct MigrationPlan {
    let report: ScanReport
    let catalog: Catalog
    let target: Provider

    /// Capability class -> the models found for it.
    var capabilities: [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for finding in report.findings {
            if let capability = finding.details["class"] {
                result[capability, default: []].insert(finding.details["model"] ?? finding.matchedText)
            }
        }
        return result
    }

    /// Endpoint families the code calls by URL (`chat`, `audio` …).
    var endpointFamilies: Set<String> {
        Set(report.findings.filter { $0.ruleID == "openai-host" }.compactMap { finding -> String? in
            guard let range = finding.matchedText.firstRange(of: "/v1/") else { return nil }
            return catalog.endpointFamily(ofPath: String(finding.matchedText[finding.matchedText.index(before: range.upperBound)...]))
        })
    }

    func covers(_ provider: Provider, _ capability: String) -> Bool { catalog.serves(provider, capability) }

    func render() -> String {
        let files = Set(report.findings.map(\.path))
        var out = "Migration plan: \(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") in "
            + "\(files.count) of \(report.filesScanned) scanned files; target \(target.displayName)\n"
        let used = capabilities
        guard !report.findings.isEmpty else { return out + "\nNothing to migrate.\n" }

        out += "\nCapabilities the code uses:\n"
        for capability in used.keys.sorted() {
            let mapped: String
            if case .manual? = catalog.mapping[capability] {
                mapped = "manual migration"
            } else if covers(target, capability) {
                mapped = "\(target.name): \(target.models[capability]![0])"
            } else {
                mapped = "\(target.name) has no compatible \(capability) model"
            }
            out += "  \(capability.padded(to: 18))"
                + "\(used[capability]!.sorted().joined(separator: ", ")) -> \(mapped)\n"
        }
        let families = endpointFamilies
        if !families.isEmpty {
            out += "  endpoints called by URL: \(families.sorted().joined(separator: ", "))\n"
        }

        let needed = used.keys.filter { capability in
            if case .manual? = catalog.mapping[capability] { return false }
            return true
        }
        let manualClasses = used.keys.filter { capability in
            if case .manual? = catalog.mapping[capability] { return true }
            return false
        }.sorted()
        let covering = catalog.providers.filter { provider in
            needed.allSatisfy { covers(provider, $0) } && families.allSatisfy { provider.compatibleEndpoints.contains($0) }
        }
        out += "\nProviders that cover every capability through an OpenAI-compatible API:\n"
        if covering.isEmpty {
            out += "  none; the closest:\n"
            let ranked = catalog.providers.map { provider in
                (provider, needed.filter { !covers(provider, $0) }.sorted())
            }.sorted { $0.1.count < $1.1.count }.prefix(3)
            for (provider, missing) in ranked {
                out += "  \(provider.id.padded(to: 11)) lacks \(missing.joined(separator: ", "))\n"
            }
        } else {
            for provider in covering {
                out += "  \(provider.id.padded(to: 11)) \(provider.name), \(provider.baseURL)\n"
            }
        }
        if !manualClasses.isEmpty {
            out += "  manual everywhere: \(manualClasses.joined(separator: ", "))\n"
        }

        out += "\nPer file (what `homeport fix --target \(target.id)` does):\n"
        for path in files.sorted() {
            let findings = report.findings.filter { $0.path == path }
            let fixable = findings.filter { $0.suggestions.first?.applicability == .safe }
            let review = findings.filter { $0.suggestions.first?.applicability == .unsafe }
            var line = "  \(path): "
            var parts: [String] = []
            if !fixable.isEmpty {
                let edits = fixable.compactMap { finding -> String? in
                    guard let replacement = finding.suggestions.first?.replacement else { return nil }
                    return "\(finding.matchedText) -> \(replacement)"
                }
                parts.append("\(fixable.count) edit\(fixable.count == 1 ? "" : "s") (\(edits.joined(separator: ", ")))")
            }
            if !review.isEmpty { parts.append("\(review.count) with --unsafe-fixes") }
            let manual = findings.count - fixable.count - review.count
            if manual > 0 { parts.append("\(manual) manual") }
            line += parts.joined(separator: "; ")
            out += line + "\n"
        }
        return out
    }
}
