// Decides from a file's bytes alone whether it can contain a finding, so most files are only read.

import CHomeportSIMD

/// A multi-literal, ASCII-case-insensitive search for the triggers of a rule set.
///
/// Every match of every rule contains one of its matcher's trigger literals in the source, unless
/// the literal is split by an escape sequence or by implicit string concatenation — the documented
/// price of the prefilter (`--no-prefilter` turns it off).
///
/// All needles are searched in one pass over the bytes: each needle is anchored at the pair of
/// adjacent bytes in it that is rarest in source code (`gp` of `gpt-`, `gi` of `engine`), a table
/// indexed by the pair says whether some needle is anchored there, and only at such a pair are the
/// needles anchored on it compared whole. The loop looks at eight pairs at a time, each a 16-bit
/// load and a table load ORed into one word, branch-free. A pair's key is its two bytes with bit 5
/// set (`| 0x2020`), which folds ASCII case, and a few other bytes onto each other (`\r` onto
/// `-`): more pairs are compared whole, none is missed. The table is indexed by the pair as it
/// is in memory, each anchor entered under every pair whose key it is, so the loop need not fold.
///
/// Where the processor has SSSE3 or AVX2, a vector search (`homeport_next_anchor`, Teddy's
/// nibble masks) first skips, 16 or 32 positions at a time, the positions whose key cannot be an
/// anchor's; only those it admits are looked up in the table. It admits every anchor's key (and
/// a few others), so the decision is the table loop's.
public struct Prefilter: Sendable {
    /// The literals searched, lowercased.
    public let needles: [[UInt8]]
    /// For each needle: finding it alone lets the file through (else it only counts toward a conjunction).
    private let decisive: [Bool]
    /// For each needle: it counts only as a whole word (`TriggerText.wholeWord`).
    private let wholeWord: [Bool]
    /// For each needle: it counts only in the case written (`TriggerText.exactCase`; then `needles`
    /// holds it as written, not lowercased).
    private let exactCase: [Bool]
    /// `Trigger.allOf` conditions: each a list of groups of needle indices, one of each group needed.
    private let conjunctions: [[[Int]]]
    /// Maps two adjacent bytes (as the little-endian word they form) to `1 + index` of the bucket in
    /// `bucketStarts` of their key (`pairKey`), 0 where no needle is anchored on it.
    private let table: [UInt16]
    /// The needles anchored on each pair, with the anchor's offset in the needle, all buckets in one
    /// array (bucket `b` is `bucketEntries[bucketStarts[b]..<bucketStarts[b + 1]]`), and `needles`
    /// in one array of bytes (needle `i` from `needleStarts[i]` to `needleStarts[i + 1]`): comparing
    /// at a hit copies no array, so it counts no references.
    private let bucketEntries: [(needle: Int, offset: Int)]
    private let bucketStarts: [Int]
    private let needleBytes: [UInt8]
    private let needleStarts: [Int]
    /// False when some needle is shorter than two bytes: then every file passes.
    public let isSelective: Bool
    /// The anchors' keys as the vector search's nibble masks (`HomeportSIMD.h`).
    private let pairMasks: [UInt8]
    /// The vector search used: 2 AVX2, 1 SSSE3, 0 none (the table loop alone). Tests set it to
    /// compare each search with the table loop.
    var vectorLevel = Prefilter.processorVectorLevel

    /// What this processor runs (`homeport_pair_search_level`).
    static let processorVectorLevel = Int32(homeport_pair_search_level())

    public init(literals: [String]) {
        self.init(triggers: literals.map(Trigger.literal))
    }

