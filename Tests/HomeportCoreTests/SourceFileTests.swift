// Positions: byte offsets to 1-based scalar columns for reports, and to LSP code units for editors.

import Testing
@testable import HomeportCore

@Suite struct SourceFileTests {
    @Test func linesEndAtLFCRLFAndLoneCR() {
        let file = SourceFile(path: "t", bytes: Array("a\nb\r\nc\rd".utf8), language: .python)
        #expect(file.lineStarts == [0, 2, 5, 7])
        #expect(file.lineText(1) == "b")
        #expect(file.location(of: 7) == SourceLocation(line: 4, column: 1))
    }

    @Test func columnsCountScalarsAndSkipTheBOM() {
        let file = SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("你好 🙂 x".utf8), language: .python)
        let x = file.bytes.count - 1
        #expect(file.location(of: x) == SourceLocation(line: 1, column: 6))
        #expect(file.position(of: x, encoding: .unicodeScalars) == (0, 5))
        #expect(file.position(of: x, encoding: .utf16) == (0, 6))   // the emoji is a surrogate pair
        #expect(file.position(of: x, encoding: .utf8) == (0, 12))
    }

    @Test func invalidBytesCountAsOneColumnEach() {
        let file = SourceFile(path: "t", bytes: [0x61, 0xFF, 0xFE, 0x62], language: .swift)
        #expect(file.location(of: 3) == SourceLocation(line: 1, column: 4))
        #expect(file.firstInvalidUTF8Offset() == 1)
        #expect(SourceFile(path: "t", bytes: Array("ok ✓".utf8), language: .swift).firstInvalidUTF8Offset() == nil)
    }

    @Test func shebangsAndExtensions() {
        #expect(Language.forShebang(Array("#!/usr/bin/env python3\n".utf8)) == .python)
        #expect(Language.forShebang(Array("#!/usr/bin/python3.11 -u\n".utf8)) == .python)
        #expect(Language.forShebang(Array("#!/usr/bin/env -S python3 -X dev\n".utf8)) == .python)
        #expect(Language.forShebang(Array("#!/bin/bash\n".utf8)) == nil)
        #expect(Language.forPath("a/b.pyi") == .python)
        #expect(Language.forPath("a.b/c") == nil)
    }
}
