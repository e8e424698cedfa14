// Python frontend: a hand-written tokenizer for Python 2/3 source and the pass that turns tokens into Facts.
//
// Tokenizing follows the Python 3.12 lexical grammar (PEP 701 f-strings, any nesting) closely enough
// to know what is a string, a comment and a docstring; it is not a validating parser. The token pass
// and the fact pass are both iterative: an explicit mode stack replaces recursion on f-string nesting.

public struct PythonFrontend: Frontend {
    public init() {}

    public func facts(in file: SourceFile) -> Facts {
        let tokenizer = file.bytes.withUnsafeBufferPointer { bytes in
            var tokenizer = PythonTokenizer(bytes: bytes, start: file.lineStarts[0])
            tokenizer.run()
            return (tokens: tokenizer.tokens, pieces: tokenizer.pieces, comments: tokenizer.comments,
                    notices: tokenizer.notices)
        }
        var extractor = PythonFactExtractor(bytes: file.bytes, tokens: tokenizer.tokens,
                                            pieces: tokenizer.pieces)
        extractor.run()
        // Which strings are prose is needed now; the calls themselves only if a finding asks for them.
        let prose = extractor.proseStrings()
        let environmentReads = extractor.settingsFieldReads()
        var facts = extractor.facts
        let callReader = PythonFactExtractor(bytes: file.bytes, tokens: tokenizer.tokens, pieces: tokenizer.pieces)
        facts.deferCalls { callReader.calls() }
        // print(), logging, warnings.warn and exception messages: prose, as `help=` is.
        // Both lists ascend (strings are recorded in token order, by their first token's start): one
        // merged walk marks them.
        var next = 0
        for index in facts.strings.indices where next < prose.count {
            let start = facts.strings[index].span.start
            while next < prose.count, prose[next] < start { next += 1 }
            if next < prose.count, prose[next] == start { facts.strings[index].isDocumentation = true }
        }
        facts.environmentReads = environmentReads
        facts.comments = tokenizer.comments
        facts.notices = tokenizer.notices
        return facts
    }
}
