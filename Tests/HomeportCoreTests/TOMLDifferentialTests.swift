// Our TOML reader against Python's tomllib (Tests/Differential/reference.py) on generated documents,
// valid and broken, and on the toml-test suite when a copy is at HOMEPORT_TOML_TEST (its `tests/` folder).
// Both directions count: a document one side reads and the other refuses is a failure unless it is a
// restriction listed in `TOMLDifferentialTests.Restriction`, and then it is asserted to be that.
// Every document we read also has its key and value spans checked against the bytes.

import Foundation
import Testing
import HomeportTestSupport
@testable import HomeportCore

/// Random TOML text: key/value pairs, tables and arrays of tables over a small pool of keys (so that
/// duplicates and redefinitions happen), every value kind with valid and invalid spellings.
struct TOMLGenerator {
    var random: SeededGenerator
    var newline = "\n"

    static let keys = ["a", "b", "c", "key", "x-y", "_1", "1", "true", "inf", "\"a\"", "'b'", "\"q k\"", "\"\"",
                       "'漢字'", "\"\\u00e9\"", "\"a.b\"", "'\\n'", "\"tab\\t\"", "2024-01-01", "0x1", "-"]
    // Each kind in two lists, valid spellings and invalid ones; `mostly` takes an invalid one now and then.
    static let basics = (["\"\"", "\"plain\"", "\"\\b\\t\\n\\f\\r\\\"\\\\\"", "\"\\u00e9\\U0001F600\"", "\"tab\there\"", "\"é漢字😀\"",
                          "\"# not a comment\"", "\"sk-proj-abc\"", "\"https://api.openai.com/v1\"", "\"\u{FEFF}\""],
                         ["\"\\uD800\"", "\"\\U00110000\"", "\"\\e\"", "\"\\x41\"", "\"\\u12\"", "\"a\\ b\"", "\"\u{7F}\"", "\"\u{1}\"", "\"a"])
    static let literals = (["''", "'C:\\x\\y'", "'it\"s'", "'\\u0041'", "'tab\tx'", "'漢字'"], ["'\u{7F}'", "'a''", "'a"])
    static let multilines = ([
        "\"\"\"\nfirst\nsecond\"\"\"", "\"\"\"one \\\n   two\"\"\"", "\"\"\"x \\  \n\n y\"\"\"", "\"\"\"a\"\"b\"\"\"", "\"\"\"\"x\"\"\"\"\"",
        "\"\"\"\"\"\"", "\"\"\"\\\"\"\"\"", "\"\"\"\r\nx\r\n\"\"\"", "'''\nline\n'''", "'''it's''''", "''''''", "'''\\n'''''",
        "\"\"\"tab\t\"\"\"", "\"\"\"\\\n\"\"\"",
    ], ["\"\"\"x\"\"\"\"\"\"", "\"\"\"a\\ b\"\"\"", "\"\"\"a\rb\"\"\"", "'''a\u{0}'''", "'''a''''''", "\"\"\"a\"\""])
    static let integers = (["0", "+0", "-0", "1", "+17", "-17", "1_000", "0x1F", "0xdead_BEEF", "0o755", "0b1101",
                            "9223372036854775807", "-9223372036854775808", "0x7FFFFFFFFFFFFFFF", "0o0", "0b0_1"],
                           ["1__0", "1_", "_1", "012", "00", "0x", "0X1", "+0x1", "0o8", "0b2", "9223372036854775808",
                            "0xFFFFFFFFFFFFFFFF", "99999999999999999999", "1 2", "0x_1", "-0b1"])
    static let floats = (["1.5", "-0.0", "+1.0", "1e5", "1E-5", "1e+05", "6.626e-34", "1_0.0_1e1_0", "inf", "+inf", "-inf", "nan",
                          "+nan", "-nan", "1e400", "0.0", "0e0", "3.14159265358979323846", "1e-400", "-1_2.3_4E-0_0"],
                         ["1.", ".5", "1.e5", "1e", "1e_5", "0.1_", "infinity", "NaN", "00.5", "1.5.2", "1e5e5", "+-1"])
    static let dates = (["1979-05-27T07:32:00Z", "1979-05-27t07:32:00z", "1979-05-27 07:32:00-07:30", "1979-05-27T00:32:00.999999+01:00",
                         "1979-05-27T00:32:00.123456789", "1979-05-27", "2000-02-29", "07:32:00", "23:59:59.5", "0000-01-01",
                         "9999-12-31T23:59:59.999999Z", "1979-05-27T07:32:00-00:00", "1979-05-27T07:32:00.5"],
                        ["1900-02-29", "2023-02-29", "1979-04-31", "1979-13-01", "1979-5-27", "24:00:00", "07:60:00", "07:32:60",
                         "1979-05-27T07:32", "1979-05-27 07:32", "1979-05-27T07:32:00+25:00", "1979-05-27T07:32:00+0700",
                         "07:32:00.", "07:32:00Z", "1979-05-27T", "1979-05-00"])

