// YAML frontend: keys and scalar values of a YAML document, read by our `YAMLReader`.
//
// The reader gives each node's line and column; this frontend turns them into byte offsets and
// finds where the scalar's text stands verbatim in the file (line by line, so quoted, plain and
// block scalars that run over several lines map wherever their bytes are unchanged). A value is
// labelled with its key and its parent's key; a Kubernetes `{name: X, value: Y}` entry labels Y with
// X; `KEY=value` sequence items (compose `environment:` lists) are split. Aliases' copies are not
// facts (the anchored node is). Recorded HTTP traffic and API descriptions are marked as data.

public struct YAMLFrontend: Frontend {
    public init() {}

    public func facts(in file: SourceFile) -> Facts {
        ConfigText.verbatimOnly(readFacts(in: file), bytes: file.bytes)
    }

    private func readFacts(in file: SourceFile) -> Facts {
        var facts = Facts()
        let bytes = file.bytes
        let root: YAMLNode?
        do {
            root = try YAMLReader.parse(String(decoding: YAMLFrontend.mergeKeysAsPlainKeys(bytes), as: UTF8.self))
        } catch {
            // A template (Helm's `{{ … }}`, Jinja) or YAML our reader refuses: read it line by line.
            let line = max(0, min(error.line - 1, file.lineStarts.count - 1))
            facts = YAMLFrontend.lineByLine(file)
            facts.notices.append(FrontendNotice(text: error.text, offset: file.lineStarts[line]))
            return facts
        }
        guard let root else {
            facts.comments = ConfigText.comments(in: bytes, from: file.lineStarts[0], outside: [])
            return facts
        }
        facts.dataKind = YAMLFrontend.dataKind(of: root)
        var locator = YAMLLocator(file: file)
        var occupied: [Span] = []
        var stack: [(node: YAMLNode, label: String?, parent: String?)] = [(root, nil, nil)]
        var seen = Set<Int>()
        while let (node, label, parent) = stack.popLast() {
            // An alias's copy (`*b`, `<<: *b`) repeats nodes that are facts where they are anchored.
            if locator.isAlias(node) { continue }
            switch node.kind {
            case .mapping(let entries):
                // `- name: OPENAI_MODEL` / `value: gpt-4o` (Kubernetes `env:`): the value is the name's.
                let entryName = node["name"]?.text
                for (key, value) in entries.reversed() {
                    guard let keyText = key.text else {
                        stack.append((key, nil, label))
                        stack.append((value, nil, label))
                        continue
                    }
                    if let located = locator.locate(key) {
                        occupied.append(located.span)
                        if ConfigText.isEnvironmentName(keyText), located.runs.count == 1,
                           located.runs[0].length == keyText.utf8.count {
                            facts.strings.append(StringLiteralFact(value: keyText, span: located.span, runs: located.runs))
                        } else if let label, label.lowercased().contains("model"), located.runs.count == 1 {
                            // `models: {gpt-4o: {…}}`: a table of models is keyed by their IDs.
                            facts.strings.append(StringLiteralFact(value: keyText, span: located.span, runs: located.runs,
                                                                   collectionLabel: label))
                        }
                    }
                    let valueLabel = keyText == "value" && entryName.map(ConfigText.isEnvironmentName) == true
                        ? entryName : keyText
                    stack.append((value, valueLabel, label))
                }
            case .sequence(let items):
                for item in items.reversed() { stack.append((item, nil, label ?? parent)) }
            case .scalar(let text, let style):
                guard let located = locator.locate(node), seen.insert(located.span.start).inserted else { continue }
                occupied.append(located.span)
                guard !node.isNull || style != .plain else { continue }
                // Kubernetes `secretKeyRef: {key: NAME}`: a key inside a secret, renamed only with it.
                let isSecretKey = label == "key" && parent == "secretKeyRef"
                var literal = StringLiteralFact(value: text, span: located.span, runs: located.runs, label: label,
                                                collectionLabel: isSecretKey ? ConfigText.secretReference : parent)
                // `aliases: ["4o", "gpt-4o"]`: names a user types to pick the model keyed above,
                // not IDs sent to an API (the key is reported).
                if label == nil, parent == "aliases" { literal.isDocumentation = true }
                if label == nil, let split = ConfigText.splitAssignment(literal) {
                    facts.strings.append(contentsOf: split)
                } else {
                    facts.strings.append(literal)
                }
                if style != .singleQuoted { ConfigText.appendReferences(in: literal, to: &facts) }
            }
        }
        facts.strings.sort { $0.span.start < $1.span.start }
        occupied.sort { $0.start < $1.start }
        facts.comments = ConfigText.comments(in: bytes, from: file.lineStarts[0], outside: occupied)
        return facts
    }

