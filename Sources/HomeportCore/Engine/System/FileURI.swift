// `file:` URIs and paths, both ways: SARIF artifact locations and the language server's documents.

public enum FileURI {
    /// Percent-encodes everything but RFC 3986 unreserved characters and `/`: the bytes the file
    /// system knows the path by, so a name that is not UTF-8 is named exactly.
    public static func percentEncode(_ path: String) -> String {
        var out = ""
        for byte in Path.fileSystemBytes(path) {
            if ASCII.isLetter(byte) || ASCII.isDigit(byte) || "-._~/".utf8.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// `%XX` escapes decoded as bytes, then read as a path (`Path.fromFileSystem`); a `%` not followed
    /// by two hex digits stays.
    public static func percentDecode(_ text: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "%"), input.count >= 2,
               let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return Path.fromFileSystem(bytes)
    }

    /// `file://` + the percent-encoded absolute path.
    public static func uri(forPath path: String) -> String {
        "file://" + percentEncode(path)
    }

    /// The local path a `file:` URI names (`file:///a%20b/c.py`, `file://localhost/x`), or nil for
    /// other schemes (`untitled:`) and other hosts. Query and fragment are not part of the path.
    public static func path(of uri: String) -> String? {
        guard let schemeEnd = uri.firstIndex(of: ":"), uri[..<schemeEnd].lowercased() == "file" else { return nil }
        var rest = uri[uri.index(after: schemeEnd)...]
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            let host = rest[..<hostEnd]
            guard host.isEmpty || host.lowercased() == "localhost" else { return nil }
            rest = rest[hostEnd...]
        }
        guard rest.hasPrefix("/") else { return nil }
        return percentDecode(String(rest))
    }
}
