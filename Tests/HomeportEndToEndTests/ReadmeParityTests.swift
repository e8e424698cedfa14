// README.md and README.zh-CN.md stay one document in two languages: the same sections (## and ###
// headings, in order) and the same fenced blocks, byte for byte, so neither can fall behind.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct ReadmeParityTests {
    /// A README cut into what the test compares: its headings and its fenced blocks, each block with
    /// the heading it stands under.
    struct Outline {
        var headings: [String] = []
        var blocks: [(section: String, text: String)] = []

        init(_ text: String) {
            var fence: [Substring]? = nil
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("```") {
                    if var open = fence {
                        open.append(line)
                        blocks.append((headings.last ?? "(top)", open.joined(separator: "\n")))
                        fence = nil
                    } else {
                        fence = [line]
                    }
                } else if fence != nil {
                    fence!.append(line)
                } else if line.hasPrefix("## ") || line.hasPrefix("### ") {
                    headings.append(String(line))
                }
            }
        }

        /// `##` or `###` of each heading.
        var levels: [String] { headings.map { String($0.prefix { $0 == "#" }) } }
    }

    func outlines() throws -> (english: Outline, chinese: Outline) {
        let root = TestPaths.packageRoot
        return (Outline(try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)),
                Outline(try String(contentsOf: root.appendingPathComponent("README.zh-CN.md"), encoding: .utf8)))
    }

    @Test func bothReadmesHaveTheSameSections() throws {
        let (english, chinese) = try outlines()
        #expect(english.headings.count > 20)
        for index in 0..<max(english.headings.count, chinese.headings.count) {
            let en = index < english.headings.count ? english.headings[index] : nil
            let zh = index < chinese.headings.count ? chinese.headings[index] : nil
            guard let en, let zh else {
                Issue.record("""
                    section \(index + 1): README.md has \(en.map { "`\($0)`" } ?? "no section"), \
                    README.zh-CN.md has \(zh.map { "`\($0)`" } ?? "no section") (after `\(index > 0 ? english.headings[min(index, english.headings.count) - 1] : "")`)
                    """)
                break
            }
            if english.levels[index] != chinese.levels[index] {
                Issue.record("section \(index + 1): README.md's `\(en)` is a \(english.levels[index]) heading, README.zh-CN.md's `\(zh)` a \(chinese.levels[index]) one")
                break
            }
        }
    }

    @Test func bothReadmesHaveTheSameCommandBlocks() throws {
        let (english, chinese) = try outlines()
        #expect(english.blocks.count > 10)
        for index in 0..<max(english.blocks.count, chinese.blocks.count) {
            guard index < english.blocks.count, index < chinese.blocks.count else {
                let (longer, name) = english.blocks.count > chinese.blocks.count
                    ? (english, "README.md") : (chinese, "README.zh-CN.md")
                Issue.record("block \(index + 1) (under `\(longer.blocks[index].section)`) is only in \(name)")
                break
            }
            let en = english.blocks[index], zh = chinese.blocks[index]
            if en.text != zh.text {
                let enLines = en.text.split(separator: "\n", omittingEmptySubsequences: false)
                let zhLines = zh.text.split(separator: "\n", omittingEmptySubsequences: false)
                let line = Array(zip(enLines, zhLines)).firstIndex { $0.0 != $0.1 } ?? min(enLines.count, zhLines.count)
                Issue.record("""
                    block \(index + 1) differs: README.md under `\(en.section)`, README.zh-CN.md under `\(zh.section)`, \
                    line \(line + 1) of the block:
                      en: \(line < enLines.count ? String(enLines[line]) : "(ends)")
                      zh: \(line < zhLines.count ? String(zhLines[line]) : "(ends)")
                    """)
            }
        }
    }
}
