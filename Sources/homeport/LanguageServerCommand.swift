// `homeport lsp`: the language server on standard input and output, for editors.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore
import HomeportLSP

struct LanguageServerCommand: Command {
    static let spec = CommandSpec(
        name: "lsp",
        abstract: "Run the language server on standard input and output: diagnostics, quick fixes and hovers in editors.",
        discussion: """
            Speaks the Language Server Protocol 3.17 (JSON-RPC with Content-Length framing) on \
            standard input and output; logs go to standard error. Settings come from the editor \
            (initializationOptions or workspace/didChangeConfiguration: target, rules, catalog, \
            unsafeFixes, reportUnusedSuppressions) and from the .homeport.yml that `homeport scan` \
            would use for each file.

            Exit codes: 0 after the client's shutdown and exit; 1 on exit or end of input without \
            shutdown; 2 usage error.
            """,
        groups: [OptionGroupSpec(title: "Options", options: [
            .flag("stdio", "Use standard input and output (the only transport; accepted because editors pass it)."),
        ])])

    init(_ arguments: ParsedArguments) {}

    func run() throws {
        let server: LanguageServer
        do {
            server = try LanguageServer()
        } catch {
            fail("cannot start the language server: \(error)", code: .usage)
        }
        Glibc.exit(server.run())
    }
}
