// The repository's .pre-commit-hooks.yaml, run by the real pre-commit (scripts/test.sh installs it)
// against a throwaway git repository: staged files with findings fail the commit, clean ones pass.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct PreCommitTests {
    func runHook(files: [String: String], staged: [String]) throws -> ProcessResult {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let repository = temp.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: repository.appendingPathComponent(name))
        }
        let git = URL(fileURLWithPath: "/usr/bin/git")
        _ = try Run.process(git, ["init", "-q"], in: repository)
        _ = try Run.process(git, ["add", "."], in: repository)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = TestPaths.homeportBinary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "")
        environment["PRE_COMMIT_HOME"] = temp.appendingPathComponent("cache").path
        return try Run.process(URL(fileURLWithPath: "/usr/bin/env"),
                               ["python3", "-m", "pre_commit", "try-repo", TestPaths.packageRoot.path, "homeport",
                                "--color", "never", "--files"] + staged,
                               in: repository, environment: environment)
    }

    @Test func findingsFailTheHookAndCleanFilesPass() throws {
        let files = [
            "client.py": "from openai import OpenAI\n",
            "clean.py": "print('hello')\n",
            "notes.txt": "api.openai.com\n",
        ]
        let failing = try runHook(files: files, staged: ["client.py", "clean.py", "notes.txt"])
        #expect(failing.status == 1, "\(failing.stderr)")
        #expect(failing.stdout.contains("homeport (OpenAI dependencies)....."))
        #expect(failing.stdout.contains("client.py:1:6: warning[openai-import]"))
        #expect(!failing.stdout.contains("notes.txt"))
        // pre-commit says so in the hook's environment (PRE_COMMIT=1): its own way to skip once.
        #expect(failing.stdout.contains("  skip once:  SKIP=homeport git commit"))

        let passing = try runHook(files: files, staged: ["clean.py", "notes.txt"])
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.contains("Passed"))
    }
}
