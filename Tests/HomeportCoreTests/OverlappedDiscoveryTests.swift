// Finding files while scanning them: the same targets, problems and report as finding them first.

import Foundation
@testable import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct OverlappedDiscoveryTests {
    private static let model = "import openai\nMODEL = \"gpt-4o\"\n"

    /// A tree with what git and a walk disagree on: ignored files, a folder a walk skips but git
    /// lists, a virtualenv, a link, a nested repository, files without an extension.
    private func makeTree(git: Bool) throws -> URL {
        let directory = try Run.temporaryDirectory()
        if git { try Run.requireGit(["init", "-q"], in: directory) }
        try write(Self.model, to: "a.py", in: directory)
        try write(Self.model, to: "pkg/b.py", in: directory)
        try write("print(1)\n", to: "pkg/deep/c.swift", in: directory)
        try write(Self.model, to: "ignored/d.py", in: directory)
        try write(Self.model, to: "e.log.py", in: directory)
        try write("ignored/\n*.log.py\n", to: ".gitignore", in: directory)
        try write(Self.model, to: "node_modules/f.py", in: directory)
        try write("home = /usr\n", to: "env/pyvenv.cfg", in: directory)
        try write(Self.model, to: "env/g.py", in: directory)
        try write("#!/usr/bin/env python3\nimport openai\n", to: "tool", in: directory)
        try write("not code\n", to: "notes.txt", in: directory)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/link.py", withDestinationPath: "a.py")
        if git {
            try Run.requireGit(["add", "a.py", "pkg/b.py"], in: directory)
            try write(Self.model, to: "nested/h.py", in: directory)
            try Run.requireGit(["init", "-q"], in: directory.appendingPathComponent("nested"))
        }
        return directory
    }

    @Test(arguments: [true, false]) func speculatingFindsTheSameTargets(git: Bool) throws {
        let directory = try makeTree(git: git)
        for paths in [[directory.path], [directory.path + "/pkg", directory.path], [directory.path + "/a.py", directory.path]] {
            let plain = FileDiscovery.targets(for: paths, workingDirectory: directory.path)
            var offered: [ScanTarget] = []
            let overlapped = FileDiscovery.targets(for: paths, workingDirectory: directory.path) { offered.append($0) }
            #expect(overlapped.targets == plain.targets)
            #expect(overlapped.problems == plain.problems)
            // What the walk offered before git answered is files of the folder (some maybe ignored ones).
            #expect(offered.allSatisfy { $0.fileSystemPath.hasPrefix(directory.path + "/") && !$0.isExplicit })
        }
    }

    /// The walk that overlaps git stops when told (git has answered), between folders and entries.
    @Test func aWalkStopsWhenTold() throws {
        let directory = try Run.temporaryDirectory()
        for folder in 0..<5 {
            for file in 0..<5 { try write("x = 1\n", to: "f\(folder)/m\(file).py", in: directory) }
        }
        var problems: [ScanProblem] = []
        let all = FileDiscovery.walk(directory.path, problems: &problems, base: directory.path)
        #expect(all.count == 25)
        #expect(FileDiscovery.walk(directory.path, problems: &problems, base: directory.path, stop: { true }).isEmpty)
        var offered = 0
        let part = FileDiscovery.walk(directory.path, problems: &problems, base: directory.path,
                                      found: { _ in offered += 1 }, stop: { offered >= 7 })
        #expect(part.count == 7 && offered == 7)
        #expect(Set(part).isSubset(of: Set(all)))
    }

    @Test(arguments: [true, false]) func planDiscoveredLaterIsTheSame(git: Bool) throws {
        let directory = try makeTree(git: git)
        let paths = [directory.path + "/a.py", directory.path]
        let eager = GatePlan(paths: paths, configurationFile: nil, workingDirectory: directory.path)
        var lazy = GatePlan(paths: paths, configurationFile: nil, workingDirectory: directory.path, discovering: false)
        #expect(!lazy.isDiscovered && lazy.targets.isEmpty)
        lazy.discover { _ in }
        #expect(lazy.isDiscovered)
        #expect(lazy.targets == eager.targets)
        #expect(lazy.problems == eager.problems)
    }

    /// Offers that are not targets are dropped, targets never offered are scanned, and a target
    /// offered differently (in a folder, then named) is scanned as the target.
    @Test func scanWhileDiscoveringGivesTheSameReport() throws {
        let directory = try makeTree(git: true)
        let found = FileDiscovery.targets(for: [directory.path + "/tool", directory.path], workingDirectory: directory.path)
        let setup = try Setup(configuration: Configuration(root: directory.path), options: Setup.Options())
        for threads in [1, 2, 3] {
            let scan = TreeScan(scanner: setup.scanner, threads: threads)
            let expected = scan.scan(found.targets)
            let report = scan.scan { speculate in
                var stray = ScanTarget(path: "ignored/d.py", fileSystemPath: directory.path + "/ignored/d.py",
                                       language: .python, isExplicit: false)
                stray.wasFoundRegular = true
                speculate(stray)
                for target in found.targets.reversed().dropFirst() {
                    var offered = target
                    offered.isExplicit = false
                    speculate(offered)
                    speculate(offered)
                }
                return found.targets
            }
            #expect(report.findings == expected.findings)
            #expect(report.problems == expected.problems)
            #expect(report.filesScanned == expected.filesScanned && report.bytesScanned == expected.bytesScanned)
            #expect(report.filesSkippedByPrefilter == expected.filesSkippedByPrefilter)
            #expect(report.findings.contains { $0.path.hasSuffix("tool") })
            #expect(!report.findings.contains { $0.path.hasSuffix("d.py") })
        }
    }
}
