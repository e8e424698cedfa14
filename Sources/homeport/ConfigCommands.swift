// `homeport init` writes a starter .homeport.yml; `homeport config --show` prints the effective one.

import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a commented starter .homeport.yml.")

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it.", valueName: "file"))
    var output = ConfigLoader.fileName

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        if FileManager.default.fileExists(atPath: output) && !force {
            fail("\(output) already exists; use --force to overwrite it", code: .usage)
        }
        do {
            try AtomicFile.write(Array(StarterConfiguration.text.utf8), to: output)
        } catch {
            fail("\(output): cannot write: \(error.localizedDescription)", code: .usage)
        }
        printError("wrote \(output)")
    }
}

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the configuration and print the one in effect.",
        discussion: "Exits 2, naming file:line:column, when the configuration has an error.")

    @Flag(help: "Print the effective configuration as YAML.")
    var show = false

    @Argument(help: "Where a scan would start (default: the current directory).")
    var path: String?

    @OptionGroup(title: "Configuration") var config: ConfigOptions

    func run() throws {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let start = GatePlan.absolute(path ?? ".", in: workingDirectory)
        let configuration: Configuration
        do {
            if let file = config.file {
                configuration = try ConfigLoader.load(GatePlan.absolute(file, in: workingDirectory), root: workingDirectory)
            } else if let nearest = ConfigLoader.nearest(from: start) {
                configuration = try ConfigLoader.load(nearest, root: Path.parent(of: nearest))
            } else {
                configuration = Configuration(root: workingDirectory)
            }
        } catch {
            fail("\(error)", code: .usage)
        }
        if show {
            print(configuration.effectiveYAML(), terminator: "")
        } else {
            printError(configuration.files.isEmpty ? "no configuration file; defaults apply"
                       : "configuration OK: " + configuration.files.joined(separator: " <- "))
        }
    }
}