    /// Facts of a file the reader refuses, one line at a time: `key: value` (the value labelled with
    /// the key), `- item` (`KEY=value` items split), a value wholly in quotes read without them.
    static func lineByLine(_ file: SourceFile) -> Facts {
        var facts = Facts()
        let bytes = file.bytes
        var occupied: [Span] = []
        for index in file.lineStarts.indices {
            var i = file.lineStarts[index]
            let end = ConfigText.lineEnd(bytes, from: i)
            ConfigText.skipBlanks(bytes, &i)
            while i + 1 < end, bytes[i] == UInt8(ascii: "-"), ConfigText.isBlank(bytes[i + 1]) {
                i += 2
                ConfigText.skipBlanks(bytes, &i)
            }
            guard i < end, bytes[i] != UInt8(ascii: "#") else { continue }
            // The content ends at a comment: ` #` outside quotes.
            var contentEnd = end
            var quote: UInt8?
            var j = i
            while j < end {
                let c = bytes[j]
                if let open = quote {
                    if c == open { quote = nil }
                } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    quote = c
                } else if c == UInt8(ascii: "#"), j > i, ConfigText.isBlank(bytes[j - 1]) {
                    contentEnd = j
                    break
                }
                j += 1
            }
            while contentEnd > i, ConfigText.isBlank(bytes[contentEnd - 1]) { contentEnd -= 1 }
            var keyEnd = i
            while keyEnd < contentEnd, ConfigText.isKeyCharacter(bytes[keyEnd]) { keyEnd += 1 }
            var label: String?
            var valueStart = i
            if keyEnd > i, keyEnd < contentEnd, bytes[keyEnd] == UInt8(ascii: ":"),
               keyEnd + 1 == contentEnd || ConfigText.isBlank(bytes[keyEnd + 1]) {
                let key = String(decoding: bytes[i..<keyEnd], as: UTF8.self)
                occupied.append(Span(start: i, end: keyEnd))
                if ConfigText.isEnvironmentName(key) {
                    facts.strings.append(StringLiteralFact(value: key, span: Span(start: i, end: keyEnd),
                                                           runs: [VerbatimRun(valueOffset: 0, sourceOffset: i, length: keyEnd - i)]))
                }
                label = key
                valueStart = keyEnd + 1
                ConfigText.skipBlanks(bytes, &valueStart)
            }
            guard valueStart < contentEnd else { continue }
            var start = valueStart
            var stop = contentEnd
            let first = bytes[start]
            if stop - start >= 2, first == UInt8(ascii: "'") || first == UInt8(ascii: "\""), bytes[stop - 1] == first {
                start += 1
                stop -= 1
            }
            occupied.append(Span(start: valueStart, end: contentEnd))
            let literal = StringLiteralFact(value: String(decoding: bytes[start..<stop], as: UTF8.self),
                                            span: Span(start: valueStart, end: contentEnd),
                                            runs: [VerbatimRun(valueOffset: 0, sourceOffset: start, length: stop - start)],
                                            label: label)
            if label == nil, let split = ConfigText.splitAssignment(literal) {
                facts.strings.append(contentsOf: split)
            } else {
                facts.strings.append(literal)
            }
            if first != UInt8(ascii: "'") { ConfigText.appendReferences(in: literal, to: &facts) }
        }
        facts.comments = ConfigText.comments(in: bytes, from: file.lineStarts[0], outside: occupied)
        return facts
    }

    /// The bytes with each merge key (`<<:`, which compose files use to share settings) spelled
    /// `~~:`, a plain key of the same length: our reader refuses merge keys, and the merged entries
    /// are facts where they are written (the anchored mapping) anyway.
    static func mergeKeysAsPlainKeys(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        var i = 0
        while i + 2 < result.count {
            if result[i] == UInt8(ascii: "<"), result[i + 1] == UInt8(ascii: "<"), result[i + 2] == UInt8(ascii: ":"),
               i == 0 || [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "-")].contains(result[i - 1]) {
                result[i] = UInt8(ascii: "~")
                result[i + 1] = UInt8(ascii: "~")
                i += 3
            } else {
                i += 1
            }
        }
        return result
    }

    /// What kind of data, not configuration, the document is: a VCR cassette (`interactions:` whose
    /// items have a `request:` with a `uri:`) or an OpenAPI/Swagger description (`openapi:` or
    /// `swagger:` at the top).
    static func dataKind(of root: YAMLNode) -> DataKind? {
        guard root.entries != nil else { return nil }
        if root["openapi"] != nil || root["swagger"] != nil { return .apiDescription }
        if let interactions = root["interactions"]?.items,
           interactions.contains(where: { $0["request"]?["uri"] != nil }) {
            return .recordedTraffic
        }
        return nil
    }
}

