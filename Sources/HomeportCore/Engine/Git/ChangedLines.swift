// `--since REV`: the lines added or changed since a revision, from `git diff`, for pull-request gates.

#if canImport(Glibc)
import Glibc
#endif

public struct ChangedLinesError: BilingualError {
    /// What went wrong, in both languages (git's own messages exist only in English).
    public var text: LocalizedText

    public init(_ text: LocalizedText) { self.text = text }

    public func description(in language: MessageLanguage) -> String { text.text(in: language) }
}

/// Lines added or changed in the work tree since the merge base of a revision and `HEAD` (what a
/// pull request shows), plus untracked files as wholly new. Paths are absolute.
public struct ChangedLines: Sendable {
    public var repositoryRoot: String
    /// Absolute path -> 1-based line ranges added or changed.
    public var ranges: [String: [ClosedRange<Int>]]
    /// Files git does not track yet: every line is new.
    public var newFiles: Set<String>

    public func contains(path absolutePath: String, line: Int) -> Bool {
        if newFiles.contains(absolutePath) { return true }
        return ranges[absolutePath]?.contains { $0.contains(line) } ?? false
    }

    public static func since(_ revision: String, in directory: String) throws -> ChangedLines {
        guard !revision.hasPrefix("-"), !revision.isEmpty else {
            throw ChangedLinesError(CoreMessage.sinceNotRevision.filled(["revision": revision]))
        }
        guard let root = try? git(["rev-parse", "--show-toplevel"], in: directory)
            .trimmingTrailingNewlines(), !root.isEmpty else {
            throw ChangedLinesError(CoreMessage.sinceNeedsWorkTree.filled(["path": directory]))
        }
        guard let commit = try? git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: root)
            .trimmingTrailingNewlines(), !commit.isEmpty else {
            throw ChangedLinesError(CoreMessage.sinceUnknownRevision.filled(["revision": revision]))
        }
        let base = (try? git(["merge-base", commit, "HEAD"], in: root).trimmingTrailingNewlines())
            .flatMap { $0.isEmpty ? nil : $0 } ?? commit
        // No external diff drivers or text conversion: the repository is data, never code.
        let diff = try git(["-c", "core.quotePath=false", "diff", "--no-ext-diff", "--no-textconv", "--no-color",
                            "--unified=0", "--find-renames", "--src-prefix=a/", "--dst-prefix=b/", base, "--"], in: root)
        var ranges: [String: [ClosedRange<Int>]] = [:]
        for (path, lines) in parseDiff(diff) { ranges[root + "/" + path] = lines }
        let untracked = try git(["ls-files", "--others", "--exclude-standard", "-z"], in: root)
        let newFiles = Set(untracked.split(separator: "\0").map { root + "/" + $0 })
        return ChangedLines(repositoryRoot: root, ranges: ranges, newFiles: newFiles)
    }

    /// Added line ranges per new-side path from `git diff --unified=0` output.
    public static func parseDiff(_ text: String) -> [String: [ClosedRange<Int>]] {
        var result: [String: [ClosedRange<Int>]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("+++ ") {
                let name = unquote(String(line.dropFirst(4)))
                current = name.hasPrefix("b/") ? String(name.dropFirst(2)) : nil  // nil for /dev/null
            } else if line.hasPrefix("@@ "), let path = current {
                // @@ -a[,b] +c[,d] @@
                guard let plus = line.split(separator: " ").first(where: { $0.hasPrefix("+") }) else { continue }
                let numbers = plus.dropFirst().split(separator: ",").compactMap { Int($0) }
                guard let start = numbers.first else { continue }
                let count = numbers.count > 1 ? numbers[1] : 1
                if count > 0 { result[path, default: []].append(start...(start + count - 1)) }
            }
        }
        return result
    }

    /// A path as git prints it: C-quoted (`"b/a\"b"`) when it has unusual characters.
    static func unquote(_ text: String) -> String {
        guard text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 else {
            return text.hasSuffix("\t") ? String(text.dropLast()) : text
        }
        var bytes: [UInt8] = []
        var input = Array(text.utf8.dropFirst().dropLast())[...]
        while let byte = input.popFirst() {
            guard byte == UInt8(ascii: "\\"), let next = input.popFirst() else { bytes.append(byte); continue }
            switch next {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(next - UInt8(ascii: "0"))
                for _ in 0..<2 {
                    guard let digit = input.first, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit) else { break }
                    value = value * 8 + Int(digit - UInt8(ascii: "0"))
                    input = input.dropFirst()
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            default: bytes.append(next)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func git(_ arguments: [String], in directory: String) throws -> String {
        do {
            return String(decoding: try ProcessRunner.git(arguments, in: directory), as: UTF8.self)
        } catch let error as GitError {
            throw ChangedLinesError(error.text)
        }
    }
}
