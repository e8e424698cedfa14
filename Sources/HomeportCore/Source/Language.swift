// The source languages Homeport understands: one descriptor each holds everything the rest of the
// code asks about a language (files, editor ids, comments, names, frontend).

public enum Language: String, CaseIterable, Sendable, Codable {
    case python
    case swift
    /// C, read by the libclang frontend.
    case c
    /// C++ and headers (`.h` may hold either language; C++ lexing accepts both).
    case cpp
    /// Objective-C (`.m`), read by the libclang frontend in Objective-C mode.
    case objectiveC = "objective-c"
    /// Objective-C++ (`.mm`).
    case objectiveCpp = "objective-cpp"
    /// Jupyter notebooks (`.ipynb`): the code cells of a Python kernel, read as Python.
    case notebook
    /// `.env` files: `KEY=value` lines, as docker, compose and dotenv libraries read them.
    case dotenv
    /// YAML configuration: compose, Kubernetes, GitHub workflows, CI and application settings.
    case yaml
    /// TOML configuration: `pyproject.toml`, application and deployment settings.
    case toml

    /// Everything about this language. Adding a language is a case here, its descriptor, and its
    /// folder in `Frontends/`.
    public var descriptor: LanguageDescriptor {
        switch self {
        case .python: return LanguageDescriptor.python
        case .swift: return LanguageDescriptor.swift
        case .c: return LanguageDescriptor.c
        case .cpp: return LanguageDescriptor.cpp
        case .objectiveC: return LanguageDescriptor.objectiveC
        case .objectiveCpp: return LanguageDescriptor.objectiveCpp
        case .notebook: return LanguageDescriptor.notebook
        case .dotenv: return LanguageDescriptor.dotenv
        case .yaml: return LanguageDescriptor.yaml
        case .toml: return LanguageDescriptor.toml
        }
    }

    /// The language a path's extension implies, or nil when the extension says nothing.
    /// (Asked once per file found in a folder: the descriptors are read once, into `PathTables`.)
    public static func forPath(_ path: String) -> Language? {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
        let tables = PathTables.shared
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else {
            return tables.language(named: name)
        }
        let suffix = String(name[name.index(after: dot)...])
        // A template of a configuration file (`secrets.toml.example`, `config.yml.sample`) is read
        // as the file it is a template of.
        if PathTables.templateSuffixes.contains(suffix) {
            let stripped = name[..<dot]
            if let inner = stripped.utf8.lastIndex(of: UInt8(ascii: ".")), inner != stripped.startIndex,
               let language = tables.configurationByExtension[String(stripped[stripped.index(after: inner)...])] {
                return language
            }
        }
        return tables.byExtension[suffix] ?? tables.language(named: name)
    }

    /// What `forPath` looks up, made once from the descriptors: where two languages claim a name,
    /// the first in `allCases` order has it.
    private struct PathTables: Sendable {
        static let shared = PathTables()
        /// The last extensions of configuration templates (`.example` of `secrets.toml.example`).
        static let templateSuffixes: Set<String> = ["example", "sample", "dist", "template"]

        var byExtension: [String: Language] = [:]
        var configurationByExtension: [String: Language] = [:]
        /// The languages recognised by whole names or name prefixes (`.env`, `.env.*`), in order.
        var named: [(language: Language, fileNames: [String], prefixes: [String])] = []

        init() {
            for language in Language.allCases {
                let descriptor = language.descriptor
                for suffix in descriptor.extensions {
                    if byExtension[suffix] == nil { byExtension[suffix] = language }
                    if descriptor.isConfiguration && configurationByExtension[suffix] == nil {
                        configurationByExtension[suffix] = language
                    }
                }
                if !descriptor.fileNames.isEmpty || !descriptor.fileNamePrefixes.isEmpty {
                    named.append((language, descriptor.fileNames, descriptor.fileNamePrefixes))
                }
            }
        }

        /// The language of a file by its whole name or a name prefix (`.env`, `.env.local`).
        func language(named name: Substring) -> Language? {
            named.first { entry in
                entry.fileNames.contains { $0 == name } || entry.prefixes.contains { name.hasPrefix($0) && name.count > $0.count }
            }?.language
        }
    }

