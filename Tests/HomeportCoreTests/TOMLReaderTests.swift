// The TOML reader: every construct of TOML 1.0 read to the expected tree (in reference.py's canonical
// form), the byte spans of keys and values, and every error with its class, line and column.

import Testing
@testable import HomeportCore

/// The document's canonical form as text (see TOMLDifferentialTests.canonical), or the error.
private func read(_ text: String) -> String {
    do {
        return String(decoding: TOMLDifferentialTests.canonical(try TOMLReader.parseDocument(Array(text.utf8))), as: UTF8.self)
    } catch {
        return "error \(error.reason) \(error.line):\(error.column)"
    }
}

private func failure(_ text: String) -> TOMLError? {
    do {
        _ = try TOMLReader.parse(Array(text.utf8))
        return nil
    } catch {
        return error
    }
}

@Suite struct TOMLReaderTests {
    @Test(arguments: [
        // Keys
        ("a = 1", "{s1:ai1}"),
        ("bare_key-1 = 1\n1234 = 2", "{s10:bare_key-1i1s4:1234i2}"),
        ("\"quoted key\" = 1\n'literal \\n' = 2\n\"\" = 3", "{s10:quoted keyi1s10:literal \\ni2s0:i3}"),
        ("\"\\u00e9\" = 1", "{s2:éi1}"),
        ("a.b.c = 1\na . \"b\" . d = 2", "{s1:a{s1:b{s1:ci1s1:di2}}}"),
        ("3.14 = 1", "{s1:3{s2:14i1}}"),
        // Tables
        ("[a]\nx = 1\n[b.c]\ny = 2", "{s1:a{s1:xi1}s1:b{s1:c{s1:yi2}}}"),
        ("[ a . 'b' ]", "{s1:a{s1:b{}}}"),
        ("[a.b]\n[a]\nx = 1", "{s1:a{s1:b{}s1:xi1}}"),
        ("[a]\nb.c = 1\n[a.b.d]\ne = 2", "{s1:a{s1:b{s1:ci1s1:d{s1:ei2}}}}"),
        ("a.b = 1\na.c = 2", "{s1:a{s1:bi1s1:ci2}}"),
        ("[a.b.c]\n[a]\nb.d = 1", "{s1:a{s1:b{s1:c{}s1:di1}}}"),
        // Arrays of tables
        ("[[a]]\nx = 1\n[[a]]\nx = 2", "{s1:a[{s1:xi1}{s1:xi2}]}"),
        ("[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2", "{s1:a[{s1:b{s1:xi1}}{s1:b{s1:xi2}}]}"),
        ("[[a]]\n[[a.b]]\n[[a.b]]\n[[a]]", "{s1:a[{s1:b[{}{}]}{}]}"),
        ("[[a]]\nb.c = 1\n[[a]]\nb.c = 2", "{s1:a[{s1:b{s1:ci1}}{s1:b{s1:ci2}}]}"),
        // Inline tables and arrays
        ("a = {}\nb = { x = 1, y.z = 'w' }", "{s1:a{}s1:b{s1:xi1s1:y{s1:zs1:w}}}"),
        ("a = { b = { c = [1, {d = 2}] } }", "{s1:a{s1:b{s1:c[i1{s1:di2}]}}}"),
        ("a = []\nb = [ 1, 'x', [true], {} , ]", "{s1:a[]s1:b[i1s1:x[t]{}]}"),
        ("a = [\n  1, # one\n  # alone\n  2\n  ,\n]", "{s1:a[i1i2]}"),
        ("a = [[[[]]]]", "{s1:a[[[[]]]]}"),
        // Strings
        ("a = \"\\b\\t\\n\\f\\r\\\"\\\\\"", "{s1:as7:\u{8}\t\n\u{c}\r\"\\}"),
        ("a = \"\\u00E9\\U0001F600\"", "{s1:as6:é😀}"),
        ("a = 'C:\\x\\y'", "{s1:as6:C:\\x\\y}"),
        ("a = \"tab\there\"", "{s1:as8:tab\there}"),
        ("a = \"\"\"\nfirst\nsecond\"\"\"", "{s1:as12:first\nsecond}"),
        ("a = \"\"\"one \\\n   two \\  \n\n  three\"\"\"", "{s1:as13:one two three}"),
        ("a = \"\"\"x\"\"y\"\"\"", "{s1:as4:x\"\"y}"),
        ("a = \"\"\"\"x\"\"\"\"\"", "{s1:as4:\"x\"\"}"),
        ("a = '''\r\nline\r\nnext'''", "{s1:as9:line\nnext}"),
        ("a = '''it's \\n'''''", "{s1:as9:it's \\n''}"),
        ("a = \"\"\"\"\"\"", "{s1:as0:}"),
        // Integers
        ("a = 0\nb = +17\nc = -0\nd = 1_000_000", "{s1:ai0s1:bi17s1:ci0s1:di1000000}"),
        ("a = 0xDEAD_beef\nb = 0o755\nc = 0b1101", "{s1:ai3735928559s1:bi493s1:ci13}"),
        ("a = 9223372036854775807\nb = -9223372036854775808", "{s1:ai9223372036854775807s1:bi-9223372036854775808}"),
        // Floats
        ("a = 1.5", "{s1:ad3ff8000000000000}"),
        ("a = -1e-2\nb = 6.626e-34", "{s1:adbf847ae147ae147bs1:bd390b85f8c5445f02}"),
        ("a = 1_0.0_1E+0_2", "{s1:ad408f480000000000}"),
        ("a = inf\nb = +inf\nc = -inf\nd = nan", "{s1:ad7ff0000000000000s1:bd7ff0000000000000s1:cdfff0000000000000s1:dd7ff8000000000000}"),
        ("a = -0.0\nb = 0e0", "{s1:ad8000000000000000s1:bd0000000000000000}"),
        ("a = 1e400", "{s1:ad7ff0000000000000}"),
        // Booleans
        ("a = true\nb = false", "{s1:ats1:bf}"),
        // Dates and times
        ("a = 1979-05-27T07:32:00Z", "{s1:aO1979-05-27T07:32:00.000000+00:00}"),
        ("a = 1979-05-27t00:32:00.999999-07:30", "{s1:aO1979-05-27T00:32:00.999999-07:30}"),
        ("a = 1979-05-27 07:32:00.1234567z", "{s1:aO1979-05-27T07:32:00.123456+00:00}"),
        ("a = 1979-05-27T07:32:00", "{s1:aL1979-05-27T07:32:00.000000}"),
        ("a = 1979-05-27\nb = 2000-02-29", "{s1:aY1979-05-27s1:bY2000-02-29}"),
        ("a = 1979-05-27 # a date", "{s1:aY1979-05-27}"),
        ("a = 07:32:00\nb = 23:59:59.5", "{s1:aH07:32:00.000000s1:bH23:59:59.500000}"),
        ("a = [1979-05-27, 07:32:00]", "{s1:a[Y1979-05-27H07:32:00.000000]}"),
        // Comments, blank lines, line ends, byte order mark
        ("# only a comment", "{}"),
        ("", "{}"),
        ("\n\n  \t\n", "{}"),
        ("a = 1 # comment \u{1F600}\n# another\t\n[b] # here\n", "{s1:ai1s1:b{}}"),
        ("a = 1\r\n[b]\r\nc = \"x\"\r\n", "{s1:ai1s1:b{s1:cs1:x}}"),
        ("\u{FEFF}a = 1", "{s1:ai1}"),
        ("\ta\t=\t1\t", "{s1:ai1}"),
    ])
    func readsValidTOML(_ text: String, _ expected: String) {
        #expect(read(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Characters and lines
        ("a = 1\rb = 2", FileMessage.tomlBareCarriageReturn, 1, 6),
        ("a = 1 # \u{1}", .controlCharacter, 1, 9),
        ("a = \"x\u{7F}\"", .controlCharacter, 1, 7),
        ("a = '''\u{0}'''", .controlCharacter, 1, 8),
        ("= 1", .tomlExpectedKey, 1, 1),
        ("a.= 1", .tomlExpectedKey, 1, 3),
        ("a", .tomlExpectedEquals, 1, 2),
        ("a\n= 1", .tomlExpectedEquals, 1, 2),
        ("a = 1 b = 2", .tomlTextAfterStatement, 1, 7),
        ("a = ", .expectedValue, 1, 5),
        ("a = \n1", .expectedValue, 1, 5),
        ("\"\"\"a\"\"\" = 1", .tomlMultilineKey, 1, 1),
        ("[a", .tomlUnclosedHeader, 1, 3),
        ("[[a]", .tomlUnclosedArrayHeader, 1, 4),
        ("[[a] ]", .tomlUnclosedArrayHeader, 1, 4),
        ("[]", .tomlExpectedKey, 1, 2),
        // Strings
        ("a = \"abc", .tomlUnterminatedString, 1, 9),
        ("a = '''abc''", .tomlUnterminatedString, 1, 13),
        ("a = \"abc\nd\"", .tomlStringNewline, 1, 9),
        ("a = 'abc\n'", .tomlStringNewline, 1, 9),
        ("a = \"\\q\"", .unknownEscape, 1, 6),
        ("a = \"\\e\"", .unknownEscape, 1, 6),
        ("a = \"a\\ b\"", .unknownEscape, 1, 7),
        ("a = \"\"\"a\\ b\"\"\"", .tomlBackslashNotAtLineEnd, 1, 9),
        ("a = \"\\u12\"", .hexDigits, 1, 6),
        ("a = \"\\uD800\"", .escapeNotCharacter, 1, 6),
        ("a = \"\\U00110000\"", .escapeNotCharacter, 1, 6),
        ("a = \"\"\"x\"\"\"\"\"\"", .tomlTextAfterStatement, 1, 14),
        // Numbers
        ("a = 012", .tomlLeadingZero, 1, 5),
        ("a = 1__2", .tomlInvalidNumber, 1, 5),
        ("a = 1_", .tomlInvalidNumber, 1, 5),
        ("a = _1", .tomlInvalidNumber, 1, 5),
        ("a = +0x1", .tomlInvalidNumber, 1, 5),
        ("a = 0x", .tomlInvalidNumber, 1, 5),
        ("a = 0xG", .tomlInvalidNumber, 1, 5),
        ("a = 0b102", .tomlInvalidNumber, 1, 5),
        ("a = 1.", .tomlInvalidNumber, 1, 5),
        ("a = .5", .tomlInvalidNumber, 1, 5),
        ("a = 1e", .tomlInvalidNumber, 1, 5),
        ("a = 1.e5", .tomlInvalidNumber, 1, 5),
        ("a = infinity", .tomlInvalidNumber, 1, 5),
        ("a = True", .tomlInvalidNumber, 1, 5),
        ("a = 9223372036854775808", .tomlIntegerRange, 1, 5),
        ("a = 0x8000000000000000", .tomlIntegerRange, 1, 5),
        // Dates and times
        ("a = 2023-02-29", .tomlInvalidDateTime, 1, 5),
        ("a = 1979-13-01", .tomlInvalidDateTime, 1, 5),
        ("a = 1979-04-31", .tomlInvalidDateTime, 1, 5),
        ("a = 1979-05-27T24:00:00", .tomlInvalidDateTime, 1, 5),
        ("a = 1979-05-27T07:32", .tomlInvalidDateTime, 1, 5),
        ("a = 1979-05-27T07:32:00+25:00", .tomlInvalidDateTime, 1, 5),
        ("a = 07:60:00", .tomlInvalidDateTime, 1, 5),
        ("a = 07:32:60", .tomlInvalidDateTime, 1, 5),
        ("a = 1979-05-27 07:32", .tomlTextAfterStatement, 1, 16),
        ("a = 07:32:00.", .tomlTextAfterStatement, 1, 13),
        // Arrays and inline tables
        ("a = [1 2]", .tomlArraySeparator, 1, 8),
        ("a = [1,,2]", .expectedValue, 1, 8),
        ("a = [1", .tomlArraySeparator, 1, 7),
        ("a = {b = 1 c = 2}", .tomlInlineSeparator, 1, 12),
        ("a = {b = 1\n}", .tomlInlineNewline, 1, 11),
        ("a = {\nb = 1}", .tomlInlineNewline, 1, 6),
        ("a = {b = 1,}", .tomlInlineTrailingComma, 1, 12),
        ("a = {b = 1, b = 2}", .tomlDuplicateKey, 1, 13),
        ("a = {b = {c = 1}, b.d = 2}", .tomlNotTable, 1, 19),
        ("a = {b.c = 1, b.d = 2, b = 3}", .tomlDuplicateKey, 1, 24),
        // Keys and tables defined twice
        ("a = 1\na = 2", .tomlDuplicateKey, 2, 1),
        ("a = 1\n'a' = 2", .tomlDuplicateKey, 2, 1),
        ("a.b = 1\na.b = 2", .tomlDuplicateKey, 2, 1),
        ("a.b = 1\na.b.c = 2", .tomlNotTable, 2, 1),
        ("[a]\n[a]", .tomlTableRedefined, 2, 1),
        ("[a.b]\n[a]\n[a]", .tomlTableRedefined, 3, 1),
        ("a.b = 1\n[a]", .tomlTableRedefined, 2, 1),
        ("[a]\nb.c = 1\n[a.b]", .tomlTableRedefined, 3, 1),
        ("a = 1\n[a]", .tomlNotTable, 2, 1),
        ("a = 1\n[a.b]", .tomlNotTable, 2, 1),
        ("a = {}\n[a]", .tomlNotTable, 2, 1),
        ("a = {}\n[a.b]", .tomlNotTable, 2, 1),
        ("a = {b = 1}\na.c = 2", .tomlNotTable, 2, 1),
        ("a = []\n[[a]]", .tomlNotArrayOfTables, 2, 1),
        ("a = [{}]\n[a.b]", .tomlNotTable, 2, 1),
        ("[a]\n[[a]]", .tomlNotArrayOfTables, 2, 1),
        ("[a.b]\n[[a]]", .tomlNotArrayOfTables, 2, 1),
        ("[[a]]\n[a]", .tomlTableRedefined, 2, 1),
        ("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", .tomlDottedIntoDefined, 4, 1),
        ("[a.b]\n[a]\nb.x = 1", .tomlDottedIntoDefined, 3, 1),
        ("[[a.b]]\n[a]\nb.x = 1", .tomlDottedIntoDefined, 3, 1),
        ("[a]\nb = 1\n[a.b]", .tomlNotTable, 3, 1),
        // After a byte order mark, columns count from the first character
        ("\u{FEFF}= 1", .tomlExpectedKey, 1, 1),
        ("\u{FEFF}\u{FEFF}a = 1", .tomlExpectedKey, 1, 1),
        ("a = \"é漢\" x", .tomlTextAfterStatement, 1, 10),
    ] as [(String, FileMessage, Int, Int)])
    func refusesInvalidTOML(_ text: String, _ reason: FileMessage, _ line: Int, _ column: Int) {
        let error = failure(text)
        #expect(error?.reason == reason, "\(text): \(String(describing: error))")
        #expect(error.map { [$0.line, $0.column] } == [line, column], "\(text): \(String(describing: error))")
    }

    @Test func invalidUTF8IsAPositionedError() {
        let error = #expect(throws: TOMLError.self) {
            try TOMLReader.parse(Array("a = 1\nb = \"x".utf8) + [0xC3, 0x28, 0x22])
        }
        #expect(error?.reason == .tomlInvalidUTF8)
        #expect(error?.offset == 12)
        #expect(error.map { [$0.line, $0.column] } == [2, 7])
    }

    @Test func errorsReadInBothLanguages() throws {
        let error = try #require(failure("[a]\n[a]"))
        #expect(error.description == "2:1: table `a` is already defined (line 1)")
        #expect(error.text.text(in: .simplifiedChinese) == "表 `a` 已经定义过（第 1 行）")
        let found = try #require(failure("a = [1 x]"))
        #expect(found.text.text(in: .english) == "expected ',' or ']' in an array, found 'x'")
        #expect(found.text.text(in: .simplifiedChinese) == "数组中应为 ',' 或 ']'，却是 'x'")
        let keyed = try #require(failure("\"a b\".c = 1\n\"a b\".c = 2"))
        #expect(keyed.message == "duplicate key `\"a b\".c`: first on line 1")
    }

    /// Hostile nesting is refused at the cap, never by exhausting the stack.
    @Test(arguments: [
        "a = " + String(repeating: "[", count: 100_000),
        "a = " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
        "a = " + String(repeating: "{b = ", count: 300) + "1" + String(repeating: "}", count: 300),
        "a = " + String(repeating: "[{b = ", count: 200) + "1" + String(repeating: "}]", count: 200),
        (0..<300).map { "k\($0)" }.joined(separator: ".") + " = 1",
        "[" + (0..<300).map { "k\($0)" }.joined(separator: ".") + "]",
        "a = {" + (0..<300).map { "k\($0)" }.joined(separator: ".") + " = 1}",
    ])
    func deepNestingIsRefused(_ text: String) {
        #expect(failure(text)?.reason == .nestingTooDeep)
    }

    /// Wide documents: a 100,000-item array, 50,000 keys in one table, 20,000 arrays of tables and more
    /// (each append is in place and each key is found by hash; a quadratic step would make this test crawl).
    @Test func wideDocumentsAreRead() throws {
        let array = "a = [" + String(repeating: "1, ", count: 100_000) + "]"
        #expect(try TOMLReader.parse(Array(array.utf8))["a"]?.items?.count == 100_000)
        let keys = (0..<50_000).map { "k\($0) = \"v\"\n" }.joined()
        #expect(try TOMLReader.parse(Array(keys.utf8)).entries.count == 50_000)
        let tables = String(repeating: "[[t]]\nx.y = 1\n", count: 20_000)
        #expect(try TOMLReader.parse(Array(tables.utf8))["t"]?.items?.count == 20_000)
        // Dotted keys through one table, and headers defining tables first named implicitly: the line of
        // an earlier definition is counted only for an error.
        let dotted = (0..<20_000).map { "a.k\($0) = 1\n" }.joined()
        #expect(try TOMLReader.parse(Array(dotted.utf8))["a"]?.table?.entries.count == 20_000)
        let implicit = (0..<10_000).map { "[t\($0).x]\n" }.joined() + (0..<10_000).map { "[t\($0)]\n" }.joined()
        #expect(try TOMLReader.parse(Array(implicit.utf8)).entries.count == 10_000)
    }

    @Test func nestingUpToTheCapIsRead() throws {
        let depth = TOMLReader.maxDepth - 1
        let text = "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try #require(try TOMLReader.parse(Array(text.utf8))["a"])
        var levels = 1
        while let inner = value.items?.first { value = inner; levels += 1 }
        #expect(levels == depth)
    }

    /// Spans: each key part and value points at its bytes in the file, quotes and brackets included.
    @Test func keysAndValuesKeepTheirSpans() throws {
        let text = """
        \u{FEFF}# head\r
        "q.k" . bare = 'lit'\r
        [table . sub]\r
        s = "a\\"b" # c\r
        m = \"\"\"\r
        x\"\"\"\r
        n = 1_0\r
        arr = [ 1, { i = 2 } ]\r
        [[aot]]\r
        d = 1979-05-27T07:32:00Z\r

        """
        let bytes = Array(text.utf8)
        let root = try TOMLReader.parse(bytes)
        func slice(_ span: Range<Int>) -> String { String(decoding: bytes[span], as: UTF8.self) }
        let quoted = try #require(root.entries.first)
        #expect(slice(quoted.key.span) == "\"q.k\"")
        #expect(slice(quoted.value.span) == "\"q.k\"")  // a table made by a dotted key spans the part that made it
        let lit = try #require(quoted.value.table?.entries.first)
        #expect(slice(lit.key.span) == "bare")
        #expect(slice(lit.value.span) == "'lit'")
        let table = try #require(root["table"])
        #expect(slice(table.span) == "table")  // made implicitly by the header
        let sub = try #require(table["sub"])
        #expect(slice(sub.span) == "[table . sub]")
        #expect(slice(try #require(sub["s"]).span) == "\"a\\\"b\"")
        #expect(try #require(sub["s"]).string == "a\"b")
        #expect(slice(try #require(sub["m"]).span) == "\"\"\"\r\nx\"\"\"")
        #expect(slice(try #require(sub["n"]).span) == "1_0")
        let array = try #require(sub["arr"])
        #expect(slice(array.span) == "[ 1, { i = 2 } ]")
        #expect(slice(try #require(array.items?[1]).span) == "{ i = 2 }")
        #expect(slice(try #require(array.items?[1]["i"]).span) == "2")
        let aot = try #require(root["aot"])
        #expect(slice(aot.span) == "[[aot]]")
        #expect(slice(try #require(aot.items?.first?["d"]).span) == "1979-05-27T07:32:00Z")
        let root2 = try TOMLReader.parseDocument(bytes)
        #expect(root2.span == 0..<bytes.count)
    }

    @Test func stringStylesAreKept() throws {
        let root = try TOMLReader.parse(Array("a = \"x\"\nb = 'x'\nc = \"\"\"x\"\"\"\nd = '''x'''".utf8))
        let styles = root.entries.map { entry -> TOMLValue.StringStyle? in
            if case .string(_, let style) = entry.value.kind { return style }
            return nil
        }
        #expect(styles == [.basic, .literal, .multilineBasic, .multilineLiteral])
    }

    @Test func keyOrderIsDocumentOrder() throws {
        let root = try TOMLReader.parse(Array("z = 1\n[y.x]\n[a]\nm = 1\n[y]\nb = 2".utf8))
        #expect(root.entries.map(\.key.name) == ["z", "y", "a"])
        #expect(root["y"]?.table?.entries.map(\.key.name) == ["x", "b"])
    }
}
