// The `homeport` command: translates between the terminal and HomeportCore, and owns exit codes.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

/// Exit codes, documented in `homeport --help` and the README.
enum ExitCode32: Int32 {
    case clean = 0
    case findings = 1
    case usage = 2
    case incomplete = 3
}

/// The command line: which subcommand, help, version.
enum Homeport {
    /// The subcommands, in the order help lists them; `scan` runs when none is named.
    static var commands: [any Command.Type] {
        [Scan.self, Fix.self, Plan.self, Providers.self, Explain.self, Rules.self, BaselineCommand.self, Merge.self,
         Init.self, Config.self, LanguageServerCommand.self, InstallHook.self, UninstallHook.self, Completions.self]
    }

    static func rootHelp() -> String {
        HelpFormatter.rootHelp(
            abstract: LocalizedText(
                en: "Find OpenAI lock-in in Swift, Python, C and C++ code and say what domestic provider to use instead.",
                zh: "找出 Swift、Python、C 和 C++ 代码中对 OpenAI 的依赖，并说明改用哪家国内服务商。"),
            commands: commands.map { $0.spec }, defaultCommand: Scan.spec.name,
            discussion: LocalizedText(en: """
                Exit codes:
                  0 pass: nothing reported at or above --fail-on
                  1 findings at or above --fail-on (default warning), not in the baseline
                  2 usage, configuration, rule or output error
                  3 scan incomplete: a named path is missing or a file could not be read
                """, zh: """
                退出码：
                  0 通过：没有达到 --fail-on 的问题
                  1 有达到 --fail-on（默认 warning）且不在基线中的问题
                  2 用法、配置、规则或输出错误
                  3 扫描不完整：指定的路径不存在或文件无法读取
                """))
    }
}

/// Raised after a command has printed its own one-line error; carries the exit code.
struct Exit: Error {
    var code: ExitCode32
}

/// Picks the subcommand, answers `--help` and `--version`, runs it, and exits with its code.
func runCommandLine(_ arguments: [String]) -> Never {
    let commands = Homeport.commands
    if arguments == ["--version"] {
        print(ToolInfo.versionLine)
        Glibc.exit(0)
    }
    if arguments.isEmpty == false, ["-h", "--help"].contains(arguments[0]) {
        print(Homeport.rootHelp(), terminator: "")
        Glibc.exit(0)
    }
    if arguments.first == "help" {
        guard let name = arguments.dropFirst().first else {
            print(Homeport.rootHelp(), terminator: "")
            Glibc.exit(0)
        }
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            fail(describe(UnknownNameError(kind: "subcommand", name: name, known: commands.map { $0.spec.name })), code: .usage)
        }
        print(HelpFormatter.help(for: command.spec), terminator: "")
        Glibc.exit(0)
    }
    rejectMistypedCommand(arguments.first, commands: commands.map { $0.spec.name } + ["help"])
    var rest = arguments
    var command: any Command.Type = Scan.self
    if let name = rest.first, let named = commands.first(where: { $0.spec.name == name }) {
        command = named
        rest.removeFirst()
    }
    if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "-h" || $0 == "--help" }) {
        print(HelpFormatter.help(for: command.spec), terminator: "")
        Glibc.exit(0)
    }
    do {
        try command.init(ParsedArguments(rest, for: command.spec)).run()
    } catch let exit as Exit {
        Glibc.exit(exit.code.rawValue)
    } catch {
        fail(describe(error), code: .usage)
    }
    Glibc.exit(ExitCode32.clean.rawValue)
}

/// `scan` is the default command, so a mistyped command would otherwise be scanned as a missing
/// path: a first word that is no command, no existing path, and close to a command name is an error.
func rejectMistypedCommand(_ word: String?, commands: [String]) {
    guard let word, !commands.contains(word), !Path.kind(of: word).exists,
          let intended = ParsedArguments.commandTypo(word, commands: commands) else { return }
    fail(say(.unknownCommand, ["name": word, "suggestion": intended]), code: .usage)
}

if let problem = ProcessLanguage.choice.problem {
    fail(problem, code: .usage)
}
runCommandLine(ProcessLanguage.resolved.arguments)
