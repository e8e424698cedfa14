// Writing whole texts to standard output and standard error without Foundation's FileHandle.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum StandardStream: Int32, Sendable {
    case output = 1
    case error = 2

    /// Writes all of `text`. Returns false when the stream is closed or broken (e.g.
    /// `homeport scan | head`), which callers may ignore.
    @discardableResult
    public func write(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { FileDescriptor.writeAll(UnsafeRawBufferPointer($0), to: rawValue) } == nil
    }

    /// Whether the stream is a terminal.
    public var isTerminal: Bool { isatty(rawValue) == 1 }
}

public enum FileDescriptor {
    /// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes; the error
    /// number when it fails.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
