// C and C++ frontend: libclang's raw tokens of one file, turned into Facts (includes, decoded strings
// with adjacent literals and string macros joined, comments, labels).
//
// The file is analysed alone: no include paths, no build flags, nothing preprocessed. Includes,
// `#define`s and strings are recognised from tokens, so inactive `#if` branches are read too.

public struct ClangFrontend: Frontend {
    /// Lex as C++ (raw strings, `u8` characters); C is lexed as C.
    public var cplusplus: Bool

    public init(cplusplus: Bool) {
        self.cplusplus = cplusplus
    }

    /// Nil when libclang is loaded; otherwise why C and C++ files cannot be scanned in this process.
    public static var unavailability: ClangUnavailable? {
        if case .failure(let reason) = ClangLibrary.shared { return reason }
        return nil
    }

    public func facts(in file: SourceFile) -> Facts {
        var facts = Facts()
        guard case .success(let library) = ClangLibrary.shared else {
            facts.notices.append(FrontendNotice(.clangUnavailableNotScanned, offset: 0,
                                                 localized: ["reason": ClangFrontend.unavailability?.text ?? LocalizedText(untranslated: "libclang")]))
            return facts
        }
        guard let tokens = library.tokens(of: file.bytes, from: file.lineStarts[0], cplusplus: cplusplus) else {
            facts.notices.append(FrontendNotice(.clangCouldNotRead,
                                                offset: 0))
            return facts
        }
        var extractor = CFactExtractor(bytes: file.bytes, tokens: tokens)
        extractor.run()
        return extractor.facts
    }
}
