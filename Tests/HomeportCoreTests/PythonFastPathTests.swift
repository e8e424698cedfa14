// The Python frontend's fast paths against the simple walks they replaced: prose decided within the
// fact pass (`noteProse`) against the separate bracket walk (`proseStrings`), the tokenizer's
// word-at-a-time scans against byte loops, the look for `BaseSettings` against a naive search, and
// the tokenizer's own token storage past its first reserve.

import Foundation
import Testing
import HomeportTestSupport
@testable import HomeportCore

@Suite struct PythonFastPathTests {
    /// Pieces of Python that open, close and label calls printing prose and others, in any order: a
    /// random sequence of them is rarely valid Python, which is the point.
    static let fragments: [String] = [
        "print(", "logger.info(", "log.warning(", "raise ValueError(", "warnings.warn(", "click.echo(",
        "self.logger . error(", "a.b.print(", "print (", "obj\\\n.log.debug(", "if (", "return (", "f(",
        "Model(", "x", "y", " ", "=", "==", ":=", ",", ")", "]", "[", "{", "}", "(", ":", ";", ".",
        "'s'", "\"gpt-4o\"", "'''doc'''", "f'{", "f\"{x}\"", "}'", "b'x'", "r'\\d'", "u'é'", "1", "2.5",
        "\n", "\n    ", "# note\n", "file=", "sep=", "help=", "description=", "**kw", "*args", "lambda",
        "def g(", "class C:", "\"\"\"Doc.\"\"\"\n", "in", "for", "é", "\\\n", "\t", "'unterminated\n",
    ]

