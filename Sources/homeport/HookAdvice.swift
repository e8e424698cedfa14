// The block a failing commit-time scan ends with: how to fix, suppress, or skip the check once.

import HomeportCore

/// What to do about the findings that failed a commit, as short shell lines, for standard error.
struct HookAdvice {
    /// The findings at or above the threshold (the ones that failed the commit).
    var failing: [Finding]
    /// The provider `homeport fix` migrates to.
    var target: String

    init(findings: [Finding], target: String, threshold: FailThreshold) {
        failing = findings.filter { threshold.fails($0.severity) }
        self.target = target
    }

    /// pre-commit sets PRE_COMMIT=1 in its hooks' environment; its files arrive as arguments.
    static var isRunByPreCommit: Bool { SystemInfo.environment("PRE_COMMIT") == "1" }

    func render() -> String {
        let language = ProcessLanguage.language
        /// `  label:` padded to the command column (by terminal cells: a Chinese label is wider).
        func label(_ message: CLIMessage) -> String {
            let text = message.format(language)
            return "  " + text + String(repeating: " ", count: max(1, 12 - HelpFormatter.cells(text)))
        }
        var lines = [CLIMessage.counted(failing.count, one: .hookAdviceOne, many: .hookAdviceMany)]
        let fixable = Set(failing.filter { $0.fixSuggestion(includingUnsafe: false) != nil }.map(\.path)).sorted()
        if !fixable.isEmpty {
            lines.append(label(.hookFix) + "homeport fix --target \(target) " + fixable.map(shellQuoted).joined(separator: " ")
                         + "   " + say(.hookThenAdd))
        }
        var suppressions: [(comment: String, languages: [Language])] = []
        for language in Language.allCases {
            let rules = Set(failing.filter { HookAdvice.language(of: $0) == language }.map(\.ruleID)).sorted()
            guard !rules.isEmpty else { continue }
            let comment = language.suppressionComment(ruleIDs: rules)
            if let index = suppressions.firstIndex(where: { $0.comment == comment }) {
                suppressions[index].languages.append(language)
            } else {
                suppressions.append((comment, [language]))
            }
        }
        for (index, entry) in suppressions.enumerated() {
            let names = entry.languages.map { $0.displayName(in: language) }.joined(separator: ", ")
            lines.append((index == 0 ? label(.hookSuppress) : "              ") + entry.comment
                         + "   " + say(.hookWhere, ["languages": names]))
        }
        let skip = HookAdvice.isRunByPreCommit ? "SKIP=homeport git commit" : "git commit --no-verify"
        lines.append(label(.hookSkip) + skip)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Files without a known extension were scanned for their python shebang.
    private static func language(of finding: Finding) -> Language {
        Language.forPath(finding.path) ?? .python
    }
}

/// `word` as one shell word: unchanged when it is plainly safe, else in single quotes.
func shellQuoted(_ word: String) -> String {
    let safe = !word.isEmpty && word.utf8.allSatisfy { byte in
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-_./+,:@%=".utf8.contains(byte)
    }
    if safe { return word }
    return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}
