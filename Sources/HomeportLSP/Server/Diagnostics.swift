// Findings as LSP diagnostics, and positions in the client's column units.

import HomeportCore

extension LanguageServer {
    /// An LSP `Range` for a byte span of `file`.
    func range(_ span: Span, in file: SourceFile) -> JSONValue {
        .object([("start", position(span.start, in: file)), ("end", position(span.end, in: file))])
    }

    func position(_ offset: Int, in file: SourceFile) -> JSONValue {
        LanguageServer.position(file.position(of: offset, encoding: encoding))
    }

    static func position(_ position: (line: Int, character: Int)) -> JSONValue {
        .object([("line", .int(position.line)), ("character", .int(position.character))])
    }

    /// LSP `DiagnosticSeverity`: 1 error, 2 warning, 3 information.
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .note: return 3
        }
    }

    /// The `publishDiagnostics` params of a scan, written straight to compact JSON: the bytes
    /// `JSONValue` writes for the same values, without building and freeing some twenty values per
    /// finding at every edit (most of a publish on a file of many findings). Positions are counted in
    /// one pass along the file. Each diagnostic's bytes after its range are copied from `earlier` (the
    /// last publish's `tails`) when written from the same values; `tails` gets this publish's.
    func writeDiagnosticsParams(uri: String, version: Int, analysis: Analysis?, reusing earlier: [DiagnosticTail] = [],
                                tails: inout [DiagnosticTail], into out: inout [UInt8]) {
        out.appendUTF8(#"{"uri":"#)
        JSONValue.writeString(uri, to: &out)
        out.appendUTF8(#","version":"#)
        JSONValue.writeInt(version, to: &out)
        out.appendUTF8(#","diagnostics":["#)
        if let analysis {
            // One locator for starts and ends: an end counts on from its start (a locator asked for an
            // offset before the last one starts that line over, so any order gives the same positions).
            var positions = analysis.file.positionLocator(encoding: encoding)
            // Each rule's documentation, looked up once: findings of a few rules alternate along a file.
            var documentation: [(rule: String, href: String)] = []
            let dash = DiagnosticContent.dash(workspace.language)
            // Where this publish's findings stand in `earlier`: an edit adds or removes a few above the rest.
            var shift = 0
            tails.reserveCapacity(analysis.findings.count)
            // By index, each finding read in place: copying one retains a dozen of its fields.
            let findings = analysis.findings
            for index in findings.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                let href: String
                if let known = documentation.first(where: { $0.rule == findings[index].ruleID }) {
                    href = known.href
                } else {
                    href = analysis.documentationURI(of: findings[index].ruleID)
                    documentation.append((findings[index].ruleID, href))
                }
                let start = positions.position(of: findings[index].span.start)
                DiagnosticContent.writeRange(start: start, end: positions.position(of: findings[index].span.end), into: &out)
                let severity = LanguageServer.severity(findings[index].severity)
                let title = findings[index].suggestions.first?.title
                func isEarlier(_ k: Int) -> Bool {
                    earlier.indices.contains(k) && earlier[k].isWritten(severity: severity, code: findings[index].ruleID,
                                                                        href: href, message: findings[index].message,
                                                                        dash: dash, title: title)
                }
                var found = isEarlier(index + shift) ? index + shift : nil
                if found == nil, !earlier.isEmpty {
                    for delta in 1...DiagnosticTail.reach {
                        if isEarlier(index + shift + delta) { found = index + shift + delta; break }
                        if isEarlier(index + shift - delta) { found = index + shift - delta; break }
                    }
                }
                if let found {
                    shift = found - index
                    out.append(contentsOf: earlier[found].bytes)
                    tails.append(earlier[found])
                } else {
                    let tailStart = out.count
                    DiagnosticContent.writeTail(severity: severity, code: findings[index].ruleID, href: href,
                                                message: findings[index].message, instead: title.map { (dash, $0) },
                                                into: &out)
                    tails.append(DiagnosticTail(severity: severity, code: findings[index].ruleID, href: href,
                                                message: findings[index].message, dash: dash, title: title,
                                                bytes: Array(out[tailStart...])))
                }
            }
        }
        out.appendUTF8("]}")
    }

    /// A finding as a diagnostic: the message says what to use instead (the first suggestion).
    func diagnostic(for finding: Finding, in analysis: Analysis) -> JSONValue {
        DiagnosticContent(start: analysis.file.position(of: finding.span.start, encoding: encoding),
                          end: analysis.file.position(of: finding.span.end, encoding: encoding),
                          finding: finding, href: analysis.documentationURI(of: finding.ruleID),
                          language: workspace.language).json
    }

    /// A configuration or catalog mistake as an error diagnostic on its file, from its position to
    /// the end of that line.
    func setupDiagnostic(_ problem: EditorProblem) -> JSONValue {
        let line = max(0, (problem.line ?? 1) - 1)
        let column = max(0, (problem.column ?? 1) - 1)
        var range = JSONValue.object([
            ("start", .object([("line", .int(line)), ("character", .int(column))])),
            ("end", .object([("line", .int(line)), ("character", .int(column))])),
        ])
        if let path = problem.file, let bytes = try? TreeScan.readFile(path) {
            let file = SourceFile(path: path, bytes: bytes, language: .python)
            let start = file.offset(line: line, character: column, encoding: .unicodeScalars)
            if line < file.lineStarts.count {
                range = self.range(Span(start: start, end: max(start, file.lineSpan(line).end)), in: file)
            }
        }
        return .object([
            ("range", range),
            ("severity", .int(1)),
            ("source", .string(ToolInfo.name)),
            ("message", .string(problem.text)),
        ])
    }
}

/// What a finding's diagnostic says, as a `JSONValue` (code actions quote it) or written straight to
/// bytes (every publish): the two write the same compact JSON, members in the same order.
struct DiagnosticContent {
    var start: (line: Int, character: Int)
    var end: (line: Int, character: Int)
    var severity: Int
    var code: String
    var href: String
    var message: String
    var instead: (dash: String, title: String)?

    init(start: (line: Int, character: Int), end: (line: Int, character: Int), finding: Finding, href: String,
         language: MessageLanguage) {
        self.start = start
        self.end = end
        severity = LanguageServer.severity(finding.severity)
        code = finding.ruleID
        self.href = href
        message = finding.message
        instead = finding.suggestions.first.map { (DiagnosticContent.dash(language), $0.title) }
    }

    /// What joins the message and what to use instead: a Chinese dash is two em dashes with no
    /// spaces (docs/zh-CN-style.md).
    static func dash(_ language: MessageLanguage) -> String {
        language == .simplifiedChinese ? "——" : " — "
    }

    /// The message: the finding's, then the dash and the first suggestion's title (what to use instead).
    var fullMessage: String { instead.map { message + $0.dash + $0.title } ?? message }

    var json: JSONValue {
        .object([
            ("range", .object([("start", LanguageServer.position(start)), ("end", LanguageServer.position(end))])),
            ("severity", .int(severity)),
            ("code", .string(code)),
            ("codeDescription", .object([("href", .string(href))])),
            ("source", .string(ToolInfo.name)),
            ("message", .string(fullMessage)),
        ])
    }

    func write(into out: inout [UInt8]) {
        DiagnosticContent.write(start: start, end: end, severity: severity, code: code, href: href, message: message,
                                instead: instead, into: &out)
    }

    /// `write(into:)` from the parts, so a publish writes a finding's diagnostic without making a
    /// `DiagnosticContent` (and copying its strings) first.
    static func write(start: (line: Int, character: Int), end: (line: Int, character: Int), severity: Int,
                      code: String, href: String, message: String, instead: (dash: String, title: String)?,
                      into out: inout [UInt8]) {
        writeRange(start: start, end: end, into: &out)
        writeTail(severity: severity, code: code, href: href, message: message, instead: instead, into: &out)
    }

    /// `{"range":{…}`: what changes from edit to edit, made in a buffer on the stack and appended at
    /// once (appending its nine pieces one by one cost more than the rest of a reused diagnostic).
    static func writeRange(start: (line: Int, character: Int), end: (line: Int, character: Int), into out: inout [UInt8]) {
        // At most 57 bytes of punctuation and names and four numbers of at most 20 bytes each.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 160) { buffer in
            let first = buffer.baseAddress!
            var next = put(#"{"range":{"start":{"line":"#, at: first)
            next = put(start.line, at: next)
            next = put(#","character":"#, at: next)
            next = put(start.character, at: next)
            next = put(#"},"end":{"line":"#, at: next)
            next = put(end.line, at: next)
            next = put(#","character":"#, at: next)
            next = put(end.character, at: next)
            next = put(#"}}"#, at: next)
            out.append(contentsOf: UnsafeBufferPointer(start: first, count: next - first))
        }
    }

    @inline(__always)
    private static func put(_ text: StaticString, at place: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let count = text.utf8CodeUnitCount
        place.update(from: text.utf8Start, count: count)
        return place + count
    }

    /// `JSONValue.writeInt`'s digits, at `place`.
    @inline(__always)
    private static func put(_ number: Int, at place: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var next = place
        if number < 0 {
            next.pointee = UInt8(ascii: "-")
            next += 1
        }
        let magnitude = number.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        var rest = magnitude
        repeat {
            next.pointee = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor)
            next += 1
            rest %= divisor
            divisor /= 10
        } while divisor > 0
        return next
    }

    /// `,"severity":…}`: the rest, the same for a finding that did not change (`DiagnosticTail`).
    static func writeTail(severity: Int, code: String, href: String, message: String,
                          instead: (dash: String, title: String)?, into out: inout [UInt8]) {
        out.appendUTF8(#","severity":"#)
        JSONValue.writeInt(severity, to: &out)
        out.appendUTF8(#","code":"#)
        JSONValue.writeString(code, to: &out)
        out.appendUTF8(#","codeDescription":{"href":"#)
        JSONValue.writeString(href, to: &out)
        out.append(contentsOf: DiagnosticContent.sourceAndMessageStart)
        JSONValue.writeStringContents(message, to: &out)
        if let instead {
            JSONValue.writeStringContents(instead.dash, to: &out)
            JSONValue.writeStringContents(instead.title, to: &out)
        }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: "}"))
    }

    /// `},"source":"homeport","message":"`: what comes between a diagnostic's href and its message.
    private static let sourceAndMessageStart: [UInt8] = {
        var bytes = Array(#"},"source":"#.utf8)
        JSONValue.writeString(ToolInfo.name, to: &bytes)
        bytes += Array(#","message":""#.utf8)
        return bytes
    }()

    private static func write(_ position: (line: Int, character: Int), into out: inout [UInt8]) {
        out.appendUTF8(#"{"line":"#)
        JSONValue.writeInt(position.line, to: &out)
        out.appendUTF8(#","character":"#)
        JSONValue.writeInt(position.character, to: &out)
        out.append(UInt8(ascii: "}"))
    }
}

/// A diagnostic's bytes after its range (`,"severity":…}`) and the values they were written from: a
/// finding that did not change writes the same bytes at the next edit, which copies them instead of
/// escaping its message again.
struct DiagnosticTail {
    /// How many places before or after its expected place a finding of the last publish is looked for.
    static let reach = 8

    var severity: Int
    var code: String
    var href: String
    var message: String
    var dash: String
    var title: String?
    var bytes: [UInt8]

    func isWritten(severity: Int, code: String, href: String, message: String, dash: String, title: String?) -> Bool {
        self.severity == severity && self.message == message && self.code == code && self.title == title
            && self.href == href && (title == nil || self.dash == dash)
    }
}
