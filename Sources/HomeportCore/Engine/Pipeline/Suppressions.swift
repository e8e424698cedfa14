// `homeport: ignore` comments: which findings they silence, and which silenced nothing.

#if canImport(Glibc)
import Glibc
#endif

/// One suppression comment, parsed.
struct Suppression {
    enum Scope { case lines(ClosedRange<Int>), file }

    /// Rule ids in brackets; empty means every rule.
    var ruleIDs: [String]
    var scope: Scope
    var comment: CommentFact
    /// The directive as written, for messages (`homeport: ignore[openai-model]`).
    var directive: String

    /// `line`: the finding's line as `parse` counted lines (its cell line in a notebook).
    func covers(_ finding: Finding, line: Int) -> Bool {
        if !ruleIDs.isEmpty && !ruleIDs.contains(finding.ruleID) { return false }
        switch scope {
        case .file: return true
        case .lines(let lines): return lines.contains(line)
        }
    }

    /// Parses every `homeport: ignore…` directive in real comments. A directive on a line of its own
    /// covers that line and the next; after code, only its own line. `ignore-file` counts only in
    /// the comment block at the top of the file.
    /// `embedded`: lines are counted in each cell of a notebook, not in the file.
    static func parse(_ comments: [CommentFact], in file: SourceFile, embedded: EmbeddedCode? = nil) -> [Suppression] {
        var result: [Suppression] = []
        // Found when an `ignore-file` directive asks (it sorts the comments).
        var topBlockEnd: Int?
        var locator = file.locator()
        // Most comments hold no directive: they are looked through in place, not copied.
        for comment in comments where mayHoldDirective(comment.text) {
            let text = Array(comment.text.utf8)
            for start in ASCII.occurrences(of: "homeport:", in: text, ignoringCase: false) {
                var i = start + "homeport:".utf8.count
                while i < text.count, text[i] == UInt8(ascii: " ") || text[i] == UInt8(ascii: "\t") { i += 1 }
                guard text[i...].starts(with: "ignore".utf8) else { continue }
                i += "ignore".utf8.count
                let directiveStart = start
                if text[i...].starts(with: "-file".utf8) {
                    i += "-file".utf8.count
                    let blockEnd = topBlockEnd ?? embedded?.topCommentBlockEnd(comments) ?? topCommentBlockEnd(comments, in: file)
                    topBlockEnd = blockEnd
                    guard comment.span.start < blockEnd else { continue }
                    let ids = bracketedIDs(text, from: &i)
                    result.append(Suppression(ruleIDs: ids, scope: .file, comment: comment,
                                              directive: String(decoding: text[directiveStart..<i], as: UTF8.self)))
                    continue
                }
                if i < text.count, ASCII.isLetter(text[i]) || text[i] == UInt8(ascii: "-") { continue }
                let ids = bracketedIDs(text, from: &i)
                let line = embedded?.logicalLine(of: comment.span.start) ?? locator.location(of: comment.span.start).line
                result.append(Suppression(
                    ruleIDs: ids, scope: .lines(line...(comment.standsAlone ? line + 1 : line)),
                    comment: comment, directive: String(decoding: text[directiveStart..<i], as: UTF8.self)))
            }
        }
        return result
    }

    private static let marker = Array("homeport:".utf8)

    /// Whether `text` contains `homeport:` (a directive's start), searched without copying it.
    private static func mayHoldDirective(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= marker.count else { return false }
            var start = 0
            while start + marker.count <= bytes.count {
                if bytes[start] == marker[0], bytes[start...].starts(with: marker) { return true }
                start += 1
            }
            return false
        }
    }

    /// `[a, b]` right after the directive, advancing `i` past it.
    private static func bracketedIDs(_ text: [UInt8], from i: inout Int) -> [String] {
        guard i < text.count, text[i] == UInt8(ascii: "[") else { return [] }
        guard let close = text[i...].firstIndex(of: UInt8(ascii: "]")) else { return [] }
        let inner = String(decoding: text[(i + 1)..<close], as: UTF8.self)
        i = close + 1
        return inner.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The offset where the file's first stretch of comments and whitespace ends.
    private static func topCommentBlockEnd(_ comments: [CommentFact], in file: SourceFile) -> Int {
        var position = file.lineStarts[0]
        for comment in comments.sorted(by: { $0.span.start < $1.span.start }) {
            let gap = file.bytes[position..<comment.span.start]
            guard gap.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }) else {
                break
            }
            position = comment.span.end
        }
        return position
    }
}

extension Language {
    /// The comment that silences `ruleIDs` on its line (or, standing alone, on the next line too).
    public func suppressionComment(ruleIDs: [String]) -> String {
        "\(lineCommentMarker) homeport: ignore" + (ruleIDs.isEmpty ? "" : "[" + ruleIDs.joined(separator: ", ") + "]")
    }
}
