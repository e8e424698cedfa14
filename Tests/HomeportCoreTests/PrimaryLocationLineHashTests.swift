// GitHub's primaryLocationLineHash, checked against the test vectors of github/codeql-action's
// src/fingerprints.test.ts (the inputs and expected hashes are copied from there verbatim).

import HomeportCore
import Testing

@Suite struct PrimaryLocationLineHashTests {
    func hashes(_ text: String) -> [String] {
        PrimaryLocationLineHash.hashes(of: Array(text.utf8))
    }

    @Test func emptyFile() {
        #expect(hashes("") == ["c129715d7a2bc9a3:1"])
    }

    @Test func newlineCombinations() {
        #expect(hashes(" a\nb\n  \t\tc\n d") == [
            "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1",
        ])
        #expect(hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End") == [
            "8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1",
            "b86d3392aea1be30:1", "e6ceba753e1a442:1",
        ])
        let withFinalNewline = [
            "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
            "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
        ]
        #expect(hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n") == withFinalNewline)
        #expect(hashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r") == withFinalNewline)
        #expect(hashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n") == withFinalNewline)
        #expect(hashes(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n") == withFinalNewline)
    }

    @Test func repeatedLinesAreNumbered() {
        #expect(hashes(String(repeating: "Lorem ipsum dolor sit amet.\n", count: 10)) == [
            "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
            "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
            "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1",
        ])
    }

    @Test func findingsGetTheirLinesHash() {
        let bytes = Array(" hello; \t\nworld!!!\n".utf8)
        var findings = [Finding(ruleID: "r", severity: .warning, path: "a.py", span: Span(start: 10, end: 15),
                                start: SourceLocation(line: 2, column: 1), end: SourceLocation(line: 2, column: 6),
                                message: "m", matchedText: "world", lineText: "world!!!")]
        PrimaryLocationLineHash.annotate(&findings, bytes: bytes)
        #expect(findings[0].lineHash == PrimaryLocationLineHash.hashes(of: bytes)[1])
    }
}
