// `homeport install-hook` / `uninstall-hook` on throwaway repositories, with real `git commit`s.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct HookTests {
    static let foreignHook = "#!/bin/sh\n# the team's own checks\nexit 0\n"

    func repository() throws -> URL {
        let temp = try Run.temporaryDirectory()
        let repository = temp.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        try Run.requireGit(["init", "-q"], in: repository)
        return repository
    }

    func read(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    /// Stages `text` as `name` and commits it; the commit's result (the hook's output and status).
    func commit(_ text: String, as name: String, in directory: URL) throws -> ProcessResult {
        try write(text, to: name, in: directory)
        try Run.requireGit(["add", name], in: directory)
        return try Run.git(["commit", "-q", "-m", "add \(name)"], in: directory)
    }

    /// The hook blocks a commit with a finding and lets a clean one through.
    func expectHookGuardsCommits(in directory: URL, sourceLine: SourceLocation = #_sourceLocation) throws {
        let blocked = try commit("model = \"gpt-4o\"\n", as: "blocked.py", in: directory)
        #expect(blocked.status == 1, "\(blocked.stdout)\(blocked.stderr)", sourceLocation: sourceLine)
        // Git sends a pre-commit hook's standard output to its standard error.
        #expect(blocked.stderr.contains("blocked.py:1:10: warning[openai-model]"), sourceLocation: sourceLine)
        #expect(blocked.stderr.contains("skip once:  git commit --no-verify"), sourceLocation: sourceLine)
        try Run.requireGit(["rm", "-q", "--cached", "blocked.py"], in: directory)
        let passed = try commit("print('hello')\n", as: "clean.py", in: directory)
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)", sourceLocation: sourceLine)
    }

    @Test func installedHookScansEachCommitAndReinstallingUpdatesIt() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository.deletingLastPathComponent()) }
        let result = try Run.homeport(["install-hook"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "installed .git/hooks/pre-commit: commits run `homeport scan --staged`\n")
        let hook = repository.appendingPathComponent(".git/hooks/pre-commit")
        #expect(try read(hook).contains("scan --staged"))
        #expect(FileManager.default.isExecutableFile(atPath: hook.path))
        try expectHookGuardsCommits(in: repository)

        // Its own hook is rewritten, not treated as a foreign one.
        #expect(try Run.homeport(["install-hook"], in: repository).status == 0)
        #expect(!FileManager.default.fileExists(atPath: hook.path + ".homeport-backup"))

        let removed = try Run.homeport(["uninstall-hook"], in: repository)
        #expect(removed.status == 0)
        #expect(removed.stdout == "removed .git/hooks/pre-commit\n")
        #expect(!FileManager.default.fileExists(atPath: hook.path))
        let again = try Run.homeport(["uninstall-hook"], in: repository)
        #expect(again.status == 0)
        #expect(again.stderr == "homeport: no homeport hook at .git/hooks/pre-commit; nothing to remove\n")
    }

    @Test func coreHooksPathIsHonoured() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository.deletingLastPathComponent()) }
        try Run.requireGit(["config", "core.hooksPath", "tools/git-hooks"], in: repository)
        let subfolder = repository.appendingPathComponent("src/deep")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)

        let result = try Run.homeport(["install-hook"], in: subfolder)
        #expect(result.status == 0, "\(result.stderr)")
        let hook = repository.appendingPathComponent("tools/git-hooks/pre-commit")
        #expect(try read(hook).contains("scan --staged"))
        #expect(!FileManager.default.fileExists(atPath: repository.appendingPathComponent(".git/hooks/pre-commit").path))
        try expectHookGuardsCommits(in: repository)

        #expect(try Run.homeport(["uninstall-hook"], in: subfolder).status == 0)
        #expect(!FileManager.default.fileExists(atPath: hook.path))
    }

    @Test func linkedWorktreeSharesTheMainRepositoryHook() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository.deletingLastPathComponent()) }
        _ = try commit("print(1)\n", as: "first.py", in: repository)
        let worktree = repository.deletingLastPathComponent().appendingPathComponent("linked")
        try Run.requireGit(["worktree", "add", "-q", "-b", "feature", worktree.path], in: repository)

        let result = try Run.homeport(["install-hook"], in: worktree)
        #expect(result.status == 0, "\(result.stderr)")
        // Git runs a linked worktree's hooks from the main repository's hooks folder.
        let hook = repository.appendingPathComponent(".git/hooks/pre-commit")
        #expect(try read(hook).contains("scan --staged"))
        try expectHookGuardsCommits(in: worktree)
        try expectHookGuardsCommits(in: repository)

        #expect(try Run.homeport(["uninstall-hook"], in: worktree).status == 0)
        #expect(!FileManager.default.fileExists(atPath: hook.path))
    }

    @Test func foreignHookIsKeptUnlessForcedAndRestoredOnUninstall() throws {
        let repository = try repository()
        defer { try? FileManager.default.removeItem(at: repository.deletingLastPathComponent()) }
        let hook = repository.appendingPathComponent(".git/hooks/pre-commit")
        let backup = repository.appendingPathComponent(".git/hooks/pre-commit.homeport-backup")
        try write(Self.foreignHook, to: ".git/hooks/pre-commit", in: repository)

        let refused = try Run.homeport(["install-hook"], in: repository)
        #expect(refused.status == 2)
        #expect(refused.stderr == "homeport: .git/hooks/pre-commit: a pre-commit hook homeport did not write is there; "
                + "--force replaces it (keeping it as pre-commit.homeport-backup)\n")
        #expect(try read(hook) == Self.foreignHook)
        let notOurs = try Run.homeport(["uninstall-hook"], in: repository)
        #expect(notOurs.status == 2)
        #expect(notOurs.stderr == "homeport: .git/hooks/pre-commit was not written by homeport; left alone\n")
        #expect(try read(hook) == Self.foreignHook)

        let forced = try Run.homeport(["install-hook", "--force"], in: repository)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasPrefix("moved the previous hook to .git/hooks/pre-commit.homeport-backup"))
        #expect(try read(backup) == Self.foreignHook)
        #expect(try read(hook).contains("scan --staged"))

        // A second --force must not overwrite the kept hook with ours.
        try write("#!/bin/sh\nexit 0\n", to: ".git/hooks/pre-commit", in: repository)
        let twice = try Run.homeport(["install-hook", "--force"], in: repository)
        #expect(twice.status == 2)
        #expect(twice.stderr.hasPrefix("homeport: .git/hooks/pre-commit.homeport-backup already exists"))
        #expect(try read(backup) == Self.foreignHook)
        #expect(try Run.homeport(["install-hook"], in: repository).status == 2)
        try FileManager.default.removeItem(at: hook)
        #expect(try Run.homeport(["install-hook"], in: repository).status == 0)

        let uninstalled = try Run.homeport(["uninstall-hook"], in: repository)
        #expect(uninstalled.status == 0)
        #expect(uninstalled.stdout == "removed .git/hooks/pre-commit\n"
                + "restored the previous hook from .git/hooks/pre-commit.homeport-backup\n")
        #expect(try read(hook) == Self.foreignHook)
        #expect(!FileManager.default.fileExists(atPath: backup.path))
    }

    @Test func outsideARepositoryIsOneErrorAndExitTwo() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        for command in ["install-hook", "uninstall-hook"] {
            let result = try Run.homeport([command], in: temp)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("homeport: a git hook needs a git work tree; "))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }
}
