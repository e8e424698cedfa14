// `homeport init` writes a starter .homeport.yml; `homeport config --show` prints the effective one.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Init: Command {
    static let spec = CommandSpec(
        name: "init",
        abstract: LocalizedText(en: "Write a commented starter .homeport.yml.", zh: "写一个带注释的 .homeport.yml 模板。"),
        groups: [.options([
            .value("output", short: "o", "file", "Where to write it (default: .homeport.yml).", zh: "写到哪里（默认：.homeport.yml）。"),
            .flag("force", "Overwrite an existing file.", zh: "覆盖已有文件。"),
        ])])

    var output: String
    var force: Bool

    init(_ arguments: ParsedArguments) {
        output = arguments.value("output") ?? ConfigLoader.fileName
        force = arguments.flag("force")
    }

    func run() throws {
        if Path.kind(of: output).exists && !force {
            fail(say(.initExists, ["path": output]), code: .usage)
        }
        do {
            try AtomicFile.write(Array(StarterConfiguration.text(in: ProcessLanguage.language).utf8), to: output)
        } catch {
            fail(say(.cannotWrite, ["path": output, "reason": describe(error)]), code: .usage)
        }
        printError(say(.initWrote, ["path": output]))
    }
}

struct Config: Command {
    static let spec = CommandSpec(
        name: "config",
        abstract: LocalizedText(en: "Check the configuration and print the one in effect.", zh: "检查配置并打印生效的配置。"),
        discussion: LocalizedText(en: "Exits 2, naming file:line:column, when the configuration has an error.", zh: "配置有错误时以 2 退出，并指出 文件:行:列。"),
        positional: PositionalSpec(name: "path", help: "Where a scan would start (default: the current directory).", zh: "扫描的起点（默认：当前目录）。",
                                   isList: false),
        groups: [
            .options([.flag("show", "Print the effective configuration as YAML.", zh: "以 YAML 打印生效的配置。")]),
            ConfigOptions.group,
        ])

    var show: Bool
    var path: String?
    var config: ConfigOptions

    init(_ arguments: ParsedArguments) {
        show = arguments.flag("show")
        path = arguments.positional
        config = ConfigOptions(arguments)
    }

    func run() throws {
        let workingDirectory = Path.currentDirectory
        let start = Path.absolute(path ?? ".", in: workingDirectory)
        let governing = Setup.configurationFile(for: start, override: config.file, workingDirectory: workingDirectory)
        let loaded = Setup.loadConfiguration(governing.file, root: governing.root)
        exitOnSetupProblems(loaded.problem.map { [$0] } ?? [])
        let configuration = loaded.configuration
        if show {
            print(configuration.effectiveYAML(language: ProcessLanguage.language), terminator: "")
        } else {
            printError(configuration.files.isEmpty ? say(.noConfiguration)
                       : say(.configurationOK, ["files": configuration.files.joined(separator: " <- ")]))
        }
    }
}
