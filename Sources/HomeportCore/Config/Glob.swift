// Path globs for `include`, `exclude` and `per-path`: `*`, `**`, `?`, `[...]`, gitignore-style anchoring.

/// A compiled glob, matched against `/`-separated relative paths.
///
/// - `*` matches any run of characters within one path component, `?` one character, `[abc]`,
///   `[a-z]`, `[!a-z]` (or `[^a-z]`) one character of a class, `\x` the character `x`.
/// - `**` as a whole component matches any number of components (zero included).
/// - A pattern without `/` matches any component: `vendor` matches `vendor/x.py` and
///   `a/vendor/y.py`, `*_pb2.py` a file of that name in any folder.
/// - A pattern with `/` is anchored at the root it is relative to (a leading `/` is allowed).
/// - A pattern that matches a folder matches everything under it; a trailing `/` changes nothing.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
    public let pattern: String
    private let segments: [Segment]
    private let anywhere: Bool

    public var description: String { pattern }

    public struct SyntaxError: BilingualError, Equatable {
        /// What is wrong, in both languages.
        public var text: LocalizedText
        /// 0-based offset (in characters) into the pattern.
        public var offset: Int
        /// The English message.
        public var message: String { text.english }

        public init(_ message: FileMessage, _ values: [String: String] = [:], offset: Int) {
            self.text = message.filled(values)
            self.offset = offset
        }

        public func description(in language: MessageLanguage) -> String { text.text(in: language) }
    }

    private enum Segment: Hashable, Sendable {
        case anyDepth
        case component([Token])
    }

    private enum Token: Hashable, Sendable {
        case literal(Unicode.Scalar)
        case anyOne
        case anyRun
        case set(ranges: [ClosedRange<UInt32>], negated: Bool)
    }

    public init(_ pattern: String) throws {
        self.pattern = pattern
        var text = Array(pattern.unicodeScalars)
        guard !text.isEmpty else { throw SyntaxError(.emptyGlob, offset: 0) }
        var offset = 0
        if text.first == "/" {
            text.removeFirst()
            offset = 1
        }
        while text.last == "/" { text.removeLast() }
        guard !text.isEmpty else { throw SyntaxError(.globMatchesNothing, ["glob": pattern], offset: 0) }
        anywhere = offset == 0 && !text.contains("/")
        var segments: [Segment] = []
        var start = 0
        for index in 0...text.count where index == text.count || text[index] == "/" {
            let component = Array(text[start..<index])
            if component.isEmpty {
                throw SyntaxError(.emptyGlobComponent, ["glob": pattern], offset: offset + start)
            }
            if component == ["*", "*"] {
                if segments.last != .anyDepth { segments.append(.anyDepth) }
            } else {
                segments.append(.component(try Glob.tokens(component, pattern: pattern, offset: offset + start)))
            }
            start = index + 1
        }
        self.segments = segments
    }

    private static func tokens(_ text: [Unicode.Scalar], pattern: String, offset: Int) throws -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < text.count {
            switch text[i] {
            case "*":
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "?":
                tokens.append(.anyOne)
            case "\\":
                guard i + 1 < text.count else {
                    throw SyntaxError(.globLoneBackslash, ["glob": pattern], offset: offset + i)
                }
                i += 1
                tokens.append(.literal(text[i]))
            case "[":
                let open = i
                i += 1
                var negated = false
                if i < text.count, text[i] == "!" || text[i] == "^" {
                    negated = true
                    i += 1
                }
                var ranges: [ClosedRange<UInt32>] = []
                var first = true
                while i < text.count, text[i] != "]" || first {
                    first = false
                    var low = text[i]
                    if low == "\\", i + 1 < text.count { i += 1; low = text[i] }
                    if i + 2 < text.count, text[i + 1] == "-", text[i + 2] != "]" {
                        let high = text[i + 2]
                        guard low.value <= high.value else {
                            throw SyntaxError(.globBadRange, ["range": "\(low)-\(high)", "glob": pattern], offset: offset + i)
                        }
                        ranges.append(low.value...high.value)
                        i += 3
                    } else {
                        ranges.append(low.value...low.value)
                        i += 1
                    }
                }
                guard i < text.count else {
                    throw SyntaxError(.globUnclosedBracket, ["glob": pattern], offset: offset + open)
                }
                tokens.append(.set(ranges: ranges, negated: negated))
            default:
                tokens.append(.literal(text[i]))
            }
            i += 1
        }
        return tokens
    }

    /// True when `path` (relative, `/`-separated, no `./`) or one of its folders matches.
    public func matches(_ path: String) -> Bool {
        var steps = 0
        return matches(path, steps: &steps)
    }

    /// `matches`, counting in `steps` the (segment, component) decisions it took: the work a test
    /// bounds to show matching stays polynomial.
    func matches(_ path: String, steps: inout Int) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
        if anywhere, segments.count == 1, case .component(let tokens) = segments[0] {
            return components.contains { Glob.match(tokens[...], $0[...]) }
        }
        return matchPrefix(components, steps: &steps)
    }

    /// Whether the segments match the first k components for some k ≥ 1 (a folder or the file).
    /// Each (segment, component) pair is decided once: trying every split again for each `**`
    /// was exponential in their number (a hang the fuzzer found).
    private func matchPrefix(_ components: [[Unicode.Scalar]], steps: inout Int) -> Bool {
        let width = components.count + 1
        // 0: not yet decided, 1: matches, 2: does not.
        var memo = [UInt8](repeating: 0, count: (segments.count + 1) * width)
        func matches(_ i: Int, _ j: Int) -> Bool {
            steps += 1
            // At least one component consumed is exactly j > 0.
            guard i < segments.count else { return j > 0 }
            let key = i * width + j
            if memo[key] != 0 { return memo[key] == 1 }
            let result: Bool
            switch segments[i] {
            case .anyDepth:
                if i == segments.count - 1 {
                    result = j > 0 || j < components.count
                } else {
                    result = (j...components.count).contains { matches(i + 1, $0) }
                }
            case .component(let tokens):
                result = j < components.count && Glob.match(tokens[...], components[j][...]) && matches(i + 1, j + 1)
            }
            memo[key] = result ? 1 : 2
            return result
        }
        return matches(0, 0)
    }

    private static func match(_ tokens: ArraySlice<Token>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        // Iterative wildcard matching with one backtrack point per `*` (linear in practice).
        var t = tokens.startIndex
        var s = text.startIndex
        var star: (token: Int, text: Int)?
        while s < text.endIndex {
            if t < tokens.endIndex {
                switch tokens[t] {
                case .anyRun:
                    star = (t, s)
                    t += 1
                    continue
                case .anyOne:
                    t += 1; s += 1
                    continue
                case .literal(let scalar) where scalar == text[s]:
                    t += 1; s += 1
                    continue
                case .set(let ranges, let negated) where ranges.contains { $0.contains(text[s].value) } != negated:
                    t += 1; s += 1
                    continue
                default:
                    break
                }
            }
            guard let backtrack = star else { return false }
            t = backtrack.token + 1
            s = backtrack.text + 1
            star = (backtrack.token, backtrack.text + 1)
        }
        while t < tokens.endIndex, tokens[t] == .anyRun { t += 1 }
        return t == tokens.endIndex
    }
}
