// The JSON report from findings the workers wrote file by file: byte for byte the one written whole.

import Foundation
@testable import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct JSONFragmentsTests {
    /// The fixtures of every language this process scans (notebooks give cells, some files give
    /// warnings), a file without findings and a missing one (a problem), in both languages.
    @Test(arguments: [MessageLanguage.english, .simplifiedChinese]) func fragmentsGiveTheWholeReport(
        language: MessageLanguage) throws {
        let fixtures = TestPaths.packageRoot.appendingPathComponent("Fixtures").path
        let folder = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("print('nothing here')\n", to: "clean.py", in: folder)
        var plan = GatePlan(paths: [fixtures, folder.path, folder.path + "/missing.py"], configurationFile: nil,
                            workingDirectory: fixtures)
        plan.discover()
        let rules = try RuleSet.bundled()
        let advisor = try MigrationAdvisor(catalog: try Catalog.bundled(), targetID: "zhipu")
        var options = ScanOptions()
        options.language = language
        var treeScan = TreeScan(scanner: Scanner(rules: rules, options: options, advisor: advisor), threads: 2)
        treeScan.findingsRenderer = { JSONReporter.findingsFragment($0) }
        var report = treeScan.scan(plan.targets)
        report.problems = plan.problems + report.problems
        report.findings.sort()
        #expect(report.findings.count > 50)
        let fragments = try #require(report.findingsFragments)
        #expect(JSONReporter.render(report, findingsFragments: fragments, language: language)
            == Array(JSONReporter.render(report, rules: rules, language: language).utf8))

        // No findings at all: an empty array, as the tree writes it.
        var empty = treeScan.scan(plan.targets.filter { $0.path.hasSuffix("clean.py") })
        empty.problems = plan.problems
        #expect(empty.findingsFragments == [])
        #expect(JSONReporter.render(empty, findingsFragments: [], language: language)
            == Array(JSONReporter.render(empty, rules: rules, language: language).utf8))
    }

    /// Two files under one path would interleave their findings in report order: no fragments then.
    @Test func oneRepeatedPathKeepsNoFragments() throws {
        let folder = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("MODEL = \"gpt-4o\"\n", to: "a.py", in: folder)
        let target = ScanTarget(path: "a.py", fileSystemPath: folder.path + "/a.py", language: .python, isExplicit: true)
        var treeScan = TreeScan(scanner: Scanner(rules: try RuleSet.bundled()), threads: 1)
        treeScan.findingsRenderer = { JSONReporter.findingsFragment($0) }
        #expect(treeScan.scan([target]).findingsFragments?.count == 1)
        #expect(treeScan.scan([target, target]).findingsFragments == nil)
    }
}
