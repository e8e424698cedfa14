// The built binary's contract: discovery, options, exit codes and one-line errors.

import Foundation
import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct CommandLineTests {
    @Test func cleanTreeExitsZero() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("import os\nprint(os.getcwd())\n", to: "app.py", in: temp)
        let result = try Run.homeport(["scan", "--no-color"], in: temp)
        #expect(result.status == 0)
        #expect(result.stdout == "No OpenAI dependencies found in 1 file.\n")
        #expect(result.stderr == "")
    }

    @Test func missingPathIsAnIncompleteScan() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("m = 'gpt-4o'\n", to: "a.py", in: temp)
        let result = try Run.homeport(["scan", "a.py", "nope.py", "--format", "json"], in: temp)
        #expect(result.status == 3)
        #expect(result.stderr == "homeport: nope.py: error: no such file or directory\n")
        #expect(result.stdout.contains("\"complete\": false"))
        #expect(result.stdout.contains("\"match\": \"gpt-4o\""))
    }

    @Test func badFlagIsAUsageError() throws {
        let result = try Run.homeport(["scan", "--format", "xml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("xml"))
        #expect(try Run.homeport(["scan", "--bogus"]).status == 2)
        #expect(try Run.homeport(["scan", "--jobs", "0"]).status == 2)
    }

    @Test func unknownRuleIsAUsageError() throws {
        let result = try Run.homeport(["scan", "--rule", "openai-modle"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("homeport: unknown rule `openai-modle`; known rules: azure-openai-host"))
    }

    @Test func unwritableOutputIsAUsageError() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("x = 1\n", to: "a.py", in: temp)
        let result = try Run.homeport(["scan", "a.py", "--output", "no/such/dir/report.json"], in: temp)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("homeport: no/such/dir/report.json: cannot write report"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func binaryAndUnreadableFilesAreNamed() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data([0x69, 0x6D, 0x00, 0x01, 0x02]).write(to: temp.appendingPathComponent("blob.py"))
        try FileManager.default.createSymbolicLink(atPath: temp.appendingPathComponent("dangling.py").path,
                                                   withDestinationPath: "/nonexistent/target.py")
        let explicit = try Run.homeport(["scan", "blob.py", "dangling.py"], in: temp)
        #expect(explicit.status == 3)
        #expect(explicit.stderr.contains("homeport: blob.py: error: binary file (contains NUL bytes); not scanned\n"))
        #expect(explicit.stderr.contains("homeport: dangling.py: error: "))
        // Found by walking, a binary .py is a warning, not a failure.
        let walked = try Run.homeport(["scan", "--format", "json"], in: temp)
        #expect(walked.stderr.contains("homeport: blob.py: warning: binary file"))
    }

    @Test func nonUTF8FilesAreScannedWithAWarning() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let bytes: [UInt8] = Array("# caf".utf8) + [0xE9] + Array("\nmodel = \"gpt-4o\"\n".utf8)
        try Data(bytes).write(to: temp.appendingPathComponent("latin1.py"))
        let result = try Run.homeport(["scan", "--format", "json"], in: temp)
        #expect(result.status == 1)
        #expect(result.stderr == "homeport: latin1.py:1:6: warning: not valid UTF-8; scanned as bytes, invalid sequences shown as U+FFFD\n")
        #expect(result.stdout.contains("\"line\": 2"))
        let quiet = try Run.homeport(["scan", "--quiet"], in: temp)
        #expect(quiet.stderr == "")
        // --quiet drops the summary line and nothing else.
        let full = try Run.homeport(["scan"], in: temp)
        #expect(full.stdout.hasPrefix(quiet.stdout) && quiet.stdout.hasSuffix("\n\n"))
        #expect(full.stdout.dropFirst(quiet.stdout.count).hasPrefix("Found 1 finding"))
        #expect(!quiet.stdout.contains("Found"))
    }

    @Test func gitIgnoredFilesAreSkippedButNamedFilesAreScanned() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        _ = try Run.process(URL(fileURLWithPath: "/usr/bin/env"), ["git", "init", "-q", temp.path])
        try write("generated/\n", to: ".gitignore", in: temp)
        try write("m = 'gpt-4o'\n", to: "generated/out.py", in: temp)
        try write("m = 'o3-mini'\n", to: "src/app.py", in: temp)
        try write("m = 'gpt-4.1'\n", to: "node_modules/pkg/x.py", in: temp)
        try write("m = 'gpt-5'\n", to: ".venv/lib/y.py", in: temp)
        try write("#!/usr/bin/env python3\nm = 'tts-1'\n", to: "bin/tool", in: temp)
        try write("m = 'whisper-1'\n", to: "README", in: temp)
        let result = try Run.homeport(["scan", "--format", "json"], in: temp)
        #expect(result.stdout.contains("\"path\": \"src/app.py\""))
        #expect(result.stdout.contains("\"path\": \"bin/tool\""))
        #expect(!result.stdout.contains("generated/out.py"))
        #expect(!result.stdout.contains("node_modules"))
        #expect(!result.stdout.contains(".venv"))
        #expect(!result.stdout.contains("whisper-1"))
        let named = try Run.homeport(["scan", "generated/out.py", "--format", "json"], in: temp)
        #expect(named.stdout.contains("\"path\": \"generated/out.py\""))
    }

    @Test func walkingWithoutGitSkipsDependencyFolders() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("m = 'o3-mini'\n", to: "src/app.py", in: temp)
        try write("m = 'gpt-5'\n", to: "env/lib/y.py", in: temp)
        try write("home = /usr\n", to: "env/pyvenv.cfg", in: temp)
        try write("m = 'gpt-4.1'\n", to: ".build/checkouts/x.swift", in: temp)
        let result = try Run.homeport(["scan", temp.path, "--format", "json"])
        #expect(result.stdout.contains("o3-mini"))
        #expect(!result.stdout.contains("gpt-5"))
        #expect(!result.stdout.contains("gpt-4.1"))
    }

    @Test func ruleSelection() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("import openai\nm = 'gpt-4o'\n", to: "a.py", in: temp)
        let only = try Run.homeport(["scan", "--rule", "openai-model", "--format", "json"], in: temp)
        #expect(only.stdout.contains("openai-model") && !only.stdout.contains("\"openai-import\""))
        let ignored = try Run.homeport(["scan", "--ignore-rule", "openai-model", "--format", "json"], in: temp)
        #expect(!ignored.stdout.contains("\"rule\": \"openai-model\"") && ignored.stdout.contains("openai-import"))
    }

    @Test func unusedSuppressionsAreReportedOnRequest() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("""
            m = "gpt-4o"  # homeport: ignore[openai-model]
            x = 1  # homeport: ignore
            y = 2  # homeport: ignore[openai-modle]
            s = "# homeport: ignore"; n = "o3-mini"
            """, to: "a.py", in: temp)
        let plain = try Run.homeport(["scan", "--format", "json"], in: temp)
        #expect(!plain.stdout.contains("unused-suppression"))
        #expect(plain.stdout.contains("o3-mini"))
        #expect(!plain.stdout.contains("\"gpt-4o\""))
        let report = try Run.homeport(["scan", "--report-unused-suppressions", "--no-color"], in: temp)
        #expect(report.stdout.contains("a.py:2:8: note[unused-suppression] `homeport: ignore` suppresses nothing"))
        #expect(report.stdout.contains("a.py:3:8: note[unused-suppression] `homeport: ignore[openai-modle]` names unknown rule `openai-modle`"))
        #expect(!report.stdout.contains("a.py:1:"))
    }

    @Test func theBinaryWorksAloneInAnotherFolder() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let copy = temp.appendingPathComponent("homeport")
        // Copied by `cp`, not FileManager: the copy's write descriptor then lives in `cp` alone. Opened
        // in this process, a child another test spawns meanwhile inherits it, and running the copy
        // fails with ETXTBSY ("Text file busy") while that child lives.
        let copied = try Run.process(URL(fileURLWithPath: "/bin/cp"), [TestPaths.homeportBinary.path, copy.path])
        #expect(copied.status == 0, "\(copied.stderr)")
        try write("import openai\n", to: "a.py", in: temp)
        let result = try Run.process(copy, ["scan", "a.py", "--format", "json"], in: temp)
        #expect(result.status == 1)
        #expect(result.stdout.contains("openai-import"))
        let version = try Run.process(copy, ["--version"])
        #expect(version.stdout == "homeport 0.1.0 (provider catalog 2026.12.1, 2026-12-07)\n")
        let rules = try Run.process(copy, ["rules"])
        #expect(rules.stdout.split(separator: "\n").count == (try RuleSet.bundled()).rules.count)
    }

    @Test func helpDocumentsExitCodes() throws {
        let help = try Run.homeport(["scan", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("3 scan incomplete"))
    }

    @Test func optionSpellings() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("m = 'gpt-4o'\n", to: "a.py", in: temp)
        try write("m = 'gpt-4o'\n", to: "-dash.py", in: temp)
        // `--name=value`, bundled short flags with a value (`-qo FILE`), and the default subcommand.
        let joined = try Run.homeport(["a.py", "--format=json", "-qo", "report.json"], in: temp)
        #expect(joined.status == 1)
        #expect(joined.stdout == "" && joined.stderr == "")
        let report = try String(contentsOf: temp.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(report.contains("\"match\": \"gpt-4o\""))
        // After `--` everything is a path, even what looks like an option.
        let dashed = try Run.homeport(["scan", "--rule", "openai-model,openai-env", "-q", "--", "-dash.py"], in: temp)
        #expect(dashed.status == 1)
        #expect(dashed.stdout.hasPrefix("-dash.py:1:6: warning[openai-model]"))
    }

    @Test(arguments: [
        (["scan", "--formt", "json"], "homeport: unknown option `--formt`; did you mean `--format`? (see `homeport scan --help`)\n"),
        (["scan", "-x"], "homeport: unknown option `-x` (see `homeport scan --help`)\n"),
        (["scan", "--output"], "homeport: missing value for -o, --output <file>\n"),
        (["scan", "--quiet=yes"], "homeport: `--quiet` takes no value\n"),
        (["scan", "--fail-on", "fatal"], "homeport: invalid value `fatal` for --fail-on; valid: error, warning, note, never\n"),
        (["scan", "--shard", "3/2"], "homeport: `--shard` must be K/N with 1 <= K <= N, not `3/2`\n"),
        (["explain", "openai-model", "openai-env"],
         "homeport: unexpected argument `openai-env`: `homeport explain` takes one <rule>\n"),
        (["rules", "extra"], "homeport: unexpected argument `extra` (see `homeport rules --help`)\n"),
        (["merge"], "homeport: name at least one SARIF file to merge\n"),
        (["help", "scna"], "homeport: unknown subcommand `scna`; known subcommands: scan, fix, plan, providers, "
            + "explain, rules, baseline, merge, init, config, lsp, install-hook, uninstall-hook, completions\n"),
    ])
    func usageErrorsAreOneLine(arguments: [String], stderr: String) throws {
        let result = try Run.homeport(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == stderr)
        #expect(result.stdout == "")
    }

    @Test func helpForEveryCommand() throws {
        let root = try Run.homeport(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.hasPrefix("OVERVIEW: Find OpenAI lock-in"))
        let names = ["scan", "fix", "plan", "providers", "explain", "rules", "baseline", "merge", "init", "config"]
        for name in names {
            #expect(root.stdout.contains("\n  \(name)"))
            let help = try Run.homeport(["help", name])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: homeport \(name)"))
            #expect(try Run.homeport([name, "-h"]).stdout == help.stdout)
            for line in help.stdout.split(separator: "\n") { #expect(line.count <= 80, "\(name): \(line)") }
        }
    }

    /// `-o /dev/null` (or any FIFO or device) is written through, never replaced by a renamed
    /// temporary file: the atomic rename is only for regular files. A FIFO stands in for /dev/null.
    @Test func outputToADeviceOrFIFOIsWrittenThrough() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("m = 'gpt-4o'\n", to: "a.py", in: temp)
        let fifo = temp.appendingPathComponent("report.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A non-blocking reader is open first, so homeport's open for writing does not block and a
        // report smaller than the pipe buffer waits in it.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let result = try Run.homeport(["scan", "a.py", "--format", "json", "-o", "report.fifo"], in: temp)
        #expect(result.status == 1, "\(result.stderr)")
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(reader, &buffer, buffer.count)
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        #expect(String(decoding: received, as: UTF8.self).contains("\"match\": \"gpt-4o\""))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }
}
