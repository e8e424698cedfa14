// The byte prefilter: which files may contain a finding, decided without tokenizing.

import Testing
@testable import HomeportCore
import CHomeportSIMD

@Suite struct PrefilterTests {
    func may(_ prefilter: Prefilter, _ text: String) -> Bool { prefilter.mayMatch(Array(text.utf8)) }

    @Test func literalsIgnoreASCIICase() {
        let prefilter = Prefilter(literals: ["api.openai.com", "OPENAI_", "gpt-"])
        #expect(may(prefilter, "x = 'https://API.OpenAI.com'"))
        #expect(may(prefilter, "os.environ['openai_key']"))
        #expect(may(prefilter, "GPT-4"))
        #expect(!may(prefilter, "import requests\nprint('hello')\n"))
        #expect(!may(prefilter, ""))
        #expect(!may(prefilter, "g"))
    }

    @Test func aNeedleContainingAShorterOneIsDropped() {
        let prefilter = Prefilter(literals: ["openai", "api.openai.com", "langchain_openai"])
        #expect(prefilter.needles == [Array("openai".utf8)])
    }

    @Test func conjunctionsNeedOneTextOfEveryGroup() {
        let prefilter = Prefilter(triggers: [.literal("gpt-"), .allOf([["model", "engine"], ["o1", "ada"]])])
        #expect(may(prefilter, "model = 'o1'"))
        #expect(may(prefilter, "ENGINE: ada"))
        #expect(!may(prefilter, "metadata = 1"))              // "ada" without a label word
        #expect(!may(prefilter, "ENGINE_load_builtin_engines()"))  // a label word without a short id
        #expect(may(prefilter, "gpt-4"))
    }

    @Test func wholeWordTextsCountOnlyBetweenNonWordBytes() {
        let ada = TriggerText("ada", wholeWord: true), o1 = TriggerText("o1", wholeWord: true)
        let prefilter = Prefilter(triggers: [.allOf([["model", "engine"], [ada, o1]])])
        #expect(may(prefilter, "model = 'ada'"))
        #expect(may(prefilter, "ENGINE: ADA\n"))
        #expect(may(prefilter, "model=o1"))
        #expect(may(prefilter, "ada model"))                   // at the very start
        #expect(may(prefilter, "model: ada"))                  // at the very end
        #expect(!may(prefilter, "model.metadata = readable"))  // "ada" inside words
        #expect(!may(prefilter, "model = AdaBoost()"))
        #expect(!may(prefilter, "model_o1 = foo1"))
        #expect(!may(prefilter, "model: ada_x"))
    }

    @Test func exactCaseTextsCountOnlyAsWritten() {
        let o3 = TriggerText("o3", wholeWord: true, exactCase: true)
        let prefilter = Prefilter(triggers: [.allOf([["model", "engine"], [o3]])])
        #expect(may(prefilter, "MODEL = 'o3'"))
        #expect(!may(prefilter, "model: O3"))
        #expect(!may(prefilter, "/* built with -O3; the storage engine */"))
    }

    /// The bundled short model IDs (`ada`, `o1`) count only as a string's whole value, so the prefilter
    /// needs them as whole words; the model names that continue (`ada-002`) are decisive needles of their own.
    @Test func bundledShortModelIDsAreWholeWords() throws {
        let scanner = Scanner(rules: try RuleSet.bundled())
        #expect(!scanner.prefilter.mayMatch(Array("model.metadata = readable_adapter(engine)".utf8)))
        #expect(scanner.prefilter.mayMatch(Array("model = \"ada\"".utf8)))
        #expect(scanner.prefilter.mayMatch(Array("engine: davinci\n".utf8)))
        // The case the model matcher compares bytes in: a compiler flag is not a model.
        #expect(!scanner.prefilter.mayMatch(Array("/* compiled with -O2 or -O3 by the query engine */".utf8)))
    }

    @Test func shortNeedlesTurnTheFilterOff() {
        let prefilter = Prefilter(literals: ["a"])
        #expect(!prefilter.isSelective)
        #expect(may(prefilter, "anything"))
    }

