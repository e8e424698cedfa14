// The server's side of the pipe: reading framed messages from standard input without blocking a
// pending scan, and writing responses and notifications to standard output.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

/// A JSON-RPC error as the protocol numbers them.
struct ResponseError: Error {
    var code: Int
    var message: String

    static let parseError = -32700
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let internalError = -32603
    static let serverNotInitialized = -32002
    static let requestCancelled = -32800

    static func invalidParams(_ message: String) -> ResponseError {
        ResponseError(code: invalidParams, message: message)
    }
}

/// Standard input and output as a message channel.
final class Connection {
    let input: Int32
    let output: Int32
    var reader = MessageReader()
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(input: Int32, output: Int32) {
        self.input = input
        self.output = output
    }

    enum ReadOutcome { case data, nothingPending, endOfInput }

    /// Reads what is available into the reader: waits up to `timeout` milliseconds (-1: until input
    /// comes) for the first bytes.
    func read(timeout: Int32) -> ReadOutcome {
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, timeout)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 { return .nothingPending }
            break
        }
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return .endOfInput }
            chunk.withUnsafeBytes { reader.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            return .data
        }
    }

    /// Writes one message with its header, in one write so messages never interleave.
    func send(_ message: JSONValue) {
        send(body: message.compactBytes())
    }

    /// Writes one message already written as compact JSON.
    private func send(body: [UInt8]) {
        var frame = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame.append(contentsOf: body)
        // A client that went away is noticed at end of input; nothing to do about a failed write.
        _ = frame.withUnsafeBytes { FileDescriptor.writeAll($0, to: output) }
    }

    func respond(to id: JSONValue, result: JSONValue) {
        send(.object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)]))
    }

    func respond(to id: JSONValue, error: ResponseError) {
        send(.object([
            ("jsonrpc", .string("2.0")), ("id", id),
            ("error", .object([("code", .int(error.code)), ("message", .string(error.message))])),
        ]))
    }

    func notify(_ method: String, _ params: JSONValue) {
        send(.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]))
    }

    /// `notify` with `params` written by the caller as compact JSON: the same bytes, for params too
    /// large to build as a tree each time (every diagnostic of a file, at every edit).
    func notify(_ method: String, writtenParams params: [UInt8]) {
        var body: [UInt8] = []
        body.reserveCapacity(params.count + method.utf8.count + 40)
        body.append(contentsOf: #"{"jsonrpc":"2.0","method":"#.utf8)
        JSONValue.writeString(method, to: &body)
        body.append(contentsOf: #","params":"#.utf8)
        body.append(contentsOf: params)
        body.append(UInt8(ascii: "}"))
        send(body: body)
    }
}

/// Diagnostic lines for whoever reads the server's standard error (editors keep it in a log).
enum ServerLog {
    static func write(_ message: String) {
        StandardStream.error.write("homeport lsp: \(message)\n")
    }
}
