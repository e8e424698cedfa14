// `homeport completions bash|zsh|fish`: a completion script generated from the command specs, the
// bundled rules and the provider catalog, so it never lists an option or id that does not exist.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

enum Shell: String, CaseIterable {
    case bash, zsh, fish
}

struct Completions: Command {
    static let spec = CommandSpec(
        name: "completions",
        abstract: LocalizedText(en: "Print a shell completion script (bash, zsh or fish).", zh: "打印 shell 补全脚本（bash、zsh 或 fish）。"),
        discussion: LocalizedText(en: """
            Completes commands, options, rule ids, provider ids, formats and languages. Install:
              bash: homeport completions bash > ~/.local/share/bash-completion/completions/homeport
              zsh:  homeport completions zsh > "${fpath[1]}/_homeport"
              fish: homeport completions fish > ~/.config/fish/completions/homeport.fish
            """, zh: """
            补全命令、选项、规则 ID、服务商 ID、格式和语言。安装：
              bash: homeport completions bash > ~/.local/share/bash-completion/completions/homeport
              zsh:  homeport completions zsh > "${fpath[1]}/_homeport"
              fish: homeport completions fish > ~/.config/fish/completions/homeport.fish
            """),
        positional: PositionalSpec(name: "shell", help: "bash, zsh or fish.", zh: "bash、zsh 或 fish。", isList: false))

