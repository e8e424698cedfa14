// Byte helpers the configuration frontends (dotenv, YAML, TOML) share: lines, blanks, comments and
// the environment-variable references (`${VAR}`, `$VAR`, `${{ secrets.VAR }}`) inside values.

enum ConfigText {
    /// `facts` with the runs of every string whose runs do not all hold exactly the value's bytes
    /// dropped: `fix` rewrites through runs, so a run that does not stand verbatim in the file (a
    /// byte that is not UTF-8 decodes to U+FFFD) would rewrite the wrong bytes. The finding stays;
    /// its fix becomes manual. What the `config` fuzz target checks, enforced.
    static func verbatimOnly(_ facts: Facts, bytes: [UInt8]) -> Facts {
        var facts = facts
        for index in facts.strings.indices where !facts.strings[index].runsStandVerbatim(in: bytes) {
            facts.strings[index].runs = []
        }
        return facts
    }

    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
    @inline(__always) static func isLineEnd(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }

    static func isKeyCharacter(_ c: UInt8) -> Bool {
        ASCII.isLetter(c) || ASCII.isDigit(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
    }

    static func isNameCharacter(_ c: UInt8) -> Bool {
        ASCII.isLetter(c) || ASCII.isDigit(c) || c == UInt8(ascii: "_")
    }

    static func skipBlanks(_ bytes: [UInt8], _ i: inout Int) {
        while i < bytes.count, isBlank(bytes[i]) { i += 1 }
    }

    static func skipLineEnd(_ bytes: [UInt8], _ i: inout Int) {
        if i < bytes.count, bytes[i] == 0x0D { i += 1 }
        if i < bytes.count, bytes[i] == 0x0A { i += 1 }
    }

    /// The offset of the line end (or of the file's end) at or after `from`.
    static func lineEnd(_ bytes: [UInt8], from: Int) -> Int {
        var i = from
        while i < bytes.count, !isLineEnd(bytes[i]) { i += 1 }
        return i
    }

    /// Whether `word` followed by a blank stands at `i`.
    static func hasWord(_ word: String, at i: Int, in bytes: [UInt8]) -> Bool {
        let w = Array(word.utf8)
        return i + w.count < bytes.count && bytes[i..<(i + w.count)].elementsEqual(w) && isBlank(bytes[i + w.count])
    }

    /// Whether the name is written as environment variables are: upper-case letters, digits, `_`.
    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (0x41...0x5A).contains(first) || first == UInt8(ascii: "_") else { return false }
        return name.utf8.allSatisfy(ASCII.isUpperIdentifierCharacter)
    }

    /// Facts for the variables a value refers to: `${NAME}`, `${NAME:-default}`, `$NAME`, a CI's
    /// `${{ secrets.NAME }}` / `${{ env.NAME }}`, and Supabase's `env(NAME)`, each spanning the name
    /// where it stands verbatim.
    static func appendReferences(in literal: StringLiteralFact, to facts: inout Facts) {
        let value = Array(literal.value.utf8)
        let envCall = Array("env(".utf8)
        guard value.contains(UInt8(ascii: "$")) || value.starts(with: envCall) else { return }
        var i = 0
        while i < value.count {
            let isEnvCall = i == 0 && value.starts(with: envCall)
            guard value[i] == UInt8(ascii: "$") || isEnvCall else { i += 1; continue }
            var j = isEnvCall ? envCall.count : i + 1
            var isSecret = false
            if j + 1 < value.count, value[j] == UInt8(ascii: "{"), value[j + 1] == UInt8(ascii: "{") {
                // `${{ secrets.NAME }}`, `${{ env.NAME }}`, `${{ vars.NAME }}`
                j += 2
                while j < value.count, isBlank(value[j]) { j += 1 }
                var scope = j
                while scope < value.count, isNameCharacter(value[scope]) { scope += 1 }
                let word = String(decoding: value[j..<scope], as: UTF8.self)
                guard ["secrets", "env", "vars"].contains(word), scope < value.count, value[scope] == UInt8(ascii: ".") else {
                    i = j
                    continue
                }
                isSecret = word == "secrets"
                j = scope + 1
            } else if j < value.count, value[j] == UInt8(ascii: "{") {
                j += 1
            }
            let nameStart = j
            while j < value.count, isNameCharacter(value[j]) { j += 1 }
            if j > nameStart, let span = literal.sourceSpan(ofValueRange: nameStart..<j) {
                var fact = StringLiteralFact(
                    value: String(decoding: value[nameStart..<j], as: UTF8.self), span: span,
                    runs: [VerbatimRun(valueOffset: 0, sourceOffset: span.start, length: span.length)])
                fact.collectionLabel = isSecret ? ConfigText.secretReference : ConfigText.variableReference
                facts.strings.append(fact)
            }
            i = max(j, i + 1)
        }
    }

