// Facts.deferCalls: calls read on first use give what setting them gives, once, for every copy.

import Testing
@testable import HomeportCore

struct DeferredCallsTests {
    final class Counter: @unchecked Sendable {  // read from the one test thread
        var reads = 0
    }

    static let call = CallFact(callee: "OpenAI", calleeSpan: Span(start: 0, end: 6), openParen: 6, closeParen: 7,
                               labels: [], argumentSpans: [])

    @Test func aDeferredReaderRunsOnceAndEveryCopySeesItsCalls() {
        let counter = Counter()
        var facts = Facts()
        facts.deferCalls {
            counter.reads += 1
            return [DeferredCallsTests.call]
        }
        #expect(counter.reads == 0)
        let copy = facts
        #expect(facts.calls == [DeferredCallsTests.call])
        #expect(copy.calls == [DeferredCallsTests.call])
        #expect(counter.reads == 1)
        var appended = copy
        appended.calls.append(DeferredCallsTests.call)  // in place, after the deferred ones
        #expect(appended.calls.count == 2)
        #expect(copy.calls.count == 1)
        appended.calls = []
        #expect(appended.calls.isEmpty)
        #expect(counter.reads == 1)
    }

    @Test func pythonCallsReadLaterAreTheCallsOfTheFile() {
        let source = Array("client = OpenAI(api_key=key)\nprint(client.models.list(), 'x')\n".utf8)
        let file = SourceFile(path: "t.py", bytes: source, language: .python)
        let facts = PythonFrontend().facts(in: file)
        let extractor = source.withUnsafeBufferPointer { bytes in
            var tokenizer = PythonTokenizer(bytes: bytes, start: 0)
            tokenizer.run()
            return PythonFactExtractor(bytes: source, tokens: tokenizer.tokens, pieces: tokenizer.pieces)
        }
        #expect(facts.calls == extractor.calls())
        #expect(facts.calls.map(\.callee) == ["OpenAI", "print", "client.models.list"])
        #expect(facts.calls[0].labels == ["api_key"])
        #expect(facts.calls[1].labels == ["", ""])
    }
}
