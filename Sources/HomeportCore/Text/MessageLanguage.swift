// The two languages Homeport speaks, and texts that carry both: chosen once per process, passed down.

/// The language of human-facing text. Rule ids, JSON keys and SARIF structure never depend on it.
public enum MessageLanguage: String, CaseIterable, Sendable {
    case english = "en"
    case simplifiedChinese = "zh-CN"

    /// A language tag as `--lang`, `HOMEPORT_LANG` or an editor's `locale` writes it: `en`, `en-US`,
    /// `zh-CN`, `zh_CN.UTF-8`, `zh-Hans`, `zh-SG`. Nil for anything else (the caller says it is unknown).
    public init?(tag: String) {
        let lowered = tag.lowercased().replacingUnderscores()
        if lowered == "en" || lowered.hasPrefix("en-") || lowered.hasPrefix("en.") || lowered == "c" || lowered == "posix" {
            self = .english
        } else if MessageLanguage.isSimplifiedChinese(lowered) {
            self = .simplifiedChinese
        } else {
            return nil
        }
    }

    /// The language the POSIX locale asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
    /// set and not empty (as setlocale(3) resolves message catalogs) decides; `zh_CN*`, `zh_SG*` and
    /// `zh_Hans*` mean Simplified Chinese, anything else English. The caller reads the environment:
    /// the core never does.
    public static func fromPOSIXLocale(lcAll: String?, lcMessages: String?, lang: String?) -> MessageLanguage {
        guard let name = [lcAll, lcMessages, lang].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            return .english
        }
        return isSimplifiedChinese(name.lowercased().replacingUnderscores()) ? .simplifiedChinese : .english
    }

    /// `zh-cn…`, `zh-sg…`, `zh-hans…` (lowercased, `_` already turned into `-`).
    private static func isSimplifiedChinese(_ lowered: String) -> Bool {
        lowered == "zh" || ["zh-cn", "zh-sg", "zh-hans"].contains { lowered.hasPrefix($0) }
    }

    /// Every language's tag, for error messages and help: `en, zh-CN`.
    public static var tags: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// One human-facing text in both languages. `{name}` placeholders are filled by `format`; both forms
/// must use the same placeholders (a test checks every table).
public struct LocalizedText: Sendable, Hashable {
    public var english: String
    public var chinese: String

    public init(en english: String, zh chinese: String) {
        self.english = english
        self.chinese = chinese
    }

    /// A text that has only an English form (e.g. a user's own catalog entry): shown in both.
    public init(untranslated english: String) {
        self.init(en: english, zh: english)
    }

    public func text(in language: MessageLanguage) -> String {
        language == .simplifiedChinese ? chinese : english
    }

    /// The text in `language` with each `{name}` replaced by `values[name]`; unknown names stay.
    public func format(_ language: MessageLanguage, _ values: [String: String] = [:]) -> String {
        LocalizedText.fill(text(in: language), values)
    }

    /// Both forms with their placeholders filled: `values` the same in both languages, `localized`
    /// each in the language of the form it goes into (a phrase such as "the end of the file").
    public func filled(_ values: [String: String] = [:], localized: [String: LocalizedText] = [:]) -> LocalizedText {
        func all(in language: MessageLanguage) -> [String: String] {
            values.merging(localized.mapValues { $0.text(in: language) }) { $1 }
        }
        return LocalizedText(en: LocalizedText.fill(english, all(in: .english)),
                             zh: LocalizedText.fill(chinese, all(in: .simplifiedChinese)))
    }

