// Files that are listed and then gone (or replaced) before they are read: the tree changes under
// the scan. Each is one error, the rest is scanned.

import Foundation
import Testing
import HomeportTestSupport
@testable import HomeportCore

@Suite struct VanishingFileTests {
    @Test func filesThatVanishOrChangeKindAfterDiscoveryAreErrorsAndTheScanGoesOn() throws {
        let folder = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.py", "gone.py", "now_a_fifo.py", "now_a_folder.py"] { try write("m = 'gpt-4o'\n", to: name, in: folder) }
        let (targets, problems) = FileDiscovery.targets(for: [folder.path], workingDirectory: folder.path)
        #expect(problems.isEmpty && targets.count == 4)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("gone.py"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("now_a_fifo.py"))
        #expect(mkfifo(folder.appendingPathComponent("now_a_fifo.py").path, 0o644) == 0)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("now_a_folder.py"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("now_a_folder.py"), withIntermediateDirectories: false)

        let report = TreeScan(scanner: Scanner(rules: try RuleSet.bundled()), threads: 2).scan(targets)
        #expect(report.isIncomplete)
        #expect(report.findings.map(\.path) == ["a.py"])
        #expect(report.problems.map(\.description).sorted() == [
            "gone.py: error: cannot read file: No such file or directory",
            "now_a_fifo.py: error: a FIFO, not a regular file; not opened",
            "now_a_folder.py: error: cannot read file: is a directory",
        ])
    }
}
