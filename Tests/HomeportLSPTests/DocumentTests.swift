// Content changes applied through the last scan's file (its lines already counted) leave the text a
// document that counts its lines again would have.

import HomeportCore
import HomeportTestSupport
import Testing
@testable import HomeportLSP

@Suite struct DocumentTests {
    @Test func changesReadThroughTheLastScansLinesLeaveTheSameText() throws {
        let rules = try RuleSet.bundled()
        let advisor = try MigrationAdvisor(catalog: try Catalog.bundled(), targetID: nil)
        let pieces = ["a", "é", "😀", "\n", "\r\n", "\r", " ", "x = 1\n", "\u{FEFF}"]
        var generator = SeededGenerator(seed: 4)
        for encoding in [SourceFile.ColumnEncoding.utf16, .utf8, .unicodeScalars] {
            for _ in 0..<200 {
                let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                var scanned = Document(uri: "file:///t.py", languageID: "python", version: 1, text: text)
                let file = SourceFile(path: "/t.py", bytes: scanned.text, language: .python)
                scanned.analysis = (1, Analysis(file: file, findings: [], advisor: advisor, rules: rules))
                var fresh = Document(uri: "file:///t.py", languageID: "python", version: 1, text: text)
                var changes: [JSONValue] = []
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    func position() -> JSONValue {
                        .object([("line", .int(Int.random(in: 0...4, using: &generator))),
                                 ("character", .int(Int.random(in: 0...6, using: &generator)))])
                    }
                    let (a, b) = (position(), position())
                    changes.append(.object([("range", .object([("start", a), ("end", b)])),
                                            ("text", .string(pieces.randomElement(using: &generator)!))]))
                }
                var viaScanFailed = false
                do { try scanned.apply(changes, encoding: encoding) } catch { viaScanFailed = true }
                var countedFailed = false
                do { try fresh.apply(changes, encoding: encoding) } catch { countedFailed = true }
                #expect(viaScanFailed == countedFailed, "\(text.debugDescription) \(changes)")
                #expect(scanned.text == fresh.text, "\(text.debugDescription) \(changes)")
                #expect(scanned.analysis == nil)
            }
        }
    }
}
