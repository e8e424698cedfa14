// Which language this process speaks: `--lang`, else HOMEPORT_LANG, else the POSIX locale. Decided
// once, before any command runs; the core is handed the result and never looks at the locale.

import HomeportCore

struct LanguageChoice {
    var language: MessageLanguage
    /// `--lang` named it. Machine formats (JSON, SARIF) follow only an explicit choice, so CI output
    /// does not depend on the runner's locale.
    var isExplicit: Bool
    /// Why the choice fell back to English: an unknown `--lang` or HOMEPORT_LANG value (exit code 2).
    var problem: String?

    /// The language of JSON and SARIF messages.
    var machineLanguage: MessageLanguage { isExplicit ? language : .english }

    /// Reads and removes `--lang X` / `--lang=X` from the options (not after `--`), then consults the environment.
    static func resolve(_ arguments: inout [String], environment: (String) -> String?) -> LanguageChoice {
        var requested: String?
        var missingValue = false
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let argument = arguments[index]
            if argument == "--lang" {
                arguments.remove(at: index)
                if index < arguments.count {
                    requested = arguments.remove(at: index)
                } else {
                    missingValue = true
                }
            } else if argument.hasPrefix("--lang=") {
                requested = String(argument.dropFirst("--lang=".count))
                arguments.remove(at: index)
            } else {
                index += 1
            }
        }
        let locale = MessageLanguage.fromPOSIXLocale(
            lcAll: environment("LC_ALL"), lcMessages: environment("LC_MESSAGES"), lang: environment("LANG"))
        if missingValue {
            return LanguageChoice(language: locale, isExplicit: false,
                                  problem: CLIMessage.missingValue.format(locale, ["option": "--lang <language>"]))
        }
        if let requested {
            guard let language = MessageLanguage(tag: requested) else {
                return LanguageChoice(language: locale, isExplicit: false, problem: CLIMessage.unknownLanguage.format(
                    locale, ["name": requested, "source": "--lang", "valid": MessageLanguage.tags]))
            }
            return LanguageChoice(language: language, isExplicit: true)
        }
        if let variable = environment("HOMEPORT_LANG"), !variable.isEmpty {
            guard let language = MessageLanguage(tag: variable) else {
                return LanguageChoice(language: locale, isExplicit: false, problem: CLIMessage.unknownLanguage.format(
                    locale, ["name": variable, "source": "HOMEPORT_LANG", "valid": MessageLanguage.tags]))
            }
            return LanguageChoice(language: language, isExplicit: false)
        }
        return LanguageChoice(language: locale, isExplicit: false)
    }
}

/// The process's choice, made once from the command line and environment at start-up.
enum ProcessLanguage {
    /// The arguments without `--lang`, and the choice it and the environment made.
    static let resolved: (arguments: [String], choice: LanguageChoice) = {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let choice = LanguageChoice.resolve(&arguments, environment: SystemInfo.environment)
        return (arguments, choice)
    }()

    static var choice: LanguageChoice { resolved.choice }
    static var language: MessageLanguage { resolved.choice.language }
}

/// `text` in the process's language.
func say(_ message: CLIMessage, _ values: [String: String] = [:]) -> String {
    message.format(ProcessLanguage.language, values)
}

extension CLIMessage {
    /// The `one` form when `count` is 1, else `many` with `{count}` filled, in the process's language.
    static func counted(_ count: Int, one: CLIMessage, many: CLIMessage, _ values: [String: String] = [:]) -> String {
        var values = values
        values["count"] = String(count)
        return (count == 1 ? one : many).format(ProcessLanguage.language, values)
    }
}

/// An error from the core as one line in the process's language (see `BilingualError`).
func describe(_ error: any Error) -> String {
    if let usage = error as? UsageError { return usage.description }
    return ProcessLanguage.language.describe(error)
}
