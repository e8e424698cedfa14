// `homeport lsp`: the language server on standard input and output, for editors.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore
import HomeportLSP

struct LanguageServerCommand: Command {
    static let spec = CommandSpec(
        name: "lsp",
        abstract: LocalizedText(en: "Run the language server on standard input and output: diagnostics, quick fixes and hovers in editors.", zh: "在标准输入输出上运行语言服务器：编辑器中的诊断、快速修复和悬停提示。"),
        discussion: LocalizedText(en: """
            Speaks the Language Server Protocol 3.17 (JSON-RPC with Content-Length framing) on \
            standard input and output; logs go to standard error. Settings come from the editor \
            (initializationOptions or workspace/didChangeConfiguration: target, rules, catalog, \
            unsafeFixes, reportUnusedSuppressions) and from the .homeport.yml that `homeport scan` \
            would use for each file.

            Exit codes: 0 after the client's shutdown and exit; 1 on exit or end of input without \
            shutdown; 2 usage error.
            """, zh: """
            在标准输入和输出上使用语言服务器协议 3.17（带 Content-Length 分帧的 JSON-RPC）；日志写到标准错误。设置来自编辑器（initializationOptions 或 workspace/didChangeConfiguration：target、rules、catalog、unsafeFixes、reportUnusedSuppressions），以及 `homeport scan` 对每个文件会使用的 .homeport.yml。消息语言取自编辑器在 initialize 中发送的 locale。

            退出码：0 客户端先 shutdown 再 exit；1 没有 shutdown 就 exit 或输入结束；2 用法错误。
            """),
        groups: [.options([
            .flag("stdio", "Use standard input and output (the only transport; accepted because editors pass it).", zh: "使用标准输入和输出（唯一的传输方式；因编辑器会传入而接受）。"),
        ])])

    init(_ arguments: ParsedArguments) {}

    func run() throws {
        let server: LanguageServer
        do {
            server = try LanguageServer()
        } catch {
            fail(say(.cannotStartServer, ["reason": describe(error)]), code: .usage)
        }
        Glibc.exit(server.run())
    }
}
