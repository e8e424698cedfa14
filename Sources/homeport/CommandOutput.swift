// Where a command's result goes: a file named with --output (written atomically) or standard output.

import HomeportCore

/// Writes `text` to `output`, or to standard output without one. A write that fails ends the
/// command with exit code 2 and `failure` (`{path}`, `{reason}`) on standard error.
func writeResult(_ text: String, to output: String?, failure: CLIMessage = .cannotWriteReport) {
    guard let output else {
        StandardStream.output.write(text)
        return
    }
    writeResult(Array(text.utf8), to: output, failure: failure)
}

/// Like `writeResult(_:to:failure:)` for UTF-8 bytes (a report of many findings, not copied into a string).
func writeResult(_ bytes: [UInt8], to output: String?, failure: CLIMessage = .cannotWriteReport) {
    guard let output else {
        _ = bytes.withUnsafeBytes { FileDescriptor.writeAll($0, to: StandardStream.output.rawValue) }
        return
    }
    do {
        try AtomicFile.write(bytes, to: output)
    } catch {
        fail(say(failure, ["path": output, "reason": describe(error)]), code: .usage)
    }
}
