// A small regular-expression engine for rule patterns: Thompson-NFA simulation over Unicode
// scalars, so matching is linear in the text and compiling a pattern costs microseconds. Swift's
// `Regex` took about 200 µs to compile each pattern, more than scanning a small file; patterns that
// use syntax outside this subset (lookaround, backreferences, flags, word boundaries, possessive
// quantifiers, Unicode properties, set operations) are left to `Regex` by `LazyRegex`.
//
// Supported: literals and escaped punctuation; `.`; `\d \D \w \W \s \S \t \n \r \f \v \0 \xHH
// \u{H…} \uHHHH`; classes `[a-z_\d]`, `[^…]`; groups `(…)`, `(?:…)`, `(?<name>…)` (nothing is
// captured); `|`; `? * + {n} {n,} {n,m}` and their lazy forms (laziness does not change whether a
// whole match exists); `^` and `$`.

/// A pattern outside the supported subset, or malformed.
struct PatternSyntaxError: Error, CustomStringConvertible {
    var offset: Int
    var message: String
    /// False when the pattern may be valid for `Regex` but uses syntax this engine does not have.
    var isMalformed: Bool
    var description: String { "\(message) at character \(offset + 1)" }
}

/// A set of Unicode scalars: ranges and class escapes, possibly negated.
struct ScalarSet: Sendable {
    enum ClassEscape: Sendable {
        case digit, word, space

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII {
                let value = scalar.value
                switch self {
                case .digit: return value >= 0x30 && value <= 0x39
                case .word:
                    return (value >= 0x30 && value <= 0x39) || (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A)
                        || value == 0x5F
                case .space: return value == 0x20 || (value >= 0x09 && value <= 0x0D)
                }
            }
            let properties = scalar.properties
            switch self {
            case .digit: return properties.numericType == .decimal
            case .word:
                switch properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation, .decimalNumber: return true
                default: return properties.isAlphabetic
                }
            case .space: return properties.isWhitespace
            }
        }

        /// Membership of each ASCII scalar, as in `ScalarSet.ascii`.
        var asciiBits: (UInt64, UInt64) {
            switch self {
            case .digit: return ClassEscape.digitBits
            case .word: return ClassEscape.wordBits
            case .space: return ClassEscape.spaceBits
            }
        }

        private static let digitBits = ClassEscape.digit.tabulated
        private static let wordBits = ClassEscape.word.tabulated
        private static let spaceBits = ClassEscape.space.tabulated

        private var tabulated: (UInt64, UInt64) {
            var bits: (UInt64, UInt64) = (0, 0)
            for value in 0..<UInt32(128) where contains(Unicode.Scalar(value)!) {
                if value < 64 { bits.0 |= 1 << UInt64(value) } else { bits.1 |= 1 << UInt64(value - 64) }
            }
            return bits
        }
    }

    var ranges: [ClosedRange<UInt32>] = []
    var escapes: [(escape: ClassEscape, negated: Bool)] = []
    var negated = false
    /// Membership of each ASCII scalar, precomputed.
    private(set) var ascii: (UInt64, UInt64) = (0, 0)

    static func scalar(_ scalar: Unicode.Scalar) -> ScalarSet {
        var set = ScalarSet()
        set.ranges = [scalar.value...scalar.value]
        set.finish()
        return set
    }

    static func escape(_ escape: ClassEscape, negated: Bool) -> ScalarSet {
        var set = ScalarSet()
        set.escapes = [(escape, negated)]
        set.finish()
        return set
    }

    /// `.`: anything but a line break.
    static var anyButNewline: ScalarSet {
        var set = ScalarSet()
        set.ranges = [0x0A...0x0D, 0x85...0x85, 0x2028...0x2029]
        set.negated = true
        set.finish()
        return set
    }

    /// Fills in `ascii` from the ranges and escapes by whole words: compiling a pattern makes a set
    /// per literal scalar, and asking `slowContains` for each of 128 scalars was most of a compile.
    mutating func finish() {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for range in ranges where range.lowerBound < 128 {
            let (rangeLow, rangeHigh) = ScalarSet.asciiBits(range.lowerBound...min(range.upperBound, 127))
            low |= rangeLow
            high |= rangeHigh
        }
        for (escape, negated) in escapes {
            let bits = escape.asciiBits
            low |= negated ? ~bits.0 : bits.0
            high |= negated ? ~bits.1 : bits.1
        }
        ascii = negated ? (~low, ~high) : (low, high)
    }

    /// The bits of the ASCII scalars in `range` (within 0...127), as in `ascii`.
    static func asciiBits(_ range: ClosedRange<UInt32>) -> (UInt64, UInt64) {
        // Bits lowerBound..<upperBound+1 of the 128-bit pair, as the difference of two masks.
        func below(_ bound: UInt32) -> (UInt64, UInt64) {
            if bound >= 128 { return (.max, .max) }
            if bound >= 64 { return (.max, (1 << UInt64(bound - 64)) - 1) }
            return ((1 << UInt64(bound)) - 1, 0)
        }
        let upper = below(range.upperBound + 1)
        let lower = below(range.lowerBound)
        return (upper.0 & ~lower.0, upper.1 & ~lower.1)
    }

    /// Membership by the ranges and escapes themselves; `contains` asks it above ASCII.
    func slowContains(_ scalar: Unicode.Scalar) -> Bool {
        let member = ranges.contains { $0.contains(scalar.value) }
            || escapes.contains { $0.escape.contains(scalar) != $0.negated }
        return member != negated
    }

    @inline(__always) func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 64 { return ascii.0 & (1 << UInt64(value)) != 0 }
        if value < 128 { return ascii.1 & (1 << UInt64(value - 64)) != 0 }
        return slowContains(scalar)
    }
}

