// Command-line parsing and help, table-driven: each command declares its options as data and
// reads the parsed values in its initializer. No reflection happens at start-up (the argument-parser
// package spent about a third of a one-file scan's time reflecting over property wrappers).

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

/// An option or flag a command accepts.
struct OptionSpec {
    enum Kind {
        /// `--name`, no value.
        case flag
        /// `--name VALUE` or `--name=VALUE`; the last one given wins.
        case value(name: String)
        /// Like `value`, but every occurrence is kept.
        case repeated(name: String)
    }

    var long: String
    var short: Character? = nil
    var kind: Kind
    /// What help says about it, in both languages (written beside the option it describes).
    var help: LocalizedText
    /// The only values accepted, for shell completion (the command checks them when it reads the value).
    var choices: [String] = []

    static func flag(_ long: String, short: Character? = nil, _ help: String, zh: String) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .flag, help: LocalizedText(en: help, zh: zh))
    }

    static func value(_ long: String, short: Character? = nil, _ valueName: String, _ help: String, zh: String) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .value(name: valueName), help: LocalizedText(en: help, zh: zh))
    }

    /// `--name VALUE` where VALUE is one of `choices`.
    static func choice(_ long: String, _ valueName: String, _ choices: [String], _ help: String, zh: String) -> OptionSpec {
        OptionSpec(long: long, kind: .value(name: valueName), help: LocalizedText(en: help, zh: zh), choices: choices)
    }

    static func repeated(_ long: String, _ valueName: String, _ help: String, zh: String) -> OptionSpec {
        OptionSpec(long: long, kind: .repeated(name: valueName), help: LocalizedText(en: help, zh: zh))
    }

    var takesValue: Bool {
        if case .flag = kind { return false }
        return true
    }

    /// `-o, --output <file>` as help shows it.
    var synopsis: String {
        var text = short.map { "-\($0), " } ?? ""
        text += "--" + long
        switch kind {
        case .flag: break
        case .value(let name), .repeated(let name): text += " <\(name)>"
        }
        return text
    }
}

/// The positional arguments a command takes.
struct PositionalSpec {
    var name: String
    var help: LocalizedText
    /// Accepts any number (else at most one).
    var isList: Bool

    init(name: String, help: String, zh: String, isList: Bool) {
        self.name = name
        self.help = LocalizedText(en: help, zh: zh)
        self.isList = isList
    }
}

/// A group of options under a heading in help.
struct OptionGroupSpec {
    var title: LocalizedText
    var options: [OptionSpec]

    /// The usual group: "Options".
    static func options(_ options: [OptionSpec]) -> OptionGroupSpec {
        OptionGroupSpec(title: LocalizedText(en: "Options", zh: "选项"), options: options)
    }
}

/// What a command accepts and how help describes it.
struct CommandSpec {
    var name: String
    var abstract: LocalizedText
    var discussion: LocalizedText? = nil
    var positional: PositionalSpec? = nil
    var groups: [OptionGroupSpec] = []

    var options: [OptionSpec] { groups.flatMap(\.options) }

    var usage: String {
        var parts = ["homeport", name]
        if !options.isEmpty { parts.append("[<options>]") }
        if let positional { parts.append(positional.isList ? "[<\(positional.name)> ...]" : "[<\(positional.name)>]") }
        return parts.joined(separator: " ")
    }
}

/// A mistake on the command line: printed as one line, exit code 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

/// A command line split into option values and positional arguments.
struct ParsedArguments {
    let command: CommandSpec
    var positionals: [String] = []
    /// Option long name → every value given, in order (a flag records an empty value).
    private var values: [String: [String]] = [:]

