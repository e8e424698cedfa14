// Trees that try to hang, exhaust or mislead a scan: files that are not regular files, files over
// the size limit. Each gets one line, the scan goes on, and the exit code says what was not scanned.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct HostileTreeTests {
    /// `homeport` under `timeout`, so a scan that hangs fails the test instead of the whole run.
    func homeport(_ arguments: [String], in directory: URL, timeout: Int = 60) throws -> ProcessResult {
        try Run.process(URL(fileURLWithPath: "/usr/bin/timeout"), [String(timeout), TestPaths.homeportBinary.path] + arguments, in: directory)
    }

    /// A 50 MB line and a 500,000-line file are scanned whole (under the 64 MiB default limit),
    /// and every finding is reported with a snippet of bounded size: a window of the long line
    /// with an ellipsis where it was cut and the caret under the match. Time and memory are
    /// measured by `scripts/bench.sh --hostile-only`; here a timeout only catches a scan that has
    /// become quadratic (that would take hours).
    @Test func aFiftyMegabyteLineAndHalfAMillionLines() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("x = '" + String(repeating: "a", count: 50_000_000) + "'; m = 'gpt-4o'\n", to: "wide.py", in: temp)
        var tall = ""
        tall.reserveCapacity(25_000_000)
        for index in 0..<500_000 {
            tall += index % 1_000 == 999 ? "m\(index) = 'gpt-4o'\n" : "value_\(index) = compute(\(index), 'text')  # note\n"
        }
        try write(tall, to: "tall.py", in: temp)
        let result = try homeport(["scan", "--no-color", "--jobs", "1"], in: temp, timeout: 900)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("tall.py:") }.count == 500)
        #expect(lines.contains("tall.py:500000:12: warning[openai-model] `gpt-4o` is an OpenAI model (chat-flagship)"))
        let header = try #require(lines.firstIndex { $0.hasPrefix("wide.py:1:") })
        #expect(lines[header] == "wide.py:1:50000014: warning[openai-model] `gpt-4o` is an OpenAI model (chat-flagship)")
        #expect(lines[header + 1] == " 1 | …" + String(repeating: "a", count: 152) + "'; m = 'gpt-4o'")
        #expect(lines[header + 2] == "   |  " + String(repeating: " ", count: 160) + "^^^^^^")
        #expect(lines.allSatisfy { $0.utf8.count < 1_000 })
    }

    /// A FIFO with no writer would block `open` forever; a device may act when opened. Named or
    /// found, neither is opened.
    @Test func fifosSocketsAndDevicesAreNeverOpened() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("m = 'gpt-4o'\n", to: "a.py", in: temp)
        #expect(mkfifo(temp.appendingPathComponent("fifo.py").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: temp.appendingPathComponent("zero.py").path,
                                                   withDestinationPath: "/dev/zero")
        let socketPath = temp.appendingPathComponent("sock.py").path
        let socketDescriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)

        let named = try homeport(["scan", "a.py", "fifo.py", "sock.py", "zero.py", "--no-color"], in: temp)
        #expect(named.status == 3)
        #expect(named.stdout.contains("a.py:1:6"))
        #expect(named.stderr == """
            homeport: fifo.py: error: a FIFO, not a regular file; not opened
            homeport: sock.py: error: a socket, not a regular file; not opened
            homeport: zero.py: error: a character device, not a regular file; not opened

            """)
        // Found by walking the folder, they are not opened either, and each one named like a source
        // file gets a warning: nothing was lost (they hold no source), so the scan is complete.
        let walked = try homeport(["scan", "--no-color"], in: temp)
        #expect(walked.status == 1)
        #expect(walked.stderr == """
            homeport: fifo.py: warning: a FIFO, not a regular file; not opened
            homeport: sock.py: warning: a socket, not a regular file; not opened

            """)
    }

    @Test func filesOverMaxFileSizeAreSkippedWithANotice() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("m = 'gpt-4o'\n" + String(repeating: "# padding\n", count: 300), to: "big.py", in: temp)
        try write("m = 'gpt-4o'\n", to: "small.py", in: temp)
        let result = try homeport(["scan", "--max-file-size", "1K", "--no-color"], in: temp)
        #expect(result.status == 3)
        #expect(result.stdout.contains("small.py:1:6"))
        #expect(!result.stdout.contains("big.py:1"))
        #expect(result.stderr == "homeport: big.py: error: file is 3013 bytes, over the 1024-byte --max-file-size; not scanned\n")
        #expect(try homeport(["scan", "--max-file-size", "4K"], in: temp).status == 1)

        for bad in ["0", "-1", "1X", "65M", "big", "1.5M"] {
            let refused = try homeport(["scan", "--max-file-size", bad], in: temp)
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.stderr == "homeport: `--max-file-size` must be a size from 1 byte to 64M (bytes, or a number with K, M or G), not `\(bad)`\n", "\(bad)")
        }
    }

    /// A link git tracks is a path like any other in `git ls-files`: it must not take the scan, nor
    /// `fix`'s writes, to a file outside the repository.
    @Test func trackedSymlinksOutOfTheTreeAreNeitherReadNorWrittenThrough() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let victim = "M = \"gpt-4o\"\n"
        try write(victim, to: "outside/victim.py", in: temp)
        let repository = temp.appendingPathComponent("repo")
        try write("x = 1\n", to: "a.py", in: repository)
        try FileManager.default.createSymbolicLink(atPath: repository.appendingPathComponent("link.py").path,
                                                   withDestinationPath: "../outside/victim.py")
        try Run.requireGit(["init", "-q"], in: repository)
        try Run.requireGit(["add", "-A"], in: repository)
        try Run.requireGit(["commit", "-qm", "link"], in: repository)

        let scan = try homeport(["scan", "--no-color"], in: repository)
        #expect(scan.status == 0)
        #expect(!scan.stdout.contains("link.py"))
        let fix = try homeport(["fix", "--target", "deepseek"], in: repository)
        #expect(fix.status == 0)
        // Named, the link is scanned (the user asked for it), but fix does not write through it.
        let named = try homeport(["fix", "link.py", "--target", "deepseek"], in: repository)
        #expect(named.status == 3)
        #expect(named.stderr.contains("homeport: link.py: error: a symbolic link to a file outside the current folder; not rewritten\n"))
        #expect(try String(contentsOf: temp.appendingPathComponent("outside/victim.py"), encoding: .utf8) == victim)
    }

    /// File names are bytes: one that is not UTF-8 is scanned like any other (walked or listed by
    /// git), shown with U+FFFD where people read it, named exactly (percent-encoded bytes) in SARIF,
    /// and `fix` rewrites that very file. Names with spaces and line feeds are percent-encoded too.
    @Test(arguments: [false, true])
    func oddFileNames(inGit: Bool) throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("m = 'gpt-4o'\n", to: "with space.py", in: temp)
        try write("m = 'gpt-4o'\n", to: "line\nfeed.py", in: temp)
        let bad = Array(temp.path.utf8) + Array("/bad".utf8) + [0xFF] + Array(".py".utf8) + [0]
        let descriptor = bad.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        #expect(descriptor >= 0)
        _ = "m = 'gpt-4o'\n".utf8CString.withUnsafeBufferPointer { Glibc.write(descriptor, $0.baseAddress, $0.count - 1) }
        close(descriptor)
        if inGit {
            try Run.requireGit(["init", "-q"], in: temp)
        }
        let result = try homeport(["scan", "--format", "sarif"], in: temp)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout.contains("\"uri\": \"bad%FF.py\""))
        #expect(result.stdout.contains("\"uri\": \"with%20space.py\""))
        #expect(result.stdout.contains("\"uri\": \"line%0Afeed.py\""))
        let text = try homeport(["scan", "--no-color"], in: temp)
        #expect(text.stdout.contains("bad\u{FFFD}.py:1:6: warning[openai-model]"))
        // The diff names the odd files as git quotes them, so `git apply` writes the very same files.
        let diff = try homeport(["fix", "--diff"], in: temp)
        #expect(diff.stdout.contains("--- \"a/bad\\377.py\"\n+++ \"b/bad\\377.py\"\n"))
        #expect(diff.stdout.contains("--- \"a/line\\nfeed.py\"\n"))
        #expect(diff.stdout.contains("--- a/with space.py\t\n"))
        // git apply and GNU patch, on copies of the tree, give what fix writes, odd names and all.
        let fixedCopy = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fixedCopy) }
        #expect(try Run.process(URL(fileURLWithPath: "/usr/bin/env"), ["cp", "-a", temp.path + "/.", fixedCopy.path]).status == 0)
        #expect(try homeport(["fix"], in: fixedCopy).status == 0)
        #expect(try PatchCheck.problems(applying: diff.stdout, to: temp, expecting: fixedCopy) == [])
        try Data(diff.stdout.utf8).write(to: temp.appendingPathComponent("fix.diff"))
        let applied = try Run.process(URL(fileURLWithPath: "/usr/bin/git"), ["apply", "fix.diff"], in: temp)
        #expect(applied.status == 0, "\(applied.stderr)")
        try FileManager.default.removeItem(at: temp.appendingPathComponent("fix.diff"))
        let fixed = try homeport(["fix"], in: temp)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        // The file with the very same bytes in its name now holds the domestic model; no other appeared.
        let reread = bad.withUnsafeBufferPointer { buffer -> String? in
            guard let file = fopen(UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self), "r") else { return nil }
            defer { fclose(file) }
            var line = [CChar](repeating: 0, count: 256)
            return fgets(&line, 256, file).map { _ in String(cString: line) }
        }
        #expect(reread == "m = 'glm-5.3'\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.hasPrefix("bad") }.count == 1)
    }

    /// Permission bits do not stop root, so as root the scan runs as `nobody` (through setpriv); a
    /// root without setpriv cannot test this and says so.
    @Test(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "running as root without /usr/bin/setpriv: permission bits would not stop the reads"))
    func unreadableFilesAndFoldersAreNamedAndTheScanGoesOn() throws {
        let outer = try Run.temporaryDirectory()
        let temp = outer.appendingPathComponent("tree")
        defer {
            chmod(temp.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: outer)
        }
        for name in ["a.py", "noread.py", "locked/x.py"] { try write("m = 'gpt-4o'\n", to: name, in: temp) }
        chmod(temp.appendingPathComponent("noread.py").path, 0o000)
        chmod(temp.appendingPathComponent("locked").path, 0o000)
        let arguments = ["scan", ".", "--no-color"]
        let result: ProcessResult
        if getuid() == 0 {
            // `nobody` must reach the binary: a copy beside the tree (the build folder may be private).
            chmod(outer.path, 0o755)
            chmod(temp.path, 0o755)
            let binary = outer.appendingPathComponent("homeport")
            try FileManager.default.copyItem(at: TestPaths.homeportBinary, to: binary)
            result = try Run.process(URL(fileURLWithPath: "/usr/bin/setpriv"),
                                     ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments, in: temp)
        } else {
            result = try homeport(arguments, in: temp)
        }
        #expect(result.status == 3)
        #expect(result.stdout.contains("a.py:1:6"))
        #expect(result.stderr == """
            homeport: locked: error: cannot read directory: Permission denied
            homeport: noread.py: error: cannot read file: Permission denied

            """)
    }

    /// A named link loop says so (it was "no such file or directory"); walking never enters one.
    @Test func symbolicLinkLoops() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write("m = 'gpt-4o'\n", to: "a.py", in: temp)
        try FileManager.default.createSymbolicLink(atPath: temp.appendingPathComponent("one.py").path, withDestinationPath: "two.py")
        try FileManager.default.createSymbolicLink(atPath: temp.appendingPathComponent("two.py").path, withDestinationPath: "one.py")
        try FileManager.default.createSymbolicLink(atPath: temp.appendingPathComponent("up").path, withDestinationPath: ".")
        let named = try homeport(["scan", "a.py", "one.py"], in: temp)
        #expect(named.status == 3)
        #expect(named.stderr == "homeport: one.py: error: a loop of symbolic links\n")
        let walked = try homeport(["scan", "--format", "json"], in: temp)
        #expect(walked.status == 1)
        #expect(walked.stderr == "")
    }

    /// `baseline` finds the files `scan` finds with the same options, so a scan that follows links or
    /// limits sizes is judged against findings recorded the same way.
    @Test func baselineTakesTheDiscoveryOptionsOfScan() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let root = temp.appendingPathComponent("root")
        try write("m = 'gpt-4o'\n", to: "outside/other.py", in: temp)
        try write("m = 'gpt-4o'\n", to: "in.py", in: root)
        try write("m = 'gpt-4o'\n" + String(repeating: "# padding\n", count: 200), to: "big.py", in: root)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("outdir").path, withDestinationPath: "../outside")
        let recorded = try homeport(["baseline", "--follow-links", "--max-file-size", "1K", "-o", "base.json"], in: root)
        #expect(recorded.status == 3)
        #expect(recorded.stderr == """
            homeport: big.py: error: file is 2013 bytes, over the 1024-byte --max-file-size; not scanned
            homeport: recorded 2 findings in base.json

            """)
        let scanned = try homeport(["scan", "--follow-links", "--baseline", "base.json", "--format", "json", "in.py", "outdir"], in: root)
        #expect(scanned.status == 0, "\(scanned.stdout)")
    }

    /// Links out of the scanned folder (to a file, to a folder, and one back up to the root) are
    /// skipped; with --follow-links they are followed and the loop is entered once.
    @Test(arguments: [false, true])
    func linksOutOfTheTreeOnlyWithFollowLinks(inGit: Bool) throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let root = temp.appendingPathComponent("root")
        try write("m = 'gpt-4o'\n", to: "outside/other.py", in: temp)
        try write("m = 'gpt-4o'\n", to: "in.py", in: root)
        let link = { (name: String, target: String) in
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(name).path, withDestinationPath: target)
        }
        try link("outfile.py", "../outside/other.py")
        try link("outdir", "../outside")
        try link("up", ".")
        if inGit {
            try Run.requireGit(["init", "-q"], in: root)
            try Run.requireGit(["add", "-A"], in: root)
        }
        let paths = { (result: ProcessResult) in
            result.stdout.split(separator: "\n").filter { $0.contains(": warning[") }.map { String($0.prefix { $0 != ":" }) }.sorted()
        }
        let plain = try homeport(["scan", "--no-color"], in: root)
        #expect(paths(plain) == ["in.py"])
        let followed = try homeport(["scan", "--follow-links", "--no-color"], in: root)
        #expect(followed.status == 1)
        #expect(followed.stderr == "")
        #expect(paths(followed) == ["in.py", "outdir/other.py", "outfile.py"])
    }
}
