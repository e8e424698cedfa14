// `homeport plan --format json|html`: the page parses strictly (html5lib), fetches nothing, is in the
// chosen language, keeps keys redacted, and shows the same numbers as the JSON plan.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct PlanReportTests {
    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Fixtures")

    /// Parses the page with html5lib in strict mode (any parse error raises), rejects anything that
    /// would load a resource, and compares every number the page shows with the JSON plan.
    static let checker = #"""
        import json, re, sys
        import html5lib
        html_path, json_path = sys.argv[1], sys.argv[2]
        with open(html_path, "rb") as f:
            document = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(f.read())
        plan = json.load(open(json_path, encoding="utf-8"))
        problems = []
        # Nothing fetched: no scripts, frames, images, links or objects; no URL in any attribute or in CSS.
        for element in document.iter():
            tag = element.tag.split("}")[-1] if isinstance(element.tag, str) else ""
            if tag in ("script", "link", "img", "iframe", "object", "embed", "image", "use", "source", "audio", "video", "base", "form"):
                problems.append("element <%s>" % tag)
            for name, value in element.attrib.items():
                name = name[1] if isinstance(name, tuple) else name
                if name.split("}")[-1] in ("src", "href", "srcset", "action", "poster", "data") or re.search(r"(?i)(https?:|//|url\()", value):
                    problems.append("attribute %s=%r" % (name, value))
            if tag == "style" and re.search(r"(?i)url\(|@import|https?:", element.text or ""):
                problems.append("style loads a resource")
        def items(selector_class, attribute="data-key"):
            found = {}
            for element in document.iter():
                if "class" in element.attrib and selector_class in element.attrib["class"].split() and attribute in element.attrib:
                    found[element.attrib[attribute]] = int(element.attrib["data-count"])
            return found
        section = lambda name: next(e for e in document.iter() if e.attrib.get("id") == name)
        def bars(section_id):
            return {g.attrib["data-key"]: int(g.attrib["data-count"]) for g in section(section_id).iter()
                    if g.attrib.get("class") == "bar"}
        if bars("by-rule") != plan["byRule"]:
            problems.append("by rule: %r != %r" % (bars("by-rule"), plan["byRule"]))
        by_class = {c["class"]: c["findings"] for c in plan["byClass"]}
        if bars("by-class") != by_class:
            problems.append("by class: %r != %r" % (bars("by-class"), by_class))
        cells = {}
        for cell in section("coverage").iter():
            if "cell" in cell.attrib.get("class", "").split() and cell.attrib["data-compatible"] == "true":
                cells.setdefault(cell.attrib["data-class"], []).append(cell.attrib["data-provider"])
        coverage = {c["class"]: c["compatibleProviders"] for c in plan["byClass"] if c["compatibleProviders"]}
        if cells != coverage:
            problems.append("coverage: %r != %r" % (cells, coverage))
        segments = {g.attrib["data-key"]: int(g.attrib["data-count"]) for g in section("fix").iter() if "segment" in g.attrib.get("class", "")}
        if segments != plan["fix"]:
            problems.append("fix: %r != %r" % (segments, plan["fix"]))
        rows = {}
        for body in section("files").iter("tbody"):
            rows[body.attrib["data-path"]] = {k: int(body.attrib["data-" + k]) for k in ("findings", "automatic", "review", "manual")}
            shown = len([row for row in body.iter("tr")])
            if shown != rows[body.attrib["data-path"]]["findings"]:
                problems.append("%s shows %d rows" % (body.attrib["data-path"], shown))
        files = {f["path"]: {k: f[k] for k in ("findings", "automatic", "review", "manual")} for f in plan["files"]}
        if rows != files:
            problems.append("files: %r != %r" % (rows, files))
        summary = section("summary").attrib
        if (int(summary["data-findings"]), int(summary["data-files"]), int(summary["data-scanned"])) != \
           (plan["summary"]["findings"], plan["summary"]["filesWithFindings"], plan["summary"]["filesScanned"]):
            problems.append("summary differs")
        print(json.dumps({"problems": problems, "lang": document.attrib.get("lang"),
                          "title": next(document.iter("title")).text}))
        """#

    struct Checked: Decodable {
        var problems: [String]
        var lang: String?
        var title: String?
    }

    func check(html: URL, json: URL) throws -> Checked {
        let result = try Run.process(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", Self.checker, html.path, json.path])
        if result.stderr.contains("No module named 'html5lib'") {
            Issue.record("html5lib is missing: run scripts/test.sh (it installs html5lib into the user site)")
        }
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Checked.self, from: Data(result.stdout.utf8))
    }

    func plans(_ arguments: [String], environment: [String: String] = [:]) throws -> (html: URL, json: URL, jsonText: String, htmlText: String) {
        let temp = try Run.temporaryDirectory()
        let html = temp.appendingPathComponent("report.html"), json = temp.appendingPathComponent("plan.json")
        let page = try Run.homeport(["plan", "--format", "html", "-o", html.path] + arguments, in: Self.fixtures,
                                    adding: environment)
        #expect(page.status == 0, "\(page.stderr)")
        #expect(page.stdout.isEmpty)
        let data = try Run.homeport(["plan", "--format", "json", "-o", json.path] + arguments, in: Self.fixtures,
                                    adding: environment)
        #expect(data.status == 0, "\(data.stderr)")
        return (html, json, try String(contentsOf: json, encoding: .utf8), try String(contentsOf: html, encoding: .utf8))
    }

    @Test(arguments: ["zhipu", "qwen", "deepseek"])
    func thePageParsesStrictlyFetchesNothingAndMatchesTheJSONPlan(target: String) throws {
        let plan = try plans(["python", "swift", "--target", target])
        defer { try? FileManager.default.removeItem(at: plan.html.deletingLastPathComponent()) }
        let checked = try check(html: plan.html, json: plan.json)
        #expect(checked.problems == [])
        #expect(checked.lang == "en")
        #expect(checked.title == "Homeport migration report")
        // The numbers are real: the fixtures have findings of several rules, classes and fix kinds.
        let json = try #require(JSONSerialization.jsonObject(with: Data(plan.jsonText.utf8)) as? [String: Any])
        let fix = try #require(json["fix"] as? [String: Int])
        #expect(fix["automatic"]! > 0 && fix["manual"]! > 0)
        #expect((json["byClass"] as? [Any])?.count ?? 0 > 3)
        #expect(!plan.htmlText.contains("<script"))
    }

    @Test func thePageIsInTheChosenLanguageAndTheJSONKeysAreNot() throws {
        let chinese = try plans(["python", "--lang", "zh-CN"])
        let english = try plans(["python"], environment: ["LANG": "zh_CN.UTF-8"])
        defer {
            try? FileManager.default.removeItem(at: chinese.html.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: english.html.deletingLastPathComponent())
        }
        let checked = try check(html: chinese.html, json: chinese.json)
        #expect(checked.problems == [])
        #expect(checked.lang == "zh-CN")
        #expect(checked.title == "Homeport 迁移报告")
        #expect(chinese.htmlText.contains("按规则统计的问题"))
        // The locale alone makes the page Chinese but leaves the JSON English.
        #expect(english.htmlText.contains("<html lang=\"zh-CN\">"))
        #expect(english.jsonText.contains("\"language\": \"en\""))
        #expect(chinese.jsonText.contains("\"language\": \"zh-CN\""))
        func numbers(_ text: String) throws -> [String: Any] {
            var object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            object["language"] = nil
            object["files"] = (object["files"] as? [[String: Any]])?.map { $0.filter { $0.key != "items" } }
            object["target"] = (object["target"] as? [String: Any])?.filter { $0.key != "name" }
            return object
        }
        #expect(NSDictionary(dictionary: try numbers(chinese.jsonText)).isEqual(to: try numbers(english.jsonText)))
    }

    @Test func keysStayRedacted() throws {
        let plan = try plans(["python"])
        defer { try? FileManager.default.removeItem(at: plan.html.deletingLastPathComponent()) }
        let keyLike = try Regex(#"[A-Za-z0-9_-]T3BlbkFJ|T3BlbkFJ[A-Za-z0-9_-]"#)
        #expect(plan.htmlText.contains("sk-proj-…"))
        #expect(plan.htmlText.firstMatch(of: keyLike) == nil)
        #expect(plan.jsonText.firstMatch(of: keyLike) == nil)
    }

    @Test func aCleanTreeGetsAPageThatSaysSo() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("x = 1\n".utf8).write(to: temp.appendingPathComponent("a.py"))
        let result = try Run.homeport(["plan", "--format", "html", "a.py"], in: temp)
        #expect(result.status == 0)
        #expect(result.stdout.contains("<p>No OpenAI dependencies found.</p>"))
        let bad = try Run.homeport(["plan", "--format", "pdf"], in: temp)
        #expect(bad.status == 2)
        #expect(bad.stderr == "homeport: invalid value `pdf` for --format; valid: text, json, html\n")
    }
}
