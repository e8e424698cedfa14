// The built binary on Fixtures/: exact findings, valid and deterministic SARIF, secrets redacted.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct FixtureTests {
    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Fixtures")

    /// `path:line:col: rule match` lines from a JSON report.
    func findingLines(_ json: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let findings = object["findings"] as! [[String: Any]]
        return findings.map { f in
            "\(f["path"]!):\(f["line"]!):\(f["column"]!): \(f["rule"]!) \(f["match"]!)"
        }
    }

    @Test("fixtures give exactly the expected findings", arguments: ["python", "swift", "c", "cpp", "objc", "notebook", "dotenv", "yaml", "toml"])
    func expectedFindings(language: String) throws {
        let directory = Self.fixtures.appendingPathComponent(language)
        let result = try Run.homeport(["scan", ".", "--format", "json"], in: directory)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == "")
        let expected = try String(contentsOf: directory.appendingPathComponent("expected-findings.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let actual = try findingLines(result.stdout)
        #expect(actual == expected)
        let missing = Set(expected).subtracting(actual).sorted()
        let extra = Set(actual).subtracting(expected).sorted()
        #expect(missing.isEmpty && extra.isEmpty, "missing: \(missing)\nextra: \(extra)")
    }

    @Test("findings are the same with and without the prefilter", arguments: ["python", "swift", "c", "cpp", "objc", "notebook", "dotenv", "yaml", "toml"])
    func prefilterLosesNothing(language: String) throws {
        let directory = Self.fixtures.appendingPathComponent(language)
        let filtered = try Run.homeport(["scan", ".", "--format", "json"], in: directory)
        let unfiltered = try Run.homeport(["scan", ".", "--format", "json", "--no-prefilter"], in: directory)
        #expect(try findingLines(filtered.stdout) == findingLines(unfiltered.stdout))
    }

    @Test func sarifIsValidAndDeterministic() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let first = temp.appendingPathComponent("first.sarif")
        let second = temp.appendingPathComponent("second.sarif")
        for output in [first, second] {
            let result = try Run.homeport(["scan", ".", "--format", "sarif", "--output", output.path],
                                          in: Self.fixtures)
            #expect(result.status == 1)
        }
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        let check = try Run.sarifValidator(on: first)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: first)) as! [String: Any]
        let run = (sarif["runs"] as! [[String: Any]])[0]
        let driver = (run["tool"] as! [String: Any])["driver"] as! [String: Any]
        let rules = driver["rules"] as! [[String: Any]]
        #expect(rules.map { $0["id"] as! String } == ["azure-openai-host", "openai-env", "openai-host",
                                                      "openai-import", "openai-key", "openai-model",
                                                      "openai-model-shape", "openai-prefixed-env", "unused-suppression"])
        for rule in rules {
            let help = rule["help"] as! [String: Any]
            #expect(help["text"] != nil && help["markdown"] != nil)
            #expect(rule["shortDescription"] != nil && rule["fullDescription"] != nil)
            #expect((rule["properties"] as! [String: Any])["tags"] != nil)
        }
        let results = run["results"] as! [[String: Any]]
        // Every fixture folder's expected findings, and nothing else.
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
        let expectedCount = try folders.reduce(0) { total, folder in
            let file = Self.fixtures.appendingPathComponent(folder).appendingPathComponent("expected-findings.txt")
            guard FileManager.default.fileExists(atPath: file.path) else { return total }
            return total + (try String(contentsOf: file, encoding: .utf8)).split(separator: "\n").count
        }
        #expect(expectedCount >= 202)
        #expect(results.count == expectedCount)
        for result in results {
            let ruleIndex = result["ruleIndex"] as! Int
            #expect(rules[ruleIndex]["id"] as? String == result["ruleId"] as? String)
            let location = ((result["locations"] as! [[String: Any]])[0]["physicalLocation"]) as! [String: Any]
            let artifact = location["artifactLocation"] as! [String: Any]
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            #expect(!(artifact["uri"] as! String).hasPrefix("/"))
            let region = location["region"] as! [String: Any]
            for key in ["startLine", "startColumn", "endLine", "endColumn", "snippet"] {
                #expect(region[key] != nil, "\(key) missing")
            }
            #expect(result["partialFingerprints"] != nil)
        }
    }

    @Test("no output format prints a secret in full", arguments: ["text", "json", "sarif"])
    func secretsAreRedacted(format: String) throws {
        let result = try Run.homeport(["scan", ".", "--format", format, "--no-color"], in: Self.fixtures)
        #expect(result.stdout.contains("sk-proj-…") || format == "text")
        // The rule's own description names the marker; a key would have key characters around it.
        let keyLike = try Regex(#"[A-Za-z0-9_-]T3BlbkFJ|T3BlbkFJ[A-Za-z0-9_-]"#)
        #expect(result.stdout.firstMatch(of: keyLike) == nil)
        #expect(result.stderr.firstMatch(of: keyLike) == nil)
    }

    @Test func textReportGolden() throws {
        let directory = Self.fixtures.appendingPathComponent("python")
        let result = try Run.homeport(["scan", "settings.py", "--rule", "openai-key,openai-host", "--no-color"],
                                      in: directory)
        #expect(result.status == 1)
        let expected = try String(contentsOf: directory.deletingLastPathComponent()
            .appendingPathComponent("expected-text/settings.txt"), encoding: .utf8)
        #expect(result.stdout == expected)
    }
}
