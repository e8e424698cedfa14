// Where a command's result goes: a file named with --output (written atomically) or standard output.

import HomeportCore

/// Writes `text` to `output`, or to standard output without one. A write that fails ends the
/// command with exit code 2 and `failure` (`{path}`, `{reason}`) on standard error.
func writeResult(_ text: String, to output: String?, failure: CLIMessage = .cannotWriteReport) {
    guard output != nil else {
        StandardStream.output.write(text)
        return
    }
    writeResult(Array(text.utf8), to: output, failure: failure)
}

/// `writeResult` of bytes that are UTF-8 text (a report written as bytes is not made a String first).
func writeResult(_ bytes: [UInt8], to output: String?, failure: CLIMessage = .cannotWriteReport) {
    guard let output else {
        // A closed or broken stream (`homeport scan | head`) is ignored, as `StandardStream.write` does.
        _ = bytes.withUnsafeBytes { FileDescriptor.writeAll($0, to: StandardStream.output.rawValue) }
        return
    }
    do {
        try AtomicFile.write(bytes, to: output)
    } catch {
        fail(say(failure, ["path": output, "reason": describe(error)]), code: .usage)
    }
}