/// Finds the bytes of YAML nodes in the file from the reader's lines and columns.
struct YAMLLocator {
    let file: SourceFile
    var bytes: [UInt8] { file.bytes }

    /// The byte offset of a 1-based line and scalar column.
    func offset(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= file.lineStarts.count else { return nil }
        var i = file.lineStarts[line - 1]
        var remaining = column - 1
        while remaining > 0, i < bytes.count {
            i += 1
            while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            remaining -= 1
        }
        return i
    }

    /// Whether the node stands where an alias (`*name`) is written: the copy of an anchored node.
    func isAlias(_ node: YAMLNode) -> Bool {
        guard let p = offset(line: node.line, column: node.column), p < bytes.count else { return false }
        return bytes[p] == UInt8(ascii: "*")
    }

    /// The scalar's span (from its first quote or indicator) and the runs where its text stands
    /// verbatim; nil for an alias's copy and for a collection.
    mutating func locate(_ node: YAMLNode) -> (span: Span, runs: [VerbatimRun])? {
        guard case .scalar(let text, let style) = node.kind,
              var p = offset(line: node.line, column: node.column) else { return nil }
        let n = bytes.count
        // Skip an anchor (`&a`) and a tag (`!!str`), which may stand on the line before.
        while p < n, bytes[p] == UInt8(ascii: "&") || bytes[p] == UInt8(ascii: "!") {
            while p < n, !ConfigText.isBlank(bytes[p]), !ConfigText.isLineEnd(bytes[p]) { p += 1 }
            while p < n, ConfigText.isBlank(bytes[p]) || ConfigText.isLineEnd(bytes[p]) { p += 1 }
        }
        guard p < n else { return text.isEmpty ? (Span(start: n, end: n), []) : nil }
        if bytes[p] == UInt8(ascii: "*") { return nil }
        let value = Array(text.utf8)
        var s = p
        switch style {
        case .singleQuoted, .doubleQuoted:
            s = p + 1
        case .literal, .folded:
            // Content starts on the line after the indicator; blank lines before it are in the value.
            s = ConfigText.lineEnd(bytes, from: p)
            ConfigText.skipLineEnd(bytes, &s)
            while s < n, ConfigText.isBlank(bytes[s]) || ConfigText.isLineEnd(bytes[s]) { s += 1 }
        case .plain:
            break
        }
        let quote: UInt8? = style == .singleQuoted ? UInt8(ascii: "'") : style == .doubleQuoted ? UInt8(ascii: "\"") : nil
        var runs: [VerbatimRun] = []
        var v = 0
        var lastEnd = s
        var lines = 0
        while v < value.count, s < n, lines < 100_000 {
            lines += 1
            let lineEnd = ConfigText.lineEnd(bytes, from: s)
            var segmentEnd = lineEnd
            if let quote, let q = bytes[s..<lineEnd].firstIndex(of: quote) { segmentEnd = q }
            var length = 0
            while length < segmentEnd - s, v + length < value.count, bytes[s + length] == value[v + length] { length += 1 }
            if length > 0 {
                runs.append(VerbatimRun(valueOffset: v, sourceOffset: s, length: length))
                lastEnd = s + length
                v += length
            }
            guard v < value.count else { break }
            // Only a line break of the value may follow (a folded line break is a space).
            guard s + length == segmentEnd || bytes[(s + length)..<lineEnd].allSatisfy(ConfigText.isBlank),
                  value[v] == 0x0A || value[v] == 0x20 else { break }
            while v < value.count, value[v] == 0x0A || (value[v] == 0x20 && style != .literal) { v += 1 }
            s = lineEnd
            while s < n, ConfigText.isBlank(bytes[s]) || ConfigText.isLineEnd(bytes[s]) { s += 1 }
            if let quote, s < n, bytes[s] == quote { break }
        }
        var end = lastEnd
        if let quote, end < n, bytes[end] == quote { end += 1 }
        if value.isEmpty, quote != nil { end = min(p + 2, n) }
        return (Span(start: p, end: max(p, end)), runs)
    }
}
