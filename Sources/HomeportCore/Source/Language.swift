// The source languages Homeport understands, recognised by file extension or shebang.

public enum Language: String, CaseIterable, Sendable, Codable {
    case python
    case swift
    /// C, read by the libclang frontend.
    case c
    /// C++ and headers (`.h` may hold either language; C++ lexing accepts both).
    case cpp

    /// The language a path's extension implies, or nil when the extension says nothing.
    public static func forPath(_ path: String) -> Language? {
        guard let dot = path.lastIndex(of: "."),
              !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...] {
        case "py", "pyi", "pyw": return .python
        case "swift": return .swift
        case "c": return .c
        case "cc", "cpp", "cxx", "hpp", "hh", "hxx", "h": return .cpp
        default: return nil
        }
    }

    /// The language named by a `#!` line at the start of `bytes` (e.g. `#!/usr/bin/env python3`).
    public static func forShebang<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Language? {
        guard bytes.starts(with: [0x23, 0x21]) else { return nil }  // "#!"
        let line = String(decoding: bytes.dropFirst(2).prefix(256).prefix { $0 != 0x0A }, as: UTF8.self)
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            .map { $0.split(separator: "/").last.map(String.init) ?? "" }
        if words.first == "env" {
            words = Array(words.dropFirst().drop { $0.hasPrefix("-") || $0.contains("=") })
        }
        return words.first?.hasPrefix("python") == true ? .python : nil
    }

    /// The language an editor names by its LSP `languageId` (for buffers without a file name).
    public static func forLanguageIdentifier(_ identifier: String) -> Language? {
        switch identifier {
        case "python": return .python
        case "swift": return .swift
        // Objective-C lexes as C does for what Homeport looks at: strings, includes, comments.
        case "c", "objective-c": return .c
        case "cpp", "objective-cpp", "cuda-cpp": return .cpp
        default: return nil
        }
    }

    /// What starts a comment that runs to the end of the line.
    public var lineCommentMarker: String {
        switch self {
        case .python: return "#"
        case .swift, .c, .cpp: return "//"
        }
    }
}
