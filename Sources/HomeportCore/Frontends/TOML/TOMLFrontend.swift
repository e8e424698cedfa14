// TOML frontend: keys and string values of a TOML document, read by `TOMLReader` with their spans.
//
// A value is labelled with its key and its table's (or array's) key, as a keyword argument is in
// code; keys written as environment variables are facts of their own. `KEY=value` array items are
// split. Comments (`#` outside keys and values) carry suppressions. A file the reader refuses gives
// a notice and no facts.

public struct TOMLFrontend: Frontend {
    public init() {}

    public func facts(in file: SourceFile) -> Facts {
        ConfigText.verbatimOnly(readFacts(in: file), bytes: file.bytes)
    }

    private func readFacts(in file: SourceFile) -> Facts {
        var facts = Facts()
        let bytes = file.bytes
        let root: TOMLValue
        do {
            root = try TOMLReader.parseDocument(bytes)
        } catch {
            facts.notices.append(FrontendNotice(text: error.text, offset: min(error.offset, bytes.count)))
            facts.comments = ConfigText.comments(in: bytes, from: file.lineStarts[0], outside: [])
            return facts
        }
        var occupied: [Span] = []
        // (value, its key, the key of what holds it)
        var stack: [(value: TOMLValue, key: String?, parent: String?)] = [(root, nil, nil)]
        while let (value, key, parent) = stack.popLast() {
            switch value.kind {
            case .table(let table):
                for (entryKey, entryValue) in table.entries.reversed() {
                    if ConfigText.isEnvironmentName(entryKey.name), let fact = keyFact(entryKey, in: bytes) {
                        facts.strings.append(fact)
                    } else if let key, key.lowercased().contains("model"), var fact = keyFact(entryKey, in: bytes) {
                        // `[model_migrations] "gpt-4o" = …`: a table of models is keyed by their IDs.
                        fact.collectionLabel = key
                        facts.strings.append(fact)
                    }
                    occupied.append(Span(start: entryKey.span.lowerBound, end: entryKey.span.upperBound))
                    stack.append((entryValue, entryKey.name, key))
                }
            case .array(let items), .arrayOfTables(let items):
                for item in items.reversed() { stack.append((item, nil, key ?? parent)) }
            case .string(let text, let style):
                occupied.append(Span(start: value.span.lowerBound, end: value.span.upperBound))
                let literal = StringLiteralFact(value: text, span: Span(start: value.span.lowerBound, end: value.span.upperBound),
                                                runs: runs(of: text, style: style, span: value.span, in: bytes),
                                                label: key, collectionLabel: parent)
                if key == nil, let split = ConfigText.splitAssignment(literal) {
                    facts.strings.append(contentsOf: split)
                } else {
                    facts.strings.append(literal)
                }
                if style == .basic || style == .multilineBasic { ConfigText.appendReferences(in: literal, to: &facts) }
            default:
                occupied.append(Span(start: value.span.lowerBound, end: value.span.upperBound))
            }
        }
        facts.strings.sort { $0.span.start < $1.span.start }
        occupied.sort { $0.start < $1.start }
        facts.comments = ConfigText.comments(in: bytes, from: file.lineStarts[0], outside: occupied)
        return facts
    }

    /// A key's fact; a quoted key's value stands inside its quotes when it has no escapes.
    private func keyFact(_ key: TOMLKey, in bytes: [UInt8]) -> StringLiteralFact? {
        let name = Array(key.name.utf8)
        var start = key.span.lowerBound
        if bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") { start += 1 }
        guard start + name.count <= bytes.count, bytes[start..<(start + name.count)].elementsEqual(name) else { return nil }
        return StringLiteralFact(value: key.name, span: Span(start: start, end: start + name.count),
                                 runs: [VerbatimRun(valueOffset: 0, sourceOffset: start, length: name.count)])
    }

    /// Where the decoded string stands verbatim between its delimiters (one run), else no runs.
    private func runs(of text: String, style: TOMLValue.StringStyle, span: Range<Int>, in bytes: [UInt8]) -> [VerbatimRun] {
        var start = span.lowerBound
        let end: Int
        switch style {
        case .basic, .literal:
            start += 1
            end = span.upperBound - 1
        case .multilineBasic, .multilineLiteral:
            start += 3
            end = span.upperBound - 3
            // A newline right after the opening delimiter is not part of the value.
            if start < end, bytes[start] == 0x0D { start += 1 }
            if start < end, bytes[start] == 0x0A { start += 1 }
        }
        let value = Array(text.utf8)
        guard start <= end, end - start == value.count, bytes[start..<end].elementsEqual(value) else { return [] }
        return [VerbatimRun(valueOffset: 0, sourceOffset: start, length: value.count)]
    }
}