    /// `{name}` placeholders replaced from `values`; unknown names and lone braces stay as written.
    /// Where a value meets Chinese text, the seam follows docs/zh-CN-style.md: a space goes between
    /// a Han character and Latin text, digits or code (`读取 ZHIPUAI_API_KEY`), none between two Han
    /// characters (`读取智谱的密钥`). Chinese templates write no space beside a placeholder; only the seams
    /// a substitution makes are looked at, never the text inside a value or the template (a path or a
    /// command in a value stays byte for byte).
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        fill(template) { values[$0] }
    }

    /// `fill` with each placeholder's value given by `value(name)` (nil: the placeholder stays), so a
    /// caller with a default or a translated value need not copy a dictionary to add it.
    static func fill(_ template: String, value: (String) -> String?) -> String {
        // On UTF-8 bytes into one buffer (braces are ASCII, so every brace found is a character
        // boundary): a String appended piece by piece, its last scalar read back at every seam, cost
        // ~12 k instructions a message, most of what a finding's suggestions cost.
        var text = template
        let filled = text.withUTF8 { bytes -> String? in
            guard var open = bytes.firstIndex(of: UInt8(ascii: "{")) else { return nil }
            var out = Seams(capacity: bytes.count + 64)
            var copied = 0
            while true {
                guard let close = bytes[open...].firstIndex(of: UInt8(ascii: "}")) else { break }
                if let found = value(String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)) {
                    out.append(UnsafeBufferPointer(rebasing: bytes[copied..<open]), isValue: false)
                    out.append(found)
                    copied = close + 1
                }
                guard let next = bytes[(close + 1)...].firstIndex(of: UInt8(ascii: "{")) else { break }
                open = next
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[copied...]), isValue: false)
            return out.finish()
        }
        return filled ?? template
    }

    /// A filled template's bytes as they are written, with a space put at a seam between a value and
    /// the text around it where `ChineseSpacing` asks for one.
    private struct Seams {
        private var out: ByteWriter
        private var lastWasValue = false

        init(capacity: Int) { out = ByteWriter(capacity: capacity) }

        mutating func append(_ piece: UnsafeBufferPointer<UInt8>, isValue: Bool) {
            guard !piece.isEmpty else { return }
            if isValue || lastWasValue, out.count > 0, Seams.needsSpace(before: out.lastScalar, after: piece) {
                out.byte(UInt8(ascii: " "))
            }
            out.bytes(piece)
            lastWasValue = isValue
        }

        mutating func append(_ value: String) {
            let appended: Void? = value.utf8.withContiguousStorageIfAvailable { append($0, isValue: true) }
            if appended == nil {
                var value = value
                value.withUTF8 { append($0, isValue: true) }
            }
        }

        mutating func finish() -> String { out.finish() }

        /// `ChineseSpacing.needsSpace` between `before` and the first scalar of `after` (valid UTF-8,
        /// not empty). Two ASCII scalars never take a space: only a Han character asks for one.
        private static func needsSpace(before: Unicode.Scalar, after: UnsafeBufferPointer<UInt8>) -> Bool {
            if before.isASCII && after[0] < 0x80 { return false }
            var iterator = after.makeIterator()
            var decoder = UTF8()
            guard case .scalarValue(let first) = decoder.decode(&iterator) else { return false }
            return ChineseSpacing.needsSpace(between: before, and: first)
        }
    }

    /// The placeholder names in a template, sorted (`{match}`, `{class}` → ["class", "match"]).
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                names.append(String(name))
            }
            rest = rest[rest.index(after: close)...]
        }
        return names.sorted()
    }
}

/// An error whose message exists in both languages. The front-ends print `description(in:)` in the
/// language the process chose, at the point they print it; `description` is the English form.
public protocol BilingualError: Error, CustomStringConvertible {
    func description(in language: MessageLanguage) -> String
}

extension BilingualError {
    public var description: String { description(in: .english) }
}

extension MessageLanguage {
    /// `error` as one line in this language: a `BilingualError` in it, any other error as it describes itself.
    public func describe(_ error: any Error) -> String {
        (error as? any BilingualError)?.description(in: self) ?? "\(error)"
    }
}

/// Where Chinese and Latin text meet (docs/zh-CN-style.md, "Spacing"): one space between a Han
/// character and a Latin letter, a digit or code; none beside full-width punctuation or between Han.
public enum ChineseSpacing {
    /// A CJK unified ideograph (the Han characters Chinese text is written in).
    public static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// Latin text, digits and code as they meet Chinese: ASCII letters and digits, the ASCII signs that
    /// start or end a name, a path, an option or code (`` ` `` `/` `.` `-` `_` `~` `$` `<` `"` …), and
    /// letters of other alphabetic scripts. Not the ASCII sentence punctuation `,` `;` `:` `!` `?` (which
    /// Chinese text does not use), not brackets (`(智谱)` in English text takes no space inside), nor
    /// spaces, full-width punctuation and Han.
    public static func isLatinLike(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            guard scalar.value > 0x20, scalar.value < 0x7F else { return false }
            return !",;:!?()[]{}".unicodeScalars.contains(scalar)
        }
        return scalar.properties.isAlphabetic && !isHan(scalar) && !(0x3000...0x30FF).contains(scalar.value)
            && !(0xFF00...0xFFEF).contains(scalar.value)
    }

    /// Whether a space belongs between `before` and `after` when a substitution puts them side by side.
    public static func needsSpace(between before: Unicode.Scalar, and after: Unicode.Scalar) -> Bool {
        (isHan(before) && isLatinLike(after)) || (isLatinLike(before) && isHan(after))
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
