// `homeport fix` under stress: killed at random points while rewriting a large tree, and on files
// it must not rewrite.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct FixSafetyTests {
    static let old = "MODEL = \"gpt-4o\"\nURL = \"https://api.openai.com/v1\"\n" + String(repeating: "# filler line\n", count: 200)
    static let new = "MODEL = \"deepseek-v4-pro\"\nURL = \"https://api.deepseek.com\"\n" + String(repeating: "# filler line\n", count: 200)

    /// SIGKILL at known points of the rewrite — the Nth file's new text written beside it, not yet
    /// renamed (the writer stops itself there: HOMEPORT_TEST_STOP_BEFORE_RENAME) — leaves every file
    /// wholly old or wholly new: the N - 1 before it new, it and the rest old, its temporary file
    /// complete beside it. A final run finishes the job.
    @Test(arguments: [1, 2, 300, 600])
    func killedBeforeARenameEveryFileIsWhollyOldOrNew(stopAt: Int) throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let names = (0..<600).map { "pkg\($0 % 15)/module_\($0).py" }
        for name in names { try write(Self.old, to: name, in: temp) }
        let process = Process()
        process.executableURL = TestPaths.homeportBinary
        process.arguments = ["fix", ".", "--target", "deepseek", "--jobs", "1"]
        process.currentDirectoryURL = temp
        process.environment = ProcessInfo.processInfo.environment.merging(["HOMEPORT_TEST_STOP_BEFORE_RENAME": String(stopAt)]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the writer has stopped itself ("T" in /proc/PID/stat), then kill it there.
        let stat = "/proc/\(process.processIdentifier)/stat"
        while process.isRunning, (try? String(contentsOfFile: stat, encoding: .utf8))?.split(separator: ")").last?.split(separator: " ").first != "T" {
            usleep(1_000)
        }
        #expect(process.isRunning, "fix ended before it wrote file \(stopAt)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Files are rewritten in path order.
        let ordered = names.sorted()
        for (index, name) in ordered.enumerated() {
            let text = try String(contentsOf: temp.appendingPathComponent(name), encoding: .utf8)
            #expect(text == (index < stopAt - 1 ? Self.new : Self.old), "\(name) after a kill at file \(stopAt)")
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: temp.path).filter { $0.contains(".homeport-") }
        #expect(leftovers.count == 1, "\(leftovers)")
        if let leftover = leftovers.first {
            #expect(leftover.hasSuffix("-" + URL(fileURLWithPath: ordered[stopAt - 1]).lastPathComponent))
            #expect(try String(contentsOf: temp.appendingPathComponent(leftover), encoding: .utf8) == Self.new)
        }
        let last = try Run.homeport(["fix", ".", "--target", "deepseek"], in: temp)
        #expect(last.status == 0, "\(last.stderr)")
        for name in names {
            #expect(try String(contentsOf: temp.appendingPathComponent(name), encoding: .utf8) == Self.new)
        }
    }

    /// A file nobody may write is reported and left alone, even when the folder would let a rename
    /// replace it (as it does for root).
    @Test func readOnlyFilesAreReportedNotRewritten() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try write(Self.old, to: "locked.py", in: temp)
        try write(Self.old, to: "open.py", in: temp)
        let locked = temp.appendingPathComponent("locked.py")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: locked.path)
        let result = try Run.homeport(["fix", ".", "--target", "deepseek"], in: temp)
        #expect(result.status == 3)
        #expect(result.stderr.contains("homeport: locked.py: error: read-only file; not rewritten\n"))
        #expect(try String(contentsOf: locked, encoding: .utf8) == Self.old)
        #expect(try String(contentsOf: temp.appendingPathComponent("open.py"), encoding: .utf8) == Self.new)
    }
}
