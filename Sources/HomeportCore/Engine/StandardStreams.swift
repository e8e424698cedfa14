// Writing whole texts to standard output and standard error without Foundation's FileHandle.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum StandardStream: Int32, Sendable {
    case output = 1
    case error = 2

    /// Writes all of `text`, retrying short and interrupted writes. Returns false when the stream
    /// is closed or broken (e.g. `homeport scan | head`), which callers may ignore.
    @discardableResult
    public func write(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(rawValue, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Whether the stream is a terminal.
    public var isTerminal: Bool { isatty(rawValue) == 1 }
}
