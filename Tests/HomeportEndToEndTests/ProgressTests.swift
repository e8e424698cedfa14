// The progress line, seen through a pseudo-terminal: shown on a terminal for long work only, redrawn
// at most ten times a second, erased at the end; never off a terminal, with --quiet or TERM=dumb.

import Foundation
import HomeportTestSupport
import Testing

@Suite(.serialized) struct ProgressTests {
    /// Runs a command with standard error on a new pseudo-terminal and standard output in a file.
    static let ptyRunner = """
        import json, os, pty, subprocess, sys, tempfile
        master, slave = pty.openpty()
        with tempfile.TemporaryFile() as out:
            proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=out, stderr=slave)
            os.close(slave)
            err = b""
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the last writer closed the terminal
                    break
                if not chunk:
                    break
                err += chunk
            status = proc.wait()
            out.seek(0)
            stdout = out.read()
        json.dump({"status": status, "stderr": err.decode("utf-8", "replace"),
                   "stdout": stdout.decode("utf-8", "replace")}, sys.stdout)
        """

    struct Outcome: Decodable {
        var status: Int32
        var stderr: String
        var stdout: String
    }

    func onTerminal(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        for name in Run.localeVariables { environment[name] = nil }
        environment["TERM"] = "xterm-256color"
        environment.merge(extra) { $1 }
        let result = try Run.process(URL(fileURLWithPath: "/usr/bin/env"),
                                     ["python3", "-c", Self.ptyRunner, TestPaths.homeportBinary.path] + arguments,
                                     in: directory, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Outcome.self, from: Data(result.stdout.utf8))
    }

    /// A tree that takes `homeport scan --jobs 1` at least a second (grown until it does, so the
    /// test means the same with a debug or a release binary).
    func slowTree() throws -> URL {
        let temp = try Run.temporaryDirectory()
        let body = "model = \"gpt-4o\"\n" + (0..<200).map { "x\($0) = compute(\($0))  # filler\n" }.joined()
        var count = 0
        for batch in [400, 400, 800, 1600, 3200, 6400] {
            for index in count..<(count + batch) {
                try Data(body.utf8).write(to: temp.appendingPathComponent("m\(index).py"))
            }
            count += batch
            let start = Date()
            _ = try Run.homeport(["scan", "--quiet", "--jobs", "1", "."], in: temp)
            if Date().timeIntervalSince(start) >= 1 { break }
        }
        return temp
    }

    static let redraw = "\r"
    static let erase = "\r\u{1B}[K"

    @Test func aLongScanShowsOneLineRedrawnAtMostTenTimesASecondAndErasesIt() throws {
        let tree = try slowTree()
        defer { try? FileManager.default.removeItem(at: tree) }
        let outcome = try onTerminal(["scan", "--jobs", "1", "--no-color", "."], in: tree)
        #expect(outcome.status == 1)
        let draws = outcome.stderr.components(separatedBy: "\r").filter { $0.hasPrefix("Scanning: ") }
        #expect(draws.count >= 2)
        // At most ten a second, read on homeport's own clock (each draw shows its elapsed time in
        // tenths), not on the test's: the tenths shown go up by at least one from draw to draw.
        let tenths = draws.compactMap { draw in Double(draw.split(separator: " ").dropLast().last ?? "").map { Int(($0 * 10).rounded()) } }
        #expect(tenths.count == draws.count)
        #expect(zip(tenths, tenths.dropFirst()).allSatisfy { $1 >= $0 + 1 }, "\(tenths)")
        // Nothing but the line being redrawn, and at the end erased: the terminal is left clean.
        #expect(outcome.stderr.hasPrefix("\rScanning: "))
        #expect(outcome.stderr.hasSuffix(Self.erase))
        #expect(!outcome.stderr.contains("\n"))
        let first = try #require(draws.first)
        // "Scanning: 71/1200 files, 71 findings, 0.3 s\e[K": the first draw comes after a third of a second.
        let seconds = try #require(Double(first.split(separator: " ").dropLast().last ?? ""))
        #expect(seconds >= 0.3)
        #expect(first.contains(" files, ") && first.contains(" findings, "))
        // The report on standard output is what it is without a terminal.
        let plain = try Run.homeport(["scan", "--jobs", "1", "--no-color", "."], in: tree)
        #expect(outcome.stdout == plain.stdout)
        #expect(plain.stderr.isEmpty)  // not a terminal: no progress
    }

    @Test func quietDumbTerminalsAndShortScansShowNothing() throws {
        let tree = try slowTree()
        defer { try? FileManager.default.removeItem(at: tree) }
        let quiet = try onTerminal(["scan", "--jobs", "1", "--quiet", "."], in: tree)
        #expect(quiet.stderr.isEmpty)
        let dumb = try onTerminal(["scan", "--jobs", "1", "."], in: tree, environment: ["TERM": "dumb"])
        #expect(dumb.stderr.isEmpty)
        let short = try onTerminal(["scan", "m0.py"], in: tree)
        #expect(short.status == 1)
        #expect(short.stderr.isEmpty)
    }

    @Test func fixAndPlanShowProgressToo() throws {
        let tree = try slowTree()
        defer { try? FileManager.default.removeItem(at: tree) }
        let plan = try onTerminal(["plan", "--jobs", "1", "."], in: tree, environment: ["HOMEPORT_LANG": "zh-CN"])
        #expect(plan.stderr.hasPrefix("\r正在扫描："))
        #expect(plan.stderr.hasSuffix(Self.erase))
        let fix = try onTerminal(["fix", "--diff", "--jobs", "1", "."], in: tree)
        #expect(fix.stderr.hasPrefix("\rScanning: "))
        // The line is erased before what `fix` says next starts on it.
        #expect(fix.stderr.contains(Self.erase + "would fix "))
    }
}
