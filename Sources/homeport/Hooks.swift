// `homeport install-hook` / `uninstall-hook`: a plain git pre-commit hook that runs `scan --staged`.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

/// The repository's pre-commit hook file, where git looks for it.
struct PreCommitHook {
    /// Marks a hook as ours: uninstall-hook removes only a file with this line, install-hook rewrites
    /// only such a file without --force.
    static let marker = "# Written by `homeport install-hook`; `homeport uninstall-hook` removes it."

    /// Absolute path of the hook file.
    let path: String
    /// Where install-hook --force keeps the hook it replaced, and uninstall-hook restores it from.
    var backupPath: String { path + ".homeport-backup" }

    /// The hook of the work tree around `directory`, in the folder git runs hooks from
    /// (`core.hooksPath` honoured; a linked worktree shares its main repository's hooks).
    static func locate(from directory: String) -> PreCommitHook {
        let output: [UInt8]
        do {
            output = try ProcessRunner.git(["rev-parse", "--show-toplevel", "--git-path", "hooks"], in: directory)
        } catch {
            fail(say(.hookNeedsWorkTree, ["path": directory]), code: .usage)
        }
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, !lines[1].isEmpty else {
            fail(say(.hookFolderUnknown), code: .usage)
        }
        // --git-path answers relative to the directory git ran in.
        let hooks = Path.absolute(String(lines[1]), in: directory)
        return PreCommitHook(path: hooks + "/pre-commit")
    }

    /// The hook's text: `homeport scan --staged`, with the homeport that installed it (so a commit
    /// from a GUI client whose PATH lacks it still finds it), else the one on PATH.
    static func script(homeport: String?) -> String {
        """
        #!/bin/sh
        \(marker)
        # Scans what is staged for OpenAI dependencies; `git commit --no-verify` skips it once.
        homeport=\(shellQuoted(homeport ?? "homeport"))
        [ -x "$homeport" ] || homeport=homeport
        exec "$homeport" scan --staged

        """
    }

    /// The running executable's absolute path, when the system says.
    static var runningExecutable: String? {
        Path.resolvingSymlinks("/proc/self/exe")
    }

    /// Whether a file at `path` exists (a dangling symbolic link counts: something is there).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether the file at `path` is a hook this command wrote.
    static func isOurs(_ path: String) -> Bool {
        guard let bytes = try? TreeScan.readFile(path) else { return false }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").contains { $0 == marker }
    }

