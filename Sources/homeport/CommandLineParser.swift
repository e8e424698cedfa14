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
    var help: String
    /// The only values accepted, for shell completion (the command checks them when it reads the value).
    var choices: [String] = []

    static func flag(_ long: String, short: Character? = nil, _ help: String) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .flag, help: help)
    }

    static func value(_ long: String, short: Character? = nil, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .value(name: valueName), help: help)
    }

    /// `--name VALUE` where VALUE is one of `choices`.
    static func choice(_ long: String, _ valueName: String, _ choices: [String], _ help: String) -> OptionSpec {
        OptionSpec(long: long, kind: .value(name: valueName), help: help, choices: choices)
    }

    static func repeated(_ long: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(long: long, kind: .repeated(name: valueName), help: help)
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
    var help: String
    /// Accepts any number (else at most one).
    var isList: Bool
}

/// A group of options under a heading in help.
struct OptionGroupSpec {
    var title: String
    var options: [OptionSpec]
}

/// What a command accepts and how help describes it.
struct CommandSpec {
    var name: String
    var abstract: String
    var discussion: String? = nil
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

/// Help text, wrapped to 80 columns.
enum HelpFormatter {
    static let width = 80
    static let labelWidth = 26

    static func help(for command: CommandSpec) -> String {
        var out = paragraphs("OVERVIEW: " + command.abstract) + "\nUSAGE: \(command.usage)\n"
        if let positional = command.positional {
            out += "\nARGUMENTS:\n" + row("<\(positional.name)>", positional.help)
        }
        for group in command.groups where !group.options.isEmpty {
            out += "\n\(group.title.uppercased()):\n"
            for option in group.options { out += row(option.synopsis, option.help) }
        }
        if command.groups.isEmpty { out += "\nOPTIONS:\n" }
        out += row("-h, --help", "Show help information.") + languageRow
        if let discussion = command.discussion { out += "\n" + paragraphs(discussion) }
        return out
    }

    static func rootHelp(abstract: String, commands: [CommandSpec], defaultCommand: String, discussion: String) -> String {
        var out = paragraphs("OVERVIEW: " + abstract) + "\nUSAGE: homeport <subcommand> [<options>]\n\nSUBCOMMANDS:\n"
        for command in commands {
            out += row(command.name + (command.name == defaultCommand ? " (default)" : ""), command.abstract)
        }
        out += "\nOPTIONS:\n" + row("--version", "Show the version.") + row("-h, --help", "Show help information.") + languageRow
        out += "\n" + paragraphs(discussion) + "\n  See 'homeport help <subcommand>' for detailed help.\n"
        return out
    }

    /// `--lang`, which every command accepts (it is read before the command line is parsed).
    static var languageRow: String {
        row("--lang <language>", "Language of messages: en or zh-CN (default: HOMEPORT_LANG, else the locale; "
            + "JSON and SARIF stay English unless --lang is given).")
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
        if first.count + 2 > labelWidth {
            first += "\n" + indent
        } else {
            first += String(repeating: " ", count: labelWidth - first.count)
        }
        return first + lines.joined(separator: "\n" + indent) + "\n"
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