    /// For a list item `KEY=value` (compose `environment:`, a CI's `env` list): a fact for the name
    /// and one for the value labelled with it. Nil when the item is not of that form.
    static func splitAssignment(_ literal: StringLiteralFact) -> [StringLiteralFact]? {
        let value = Array(literal.value.utf8)
        guard let equals = value.firstIndex(of: UInt8(ascii: "=")), equals > 0,
              value[..<equals].allSatisfy(isNameCharacter), !ASCII.isDigit(value[0]) else { return nil }
        let name = String(decoding: value[..<equals], as: UTF8.self)
        var result: [StringLiteralFact] = []
        if let span = literal.sourceSpan(ofValueRange: 0..<equals) {
            result.append(StringLiteralFact(value: name, span: span,
                                            runs: [VerbatimRun(valueOffset: 0, sourceOffset: span.start, length: span.length)]))
        }
        let rest = (equals + 1)..<value.count
        let runs = literal.runs.compactMap { run -> VerbatimRun? in
            let low = max(run.valueOffset, rest.lowerBound)
            let high = min(run.valueOffset + run.length, rest.upperBound)
            guard low < high else { return nil }
            return VerbatimRun(valueOffset: low - rest.lowerBound, sourceOffset: run.sourceOffset + low - run.valueOffset,
                               length: high - low)
        }
        let start = runs.first?.sourceOffset ?? literal.span.start
        let end = runs.last.map { $0.sourceOffset + $0.length } ?? literal.span.end
        result.append(StringLiteralFact(value: String(decoding: value[rest], as: UTF8.self),
                                        span: Span(start: start, end: max(start, end)), runs: runs, label: name,
                                        collectionLabel: literal.collectionLabel))
        return result
    }

    /// The `collectionLabel` of a reference to a CI secret (`${{ secrets.NAME }}`): only the CI can rename it.
    static let secretReference = "${{ secrets }}"
    /// The `collectionLabel` of a reference to a variable (`${NAME}`).
    static let variableReference = "${}"

    /// Comment facts for `#` comments: a `#` at a line's start or after a blank, outside `occupied`
    /// (the spans of keys and values, sorted by start), running to the line's end.
    static func comments(in bytes: [UInt8], from start: Int, outside occupied: [Span]) -> [CommentFact] {
        var result: [CommentFact] = []
        var k = 0
        var i = start
        var lineStart = start
        while i < bytes.count {
            let c = bytes[i]
            if isLineEnd(c) { i += 1; lineStart = i; continue }
            guard c == UInt8(ascii: "#"), i == lineStart || isBlank(bytes[i - 1]) else { i += 1; continue }
            while k < occupied.count, occupied[k].end <= i { k += 1 }
            if occupied[k...].contains(where: { $0.start <= i && i < $0.end }) { i += 1; continue }
            let end = lineEnd(bytes, from: i)
            let alone = bytes[lineStart..<i].allSatisfy(isBlank)
            result.append(CommentFact(text: String(decoding: bytes[i..<end], as: UTF8.self),
                                      span: Span(start: i, end: end), standsAlone: alone))
            i = end
        }
        return result
    }
}