/// A compiled pattern.
struct Pattern: Sendable {
    enum Instruction: Sendable, Equatable {
        /// Consume one scalar in set `n`.
        case consume(Int)
        /// Continue at both targets.
        case split(Int, Int)
        case jump(Int)
        case assertStart
        /// End of text only: Swift's `Regex` `$` does not match before a final line feed (as PCRE's does).
        case assertEnd
        case accept
    }

    /// Nested groups and program size are capped so a hostile pattern cannot exhaust the stack or memory.
    static let maxDepth = 64
    static let maxInstructions = 20_000

    let program: [Instruction]
    let sets: [ScalarSet]

    init(_ pattern: String) throws(PatternSyntaxError) {
        var parser = PatternParser(scalars: Array(pattern.unicodeScalars))
        let tree = try parser.parseWhole()
        var builder = ProgramBuilder()
        try builder.emit(tree)
        builder.program.append(.accept)
        program = builder.program
        sets = builder.sets
    }

    /// Whether the whole of `text` matches.
    func wholeMatches(_ text: String) -> Bool {
        // Model IDs and keys are ASCII: their bytes are their scalars, read in place.
        var text = text
        return text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 >= 0x80 }) {
                return wholeMatches(scalars: bytes.lazy.map { Unicode.Scalar($0) })
            }
            return wholeMatches(scalars: Array(String(decoding: bytes, as: UTF8.self).unicodeScalars))
        }
    }

    private func wholeMatches<Scalars: RandomAccessCollection<Unicode.Scalar>>(scalars: Scalars) -> Bool
    where Scalars.Index == Int {
        var current: [Int] = []
        var next: [Int] = []
        var marks = [Int](repeating: -1, count: program.count)
        var stack: [Int] = []

        func addThreads(from start: Int, at position: Int, into list: inout [Int]) {
            stack.append(start)
            while let pc = stack.popLast() {
                guard marks[pc] != position else { continue }
                marks[pc] = position
                switch program[pc] {
                case .consume, .accept: list.append(pc)
                case .split(let first, let second):
                    stack.append(second)
                    stack.append(first)
                case .jump(let target): stack.append(target)
                case .assertStart: if position == 0 { stack.append(pc + 1) }
                case .assertEnd: if position == scalars.count { stack.append(pc + 1) }
                }
            }
        }

        addThreads(from: 0, at: 0, into: &current)
        for index in scalars.indices {
            let scalar = scalars[index]
            next.removeAll(keepingCapacity: true)
            for pc in current {
                if case .consume(let set) = program[pc], sets[set].contains(scalar) {
                    addThreads(from: pc + 1, at: index + 1, into: &next)
                }
            }
            if next.isEmpty { return false }
            swap(&current, &next)
        }
        return current.contains { program[$0] == .accept }
    }
}

// MARK: - Parsing

indirect enum PatternNode {
    case set(ScalarSet)
    case sequence([PatternNode])
    case alternation([PatternNode])
    case repetition(PatternNode, min: Int, max: Int?)
    case start
    case end
}