    static func generated(count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 1...120, using: &generator)
            var text = ""
            for _ in 0..<length { text += fragments.randomElement(using: &generator)! }
            return Array(text.utf8)
        }
    }

    /// The Python fixtures, and every `.py` file under `HOMEPORT_PYTHON_CORPUS` when it is set (the
    /// bench corpus, for a run by hand).
    static func files() throws -> [[UInt8]] {
        var roots = [TestPaths.packageRoot.appendingPathComponent("Fixtures").path]
        if let corpus = ProcessInfo.processInfo.environment["HOMEPORT_PYTHON_CORPUS"] { roots.append(corpus) }
        var files: [[UInt8]] = []
        for root in roots {
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let relative = enumerator?.nextObject() as? String {
                guard relative.hasSuffix(".py") else { continue }
                files.append([UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))))
            }
        }
        return files
    }

    /// Fails when a literal's `isDocumentation` is not what the separate walk and its label make it.
    static func expectProseAsTheSeparateWalk(_ source: [UInt8]) {
        let file = SourceFile(path: "t.py", bytes: source, language: .python)
        let facts = PythonFrontend().facts(in: file)
        let prose = source.withUnsafeBufferPointer { bytes in
            var tokenizer = PythonTokenizer(bytes: bytes, start: file.lineStarts[0])
            tokenizer.run()
            return Set(PythonFactExtractor(bytes: source, tokens: tokenizer.tokens, pieces: tokenizer.pieces)
                .proseStrings())
        }
        for literal in facts.strings {
            let expected = prose.contains(literal.span.start)
                || (literal.label.map(PythonFactExtractor.isDocumentaryLabel) ?? false)
            #expect(literal.isDocumentation == expected,
                    "\(literal.value) at \(literal.span.start) in \(String(decoding: source, as: UTF8.self).debugDescription)")
            if literal.isDocumentation != expected { return }
        }
    }

    @Test func proseDecidedInTheFactPassIsTheSeparateWalksOnGeneratedCode() {
        for source in Self.generated(count: 4_000, seed: 21) { Self.expectProseAsTheSeparateWalk(source) }
    }

    @Test func proseDecidedInTheFactPassIsTheSeparateWalksOnFiles() throws {
        let files = try Self.files()
        #expect(!files.isEmpty)
        for source in files { Self.expectProseAsTheSeparateWalk(source) }
    }

    @Test func proseCases() {
        func documentation(_ source: String) -> [Bool] {
            PythonFrontend().facts(in: SourceFile(path: "t.py", bytes: Array(source.utf8), language: .python))
                .strings.map(\.isDocumentation)
        }
        #expect(documentation("print('gpt-4o', file=x, sep='-')\n") == [true, false])
        #expect(documentation("print(x, 'a' 'b')\n") == [true])
        #expect(documentation("print(\n  end='x')\n") == [false])
        #expect(documentation("logger.info(f'{model}: {\"gpt-4o\"}')\n") == [true, false])
        #expect(documentation("f(print)('x')\nraise ValueError(('x'))\n") == [false, false])
        #expect(documentation("client(model='gpt-4o', help='text')\n") == [false, true])
    }

    /// Pieces that make calls and arguments as `calls()` reads them: keywords, message content given
    /// by name, content part types (escaped too), nested brackets, calls inside f-strings' fields.
    static let callFragments: [String] = fragments + [
        "messages=", "content=", "input=", "api_key=", "model=", "base_url=", "\"content\"", "'content'", "\"role\"",
        "\"image_url\"", "'input_image'", "\"type\"", "'image\\x5furl'", "'conte' 'nt'", "\"\"\"content\"\"\"",
        "OpenAI(", "client.chat.completions.create(", "x.y (", "a\\\n.b(", "parts", "f'{a(b=1, c)}'", "f\"{g(\"image_url\")}\"",
        "openai . OpenAI(", "g()", "h(x)(", "[1, 2]", "{'a': b}", "(x,)", "**", "*", "k=v", "=", ":", "é(",
    ]

    /// Fails when `calls()` differs from `callsReference()` on `source`.
    static func expectCallsAsTheReference(_ source: [UInt8]) {
        let file = SourceFile(path: "t.py", bytes: source, language: .python)
        source.withUnsafeBufferPointer { bytes in
            var tokenizer = PythonTokenizer(bytes: bytes, start: file.lineStarts[0])
            tokenizer.run()
            let extractor = PythonFactExtractor(bytes: source, tokens: tokenizer.tokens, pieces: tokenizer.pieces)
            let calls = extractor.calls()
            let reference = extractor.callsReference()
            #expect(calls == reference, "\(String(decoding: source, as: UTF8.self).debugDescription)")
        }
    }

    @Test func callsAreTheReferenceWalksOnGeneratedCode() {
        var generator = SeededGenerator(seed: 2121)
        for _ in 0..<6_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...160, using: &generator) {
                text += Self.callFragments.randomElement(using: &generator)!
            }
            Self.expectCallsAsTheReference(Array(text.utf8))
        }
    }

    @Test func callsAreTheReferenceWalksOnFiles() throws {
        let files = try Self.files()
        #expect(!files.isEmpty)
        for source in files { Self.expectCallsAsTheReference(source) }
    }

    @Test func callCases() {
        func calls(_ source: String) -> [CallFact] {
            let bytes = Array(source.utf8)
            return bytes.withUnsafeBufferPointer { buffer in
                var tokenizer = PythonTokenizer(bytes: buffer, start: 0)
                tokenizer.run()
                return PythonFactExtractor(bytes: bytes, tokens: tokenizer.tokens, pieces: tokenizer.pieces).calls()
            }
        }
        let create = calls("c.create(model='gpt-4o', messages=[{'role': 'user', 'content': parts}], n=k)\n")
        #expect(create.map(\.callee) == ["c.create"])
        #expect(create.first?.labels == ["model", "messages", "n"])
        #expect(create.first?.unreadArguments == ["messages", "n"])
        let image = calls("f(x, [{'type': 'image_url'}])\ng(\n  a\n)\n[h(1]\n")
        #expect(image.map(\.callee) == ["f", "g"])
        #expect(image.first?.contentParts == ["image"])
        #expect(image.first?.unreadArguments == [""])
        #expect(image.last?.argumentSpans.count == 1)
    }

    /// Bytes that decide the word-at-a-time scans: every class boundary of identifier bytes and blanks.
    static let edgeBytes: [UInt8] = [0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x22, 0x27, 0x2F, 0x30, 0x39, 0x3A, 0x40, 0x41,
                                     0x5A, 0x5B, 0x5C, 0x5E, 0x5F, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0x80, 0xBF, 0xC3, 0xFF]

    /// `identifierEnd`, `blankEnd` and `contentStop` against byte-by-byte loops, from every start in random buffers
    /// of those bytes, and for every byte value at every place of a word.
    @Test func wordAtATimeScansEndWhereByteLoopsDo() {
        func check(_ source: [UInt8]) {
            source.withUnsafeBufferPointer { bytes in
                let tokenizer = PythonTokenizer(bytes: bytes, start: 0)
                for start in 0...bytes.count {
                    var identifier = start
                    while identifier < bytes.count && isIdentifierContinue(bytes[identifier]) { identifier += 1 }
                    var blank = start
                    while blank < bytes.count, [0x20, 0x09, 0x0C].contains(bytes[blank]) { blank += 1 }
                    #expect(tokenizer.identifierEnd(from: start) == identifier, "\(source) from \(start)")
                    #expect(tokenizer.blankEnd(from: start) == blank, "\(source) from \(start)")
                    for quote: UInt8 in [0x22, 0x27] {
                        for triple in [false, true] {
                            var stop = start
                            while stop < bytes.count {
                                let b = bytes[stop]
                                if b == quote || b == 0x5C || b == 0x0D || (b == 0x0A && !triple) { break }
                                stop += 1
                            }
                            #expect(tokenizer.contentStop(from: start, quote: quote, triple: triple) == stop,
                                    "\(source) from \(start), quote \(quote), triple \(triple)")
                        }
                    }
                }
            }
        }
        for byte in 0...255 {
            for place in 0..<9 {
                check(Array(repeating: UInt8(ascii: "a"), count: place) + [UInt8(byte)] + Array(repeating: 0x5F, count: 9))
                check(Array(repeating: 0x20, count: place) + [UInt8(byte)] + Array(repeating: 0x20, count: 9))
                check(Array(repeating: 0x78, count: place) + [UInt8(byte)] + Array(repeating: 0x78, count: 9))
            }
        }
        var generator = SeededGenerator(seed: 8)
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let heavy = Self.edgeBytes.randomElement(using: &generator)!
            check((0..<length).map { _ in
                Bool.random(using: &generator) ? heavy : Self.edgeBytes.randomElement(using: &generator)!
            })
        }
    }

    /// `mentionsBaseSettings` against a naive search, on buffers of pieces of the word at every place.
    @Test func baseSettingsIsFoundWhereverItStands() {
        let pieces = ["BaseSettings", "Base", "Settings", "B", "BBaseSettings", "BaseSetting", "aseSettings", "x", " ", "é"]
        var generator = SeededGenerator(seed: 12)
        let word = Array("BaseSettings".utf8)
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let source = Array(text.utf8)
            let naive = source.count >= word.count
                && (0...(source.count - word.count)).contains { Array(source[$0..<($0 + word.count)]) == word }
            let extractor = PythonFactExtractor(bytes: source, tokens: [], pieces: PythonPieces())
            #expect(extractor.mentionsBaseSettings() == naive, "\(text)")
        }
    }

    /// Tokens past the first reserve (a quarter of the bytes): one per byte in a list of digits.
    @Test func tokenStorageGrowsPastItsReserve() {
        let count = 20_000
        let source = Array(("x = [" + String(repeating: "1,", count: count) + "]\n").utf8)
        let tokens = source.withUnsafeBufferPointer { bytes in
            var tokenizer = PythonTokenizer(bytes: bytes, start: 0)
            tokenizer.run()
            return tokenizer.tokens
        }
        #expect(tokens.count == 2 * count + 5)
        #expect(tokens.filter { $0.kind == .number }.count == count)
        #expect(tokens.last?.kind == .newline)
        for (index, token) in tokens.enumerated().dropFirst(3).dropLast(2) {
            #expect(token.start == 2 + index && token.end == token.start + 1)
            if token.start != 2 + index { break }
        }
    }
}