    public init(triggers: [Trigger]) {
        let lowered = { (text: String) in Array(text.utf8).map { Prefilter.fold[Int($0)] } }
        var decisiveNeedles: [[UInt8]] = []
        for case .literal(let text) in triggers { decisiveNeedles.append(lowered(text)) }
        // A needle containing a shorter (or the same) decisive needle adds nothing: that one is found
        // first. This runs at every start-up for ~500 literals: a needle is compared only with the
        // kept ones whose bytes (by their low six bits) it all has.
        var kept: [[UInt8]] = []
        var keptBytes: [UInt64] = []
        for needle in decisiveNeedles.sorted(by: { $0.count < $1.count }) {
            let bytes = needle.reduce(UInt64(0)) { $0 | 1 << ($1 & 63) }
            guard !kept.indices.contains(where: { keptBytes[$0] & ~bytes == 0 && Prefilter.contains(needle, kept[$0]) })
            else { continue }
            kept.append(needle)
            keptBytes.append(bytes)
        }
        var needles = kept.sorted { $0.lexicographicallyPrecedes($1) }
        var decisive = [Bool](repeating: true, count: needles.count)
        var wholeWord = [Bool](repeating: false, count: needles.count)
        var exactCase = [Bool](repeating: false, count: needles.count)
        var conjunctions: [[[Int]]] = []
        for case .allOf(let groups) in triggers {
            var indexGroups: [[Int]] = []
            for group in groups {
                indexGroups.append(group.map { text in
                    let needle = text.exactCase ? Array(text.text.utf8) : lowered(text.text)
                    if let index = needles.indices.first(where: {
                        needles[$0] == needle && wholeWord[$0] == text.wholeWord && exactCase[$0] == text.exactCase
                    }) {
                        return index
                    }
                    needles.append(needle)
                    decisive.append(false)
                    wholeWord.append(text.wholeWord)
                    exactCase.append(text.exactCase)
                    return needles.count - 1
                })
            }
            conjunctions.append(indexGroups)
        }
        self.needles = needles
        self.decisive = decisive
        self.wholeWord = wholeWord
        self.exactCase = exactCase
        self.conjunctions = conjunctions
        isSelective = !needles.isEmpty && needles.allSatisfy { $0.count >= 2 }
        var table = [UInt16](repeating: 0, count: 65_536)
        var buckets: [[(needle: Int, offset: Int)]] = []
        var keys: [Int] = []
        if isSelective {
            for (index, needle) in needles.enumerated() {
                let offset = Prefilter.anchor(of: needle)
                let key = Prefilter.pairKey(needle[offset], needle[offset + 1])
                if table[key] == 0 {
                    keys.append(key)
                    buckets.append([])
                    // Every pair whose key this is (bit 5 of each byte set or clear) shares the bucket.
                    for clear in [0, 0x0020, 0x2000, 0x2020] { table[key & ~clear] = UInt16(buckets.count) }
                }
                buckets[Int(table[key]) - 1].append((index, offset))
            }
        }
        self.table = table
        pairMasks = Prefilter.pairMasks(keys: keys)
        bucketEntries = buckets.flatMap { $0 }
        bucketStarts = buckets.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        needleBytes = needles.flatMap { $0 }
        needleStarts = needles.reduce(into: [0]) { $0.append($0.last! + $1.count) }
    }

    /// The nibble masks of the vector search for anchors' `keys`, in eight buckets. A bucket stops
    /// the search at every pair whose four nibbles each occur in it, so keys share a bucket where
    /// that adds fewest pairs (the product of the four nibble sets' sizes grows least).
    static func pairMasks(keys: [Int]) -> [UInt8] {
        // Bucket b's nibbles, as bit sets: first byte low, high, second byte low, high at 4b ... 4b + 3;
        // and how many pairs it admits. (This runs at every start-up: nothing is allocated per key.)
        var nibbles = [UInt16](repeating: 0, count: 32)
        var admitted = [Int](repeating: 0, count: 8)
        nibbles.withUnsafeMutableBufferPointer { nibbles in
            admitted.withUnsafeMutableBufferPointer { admitted in
                for key in keys {
                    let low0 = UInt16(1) << (key & 15), high0 = UInt16(1) << ((key >> 4) & 15)
                    let low1 = UInt16(1) << ((key >> 8) & 15), high1 = UInt16(1) << ((key >> 12) & 15)
                    var best = 0
                    var bestCount = 0
                    var bestGrowth = Int.max
                    for bucket in 0..<8 {
                        let at = bucket &* 4
                        let count = (nibbles[at] | low0).nonzeroBitCount &* (nibbles[at &+ 1] | high0).nonzeroBitCount
                            &* (nibbles[at &+ 2] | low1).nonzeroBitCount &* (nibbles[at &+ 3] | high1).nonzeroBitCount
                        if count &- admitted[bucket] < bestGrowth {
                            best = bucket
                            bestCount = count
                            bestGrowth = count &- admitted[bucket]
                        }
                    }
                    nibbles[best &* 4] |= low0
                    nibbles[best &* 4 &+ 1] |= high0
                    nibbles[best &* 4 &+ 2] |= low1
                    nibbles[best &* 4 &+ 3] |= high1
                    admitted[best] = bestCount
                }
            }
        }
        var masks = [UInt8](repeating: 0, count: 64)
        for bucket in 0..<8 {
            for part in 0..<4 {
                var set = nibbles[bucket * 4 + part]
                while set != 0 {
                    masks[part * 16 + set.trailingZeroBitCount] |= 1 << bucket
                    set &= set - 1
                }
            }
        }
        return masks
    }

