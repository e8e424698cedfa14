// The language server: a loop over framed messages, one handler per method (in Methods/), and
// the documents the editor has open. Everything runs on one thread; scans wait until no input is
// pending, so edits that arrive faster than scans are coalesced into one scan of the last version.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

public final class LanguageServer {
    enum Phase { case waitingForInitialize, running, shutDown }

    /// How long a document may wait for its scan while input keeps arriving.
    static let coalescingLimitNanoseconds: UInt64 = 50_000_000

    let connection: Connection
    let workspace: Workspace
    var phase = Phase.waitingForInitialize
    /// Column units agreed with the client in `initialize`.
    var encoding = SourceFile.ColumnEncoding.utf16
    /// The client applies `documentChanges` (versioned edits) in a `WorkspaceEdit`.
    var clientSupportsDocumentChanges = false
    var documents: [String: Document] = [:]
    /// Open notebooks (LSP 3.17 notebook sync): each one's code cell documents, kept in `documents`.
    var notebooks: [String: [String]] = [:]
    /// Documents whose text changed since their last scan, in the order they changed.
    var pendingScans: [String] = []
    var pendingSince: UInt64 = 0
    /// Per configuration file ("" for none): the setup problems shown for it, so each is shown
    /// once until it is fixed, and the files that carry a diagnostic for them.
    var shownProblems: [String: [EditorProblem]] = [:]
    /// Per document: its last publish's diagnostics after their ranges, for the next publish to copy.
    var diagnosticTails: [String: [DiagnosticTail]] = [:]
    /// Set by `exit`: the process's exit code.
    var exitCode: Int32?

    /// Serves the protocol on `input` and `output` (standard input and output by default).
    public init(input: Int32 = 0, output: Int32 = 1) throws {
        connection = Connection(input: input, output: output)
        workspace = try Workspace()
    }