    mutating func mostly(_ kinds: (valid: [String], invalid: [String])) -> String {
        chance(40) ? pick(kinds.invalid) : pick(kinds.valid)
    }

    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
    mutating func chance(_ n: Int) -> Bool { Int.random(in: 0..<n, using: &random) == 0 }

    mutating func blanks() -> String { chance(4) ? pick([" ", "\t", "  ", ""]) : "" }

    mutating func key() -> String {
        (0..<(chance(4) ? Int.random(in: 2...3, using: &random) : 1)).map { _ in pick(TOMLGenerator.keys) }
            .joined(separator: pick([".", ".", " . ", ". "]))
    }

    mutating func comment() -> String { chance(5) ? blanks() + " #" + pick(["", " note", " a = 1", " [x]", " 漢字", "#"]) : "" }

    mutating func scalar() -> String {
        switch Int.random(in: 0..<9, using: &random) {
        case 0: return mostly(TOMLGenerator.basics)
        case 1: return mostly(TOMLGenerator.literals)
        case 2: return mostly(TOMLGenerator.multilines)
        case 3, 4: return mostly(TOMLGenerator.integers)
        case 5: return mostly(TOMLGenerator.floats)
        case 6: return mostly((["true", "false"], ["True", "tru", "truee"]))
        default: return mostly(TOMLGenerator.dates)
        }
    }

    mutating func value(depth: Int) -> String {
        if depth > 3 || chance(2) { return scalar() }
        let count = Int.random(in: 0...3, using: &random)
        if chance(2) {
            let separator = pick([", ", ",", " , ", "," + newline + "  ", "," + comment() + newline])
            let end = count == 0 ? blanks() : pick(["", "", ",", ", ", newline, comment() + newline])
            return "[" + blanks() + (0..<count).map { _ in value(depth: depth + 1) }.joined(separator: separator) + end + "]"
        }
        return "{" + blanks() + (0..<count).map { _ in key() + blanks() + "=" + blanks() + value(depth: depth + 1) }
            .joined(separator: pick([", ", ",", " ,"])) + (count > 0 && chance(40) ? "," : "") + blanks() + "}"
    }

    /// A key/value line; its key is new to the section but now and then (so duplicates stay rare).
    mutating func statement(used: inout Set<String>) -> String {
        var key = key()
        if !used.insert(key).inserted && !chance(8) {
            key = "k\(used.count)"
            used.insert(key)
        }
        return blanks() + key + blanks() + "=" + blanks() + value(depth: 0) + comment()
    }

