// The glob matcher behind `include`, `exclude` and `per-path`.

@testable import HomeportCore
import Testing

@Suite struct GlobTests {
    func matches(_ pattern: String, _ path: String) throws -> Bool {
        try Glob(pattern).matches(path)
    }

    @Test func starStaysInOneComponent() throws {
        #expect(try matches("src/*.py", "src/app.py"))
        #expect(try !matches("src/*.py", "src/sub/app.py"))
        #expect(try !matches("src/*.py", "lib/app.py"))
        #expect(try matches("*.py", "deep/down/app.py"))
    }

    @Test func doubleStarCrossesFolders() throws {
        #expect(try matches("src/**/*.py", "src/app.py"))
        #expect(try matches("src/**/*.py", "src/a/b/c/app.py"))
        #expect(try matches("**/tests/**", "x/tests/y/z.py"))
        #expect(try matches("**/*_pb2.py", "api/v1/foo_pb2.py"))
        #expect(try !matches("**/*_pb2.py", "api/v1/foo_pb3.py"))
        #expect(try matches("**", "anything/at/all.swift"))
    }

    @Test func foldersMatchEverythingUnderThem() throws {
        #expect(try matches("vendor", "vendor/x.py"))
        #expect(try matches("vendor", "a/vendor/x.py"))
        #expect(try matches("vendor/", "vendor/x.py"))
        #expect(try matches("third_party/openai", "third_party/openai/client.py"))
        #expect(try !matches("third_party/openai", "src/third_party/openai/client.py"))
        #expect(try matches("/build", "build/gen.py"))
        #expect(try !matches("/build", "src/build/gen.py"))
        #expect(try !matches("vendor", "vendored/x.py"))
    }

    @Test func questionMarkAndClasses() throws {
        #expect(try matches("v?.py", "v1.py"))
        #expect(try !matches("v?.py", "v10.py"))
        #expect(try matches("v[0-9].py", "v7.py"))
        #expect(try !matches("v[!0-9].py", "v7.py"))
        #expect(try matches("v[^0-9].py", "vx.py"))
        #expect(try matches("[]x].py", "].py"))
        #expect(try matches("a\\*.py", "a*.py"))
        #expect(try !matches("a\\*.py", "ab.py"))
        #expect(try matches("数据/*.py", "数据/模型.py"))
    }

    @Test func backtrackingStars() throws {
        #expect(try matches("*a*b*c", "xxaxxbxxbxc"))
        #expect(try !matches("*a*b*c", "xxaxxbxxbx"))
        #expect(try matches("test_*.py", "test_.py"))
    }

    @Test func badGlobsSayWhere() {
        #expect(throws: Glob.SyntaxError(.globUnclosedBracket, ["glob": "src/[ab.py"], offset: 4)) {
            try Glob("src/[ab.py")
        }
        #expect(Glob.SyntaxError(.globUnclosedBracket, ["glob": "src/[ab.py"], offset: 4).message
                == "unclosed `[` in glob `src/[ab.py`")
        #expect(throws: Glob.SyntaxError.self) { try Glob("") }
        #expect(throws: Glob.SyntaxError.self) { try Glob("a//b") }
        #expect(throws: Glob.SyntaxError.self) { try Glob("a\\") }
        #expect(throws: Glob.SyntaxError.self) { try Glob("[z-a]") }
    }

    /// Found by the glob fuzz target: each `**` tried every split of the rest of the path again, so a
    /// glob from a repository's `.homeport.yml` with many `**` hung the scan. Matching is now
    /// polynomial in the numbers of segments and path components: each of the (segments + 1) ×
    /// (components + 1) decisions is taken once, and a `**` tries at most components + 1 others.
    @Test func manyDoubleStarsStayPolynomial() throws {
        let glob = try Glob(Array(repeating: "**/*", count: 16).joined(separator: "/") + "/**/never")
        let segments = 16 * 2 + 2
        for components in [15, 60] {
            let path = Array(repeating: "a", count: components).joined(separator: "/")
            var steps = 0
            #expect(!glob.matches(path, steps: &steps))
            #expect(steps <= (segments + 1) * (components + 1) * (components + 2), "\(steps) steps for \(components) components")
        }
        // Twice the components: at most about four times the work (the bound is quadratic); each
        // `**` trying every split again made it grow exponentially.
        var (short, long) = (0, 0)
        _ = glob.matches(Array(repeating: "a", count: 30).joined(separator: "/"), steps: &short)
        _ = glob.matches(Array(repeating: "a", count: 60).joined(separator: "/"), steps: &long)
        #expect(long <= 5 * short, "\(short) steps, then \(long)")
        let path = Array(repeating: "a", count: 60).joined(separator: "/")
        #expect(glob.matches(path + "/never"))
        #expect(try matches("**/a/**/b/**", "x/a/y/b/z"))
        #expect(try !matches("**/a/**/b/**/c", "x/a/y/b/z"))
    }
}
