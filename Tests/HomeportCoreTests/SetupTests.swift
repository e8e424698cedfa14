// The one setup every front door uses: mistakes come back as typed problems in both languages,
// each with what was used instead; configuration lookup; a document scanned as its file would be.

import Foundation
@testable import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct SetupTests {
    private let defaults = Configuration(root: "/r")

    @Test func unknownRuleIsAProblemAndEveryRuleStillRuns() throws {
        let setup = try Setup(configuration: defaults, options: Setup.Options(onlyRules: ["no-such-rule"]))
        #expect(setup.problems.map(\.kind) == [.ruleSelection])
        #expect(setup.problems[0].description(in: .english).contains("no-such-rule"))
        #expect(setup.rules.rules.count == (try RuleSet.bundled()).rules.count)
    }

    @Test func selectedRulesAreTheOnlyOnes() throws {
        let setup = try Setup(configuration: defaults, options: Setup.Options(onlyRules: ["openai-model"]))
        #expect(setup.problems.isEmpty)
        #expect(setup.rules.rules.map(\.id) == ["openai-model"])
    }

    @Test func unknownTargetFallsBackToTheCatalogsDefault() throws {
        let setup = try Setup(configuration: defaults, options: Setup.Options(target: "nowhere", language: .simplifiedChinese))
        #expect(setup.problems.map(\.kind) == [.target])
        #expect(setup.advisor.target.id == setup.catalog.defaultTarget)
        let problem = setup.problems[0]
        #expect(problem.description(in: .english) != problem.description(in: .simplifiedChinese))
        #expect(problem.fileProblem == nil)
    }

    @Test func configurationTargetIsUsedUnlessTheFrontDoorNamesOne() throws {
        var configuration = defaults
        configuration.target = "deepseek"
        #expect(try Setup(configuration: configuration, options: Setup.Options()).advisor.target.id == "deepseek")
        #expect(try Setup(configuration: configuration, options: Setup.Options(target: "zhipu")).advisor.target.id == "zhipu")
    }

    /// The line the command line prints names the catalog as the user wrote it, punctuated per language.
    @Test func unreadableCatalogFileNamesThePathAsGiven() throws {
        let setup = try Setup(configuration: defaults, options: Setup.Options(catalogFile: "missing/catalog.yml"))
        #expect(setup.problems.map(\.kind) == [.catalogFileUnreadable])
        let problem = setup.problems[0]
        #expect(problem.description(in: .english).hasPrefix("missing/catalog.yml: "))
        #expect(problem.description(in: .simplifiedChinese).hasPrefix("missing/catalog.yml："))
        #expect(problem.fileProblem?.file == "missing/catalog.yml")
        #expect(setup.watchedFiles == ["missing/catalog.yml"])
    }

    @Test func wrongCatalogFileIsLocatedAndLeftOut() throws {
        let directory = try Run.temporaryDirectory()
        try write("providers: [x]\n", to: "catalog.yml", in: directory)
        let file = directory.appendingPathComponent("catalog.yml").path
        let setup = try Setup(configuration: defaults, options: Setup.Options(catalogFile: file))
        #expect(setup.problems.map(\.kind) == [.catalogFile])
        #expect(setup.problems[0].file == file && setup.problems[0].line != nil)
        #expect(setup.catalog.providers.count == (try Catalog.bundled()).providers.count)
    }

    @Test func brokenConfigurationGivesTheDefaultsAndStaysWatched() throws {
        let directory = try Run.temporaryDirectory()
        try write("rules:\n  openai-model: loud\n", to: ".homeport.yml", in: directory)
        let file = directory.appendingPathComponent(".homeport.yml").path
        let loaded = Setup.loadConfiguration(file, root: directory.path)
        let problem = try #require(loaded.problem)
        #expect(problem.kind == .configuration && problem.file == file && problem.line == 2)
        #expect(problem.description(in: .english) == MessageLanguage.english.describe(
            try #require(throws: FileProblem.self) { try ConfigLoader.load(file, root: directory.path) }))
        #expect(loaded.configuration.rules.isEmpty && loaded.configuration.files == [file])
        #expect(Setup.loadConfiguration(nil, root: "/r").problem == nil)
    }

    @Test func configurationFileIsTheOverrideElseTheNearestElseNone() throws {
        let directory = try Run.temporaryDirectory()
        try write("fail-on: error\n", to: "app/.homeport.yml", in: directory)
        try write("x = 1\n", to: "app/src/a.py", in: directory)
        try write("x = 1\n", to: "other/b.py", in: directory)
        let root = directory.path
        let nearest = Setup.configurationFile(for: root + "/app/src/a.py", override: nil, workingDirectory: root)
        #expect(nearest.file == root + "/app/.homeport.yml" && nearest.root == root + "/app")
        let override = Setup.configurationFile(for: root + "/app/src/a.py", override: "ci.yml", workingDirectory: root)
        #expect(override.file == root + "/ci.yml" && override.root == root)
        let none = Setup.configurationFile(for: root + "/other/b.py", override: nil, workingDirectory: root)
        #expect(none.file == nil || none.file?.hasPrefix(root) == false)
        #expect(none.root == root)
    }

    @Test func documentIsScannedAsItsFileWithItsLevels() throws {
        var configuration = try ConfigLoader.load(text: "rules: {openai-model: error}\nexclude: [\"gen/**\"]\n",
                                                  file: "/r/.homeport.yml", root: "/r")
        let setup = try Setup(configuration: configuration, options: Setup.Options())
        let text = Array("import openai\nMODEL = \"gpt-4o\"\n".utf8)
        let file = SourceFile(path: "/r/app.py", bytes: text, language: .python)
        let findings = try #require(setup.findings(in: file, absolutePath: "/r/app.py").findings)
        #expect(findings.contains { $0.ruleID == "openai-model" && $0.severity == .error })
        #expect(setup.findings(in: file, absolutePath: "/r/gen/app.py").findings == nil)
        let binary = SourceFile(path: "/r/app.py", bytes: text + [0], language: .python)
        #expect(setup.findings(in: binary, absolutePath: "/r/app.py").findings == nil)
        configuration = Configuration(root: "/r")
        #expect(try Setup(configuration: configuration, options: Setup.Options()).findings(in: file, absolutePath: nil)
            .findings?.contains { $0.ruleID == "openai-model" && $0.severity == .error } == false)
    }
}