    mutating func document() -> String {
        newline = chance(6) ? "\r\n" : "\n"
        var lines: [String] = []
        if chance(8) { lines.append("# head" + comment()) }
        var used: Set<String> = []
        for _ in 0..<Int.random(in: 0...3, using: &random) { lines.append(statement(used: &used)) }
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            used = []
            if chance(5) { lines.append("") }
            let header = chance(3) ? "[[" + blanks() + key() + blanks() + "]]" : "[" + blanks() + key() + blanks() + "]"
            lines.append(blanks() + header + comment())
            for _ in 0..<Int.random(in: 0...3, using: &random) { lines.append(statement(used: &used)) }
        }
        return (chance(15) ? "\u{FEFF}" : "") + lines.joined(separator: newline) + (chance(4) ? "" : newline)
    }

    /// The document with one thing broken: a character inserted, removed or replaced by one that matters.
    mutating func broken(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        let inserted: Unicode.Scalar = pick(["\"", "'", "=", "[", "]", ".", ",", "\\", "#", "\n", "\r", " ", "_", "0", "{", "}",
                                             "\t", "\u{0}", "\u{7F}", "e", ":", "-", "+", "\u{FEFF}"])
        let at = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: scalars.insert(inserted, at: at)
        case 1 where !scalars.isEmpty: scalars.remove(at: at)
        default: if scalars.isEmpty { scalars = [inserted] } else { scalars[at] = inserted }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }
}

@Suite struct TOMLDifferentialTests {
    /// reference.py's canonical form of a TOML value.
    static func canonical(_ value: TOMLValue) -> [UInt8] {
        var out: [UInt8] = []
        canonical(value, into: &out)
        return out
    }

