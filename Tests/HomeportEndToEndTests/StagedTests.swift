// `homeport scan --staged` on throwaway git repositories: the index is scanned, never the work tree.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct StagedTests {
    static let finding = "model = \"gpt-4o\"\n"
    static let clean = "print('hello')\n"

    /// A new git repository (no commit yet) in a temporary folder.
    func repository() throws -> URL {
        let temp = try Run.temporaryDirectory()
        try Run.requireGit(["init", "-q"], in: temp)
        return temp
    }

    /// `path:line rule` for each finding of a JSON report.
    func findings(_ json: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return (object["findings"] as! [[String: Any]]).map { "\($0["path"]!):\($0["line"]!) \($0["rule"]!)" }
    }

    @Test func stagedFindingFailsThoughTheWorkTreeIsClean() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try write(Self.finding, to: "app.py", in: repository)
        try Run.requireGit(["add", "app.py"], in: repository)
        try write(Self.clean, to: "app.py", in: repository)  // the unstaged edit must not hide it

        let result = try Run.homeport(["scan", "--staged", "--no-color"], in: repository)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("app.py:1:10: warning[openai-model]"))
        #expect(result.stdout.contains(#" 1 | model = "gpt-4o""#))
        // The ways out, on standard error only.
        #expect(result.stderr == """
            homeport: this commit adds 1 OpenAI dependency. Ways out:
              fix:        homeport fix --target zhipu app.py   (then git add)
              suppress:   # homeport: ignore[openai-model]   at the end of the line or on the line above (Python)
              skip once:  git commit --no-verify

            """)
        #expect(!result.stdout.contains("Ways out"))
    }

    @Test func workTreeFindingPassesWhenTheStagedContentIsClean() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try write(Self.clean, to: "app.py", in: repository)
        try Run.requireGit(["add", "app.py"], in: repository)
        try Run.requireGit(["commit", "-q", "-m", "clean"], in: repository)
        try write("print(2)\n", to: "app.py", in: repository)
        try Run.requireGit(["add", "app.py"], in: repository)
        try write(Self.finding, to: "app.py", in: repository)     // unstaged: not part of the commit
        try write(Self.finding, to: "untracked.py", in: repository)  // not staged at all

        let result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try findings(result.stdout) == [])
        #expect(result.stderr == "")
    }

    @Test func onlyFilesTheCommitChangesAreScanned() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try write(Self.finding, to: "old_finding.py", in: repository)
        try Run.requireGit(["add", "."], in: repository)
        try Run.requireGit(["commit", "-q", "-m", "known finding"], in: repository)
        try write(Self.clean, to: "new.py", in: repository)
        try Run.requireGit(["add", "new.py"], in: repository)

        let result = try Run.homeport(["scan", "--staged"], in: repository)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "No OpenAI dependencies found in 1 file.\n")
    }

    @Test func renamedFileIsScannedUnderItsNewName() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try write(Self.finding, to: "old.py", in: repository)
        try Run.requireGit(["add", "."], in: repository)
        try Run.requireGit(["commit", "-q", "-m", "one"], in: repository)
        try Run.requireGit(["-c", "diff.renames=true", "mv", "old.py", "renamed.py"], in: repository)

        let result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository)
        #expect(result.status == 1)
        #expect(try findings(result.stdout) == ["renamed.py:1 openai-model"])
    }

    @Test func deletedFileIsSkipped() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try write(Self.finding, to: "gone.py", in: repository)
        try Run.requireGit(["add", "."], in: repository)
        try Run.requireGit(["commit", "-q", "-m", "one"], in: repository)
        try Run.requireGit(["rm", "-q", "--cached", "gone.py"], in: repository)  // still in the work tree, deleted in the index

        let result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try findings(result.stdout) == [])
        #expect(result.stderr == "")
    }

    @Test func binaryBlobsSymlinksAndSubmodulesAreSkipped() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try Data([0x6D, 0x00, 0x01] + Array(Self.finding.utf8)).write(to: repository.appendingPathComponent("blob.py"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00]).write(to: repository.appendingPathComponent("image.png"))
        try FileManager.default.createSymbolicLink(atPath: repository.appendingPathComponent("link.py").path,
                                                   withDestinationPath: "model = 'gpt-4o'")
        try Run.requireGit(["add", "."], in: repository)
        // A submodule is a gitlink (mode 160000) in the index, naming a commit of another repository.
        try Run.requireGit(["update-index", "--add", "--cacheinfo",
                 "160000,1234567890123456789012345678901234567890,vendored"], in: repository)

        let result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try findings(result.stdout) == [])
        #expect(result.stderr == "homeport: blob.py: warning: binary file (contains NUL bytes); not scanned\n")
    }

    @Test func pathsThatAreNotUTF8OrNeedQuotingWork() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        // caf\351.py is Latin-1 (not UTF-8); git would quote the others without -z.
        let script = #"printf 'model = "gpt-4o"\n' > "$(printf 'caf\351.py')" && mkdir -p '数据' && "#
            + #"printf 'model = "gpt-4o"\n' > '数据/客户 端.py' && printf 'model = "gpt-4o"\n' >"$(printf 'tab\t"q".py')""#
        let made = try Run.process(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: repository)
        try #require(made.status == 0, "\(made.stderr)")
        try Run.requireGit(["add", "."], in: repository)

        let result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try findings(result.stdout).sorted() == ["caf\u{FFFD}.py:1 openai-model", "tab\t\"q\".py:1 openai-model",
                                                         "数据/客户 端.py:1 openai-model"])
    }

    @Test func threeGitCallsWhateverTheNumberOfFiles() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        for index in 1...12 {
            try write(index == 7 ? Self.finding : Self.clean, to: "pkg\(index % 3)/module\(index).py", in: repository)
        }
        try Run.requireGit(["add", "."], in: repository)
        // A git on PATH that logs each call and runs the real one.
        let bin = repository.appendingPathComponent(".git/test-bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let log = repository.appendingPathComponent(".git/git-calls.log")
        try write("#!/bin/sh\necho \"$*\" >> '\(log.path)'\nexec /usr/bin/git \"$@\"\n", to: ".git/test-bin/git", in: repository)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("git").path)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "")

        let result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository, environment: environment)
        #expect(result.status == 1)
        #expect(try findings(result.stdout) == ["pkg1/module7.py:1 openai-model"])
        // The top folder, what changed, and every blob and folder configuration in one batch.
        let calls = String(decoding: try Data(contentsOf: log), as: UTF8.self).split(separator: "\n")
        #expect(calls.map { $0.split(separator: " ").dropFirst(2).first ?? "" } == ["rev-parse", "diff", "cat-file"])
    }

    @Test func outsideARepositoryIsOneErrorAndExitTwo() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write(Self.finding, to: "app.py", in: temp)
        let result = try Run.homeport(["scan", "--staged"], in: temp)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("homeport: --staged needs a git work tree; "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// `--max-file-size` holds for staged blobs as for files on disk.
    @Test func stagedFilesOverMaxFileSizeAreNotScanned() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try write(Self.finding + String(repeating: "# padding\n", count: 200), to: "big.py", in: repository)
        try write(Self.finding, to: "small.py", in: repository)
        try Run.requireGit(["add", "big.py", "small.py"], in: repository)
        let result = try Run.homeport(["scan", "--staged", "--max-file-size", "1K", "--format", "json"], in: repository)
        #expect(result.status == 3)
        #expect(try findings(result.stdout) == ["small.py:1 openai-model"])
        #expect(result.stderr.hasPrefix("homeport: big.py: error: file is 2017 bytes, over the 1024-byte --max-file-size; not scanned\n"))
    }

    /// A commit records a link, not the file it points to: following links has no meaning here.
    @Test func stagedTakesNoPathsSinceOrShard() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        for extra in [["app.py"], ["--since", "HEAD"], ["--shard", "1/2"], ["--follow-links"]] {
            let result = try Run.homeport(["scan", "--staged"] + extra, in: repository)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("homeport: --staged scans what is staged; it takes no "))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func configurationIsReadAsStaged() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try write(Self.finding, to: "src/app.py", in: repository)
        try write("rules:\n  openai-model: off\n", to: ".homeport.yml", in: repository)
        try Run.requireGit(["add", "src/app.py"], in: repository)
        // The weakened configuration is only in the work tree: the commit is judged without it.
        var result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository)
        #expect(result.status == 1)
        #expect(try findings(result.stdout) == ["src/app.py:1 openai-model"])

        // Staged, it applies (the commit carries it), even once the work-tree copy is gone.
        try Run.requireGit(["add", ".homeport.yml"], in: repository)
        try FileManager.default.removeItem(at: repository.appendingPathComponent(".homeport.yml"))
        result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try findings(result.stdout) == [])

        // A nearer staged configuration, and its `extends`, are read from the index too.
        try write("extends: ../base.yml\n", to: "src/.homeport.yml", in: repository)
        try write("rules:\n  openai-model: error\n", to: "base.yml", in: repository)
        try Run.requireGit(["add", "src/.homeport.yml", "base.yml"], in: repository)
        try write("rules:\n  openai-model: off\n", to: "base.yml", in: repository)
        result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"level\": \"error\""))

        // Also when what it extends is another folder's .homeport.yml, above no staged file.
        try write("extends: ../common/.homeport.yml\n", to: "src/.homeport.yml", in: repository)
        try write("rules:\n  openai-model: note\n", to: "common/.homeport.yml", in: repository)
        try Run.requireGit(["add", "src/.homeport.yml", "common/.homeport.yml"], in: repository)
        result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\"level\": \"note\""))
    }

    @Test func baselineIsReadAsStaged() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try write(Self.finding, to: "app.py", in: repository)
        try write("baseline: .homeport-baseline.json\n", to: ".homeport.yml", in: repository)
        #expect(try Run.homeport(["baseline"], in: repository).status == 0)
        try Run.requireGit(["add", "app.py", ".homeport.yml"], in: repository)
        // The baseline that would accept the finding is not staged: the commit does not carry it.
        var result = try Run.homeport(["scan", "--staged"], in: repository)
        #expect(result.status == 2)
        #expect(result.stderr.contains(".homeport-baseline.json: cannot read baseline"))

        try Run.requireGit(["add", ".homeport-baseline.json"], in: repository)
        result = try Run.homeport(["scan", "--staged", "--format", "json"], in: repository)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr == "homeport: 1 finding in the baseline not reported\n")
    }

    @Test func preCommitRunGetsItsOwnSkipAdvice() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("import openai\nURL = \"https://api.openai.com/v1\"\n", to: "client.py", in: temp)
        try write("let model = \"gpt-4o\"\n", to: "App.swift", in: temp)
        var environment = ProcessInfo.processInfo.environment
        environment["PRE_COMMIT"] = "1"
        let result = try Run.homeport(["scan", "-q", "client.py", "App.swift"], in: temp, environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr == """
            homeport: this commit adds 3 OpenAI dependencies. Ways out:
              fix:        homeport fix --target zhipu App.swift client.py   (then git add)
              suppress:   # homeport: ignore[openai-host, openai-import]   at the end of the line or on the line above (Python)
                          // homeport: ignore[openai-model]   at the end of the line or on the line above (Swift)
              skip once:  SKIP=homeport git commit

            """)
        // The same scan outside a hook says nothing more than its report.
        environment["PRE_COMMIT"] = nil
        let plain = try Run.homeport(["scan", "-q", "client.py", "App.swift"], in: temp, environment: environment)
        #expect(plain.status == 1)
        #expect(plain.stderr == "")
    }
}