    /// Every language's name, as a list in both languages: "Python, Swift, C, C++, dotenv, YAML or TOML".
    public static var kindList: LocalizedText {
        let names = allCases.map { $0.descriptor.displayName }
        func join(_ language: MessageLanguage, _ comma: String, _ or: String) -> String {
            let texts = names.map { $0.text(in: language) }
            return texts.count < 2 ? texts.joined() : texts.dropLast().joined(separator: comma) + or + texts.last!
        }
        return LocalizedText(en: join(.english, ", ", " or "), zh: join(.simplifiedChinese, "、", " 或 "))
    }

    /// The file name extensions of every language, dotted (`.py`), and the file names of kinds
    /// recognised by name (`.env`, `.env.*`): what help texts list.
    public static var recognisedFileNames: [String] {
        var seen = Set<String>()
        return allCases.flatMap { language in
            language.descriptor.extensions.map { "." + $0 } + language.descriptor.fileNames
                + language.descriptor.fileNamePrefixes.map { $0 + "*" }
        }.filter { seen.insert($0).inserted }
    }

    /// The language named by a `#!` line at the start of `bytes` (e.g. `#!/usr/bin/env python3`).
    public static func forShebang<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Language? {
        guard bytes.starts(with: [ASCII.numberSign, ASCII.exclamationMark]) else { return nil }
        let line = String(decoding: bytes.dropFirst(2).prefix(256).prefix { $0 != ASCII.lineFeed }, as: UTF8.self)
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            .map { $0.split(separator: "/").last.map(String.init) ?? "" }
        if words.first == "env" {
            words = Array(words.dropFirst().drop { $0.hasPrefix("-") || $0.contains("=") })
        }
        guard let interpreter = words.first else { return nil }
        return allCases.first { $0.descriptor.shebangInterpreters.contains { interpreter.hasPrefix($0) } }
    }

    /// The language an editor names by its LSP `languageId` (for buffers without a file name).
    public static func forLanguageIdentifier(_ identifier: String) -> Language? {
        allCases.first { $0.descriptor.languageIdentifiers.contains(identifier) }
    }

    /// What starts a comment that runs to the end of the line.
    public var lineCommentMarker: String { descriptor.lineCommentMarker }

    /// The name users know the language by.
    public func displayName(in language: MessageLanguage) -> String { descriptor.displayName.text(in: language) }
}

/// What one language is to Homeport: how its files are recognised, how its comments and reads are
/// written, and which frontend reads it.
public struct LanguageDescriptor: Sendable {
    /// File name extensions, without the dot, that mean this language.
    public var extensions: [String]
    /// Whole file names that mean this language (`.env`).
    public var fileNames: [String] = []
    /// File name prefixes that mean this language when no extension decides (`.env.` for `.env.local`).
    public var fileNamePrefixes: [String] = []
    /// Interpreter names a `#!` line starts with for this language (`python` takes `python3.12`).
    public var shebangInterpreters: [String] = []
    /// The LSP `languageId`s editors give buffers of this language.
    public var languageIdentifiers: [String]
    /// What starts a comment that runs to the end of the line (suppression comments use it).
    public var lineCommentMarker: String
    /// The name users know the language by.
    public var displayName: LocalizedText
    /// How the import matcher reads this language's import paths.
    public var importPaths: ImportPathStyle
    /// How this language's code reads an environment variable; `{name}` is replaced by its name.
    public var environmentReadTemplate: String
    /// The frontend that turns a file of this language into facts.
    public var frontend: @Sendable () -> any Frontend
    /// Why this process cannot run the frontend (libclang missing), or nil when it can.
    public var unavailability: @Sendable () -> ClangUnavailable? = { nil }
    /// A configuration format rather than code: its templates (`x.toml.example`) are read too.
    public var isConfiguration = false

    /// Code that reads the environment variable `name`.
    public func environmentRead(of name: String) -> String {
        environmentReadTemplate.replacing("{name}", with: name)
    }