    static func canonical(_ value: TOMLValue, into out: inout [UInt8]) {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        func date(_ d: TOMLDate) -> String {
            String(repeating: "0", count: max(0, 4 - String(d.year).count)) + "\(d.year)-\(two(d.month))-\(two(d.day))"
        }
        func time(_ t: TOMLTime) -> String {
            let micro = String(t.nanosecond / 1000)
            return "\(two(t.hour)):\(two(t.minute)):\(two(t.second))." + String(repeating: "0", count: 6 - micro.count) + micro
        }
        switch value.kind {
        case .string(let text, _): out += Array("s\(text.utf8.count):".utf8) + Array(text.utf8)
        case .integer(let n): out += Array("i\(n)".utf8)
        case .float(let x):
            let hex = String(x.bitPattern, radix: 16)
            out += Array(("d" + String(repeating: "0", count: 16 - hex.count) + hex).utf8)
        case .boolean(let b): out.append(UInt8(ascii: b ? "t" : "f"))
        case .offsetDateTime(let d, let t, let offset):
            let sign = offset < 0 ? "-" : "+"
            out += Array("O\(date(d))T\(time(t))\(sign)\(two(abs(offset) / 60)):\(two(abs(offset) % 60))".utf8)
        case .localDateTime(let d, let t): out += Array("L\(date(d))T\(time(t))".utf8)
        case .localDate(let d): out += Array("Y\(date(d))".utf8)
        case .localTime(let t): out += Array("H\(time(t))".utf8)
        case .array(let items), .arrayOfTables(let items):
            out.append(UInt8(ascii: "["))
            for item in items { canonical(item, into: &out) }
            out.append(UInt8(ascii: "]"))
        case .table(let table):
            out.append(UInt8(ascii: "{"))
            for (key, item) in table.entries {
                out += Array("s\(key.name.utf8.count):".utf8) + Array(key.name.utf8)
                canonical(item, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Where we and tomllib part on purpose; each is checked to be exactly that case.
    enum Restriction: String, CaseIterable {
        /// TOML 1.0: "If an integer cannot be represented losslessly, an error must be thrown"; tomllib
        /// reads any size (Python's int).
        case integerBeyond64Bits
        /// Deeper than `TOMLReader.maxDepth`; tomllib is limited only by Python's recursion limit.
        case nestingDeeperThanCap
        /// RFC 3339 (and TOML) allow year 0000; Python's `datetime` starts at year 1, so tomllib refuses it.
        case yearZero
    }

    /// Which restriction explains a difference, or nil (then it is a bug).
    static func restriction(text: String, ours: Result<TOMLValue, TOMLError>, reference: ReferenceResult) -> Restriction? {
        switch (ours, reference) {
        case (.failure(let error), .value):
            if error.reason == .tomlIntegerRange { return .integerBeyond64Bits }
            if error.reason == .nestingTooDeep { return .nestingDeeperThanCap }
        case (.success, .error(let message)):
            // tomllib names the value it refuses: "Invalid date or datetime (at line L, column C)", counted in
            // the text it was given (no byte order mark, CRLF as LF); that value must be a year-0000 date.
            if message.hasPrefix("Invalid date or datetime"),
               let match = message.firstMatch(of: #/\(at line (\d+), column (\d+)\)/#),
               let line = Int(match.1), let column = Int(match.2) {
                var given = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
                given = given.replacingOccurrences(of: "\r\n", with: "\n")
                let lines = given.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
                if line <= lines.count, String(String.UnicodeScalarView(lines[line - 1].dropFirst(column - 1))).hasPrefix("0000-") {
                    return .yearZero
                }
            }
        default: break
        }
        return nil
    }

    struct Tally: CustomStringConvertible {
        var compared = 0
        var bothRead = 0
        var bothRefused: [FileMessage: Int] = [:]
        var restrictions: [Restriction: Int] = [:]

        var description: String {
            "\(compared) documents: \(bothRead) read alike, \(bothRefused.values.reduce(0, +)) refused by both ("
                + bothRefused.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                + "), restrictions: " + restrictions.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", ")
        }
    }

    static func ours(_ bytes: [UInt8]) -> Result<TOMLValue, TOMLError> {
        do { return .success(try TOMLReader.parseDocument(bytes)) } catch { return .failure(error) }
    }

    /// Every key part re-reads as its name and every written value re-reads as itself from its span alone.
    static func checkSpans(_ value: TOMLValue, in bytes: [UInt8], name: String) {
        guard case .table(let table) = value.kind else { return }
        for (key, item) in table.entries {
            let keyText = Array(bytes[key.span])
            let reread = try? TOMLReader.parse(keyText + Array(" = 1".utf8))
            #expect(reread?.entries.count == 1 && reread?.entries.first?.key.name == key.name,
                    "\(name): key span \(key.span) holds \(shown(keyText)), not the key \(key.name)")
            checkValueSpan(item, in: bytes, name: name)
        }
    }

    static func checkValueSpan(_ value: TOMLValue, in bytes: [UInt8], name: String) {
        let text = Array(bytes[value.span])
        switch value.kind {
        case .table:
            if text.first != UInt8(ascii: "{") {  // a table from a header or key: its contents are elsewhere
                checkSpans(value, in: bytes, name: name)
                return
            }
        case .arrayOfTables(let items):
            for item in items { checkSpans(item, in: bytes, name: name) }
            return
        default: break
        }
        let reread = try? TOMLReader.parse(Array("v = ".utf8) + text)
        let same = reread?["v"].map(canonical) == canonical(value)
        #expect(same, "\(name): value span \(value.span) holds \(shown(text)), which does not read as the value")
    }

    /// Compares each document with tomllib's reading, in both directions.
    static func compare(_ documents: [(name: String, bytes: [UInt8])], tally: inout Tally) throws {
        let references = try Reference.read(documents.map(\.bytes), as: .toml)
        for ((name, bytes), reference) in zip(documents, references) {
            tally.compared += 1
            let ours = ours(bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            switch (ours, reference) {
            case (.success(let value), .value(let expected)):
                tally.bothRead += 1
                let canonical = canonical(value)
                #expect(canonical == expected, "\(name) \(shown(bytes)): we read \(shown(canonical)), tomllib \(shown(expected))")
                checkSpans(value, in: bytes, name: name)
            case (.failure(let error), .error):
                tally.bothRefused[error.reason, default: 0] += 1
                let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
                #expect(error.line >= 1 && error.line <= lines && error.column >= 1, "\(name) \(shown(bytes)): \(error) has no place in the text")
            default:
                if let restriction = restriction(text: text, ours: ours, reference: reference) {
                    tally.restrictions[restriction, default: 0] += 1
                    continue
                }
                switch (ours, reference) {
                case (.success(let value), .error(let message)):
                    Issue.record("\(name) \(shown(bytes)): we read \(shown(canonical(value))) where tomllib refuses: \(message)")
                case (.failure(let error), .value(let expected)):
                    Issue.record("\(name) \(shown(bytes)): we refuse (\(error)) what tomllib reads as \(shown(expected))")
                default: break
                }
            }
        }
    }

    @Test func generatedDocumentsReadAsTomllibReadsThem() throws {
        var generator = TOMLGenerator(random: SeededGenerator(seed: 22))
        var documents: [(name: String, bytes: [UInt8])] = []
        for index in 0..<3000 {
            let text = generator.document()
            documents.append(("generated #\(index)", Array(text.utf8)))
            documents.append(("broken #\(index)", Array(generator.broken(text).utf8)))
        }
        // Bytes that are not UTF-8, for both sides to refuse.
        documents.append(("not UTF-8", Array("a = \"".utf8) + [0xFF, 0x22]))
        documents.append(("surrogate bytes", Array("a = \"".utf8) + [0xED, 0xA0, 0x80, 0x22]))
        var whole = Tally()
        var broken = Tally()
        try TOMLDifferentialTests.compare(documents.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), tally: &whole)
        try TOMLDifferentialTests.compare(documents.enumerated().filter { $0.offset % 2 == 1 }.map(\.element), tally: &broken)
        print("TOML differential (generated): \(whole)")
        print("TOML differential (broken): \(broken)")
        // Refusing everything would compare nothing; each restriction is exercised.
        #expect(whole.bothRead > whole.compared / 2, "\(whole)")
        #expect(whole.bothRefused.count + broken.bothRefused.count >= 20, "error classes seen: \(whole) \(broken)")
        #expect(whole.restrictions[.integerBeyond64Bits, default: 0] > 0 && whole.restrictions[.yearZero, default: 0] > 0, "\(whole)")
    }

    /// Hand-picked cases on the rules the generator reaches only by chance: which tables a header, an
    /// array of tables or a dotted key may define or extend, and the edges of each value's syntax.
    static let edgeCases = [
        "[a.b]\n[a]\nb.c = 1", "[a.b.c]\n[a]\nb.d = 1\n[a.b]", "[a]\nb.c = 1\n[a.b.d]", "a.b = 1\n[a.c]", "a.b = 1\n[a]",
        "[a]\nb.c = 1\n[a.b]", "[[a]]\nb.c = 1\n[a.b]", "[[a]]\nb.c = 1\n[[a]]\n[a.b]", "[[a]]\n[a.b]\n[[a]]\n[a.b]",
        "[[a]]\n[[a.b]]\n[a.b.c]\n[[a.b]]\n[a.b.c]", "[a]\n[[a.b]]\n[a]", "[[a.b]]\n[a]\nc = 1", "[[a.b]]\n[a]\nb.c = 1",
        "a = {b = 1}\n[a.c]", "a = [{b = 1}]\n[[a]]", "a = []\n[[a]]", "a = [{}]\n[a.b]", "[a]\n[[a]]", "[[a]]\n[a]",
        "a = {b.c = 1, b.d = 2}", "a = {b = {c = 1}, b.d = 2}", "a = {b.c = 1, b = 2}", "a = {b = [], b.c = 1}",
        "x.y.z = 1\nx.y.w = 2\nx.v = 3", "x.y = 1\nx.y.z = 2", "x = 1\nx.y = 2", "\"a\".b = 1\na.c = 2", "'a'.b = 1\n[\"a\".b]",
        "a = 1979-05-27 07:32:00", "a = 1979-05-27 # x", "a = 1979-05-27 07:32", "a = 1979-05-27T07:32:00.", "a = 07:32:00.1234567",
        "a = 1979-05-27T07:32:00+00:00", "a = 1979-05-27T07:32:00-23:59", "a = 1979-05-27 x", "a = 1979-02-29", "a = 2004-02-29",
        "a = 1e1_0", "a = 1_e10", "a = 1e_10", "a = 0.0e0", "a = -0e0", "a = 0_0", "a = +0.1", "a = -.1", "a = 01.5", "a = 0x0",
        "a = 0o01", "a = 0b00", "a = 0x00_ff", "a = +inf", "a = -nan", "a = nan.0", "a = inf_", "a = 1e", "a = 1E5", "a = 9e-999",
        "a = \"\"\"\\\n\"\"\"", "a = \"\"\"\\\r\n  \"\"\"", "a = \"\"\"\\ \t \r\n  x\"\"\"", "a = \"\"\"\\  x\"\"\"",
        "a = \"\"\"a\\\"\"\"\"\"", "a = '''a'''''", "a = ''''a''''", "a = \"\\u0000\"", "a = \"\\U0010FFFF\"", "a = \"\\uDFFF\"",
        "a = \"\\u00e9\"", "a = \"\\UFFFFFFFF\"", "a = \"\u{80}\u{9F}\"", "a = '\t'", "a = \"\"\"\t\u{0B}\"\"\"",
        "a = [\n# c\n]", "a = [1,\n# c\n2,]", "a = [,]", "a = [1,,]", "a = {}#c", "a = { }", "a = {a=1,}", "a = {\n}",
        "[a] b = 1", "[ a ]\n[ a . b ]", "[a.\"\"]\n[a.'']", "[\"\"]", "['']", "''.'' = 1", "[a]]", "[[a]]]", "[[ a ]]", "[ [a]]",
        "a = true#c", "a = truefalse", "a=1\n\n\n", "a = 1\r\n", "a = 1\r", "#\r\na = 1", "# \u{7F}", "a = \"\u{FEFF}\"",
        "\u{FEFF}\u{FEFF}a = 1", "a\t=\t1", "a = \t[\t1\t,\t2\t]\t", "1.2.3 = 4", "- = 1", "_ = 1", "a b = 1", "a.'b c'.\"d\" = 1",
    ]

    @Test func edgeCasesReadAsTomllibReadsThem() throws {
        var tally = Tally()
        try TOMLDifferentialTests.compare(TOMLDifferentialTests.edgeCases.enumerated().map { ("edge #\($0.offset)", Array($0.element.utf8)) },
                                          tally: &tally)
        print("TOML differential (edge cases): \(tally)")
        #expect(tally.restrictions.isEmpty)
    }

    /// Nesting beyond the cap is the one restriction the generator does not reach.
    @Test func deepNestingIsTheDocumentedRestriction() throws {
        let depth = TOMLReader.maxDepth + 1
        let text = "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var tally = Tally()
        try TOMLDifferentialTests.compare([("deep", Array(text.utf8))], tally: &tally)
        #expect(tally.restrictions == [.nestingDeeperThanCap: 1])
    }

    static let tomlTestFolder = ProcessInfo.processInfo.environment["HOMEPORT_TOML_TEST"]

    /// BurntSushi/toml-test's cases (valid/ must read, invalid/ must be refused), each also against tomllib.
    @Test(.enabled(if: tomlTestFolder != nil, "set HOMEPORT_TOML_TEST to a toml-test checkout's tests/ folder"))
    func tomlTestSuite() throws {
        let root = URL(fileURLWithPath: try #require(TOMLDifferentialTests.tomlTestFolder))
        var cases: [(name: String, bytes: [UInt8])] = []
        for folder in ["valid", "invalid"] {
            let base = root.appendingPathComponent(folder)
            let files = try FileManager.default.subpathsOfDirectory(atPath: base.path).filter { $0.hasSuffix(".toml") }.sorted()
            for file in files {
                cases.append(("\(folder)/\(file)", [UInt8](try Data(contentsOf: base.appendingPathComponent(file)))))
            }
        }
        #expect(cases.count > 100)
        var tally = Tally()
        try TOMLDifferentialTests.compare(cases, tally: &tally)
        for (name, bytes) in cases {
            switch (name.hasPrefix("valid/"), TOMLDifferentialTests.ours(bytes)) {
            case (true, .failure(let error)):
                if error.reason == .tomlIntegerRange { continue }
                Issue.record("\(name): refused: \(error)")
            case (false, .success): Issue.record("\(name): read, but toml-test says it is invalid")
            default: break
            }
        }
        print("TOML differential (toml-test): \(tally)")
    }
}
