// `homeport fix` on the dotenv, YAML and TOML fixtures: the exact diff and manual list, documents
// that parse (PyYAML, tomllib) to the same tree except the rewritten values, idempotence, and one
// variable renamed everywhere or nowhere.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct ConfigFixTests {
    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Fixtures")
    static let kinds = ["dotenv", "yaml", "toml"]

    func copyOfFixtures() throws -> URL {
        let temp = try Run.temporaryDirectory()
        for kind in Self.kinds {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(kind),
                                             to: temp.appendingPathComponent(kind))
        }
        return temp
    }

    @Test("exact diff and manual list for the configuration fixtures")
    func goldenFix() throws {
        let result = try Run.homeport(["fix", "dotenv", "yaml", "toml", "--diff", "--target", "zhipu"], in: Self.fixtures)
        #expect(result.status == 1)  // manual migrations remain (the key, the CI secret)
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("expected-fixes/config-zhipu.txt"),
                                  encoding: .utf8)
        #expect(result.stdout + result.stderr == expected)
        #expect(!result.stdout.contains("T3BlbkFJ") && !result.stderr.contains("T3BlbkFJ"))
    }

    /// Every leaf of `old` and `new` is equal except strings that named OpenAI and now do not; keys
    /// differ only by renamed variables.
    static let compareScript = #"""
    import sys, json, tomllib, yaml
    def load(path):
        with open(path, "rb") as f:
            data = f.read()
        if path.endswith(".toml"):
            return tomllib.loads(data.decode("utf-8-sig"))
        return yaml.safe_load(data.decode("utf-8-sig"))
    def leaves(node, path=()):
        if isinstance(node, dict):
            for k, v in node.items():
                # A renamed variable (`OPENAI_BASE_URL:` -> `ZHIPUAI_BASE_URL:`) is the same entry.
                yield from leaves(v, path + (str(k).replace("ZHIPUAI_", "OPENAI_"),))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from leaves(v, path + (i,))
        else:
            yield path, node
    old, new = load(sys.argv[1]), load(sys.argv[2])
    a, b = dict(leaves(old)), dict(leaves(new))
    changed = [p for p in a if a.get(p) != b.get(p)]
    assert set(a) - set(b) == set(), ("keys lost", set(a) - set(b))
    for p in changed:
        assert isinstance(a[p], str) and isinstance(b[p], str), (p, a[p], b[p])
        assert "openai" in a[p].lower() or "gpt" in a[p] or "o3" in a[p] or "o1" in a[p], (p, a[p], b[p])
        assert "api.openai.com" not in b[p] or "api.openai.com" in a[p], (p, b[p])
    print(len(changed))
    """#

    @Test("fixed YAML and TOML parse to the same documents but for the changed values; fix is idempotent")
    func fixKeepsDocuments() throws {
        let original = try copyOfFixtures()
        let fixed = try copyOfFixtures()
        defer { for temp in [original, fixed] { try? FileManager.default.removeItem(at: temp) } }
        _ = try Run.homeport(["fix", "--target", "zhipu"] + Self.kinds, in: fixed)
        let files = ["yaml/docker-compose.yml", "yaml/settings.yaml", "yaml/k8s/deployment.yaml", "yaml/workflows/ci.yml",
                     "yaml/cassette.yaml", "toml/app.toml", "toml/pyproject.toml"]
        var changed = 0
        for file in files {
            let result = try Run.process(URL(fileURLWithPath: "/usr/bin/env"),
                                         ["python3", "-c", Self.compareScript,
                                          original.appendingPathComponent(file).path, fixed.appendingPathComponent(file).path])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            changed += Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        #expect(changed > 0)
        let again = try Run.homeport(["fix", "--diff", "--target", "zhipu"] + Self.kinds, in: fixed)
        #expect(again.stdout == "", "a second fix changed more:\n\(again.stdout)")
    }

    @Test("a variable a CI secret also names is renamed nowhere, with the reason")
    func renameHeldTogether() throws {
        let result = try Run.homeport(["fix", "dotenv", "yaml", "--diff", "--target", "zhipu"], in: Self.fixtures)
        #expect(!result.stdout.contains("+export ZHIPUAI_API_KEY"))
        #expect(!result.stdout.contains("ZHIPUAI_API_KEY"))
        #expect(result.stderr.contains("`OPENAI_API_KEY` is also used where it cannot be renamed (yaml/workflows/ci.yml:7:35)"))
        #expect(result.stderr.contains("is a CI secret: create the secret `ZHIPUAI_API_KEY`"))
    }

    @Test("a VCR cassette is reported only with scan-data: true")
    func dataFilesNeedScanData() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("yaml/cassette.yaml"),
                                         to: temp.appendingPathComponent("cassette.yaml"))
        let silent = try Run.homeport(["scan", "cassette.yaml"], in: temp)
        #expect(silent.status == 0, "\(silent.stdout)")
        try "scan-data: true\n".write(to: temp.appendingPathComponent(".homeport.yml"), atomically: true, encoding: .utf8)
        let reported = try Run.homeport(["scan", "cassette.yaml", "--format", "json"], in: temp)
        #expect(reported.status == 1)
        #expect(reported.stdout.contains("\"rule\": \"openai-host\""), "\(reported.stdout)")
    }
}