    static let python = LanguageDescriptor(
        extensions: ["py", "pyi", "pyw"], shebangInterpreters: ["python"], languageIdentifiers: ["python"],
        lineCommentMarker: "#", displayName: LocalizedText(untranslated: "Python"), importPaths: .dotted,
        environmentReadTemplate: #"os.environ["{name}"]"#, frontend: { PythonFrontend() })

    static let swift = LanguageDescriptor(
        extensions: ["swift"], languageIdentifiers: ["swift"],
        lineCommentMarker: "//", displayName: LocalizedText(untranslated: "Swift"), importPaths: .moduleName,
        environmentReadTemplate: #"ProcessInfo.processInfo.environment["{name}"]"#, frontend: { SwiftFrontend() })

    static let c = LanguageDescriptor(
        extensions: ["c"], languageIdentifiers: ["c"],
        lineCommentMarker: "//", displayName: LocalizedText(untranslated: "C"), importPaths: .includePath,
        environmentReadTemplate: #"getenv("{name}")"#, frontend: { ClangFrontend(cplusplus: false) },
        unavailability: { ClangFrontend.unavailability })

    static let cpp = LanguageDescriptor(
        extensions: ["cc", "cpp", "cxx", "hpp", "hh", "hxx", "h"], languageIdentifiers: ["cpp", "cuda-cpp"],
        lineCommentMarker: "//", displayName: LocalizedText(untranslated: "C++"), importPaths: .includePath,
        environmentReadTemplate: #"getenv("{name}")"#, frontend: { ClangFrontend(cplusplus: true) },
        unavailability: { ClangFrontend.unavailability })

    /// `@"…"` literals, `#import`/`@import`, `NSProcessInfo` environment reads; `.h` stays C++.
    static let objectiveC = LanguageDescriptor(
        extensions: ["m"], languageIdentifiers: ["objective-c"],
        lineCommentMarker: "//", displayName: LocalizedText(untranslated: "Objective-C"), importPaths: .includePath,
        environmentReadTemplate: #"[[NSProcessInfo processInfo] environment][@"{name}"]"#,
        frontend: { ClangFrontend(dialect: .objectiveC) }, unavailability: { ClangFrontend.unavailability })

    static let objectiveCpp = LanguageDescriptor(
        extensions: ["mm"], languageIdentifiers: ["objective-cpp"],
        lineCommentMarker: "//", displayName: LocalizedText(untranslated: "Objective-C++"), importPaths: .includePath,
        environmentReadTemplate: #"[[NSProcessInfo processInfo] environment][@"{name}"]"#,
        frontend: { ClangFrontend(dialect: .objectiveCpp) }, unavailability: { ClangFrontend.unavailability })
}

extension LanguageDescriptor {
    /// Cells are Python: imports, comments and environment reads are written as in Python.
    static let notebook = LanguageDescriptor(
        extensions: ["ipynb"], languageIdentifiers: ["jupyter-notebook"],
        lineCommentMarker: "#", displayName: LocalizedText(en: "Jupyter notebook", zh: "Jupyter 笔记本"),
        importPaths: .dotted, environmentReadTemplate: #"os.environ["{name}"]"#, frontend: { NotebookFrontend() })
}

extension LanguageDescriptor {
    /// `KEY=value` lines; the variable is read by whatever loads the file.
    static let dotenv = LanguageDescriptor(
        extensions: ["env"], fileNames: [".env"], fileNamePrefixes: [".env."], languageIdentifiers: ["dotenv"],
        lineCommentMarker: "#", displayName: LocalizedText(untranslated: "dotenv"), importPaths: .dotted,
        environmentReadTemplate: "${{name}}", frontend: { DotenvFrontend() }, isConfiguration: true)

    static let yaml = LanguageDescriptor(
        extensions: ["yml", "yaml"], languageIdentifiers: ["yaml", "dockercompose", "github-actions-workflow"],
        lineCommentMarker: "#", displayName: LocalizedText(untranslated: "YAML"), importPaths: .dotted,
        environmentReadTemplate: "${{name}}", frontend: { YAMLFrontend() }, isConfiguration: true)

    static let toml = LanguageDescriptor(
        extensions: ["toml"], languageIdentifiers: ["toml"],
        lineCommentMarker: "#", displayName: LocalizedText(untranslated: "TOML"), importPaths: .dotted,
        environmentReadTemplate: "${{name}}", frontend: { TOMLFrontend() }, isConfiguration: true)
}

/// How a language writes the path of what it imports, which decides how import entries match.
public enum ImportPathStyle: Sendable {
    /// `a.b.c` (Python): an entry matches the path or its submodules; a component entry matches any
    /// dotted part, except in a file of the package that part names (the project's own code).
    case dotted
    /// A module name (Swift): a component entry matches whole CamelCase words of it (`SwiftAzureOpenAI`).
    case moduleName
    /// An include path (C, C++): a header entry matches the path or its last components, a
    /// directory entry (`openai/`) any of its directories.
    case includePath
}
