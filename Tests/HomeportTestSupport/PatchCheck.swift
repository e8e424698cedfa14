// Applies a `homeport fix --diff` output the way a user would — `git apply` and GNU `patch` — to
// copies of the tree it was made from, and compares each result with what `homeport fix` wrote.

import Foundation

public enum PatchCheck {
    /// What went wrong applying `diff` to copies of `original` (the tree before the fix) with each
    /// tool, or where a result differs from `fixed` (the same tree after `homeport fix`); empty when
    /// both tools apply it cleanly and produce exactly `fixed`. Names are compared as bytes (`cp -a`,
    /// `diff -r`), so files whose names are not UTF-8 are checked too; `.git` is left out.
    /// `withheld` names, per relative path, the lines whose change the diff withholds (a key is on
    /// them): there the result must still hold the original line, and elsewhere what fix wrote.
    public static func problems(applying diff: String, to original: URL, expecting fixed: URL,
                                withheld: [String: Set<Int>] = [:]) throws -> [String] {
        let scratch = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let patchFile = scratch.appendingPathComponent("fix.diff")
        try Data(diff.utf8).write(to: patchFile)
        let tools: [(name: String, command: [String])] = [
            ("git apply", ["git", "apply", "--whitespace=nowarn", patchFile.path]),
            ("patch", ["patch", "-p1", "--batch", "--no-backup-if-mismatch", "--input", patchFile.path]),
        ]
        var problems: [String] = []
        for (index, tool) in tools.enumerated() {
            let copy = scratch.appendingPathComponent("tree\(index)")
            let copied = try shell(["cp", "-a", original.path + "/.", copy.path])
            guard copied.status == 0 else { throw CommandFailed(description: "cp: \(copied.stderr)") }
            let applied = try shell(tool.command, in: copy)
            guard applied.status == 0 else {
                problems.append("\(tool.name) refuses the diff: \(applied.stdout)\(applied.stderr)")
                continue
            }
            for (path, lines) in withheld {
                let read = { (root: URL) in
                    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
                        .split(separator: "\n", omittingEmptySubsequences: false)
                }
                let (before, after, applied) = (try read(original), try read(fixed), try read(copy))
                let expected = before.count == after.count
                    ? before.indices.map { lines.contains($0 + 1) ? before[$0] : after[$0] } : after
                if applied != expected { problems.append("\(tool.name) writes something else than fix in \(path)") }
                // Compared above; the tree comparison leaves it out.
                try Data(contentsOf: fixed.appendingPathComponent(path)).write(to: copy.appendingPathComponent(path))
            }
            let compared = try shell(["diff", "-r", "--exclude=.git", fixed.path, copy.path])
            if compared.status != 0 {
                problems.append("\(tool.name) writes something else than fix: \(compared.stdout)\(compared.stderr)")
            }
        }
        return problems
    }

    /// The lines `homeport fix --diff` said it withheld on standard error, per path.
    public static func withheldLines(in stderr: String) -> [String: Set<Int>] {
        var result: [String: Set<Int>] = [:]
        for line in stderr.split(separator: "\n") where line.contains(": not in the diff: ") {
            let location = line.dropFirst("homeport: ".count).prefix { $0 != " " }.dropLast()
            guard let colon = location.lastIndex(of: ":"), let number = Int(location[location.index(after: colon)...]) else { continue }
            result[String(location[..<colon]), default: []].insert(number)
        }
        return result
    }

    private static func shell(_ command: [String], in directory: URL? = nil) throws -> ProcessResult {
        try Run.process(URL(fileURLWithPath: "/usr/bin/env"), command, in: directory)
    }
}