    @Test func bundledRulesTriggers() throws {
        let scanner = Scanner(rules: try RuleSet.bundled())
        #expect(scanner.prefilter.isSelective)
        #expect(!scanner.prefilter.mayMatch(Array("ENGINE *e = ENGINE_by_id(\"dynamic\");".utf8)))
        #expect(scanner.prefilter.mayMatch(Array("r = create(model=\"o1\")".utf8)))
        #expect(scanner.prefilter.mayMatch(Array("import tiktoken".utf8)))
    }

    /// The same decision, the slow way: every needle searched on its own, case folded.
    static func reference(_ prefilter: Prefilter, triggers: [Trigger], _ bytes: [UInt8]) -> Bool {
        guard prefilter.isSelective else { return true }
        let folded = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func isWordByte(_ index: Int) -> Bool {
            guard folded.indices.contains(index) else { return false }
            let byte = folded[index]
            return byte == 0x5F || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
        }
        func has(_ text: String, wholeWord: Bool = false, exactCase: Bool = false) -> Bool {
            let needle = exactCase ? Array(text.utf8) : text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            let haystack = exactCase ? bytes : folded
            guard needle.count <= haystack.count else { return false }
            return (0...(haystack.count - needle.count)).contains { start in
                haystack[start..<(start + needle.count)].elementsEqual(needle)
                    && !(wholeWord && (isWordByte(start - 1) || isWordByte(start + needle.count)))
            }
        }
        return triggers.contains { trigger in
            switch trigger {
            case .literal(let text): return has(text)
            case .allOf(let groups):
                return groups.allSatisfy { $0.contains { has($0.text, wholeWord: $0.wholeWord, exactCase: $0.exactCase) } }
            }
        }
    }

