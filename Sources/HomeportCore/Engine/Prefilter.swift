// Decides from a file's bytes alone whether it can contain a finding, so most files are only read.

/// A multi-literal, ASCII-case-insensitive search for the trigger literals of a rule set.
///
/// Every match of every rule contains one of its matcher's trigger literals in the source, unless
/// the literal is split by an escape sequence or by implicit string concatenation — the documented
/// price of the prefilter (`--no-prefilter` turns it off).
public struct Prefilter: Sendable {
    /// The literals searched, lowercased, none containing another.
    public let needles: [[UInt8]]
    /// Maps the first two lowercased bytes of a needle to `1 + index` of its group in `groups`.
    private let table: [UInt16]
    private let groups: [[[UInt8]]]
    /// False when some needle is shorter than two bytes: then every file passes.
    public let isSelective: Bool

    public init(literals: [String]) {
        var unique = Array(Set(literals.map { Array($0.utf8).map(ASCII.lower) })).sorted { $0.count < $1.count }
        // A needle containing a shorter needle adds nothing.
        var kept: [[UInt8]] = []
        for needle in unique where !kept.contains(where: { Prefilter.contains(needle, $0) }) {
            kept.append(needle)
        }
        unique = kept.sorted { $0.lexicographicallyPrecedes($1) }
        needles = unique
        isSelective = !unique.isEmpty && unique.allSatisfy { $0.count >= 2 }
        var table = [UInt16](repeating: 0, count: 65_536)
        var groups: [[[UInt8]]] = []
        if isSelective {
            for needle in unique {
                let key = Int(needle[0]) << 8 | Int(needle[1])
                if table[key] == 0 {
                    groups.append([])
                    table[key] = UInt16(groups.count)
                }
                groups[Int(table[key]) - 1].append(needle)
            }
        }
        self.table = table
        self.groups = groups
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// True when `bytes` contain one of the needles (ignoring ASCII case), or the filter is off.
    public func mayMatch(_ bytes: [UInt8]) -> Bool {
        guard isSelective else { return true }
        return bytes.withUnsafeBufferPointer { buffer in
            table.withUnsafeBufferPointer { table in
                let n = buffer.count
                guard n >= 2 else { return false }
                var previous = ASCII.lower(buffer[0])
                var i = 1
                while i < n {
                    let current = ASCII.lower(buffer[i])
                    let group = table[Int(previous) << 8 | Int(current)]
                    if group != 0 && matchesGroup(Int(group) - 1, at: i - 1, in: buffer) { return true }
                    previous = current
                    i += 1
                }
                return false
            }
        }
    }

    private func matchesGroup(_ group: Int, at start: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        for needle in groups[group] where start + needle.count <= buffer.count {
            var k = 2
            while k < needle.count && ASCII.lower(buffer[start + k]) == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        return false
    }
}