    /// `path` relative to the working directory when inside it, for messages.
    static func display(_ path: String) -> String {
        let prefix = Path.currentDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

struct InstallHook: Command {
    static let spec = CommandSpec(
        name: "install-hook",
        abstract: LocalizedText(en: "Install a git pre-commit hook that runs `homeport scan --staged`.",
                                zh: "安装运行 `homeport scan --staged` 的 git pre-commit 钩子。"),
        discussion: LocalizedText(en: """
            Writes the pre-commit hook of the repository around the current directory, in the folder \
            git runs hooks from (core.hooksPath is honoured; linked worktrees share their main \
            repository's hooks). Running it again updates the hook. A pre-commit hook that homeport \
            did not write is left alone unless --force, which moves it to pre-commit.homeport-backup \
            (where `homeport uninstall-hook` restores it from). With the pre-commit framework, use \
            its `homeport` hook instead (see README).

            Exit codes: 0 installed; 2 not in a git work tree, another hook is there (without \
            --force), or the hook could not be written.
            """, zh: """
            在当前目录所在仓库中、git 运行钩子的目录里写入 pre-commit 钩子（遵循 core.hooksPath；链接的工作树共用主仓库的钩子）。再次运行会更新钩子。不是 homeport 写的 pre-commit 钩子保持不动，除非使用 --force，此时它被移到 pre-commit.homeport-backup（`homeport uninstall-hook` 会从那里恢复）。使用 pre-commit 框架时，请改用它的 `homeport` 钩子（见 README）。

            退出码：0 已安装；2 不在 git 工作树中、已有其他钩子（未加 --force），或钩子无法写入。
            """),
        groups: [
            .options([
                .flag("force", "Replace a pre-commit hook homeport did not write, keeping it as pre-commit.homeport-backup.",
                      zh: "替换不是 homeport 写的 pre-commit 钩子，并把它保留为 pre-commit.homeport-backup。"),
            ]),
        ])

    var force: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        force = arguments.flag("force")
    }

    func run() throws {
        let hook = PreCommitHook.locate(from: Path.currentDirectory)
        let shown = PreCommitHook.display(hook.path)
        var movedAside = false
        if PreCommitHook.exists(hook.path) && !PreCommitHook.isOurs(hook.path) {
            guard force else {
                fail(say(.hookForeign, ["path": shown, "backup": Path.lastComponent(of: hook.backupPath)]), code: .usage)
            }
            guard !PreCommitHook.exists(hook.backupPath) else {
                fail(say(.hookBackupExists, ["path": PreCommitHook.display(hook.backupPath)]), code: .usage)
            }
            guard rename(hook.path, hook.backupPath) == 0 else {
                fail(say(.hookCannotMoveAside, ["path": shown, "reason": "\(POSIXError(errno))"]), code: .usage)
            }
            movedAside = true
        }
        do {
            try makeDirectories(Path.parent(of: hook.path))
            try AtomicFile.write(Array(PreCommitHook.script(homeport: PreCommitHook.runningExecutable).utf8),
                                 to: hook.path)
            guard chmod(hook.path, 0o755) == 0 else { throw POSIXError(errno) }
        } catch {
            fail(say(.hookCannotWrite, ["path": shown, "reason": describe(error)]), code: .usage)
        }
        if movedAside {
            print(say(.hookMovedAside, ["path": PreCommitHook.display(hook.backupPath)]))
        }
        print(say(.hookInstalled, ["path": shown]))
    }

    /// `mkdir -p`: a core.hooksPath folder need not exist yet.
    private func makeDirectories(_ path: String) throws {
        guard !path.isEmpty, !Path.kind(of: path).isDirectory else { return }
        try makeDirectories(Path.parent(of: path))
        guard mkdir(path, 0o777) == 0 || errno == EEXIST else { throw POSIXError(errno) }
    }
}

struct UninstallHook: Command {
    static let spec = CommandSpec(
        name: "uninstall-hook",
        abstract: LocalizedText(en: "Remove the pre-commit hook `homeport install-hook` wrote, restoring the one it replaced.",
                                zh: "删除 `homeport install-hook` 写入的 pre-commit 钩子，并恢复被它替换的钩子。"),
        discussion: LocalizedText(en: """
            Removes the repository's pre-commit hook only when homeport wrote it, and puts back the \
            hook `install-hook --force` kept as pre-commit.homeport-backup.

            Exit codes: 0 removed, or there was no homeport hook; 2 not in a git work tree, the hook \
            there is not homeport's, or a file could not be removed or restored.
            """, zh: """
            只有当仓库的 pre-commit 钩子是 homeport 写的时才删除它，并放回 `install-hook --force` 保留为 pre-commit.homeport-backup 的钩子。

            退出码：0 已删除，或没有 homeport 钩子；2 不在 git 工作树中、现有钩子不是 homeport 的，或文件无法删除或恢复。
            """))

    init(_ arguments: ParsedArguments) throws(UsageError) {}

    func run() throws {
        let hook = PreCommitHook.locate(from: Path.currentDirectory)
        let shown = PreCommitHook.display(hook.path)
        if PreCommitHook.exists(hook.path) {
            guard PreCommitHook.isOurs(hook.path) else {
                fail(say(.hookNotOurs, ["path": shown]), code: .usage)
            }
            guard unlink(hook.path) == 0 else {
                fail(say(.hookCannotRemove, ["path": shown, "reason": "\(POSIXError(errno))"]), code: .usage)
            }
            print(say(.hookRemoved, ["path": shown]))
        } else if !PreCommitHook.exists(hook.backupPath) {
            printError(say(.hookNothingToRemove, ["path": shown]))
            return
        }
        if PreCommitHook.exists(hook.backupPath) {
            guard rename(hook.backupPath, hook.path) == 0 else {
                fail(say(.hookCannotRestore, ["path": PreCommitHook.display(hook.backupPath), "reason": "\(POSIXError(errno))"]),
                     code: .usage)
            }
            print(say(.hookRestored, ["path": PreCommitHook.display(hook.backupPath)]))
        }
    }
}
