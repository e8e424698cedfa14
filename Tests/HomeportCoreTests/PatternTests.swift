// The rule-pattern engine: syntax, the subset boundary (what falls back to Swift's Regex), and
// agreement with Swift's Regex on every bundled pattern and on generated patterns and texts.

import Testing
import HomeportTestSupport
@testable import HomeportCore

@Suite struct PatternTests {
    func matches(_ pattern: String, _ text: String) throws -> Bool {
        try Pattern(pattern).wholeMatches(text)
    }

    @Test func literalsClassesAndRepetition() throws {
        #expect(try matches("^gpt-4o(?:-mini)?(?:-\\d{4}-\\d{2}-\\d{2})?$", "gpt-4o-mini-2024-07-18"))
        #expect(try matches("^gpt-4o(?:-mini)?(?:-\\d{4}-\\d{2}-\\d{2})?$", "gpt-4o"))
        #expect(try !matches("^gpt-4o(?:-mini)?(?:-\\d{4}-\\d{2}-\\d{2})?$", "gpt-4o-2024-07"))
        #expect(try !matches("^gpt-4o$", "gpt-4o-"))
        #expect(try matches("^o[134]-(?:mini|pro)$", "o3-pro"))
        #expect(try !matches("^o[134]-(?:mini|pro)$", "o2-pro"))
        #expect(try matches("[A-Za-z0-9_-]{3,5}", "a-_9"))
        #expect(try !matches("[A-Za-z0-9_-]{3,5}", "a-_9zz"))
        #expect(try !matches("[A-Za-z0-9_-]{3,5}", "ab"))
        #expect(try matches("a{2}b{1,}c*", "aabbb"))
        #expect(try matches("(?::[^:\\s\"]*){2,}", "::x:y"))
        #expect(try !matches("(?::[^:\\s\"]*){2,}", ":a b:c"))
        #expect(try matches("x.+?y", "x漢字y"))
        #expect(try !matches("x.y", "x\ny"))
        #expect(try matches("(?<name>ab)|cd", "cd"))
        #expect(try matches("", ""))
        #expect(try matches("\\u{1F600}\\x41\\u0042\\.", "😀AB."))
        #expect(try matches("[\\d\\s]+", "1 ٣"))   // \d is any decimal digit, as in Regex
        #expect(try !matches("a$\n", "a\n"))      // `$` is the end of the text only, as in Regex
        #expect(try !matches("^$[^a]", "\n"))
    }

    /// The ASCII table `finish` builds word by word says what the ranges and escapes say, scalar by scalar.
    @Test(arguments: ["[a-z]", "[^a-z_\\d]", "[\\W\\s]", "[^\\S\\D]", "[\\x00-\\x7f]", "[?-A]", "[\\x3f-\\x40]",
                      "[\\x00]", "[\\x7f-\\u{10FFFF}]", "[^\\x7f-\\u{10FFFF}\\w]", "[-.0-9]", ".", "\\w", "\\D", "\\S", "x"])
    func asciiTableAgreesWithTheSets(pattern: String) throws {
        for set in try Pattern(pattern).sets {
            for value in 0..<UInt32(128) {
                let scalar = Unicode.Scalar(value)!
                #expect(set.contains(scalar) == set.slowContains(scalar), "\(pattern) at \(value)")
            }
        }
    }

    /// Linear time: nested stars on a long non-matching text finish at once (backtracking would not).
    @Test func pathologicalPatternsStayLinear() throws {
        let text = String(repeating: "a", count: 20_000)
        #expect(try !matches("(a*)*b", text))
        #expect(try !matches("(a|aa)+$b", text))
        #expect(try matches("(?:a?){50}a{50}", String(repeating: "a", count: 50)))
    }

    @Test(arguments: ["(?i)gpt", "\\bgpt", "a(?=b)", "a(?!b)", "(a)\\1", "\\p{L}+", "a++", "[[:alpha:]]",
                      "[a-z&&[^q]]", "\\Agpt\\z", "a{,3}"])
    func syntaxOutsideTheSubsetFallsBackToRegex(pattern: String) throws {
        #expect(throws: PatternSyntaxError.self) { try Pattern(pattern) }
        let regex = LazyRegex(pattern)
        try regex.validate()
        #expect(!regex.usesFastMatcher)
    }

    @Test(arguments: ["(ab", "ab)", "[ab", "*a", "a{3,1}", "[z-a]", "\\"])
    func malformedPatternsAreErrors(pattern: String) {
        #expect(throws: (any Error).self) { try LazyRegex(pattern).validate() }
    }

