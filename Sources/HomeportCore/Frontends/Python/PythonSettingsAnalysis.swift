// pydantic-settings classes: the environment variables their fields read.

import Glibc

extension PythonFactExtractor {
    /// A pydantic-settings class being read: its fields, its `env_prefix`, where its body stands.
    private struct SettingsClass {
        var name: String
        var column: Int
        var bodyColumn: Int?
        var prefix: String
        var caseSensitive = false
        var fields: [SettingsField] = []
    }

    /// The environment variables pydantic-settings classes read through their fields: each field of
    /// a class deriving from `BaseSettings` (or `KernelBaseSettings` …, or a settings class of this
    /// file) is read from `env_prefix` + its name, in any case unless `case_sensitive=True`. Fields
    /// with an alias (`Field(alias="…")`, v1's `env=`) are read under that string instead, and
    /// `ClassVar`s and `_private` attributes are not fields.
    func settingsFieldReads() -> [EnvironmentReadFact] {
        // Every settings class derives, at least through another one of the file, from a base whose
        // name ends in `BaseSettings`: a file that never names one has none (most files, whose bytes
        // never spell it: looked for in the bytes before any token is).
        guard mentionsBaseSettings(),
              tokens.contains(where: { $0.kind == .name && endsInBaseSettings($0) }) else { return [] }
        var reads: [EnvironmentReadFact] = []
        var open: [SettingsClass] = []
        var prefixes: [String: String] = [:]  // settings classes of this file -> their env_prefix
        func close(_ settings: SettingsClass) {
            prefixes[settings.name] = settings.prefix
            for field in settings.fields {
                let read = settings.prefix + field.name
                let name = settings.caseSensitive ? read : read.uppercased()
                // `OPENAI_API_KEY: str = os.getenv("OPENAI_API_KEY")`: the string is reported already.
                guard !field.strings.contains(name) else { continue }
                reads.append(EnvironmentReadFact(name: name, span: field.span))
            }
        }
        var statementStart = true
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            defer { i += 1 }
            if token.fDepth > 0 { continue }
            if token.kind == .newline { statementStart = true; continue }
            let startsStatement = statementStart
            statementStart = false
            if startsStatement {
                let column = self.column(of: token)
                while let last = open.last, column <= last.column { close(open.removeLast()) }
                if nameIs(token, "class"), let header = settingsHeader(at: i, known: prefixes) {
                    open.append(SettingsClass(name: header.name, column: column, prefix: header.prefix))
                    continue
                }
                if !open.isEmpty {
                    if open[open.count - 1].bodyColumn == nil { open[open.count - 1].bodyColumn = column }
                    if column == open[open.count - 1].bodyColumn, let field = settingsField(at: i) {
                        open[open.count - 1].fields.append(field)
                    }
                }
            }
            guard !open.isEmpty else { continue }
            // `env_prefix="…"` (SettingsConfigDict, class keyword, v1 `class Config`), `env_prefix: ClassVar[str] = "…"`,
            // `{"env_prefix": "…"}`; `case_sensitive=True`.
            if token.kind == .name, nameIs(token, "env_prefix"), let value = stringAssigned(after: i) {
                open[open.count - 1].prefix = value
            } else if token.kind == .string, stringValue(token) == "env_prefix", i + 2 < tokens.count,
                      tokens[i + 1].kind == .op, tokens[i + 1].op == 0x3A, let value = stringValue(tokens[i + 2]) {
                open[open.count - 1].prefix = value
            } else if nameIs(token, "case_sensitive"), i + 2 < tokens.count, tokens[i + 1].kind == .op,
                      tokens[i + 1].op == 0x3D || tokens[i + 1].op == 0x3A {
                open[open.count - 1].caseSensitive = nameIs(tokens[i + 2], "True")
            }
        }
        while let last = open.popLast() { close(last) }
        return reads
    }

    /// Whether `BaseSettings` stands anywhere in the file's bytes, as it does in a name that ends in
    /// it: `memchr` finds each `B` many bytes at a time (a few per kilobyte of code).
    func mentionsBaseSettings() -> Bool {
        let word: StaticString = "BaseSettings"
        let count = word.utf8CodeUnitCount
        return bytes.withUnsafeBufferPointer { all in
            guard all.count >= count, let base = all.baseAddress else { return false }
            let start = UnsafeRawPointer(base)
            let end = all.count - count + 1  // the places the word can start: 0..<end
            var i = 0
            while i < end, let found = memchr(start + i, Int32(word.utf8Start[0]), end - i) {
                let at = start.distance(to: UnsafeRawPointer(found))
                if memcmp(start + at, word.utf8Start, count) == 0 { return true }
                i = at + 1
            }
            return false
        }
    }

    private func endsInBaseSettings(_ token: PythonToken) -> Bool {
        let suffix: StaticString = "BaseSettings"
        let count = suffix.utf8CodeUnitCount
        guard token.end - token.start >= count, bytes[token.end - 1] == UInt8(ascii: "s") else { return false }
        for k in 0..<count where bytes[token.end - count + k] != suffix.utf8Start[k] { return false }
        return true
    }

    /// The column of a token that starts a line (only whitespace before it on the line).
    private func column(of token: PythonToken) -> Int {
        var k = token.start
        while k > 0, bytes[k - 1] == 0x20 || bytes[k - 1] == 0x09 || bytes[k - 1] == 0x0C { k -= 1 }
        return token.start - k
    }

    /// `class Name(Base, …):` where a base is a settings class: its name and inherited env_prefix.
    private func settingsHeader(at i: Int, known: [String: String]) -> (name: String, prefix: String)? {
        guard i + 2 < tokens.count, tokens[i + 1].kind == .name, tokens[i + 2].kind == .op,
              tokens[i + 2].op == 0x28 else { return nil }
        var k = i + 3
        var isSettings = false
        var prefix = ""
        while k < tokens.count, tokens[k].kind != .newline {
            // A base: a dotted name standing alone as an argument.
            guard let (span, next) = dottedName(at: k) else { break }
            let afterBase = next < tokens.count ? tokens[next] : nil
            if afterBase?.kind == .op, afterBase?.op == 0x2C || afterBase?.op == 0x29 {
                let dotted = bytes[span.start..<span.end]
                let last = String(decoding: dotted.split(separator: 0x2E).last ?? dotted[...], as: UTF8.self)
                if last.hasSuffix("BaseSettings") {
                    isSettings = true
                } else if let inherited = known[last] {
                    isSettings = true
                    prefix = inherited
                }
            }
            k = next
            // Past a keyword argument's value to the next argument.
            while k < tokens.count, tokens[k].kind != .newline, !(tokens[k].kind == .op && (tokens[k].op == 0x2C || tokens[k].op == 0x29)) { k += 1 }
            guard k < tokens.count, tokens[k].kind == .op, tokens[k].op == 0x2C else { break }
            k += 1
        }
        return isSettings ? (text(tokens[i + 1]), prefix) : nil
    }

    /// `name: Annotation [= default]` at the start of a statement of a settings class body: a field,
    /// unless it is a `ClassVar`, private, the class's configuration, or read under an alias.
    /// A field of a settings class: its name, where it is written, the strings of its statement.
    private struct SettingsField {
        var name: String
        var span: Span
        var strings: [String]
    }

    private func settingsField(at i: Int) -> SettingsField? {
        guard tokens[i].kind == .name, i + 2 < tokens.count, tokens[i + 1].kind == .op, tokens[i + 1].op == 0x3A
        else { return nil }
        let name = text(tokens[i])
        guard !name.hasPrefix("_"), name != "model_config", name != "env_prefix",
              !nameIs(tokens[i + 2], "ClassVar"),
              !(nameIs(tokens[i + 2], "typing") && i + 4 < tokens.count && nameIs(tokens[i + 4], "ClassVar"))
        else { return nil }
        var k = i + 2
        var strings: [String] = []
        while k + 1 < tokens.count, tokens[k].kind != .newline {
            if tokens[k].kind == .string, let value = stringValue(tokens[k]) { strings.append(value) }
            if tokens[k].kind == .name, tokens[k + 1].kind == .op, tokens[k + 1].op == 0x3D,
               nameIs(tokens[k], "alias") || nameIs(tokens[k], "validation_alias") || nameIs(tokens[k], "env") {
                return nil
            }
            k += 1
        }
        return SettingsField(name: name, span: Span(start: tokens[i].start, end: tokens[i].end), strings: strings)
    }

    /// The string a name is set to in its statement: `name="…"`, `name = "…"`, `name: T = "…"`.
    private func stringAssigned(after i: Int) -> String? {
        var k = i + 1
        var depth = 0
        while k + 1 < tokens.count, tokens[k].kind != .newline, k - i < 32 {
            let t = tokens[k]
            if t.kind == .op {
                switch t.op {
                case 0x28, 0x5B, 0x7B: depth += 1
                case 0x29, 0x5D, 0x7D:
                    if depth == 0 { return nil }
                    depth -= 1
                case 0x2C where depth == 0: return nil
                case 0x3D where depth == 0:
                    return tokens[k + 1].kind == .string ? stringValue(tokens[k + 1]) : nil
                default: break
                }
            }
            k += 1
        }
        return nil
    }
}
