// libcurl, loaded with dlopen at run time (as libclang is): the HTTP client of
// `homeport providers --verify`, the only command that touches the network. Not linked, so every
// other command starts as before, and `homeport` runs where libcurl is not installed.

#if canImport(Glibc)
import Glibc
#endif

/// Why libcurl could not be loaded: every path tried, for the one line the user sees.
public struct CurlUnavailable: BilingualError, Sendable {
    public var tried: [String]
    public var missingSymbol: String?

    public var text: LocalizedText {
        if let missingSymbol {
            return CatalogMessage.curlLacksSymbol.filled(["path": tried.last ?? "?", "symbol": missingSymbol])
        }
        return CatalogMessage.curlNotFound.filled(["tried": tried.joined(separator: ", ")])
    }

    public func description(in language: MessageLanguage) -> String { text.text(in: language) }
}

/// One HTTP answer: status, body and the `Location` of a redirect (which is never followed here).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var body: [UInt8]
    /// Where a 3xx answer points, as libcurl resolved it against the request URL.
    public var redirectURL: String?
}

/// Why a request got no answer.
public enum HTTPFailure: Error, Sendable, Equatable {
    case timeout
    case tooLarge
    /// libcurl's own one-line reason (no URL, header or key in it).
    case network(String)
}

/// The few libcurl functions one GET needs, resolved once per process.
public final class CurlLibrary: @unchecked Sendable {  // immutable function pointers
    /// The library, or why it is missing. `HOMEPORT_LIBCURL`, when set, is the only path tried.
    public static let shared: Result<CurlLibrary, CurlUnavailable> = load(
        environment: SystemInfo.environment("HOMEPORT_LIBCURL"))

    /// The largest body read (a model list is a few kilobytes; a bigger one is not one).
    public static let maxBodySize = 8 << 20

    static func candidates(environment override: String?) -> [String] {
        if let override, !override.isEmpty { return [override] }
        return ["libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"]
    }

    static func load(environment override: String?) -> Result<CurlLibrary, CurlUnavailable> {
        var tried: [String] = []
        for path in candidates(environment: override) {
            tried.append(path)
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { continue }
            do {
                return .success(try CurlLibrary(handle: handle))
            } catch let error as CurlUnavailable {
                dlclose(handle)
                return .failure(CurlUnavailable(tried: tried, missingSymbol: error.missingSymbol))
            } catch {
                dlclose(handle)
            }
        }
        return .failure(CurlUnavailable(tried: tried))
    }

    // curl_easy_setopt and curl_easy_getinfo are variadic; on the Linux ABIs Swift runs on (x86-64
    // System V, AArch64) one integer or pointer argument is passed as for a non-variadic call.
    private typealias GlobalInit = @convention(c) (Int) -> Int32
    private typealias EasyInit = @convention(c) () -> OpaquePointer?
    private typealias EasyCleanup = @convention(c) (OpaquePointer?) -> Void
    private typealias EasyPerform = @convention(c) (OpaquePointer?) -> Int32
    private typealias SetoptPointer = @convention(c) (OpaquePointer?, Int32, UnsafeRawPointer?) -> Int32
    private typealias SetoptLong = @convention(c) (OpaquePointer?, Int32, Int) -> Int32
    private typealias GetinfoPointer = @convention(c) (OpaquePointer?, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias SlistAppend = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    private typealias SlistFreeAll = @convention(c) (OpaquePointer?) -> Void
    private typealias WriteCallback = @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int

    private let easyInit: EasyInit
    private let easyCleanup: EasyCleanup
    private let easyPerform: EasyPerform
    private let setoptPointer: SetoptPointer
    private let setoptLong: SetoptLong
    private let getinfoPointer: GetinfoPointer
    private let slistAppend: SlistAppend
    private let slistFreeAll: SlistFreeAll

    // From curl/curl.h (stable ABI values).
    private enum Option {
        static let writeData: Int32 = 10001
        static let url: Int32 = 10002
        static let errorBuffer: Int32 = 10010
        static let userAgent: Int32 = 10018
        static let httpHeader: Int32 = 10023
        static let followLocation: Int32 = 52
        static let noSignal: Int32 = 99
        static let timeoutMS: Int32 = 155
        static let connectTimeoutMS: Int32 = 156
        static let noProxy: Int32 = 10177
        static let writeFunction: Int32 = 20011
        static let protocolsString: Int32 = 10318
    }
    private enum Info {
        static let responseCode: Int32 = 0x200000 + 2
        static let redirectURL: Int32 = 0x100000 + 31
    }
    private static let operationTimedOut: Int32 = 28
    private static let writeError: Int32 = 23

    private init(handle: UnsafeMutableRawPointer) throws {
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let pointer = dlsym(handle, name) else { throw CurlUnavailable(tried: [], missingSymbol: name) }
            return unsafeBitCast(pointer, to: type)
        }
        let globalInit = try symbol("curl_global_init", as: GlobalInit.self)
        easyInit = try symbol("curl_easy_init", as: EasyInit.self)
        easyCleanup = try symbol("curl_easy_cleanup", as: EasyCleanup.self)
        easyPerform = try symbol("curl_easy_perform", as: EasyPerform.self)
        setoptPointer = try symbol("curl_easy_setopt", as: SetoptPointer.self)
        setoptLong = try symbol("curl_easy_setopt", as: SetoptLong.self)
        getinfoPointer = try symbol("curl_easy_getinfo", as: GetinfoPointer.self)
        slistAppend = try symbol("curl_slist_append", as: SlistAppend.self)
        slistFreeAll = try symbol("curl_slist_free_all", as: SlistFreeAll.self)
        _ = globalInit(3)  // CURL_GLOBAL_DEFAULT: SSL and Win32 socket setup
    }

