// `initialize`: agree on column units, read the client's capabilities and settings, say what we serve.

import HomeportCore

extension LanguageServer {
    func initialize(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard case .object = params else { throw .invalidParams("`initialize` needs its params object") }
        let capabilities = params.member("capabilities")
        // UTF-8 columns when the client offers them (no conversion on either side); else UTF-16,
        // which every client must support.
        let offered = capabilities?.member("general")?.member("positionEncodings")?.arrayValue?.compactMap(\.stringValue) ?? []
        encoding = offered.contains("utf-8") ? .utf8 : .utf16
        clientSupportsDocumentChanges = capabilities?.member("workspace")?.member("workspaceEdit")?
            .member("documentChanges")?.boolValue ?? false
        if let folder = params.member("workspaceFolders")?.element(0)?.member("uri")?.stringValue ?? params.member("rootUri")?.stringValue {
            workspace.root = FileURI.path(of: folder)
        } else if let path = params.member("rootPath")?.stringValue {
            workspace.root = path
        }
        // The client's UI language (LSP 3.16 `locale`, e.g. "zh-CN"); one Homeport does not speak means English.
        if let locale = params.member("locale")?.stringValue, let language = MessageLanguage(tag: locale) {
            workspace.language = language
        }
        for problem in workspace.update(settings: params.member("initializationOptions")) {
            report(settingsProblem: problem)
        }
        phase = .running
        return .object([
            ("capabilities", .object([
                ("positionEncoding", .string(encoding == .utf8 ? "utf-8" : "utf-16")),
                ("textDocumentSync", .object([
                    ("openClose", .bool(true)),
                    ("change", .int(2)),  // incremental
                    ("save", .object([("includeText", .bool(false))])),
                ])),
                // Jupyter notebooks' Python cells, each a document of its own (LSP 3.17).
                ("notebookDocumentSync", .object([
                    ("notebookSelector", .array([.object([
                        ("notebook", .object([("notebookType", .string("jupyter-notebook"))])),
                        ("cells", .array([.object([("language", .string("python"))])])),
                    ])])),
                    ("save", .bool(false)),
                ])),
                ("codeActionProvider", .object([
                    ("codeActionKinds", .array([.string("quickfix"), .string(LanguageServer.fixAllKind)])),
                    ("resolveProvider", .bool(false)),
                ])),
                ("hoverProvider", .bool(true)),
            ])),
            ("serverInfo", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
        ])
    }

    /// A setting the server ignores, told to the user once.
    func report(settingsProblem problem: LocalizedText) {
        ServerLog.write("settings: \(problem.english)")
        connection.notify("window/showMessage", .object([
            ("type", .int(2)),
            ("message", .string(EditorMessage.settingIgnored.format(workspace.language,
                                                                   ["problem": problem.text(in: workspace.language)]))),
        ]))
    }
}
