// `homeport init` writes a starter .homeport.yml; `homeport config --show` prints the effective one.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Init: Command {
    static let spec = CommandSpec(
        name: "init",
        abstract: "Write a commented starter .homeport.yml.",
        groups: [OptionGroupSpec(title: "Options", options: [
            .value("output", short: "o", "file", "Where to write it (default: .homeport.yml)."),
            .flag("force", "Overwrite an existing file."),
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
            fail(say(.cannotWrite, ["path": output, "reason": "\(error)"]), code: .usage)
        }
        printError(say(.initWrote, ["path": output]))
    }
}

struct Config: Command {
    static let spec = CommandSpec(
        name: "config",
        abstract: "Check the configuration and print the one in effect.",
        discussion: "Exits 2, naming file:line:column, when the configuration has an error.",
        positional: PositionalSpec(name: "path", help: "Where a scan would start (default: the current directory).",
                                   isList: false),
        groups: [
            OptionGroupSpec(title: "Options", options: [.flag("show", "Print the effective configuration as YAML.")]),
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
        let configuration: Configuration
        do {
            if let file = config.file {
                configuration = try ConfigLoader.load(Path.absolute(file, in: workingDirectory), root: workingDirectory)
            } else if let nearest = ConfigLoader.nearest(from: start) {
                configuration = try ConfigLoader.load(nearest, root: Path.parent(of: nearest))
            } else {
                configuration = Configuration(root: workingDirectory)
            }
        } catch {
            fail(describe(error), code: .usage)
        }
        if show {
            print(configuration.effectiveYAML(), terminator: "")
        } else {
            printError(configuration.files.isEmpty ? say(.noConfiguration)
                       : say(.configurationOK, ["files": configuration.files.joined(separator: " <- ")]))
        }
    }
}