    /// Serves until `exit` or end of input; returns the exit code: 0 after `shutdown`, else 1.
    public func run() -> Int32 {
        signal(SIGPIPE, SIG_IGN)  // a client that closes our output is noticed at end of input
        while true {
            let overdue = !pendingScans.isEmpty && LanguageServer.now() - pendingSince > LanguageServer.coalescingLimitNanoseconds
            let outcome: Connection.ReadOutcome = overdue ? .nothingPending : connection.read(timeout: pendingScans.isEmpty ? -1 : 0)
            switch outcome {
            case .data:
                handleBufferedMessages()
                if let exitCode { return exitCode }
            case .nothingPending:
                publishPendingDiagnostics()
            case .endOfInput:
                handleBufferedMessages()
                if let exitCode { return exitCode }
                if phase != .shutDown { ServerLog.write("input closed before shutdown") }
                return phase == .shutDown ? 0 : 1
            }
        }
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    // MARK: Dispatch

    /// Handles every complete message received so far. Cancellations are read first, so a request
    /// cancelled before its turn is answered with `RequestCancelled` instead of being worked on.
    func handleBufferedMessages() {
        var batch: [Result<[UInt8], FramingError>] = []
        while let next = connection.reader.next() { batch.append(next) }
        var messages: [Result<JSONValue, ResponseError>] = batch.map { item in
            switch item {
            case .failure(let error):
                return .failure(ResponseError(code: ResponseError.parseError, message: "malformed header: \(error)"))
            case .success(let body):
                do {
                    return .success(try JSONParser.parse(body))
                } catch {
                    return .failure(ResponseError(code: ResponseError.parseError, message: "malformed message: \(error)"))
                }
            }
        }
        var cancelled: [JSONValue] = []
        for case .success(let message) in messages where message.member("method")?.stringValue == "$/cancelRequest" {
            if let id = message.member("params")?.member("id") { cancelled.append(id) }
        }
        for index in messages.indices {
            guard exitCode == nil else { return }
            switch messages[index] {
            case .failure(let error):
                ServerLog.write(error.message)
                connection.respond(to: .null, error: error)
            case .success(let message):
                handle(message, cancelled: cancelled)
            }
            messages[index] = .success(.null)  // let go of large bodies as soon as they are handled
        }
    }

    func handle(_ message: JSONValue, cancelled: [JSONValue]) {
        guard case .object = message else {
            connection.respond(to: .null, error: ResponseError(code: ResponseError.invalidRequest, message: "a message must be a JSON object"))
            return
        }
        let id = message.member("id")
        guard let method = message.member("method")?.stringValue else {
            if id != nil, message.member("result") != nil || message.member("error") != nil { return }  // a response to us
            connection.respond(to: id ?? .null, error: ResponseError(code: ResponseError.invalidRequest, message: "a message needs a `method`"))
            return
        }
        let params = message.member("params") ?? .null
        if let id {
            if cancelled.contains(id) {
                connection.respond(to: id, error: ResponseError(code: ResponseError.requestCancelled, message: "cancelled"))
                return
            }
            do {
                connection.respond(to: id, result: try request(method, params))
            } catch {
                connection.respond(to: id, error: error)
            }
        } else {
            do {
                try notification(method, params)
            } catch {
                ServerLog.write("\(method): \(error.message)")
            }
        }
    }

    private func request(_ method: String, _ params: JSONValue) throws(ResponseError) -> JSONValue {
        switch phase {
        case .waitingForInitialize where method != "initialize":
            throw ResponseError(code: ResponseError.serverNotInitialized, message: "the server is not initialized; send `initialize` first")
        case .running where method == "initialize":
            throw ResponseError(code: ResponseError.invalidRequest, message: "`initialize` was already sent")
        case .shutDown:
            throw ResponseError(code: ResponseError.invalidRequest, message: "the server is shut down; only `exit` is accepted")
        default: break
        }
        switch method {
        case "initialize": return try initialize(params)
        case "shutdown": return shutdown()
        case "textDocument/codeAction": return try codeAction(params)
        case "textDocument/hover": return try hover(params)
        default: throw ResponseError(code: ResponseError.methodNotFound, message: "unknown method `\(method)`")
        }
    }

    private func notification(_ method: String, _ params: JSONValue) throws(ResponseError) {
        if method == "exit" { return exit() }
        guard phase == .running else { return }  // before `initialize` and after `shutdown`: dropped
        switch method {
        case "textDocument/didOpen": try didOpen(params)
        case "textDocument/didChange": try didChange(params)
        case "textDocument/didSave": try didSave(params)
        case "textDocument/didClose": try didClose(params)
        case "notebookDocument/didOpen": try notebookDidOpen(params)
        case "notebookDocument/didChange": try notebookDidChange(params)
        case "notebookDocument/didClose": try notebookDidClose(params)
        case "workspace/didChangeConfiguration": didChangeConfiguration(params)
        default: break  // `initialized`, `$/cancelRequest`, `$/setTrace` and unknown notifications
        }
    }

    // MARK: Scans and diagnostics

    /// Marks a document for scanning once input pauses.
    func scheduleScan(_ uri: String) {
        if pendingScans.isEmpty { pendingSince = LanguageServer.now() }
        if !pendingScans.contains(uri) { pendingScans.append(uri) }
    }

    func scheduleScanOfAllDocuments() {
        for uri in documents.keys.sorted() { scheduleScan(uri) }
    }

    func publishPendingDiagnostics() {
        let uris = pendingScans
        pendingScans.removeAll()
        for uri in uris { publishDiagnostics(uri) }
    }

    /// The document's scan for its current version, scanning now if the last one is stale (and
    /// publishing its diagnostics, so what the editor shows matches what code actions see).
    func analysis(of uri: String) -> Analysis? {
        guard let document = documents[uri] else { return nil }
        if let analysis = document.analysis, analysis.version == document.version { return analysis.result }
        publishDiagnostics(uri)
        pendingScans.removeAll { $0 == uri }
        return documents[uri]?.analysis?.result
    }

    private func publishDiagnostics(_ uri: String) {
        guard var document = documents[uri] else { return }
        let outcome = workspace.analyze(document)
        report(outcome.problems, configuration: outcome.configuration)
        let result = outcome.analysis
        document.analysis = (document.version, result)
        // A buffer Homeport does not read gets diagnostics only to clear earlier ones.
        if result != nil || document.publishedVersion != nil {
            let earlier = diagnosticTails.removeValue(forKey: uri) ?? []
            // Room for the whole message at once: the last publish's diagnostics tell their size
            // (a range takes at most 96 bytes); growing the buffer copies all written so far.
            let findings = result?.findings.count ?? 0
            let capacity = earlier.isEmpty ? 256 + findings * 480
                : 256 + findings * 96 + earlier.reduce(0) { $0 + $1.bytes.count } * (findings + 1) / earlier.count
            var tails: [DiagnosticTail] = []
            connection.notify("textDocument/publishDiagnostics", reserving: capacity) { params in
                writeDiagnosticsParams(uri: uri, version: document.version, analysis: result,
                                       reusing: earlier, tails: &tails, into: &params)
            }
            if !tails.isEmpty { diagnosticTails[uri] = tails }
            document.publishedVersion = document.version
        }
        documents[uri] = document
    }

    func clearDiagnostics(_ uri: String) {
        diagnosticTails[uri] = nil
        connection.notify("textDocument/publishDiagnostics", .object([("uri", .string(uri)), ("diagnostics", .array([]))]))
    }

    /// Shows each new setup problem once (`window/showMessage`) and puts diagnostics on the files
    /// at fault (a `.homeport.yml`, a catalog); clears them once `configuration` loads cleanly.
    func report(_ problems: [EditorProblem], configuration: String) {
        let shown = shownProblems[configuration] ?? []
        guard problems != shown else { return }
        for problem in problems where !shown.contains(problem) {
            ServerLog.write(problem.text)
            connection.notify("window/showMessage", .object([
                ("type", .int(1)), ("message", .string("Homeport: " + problem.text)),
            ]))
        }
        let files = Set((shown + problems).compactMap { $0.line != nil ? $0.file : nil })
        for file in files.sorted() {
            let located = problems.filter { $0.file == file && $0.line != nil }
            connection.notify("textDocument/publishDiagnostics", .object([
                ("uri", .string(FileURI.uri(forPath: file))),
                ("diagnostics", .array(located.map(setupDiagnostic))),
            ]))
        }
        shownProblems[configuration] = problems
    }
}
