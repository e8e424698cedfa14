// The machine-checkable rules of docs/zh-CN-style.md, shared by the core and end-to-end tests.

import HomeportCore

/// The checks of docs/zh-CN-style.md on one text: the message tables' templates (core tests) and
/// whole command outputs (end-to-end tests).
public enum ChineseStyle {
    public static func isHan(_ character: Character) -> Bool {
        character.unicodeScalars.first.map(ChineseSpacing.isHan) ?? false
    }

    /// `text` with each `code span` cut to a bare `` `C` ``: code keeps its own punctuation and spacing.
    public static func maskingCode(_ text: String) -> String {
        var out = ""
        var inCode = false
        for character in text {
            if character == "`" {
                if !inCode { out += "`C" }
                inCode.toggle()
                if !inCode { out += "`" }
            } else if !inCode {
                out.append(character)
            }
        }
        return out
    }

    /// Each place where `text` breaks a rule of the guide, with a few characters around it.
    public static func violations(_ text: String) -> [String] {
        let characters = Array(maskingCode(text))
        var found: [String] = []
        func around(_ index: Int) -> String {
            String(characters[max(0, index - 8)..<min(characters.count, index + 9)])
        }
        for index in characters.indices {
            let character = characters[index]
            // One space between two Han characters (a table's column gap is two or more).
            if character == " ", index > 0, index + 1 < characters.count, isHan(characters[index - 1]), isHan(characters[index + 1]),
               index < 2 || characters[index - 2] != " " {
                found.append("space between Chinese characters: «\(around(index))»")
            }
            // A half-width colon, comma or semicolon after Chinese text.
            if index > 0, isHan(characters[index - 1]), [",", ":", ";"].contains(character) {
                found.append("half-width `\(character)` after Chinese: «\(around(index))»")
            }
            // Han and Latin text, digits or code side by side without the space.
            if index > 0 {
                let before = characters[index - 1], after = character
                if (isHan(before) && isLatinOrCode(after)) || (isLatinOrCode(before) && isHan(after)) {
                    found.append("no space between Chinese and Latin text: «\(around(index))»")
                }
            }
        }
        return found
    }

    public static func isLatinOrCode(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "`")
    }

    public static func isWide(_ scalar: Unicode.Scalar) -> Bool { TextReporter.cellWidth(scalar) == 2 }
}