    /// Collects the body; a `Box` because libcurl calls back through a C pointer.
    private final class Sink {
        var body: [UInt8] = []
        var overflowed = false
    }

    /// One GET without following redirects. `headers` are `Name: value` lines; `loopback` turns off
    /// proxies, so a request meant for this machine never leaves it. Nothing is logged: libcurl's
    /// verbose output, which would show the headers, stays off.
    public func get(_ url: String, headers: [String], timeoutMilliseconds: Int, loopback: Bool) throws(HTTPFailure) -> HTTPResponse {
        guard let easy = easyInit() else { throw .network("curl_easy_init failed") }
        defer { easyCleanup(easy) }
        var list: OpaquePointer?
        for header in headers { list = header.withCString { slistAppend(list, $0) } }
        defer { slistFreeAll(list) }
        let sink = Sink()
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        var errorBuffer = [CChar](repeating: 0, count: 256)  // CURL_ERROR_SIZE
        let write: WriteCallback = { data, size, count, user in
            let sink = Unmanaged<Sink>.fromOpaque(user!).takeUnretainedValue()
            let length = size * count
            guard sink.body.count + length <= CurlLibrary.maxBodySize else {
                sink.overflowed = true
                return 0
            }
            if let data { data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) } }
            return length
        }
        let code: Int32 = url.withCString { urlPointer in
            (loopback ? "https,http" : "https").withCString { protocols in
                "homeport (providers --verify)".withCString { agent in
                    "*".withCString { anyHost in
                        errorBuffer.withUnsafeMutableBufferPointer { buffer in
                            _ = setoptPointer(easy, Option.url, urlPointer)
                            _ = setoptPointer(easy, Option.protocolsString, protocols)
                            _ = setoptPointer(easy, Option.userAgent, agent)
                            _ = setoptPointer(easy, Option.httpHeader, UnsafeRawPointer(list))
                            _ = setoptLong(easy, Option.followLocation, 0)
                            _ = setoptLong(easy, Option.noSignal, 1)
                            _ = setoptLong(easy, Option.timeoutMS, timeoutMilliseconds)
                            _ = setoptLong(easy, Option.connectTimeoutMS, timeoutMilliseconds)
                            if loopback { _ = setoptPointer(easy, Option.noProxy, anyHost) }
                            _ = setoptPointer(easy, Option.writeFunction, unsafeBitCast(write, to: UnsafeRawPointer.self))
                            _ = setoptPointer(easy, Option.writeData, context.toOpaque())
                            _ = setoptPointer(easy, Option.errorBuffer, buffer.baseAddress)
                            return easyPerform(easy)
                        }
                    }
                }
            }
        }
        if code == CurlLibrary.operationTimedOut { throw .timeout }
        if code == CurlLibrary.writeError && sink.overflowed { throw .tooLarge }
        guard code == 0 else {
            let reason = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .network(reason.isEmpty ? "libcurl error \(code)" : reason)
        }
        var status = 0
        _ = getinfoPointer(easy, Info.responseCode, &status)
        var location: UnsafePointer<CChar>?
        _ = getinfoPointer(easy, Info.redirectURL, &location)
        return HTTPResponse(status: status, body: sink.body, redirectURL: location.map { String(cString: $0) })
    }
}
