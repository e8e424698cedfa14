// A stub OpenAI-compatible server on 127.0.0.1 for `providers --verify` tests: each path answers
// as told (a model list, a status, garbage, slowly, a redirect) and records the Authorization
// header it received, so a test can see whether a key was sent.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

public final class StubModelServer: @unchecked Sendable {  // state behind `lock`
    public enum Answer: Sendable {
        case models([String])
        case status(Int)
        case garbage
        case slow(seconds: UInt32)
        case redirect(to: String)
    }

    public let port: Int
    private let listener: Int32
    private let answers: [String: Answer]
    private let lock = NSLock()
    private var received: [(path: String, authorization: String?)] = []
    private var stopped = false

    /// Listens on 127.0.0.1 at a free port; `answers` maps request paths to what they get.
    public init(answers: [String: Answer]) throws {
        self.answers = answers
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(listener, pointer, length) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        guard listener >= 0, bound, listen(listener, 16) == 0 else {
            if listener >= 0 { close(listener) }
            port = 0
            stopped = true
            throw POSIXError(.EADDRNOTAVAIL)
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// Stops accepting connections. Only the accept loop closes the socket, once, when `accept`
    /// fails after this `shutdown`: a `close` from here could race with the loop's next `accept`
    /// on a number another test's thread has opened since (a pipe to a child).
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// Every request received: its path and Authorization header.
    public var requests: [(path: String, authorization: String?)] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            if connection >= 0 && isStopped {
                close(connection)
                return
            }
            if connection < 0 {
                if errno == EINTR && !isStopped { continue }
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.ends(with: [13, 10, 13, 10]) && request.count < 65536 {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { return }
            request += buffer[0..<count]
        }
        let lines = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        let path = parts.count > 1 ? String(parts[1]) : "/"
        let authorization = lines.first { $0.lowercased().hasPrefix("authorization:") }
            .map { String($0.dropFirst("authorization:".count)).trimmingCharacters(in: .whitespaces) }
        lock.lock()
        received.append((path, authorization))
        lock.unlock()
        func reply(_ status: Int, _ body: String, headers: [String] = ["Content-Type: application/json"]) {
            let text = "HTTP/1.1 \(status) Stub\r\n" + (headers + ["Content-Length: \(body.utf8.count)", "Connection: close"])
                .map { $0 + "\r\n" }.joined() + "\r\n" + body
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        switch answers[path] {
        case .models(let ids)?:
            let data = ids.map { #"{"id": "\#($0)", "object": "model", "owned_by": "stub"}"# }.joined(separator: ", ")
            reply(200, #"{"object": "list", "data": [\#(data)]}"#)
        case .status(let status)?:
            reply(status, #"{"error": {"message": "stub"}}"#)
        case .garbage?:
            reply(200, "<html>not a model list</html>", headers: ["Content-Type: text/html"])
        case .slow(let seconds)?:
            sleep(seconds)
            reply(200, #"{"object": "list", "data": []}"#)
        case .redirect(let location)?:
            reply(302, "", headers: ["Location: " + location])
        case nil:
            reply(404, "")
        }
    }
}

extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