    var shell: Shell

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let name = arguments.positional else {
            throw UsageError(description: say(.missingShell, ["valid": Shell.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        guard let shell = Shell(rawValue: name) else {
            throw UsageError(description: say(.unknownShell, [
                "name": name, "valid": Shell.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        self.shell = shell
    }

    func run() throws {
        // A closure, not `\.spec`: a key path to a static member through `any Command.Type`
        // crashes Swift 6.3's SIL generation.
        let words = CompletionWords(
            commands: Homeport.commands.map { $0.spec },
            rules: (try? RuleSet.bundled().rules.map(\.id)) ?? [],
            providers: (try? Catalog.bundled().providers.map(\.id)) ?? [])
        let script: String
        switch shell {
        case .bash: script = words.bash()
        case .zsh: script = words.zsh()
        case .fish: script = words.fish()
        }
        StandardStream.output.write(script)
    }
}

/// What a shell can complete, and the three scripts that complete it.
struct CompletionWords {
    var commands: [CommandSpec]
    var rules: [String]
    var providers: [String]

    static let rootOptions = ["--help", "--version", "--lang"]
    static let languages = MessageLanguage.allCases.map(\.rawValue)

    /// What follows an option that takes a value.
    enum Values: Equatable {
        case words([String])
        case files
        case directories
        case anything
    }

    func values(of option: OptionSpec) -> Values {
        if !option.choices.isEmpty { return .words(option.choices) }
        if option.long == "rule" || option.long == "ignore-rule" { return .words(rules) }
        guard case .value(let name) = option.kind else {
            if case .repeated(let name) = option.kind, name == "file" { return .files }
            return .anything
        }
        switch name {
        case "provider": return .words(providers)
        case "file", "path": return .files
        case "dir", "directory": return .directories
        default: return .anything
        }
    }

    /// What a command's positional arguments are.
    func positionalValues(of command: CommandSpec) -> Values {
        switch command.name {
        case "explain": return .words(rules)
        case "providers": return .words(providers)
        case "completions": return .words(Shell.allCases.map(\.rawValue))
        default: return command.positional == nil ? .words([]) : .files
        }
    }

    func optionWords(_ command: CommandSpec) -> [String] {
        command.options.flatMap { option in ["--" + option.long] + (option.short.map { ["-\($0)"] } ?? []) }
            + ["--help", "--lang"]
    }

    /// Options that take a value, with their short forms.
    func valueOptions(_ command: CommandSpec) -> [(names: [String], values: Values)] {
        command.options.filter(\.takesValue).map { option in
            (["--" + option.long] + (option.short.map { ["-\($0)"] } ?? []), values(of: option))
        } + [(["--lang"], .words(Self.languages))]
    }

    // MARK: bash

    func bash() -> String {
        func reply(_ values: Values) -> String {
            switch values {
            case .words(let words): return "COMPREPLY=($(compgen -W \"\(words.joined(separator: " "))\" -- \"$cur\"))"
            case .files, .anything: return "COMPREPLY=($(compgen -f -- \"$cur\"))"
            case .directories: return "COMPREPLY=($(compgen -d -- \"$cur\"))"
            }
        }
        let names = commands.map(\.name)
        var out = """
            # bash completion for homeport (generated by `homeport completions bash`)
            _homeport() {
                local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
                local command="" i
                for ((i = 1; i < COMP_CWORD; i++)); do
                    case ${COMP_WORDS[i]} in
                        \(names.joined(separator: "|"))) command=${COMP_WORDS[i]}; break ;;
                    esac
                done
                if [[ -z $command && $COMP_CWORD -eq 1 && $cur != -* ]]; then
                    COMPREPLY=($(compgen -W "\(names.joined(separator: " "))" -- "$cur") $(compgen -f -- "$cur"))
                    return
                fi
                # `scan` runs when no command is named.
                [[ -z $command ]] && command=scan
                case $command in

            """
        for command in commands {
            out += "        \(command.name))\n            case $prev in\n"
            for option in valueOptions(command) {
                out += "                \(option.names.joined(separator: "|"))) \(reply(option.values)); return ;;\n"
            }
            out += "            esac\n"
            out += "            if [[ $cur == -* ]]; then\n"
            out += "                COMPREPLY=($(compgen -W \"\(optionWords(command).joined(separator: " "))\" -- \"$cur\"))\n"
            out += "            else\n                \(reply(positionalValues(of: command)))\n            fi\n"
            out += "            ;;\n"
        }
        out += """
                esac
            }
            complete -F _homeport homeport

            """
        return out
    }

    // MARK: zsh

    func zsh() -> String {
        func action(_ values: Values) -> String {
            switch values {
            case .words(let words): return "compadd -- \(words.joined(separator: " "))"
            case .files, .anything: return "_files"
            case .directories: return "_files -/"
            }
        }
        let names = commands.map(\.name)
        var out = """
            #compdef homeport
            # zsh completion for homeport (generated by `homeport completions zsh`)
            _homeport() {
                local command="" word
                for word in ${words[2,CURRENT-1]}; do
                    case $word in
                        \(names.joined(separator: "|"))) command=$word; break ;;
                    esac
                done
                if [[ -z $command && $CURRENT -eq 2 && $PREFIX != -* ]]; then
                    compadd -- \(names.joined(separator: " "))
                    _files
                    return
                fi
                [[ -z $command ]] && command=scan
                local prev=${words[CURRENT-1]}
                case $command in

            """
        for command in commands {
            out += "        \(command.name))\n            case $prev in\n"
            for option in valueOptions(command) {
                out += "                \(option.names.joined(separator: "|"))) \(action(option.values)); return ;;\n"
            }
            out += "            esac\n"
            out += "            if [[ $PREFIX == -* ]]; then\n"
            out += "                compadd -- \(optionWords(command).joined(separator: " "))\n"
            out += "            else\n                \(action(positionalValues(of: command)))\n            fi\n"
            out += "            ;;\n"
        }
        out += """
                esac
            }
            if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
                _homeport "$@"
            else
                compdef _homeport homeport
            fi

            """
        return out
    }

    // MARK: fish

    func fish() -> String {
        let names = commands.map(\.name)
        var out = """
            # fish completion for homeport (generated by `homeport completions fish`)
            complete -c homeport -f
            complete -c homeport -n "not __fish_seen_subcommand_from \(names.joined(separator: " "))" -a "\(names.joined(separator: " "))"
            complete -c homeport -l version -d \(fishQuote(say(.helpVersion)))
            complete -c homeport -l lang -x -a "\(Self.languages.joined(separator: " "))" -d \(fishQuote(say(.languageOfMessages)))

            """
        for command in commands {
            out += "complete -c homeport -n \"__fish_use_subcommand\" -a \(command.name) -d \(fishQuote(command.abstract.text(in: ProcessLanguage.language)))\n"
            // Options of `scan` also apply when no command is named (it is the default).
            let condition = command.name == "scan"
                ? "not __fish_seen_subcommand_from \(names.filter { $0 != "scan" }.joined(separator: " "))"
                : "__fish_seen_subcommand_from \(command.name)"
            for option in command.options {
                var line = "complete -c homeport -n \"\(condition)\" -l \(option.long)"
                if let short = option.short { line += " -s \(short)" }
                if option.takesValue {
                    switch values(of: option) {
                    case .words(let words): line += " -x -a \"\(words.joined(separator: " "))\""
                    case .files, .anything: line += " -r -F"
                    case .directories: line += " -x -a \"(__fish_complete_directories)\""
                    }
                }
                out += line + " -d " + fishQuote(option.help.text(in: ProcessLanguage.language)) + "\n"
            }
            switch positionalValues(of: command) {
            case .words(let words) where !words.isEmpty:
                out += "complete -c homeport -n \"__fish_seen_subcommand_from \(command.name)\" -a \"\(words.joined(separator: " "))\"\n"
            case .files, .anything:
                out += "complete -c homeport -n \"__fish_seen_subcommand_from \(command.name)\" -F\n"
            default: break
            }
        }
        return out
    }

    /// A fish single-quoted string: only `\` and `'` need escaping.
    private func fishQuote(_ text: String) -> String {
        var out = "'"
        for character in text {
            if character == "\\" || character == "'" { out += "\\" }
            out.append(character)
        }
        return out + "'"
    }
}
