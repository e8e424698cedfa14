// A regular expression compiled on first use, on `Pattern` where it can and Swift's `Regex` otherwise.

#if canImport(Glibc)
import Glibc
#endif

/// A regular expression compiled on first use: most runs never reach most patterns (a token must
/// pass its literal prefix first). Patterns within `Pattern`'s subset — all bundled ones — run on
/// that engine (compiles in microseconds, matches in linear time); others on Swift's `Regex`.
public final class LazyRegex: @unchecked Sendable {  // `compiled` is guarded by `lock`
    enum Compiled {
        case fast(Pattern)
        case regex(Regex<AnyRegexOutput>)
        case invalid
    }

    public let pattern: String
    private let lock = Lock()
    private var compiled: Compiled?

    public init(_ pattern: String) {
        self.pattern = pattern
    }

    /// Compiles now, to report a bad pattern where it is written.
    public func validate() throws {
        let result = try LazyRegex.compile(pattern)
        lock.withLock { compiled = result }
    }

    /// Whether `Pattern` (rather than Swift's `Regex`) runs this pattern.
    var usesFastMatcher: Bool {
        if case .fast = current { return true }
        return false
    }

    /// Whether the whole of `text` matches; an uncompilable pattern matches nothing.
    public func wholeMatches(_ text: String) -> Bool {
        switch current {
        case .fast(let pattern): return pattern.wholeMatches(text)
        case .regex(let regex): return (try? regex.wholeMatch(in: text)) != nil
        case .invalid: return false
        }
    }

    private var current: Compiled {
        lock.withLock {
            if let compiled { return compiled }
            let result = (try? LazyRegex.compile(pattern)) ?? .invalid
            compiled = result
            return result
        }
    }

    private static func compile(_ pattern: String) throws -> Compiled {
        let fastError: PatternSyntaxError
        do {
            return .fast(try Pattern(pattern))
        } catch {
            fastError = error
        }
        // Outside the subset, or malformed as far as `Pattern` can tell: `Regex` has the last word.
        do {
            return .regex(try Regex(pattern))
        } catch {
            if fastError.isMalformed { throw fastError }
            throw error
        }
    }
}