    /// The key of two adjacent bytes: as the little-endian 16-bit word they form, with bit 5 of
    /// each set (what the search loop computes from the bytes in memory).
    @inline(__always) static func pairKey(_ first: UInt8, _ second: UInt8) -> Int {
        Int(UInt16(first) | UInt16(second) << 8 | 0x2020)
    }

    /// ASCII letters lowercased, every other byte itself.
    static let fold: [UInt8] = (0...255).map { UInt8($0) >= 0x41 && UInt8($0) <= 0x5A ? UInt8($0) | 0x20 : UInt8($0) }

    /// The offset of the needle's rarest pair of adjacent bytes, by the frequency of bytes in source code.
    static func anchor(of needle: [UInt8]) -> Int {
        var best = 0
        var bestScore = Int.max
        for offset in 0..<(needle.count - 1) {
            let pair = UInt16(needle[offset]) | UInt16(needle[offset + 1]) << 8
            // A pair common in words (`ng` of every `string`) is more frequent than its bytes' product says.
            let score = frequency(needle[offset]) * frequency(needle[offset + 1]) * (commonPairs.contains(pair) ? 4 : 1)
            if score < bestScore { best = offset; bestScore = score }
        }
        return best
    }

    /// Pairs of letters far more frequent in identifiers and words than their letters' frequencies make them.
    /// Each as the little-endian word of its two bytes (a short list: searched, not hashed).
    static let commonPairs: [UInt16] = ["in", "er", "re", "on", "st", "at", "en", "es", "te", "or", "an", "ti", "nt",
                                        "ng", "ar", "al", "le", "se", "ou", "it", "is", "ed", "io", "ro", "ri", "ic",
                                        "ra", "co", "de"].map { (word: StaticString) in
        word.withUTF8Buffer { UInt16($0[0]) | UInt16($0[1]) << 8 }
    }