struct PatternParser {
    let scalars: [Unicode.Scalar]
    var index = 0
    var depth = 0

    func unsupported(_ what: String) -> PatternSyntaxError {
        PatternSyntaxError(offset: index, message: "\(what) is not supported by the fast matcher", isMalformed: false)
    }

    func malformed(_ what: String) -> PatternSyntaxError {
        PatternSyntaxError(offset: index, message: what, isMalformed: true)
    }

    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    mutating func parseWhole() throws(PatternSyntaxError) -> PatternNode {
        let node = try parseAlternation()
        if index < scalars.count {
            throw malformed("unbalanced `)`")
        }
        return node
    }

    mutating func parseAlternation() throws(PatternSyntaxError) -> PatternNode {
        var branches = [try parseSequence()]
        while peek == "|" {
            index += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseSequence() throws(PatternSyntaxError) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = peek, scalar != "|", scalar != ")" {
            let atom = try parseAtom()
            items.append(try parseQuantifiers(on: atom))
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func parseQuantifiers(on atom: PatternNode) throws(PatternSyntaxError) -> PatternNode {
        var node = atom
        var quantified = false
        while let scalar = peek {
            let bounds: (Int, Int?)
            switch scalar {
            case "?": bounds = (0, 1); index += 1
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "{": bounds = try parseBraces()
            default: return node
            }
            switch node {
            case .start, .end: throw unsupported("a quantifier on an anchor")
            default: break
            }
            if quantified { throw unsupported("a quantifier after a quantifier") }
            quantified = true
            if peek == "?" { index += 1 }  // lazy: the same whole matches
            else if peek == "+" { throw unsupported("a possessive quantifier") }
            node = .repetition(node, min: bounds.0, max: bounds.1)
        }
        return node
    }

    mutating func parseBraces() throws(PatternSyntaxError) -> (Int, Int?) {
        index += 1
        func number(_ parser: inout PatternParser) -> Int? {
            var value: Int?
            while let scalar = parser.peek, let digit = Int(String(scalar)), scalar.isASCII {
                value = (value ?? 0) * 10 + digit
                if value! > 1000 { return 1001 }
                parser.index += 1
            }
            return value
        }
        guard let minimum = number(&self) else { throw unsupported("`{` that is not a repetition count") }
        var maximum: Int? = minimum
        if peek == "," {
            index += 1
            maximum = number(&self)
        }
        guard peek == "}" else { throw unsupported("`{` that is not a repetition count") }
        index += 1
        if minimum > 1000 || (maximum ?? 0) > 1000 { throw unsupported("a repetition count above 1000") }
        if let maximum, maximum < minimum { throw malformed("repetition range {\(minimum),\(maximum)} is reversed") }
        return (minimum, maximum)
    }

    mutating func parseAtom() throws(PatternSyntaxError) -> PatternNode {
        let scalar = scalars[index]
        switch scalar {
        case "(":
            index += 1
            if peek == "?" {
                index += 1
                if peek == ":" {
                    index += 1
                } else if peek == "<", index + 1 < scalars.count, scalars[index + 1] != "=", scalars[index + 1] != "!" {
                    while let next = peek, next != ">" { index += 1 }
                    guard peek == ">" else { throw malformed("unterminated group name") }
                    index += 1
                } else {
                    throw unsupported("`(?` group syntax other than `(?:` and `(?<name>`")
                }
            }
            depth += 1
            guard depth <= Pattern.maxDepth else { throw unsupported("nesting deeper than \(Pattern.maxDepth)") }
            let inner = try parseAlternation()
            depth -= 1
            guard peek == ")" else { throw malformed("missing `)`") }
            index += 1
            return inner
        case "[":
            return .set(try parseClass())
        case ".":
            index += 1
            return .set(.anyButNewline)
        case "^":
            index += 1
            return .start
        case "$":
            index += 1
            return .end
        case "\\":
            index += 1
            return .set(try parseEscape())
        case "*", "+", "?":
            throw malformed("`\(scalar)` has nothing to repeat")
        case "{":
            throw unsupported("a literal `{`")
        default:
            index += 1
            return .set(.scalar(scalar))
        }
    }

    /// After a backslash.
    mutating func parseEscape() throws(PatternSyntaxError) -> ScalarSet {
        guard let scalar = peek else { throw malformed("pattern ends with `\\`") }
        index += 1
        switch scalar {
        case "d": return .escape(.digit, negated: false)
        case "D": return .escape(.digit, negated: true)
        case "w": return .escape(.word, negated: false)
        case "W": return .escape(.word, negated: true)
        case "s": return .escape(.space, negated: false)
        case "S": return .escape(.space, negated: true)
        case "t": return .scalar("\t")
        case "n": return .scalar("\n")
        case "r": return .scalar("\r")
        case "f": return .scalar("\u{0C}")
        case "v": return .scalar("\u{0B}")
        case "0": return .scalar("\0")
        case "x": return .scalar(try parseHex(digits: 2))
        case "u":
            if peek == "{" {
                index += 1
                var digits = ""
                while let next = peek, next != "}" { digits.unicodeScalars.append(next); index += 1 }
                guard peek == "}", let value = UInt32(digits, radix: 16), let result = Unicode.Scalar(value) else {
                    throw malformed("bad `\\u{…}` escape")
                }
                index += 1
                return .scalar(result)
            }
            return .scalar(try parseHex(digits: 4))
        default:
            if scalar.isASCII, scalar.properties.isAlphabetic || ("1"..."9").contains(scalar) {
                throw unsupported("the escape `\\\(scalar)`")
            }
            return .scalar(scalar)
        }
    }

    mutating func parseHex(digits: Int) throws(PatternSyntaxError) -> Unicode.Scalar {
        guard index + digits <= scalars.count else { throw malformed("short hexadecimal escape") }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[index..<(index + digits)])
        guard let value = UInt32(text, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw malformed("bad hexadecimal escape")
        }
        index += digits
        return scalar
    }

    mutating func parseClass() throws(PatternSyntaxError) -> ScalarSet {
        index += 1
        var set = ScalarSet()
        if peek == "^" {
            set.negated = true
            index += 1
        }
        if peek == "]" { throw unsupported("`]` first in a class") }
        while let scalar = peek, scalar != "]" {
            if scalar == "[" { throw unsupported("a nested class or POSIX class") }
            if (scalar == "&" || scalar == "-" || scalar == "~"), index + 1 < scalars.count, scalars[index + 1] == scalar,
               index + 2 < scalars.count, scalars[index + 2] != "]" {
                throw unsupported("class set operations")
            }
            let low: Unicode.Scalar
            if scalar == "\\" {
                index += 1
                let escaped = try parseEscape()
                if !escaped.escapes.isEmpty {
                    set.escapes += escaped.escapes
                    continue
                }
                low = Unicode.Scalar(escaped.ranges[0].lowerBound)!
            } else {
                index += 1
                low = scalar
            }
            // A range `a-z`, unless `-` is last.
            if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                index += 1
                var high = scalars[index]
                index += 1
                if high == "\\" {
                    let escaped = try parseEscape()
                    guard escaped.escapes.isEmpty else { throw malformed("a class escape cannot end a range") }
                    high = Unicode.Scalar(escaped.ranges[0].lowerBound)!
                }
                guard low.value <= high.value else { throw malformed("class range \(low)-\(high) is reversed") }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        guard peek == "]" else { throw malformed("missing `]`") }
        index += 1
        set.finish()
        return set
    }
}

// MARK: - Compiling

struct ProgramBuilder {
    var program: [Pattern.Instruction] = []
    var sets: [ScalarSet] = []

    mutating func emit(_ node: PatternNode) throws(PatternSyntaxError) {
        guard program.count <= Pattern.maxInstructions else {
            throw PatternSyntaxError(offset: 0, message: "pattern too large for the fast matcher", isMalformed: false)
        }
        switch node {
        case .set(let set):
            sets.append(set)
            program.append(.consume(sets.count - 1))
        case .sequence(let items):
            for item in items { try emit(item) }
        case .alternation(let branches):
            // split(b1, next); b1; jump(end); next: split(b2, …) … last branch
            var jumps: [Int] = []
            for (number, branch) in branches.enumerated() {
                if number < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, -1))
                    try emit(branch)
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repetition(let body, let minimum, let maximum):
            for _ in 0..<minimum { try emit(body) }
            if let maximum {
                // Each optional copy may be skipped to the end.
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    try emit(body)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(loop + 1, -1))
                try emit(body)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        case .start:
            program.append(.assertStart)
        case .end:
            program.append(.assertEnd)
        }
    }
}
