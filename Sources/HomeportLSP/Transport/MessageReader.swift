// JSON-RPC framing: `Content-Length` headers and bodies cut out of a byte stream, with recovery
// from malformed headers so one bad message never ends the session.

/// A framing mistake: the header could not be read, so the message is lost; reading resumes at the
/// next header.
struct FramingError: Error, Equatable, CustomStringConvertible {
    var description: String
}

/// Collects bytes as they arrive and hands out whole message bodies.
struct MessageReader {
    /// Bodies above this are refused: no editor sends a 256 MiB document.
    static let maxBodyLength = 256 * 1_048_576
    /// A header that has not ended after this many bytes is not a header.
    static let maxHeaderLength = 8192

    private var buffer: [UInt8] = []
    private var start = 0
    /// After a bad header: skip to the next `Content-Length:` before reading a header again.
    private var resynchronizing = false

    /// Bytes received but not yet handed out.
    var bufferedCount: Int { buffer.count - start }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next complete body, a framing error (after which reading goes on), or nil when more
    /// input is needed.
    mutating func next() -> Result<[UInt8], FramingError>? {
        if resynchronizing {
            guard let header = firstIndex(of: MessageReader.contentLength, from: start, ignoringCase: true) else {
                // Keep what could be the start of the name, drop the rest.
                start = max(start, buffer.count - (MessageReader.contentLength.count - 1))
                return nil
            }
            start = header
            resynchronizing = false
        }
        guard let headerEnd = firstIndex(of: MessageReader.headerTerminator, from: start, ignoringCase: false) else {
            if buffer.count - start > MessageReader.maxHeaderLength {
                start = buffer.count
                resynchronizing = true
                return .failure(FramingError(description: "header longer than \(MessageReader.maxHeaderLength) bytes without an end"))
            }
            return nil
        }
        let length: Int
        switch contentLength(in: start..<headerEnd) {
        case .success(let value): length = value
        case .failure(let error):
            // The next header may begin inside this one (garbage ran into it): look from here on.
            start += 1
            resynchronizing = true
            return .failure(error)
        }
        let bodyStart = headerEnd + MessageReader.headerTerminator.count
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        start = bodyStart + length
        return .success(body)
    }

    private static let headerTerminator = Array("\r\n\r\n".utf8)
    private static let contentLength = Array("content-length:".utf8)

    /// The value of the one `Content-Length` header among `range`'s `Name: value` lines.
    private func contentLength(in range: Range<Int>) -> Result<Int, FramingError> {
        var length: Int?
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            let lineEnd = firstIndex(of: Array("\r\n".utf8), from: lineStart, ignoringCase: false).map { min($0, range.upperBound) }
                ?? range.upperBound
            let line = buffer[lineStart..<lineEnd]
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                return .failure(FramingError(description: "header line without a colon: \(quoted(line))"))
            }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingWhitespace()
            if name == "content-length" {
                guard let number = Int(value), number >= 0 else {
                    return .failure(FramingError(description: "Content-Length is not a number: \(quoted(line))"))
                }
                guard number <= MessageReader.maxBodyLength else {
                    return .failure(FramingError(description: "Content-Length \(number) is over the \(MessageReader.maxBodyLength)-byte limit"))
                }
                length = number
            }
            lineStart = lineEnd + 2
        }
        guard let length else { return .failure(FramingError(description: "header without Content-Length")) }
        return .success(length)
    }

    private func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        "`" + String(decoding: bytes.prefix(80), as: UTF8.self) + (bytes.count > 80 ? "…" : "") + "`"
    }

    private func firstIndex(of needle: [UInt8], from offset: Int, ignoringCase: Bool) -> Int? {
        guard needle.count <= buffer.count - offset else { return nil }
        var i = offset
        let last = buffer.count - needle.count
        while i <= last {
            var matched = true
            for k in 0..<needle.count {
                var byte = buffer[i + k]
                if ignoringCase, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte != needle[k] { matched = false; break }
            }
            if matched { return i }
            i += 1
        }
        return nil
    }
}
