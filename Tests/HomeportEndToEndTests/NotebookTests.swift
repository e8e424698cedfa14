// Jupyter notebooks on the built binary: findings at the .ipynb's line and column and in cell
// coordinates, outputs and markdown silent, fixes that keep the file valid JSON with its formatting.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct NotebookTests {
    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Fixtures/notebook")
    static let checker = TestPaths.packageRoot.appendingPathComponent("Tests/Notebook/check-fixed-notebook.py")

    func copyOfFixtures() throws -> URL {
        let temp = try Run.temporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path) where name.hasSuffix(".ipynb") {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: temp.appendingPathComponent(name))
        }
        return temp
    }

    func check(original: URL, fixed: URL) throws -> ProcessResult {
        try Run.process(URL(fileURLWithPath: "/usr/bin/env"), ["python3", Self.checker.path, original.path, fixed.path])
    }

    @Test func textReportNamesTheCellAndItsLine() throws {
        let result = try Run.homeport(["scan", "one_string.ipynb", "--no-color"], in: Self.fixtures)
        #expect(result.status == 1)
        #expect(result.stdout.contains(
            "one_string.ipynb:15:171: warning[openai-model] `gpt-3.5-turbo` is an OpenAI model (chat-small) (cell 1, line 5)\n"))
        let chinese = try Run.homeport(["scan", "one_string.ipynb", "--no-color", "--lang", "zh-CN"], in: Self.fixtures)
        #expect(chinese.stdout.contains("（第 1 个单元格第 5 行）"))
    }

    @Test func jsonAndSARIFPointIntoTheNotebookFile() throws {
        let json = try Run.homeport(["scan", "chat_list.ipynb", "--format", "json"], in: Self.fixtures)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let first = (object["findings"] as! [[String: Any]])[0]
        #expect(first["line"] as? Int == 21 && first["column"] as? Int == 11)
        #expect(first["cell"] as? [String: Int] == ["cell": 2, "line": 3, "column": 6])
        let sarif = try Run.homeport(["scan", "chat_list.ipynb", "--format", "sarif"], in: Self.fixtures)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as! [String: Any]
        let result = ((log["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])[0]
        let location = (result["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any]
        let region = location["region"] as! [String: Any]
        #expect(region["startLine"] as? Int == 21 && region["startColumn"] as? Int == 11)
        #expect((result["properties"] as! [String: Any])["cell"] as? [String: Int] == ["cell": 2, "line": 3, "column": 6])
    }

    @Test func fixMatchesTheGoldenDiff() throws {
        let result = try Run.homeport(["fix", ".", "--diff", "--unsafe-fixes", "--target", "zhipu"], in: Self.fixtures)
        #expect(result.status == 1)  // manual migrations remain
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("expected-fix-zhipu.txt"), encoding: .utf8)
        #expect(result.stdout + result.stderr == expected)
    }

    @Test func fixedNotebooksStayValidJSONWithTheirFormattingAndFixIsIdempotent() throws {
        let original = try copyOfFixtures()
        let fixed = try copyOfFixtures()
        defer { for temp in [original, fixed] { try? FileManager.default.removeItem(at: temp) } }
        _ = try Run.homeport(["fix", ".", "--unsafe-fixes", "--target", "zhipu"], in: fixed)
        var changed = 0
        for name in ["bom_crlf.ipynb", "chat_list.ipynb", "one_string.ipynb", "r_kernel.ipynb"] {
            let before = original.appendingPathComponent(name)
            let after = fixed.appendingPathComponent(name)
            let result = try check(original: before, fixed: after)
            #expect(result.status == 0, "\(name): \(result.stdout)\(result.stderr)")
            if try Data(contentsOf: before) != Data(contentsOf: after) { changed += 1 }
        }
        #expect(changed == 3)  // the R notebook is not read
        let once = try FileManager.default.contentsOfDirectory(atPath: fixed.path).sorted().map {
            try Data(contentsOf: fixed.appendingPathComponent($0))
        }
        _ = try Run.homeport(["fix", ".", "--unsafe-fixes", "--target", "zhipu"], in: fixed)
        let twice = try FileManager.default.contentsOfDirectory(atPath: fixed.path).sorted().map {
            try Data(contentsOf: fixed.appendingPathComponent($0))
        }
        #expect(once == twice)
    }

    /// The checker the test above relies on rejects a notebook whose output changed.
    @Test func checkerRejectsAChangeOutsideSources() throws {
        let original = try copyOfFixtures()
        defer { try? FileManager.default.removeItem(at: original) }
        let path = original.appendingPathComponent("chat_list.ipynb")
        let changed = original.appendingPathComponent("changed.ipynb")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"output_type\": \"stream\"", with: "\"output_type\": \"stream\" ")
            .write(to: changed, atomically: true, encoding: .utf8)
        #expect(try check(original: path, fixed: changed).status == 1)
        #expect(try check(original: path, fixed: path).status == 0)
    }

    @Test func aSuppressionInACellSilencesItsCellLineOnly() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        // One-string source: every cell line is on file line 5; the directive covers cell line 2 only.
        let notebook = #"""
            {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
              "source": "# homeport: ignore\na = \"gpt-4o\"\nb = \"gpt-4o-mini\"\n"}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """#
        try write(notebook, to: "n.ipynb", in: temp)
        let result = try Run.homeport(["scan", "n.ipynb", "--format", "json"], in: temp)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let matches = (object["findings"] as! [[String: Any]]).map { $0["match"] as! String }
        #expect(matches == ["gpt-4o-mini"])
    }

    @Test func ignoreFileCountsInTheFirstCodeCellsOpeningComments() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        func notebook(_ first: String) -> String {
            ##"{"cells": [{"cell_type": "markdown", "source": "# Title"}, {"cell_type": "code", "source": [\##(first)]},"##
                + ##" {"cell_type": "code", "source": "m = \"gpt-4o\""}], "metadata": {}}"##
        }
        try write(notebook(##""# Demo notebook\n", "# homeport: ignore-file\n", "import os\n""##), to: "a.ipynb", in: temp)
        try write(notebook(##""import os\n", "# homeport: ignore-file\n""##), to: "b.ipynb", in: temp)
        let result = try Run.homeport(["scan", ".", "--format", "json"], in: temp)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect((object["findings"] as! [[String: Any]]).map { $0["path"] as! String } == ["b.ipynb"])
    }

    @Test func invalidNotebookIsANoticeNotACrash() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write(#"{"cells": [{"source": "import openai"#, to: "broken.ipynb", in: temp)
        let result = try Run.homeport(["scan", "broken.ipynb"], in: temp)
        #expect(result.stderr.contains("not a notebook (invalid JSON"))
    }
}
