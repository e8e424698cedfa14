// Positions: byte offsets to 1-based scalar columns for reports, and to LSP code units for editors.

import Testing
@testable import HomeportCore
import HomeportTestSupport

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
    }

    @Test func editorPositionsCountCodeUnits() {
        let file = SourceFile(path: "t", bytes: Array("a\n你好 🙂 x\r\nz".utf8), language: .python)
        let x = Array(file.bytes).lastIndex(of: UInt8(ascii: "x"))!
        #expect(file.position(of: x, encoding: .unicodeScalars) == (1, 5))
        #expect(file.position(of: x, encoding: .utf16) == (1, 6))   // the emoji is a surrogate pair
        #expect(file.position(of: x, encoding: .utf8) == (1, 12))
        for encoding in [SourceFile.ColumnEncoding.utf8, .utf16, .unicodeScalars] {
            for offset in file.lineStarts[1]...file.lineSpan(1).end
            where offset == file.bytes.count || file.bytes[offset] & 0xC0 != 0x80 {
                let position = file.position(of: offset, encoding: encoding)
                #expect(file.offset(line: position.line, character: position.character, encoding: encoding) == offset)
            }
        }
    }

    /// Positions found one after another (as a scan's diagnostics are) are the positions found
    /// one at a time: in order, backwards, inside a character, past the end, after invalid bytes.
    @Test func aPositionLocatorFindsWhatEachLookupFinds() {
        let text = Array("a 你好 🙂 x\r\n\tgpt-4o 🙂\ny\rz".utf8)
        let file = SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF] + text + [0xFF, 0x61], language: .python)
        var random = SeededGenerator(seed: 7)
        for encoding in [SourceFile.ColumnEncoding.utf8, .utf16, .unicodeScalars] {
            var locator = file.positionLocator(encoding: encoding)
            let offsets = Array(0...file.bytes.count + 1) + (0..<300).map { _ in Int.random(in: 0...file.bytes.count, using: &random) }
            for offset in offsets {
                let found = locator.position(of: offset)
                let alone = file.position(of: offset, encoding: encoding)
                #expect(found.line == alone.line && found.character == alone.character, "\(encoding) \(offset)")
            }
        }
    }

    @Test func editorOffsetsClampAndRoundDown() {
        let file = SourceFile(path: "t", bytes: Array("🙂x\r\nab".utf8), language: .python)
        #expect(file.offset(line: 0, character: 1, encoding: .utf16) == 0)   // inside the surrogate pair
        #expect(file.offset(line: 0, character: 2, encoding: .utf16) == 4)
        #expect(file.offset(line: 0, character: 2, encoding: .utf8) == 0)    // inside the UTF-8 sequence
        #expect(file.offset(line: 0, character: 99, encoding: .utf16) == 5)  // end of line, before \r\n
        #expect(file.offset(line: 7, character: 0, encoding: .utf16) == file.bytes.count)
        #expect(file.offset(line: 1, character: 1, encoding: .utf8) == 8)
    }

    /// An editor's text holds a byte-order mark as the character U+FEFF, so it takes a column there.
    @Test func editorPositionsCountAByteOrderMark() {
        let file = SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("你好 🙂 x".utf8), language: .python)
        let x = file.bytes.count - 1
        #expect(file.position(of: x, encoding: .unicodeScalars) == (0, 6))
        #expect(file.position(of: x, encoding: .utf16) == (0, 7))
        #expect(file.position(of: x, encoding: .utf8) == (0, 15))
        #expect(file.offset(line: 0, character: 7, encoding: .utf16) == x)
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