    /// A rough frequency of a lowercased byte in source code (per mille); only the order matters.
    static func frequency(_ byte: UInt8) -> Int {
        switch byte {
        case 0x20, 0x0A: return 150
        case UInt8(ascii: "e"): return 90
        case UInt8(ascii: "t"): return 70
        case UInt8(ascii: "a"), UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "o"), UInt8(ascii: "r"),
             UInt8(ascii: "s"): return 55
        case UInt8(ascii: "l"), UInt8(ascii: "c"), UInt8(ascii: "d"): return 35
        case UInt8(ascii: "u"), UInt8(ascii: "m"), UInt8(ascii: "p"), UInt8(ascii: "h"), UInt8(ascii: "f"),
             UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"): return 22
        case UInt8(ascii: "g"), UInt8(ascii: "y"), UInt8(ascii: "b"), UInt8(ascii: "w"), UInt8(ascii: "v"),
             UInt8(ascii: ","), UInt8(ascii: "="), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "0"),
             UInt8(ascii: "1"), UInt8(ascii: "2"): return 12
        case UInt8(ascii: "k"), UInt8(ascii: "x"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "/"),
             0x30...0x39: return 6
        default: return 3
        }
    }

    /// Whether `needle` occurs in `haystack` (asked for every pair of needles at start-up: a plain loop).
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) {
            var k = 0
            while k < needle.count && haystack[start + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        return false
    }

    /// True when `bytes` contain a decisive needle or satisfy a conjunction (ignoring ASCII case),
    /// or the filter is off.
    public func mayMatch(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { mayMatch($0) }
    }

    /// True when `buffer` contains a decisive needle or satisfies a conjunction (ignoring ASCII
    /// case), or the filter is off.
    public func mayMatch(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isSelective else { return true }
        var found: [Bool] = []
        let n = buffer.count
        guard n >= 2, let base = buffer.baseAddress else { return satisfied(found) }
        let raw = UnsafeRawPointer(base)
        if vectorLevel > 0 {
            let decided = Prefilter.fold.withUnsafeBufferPointer { fold in
                table.withUnsafeBufferPointer { table in
                    pairMasks.withUnsafeBufferPointer { masks in
                        var i = 0
                        while true {
                            i = homeport_next_anchor(masks.baseAddress, table.baseAddress, base, i, n, vectorLevel)
                            guard i + 2 <= n else { return false }
                            let key = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
                            if verify(key: key, pairStart: i, in: buffer, fold: fold, found: &found) { return true }
                            i += 1
                        }
                    }
                }
            }
            return decided || satisfied(found)
        }
        let decided = Prefilter.fold.withUnsafeBufferPointer { fold in
            table.withUnsafeBufferPointer { table in
                @inline(__always) func marked(_ key: Int) -> Bool { table[key] != 0 }
                @inline(__always) func pair(_ at: Int) -> Int {
                    Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt16.self)))
                }
                var i = 0
                // The pairs starting at i ... i + 7 end by i + 8.
                while i + 9 <= n {
                    // Branch-free: the eight pairs' entries ORed, then looked at only if one is set.
                    let hits = table[pair(i)] | table[pair(i + 1)] | table[pair(i + 2)] | table[pair(i + 3)]
                        | table[pair(i + 4)] | table[pair(i + 5)] | table[pair(i + 6)] | table[pair(i + 7)]
                    if hits != 0 {
                        for start in i..<(i + 8) {
                            let key = pair(start)
                            if marked(key) && verify(key: key, pairStart: start, in: buffer, fold: fold, found: &found) {
                                return true
                            }
                        }
                    }
                    i += 8
                }
                while i + 2 <= n {
                    let key = pair(i)
                    if marked(key) && verify(key: key, pairStart: i, in: buffer, fold: fold, found: &found) { return true }
                    i += 1
                }
                return false
            }
        }
        return decided || satisfied(found)
    }

    /// Whether the needles found (indices marked in `found`) satisfy some conjunction.
    private func satisfied(_ found: [Bool]) -> Bool {
        guard !found.isEmpty else { return false }
        return conjunctions.contains { groups in groups.allSatisfy { group in group.contains { found[$0] } } }
    }

    /// Compares the needles anchored on `key` with the bytes around `pairStart`; true when a
    /// decisive one matches. Other needles that match are marked in `found`.
    private func verify(key: Int, pairStart: Int, in buffer: UnsafeBufferPointer<UInt8>,
                        fold: UnsafeBufferPointer<UInt8>, found: inout [Bool]) -> Bool {
        let bucket = Int(table[key]) - 1
        for entry in bucketStarts[bucket]..<bucketStarts[bucket + 1] {
            let (index, offset) = bucketEntries[entry]
            let start = pairStart - offset
            let needleStart = needleStarts[index]
            let count = needleStarts[index + 1] - needleStart
            guard start >= 0, start + count <= buffer.count else { continue }
            if !found.isEmpty && found[index] { continue }
            var k = 0
            if exactCase[index] {
                while k < count && buffer[start + k] == needleBytes[needleStart + k] { k += 1 }
            } else {
                while k < count && fold[Int(buffer[start + k])] == needleBytes[needleStart + k] { k += 1 }
            }
            guard k == count else { continue }
            if wholeWord[index] {
                let end = start + count
                if start > 0 && ASCII.isWordCharacter(buffer[start - 1]) { continue }
                if end < buffer.count && ASCII.isWordCharacter(buffer[end]) { continue }
            }
            if decisive[index] { return true }
            if found.isEmpty { found = [Bool](repeating: false, count: needles.count) }
            found[index] = true
        }
        return false
    }
}