    /// Texts made of pieces of the needles (in mixed case, cut anywhere) and of source-code noise,
    /// from a fixed seed: most contain near misses, some contain needles at the very start or end.
    static func generatedTexts(needles: [[UInt8]], count: Int) -> [[UInt8]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let noise = Array("import os\nx = f(a, b)  # model engine\n\"\"\"Doc.\"\"\" 0123_-.:/ é".utf8)
        var texts: [[UInt8]] = []
        for _ in 0..<count {
            var text: [UInt8] = []
            for _ in 0..<next(12) {
                if next(3) == 0, !needles.isEmpty {
                    let needle = needles[next(needles.count)]
                    // Whole, or cut short by one byte (a near miss), in random case.
                    let piece = needle.prefix(next(2) == 0 ? needle.count : max(0, needle.count - 1))
                    text += piece.map { next(2) == 0 && $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
                } else {
                    let start = next(noise.count)
                    text += noise[start..<min(noise.count, start + next(8))]
                }
            }
            texts.append(text)
        }
        return texts
    }

    /// Each needle (whole, cut short, in random case) at every offset of noise up to 66 bytes long,
    /// so it falls at every place of the eight-pair steps, of the vector steps and of their tails, at
    /// the very start and end; with every search this processor runs.
    @Test func agreesAtEveryOffsetOfTheSearchLoop() throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let noise = Array("model engine (o1) ada_ - \r\n\0MODEL.x é".utf8)
        let sets: [[Trigger]] = [
            try RuleSet.bundled().rules.flatMap(\.matcher.triggers),
            [.literal("ab"), .literal("xyz"), .allOf([["model"], [TriggerText("o1", wholeWord: true, exactCase: true)]])],
        ]
        for triggers in sets {
            // The same texts for each search (the reference is the slow part).
            let prefilters = Self.vectorLevels.map { level in
                var prefilter = Prefilter(triggers: triggers)
                prefilter.vectorLevel = level
                return prefilter
            }
            for needle in prefilters[0].needles {
                // The eight-pair steps and the 16- and 32-byte vector steps (33: one 32-byte step and
                // the pairs after it; 50: then a 16-byte step; 66: two 32-byte steps), each with its tail.
                for length in [0, 1, 7, 8, 9, 15, 16, 17, 33, 40, 50, 66] {
                    for offset in 0...length {
                        var text = (0..<length).map { _ in noise[next(noise.count)] }
                        let piece = needle.prefix(next(4) == 0 ? max(0, needle.count - 1) : needle.count)
                        text.insert(contentsOf: piece.map { next(2) == 0 && $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 },
                                    at: offset)
                        let expected = Self.reference(prefilters[0], triggers: triggers, text)
                        for prefilter in prefilters {
                            #expect(prefilter.mayMatch(text) == expected,
                                    "level \(prefilter.vectorLevel): \(String(decoding: text, as: UTF8.self))")
                        }
                    }
                }
            }
        }
    }

    /// The searches this processor can run: the table loop alone (0), and SSSE3 (1), AVX2 (2) before it.
    static let vectorLevels = (0...Prefilter.processorVectorLevel).map { $0 }

    /// The vector searches stop exactly where the table marks a pair, as the scalar one does: over
    /// random bytes (all 256 values, anchors in both cases), every length up to 100, tables made
    /// as the prefilter makes them (each key under both cases of its letters).
    @Test func vectorSearchesStopWhereTheScalarOneDoes() {
        var state: UInt64 = 0x6A09_E667_F3BC_C908
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for round in 0..<400 {
            // Anchor keys as the prefilter makes them: bit 5 of each byte set.
            let keys = (0..<(1 + next(40))).map { _ in (next(256) | 0x20) | (next(256) | 0x20) << 8 }
            let masks = Prefilter.pairMasks(keys: keys)
            var table = [UInt16](repeating: 0, count: 65_536)
            for key in keys { for clear in [0, 0x0020, 0x2000, 0x2020] { table[key & ~clear] = 1 } }
            let length = round % 101
            var bytes = (0..<length).map { _ in UInt8(next(256)) }
            // Plant keys (either case of bit 5) at random places, the last position included.
            for _ in 0..<next(6) where length >= 2 {
                let key = keys[next(keys.count)]
                let at = next(2) == 0 ? length - 2 : next(length - 1)
                bytes[at] = UInt8(key & 0xFF) & (next(2) == 0 ? 0xFF : 0xDF)
                bytes[at + 1] = UInt8(key >> 8) & (next(2) == 0 ? 0xFF : 0xDF)
            }
            let expected = (0..<max(0, length - 1)).filter { table[Int(bytes[$0]) | Int(bytes[$0 + 1]) << 8] != 0 }
            for level in Self.vectorLevels {
                var positions: [Int] = []
                bytes.withUnsafeBufferPointer { buffer in
                    table.withUnsafeBufferPointer { table in
                        masks.withUnsafeBufferPointer { masks in
                            var i = 0
                            while true {
                                i = homeport_next_anchor(masks.baseAddress, table.baseAddress, buffer.baseAddress, i,
                                                         buffer.count, level)
                                guard i + 2 <= buffer.count else { break }
                                positions.append(i)
                                i += 1
                            }
                        }
                    }
                }
                #expect(positions == expected, "round \(round), level \(level)")
            }
        }
    }

    @Test func agreesWithSearchingEachNeedleAlone() throws {
        var sets: [[Trigger]] = [
            [.literal("gpt-"), .allOf([["model", "engine"], ["o1", "ada"]])],
            [.literal("ab"), .literal("ba"), .literal("abab"), .literal("b_a")],
            [.allOf([["xy"], ["yx"]]), .literal("api.openai.com")],
            [.allOf([["model"], [TriggerText("ab", wholeWord: true), "ba"]]), .literal("b_a")],
            [.allOf([["model"], [TriggerText("ab", wholeWord: true, exactCase: true), TriggerText("Ba", exactCase: true)]])],
        ]
        let bundled = try RuleSet.bundled()
        sets.append(bundled.rules.flatMap(\.matcher.triggers))
        for triggers in sets {
            let prefilters = Self.vectorLevels.map { level in
                var prefilter = Prefilter(triggers: triggers)
                prefilter.vectorLevel = level
                return prefilter
            }
            for text in Self.generatedTexts(needles: prefilters[0].needles, count: 3_000) {
                let expected = Self.reference(prefilters[0], triggers: triggers, text)
                for prefilter in prefilters {
                    #expect(prefilter.mayMatch(text) == expected,
                            "level \(prefilter.vectorLevel): \(String(decoding: text, as: UTF8.self))")
                }
            }
        }
    }
}
