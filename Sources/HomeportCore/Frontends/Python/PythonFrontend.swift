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
            return (tokens: tokenizer.store!, pieces: tokenizer.pieces, comments: tokenizer.comments,
                    notices: tokenizer.notices)
        }
        let extractor = PythonFactExtractor(bytes: file.bytes, tokens: tokenizer.tokens,
                                            pieces: tokenizer.pieces)
        // Which strings are prose is decided in `run`; the calls themselves only if a finding asks for them.
        var facts = extractor.run()
        let environmentReads = extractor.settingsFieldReads()
        let callReader = PythonFactExtractor(bytes: file.bytes, tokens: tokenizer.tokens, pieces: tokenizer.pieces)
        facts.deferCalls { callReader.calls() }
        facts.environmentReads = environmentReads
        facts.comments = tokenizer.comments
        facts.notices = tokenizer.notices
        return facts
    }
}
