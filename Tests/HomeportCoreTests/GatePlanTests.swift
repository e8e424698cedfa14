// The CI gate's logic without the binary: configuration per path, per-file levels, the baseline,
// `--since`, the failing level, and the problems it returns instead of exiting.

import Foundation
@testable import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct GatePlanTests {
    private static let model = "import openai\nMODEL = \"gpt-4o\"\n"

    /// A scan of `plan`'s files as the command line runs it: sorted, each file's levels applied.
    private func scan(_ plan: GatePlan) throws -> ScanReport {
        let setup = try Setup(configuration: plan.configuration, options: Setup.Options())
        var report = TreeScan(scanner: setup.scanner, threads: 1).scan(plan.targets)
        report.findings = plan.configured(report.findings.sorted())
        return report
    }

    private func models(_ report: ScanReport) -> [String: Severity] {
        Dictionary(report.findings.filter { $0.ruleID == "openai-model" }.map { (Path.lastComponent(of: $0.path), $0.severity) }) { a, _ in a }
    }

    /// Each path argument is governed by its nearest configuration (the first one's settings are the run's).
    @Test func eachPathGetsTheLevelsOfItsNearestConfiguration() throws {
        let directory = try Run.temporaryDirectory()
        try write("rules: {openai-model: error}\nfail-on: note\n", to: ".homeport.yml", in: directory)
        try write("rules: {openai-model: off}\n", to: "legacy/.homeport.yml", in: directory)
        try write("rules: {openai-model: note}\n", to: "tools/.homeport.yml", in: directory)
        for name in ["app.py", "legacy/old.py", "tools/t.py"] { try write(Self.model, to: name, in: directory) }
        let plan = GatePlan(paths: ["app.py", "legacy", "tools"], configurationFile: nil, workingDirectory: directory.path)
        #expect(plan.setupProblems.isEmpty)
        #expect(plan.configurations.count == 3)
        #expect(plan.threshold(failOn: nil) == .note)
        #expect(plan.threshold(failOn: .error) == .error)
        let report = try scan(plan)
        #expect(models(report) == ["app.py": .error, "t.py": .note])
        #expect(plan.fails(report, failOn: nil))
    }

    @Test func theOverrideGovernsEveryPath() throws {
        let directory = try Run.temporaryDirectory()
        try write("rules: {openai-model: off}\n", to: "sub/.homeport.yml", in: directory)
        try write("rules: {openai-model: error}\n", to: "ci.yml", in: directory)
        try write(Self.model, to: "sub/a.py", in: directory)
        let plan = GatePlan(paths: ["sub"], configurationFile: "ci.yml", workingDirectory: directory.path)
        #expect(plan.configurations.count == 1)
        #expect(models(try scan(plan)) == ["a.py": .error])
        #expect(plan.threshold(failOn: nil) == .warning)
    }

    /// A configuration that cannot be loaded is a problem, not an exit; planning stops there.
    @Test func brokenConfigurationIsAProblem() throws {
        let directory = try Run.temporaryDirectory()
        try write("fail-on: sometimes\n", to: ".homeport.yml", in: directory)
        try write(Self.model, to: "a.py", in: directory)
        let plan = GatePlan(paths: [], configurationFile: nil, workingDirectory: directory.path)
        #expect(plan.setupProblems.map(\.kind) == [.configuration])
        #expect(plan.setupProblems[0].line == 1)
        #expect(plan.targets.isEmpty)
    }

    @Test func baselineLeavesOnlyNewFindings() throws {
        let directory = try Run.temporaryDirectory()
        try write(Self.model, to: "a.py", in: directory)
        let plan = GatePlan(paths: [], configurationFile: nil, workingDirectory: directory.path)
        let baselineFile = directory.path + "/baseline.json"
        let recorded = Baseline.render(try scan(plan).findings) { plan.baselinePath(of: $0, baselineFolder: directory.path) }
        try recorded.write(toFile: baselineFile, atomically: true, encoding: .utf8)

        try write(Self.model + "OTHER = \"gpt-4.1\"\n", to: "a.py", in: directory)
        var report = try scan(plan)
        let before = report.findings.count
        let outcome = plan.filter(&report, baselineFile: baselineFile, since: nil)
        #expect(outcome.problems.isEmpty)
        #expect(outcome.baselined == before - report.findings.count && outcome.baselined > 0)
        #expect(report.findings.map(\.start.line) == [3])
    }

    @Test func missingBaselineIsAProblemAndFiltersNothing() throws {
        let directory = try Run.temporaryDirectory()
        try write(Self.model, to: "a.py", in: directory)
        let plan = GatePlan(paths: [], configurationFile: nil, workingDirectory: directory.path)
        var report = try scan(plan)
        let count = report.findings.count
        let outcome = plan.filter(&report, baselineFile: directory.path + "/none.json", since: nil)
        #expect(outcome.problems.map(\.kind) == [.baseline])
        #expect(report.findings.count == count && outcome.baselined == 0)
    }

    @Test func sinceKeepsOnlyFindingsOnChangedLines() throws {
        let directory = try Run.temporaryDirectory()
        try Run.requireGit(["init", "-q"], in: directory)
        try write(Self.model, to: "a.py", in: directory)
        try Run.requireGit(["add", "a.py"], in: directory)
        try Run.requireGit(["commit", "-q", "-m", "one"], in: directory)
        try write(Self.model + "OTHER = \"gpt-4.1\"\n", to: "a.py", in: directory)
        let plan = GatePlan(paths: [], configurationFile: nil, workingDirectory: directory.path)
        var report = try scan(plan)
        let before = report.findings.count
        let outcome = plan.filter(&report, baselineFile: nil, since: "HEAD")
        #expect(outcome.problems.isEmpty)
        #expect(report.findings.map(\.start.line) == [3])
        #expect(outcome.outsideSince == before - 1)

        var again = try scan(plan)
        let unknown = plan.filter(&again, baselineFile: nil, since: "no-such-revision")
        #expect(unknown.problems.map(\.kind) == [.since])
        #expect(again.findings.count == before)
    }
}
