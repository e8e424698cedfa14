// Framing: bodies cut from a byte stream however it is split, and recovery from bad headers;
// code action titles.

import HomeportCore
import Testing
@testable import HomeportLSP

@Suite struct MessageReaderTests {
    func frame(_ body: String, header: String? = nil) -> [UInt8] {
        Array((header ?? "Content-Length: \(body.utf8.count)\r\n\r\n").utf8) + Array(body.utf8)
    }

    func drain(_ reader: inout MessageReader) -> [String] {
        var out: [String] = []
        while let next = reader.next() {
            switch next {
            case .success(let body): out.append(String(decoding: body, as: UTF8.self))
            case .failure(let error): out.append("error: \(error)")
            }
        }
        return out
    }

    @Test func messagesSplitAnywhereAreReassembled() {
        let stream = frame(#"{"a":"你好"}"#) + frame("{}", header: "content-length:2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n")
        for cut in 0...stream.count {
            var reader = MessageReader()
            reader.append(Array(stream[..<cut]))
            var bodies = drain(&reader)
            reader.append(Array(stream[cut...]))
            bodies += drain(&reader)
            #expect(bodies == [#"{"a":"你好"}"#, "{}"], "cut at \(cut)")
            #expect(reader.bufferedCount == 0)
        }
    }

    /// One error per bad stretch: what follows a bad header up to the next `Content-Length` is skipped.
    @Test func aBadHeaderIsReportedAndReadingGoesOn() {
        var reader = MessageReader()
        reader.append(Array("Content-Length: -4\r\n\r\n".utf8) + Array("X-Nothing: 1\r\n\r\n".utf8)
                      + Array("junk".utf8) + frame("[1]") + Array("no colon here\r\n\r\n".utf8) + frame("[2]"))
        #expect(drain(&reader) == [
            "error: Content-Length is not a number: `Content-Length: -4`",
            "[1]",
            "error: header line without a colon: `no colon here`",
            "[2]",
        ])
    }

    @Test func oversizedAndEndlessHeadersAreRefused() {
        var reader = MessageReader()
        reader.append(Array("Content-Length: 999999999999\r\n\r\n".utf8) + frame("{}"))
        #expect(drain(&reader) == ["error: Content-Length 999999999999 is over the 268435456-byte limit", "{}"])
        var endless = MessageReader()
        endless.append([UInt8](repeating: UInt8(ascii: "x"), count: MessageReader.maxHeaderLength + 1))
        #expect(drain(&endless) == ["error: header longer than 8192 bytes without an end"])
        endless.append(frame("{}"))
        #expect(drain(&endless) == ["{}"])
    }
}

@Suite struct CodeActionTitleTests {
    @Test func titlesReadAsMenuEntries() {
        #expect(LanguageServer.title(of: Suggestion(title: "or use `qwen-max` (Alibaba Qwen)", edits: [TextEdit(span: Span(start: 0, end: 1), replacement: "x")], applicability: .safe))
                == "Use `qwen-max` (Alibaba Qwen)")
        #expect(LanguageServer.title(of: Suggestion(title: "point the client at Zhipu GLM", edits: [TextEdit(span: Span(start: 0, end: 1), replacement: "x")], applicability: .unsafe))
                == "Point the client at Zhipu GLM (review the change)")
    }
}
