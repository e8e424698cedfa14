// The YAML reader: each construct rule and config files use, positions, every error's position and
// wording, and hostile input.

import Testing
@testable import HomeportCore

/// A node as compact text: scalars bare when they are simple words, else quoted; `~` for null.
func render(_ node: YAMLNode) -> String {
    switch node.kind {
    case .scalar(let text, _):
        if node.isNull { return "~" }
        let simple = !text.isEmpty && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_./".unicodeScalars.contains($0)
        }
        return simple ? text : text.debugDescription
    case .sequence(let items):
        return "[" + items.map(render).joined(separator: ", ") + "]"
    case .mapping(let entries):
        return "{" + entries.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
    }
}

/// The tree of `text`, `none` for no document, or the error as `line:column: message`.
func tree(_ text: String) -> String {
    do {
        return try YAMLReader.parse(text).map(render) ?? "none"
    } catch {
        return "\(error)"
    }
}

func scalar(_ text: String, _ key: String = "k") throws -> String? {
    try YAMLReader.parse(text)?[key]?.text
}

@Suite struct YAMLReaderTests {
    @Test func blockMappingsAndSequences() {
        #expect(tree("""
            a: 1
            b:
              c: x
              d: [1, 2]
            e:
              - f
              - g: h
                i: j
              -
              - - k
                - l
            """) == "{a: 1, b: {c: x, d: [1, 2]}, e: [f, {g: h, i: j}, ~, [k, l]]}")
        #expect(tree("- a\n- b: c\n  d: e\n-   f: g\n") == "[a, {b: c, d: e}, {f: g}]")
        #expect(tree("  a: 1\n  b:\n      c: 2\n") == "{a: 1, b: {c: 2}}")
        #expect(tree("key with spaces: value with spaces\n") == #"{"key with spaces": "value with spaces"}"#)
    }

    @Test func sequenceNotIndentedUnderItsKey() {
        #expect(tree("a:\n- 1\n- 2\nb: 3\n") == "{a: [1, 2], b: 3}")
        #expect(tree("a:\n  b:\n  - x\n  c: y\n") == "{a: {b: [x], c: y}}")
        #expect(tree("- a:\n  - x\n  b: y\n") == "[{a: [x], b: y}]")
    }

    @Test func flowCollections() {
        #expect(tree(#"[a, "b", {x: 1}]"#) == "[a, b, {x: 1}]")
        #expect(tree("{a: [1, 2], b: {c: d}, e, f: }") == "{a: [1, 2], b: {c: d}, e: ~, f: ~}")
        #expect(tree("k: [a,\n  b, # a comment\n  c\n]\n") == "{k: [a, b, c]}")
        #expect(tree("k: {\n  a: 1,\n  b: [x,\ny],\n}\n") == "{k: {a: 1, b: [x, y]}}")
        #expect(tree("[a: 1, b, c d: e f]") == #"[{a: 1}, b, {"c d": "e f"}]"#)
        #expect(tree("[a, b, ]") == "[a, b]")
        #expect(tree(#"{"a":1, "b": [true, null, "null"]}"#) == "{a: 1, b: [true, ~, null]}")
        #expect(tree("[http://x.com/a?b=c, a:b, -1, :x]") == #"["http://x.com/a?b=c", "a:b", -1, ":x"]"#)
        #expect(tree("a: []\nb: {}\nc: [[], {}]\n") == "{a: [], b: {}, c: [[], {}]}")
        #expect(tree("[a\n  b,\n\n c\n\n  d]") == #"["a b", "c\nd"]"#)
        #expect(tree("[&x a, *x, !!str b, &y , c]") == "[a, a, b, ~, c]")
    }

    @Test func plainScalarsFoldAcrossLines() {
        #expect(tree("k: a\n  b\n\n  c\n   d\n") == #"{k: "a b\nc d"}"#)
        #expect(tree("- a\n  b\n- c\n") == #"["a b", c]"#)
        #expect(tree("a\nb\n") == #""a b""#)
        #expect(tree("k: a # comment\n") == "{k: a}")
        #expect(tree("k: a#b c:d\n") == #"{k: "a#b c:d"}"#)
        #expect(tree("k: a\n  # a comment ends a plain scalar\nz: 1\n") == "{k: a, z: 1}")
        #expect(tree("k: -1\nj: :x\nl: ?y\nm: a - b\n") == #"{k: -1, j: ":x", l: "?y", m: "a - b"}"#)
        #expect(tree("k: trailing   \n") == "{k: trailing}")
        #expect(tree("k: a\n  - b\n") == #"{k: "a - b"}"#)
    }

    @Test func singleQuotedScalars() throws {
        #expect(try scalar("k: 'it''s'") == "it's")
        #expect(try scalar("k: 'a\n  b  \n\n  c '\n") == "a b\nc ")
        #expect(try scalar("k: '  a # b  '") == "  a # b  ")
        #expect(try scalar("k: 'a\\n'") == "a\\n")
        #expect(try scalar("k: ''") == "")
        #expect(try YAMLReader.parse("k: ''")?["k"]?.isNull == false)
    }

    @Test func doubleQuotedEscapes() throws {
        #expect(try scalar(#"k: "\0\a\b\t\n\v\f\r\e\ \"\/\\\N\_\L\P\x41\u00e9\U0001F600""#)
                == "\u{0}\u{7}\u{8}\t\n\u{B}\u{C}\r\u{1B} \"/\\\u{85}\u{A0}\u{2028}\u{2029}Aé😀")
        #expect(try scalar("k: \"tab\\\there\"") == "tab\there")
        #expect(try scalar("k: \"a\n  b\n\n  c\"") == "a b\nc")
        #expect(try scalar("k: \"a   \n   b\"") == "a b")
        #expect(try scalar("k: \"a\\\n    b\"") == "ab")  // an escaped line break joins without a space
        #expect(try scalar("k: \"a\\\n\n  b\"") == "a\nb")
        #expect(try scalar("k: \"a\\ \n b\"") == "a  b")  // an escaped blank survives folding
        #expect(try scalar("k: \"a\\t\n b\"") == "a\t b")
        #expect(try scalar("k: \"# not a comment\" # a comment") == "# not a comment")
    }

    @Test("literal and folded block scalars", arguments: [
        ("k: |\n  a\n  b\n", "a\nb\n"),
        ("k: |-\n  a\n  b\n\n", "a\nb"),
        ("k: |+\n  a\n  b\n\n", "a\nb\n\n"),
        ("k: |\n  a\n  b\n\n\n", "a\nb\n"),
        ("k: >\n  a\n  b\n\n  c\n", "a b\nc\n"),
        ("k: >\n  a\n    b\n  c\n", "a\n  b\nc\n"),
        ("k: >\n  a\n\n    b\n\n  c\n", "a\n\n  b\n\nc\n"),
        ("k: >-\n  a\n  b\n", "a b"),
        ("k: >+\n  a\n\n", "a\n\n"),
        ("k: |2\n    a\n  b\n", "  a\nb\n"),
        ("k: |1-\n  a\n", " a"),
        ("k: |-2\n   a\n", " a"),
        ("k: |\n\n  a\n", "\na\n"),
        ("k: | # a comment\n  a\n", "a\n"),
        ("k: |\n  a\n  # not a comment\n# a comment\n", "a\n# not a comment\n"),
        ("k: |\n  a", "a"),
        ("k: |\n    a\n      b\n    c\n", "a\n  b\nc\n"),
        ("k: >\n\n  a\n  b", "\na b"),
        ("k: |\n", ""),
        ("k: |+\n\n", "\n"),
        ("k: |\nj: x\n", ""),
        ("- |\n  a\n- >\n  b\n", "a\n"),
        ("--- |\n  a\n", "a\n"),
    ])
    func blockScalar(text: String, expected: String) throws {
        let root = try #require(try YAMLReader.parse(text))
        let node = root["k"] ?? root.items?.first ?? root
        #expect(node.text == expected, "\(text.debugDescription)")
    }

    @Test func blockScalarEndsAtALessIndentedLine() {
        #expect(tree("a: |\n  x\n\n b: 1\n") == #"4:2: bad indentation of a mapping entry"#)
        #expect(tree("a: >\n  x\n  y\nb: |-\n  z\n") == #"{a: "x y\n", b: z}"#)
        #expect(tree("- |\n  a\n- >\n  b\n") == #"["a\n", "b\n"]"#)
    }

    @Test func commentsWhereverTheyAreLegal() {
        #expect(tree("""
            # head
            a: 1 # tail
            # between
            b: [1, # in a flow sequence
               2]  # after it
              # indented
            c: | # after the indicator
              x
            # end
            d: &anchor # after properties
              e: f
            """) == #"{a: 1, b: [1, 2], c: "x\n", d: {e: f}}"#)
    }

    @Test func documentMarkers() {
        #expect(tree("---\na: 1\n...\n") == "{a: 1}")
        #expect(tree("--- # comment\n# only a comment\n") == "~")
        #expect(tree("") == "none")
        #expect(tree("# only\n\n  # comments\n") == "none")
        #expect(tree("...\n") == "none")
        #expect(tree("--- >\n  a\n  b\n") == #""a b\n""#)
        #expect(tree("--- [a]\n") == "[a]")
        #expect(tree("%YAML 1.2\n%TAG ! tag:example.com,2000:\n---\na: 1\n") == "{a: 1}")
        #expect(tree("a: ---\nb: ... x\n") == #"{a: ---, b: "... x"}"#)
    }

    @Test func byteOrderMarkAndLineEnds() throws {
        #expect(tree("\u{FEFF}a: 1\r\nb:\r\n  - x\r\n") == "{a: 1, b: [x]}")
        #expect(tree("a: 1\rb: 2\r") == "{a: 1, b: 2}")
        #expect(tree("k: |\r\n  a\r\n  b\r\n") == #"{k: "a\nb\n"}"#)
        #expect(tree("k: 'a\r\n  b'\r\nj: \"c\r\n\r\n d\"") == #"{k: "a b", j: "c\nd"}"#)
        let root = try #require(try YAMLReader.parse("\u{FEFF}a: 1\r\nb: 2\r\n"))
        #expect(root.entries?.map { "\($0.key.line):\($0.key.column)" } == ["1:1", "2:1"])
        #expect(tree("a: 1\r\n\r\nb: \"\u{1}\"\r\n") == "3:5: control character U+0001 is not allowed")
    }

    @Test func tagsAreReadAndIgnored() {
        #expect(tree("a: !!str 1\nb: !custom [x]\nc: !<tag:yaml.org,2002:str> y\nd: !!map\n  e: f\ng: !\n")
                == "{a: 1, b: [x], c: y, d: {e: f}, g: ~}")
        #expect(tree("!!map\n&a k: !!seq\n- !!str x\n") == "{k: [x]}")
    }

    @Test func anchorsAndAliasesCopyTheNode() throws {
        #expect(tree("base: &b {x: 1, y: [2]}\ncopy: *b\nlist:\n  - &s hello\n  - *s\n")
                == "{base: {x: 1, y: [2]}, copy: {x: 1, y: [2]}, list: [hello, hello]}")
        #expect(tree("&k a: 1\nb: *k\n") == "{a: 1, b: a}")
        #expect(tree("a: &x 1\nb: &x 2\nc: *x\n") == "{a: 1, b: 2, c: 2}")  // the latest definition wins
        let root = try #require(try YAMLReader.parse("a: &n\n  b: 1\nc: *n\n"))
        #expect(root["a"].map { "\($0.line):\($0.column)" } == "1:4")
        #expect(root["c"].map { "\($0.line):\($0.column) \(render($0))" } == "3:4 {b: 1}")
        #expect(tree("a: *nope\n") == "1:4: unknown alias `*nope`: no `&nope` before it")
        #expect(tree("a: &r [*r]\n") == "1:8: unknown alias `*r`: no `&r` before it")
    }

    @Test func emptyValuesAreNull() throws {
        let root = try #require(try YAMLReader.parse("a:\nb: \"\"\nc: ~\nd:\n  -\n  - # comment\ne: {f: }\n"))
        #expect(root["a"]?.isNull == true)
        #expect(root["b"]?.isNull == false)
        #expect(root["b"]?.style == .doubleQuoted)
        #expect(root["c"]?.text == "~")  // every scalar is text, and a plain `~`, `null` is also null
        #expect(root["c"]?.isNull == true)
        #expect(try YAMLReader.parse("k: NULL")?["k"]?.isNull == true)
        #expect(try YAMLReader.parse("k: 'null'")?["k"]?.isNull == false)
        #expect(try YAMLReader.parse("k: nullable")?["k"]?.isNull == false)
        #expect(root["d"]?.items?.map(\.isNull) == [true, true])
        #expect(root["e"]?["f"]?.isNull == true)
        #expect(root["a"].map { "\($0.line):\($0.column)" } == "1:3")  // just after the ':'
    }

    @Test func positionsAreOneBasedAndCountUnicodeScalars() throws {
        let root = try #require(try YAMLReader.parse("a: 1\nbé: \"x\"\nc:\n  - é: &n [y]\n    f: *n\n  - !!str |\n   z\n"))
        var marks: [String] = []
        func walk(_ node: YAMLNode) {
            marks.append("\(node.line):\(node.column)")
            if let items = node.items { items.forEach(walk) }
            if let entries = node.entries {
                for entry in entries {
                    walk(entry.key)
                    walk(entry.value)
                }
            }
        }
        walk(root)
        #expect(marks == ["1:1", "1:1", "1:4", "2:1", "2:5", "3:1", "4:3", "4:5", "4:5", "4:8", "4:12", "5:5", "5:8",
                          "4:12", "6:5"])
    }

    @Test func duplicateKeysNameBothLines() {
        #expect(tree("a: 1\nb: 2\na: 3\n") == "3:1: duplicate key `a`: first on line 1, again on line 3")
        #expect(tree("{a: 1, \"a\": 2}") == "1:8: duplicate key `a`: first on line 1, again on line 1")
        let many = (0..<40).map { "k\($0): v\n" }.joined() + "k7: again\n"
        #expect(tree(many) == "41:1: duplicate key `k7`: first on line 8, again on line 41")
        #expect(tree("a:\n  x: 1\nb:\n  x: 2\n") == "{a: {x: 1}, b: {x: 2}}")
    }

    @Test("malformed input: one sentence at its line and column", arguments: [
        ("k: \"abc", "1:4: unterminated double-quoted string"),
        ("k: 'abc\n\n", "1:4: unterminated single-quoted string"),
        ("k: \"abc\n---\n\"", "1:4: unterminated double-quoted string"),
        ("rules: [\n", "2:1: expected ']' to close the flow sequence that starts at line 1, column 8"),
        ("k: {a: 1\n", "2:1: expected '}' to close the flow mapping that starts at line 1, column 4"),
        ("k: [a,\n---\n]", "2:1: expected ']' to close the flow sequence that starts at line 1, column 4"),
        ("k: [a, b}\n", "1:9: expected ',' or ']' in a flow sequence, found '}'"),
        ("k: {a: 1 b: 2}\n", "1:11: expected ',' or '}' in a flow mapping, found ':'"),
        ("k: ]\n", "1:4: unexpected ']'"),
        ("k: [1,,2]\n", "1:7: unexpected ','"),
        ("k: {b: 1, : 2}\n", "1:11: expected a mapping key before ':'"),
        ("k: [b, - c]\n", "1:8: a block sequence entry ('- ') cannot appear inside a flow collection"),
        ("k: [|]\n", "1:5: a block scalar ('|') cannot appear inside a flow collection"),
        ("a: 1\n  b: 2\n", "2:4: ': ' cannot appear in a plain scalar that spans lines; quote the text or fix the indentation"),
        ("a:\n  b: 1\n c: 2\n", "3:2: bad indentation of a mapping entry"),
        ("a:\n  - x\n - y\n", "3:2: bad indentation of a sequence entry"),
        ("a: 'x'\n  b\n", "2:3: bad indentation of a mapping entry"),
        ("- 'x'\n  b\n", "2:3: bad indentation of a sequence entry"),
        ("  a: 1\nb: 2\n", "2:1: bad indentation of a mapping entry"),
        ("a: b: c\n", "1:5: unexpected ':'; a nested mapping must start on a new line"),
        ("--- a: b\n", "1:6: unexpected ':'; a nested mapping must start on a new line"),
        ("a: - b\n", "1:4: a block sequence cannot start on this line; start it on a new line"),
        ("a: 1\nb\n", "2:1: expected ':' after a mapping key"),
        ("a: 1\n- b\n", "2:1: expected a mapping key, found a sequence entry ('- ')"),
        ("- a\nb: 1\n", "2:1: expected a sequence entry ('- ') at this indentation"),
        ("? a\n: b\n", "1:1: complex mapping keys ('? ') are not supported"),
        ("a: &a {x: 1}\nb:\n  <<: *a\n", "3:3: merge keys ('<<') are not supported; write the entries out"),
        ("a: {<<: {x: 1}}\n", "1:5: merge keys ('<<') are not supported; write the entries out"),
        ("'<<': 1\n", #"{"<<": 1}"#),
        ("a: 1\n? b\n", "2:1: complex mapping keys ('? ') are not supported"),
        ("[a, [b]]: c\n", "1:1: only scalars can be mapping keys"),
        ("\"a\nb\": c\n", "1:1: a mapping key must be on a single line"),
        ("a:\n\tb: 1\n", "2:1: tabs are not allowed for indentation"),
        ("a:\n  \tb: 1\n", "2:3: tabs are not allowed for indentation"),
        ("a: x\n \ty\n", "2:2: tabs are not allowed for indentation"),
        ("a: \"\\q\"\n", "1:5: unknown escape sequence '\\q'"),
        ("a: \"\\x4\"\n", "1:5: expected 2 hexadecimal digits after '\\x'"),
        ("a: \"\\uD800\"\n", "1:5: escape sequence '\\uD800' is not a Unicode character"),
        ("a: |x\n", "1:5: unexpected text after the block scalar indicator; the text starts on the next line"),
        ("a: |0\n", "1:5: the indentation indicator of a block scalar must be 1 to 9"),
        ("a: |\n     \n  x\n", "3:3: a blank line before a block scalar's first line has more spaces than that line"),
        ("a: @x\n", "1:4: a plain scalar cannot start with '@'; quote the value"),
        ("a: %x\n", "1:4: a plain scalar cannot start with '%'; quote the value"),
        ("a: &\n", "1:4: an anchor name is letters, digits, '-' and '_'"),
        ("a: &x.y z\n", "1:4: an anchor name is letters, digits, '-' and '_'"),
        ("- &x: y\n", "1:5: expected a mapping key before ':'"),
        ("a: &x &y b\n", "1:7: a node can have only one anchor"),
        ("a: !x !y b\n", "1:7: a node can have only one tag"),
        ("a: !<x\n", "1:4: expected '>' to end the tag"),
        ("a: *\n", "1:4: an alias name is letters, digits, '-' and '_'"),
        ("a: \"x\" y\n", "1:8: unexpected text after a quoted scalar or alias"),
        ("a: \"x\"#y\n", "1:7: unexpected text after a quoted scalar or alias"),
        ("a: [x] y\n", "1:8: unexpected text after a flow collection"),
        ("a: 1\n---\nb: 1\n", "2:1: multiple documents are not supported"),
        ("a: 1\n...\nb: 1\n", "3:1: multiple documents are not supported"),
        ("a: 1\n... x\n", "2:5: unexpected text after '...'"),
        ("%YAML 1.2\na: 1\n", "2:1: expected '---' after a directive"),
        ("%YAML 1.2\n", "1:1: expected '---' after a directive"),
        ("%YAML 1.2\n...\n", "2:1: expected '---' after a directive"),
        // An alias has no properties of its own (YAML 1.2 §7.1); the differential test found these read.
        ("a: &x 1\nb: &y *x\n", "2:7: an alias cannot have an anchor or tag"),
        ("a: &x 1\nb: !!str *x\n", "2:10: an alias cannot have an anchor or tag"),
        ("a: &x 1\nb: &y\n  *x\n", "3:3: an alias cannot have an anchor or tag"),
        ("[&x 1, &y *x]\n", "1:11: an alias cannot have an anchor or tag"),
        ("'a'\nb\n", "2:1: unexpected text after the document's top-level value"),
        ("k: &a\n", "{k: ~}"),
        ("a: é: b\n", "1:5: unexpected ':'; a nested mapping must start on a new line"),
        ("é: [x y z\n", "2:1: expected ']' to close the flow sequence that starts at line 1, column 4"),
    ])
    func malformed(text: String, expected: String) {
        #expect(tree(text) == expected, "\(text.debugDescription)")
    }

    @Test func yamlMapConvertsScalars() throws {
        let map = try YAMLMap.parse("a: True\nb: FALSE\nc: yes\nd: -12\ne: +3\nf: 0x1F\ng: 1_000\nh: '7'\n", file: "t.yml")
        #expect(try map.bool("a", default: false) == true)
        #expect(try map.bool("b", default: true) == false)
        #expect(try map.bool("z", default: true) == true)
        #expect(throws: FileProblem.self) { try map.bool("c", default: false) }
        #expect(try map.int("d", default: 0) == -12)
        #expect(try map.int("e", default: 0) == 3)
        #expect(try map.int("h", default: 0) == 7)
        #expect(throws: FileProblem.self) { try map.int("f", default: 0) }
        #expect(throws: FileProblem.self) { try map.int("g", default: 0) }
        #expect(throws: FileProblem(file: "t.yml", line: 1, column: 1, .emptyFile)) {
            try YAMLMap.parse("# nothing\n", file: "t.yml")
        }
        #expect(throws: FileProblem(file: "t.yml", line: 2, column: 1, .multipleDocuments)) {
            try YAMLMap.parse("a: 1\n---\n", file: "t.yml")
        }
    }

    @Test func catalogSectionIsShownAsYAMLThatReadsBack() throws {
        let text = """
            catalog:
              providers:
                - id: inhouse
                  name: "In: house # 1"
                  base-url: https://llm.example.cn/v1
                  compatible: [chat, "- x", '']
                  models: {chat-small: [a, b], empty: []}
                  note: "line\\nbreak\\ttab \\"quoted\\" \\\\ é"
                  nothing:
                  nested: [[1, [2]], {x: {}}]
            """
        let configuration = try ConfigLoader.load(text: text, file: "/r/.homeport.yml", root: "/r")
        let shown = configuration.effectiveYAML()
        let again = try ConfigLoader.load(text: shown, file: "/r/.homeport.yml", root: "/r")
        let before = try #require(configuration.catalog)
        let after = try #require(again.catalog)
        #expect(render(after.node) == render(before.node))
        #expect(shown.contains("catalog:\n  providers:\n    - id: inhouse\n      name: \"In: house # 1\"\n"), "\(shown)")
    }
}

@Suite struct YAMLHostileInputTests {
    @Test func flowNestingIsCapped() {
        let depth = YAMLReader.maxDepth
        #expect(tree(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
                .hasPrefix(String(repeating: "[", count: depth)))
        #expect(tree(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1))
                == "1:\(depth + 1): nesting is deeper than \(depth) levels")
        #expect(tree(String(repeating: "{a: ", count: depth + 1)) == "1:\(4 * depth + 1): nesting is deeper than \(depth) levels")
        #expect(tree(String(repeating: "[a: ", count: 200_000)).hasSuffix("nesting is deeper than \(depth) levels"))
    }

    @Test func blockNestingIsCapped() {
        let depth = YAMLReader.maxDepth
        #expect(tree(String(repeating: "- ", count: depth) + "x").hasPrefix(String(repeating: "[", count: depth) + "x"))
        #expect(tree(String(repeating: "- ", count: depth + 1) + "x") == "1:\(2 * depth + 1): nesting is deeper than \(depth) levels")
        let mappings = (0...depth).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
        #expect(tree(mappings) == "\(depth + 1):\(depth + 1): nesting is deeper than \(depth) levels")
        #expect(tree(String(repeating: "- ", count: 100_000)).hasSuffix("nesting is deeper than \(depth) levels"))
    }

    @Test func aliasesCannotExplode() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<10 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(tree(text).hasSuffix("aliases expand to more than \(YAMLReader.maxAliasedNodes) nodes"))
        // An alias counts the levels of what it copies.
        let deep = "a: &d " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n"
        #expect(tree(deep + "b: " + String(repeating: "[", count: 55) + "*d" + String(repeating: "]", count: 55)).hasPrefix("{"))
        #expect(tree(deep + "b: " + String(repeating: "[", count: 56) + "*d" + String(repeating: "]", count: 56))
                == "2:60: nesting is deeper than \(YAMLReader.maxDepth) levels")
    }

    @Test func hugeInputIsRead() throws {
        let line = "k: " + String(repeating: "word ", count: 200_000) + "\n"
        #expect(try YAMLReader.parse(line)?["k"]?.text?.count == 200_000 * 5 - 1)
        let flow = "[" + String(repeating: "ab, ", count: 200_000) + "]"
        #expect(try YAMLReader.parse(flow)?.items?.count == 200_000)
        let escapes = "k: \"" + String(repeating: "\\n", count: 200_000) + "\""
        #expect(try YAMLReader.parse(escapes)?["k"]?.text?.count == 200_000)
        let quotes = "k: '" + String(repeating: "''\n", count: 100_000) + "'"
        #expect(try YAMLReader.parse(quotes)?["k"]?.text?.count == 200_000)
        let keys = (0..<50_000).map { "key\($0): value\n" }.joined()
        #expect(try YAMLReader.parse(keys)?.entries?.count == 50_000)
        let unclosed = String(repeating: "[a, ", count: 200) + String(repeating: "x ", count: 200_000)
        #expect(throws: YAMLError.self) { try YAMLReader.parse(unclosed) }
    }

    /// Linear, measured as work rather than time: four times the input makes the reader look at
    /// about four times as many bytes (a quadratic step would make it sixteen), and each byte a
    /// few times at most.
    static func document(_ kind: String, size n: Int) -> String {
        switch kind {
        case "long plain line": return "k: " + String(repeating: "word ", count: n) + "\n"
        case "flow sequence": return "[" + String(repeating: "ab, ", count: n) + "]"
        case "escapes": return "k: \"" + String(repeating: "\\n", count: n) + "\""
        case "folded single quotes": return "k: '" + String(repeating: "''\n", count: n) + "'"
        case "many keys": return (0..<n / 4).map { "key\($0): value\n" }.joined()
        case "unclosed flow": return String(repeating: "[a, ", count: 200) + String(repeating: "x ", count: n)
        default: return (0..<200).map { String(repeating: " ", count: $0) + "k:\n" }.joined() + String(repeating: "- x\n", count: n / 4)
        }
    }

    @Test("the reader's work grows linearly with the input", arguments: [
        "long plain line", "flow sequence", "escapes", "folded single quotes", "many keys", "unclosed flow", "deep block nesting",
    ])
    func workIsLinear(name: String) {
        let small = Self.document(name, size: 10_000), large = Self.document(name, size: 40_000)
        let (smallWork, largeWork) = (YAMLReader.bytesRead(parsing: small), YAMLReader.bytesRead(parsing: large))
        #expect(smallWork > 0)
        #expect(largeWork <= 5 * smallWork, "\(name): \(smallWork) bytes read for 1x, \(largeWork) for 4x")
        #expect(largeWork <= 8 * large.utf8.count, "\(name): \(largeWork) reads for \(large.utf8.count) bytes")
    }

    @Test func randomBytesNeverCrash() {
        var generator = HostileInputTests.SplitMix(state: 7)
        let alphabet = Array("-?:,[]{}#&*!|>'\"%@`\\ \n\n\n  \t\r-abc012é😀".unicodeScalars)
        let fragments = ["- ", ": ", "key: ", "\n  ", "\n    ", "|", ">-", "'", "\"", "[", "{", "---", "...", "&a ", "*a", "!!str ", "\\u", "#"]
        for round in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<120, using: &generator) {
                if round % 2 == 0, Bool.random(using: &generator) {
                    text += fragments.randomElement(using: &generator)!
                } else {
                    text.unicodeScalars.append(alphabet.randomElement(using: &generator)!)
                }
            }
            do {
                _ = try YAMLReader.parse(text)
            } catch {
                let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
                #expect(error.line >= 1 && error.line <= lines.count + 1 && error.column >= 1, "\(text.debugDescription): \(error)")
            }
        }
    }
}
