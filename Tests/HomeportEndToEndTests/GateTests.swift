// The CI gate on the built binary: thresholds, exit codes, configuration, baseline, --since,
// shards and merge, GitHub annotations and the SARIF GitHub code scanning keys on.

import Foundation
import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct GateTests {
    /// `path:line rule` for each finding of a JSON report.
    func findings(_ json: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return (object["findings"] as! [[String: Any]]).map { "\($0["path"]!):\($0["line"]!) \($0["rule"]!)" }
    }

    func validate(_ sarif: URL) throws {
        let check = try Run.sarifValidator(on: sarif)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    // MARK: thresholds and exit codes

    @Test func thresholdsAndExitCodes() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("import tiktoken\n", to: "note.py", in: temp)
        try write("import openai\n", to: "warning.py", in: temp)
        try write("URL = \"https://api.openai.com/v1\"\n", to: "error.py", in: temp)
        func status(_ arguments: [String]) throws -> Int32 { try Run.homeport(["scan", "-q"] + arguments, in: temp).status }

        #expect(try status(["note.py"]) == 0)                       // default threshold: warning
        #expect(try status(["note.py", "--fail-on", "note"]) == 1)
        #expect(try status(["warning.py"]) == 1)
        #expect(try status(["warning.py", "--fail-on", "error"]) == 0)
        #expect(try status(["error.py", "--fail-on", "error"]) == 1)
        #expect(try status(["error.py", "--fail-on", "never"]) == 0)
        #expect(try status(["error.py", "--exit-zero"]) == 0)
        #expect(try status(["error.py", "missing.py", "--exit-zero"]) == 3)  // incomplete beats --exit-zero
        #expect(try status(["error.py", "missing.py"]) == 3)                 // incomplete beats findings
        #expect(try status(["error.py", "--fail-on", "fatal"]) == 2)
        #expect(try status(["error.py", "--shard", "3/2"]) == 2)
        // The configuration's fail-on applies; the flag overrides it.
        try write("fail-on: error\n", to: ".homeport.yml", in: temp)
        #expect(try status(["warning.py"]) == 0)
        #expect(try status(["warning.py", "--fail-on", "warning"]) == 1)
    }

    // MARK: configuration

    @Test func configurationChangesRulesAndFiles() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("""
            rules:
              openai-import: off
              openai-model: error
            exclude: ["vendor"]
            per-path:
              - paths: ["tests/**"]
                rules:
                  openai-model: note
            """, to: ".homeport.yml", in: temp)
        let code = "import openai\nm = \"gpt-4o\"\n"
        try write(code, to: "app/main.py", in: temp)
        try write(code, to: "tests/test_main.py", in: temp)
        try write(code, to: "vendor/lib.py", in: temp)
        let result = try Run.homeport(["scan", "--format", "json"], in: temp)
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let levels = (object["findings"] as! [[String: Any]]).map { "\($0["path"]!) \($0["rule"]!) \($0["level"]!)" }
        #expect(levels == ["app/main.py openai-model error", "tests/test_main.py openai-model note"])

        // A nested folder's own file wins over the parent's; `extends` inherits the parent's settings.
        try write("extends: ../.homeport.yml\nrules:\n  openai-model: warning\n", to: "tests/.homeport.yml", in: temp)
        let nested = try Run.homeport(["scan", "tests", "--format", "json"], in: temp)
        let nestedObject = try JSONSerialization.jsonObject(with: Data(nested.stdout.utf8)) as! [String: Any]
        let nestedLevels = (nestedObject["findings"] as! [[String: Any]]).map { "\($0["rule"]!) \($0["level"]!)" }
        #expect(nestedLevels == ["openai-model warning"])

        let shown = try Run.homeport(["config", "--show", "tests"], in: temp)
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("rules:\n  openai-import: off\n  openai-model: warning\n"))
        #expect(shown.stdout.contains("exclude: [\"vendor\"]\n"))
        #expect(shown.stdout.contains("fail-on: warning  # default\n"))
    }

    @Test("configuration errors name file:line:col", arguments: [
        ("fail-on: warning\nexclud: []\n", "2:1: unknown key `exclud` in the configuration; valid keys: extends, target, include, exclude, rules, per-path, fail-on, baseline, catalog, scan-data"),
        ("include: \"src/**\"\n", "1:10: `include` must be a list of globs"),
        ("exclude:\n  - \"src/[ab\"\n", "2:10: unclosed `[` in glob `src/[ab`"),
        ("rules:\n  openai-model: loud\n", "2:17: rule `openai-model` must be off, note, warning or error, not `loud`"),
        ("rules:\n  openai-modle: off\n", "2:3: unknown rule `openai-modle`; known rules: azure-openai-host"),
        ("fail-on: sometimes\n", "1:10: `fail-on` must be error, warning, note or never, not `sometimes`"),
        ("per-path:\n  - paths: [\"a\"]\n    rule: {}\n", "3:5: unknown key `rule` in a `per-path` entry; valid keys: paths, rules"),
        ("target: \"\"\n", "1:9: `target` must be a provider id"),
        ("catalog: [1]\n", "1:10: `catalog` must be a mapping"),
        ("rules: [\n", "2:1: "),
    ])
    func configurationErrors(text: String, expected: String) throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write(text, to: ".homeport.yml", in: temp)
        try write("x = 1\n", to: "a.py", in: temp)
        let result = try Run.homeport(["scan"], in: temp)
        #expect(result.status == 2)
        let path = temp.appendingPathComponent(".homeport.yml").path
        #expect(result.stderr.hasPrefix("homeport: \(path):\(expected)"), "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(try Run.homeport(["config"], in: temp).status == 2)
    }

    @Test func extendsCycleAndConfigFlag() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("extends: b.yml\n", to: "a.yml", in: temp)
        try write("extends: a.yml\n", to: "b.yml", in: temp)
        try write("import openai\n", to: "x.py", in: temp)
        let cycle = try Run.homeport(["scan", "--config", "a.yml"], in: temp)
        #expect(cycle.status == 2)
        #expect(cycle.stderr.contains("b.yml:1:10: `extends` makes a cycle"))
        try write("rules:\n  openai-import: off\n", to: "ci.yml", in: temp)
        #expect(try Run.homeport(["scan", "--config", "ci.yml"], in: temp).status == 0)
    }

    @Test func initWritesAStarterThatLoads() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        #expect(try Run.homeport(["init"], in: temp).status == 0)
        #expect(try Run.homeport(["init"], in: temp).status == 2)  // no silent overwrite
        #expect(try Run.homeport(["init", "--force"], in: temp).status == 0)
        let check = try Run.homeport(["config"], in: temp)
        #expect(check.status == 0, "\(check.stderr)")
        let text = try String(contentsOf: temp.appendingPathComponent(".homeport.yml"), encoding: .utf8)
        #expect(text.hasPrefix("# Homeport configuration"))
    }

    /// What `config --show` prints is a configuration that loads back to itself: unset keys are
    /// printed as `null`, which means "not set", not the text "null".
    @Test func shownConfigurationLoadsBack() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let shown = try Run.homeport(["config", "--show"], in: temp)
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("target: null"))
        try write(shown.stdout, to: ".homeport.yml", in: temp)
        let again = try Run.homeport(["config", "--show"], in: temp)
        #expect(again.status == 0, "\(again.stderr)")
        let settings = { (text: String) in
            text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "  #").first ?? $0 }
        }
        #expect(settings(again.stdout) == settings(shown.stdout))
        try write("x = 1\n", to: "a.py", in: temp)
        #expect(try Run.homeport(["scan", "a.py"], in: temp).status == 0)
        // `~` and an empty value are null too.
        try write("target: ~\nbaseline:\ncatalog: NULL\n", to: ".homeport.yml", in: temp)
        #expect(try Run.homeport(["scan", "a.py"], in: temp).status == 0)
    }

    // MARK: baseline

    @Test func baselineFailsOnlyOnNewFindings() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("import openai\nMODEL = \"gpt-4o\"\n", to: "app.py", in: temp)
        let record = try Run.homeport(["baseline", "--output", "base.json"], in: temp)
        #expect(record.status == 0)
        #expect(record.stderr == "homeport: recorded 2 findings in base.json\n")
        let stored = try String(contentsOf: temp.appendingPathComponent("base.json"), encoding: .utf8)
        #expect(!stored.contains("gpt-4o"))  // keys only, no source text

        let clean = try Run.homeport(["scan", "--baseline", "base.json", "--format", "json"], in: temp)
        #expect(clean.status == 0)
        #expect(try findings(clean.stdout) == [])
        #expect(clean.stderr == "homeport: 2 findings in the baseline not reported\n")

        try write("import openai\nMODEL = \"gpt-4o\"\nFALLBACK = \"gpt-4o-mini\"\n", to: "app.py", in: temp)
        let new = try Run.homeport(["scan", "--baseline", "base.json", "--format", "json"], in: temp)
        #expect(new.status == 1)
        #expect(try findings(new.stdout) == ["app.py:3 openai-model"])
    }

    @Test func insertedLinesDoNotResurrectButEditsDo() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("import openai\nMODEL = \"gpt-4o\"\n", to: "app.py", in: temp)
        try write("baseline: .homeport-baseline.json\n", to: ".homeport.yml", in: temp)
        #expect(try Run.homeport(["baseline"], in: temp).status == 0)
        #expect(FileManager.default.fileExists(atPath: temp.appendingPathComponent(".homeport-baseline.json").path))

        try write("\"\"\"Chat service.\"\"\"\n\nimport os\nimport openai\n\n\n    \nMODEL   =   \"gpt-4o\"\n", to: "app.py", in: temp)
        let moved = try Run.homeport(["scan", "--format", "json"], in: temp)
        #expect(moved.status == 0, "\(moved.stdout)")
        #expect(try findings(moved.stdout) == [])

        try write("\"\"\"Chat service.\"\"\"\n\nimport os\nimport openai\n\n\n    \nMODEL = \"gpt-4o\"  # default\n", to: "app.py", in: temp)
        let edited = try Run.homeport(["scan", "--format", "json"], in: temp)
        #expect(edited.status == 1)
        #expect(try findings(edited.stdout) == ["app.py:8 openai-model"])

        // Running from another folder finds the same baseline entries (paths are relative to it).
        let fromElsewhere = try Run.homeport(["scan", temp.path, "--format", "json", "--baseline",
                                              temp.appendingPathComponent(".homeport-baseline.json").path],
                                             in: temp.deletingLastPathComponent())
        #expect(try findings(fromElsewhere.stdout).count == 1)
    }

    // MARK: --since

    @Test func sinceReportsOnlyChangedLines() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Run.requireGit(["init", "-q"], in: temp)
        try write("import openai\nMODEL = \"gpt-4o\"\n", to: "app.py", in: temp)
        try write("KEYVAR = \"OPENAI_API_KEY\"\n", to: "settings.py", in: temp)
        try Run.requireGit(["add", "."], in: temp)
        try Run.requireGit(["commit", "-q", "-m", "base"], in: temp)
        try Run.requireGit(["branch", "base"], in: temp)
        // A pull request: a line inserted above the old finding, another finding changed.
        try write("import os\nimport openai\nMODEL = \"gpt-4o\"\nEMBED = \"text-embedding-3-small\"\n", to: "app.py", in: temp)
        try write("KEYVAR = \"OPENAI_BASE_URL\"\n", to: "settings.py", in: temp)
        try Run.requireGit(["commit", "-q", "-am", "change"], in: temp)
        try write("m = \"o3-mini\"\n", to: "new.py", in: temp)  // untracked: all new

        let result = try Run.homeport(["scan", "--since", "base", "--format", "json"], in: temp)
        #expect(result.status == 1)
        #expect(try findings(result.stdout) == ["app.py:4 openai-model", "new.py:1 openai-model", "settings.py:1 openai-env"])
        #expect(result.stderr.contains("2 findings on unchanged lines not reported (--since)"))

        let unknown = try Run.homeport(["scan", "--since", "no-such-branch"], in: temp)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "homeport: --since: unknown revision `no-such-branch`\n")
        let outside = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        #expect(try Run.homeport(["scan", "--since", "HEAD"], in: outside).status == 2)
    }

    // MARK: shards and merge

    @Test func shardUnionEqualsUnshardedScanAndMergeValidates() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let fixtures = TestPaths.packageRoot.appendingPathComponent("Fixtures")
        let whole = try Run.homeport(["scan", ".", "--format", "json"], in: fixtures)
        let all = try findings(whole.stdout)
        #expect(all.count > 20)
        var union: [String] = []
        var sarifFiles: [String] = []
        for k in 1...3 {
            let shard = try Run.homeport(["scan", ".", "--format", "json", "--shard", "\(k)/3"], in: fixtures)
            let part = try findings(shard.stdout)
            #expect(!part.isEmpty, "shard \(k) is empty")
            union += part
            let sarif = temp.appendingPathComponent("shard\(k).sarif").path
            _ = try Run.homeport(["scan", ".", "--format", "sarif", "--shard", "\(k)/3", "--output", sarif], in: fixtures)
            sarifFiles.append(sarif)
        }
        #expect(union.sorted() == all.sorted())
        #expect(union.count == all.count)

        let merged = temp.appendingPathComponent("all.sarif")
        let merge = try Run.homeport(["merge"] + sarifFiles + ["--output", merged.path])
        #expect(merge.status == 0, "\(merge.stderr)")
        try validate(merged)
        let unsharded = temp.appendingPathComponent("unsharded.sarif")
        _ = try Run.homeport(["scan", ".", "--format", "sarif", "--output", unsharded.path], in: fixtures)
        // One run, the same rules and results, in the same order: byte-identical.
        #expect(try Data(contentsOf: merged) == Data(contentsOf: unsharded))

        try write("{\"version\": \"2.1.0\"}", to: "bad.sarif", in: temp)
        #expect(try Run.homeport(["merge", temp.appendingPathComponent("bad.sarif").path]).status == 2)
    }

    // MARK: GitHub outputs

    @Test func githubAnnotations() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("import tiktoken\nURL = \"https://api.openai.com/v1\"\n", to: "a,b.py", in: temp)
        let result = try Run.homeport(["scan", "--format", "github"], in: temp)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("::notice file=a%2Cb.py,line=1,col=8,endLine=1,endColumn=16,title=openai-import%3A Import of an OpenAI SDK.::`tiktoken` imports"))
        #expect(lines[1].hasPrefix("::error file=a%2Cb.py,line=2,col=8,endLine=2,endColumn=33,title=openai-host%3A Hard-coded OpenAI API host or URL.::`https://api.openai.com/v1` calls the OpenAI API host `api.openai.com`%0Ahelp: "))
    }

    @Test func sarifForCodeScanning() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Run.requireGit(["init", "-q"], in: temp)
        try Run.requireGit(["remote", "add", "origin", "https://user:secret-token@github.com/acme/chat.git"], in: temp)
        let source = "import openai\n\nclient = openai.OpenAI(base_url=\"https://api.openai.com/v1\")\n"
        try write(source, to: "app.py", in: temp)
        try Run.requireGit(["add", "."], in: temp)
        try Run.requireGit(["commit", "-q", "-m", "one"], in: temp)
        let output = temp.appendingPathComponent("out.sarif")
        let result = try Run.homeport(["scan", "--format", "sarif", "--sarif-category", "python", "--output", output.path], in: temp)
        #expect(result.status == 1)
        try validate(output)
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(!text.contains("secret-token"))
        let run = ((try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any])["runs"] as! [[String: Any]])[0]
        #expect((run["automationDetails"] as! [String: Any])["id"] as? String == "python/")
        let provenance = (run["versionControlProvenance"] as! [[String: Any]])[0]
        #expect(provenance["repositoryUri"] as? String == "https://github.com/acme/chat")
        #expect((provenance["revisionId"] as? String)?.count == 40)
        #expect(provenance["branch"] as? String != nil)
        #expect((provenance["mappedTo"] as? [String: Any])?["uriBaseId"] as? String == "%SRCROOT%")

        // primaryLocationLineHash is exactly what GitHub's upload action computes for the line.
        let lineHashes = PrimaryLocationLineHash.hashes(of: Array(source.utf8))
        for result in run["results"] as! [[String: Any]] {
            let region = ((result["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["region"] as! [String: Any]
            let line = region["startLine"] as! Int
            let fingerprints = result["partialFingerprints"] as! [String: String]
            #expect(fingerprints["primaryLocationLineHash"] == lineHashes[line - 1])
        }
        let rules = (run["tool"] as! [String: Any])["driver"] as! [String: Any]
        let properties = Dictionary(uniqueKeysWithValues: (rules["rules"] as! [[String: Any]]).map {
            ($0["id"] as! String, $0["properties"] as! [String: Any])
        })
        #expect(properties["openai-key"]?["security-severity"] as? String == "8.0")
        #expect(properties["openai-host"]?["security-severity"] as? String == "5.0")
        #expect(properties["openai-model"]?["precision"] as? String == "high")
        #expect(properties["openai-model-shape"]?["precision"] as? String == "medium")
        let invocation = (run["invocations"] as! [[String: Any]])[0]
        #expect(invocation["executionSuccessful"] as? Bool == true)
    }
}
