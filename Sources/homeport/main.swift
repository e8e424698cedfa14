// The `homeport` command: translates between the terminal and HomeportCore, and owns exit codes.

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

/// Exit codes, documented in `homeport --help` and the README.
enum ExitCode32: Int32 {
    case clean = 0
    case findings = 1
    case usage = 2
    case incomplete = 3
}

struct Homeport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "homeport",
        abstract: "Find OpenAI lock-in in Swift, Python, C and C++ code and say what domestic provider to use instead.",
        discussion: """
            Exit codes:
              0 pass: nothing reported at or above --fail-on
              1 findings at or above --fail-on (default warning), not in the baseline
              2 usage, configuration, rule or output error
              3 scan incomplete: a named path is missing or a file could not be read
            """,
        version: ToolInfo.versionLine,
        subcommands: [Scan.self, Fix.self, Plan.self, Providers.self, Explain.self, Rules.self,
                      BaselineCommand.self, Merge.self, Init.self, Config.self],
        defaultSubcommand: Scan.self)
}

/// Raised after a command has printed its own one-line error; carries the exit code.
struct Exit: Error {
    var code: ExitCode32
}

// `--version` alone skips building the argument parser: version checks in scripts and hooks run often.
if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
    print(ToolInfo.versionLine)
    Glibc.exit(0)
}

do {
    var command = try Homeport.parseAsRoot()
    try command.run()
} catch let exit as Exit {
    Glibc.exit(exit.code.rawValue)
} catch {
    let code = Homeport.exitCode(for: error)
    if code == .success {
        print(Homeport.fullMessage(for: error))
        exit(0)
    }
    let message = Homeport.fullMessage(for: error)
    StandardStream.error.write(message.hasSuffix("\n") ? message : message + "\n")
    Glibc.exit(ExitCode32.usage.rawValue)
}
