// A language-server client for tests: runs a server over pipes and speaks the wire protocol
// (Content-Length framing, JSON-RPC), applying edits the way an editor applies them.

import Foundation
@testable import HomeportCore

public struct LSPClientError: Error, CustomStringConvertible {
    public var description: String
}

/// One running server process and the client's side of its pipes.
public final class LSPClient {
    public let process: pid_t
    private var input: Int32
    private let output: Int32
    public let stderrFile: URL
    private var buffer: [UInt8] = []
    private var nextID = 1
    /// Notifications received while waiting for something else, oldest first.
    public private(set) var notifications: [JSONValue] = []

    /// Starts `homeport lsp` (or `executable` with `arguments`).
    public init(executable: URL = TestPaths.homeportBinary, arguments: [String] = ["lsp"]) throws {
        var toServer: [Int32] = [-1, -1]
        var fromServer: [Int32] = [-1, -1]
        // Close-on-exec from the start: a server another test starts meanwhile must not inherit
        // these pipes (it would keep this server's input open past `closeInput`).
        typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
        guard let pipe2 = SystemInfo.libcFunction("pipe2", as: Pipe2.self),
              pipe2(&toServer, O_CLOEXEC) == 0, pipe2(&fromServer, O_CLOEXEC) == 0 else {
            throw LSPClientError(description: "pipe failed")
        }
        stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("homeport-lsp-\(UUID().uuidString).log")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toServer[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromServer[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderrFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        close(toServer[0])
        close(fromServer[1])
        guard status == 0 else { throw LSPClientError(description: "cannot start \(executable.path): \(status)") }
        process = pid
        input = toServer[1]
        output = fromServer[0]
    }

    deinit {
        closeInput()
        close(output)
        kill(process, SIGKILL)
        var status: Int32 = 0
        waitpid(process, &status, 0)
        try? FileManager.default.removeItem(at: stderrFile)
    }

    /// What the server wrote to standard error so far.
    public var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    // MARK: Sending

    /// Writes raw bytes: for framing tests.
    public func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(input, $0.baseAddress!, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    public static func frame(_ json: String) -> [UInt8] {
        Array("Content-Length: \(json.utf8.count)\r\n\r\n".utf8) + Array(json.utf8)
    }

    /// Sends one message, given as JSON text.
    public func send(_ json: String) {
        write(LSPClient.frame(json))
    }

    public func notify(_ method: String, _ params: String) {
        send(#"{"jsonrpc":"2.0","method":"\#(method)","params":\#(params)}"#)
    }

    /// Sends a request and returns its id.
    @discardableResult
    public func sendRequest(_ method: String, _ params: String) -> Int {
        let id = nextID
        nextID += 1
        send(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#)
        return id
    }

    /// Sends a request and waits for its response (the whole message: `result` or `error`).
    public func request(_ method: String, _ params: String, timeout: Double = 20) throws -> JSONValue {
        let id = sendRequest(method, params)
        return try response(to: id, timeout: timeout)
    }

    public func closeInput() {
        guard input >= 0 else { return }
        close(input)
        input = -1  // the number may soon name another test's pipe
    }

    // MARK: Receiving

    public func response(to id: Int, timeout: Double = 20) throws -> JSONValue {
        try waitFor(timeout: timeout, "the response to request \(id)") { $0.member("id") == .int(id) && $0.member("method") == nil }
    }

    /// The next message (notification or response) that satisfies `accept`; notifications that do
    /// not are kept in `notifications`.
    public func waitFor(timeout: Double = 20, _ what: String, _ accept: (JSONValue) -> Bool) throws -> JSONValue {
        if let index = notifications.firstIndex(where: accept) { return notifications.remove(at: index) }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let message = try nextMessage(deadline: deadline, what: what)
            if accept(message) { return message }
            if message.member("method") != nil { notifications.append(message) }
        }
    }

    /// The `publishDiagnostics` for `uri` at `version`, skipping older ones.
    public func diagnostics(for uri: String, version: Int? = nil, timeout: Double = 20) throws -> [JSONValue] {
        let message = try waitFor(timeout: timeout, "diagnostics for \(uri)" + (version.map { " version \($0)" } ?? "")) {
            $0.member("method")?.stringValue == "textDocument/publishDiagnostics"
                && $0.member("params")?.member("uri")?.stringValue == uri
                && (version == nil || $0.member("params")?.member("version")?.intValue == version)
        }
        return message.member("params")?.member("diagnostics")?.arrayValue ?? []
    }

    private func nextMessage(deadline: Date, what: String) throws -> JSONValue {
        while true {
            if let message = try takeMessage() { return message }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw LSPClientError(description: "timed out waiting for \(what); server stderr: \(stderr)")
            }
            var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32(remaining * 1000) + 1) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress!, $0.count) }
            if count <= 0 {
                throw LSPClientError(description: "the server closed its output while waiting for \(what); stderr: \(stderr)")
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    private func takeMessage() throws -> JSONValue? {
        let terminator = Array("\r\n\r\n".utf8)
        guard let headerEnd = buffer.firstRange(of: terminator) else { return nil }
        let header = String(decoding: buffer[..<headerEnd.lowerBound], as: UTF8.self)
        guard header.hasPrefix("Content-Length: "), let length = Int(header.dropFirst("Content-Length: ".count)) else {
            throw LSPClientError(description: "bad header from the server: \(header)")
        }
        guard buffer.count - headerEnd.upperBound >= length else { return nil }
        let body = Array(buffer[headerEnd.upperBound..<headerEnd.upperBound + length])
        buffer.removeSubrange(..<(headerEnd.upperBound + length))
        return try JSONParser.parse(body)
    }

    /// Everything the server wrote to its output, once it has closed it (after `exit`).
    public func drainOutput(timeout: Double = 20) throws -> [JSONValue] {
        var messages: [JSONValue] = []
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            do {
                messages.append(try nextMessage(deadline: deadline, what: "end of output"))
            } catch let error as LSPClientError where error.description.hasPrefix("the server closed") {
                return notifications + messages
            }
        }
    }

    /// The exit status, waiting at most `timeout` seconds; nil if it is still running.
    public func waitForExit(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            let result = waitpid(process, &status, WNOHANG)
            if result == process {
                // WIFEXITED / WEXITSTATUS, spelled out: Glibc's macros do not import.
                return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
            usleep(10_000)
        }
        return nil
    }

    // MARK: Helpers

    /// A Swift string as a JSON string literal.
    public static func quote(_ text: String) -> String {
        String(decoding: JSONValue.string(text).compactBytes(), as: UTF8.self)
    }

    /// `text` with LSP `TextEdit`s applied as an editor applies them: positions in `encoding`'s
    /// units against the original text, applied from the last to the first.
    public static func apply(_ edits: [JSONValue], to text: String, encoding: SourceFile.ColumnEncoding) -> String {
        let file = SourceFile(path: "buffer", bytes: Array(text.utf8), language: .python)
        func offset(_ position: JSONValue?) -> Int {
            file.offset(line: position?.member("line")?.intValue ?? 0, character: position?.member("character")?.intValue ?? 0,
                        encoding: encoding)
        }
        let spans = edits.map { edit in
            (start: offset(edit.member("range")?.member("start")), end: offset(edit.member("range")?.member("end")),
             text: edit.member("newText")?.stringValue ?? "")
        }.sorted { $0.start > $1.start }
        var bytes = file.bytes
        for span in spans { bytes.replaceSubrange(span.start..<span.end, with: Array(span.text.utf8)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text edits of a code action's `WorkspaceEdit` for `uri` (`changes` or `documentChanges`).
    public static func edits(of action: JSONValue, uri: String) -> [JSONValue] {
        let edit = action.member("edit")
        if let changes = edit?.member("changes")?.member(uri)?.arrayValue { return changes }
        return edit?.member("documentChanges")?.arrayValue?
            .filter { $0.member("textDocument")?.member("uri")?.stringValue == uri }
            .flatMap { $0.member("edits")?.arrayValue ?? [] } ?? []
    }
}
