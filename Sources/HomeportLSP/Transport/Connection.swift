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

    /// Room at the front of a frame for its header, `Content-Length: N\r\n\r\n`, filled in once
    /// the body behind it is written: the body is never copied into another buffer.
    static let headerRoom = 32

    /// `notify` with its params written by `write` as compact JSON: the same bytes, for params too
    /// large to build as a tree each time (every diagnostic of a file, at every edit), written in
    /// place in the frame that is sent (a copy of a large message costs an instruction a byte).
    func notify(_ method: String, reserving capacity: Int, writingParams write: (inout [UInt8]) -> Void) {
        var frame = [UInt8](repeating: UInt8(ascii: " "), count: Connection.headerRoom)
        frame.reserveCapacity(Connection.headerRoom + capacity + method.utf8.count + 40)
        frame.append(contentsOf: #"{"jsonrpc":"2.0","method":"#.utf8)
        JSONValue.writeString(method, to: &frame)
        frame.append(contentsOf: #","params":"#.utf8)
        write(&frame)
        frame.append(UInt8(ascii: "}"))
        let header = Array("Content-Length: \(frame.count - Connection.headerRoom)\r\n\r\n".utf8)
        let start = Connection.headerRoom - header.count
        frame.replaceSubrange(start..<Connection.headerRoom, with: header)  // as many bytes: nothing moves
        // A client that went away is noticed at end of input; nothing to do about a failed write.
        _ = frame.withUnsafeBytes { FileDescriptor.writeAll(UnsafeRawBufferPointer(rebasing: $0[start...]), to: output) }
    }
}

/// Diagnostic lines for whoever reads the server's standard error (editors keep it in a log).
enum ServerLog {
    static func write(_ message: String) {
        StandardStream.error.write("homeport lsp: \(message)\n")
    }
}
