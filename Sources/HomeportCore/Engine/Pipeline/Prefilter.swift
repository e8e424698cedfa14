// Decides from a file's bytes alone whether it can contain a finding, so most files are only read.

/// A multi-literal, ASCII-case-insensitive search for the triggers of a rule set.
///
/// Every match of every rule contains one of its matcher's trigger literals in the source, unless
/// the literal is split by an escape sequence or by implicit string concatenation — the documented
/// price of the prefilter (`--no-prefilter` turns it off).
public struct Prefilter: Sendable {
    /// The literals searched, lowercased.
    public let needles: [[UInt8]]
    /// For each needle: finding it alone lets the file through (else it only counts toward a conjunction).
    private let decisive: [Bool]
    /// `Trigger.allOf` conditions: each a list of groups of needle indices, one of each group needed.
    private let conjunctions: [[[Int]]]
    /// Maps the first two lowercased bytes of a needle to `1 + index` of its bucket in `buckets`.
    private let table: [UInt16]
    private let buckets: [[Int]]
    /// False when some needle is shorter than two bytes: then every file passes.
    public let isSelective: Bool

    public init(literals: [String]) {
        self.init(triggers: literals.map(Trigger.literal))
    }

    public init(triggers: [Trigger]) {
        let lowered = { (text: String) in Array(text.utf8).map(ASCII.lower) }
        var decisiveNeedles = Set<[UInt8]>()
        for case .literal(let text) in triggers { decisiveNeedles.insert(lowered(text)) }
        // A needle containing a shorter decisive needle adds nothing: that one is found first.
        var kept: [[UInt8]] = []
        for needle in decisiveNeedles.sorted(by: { $0.count < $1.count })
        where !kept.contains(where: { Prefilter.contains(needle, $0) }) {
            kept.append(needle)
        }
        var needles = kept.sorted { $0.lexicographicallyPrecedes($1) }
        var decisive = [Bool](repeating: true, count: needles.count)
        var conjunctions: [[[Int]]] = []
        for case .allOf(let groups) in triggers {
            var indexGroups: [[Int]] = []
            for group in groups.map({ $0.map(lowered) }) {
                indexGroups.append(group.map { needle in
                    if let index = needles.firstIndex(of: needle) { return index }
                    needles.append(needle)
                    decisive.append(false)
                    return needles.count - 1
                })
            }
            conjunctions.append(indexGroups)
        }
        self.needles = needles
        self.decisive = decisive
        self.conjunctions = conjunctions
        isSelective = !needles.isEmpty && needles.allSatisfy { $0.count >= 2 }
        var table = [UInt16](repeating: 0, count: 65_536)
        var buckets: [[Int]] = []
        if isSelective {
            for (index, needle) in needles.enumerated() {
                let key = Int(needle[0]) << 8 | Int(needle[1])
                if table[key] == 0 {
                    buckets.append([])
                    table[key] = UInt16(buckets.count)
                }
                buckets[Int(table[key]) - 1].append(index)
            }
        }
        self.table = table
        self.buckets = buckets
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// True when `bytes` contain a decisive needle or satisfy a conjunction (ignoring ASCII case),
    /// or the filter is off.
    public func mayMatch(_ bytes: [UInt8]) -> Bool {
        guard isSelective else { return true }
        var found = [Bool](repeating: false, count: needles.count)
        let decided = bytes.withUnsafeBufferPointer { buffer in
            table.withUnsafeBufferPointer { table in
                let n = buffer.count
                guard n >= 2 else { return false }
                var previous = ASCII.lower(buffer[0])
                var i = 1
                while i < n {
                    let current = ASCII.lower(buffer[i])
                    let bucket = table[Int(previous) << 8 | Int(current)]
                    if bucket != 0 && scanBucket(Int(bucket) - 1, at: i - 1, in: buffer, found: &found) {
                        return true
                    }
                    previous = current
                    i += 1
                }
                return false
            }
        }
        if decided { return true }
        return conjunctions.contains { groups in groups.allSatisfy { group in group.contains { found[$0] } } }
    }

    /// Checks the bucket's needles at `start`; true when a decisive one matches.
    private func scanBucket(_ bucket: Int, at start: Int, in buffer: UnsafeBufferPointer<UInt8>,
                            found: inout [Bool]) -> Bool {
        for index in buckets[bucket] where !found[index] {
            let needle = needles[index]
            guard start + needle.count <= buffer.count else { continue }
            var k = 2
            while k < needle.count && ASCII.lower(buffer[start + k]) == needle[k] { k += 1 }
            guard k == needle.count else { continue }
            if decisive[index] { return true }
            found[index] = true
        }
        return false
    }
}