    /// Every bundled pattern runs on the fast engine and agrees with Swift's Regex on model IDs,
    /// keys and near misses.
    @Test func bundledPatternsAgreeWithRegex() throws {
        var patterns: [LazyRegex] = []
        for rule in try RuleSet.bundled().rules {
            switch rule.matcher {
            case let matcher as ModelMatcher: patterns += matcher.families.map(\.regex)
            case let matcher as SecretMatcher: patterns.append(matcher.regex)
            default: break
            }
        }
        #expect(patterns.count > 40)
        let seeds = [
            "gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "gpt-4.1-nano", "gpt-4.5-preview",
            "gpt-5", "gpt-5.1-codex-max", "gpt-5-mini-2025-08-07", "gpt-4-turbo-preview", "gpt-4-32k-0613",
            "gpt-3.5-turbo-16k", "gpt-3.5-turbo-instruct-0914", "o1", "o3-mini", "o4-mini-deep-research-2025-06-26",
            "o1-2024-12-17", "text-embedding-3-small", "text-embedding-ada-002", "whisper-1", "tts-1-hd", "dall-e-3",
            "gpt-image-1", "omni-moderation-latest", "davinci-002", "babbage-002", "chatgpt-4o-latest",
            "codex-mini-latest", "computer-use-preview-2025-03-11", "ft:gpt-4o-mini-2024-07-18:acme::9abc",
            "ft:gpt-4o:org:name:id:ckpt-step-100", "sora-2", "gpt-realtime", "gpt-4o-transcribe-diarize",
            "sk-proj-" + String(repeating: "A", count: 20) + "T3BlbkFJ" + String(repeating: "b", count: 20),
            "sk-" + String(repeating: "x", count: 16) + "T3BlbkFJ" + String(repeating: "_", count: 16),
            "glm-4.6", "", "-", "GPT-4O", "gpt-4o ", "gpt-4o\n", "gpt-٤o", "ft:gpt-4o:a b:c",
        ]
        var inputs = Set(seeds)
        for seed in seeds where !seed.isEmpty {
            inputs.insert(String(seed.dropLast()))
            inputs.insert(seed + "x")
            inputs.insert(seed + "-2024-01-01")
            inputs.insert(seed.uppercased())
            inputs.insert(String(seed.dropFirst()))
        }
        for pattern in patterns {
            #expect(pattern.usesFastMatcher, "\(pattern.pattern) fell back to Regex")
            let regex = try Regex(pattern.pattern)
            for input in inputs {
                let expected = (try? regex.wholeMatch(in: input)) != nil
                #expect(pattern.wholeMatches(input) == expected, "\(pattern.pattern) on \(input.debugDescription)")
            }
        }
    }

    /// A random pattern in the supported subset: literals and escapes, classes, `.`, groups,
    /// alternation, every quantifier (greedy and lazy), anchors.
    static func pattern(_ random: inout SeededGenerator, depth: Int = 0) -> String {
        func pick(_ items: [String]) -> String { items.randomElement(using: &random)! }
        var sequence = ""
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            var atom: String
            switch Int.random(in: 0..<(depth > 2 ? 6 : 8), using: &random) {
            case 0, 1: atom = pick(["a", "b", "-", "é", "1", "\\.", "\\-", "\\n", "\\x61", "\\u00e9", "\\u{61}", " "])
            case 2: atom = pick(["[ab]", "[^a]", "[a-c1]", "[\\d.]", "[^\\s-]", "[-a]", "[é-ê]", "[\\w]", "[\\]]", "[.^]"])
            case 3: atom = pick(["\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "."])
            case 4: atom = pick(["^", "$", "a"])
            case 5: atom = ""
            case 6: atom = "(?:" + pattern(&random, depth: depth + 1) + ")"
            default: atom = "(" + pattern(&random, depth: depth + 1) + "|" + pattern(&random, depth: depth + 1) + ")"
            }
            if !atom.isEmpty && atom != "^" && atom != "$" && Int.random(in: 0..<3, using: &random) == 0 {
                atom += pick(["*", "+", "?", "{2}", "{0,2}", "{1,}", "*?", "+?", "??", "{1,3}?"])
            }
            sequence += atom
        }
        return sequence
    }

    /// Random patterns in the subset against Swift's Regex on random short texts: same answer.
    @Test func generatedPatternsAgreeWithRegex() throws {
        var random = SeededGenerator(seed: 10)
        let alphabet: [Character] = ["a", "b", "-", ".", "1", "٣", " ", "\n", "é", "ê", "]", "^"]
        var compared = 0
        var refusals: [String: Int] = [:]
        for _ in 0..<600 {
            let source = PatternTests.pattern(&random)
            let regex = try Regex(source)
            // A few generated ones quantify an anchor (`(?:^)+`): outside the subset, which a rule
            // runs on Regex itself (LazyRegex). Any other refusal of what Regex reads is a bug.
            let pattern: Pattern
            do {
                pattern = try Pattern(source)
            } catch {
                #expect(!error.isMalformed && error.message.hasPrefix("a quantifier on an anchor"), "\(source.debugDescription): \(error)")
                #expect(!LazyRegex(source).usesFastMatcher)
                refusals["a quantifier on an anchor", default: 0] += 1
                continue
            }
            for _ in 0..<25 {
                var text = String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
                if Int.random(in: 0..<4, using: &random) == 0 { text += "\n" }  // where `$` may match before it
                let expected = (try? regex.wholeMatch(in: text)) != nil
                #expect(pattern.wholeMatches(text) == expected, "\(source.debugDescription) on \(text.debugDescription)")
                compared += 1
            }
        }
        #expect(compared > 12_000)
        print("pattern differential: the fast matcher leaves \(refusals.values.reduce(0, +)) of 600 patterns Regex reads to Regex: "
              + refusals.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}
