// libclang, loaded with dlopen at run time: raw tokens of one C or C++ file, no build system needed.

import CClang
#if canImport(Glibc)
import Glibc
#endif

/// Why libclang could not be loaded: every path tried, for the one line the user sees.
public struct ClangUnavailable: BilingualError, Sendable {
    public var tried: [String]
    public var missingSymbol: String?

    /// Why, in both languages.
    public var text: LocalizedText {
        if let missingSymbol {
            return CoreMessage.clangLacksSymbol.filled(["path": tried.last ?? "?", "symbol": missingSymbol])
        }
        return CoreMessage.clangNotFound.filled(["tried": tried.joined(separator: ", ")])
    }

    public func description(in language: MessageLanguage) -> String { text.text(in: language) }
}

/// A token as libclang classifies it, with byte offsets into the original file.
struct CToken: Equatable {
    enum Kind: UInt8 { case punctuation, keyword, identifier, literal, comment }
    var kind: Kind
    // 32-bit offsets (files are at most TreeScan.maxFileSize) halve the token array, which for a
    // large amalgamation such as sqlite3.c holds millions of tokens next to libclang's own.
    private var storedStart: UInt32
    private var storedEnd: UInt32

    var start: Int {
        get { Int(storedStart) }
        set { storedStart = UInt32(clamping: newValue) }
    }

    var end: Int {
        get { Int(storedEnd) }
        set { storedEnd = UInt32(clamping: newValue) }
    }

    init(kind: Kind, start: Int, end: Int) {
        self.kind = kind
        self.storedStart = UInt32(clamping: start)
        self.storedEnd = UInt32(clamping: end)
    }
}

/// The handful of libclang functions Homeport calls, resolved once per process.
///
/// libclang is not linked (the `CClang` module map has no `link`), so `homeport` starts where it is
/// not installed; only C and C++ files then go unscanned.
final class ClangLibrary: @unchecked Sendable {  // immutable function pointers plus a locked pool
    /// The library, or why it is missing. `HOMEPORT_LIBCLANG`, when set, is the only path tried.
    static let shared: Result<ClangLibrary, ClangUnavailable> = load(
        environment: SystemInfo.environment("HOMEPORT_LIBCLANG"))

    static func candidates(environment override: String?) -> [String] {
        if let override, !override.isEmpty { return [override] }
        return ["libclang-14.so.13", "libclang-14.so.1"]
            + (15...22).map { "libclang-\($0).so.1" }
            + ["libclang.so.1", "libclang.so"]
    }

    static func load(environment override: String?) -> Result<ClangLibrary, ClangUnavailable> {
        var tried: [String] = []
        for path in candidates(environment: override) {
            tried.append(path)
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { continue }
            do {
                return .success(try ClangLibrary(handle: handle))
            } catch let error as ClangUnavailable {
                dlclose(handle)
                return .failure(ClangUnavailable(tried: tried, missingSymbol: error.missingSymbol))
            } catch {
                dlclose(handle)
            }
        }
        return .failure(ClangUnavailable(tried: tried))
    }

    private typealias CreateIndex = @convention(c) (Int32, Int32) -> CXIndex?
    private typealias ParseTranslationUnit2 = @convention(c) (
        CXIndex?, UnsafePointer<CChar>?, UnsafePointer<UnsafePointer<CChar>?>?, Int32,
        UnsafeMutablePointer<CXUnsavedFile>?, UInt32, UInt32, UnsafeMutablePointer<CXTranslationUnit?>?
    ) -> CXErrorCode
    private typealias DisposeTranslationUnit = @convention(c) (CXTranslationUnit?) -> Void
    private typealias GetFile = @convention(c) (CXTranslationUnit?, UnsafePointer<CChar>?) -> CXFile?
    private typealias LocationForOffset = @convention(c) (CXTranslationUnit?, CXFile?, UInt32) -> CXSourceLocation
    private typealias GetRange = @convention(c) (CXSourceLocation, CXSourceLocation) -> CXSourceRange
    private typealias Tokenize = @convention(c) (
        CXTranslationUnit?, CXSourceRange, UnsafeMutablePointer<UnsafeMutablePointer<CXToken>?>?,
        UnsafeMutablePointer<UInt32>?) -> Void
    private typealias DisposeTokens = @convention(c) (CXTranslationUnit?, UnsafeMutablePointer<CXToken>?, UInt32) -> Void
    private typealias TokenKind = @convention(c) (CXToken) -> CXTokenKind
    private typealias TokenExtent = @convention(c) (CXTranslationUnit?, CXToken) -> CXSourceRange
    private typealias RangeBound = @convention(c) (CXSourceRange) -> CXSourceLocation
    private typealias FileLocation = @convention(c) (
        CXSourceLocation, UnsafeMutablePointer<CXFile?>?, UnsafeMutablePointer<UInt32>?,
        UnsafeMutablePointer<UInt32>?, UnsafeMutablePointer<UInt32>?) -> Void

