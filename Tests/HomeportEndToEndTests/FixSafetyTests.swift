// `homeport fix` under stress: killed at random points while rewriting a large tree, and on files
// it must not rewrite.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct FixSafetyTests {
    static let old = "MODEL = \"gpt-4o\"\nURL = \"https://api.openai.com/v1\"\n" + String(repeating: "# filler line\n", count: 200)
    static let new = "MODEL = \"deepseek-v4-pro\"\nURL = \"https://api.deepseek.com\"\n" + String(repeating: "# filler line\n", count: 200)

    /// SIGKILL at random moments: every file is then wholly old or wholly new (never cut short,
    /// never empty), and a final run finishes the job.
    @Test func killedAtRandomPointsEveryFileIsWhollyOldOrNew() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let names = (0..<600).map { "pkg\($0 % 15)/module_\($0).py" }
        for name in names { try write(Self.old, to: name, in: temp) }
        var random = SeededGenerator(seed: 10)
        var killedMidway = 0
        var remaining = names
        for _ in 0..<6 where !remaining.isEmpty {
            let process = Process()
            process.executableURL = TestPaths.homeportBinary
            process.arguments = ["fix", ".", "--target", "deepseek", "--jobs", "1"]
            process.currentDirectoryURL = temp
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Files are rewritten in path order, after the scan: wait for the first, then kill a little later.
            let firstToWrite = temp.appendingPathComponent(remaining.min()!)
            while process.isRunning, (try? String(contentsOf: firstToWrite, encoding: .utf8)) != Self.new { usleep(2_000) }
            usleep(UInt32.random(in: 0...150_000, using: &random))
            let killed = process.isRunning
            if killed { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let before = remaining.count
            remaining = try names.filter { name in
                let text = try String(contentsOf: temp.appendingPathComponent(name), encoding: .utf8)
                #expect(text == Self.old || text == Self.new, "\(name) is half written")
                return text == Self.old
            }
            if killed && remaining.count < before && !remaining.isEmpty { killedMidway += 1 }
        }
        #expect(killedMidway > 0, "no run was killed while it was writing: nothing was tested")
        let last = try Run.homeport(["fix", ".", "--target", "deepseek"], in: temp)
        #expect(last.status == 0, "\(last.stderr)")
        for name in names {
            #expect(try String(contentsOf: temp.appendingPathComponent(name), encoding: .utf8) == Self.new)
        }
        // A killed run may leave its temporary file (`.homeport-PID-NAME`) beside the one it was writing.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: temp.path).filter { $0.contains(".homeport-") }
        #expect(leftovers.count <= killedMidway, "\(leftovers)")
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