    /// Parses `arguments` (after the command name). `--` ends the options; `--name=value`,
    /// `--name value`, `-o value` and `-ovalue` are accepted; short flags may be bundled (`-qv`).
    init(_ arguments: [String], for command: CommandSpec) throws(UsageError) {
        self.command = command
        let options = command.options
        var index = 0
        func takeValue(for option: OptionSpec, inline: String?) throws(UsageError) -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else {
                throw UsageError(description: say(.missingValue, ["option": option.synopsis]))
            }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                positionals += arguments[(index + 1)...]
                break
            }
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name = body.firstIndex(of: "=").map { String(body[..<$0]) } ?? String(body)
                let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
                guard let option = options.first(where: { $0.long == name }) else {
                    throw UsageError(description: say(.unknownOption, [
                        "option": "--" + name, "suggestion": Self.suggestion(for: name, in: options), "command": command.name]))
                }
                if option.takesValue {
                    values[option.long, default: []].append(try takeValue(for: option, inline: inline))
                } else {
                    guard inline == nil else { throw UsageError(description: say(.optionTakesNoValue, ["option": "--" + name])) }
                    values[option.long, default: []].append("")
                }
            } else if argument.hasPrefix("-"), argument.count > 1 {
                var rest = argument.dropFirst()
                while let letter = rest.first {
                    rest = rest.dropFirst()
                    guard let option = options.first(where: { $0.short == letter }) else {
                        throw UsageError(description: say(.unknownShortOption, ["option": "-\(letter)", "command": command.name]))
                    }
                    if option.takesValue {
                        values[option.long, default: []].append(try takeValue(for: option, inline: rest.isEmpty ? nil : String(rest)))
                        break
                    }
                    values[option.long, default: []].append("")
                }
            } else {
                positionals.append(argument)
            }
            index += 1
        }
        if let positional = command.positional {
            if !positional.isList, positionals.count > 1 {
                throw UsageError(description: say(.unexpectedArgumentOne, [
                    "argument": positionals[1], "command": command.name, "name": positional.name]))
            }
        } else if let first = positionals.first {
            throw UsageError(description: say(.unexpectedArgument, ["argument": first, "command": command.name]))
        }
    }

    func flag(_ long: String) -> Bool { values[long] != nil }

    /// The last value given for `long`.
    func value(_ long: String) -> String? { values[long]?.last }

    /// Every value given for `long`, comma-separated lists split, blanks dropped.
    func list(_ long: String) -> [String] {
        (values[long] ?? []).flatMap { $0.split(separator: ",") }
            .map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    func int(_ long: String, atLeast minimum: Int) throws(UsageError) -> Int? {
        guard let text = value(long) else { return nil }
        guard let number = Int(text), number >= minimum else {
            throw UsageError(description: say(.wholeNumber, ["option": long, "minimum": String(minimum), "value": text]))
        }
        return number
    }

    /// A value that must be one of a fixed set, e.g. `--format`.
    func choice<T: RawRepresentable & CaseIterable>(_ long: String, as type: T.Type) throws(UsageError) -> T?
        where T.RawValue == String {
        guard let text = value(long) else { return nil }
        guard let choice = T(rawValue: text) else {
            throw UsageError(description: say(.invalidChoice, [
                "value": text, "option": long, "valid": T.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        return choice
    }

    /// The only positional argument, if given.
    var positional: String? { positionals.first }

    /// `did you mean --x?` for a near miss (two edits away, or a prefix).
    private static func suggestion(for name: String, in options: [OptionSpec]) -> String {
        guard !name.isEmpty else { return "" }
        let close = options.map(\.long).first { candidate in
            candidate.hasPrefix(name) || Self.editDistance(candidate, name) <= 2
        }
        return close.map { say(.didYouMeanOption, ["option": "--" + $0]) } ?? ""
    }

    /// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`: the optimal
    /// string alignment distance, so a swapped pair (`sacn`) is one typo, not two.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = Swift.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = Swift.min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[a.count][b.count]
    }

    /// The command `word` is probably a typo of: within one edit of a name of up to four letters,
    /// two of a longer one. Nil for anything that looks like a path (`/`, `.`) or an option.
    static func commandTypo(_ word: String, commands: [String]) -> String? {
        guard !word.isEmpty, !word.hasPrefix("-"), !word.contains("/"), !word.contains(".") else { return nil }
        let candidates = commands.map { (name: $0, distance: editDistance(word.lowercased(), $0)) }
            .filter { $0.distance <= ($0.name.count <= 4 ? 1 : 2) }
        return candidates.min { $0.distance < $1.distance }?.name
    }
}

/// A subcommand: its spec, how it reads its arguments, and what it does.
protocol Command {
    static var spec: CommandSpec { get }
    init(_ arguments: ParsedArguments) throws(UsageError)
    func run() throws
}

/// Help text, wrapped to 80 terminal cells, in the process's language.
enum HelpFormatter {
    static let width = 80
    static let labelWidth = 26

    static func help(for command: CommandSpec, language: MessageLanguage = ProcessLanguage.language) -> String {
        func say(_ message: CLIMessage) -> String { message.format(language) }
        let space = language == .simplifiedChinese ? "" : " "  // a fullwidth colon brings its own space
        var out = paragraphs(say(.helpOverview) + space + command.abstract.text(in: language))
            + "\n\(say(.helpUsage))\(space)\(command.usage)\n"
        if let positional = command.positional {
            out += "\n\(say(.helpArguments))\n" + row("<\(positional.name)>", positional.help.text(in: language))
        }
        for group in command.groups where !group.options.isEmpty {
            out += "\n\(group.title.text(in: language).uppercased())\(language == .simplifiedChinese ? "：" : ":")\n"
            for option in group.options { out += row(option.synopsis, option.help.text(in: language)) }
        }
        if command.groups.isEmpty { out += "\n\(say(.helpOptions))\n" }
        out += row("-h, --help", say(.helpHelp)) + languageRow(language)
        if let discussion = command.discussion { out += "\n" + paragraphs(discussion.text(in: language)) }
        return out
    }

    static func rootHelp(abstract: LocalizedText, commands: [CommandSpec], defaultCommand: String, discussion: LocalizedText,
                         language: MessageLanguage = ProcessLanguage.language) -> String {
        func say(_ message: CLIMessage) -> String { message.format(language) }
        let space = language == .simplifiedChinese ? "" : " "
        var out = paragraphs(say(.helpOverview) + space + abstract.text(in: language))
            + "\n\(say(.helpUsage))\(space)homeport <subcommand> [<options>]\n\n\(say(.helpSubcommands))\n"
        for command in commands {
            out += row(command.name + (command.name == defaultCommand ? say(.helpDefault) : ""), command.abstract.text(in: language))
        }
        out += "\n\(say(.helpOptions))\n" + row("--version", say(.helpVersion)) + row("-h, --help", say(.helpHelp))
            + languageRow(language)
        out += "\n" + paragraphs(discussion.text(in: language)) + "\n  " + say(.helpSeeSubcommand) + "\n"
        return out
    }

    /// `--lang`, which every command accepts (it is read before the command line is parsed).
    static func languageRow(_ language: MessageLanguage) -> String {
        row("--lang <language>", CLIMessage.helpLanguage.format(language))
    }

    /// Each line of `text` wrapped to the width, continuation lines keeping the line's indentation.
    static func paragraphs(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            // An indented line is a list item: its continuation lines hang two columns further in.
            let indent = String(line.prefix(while: { $0 == " " }))
            let hanging = indent.isEmpty ? "" : indent + "  "
            return wrap(String(line.dropFirst(indent.count)), width: width - hanging.count).enumerated()
                .map { ($0.offset == 0 ? indent : hanging) + $0.element }.joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }

    /// `  label   text…` with the text wrapped under itself.
    static func row(_ label: String, _ text: String) -> String {
        let indent = String(repeating: " ", count: labelWidth)
        let lines = wrap(text, width: width - labelWidth)
        var first = "  " + label
        // By terminal cells: a Chinese label (`scan（默认）`) is wider than its character count.
        if cells(first) + 2 > labelWidth {
            first += "\n" + indent
        } else {
            first += String(repeating: " ", count: labelWidth - cells(first))
        }
        return first + lines.joined(separator: "\n" + indent) + "\n"
    }

    /// Greedy wrapping by terminal cells, only between words (docs/zh-CN-style.md, "帮助文本的换行"):
    /// at spaces, after Chinese punctuation and before an opening one; never inside a Chinese word
    /// (`服务商`), an option or a `code span` (whose spaces do not break).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in words(of: text) {
            for (index, unit) in breakableUnits(of: word[...]).enumerated() {
                let separator = index == 0 && !line.isEmpty ? 1 : 0
                let unitWidth = cells(unit)
                if !line.isEmpty, lineWidth + separator + unitWidth > width {
                    lines.append(line)
                    (line, lineWidth) = (unit, unitWidth)
                } else {
                    line += (separator == 1 ? " " : "") + unit
                    lineWidth += separator + unitWidth
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` split at spaces, except spaces inside a `code span`: `homeport scan --staged` is one word.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inCode = false
        for character in text {
            if character == "`" { inCode.toggle() }
            if character == " " && !inCode {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Chinese punctuation a line may end after, and opening punctuation a line may start with.
    static let closingPunctuation: Set<Character> = ["，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "》", "—"]
    static let openingPunctuation: Set<Character> = ["（", "「", "『", "《"]

    /// A word cut where a line may break inside it: after Chinese punctuation and before an opening one,
    /// outside `code spans`. Chinese has no spaces between words, and without a dictionary a break between
    /// two Han characters may split a word, so the text gives the break points: its punctuation, and the
    /// spaces between Chinese and Latin text (docs/zh-CN-style.md).
    static func breakableUnits(of word: Substring) -> [String] {
        var units: [String] = []
        var current = ""
        var inCode = false
        for character in word {
            if !inCode, let last = current.last,
               (closingPunctuation.contains(last) && !closingPunctuation.contains(character))
                || (openingPunctuation.contains(character) && !openingPunctuation.contains(last)) {
                units.append(current)
                current = ""
            }
            if character == "`" { inCode.toggle() }
            current.append(character)
        }
        if !current.isEmpty { units.append(current) }
        return units
    }

    static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { TextReporter.cellWidth($0) == 2 } ?? false
    }

    static func cells(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + TextReporter.cellWidth($1) }
    }
}
