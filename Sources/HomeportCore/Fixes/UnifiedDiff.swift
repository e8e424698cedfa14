// A unified diff of one file before and after edits, for `homeport fix --diff`.

public enum UnifiedDiff {
    /// `prefix` + `path` as a diff header names it: as is, or, for a name that is not UTF-8 (or holds
    /// a quote, backslash or control character), quoted as git does (`"a/caf\351.py"`, octal
    /// escapes), which `git apply` and GNU patch read back to the exact bytes.
    static func header(_ prefix: String, _ path: String) -> String {
        let bytes = Array(prefix.utf8) + Path.fileSystemBytes(path)
        let needsQuoting = Path.hasEscapes(path) || bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }
        guard needsQuoting else { return prefix + path }
        var out = "\""
        for byte in bytes {
            switch byte {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let octal = String(byte, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return out + "\""
    }

    /// The diff between `old` and `new` (which differ only inside whole lines the edits touched),
    /// with `context` lines around each change; empty when they are equal. Each of `secrets` is shown
    /// as its first `reveal` characters and `*` for the rest, wherever it appears: a diff is for
    /// reading, and a key in it would end up in CI logs. A masked line would not match the file, so
    /// context stops short of an unchanged line that holds a secret: the diff still applies.
    /// A change to a line that holds a secret cannot be shown, so it is withheld: the diff leaves
    /// that line as it was (see `withheldLines`), and whoever prints it says so.
    public static func render(path: String, old: [UInt8], new: [UInt8], context: Int = 3,
                              secrets: [(text: String, reveal: Int)] = []) -> String {
        let mask = masking(secrets)
        let oldLines = lines(old)
        let newLines = withholding(oldLines, lines(new), mask).lines
        guard oldLines != newLines else { return "" }
        // Edits never reorder lines: a common prefix and suffix bound each changed region, and
        // within it we walk both sides with a small LCS over the region only.
        let operations = diff(oldLines, newLines)
        let hidesSecret = operations.map { $0.kind == .same && mask($0.text) != $0.text }
        // As git does: a tab ends a name with a space, where GNU patch would otherwise cut it.
        let end = header("a/", path).contains(" ") && !header("a/", path).hasPrefix("\"") ? "\t\n" : "\n"
        var out = "--- \(header("a/", path))\(end)+++ \(header("b/", path))\(end)"
        var index = 0
        while index < operations.count {
            guard let firstChange = operations[index...].firstIndex(where: { $0.kind != .same }) else { break }
            var end = firstChange
            // Extend the hunk while changes are closer than 2 × context lines apart.
            while true {
                guard let nextSame = operations[end...].firstIndex(where: { $0.kind == .same }) else {
                    end = operations.count
                    break
                }
                let nextChange = operations[nextSame...].firstIndex(where: { $0.kind != .same })
                if let nextChange, nextChange - nextSame <= 2 * context, !hidesSecret[nextSame..<nextChange].contains(true) {
                    end = nextChange
                } else {
                    end = nextSame
                    break
                }
            }
            var start = max(index, firstChange - context)
            if let secret = hidesSecret[start..<firstChange].lastIndex(of: true) { start = secret + 1 }
            var stop = min(operations.count, end + context)
            if let secret = hidesSecret[end..<stop].firstIndex(of: true) { stop = secret }
            let hunk = operations[start..<stop]
            let oldStart = (hunk.first?.oldLine ?? 0) + 1
            let newStart = (hunk.first?.newLine ?? 0) + 1
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for operation in hunk {
                switch operation.kind {
                case .same: out += " " + mask(operation.text)
                case .delete: out += "-" + mask(operation.text)
                case .insert: out += "+" + mask(operation.text)
                }
                // On the UTF-8 view: "\r\n" is one Character, which `hasSuffix("\n")` does not match.
                if operation.text.utf8.last != 0x0A { out += "\n\\ No newline at end of file\n" }
            }
            index = stop
        }
        return out
    }

    /// The 1-based lines of `old` whose change `render` withholds because the changed lines hold
    /// one of `secrets`; `homeport fix` without `--diff` still makes them.
    public static func withheldLines(old: [UInt8], new: [UInt8], secrets: [(text: String, reveal: Int)]) -> [Int] {
        withholding(lines(old), lines(new), masking(secrets)).withheld
    }

    static func masking(_ secrets: [(text: String, reveal: Int)]) -> (String) -> String {
        { line in
            secrets.reduce(line) { line, secret in
                line.replacing(secret.text, with: secret.text.prefix(secret.reveal)
                               + String(repeating: "*", count: max(0, secret.text.count - secret.reveal)))
            }
        }
    }

    /// `new` with each changed run that holds a secret put back as it was in `old`, and the first
    /// old line of each such run.
    private static func withholding(_ old: [String], _ new: [String], _ mask: (String) -> String)
        -> (lines: [String], withheld: [Int]) {
        let operations = diff(old, new)
        var lines: [String] = []
        var withheld: [Int] = []
        var index = 0
        while index < operations.count {
            guard operations[index].kind != .same else {
                lines.append(operations[index].text)
                index += 1
                continue
            }
            let end = operations[index...].firstIndex { $0.kind == .same } ?? operations.count
            let deleted = operations[index..<end].filter { $0.kind == .delete }
            let inserted = operations[index..<end].filter { $0.kind == .insert }
            // Edits inside lines pair each old line with its new one: only the pairs with a secret
            // are withheld. Otherwise the run stands or falls as a whole.
            let pairs = deleted.count == inserted.count
                ? zip(deleted, inserted).map { ([$0], [$1]) } : [(deleted, inserted)]
            for (before, after) in pairs {
                if (before + after).contains(where: { mask($0.text) != $0.text }) {
                    withheld.append((before.first ?? after.first!).oldLine + 1)
                    lines += before.map(\.text)
                } else {
                    lines += after.map(\.text)
                }
            }
            index = end
        }
        return (lines, withheld)
    }

    struct Operation {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var text: String
        var oldLine: Int
        var newLine: Int
    }

    static func lines(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            result.append(String(decoding: bytes[start...i], as: UTF8.self))
            start = i + 1
        }
        if start < bytes.count { result.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return result
    }

    static func diff(_ old: [String], _ new: [String]) -> [Operation] {
        var prefix = 0
        while prefix < old.count && prefix < new.count && old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix && suffix < new.count - prefix
                && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var operations: [Operation] = (0..<prefix).map { Operation(kind: .same, text: old[$0], oldLine: $0, newLine: $0) }
        let oldMiddle = Array(old[prefix..<(old.count - suffix)])
        let newMiddle = Array(new[prefix..<(new.count - suffix)])
        let n = oldMiddle.count, m = newMiddle.count
        if n == m {
            // Edits inside lines keep the line count: pair lines up, grouping each changed run as
            // its deletions followed by its insertions.
            var k = 0
            while k < n {
                if oldMiddle[k] == newMiddle[k] {
                    operations.append(Operation(kind: .same, text: oldMiddle[k], oldLine: prefix + k, newLine: prefix + k))
                    k += 1
                    continue
                }
                var end = k
                while end < n && oldMiddle[end] != newMiddle[end] { end += 1 }
                for r in k..<end {
                    operations.append(Operation(kind: .delete, text: oldMiddle[r], oldLine: prefix + r, newLine: prefix + k))
                }
                for r in k..<end {
                    operations.append(Operation(kind: .insert, text: newMiddle[r], oldLine: prefix + end, newLine: prefix + r))
                }
                k = end
            }
            appendSuffix(&operations, old: old, new: new, suffix: suffix)
            return operations
        }
        guard n * m <= 4_000_000 else {
            // Too large to align: show the changed middle as replaced.
            for r in 0..<n { operations.append(Operation(kind: .delete, text: oldMiddle[r], oldLine: prefix + r, newLine: prefix)) }
            for r in 0..<m { operations.append(Operation(kind: .insert, text: newMiddle[r], oldLine: prefix + n, newLine: prefix + r)) }
            appendSuffix(&operations, old: old, new: new, suffix: suffix)
            return operations
        }
        // LCS table over the changed middle only.
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    table[i][j] = oldMiddle[i] == newMiddle[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
        }
        var i = 0, j = 0
        while i < n || j < m {
            if i < n && j < m && oldMiddle[i] == newMiddle[j] {
                operations.append(Operation(kind: .same, text: oldMiddle[i], oldLine: prefix + i, newLine: prefix + j))
                i += 1; j += 1
            } else if i < n && (j == m || table[i + 1][j] >= table[i][j + 1]) {
                // Deletions before insertions, as diff(1) shows a changed line.
                operations.append(Operation(kind: .delete, text: oldMiddle[i], oldLine: prefix + i, newLine: prefix + j))
                i += 1
            } else {
                operations.append(Operation(kind: .insert, text: newMiddle[j], oldLine: prefix + i, newLine: prefix + j))
                j += 1
            }
        }
        appendSuffix(&operations, old: old, new: new, suffix: suffix)
        return operations
    }

    private static func appendSuffix(_ operations: inout [Operation], old: [String], new: [String], suffix: Int) {
        for k in 0..<suffix {
            let oldIndex = old.count - suffix + k
            operations.append(Operation(kind: .same, text: old[oldIndex], oldLine: oldIndex, newLine: new.count - suffix + k))
        }
    }
}