    private let createIndex: CreateIndex
    private let parseTranslationUnit2: ParseTranslationUnit2
    private let disposeTranslationUnit: DisposeTranslationUnit
    private let getFile: GetFile
    private let locationForOffset: LocationForOffset
    private let getRange: GetRange
    private let tokenize: Tokenize
    private let disposeTokens: DisposeTokens
    private let tokenKind: TokenKind
    private let tokenExtent: TokenExtent
    private let rangeStart: RangeBound
    private let rangeEnd: RangeBound
    private let fileLocation: FileLocation

    /// Idle indexes: a `CXIndex` serves one thread at a time, so each scanning thread takes its own.
    private var idleIndexes: [CXIndex] = []
    private let lock = Lock()

    private init(handle: UnsafeMutableRawPointer) throws {
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let pointer = dlsym(handle, name) else {
                throw ClangUnavailable(tried: [], missingSymbol: name)
            }
            return unsafeBitCast(pointer, to: type)
        }
        createIndex = try symbol("clang_createIndex", as: CreateIndex.self)
        parseTranslationUnit2 = try symbol("clang_parseTranslationUnit2", as: ParseTranslationUnit2.self)
        disposeTranslationUnit = try symbol("clang_disposeTranslationUnit", as: DisposeTranslationUnit.self)
        getFile = try symbol("clang_getFile", as: GetFile.self)
        locationForOffset = try symbol("clang_getLocationForOffset", as: LocationForOffset.self)
        getRange = try symbol("clang_getRange", as: GetRange.self)
        tokenize = try symbol("clang_tokenize", as: Tokenize.self)
        disposeTokens = try symbol("clang_disposeTokens", as: DisposeTokens.self)
        tokenKind = try symbol("clang_getTokenKind", as: TokenKind.self)
        tokenExtent = try symbol("clang_getTokenExtent", as: TokenExtent.self)
        rangeStart = try symbol("clang_getRangeStart", as: RangeBound.self)
        rangeEnd = try symbol("clang_getRangeEnd", as: RangeBound.self)
        fileLocation = try symbol("clang_getFileLocation", as: FileLocation.self)
    }

    private func withIndex<T>(_ body: (CXIndex) -> T) -> T? {
        lock.lock()
        var index = idleIndexes.popLast()
        lock.unlock()
        if index == nil { index = createIndex(0, 0) }
        guard let index else { return nil }
        defer {
            lock.lock()
            idleIndexes.append(index)
            lock.unlock()
        }
        return body(index)
    }

    /// The file is handed to libclang wrapped in `#if 0` … `#endif`: the parser then skips it all
    /// (no includes followed, no diagnostics) and `clang_tokenize` still raw-lexes every byte.
    private static let prefix = Array("#if 0\n".utf8)
    private static let suffix = Array("\n#endif\n".utf8)

    /// Every token of `bytes` from `start` (past a BOM) to the end, with offsets into `bytes`;
    /// nil when libclang could not make a translation unit of it.
    func tokens(of bytes: [UInt8], from start: Int, cplusplus: Bool) -> [CToken]? {
        let name = cplusplus ? "homeport-input.cpp" : "homeport-input.c"
        let arguments = cplusplus ? ["-x", "c++", "-std=gnu++20"] : ["-x", "c", "-std=gnu17"]
        var buffer = ClangLibrary.prefix
        buffer.reserveCapacity(bytes.count - start + 16)
        buffer.append(contentsOf: bytes[start...])
        buffer.append(contentsOf: ClangLibrary.suffix)
        let contentStart = ClangLibrary.prefix.count
        let contentEnd = contentStart + bytes.count - start
        let options = CXTranslationUnit_SingleFileParse.rawValue | CXTranslationUnit_Incomplete.rawValue
            | CXTranslationUnit_SkipFunctionBodies.rawValue | CXTranslationUnit_KeepGoing.rawValue
        return withIndex { index -> [CToken]? in
            name.withCString { cName in
                withCStrings(arguments) { argv in
                    buffer.withUnsafeBufferPointer { contents -> [CToken]? in
                        contents.withMemoryRebound(to: CChar.self) { chars in
                            var unsaved = CXUnsavedFile(Filename: cName, Contents: chars.baseAddress,
                                                        Length: UInt(chars.count))
                            var unit: CXTranslationUnit?
                            let status = parseTranslationUnit2(index, cName, argv, Int32(arguments.count),
                                                               &unsaved, 1, options, &unit)
                            guard status == CXError_Success, let unit else { return nil }
                            defer { disposeTranslationUnit(unit) }
                            return collect(unit: unit, name: cName, length: buffer.count,
                                           content: contentStart..<contentEnd, shift: start - contentStart)
                        }
                    }
                }
            }
        } ?? nil
    }

    /// Bytes lexed per `clang_tokenize` call. libclang returns every token of a range at once;
    /// a multi-megabyte amalgamation would otherwise hold millions of CXTokens at the same time.
    static let tokenizeChunk = 1 << 18

    private func collect(unit: CXTranslationUnit, name: UnsafePointer<CChar>, length: Int,
                         content: Range<Int>, shift: Int) -> [CToken]? {
        guard let file = getFile(unit, name) else { return nil }
        var tokens: [CToken] = []
        var position = 0
        while position < length {
            // A token that starts before the chunk's end is lexed whole, so the next chunk begins
            // where the last token ended: between tokens, where lexing restarts cleanly.
            let chunkEnd = min(length, position + ClangLibrary.tokenizeChunk)
            let range = getRange(locationForOffset(unit, file, UInt32(position)),
                                 locationForOffset(unit, file, UInt32(chunkEnd)))
            var raw: UnsafeMutablePointer<CXToken>?
            var count: UInt32 = 0
            tokenize(unit, range, &raw, &count)
            guard let raw, count > 0 else { break }
            var lastEnd = position
            for i in 0..<Int(count) {
                let token = raw[i]
                let extent = tokenExtent(unit, token)
                var start: UInt32 = 0
                var end: UInt32 = 0
                fileLocation(rangeStart(extent), nil, nil, nil, &start)
                fileLocation(rangeEnd(extent), nil, nil, nil, &end)
                lastEnd = max(lastEnd, Int(end))
                guard content.contains(Int(start)), Int(end) <= content.upperBound, start <= end else { continue }
                let kind: CToken.Kind
                switch tokenKind(token) {
                case CXToken_Keyword: kind = .keyword
                case CXToken_Identifier: kind = .identifier
                case CXToken_Literal: kind = .literal
                case CXToken_Comment: kind = .comment
                default: kind = .punctuation
                }
                tokens.append(CToken(kind: kind, start: Int(start) + shift, end: Int(end) + shift))
            }
            disposeTokens(unit, raw, count)
            guard chunkEnd < length else { break }
            position = lastEnd > position ? lastEnd : chunkEnd
        }
        return tokens
    }
}

/// Calls `body` with a C `argv` for `strings`, valid only during the call.
private func withCStrings<T>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return body(copies.map { UnsafePointer<CChar>($0) })
}
