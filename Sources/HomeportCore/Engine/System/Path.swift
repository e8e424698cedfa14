// POSIX path arithmetic on strings (FoundationEssentials has no NSString path methods).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum Path {
    /// `path` with `.` and empty components removed and `..` applied to the component before it
    /// (at the root it stays the root; a relative path keeps leading `..`). No trailing slash, and
    /// no symlinks resolved: `a/b/../c` is `a/c`, `/x/./y/` is `/x/y`, `` and `.` stay `.`.
    public static func standardize(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() }
                else if !isAbsolute { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` made absolute against `directory` (when relative) and standardized.
    public static func absolute(_ path: String, in directory: String) -> String {
        standardize(path.hasPrefix("/") ? path : directory + "/" + path)
    }

    /// The folder holding `path`: `a/b/c.py` → `a/b`, `c.py` → ``, `/c.py` → `/`.
    public static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// The last component: `a/b/c.py` → `c.py`.
    public static func lastComponent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The canonical absolute path with every symlink resolved, or nil when some component does
    /// not exist.
    public static func resolvingSymlinks(_ path: String) -> String? {
        guard let resolved = withFileSystemPath(path, { realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return fromFileSystem(UnsafeBufferPointer(start: resolved, count: strlen(resolved)).map { UInt8(bitPattern: $0) })
    }

    /// Whether `path` itself (not a symbolic link's target) is a regular file.
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return withFileSystemPath(path) { lstat($0, &info) } == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether `path` is a symbolic link whose target (resolved) lies outside `directory`.
    public static func linksOutside(_ path: String, of directory: String) -> Bool {
        var info = stat()
        guard withFileSystemPath(path, { lstat($0, &info) }) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return false }
        guard let target = resolvingSymlinks(path) else { return true }
        let root = resolvingSymlinksIfPossible(directory)
        return !(target + "/").hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// Whether `path` exists, and whether it is a directory (symlinks followed).
    public static func kind(of path: String) -> (exists: Bool, isDirectory: Bool) {
        var info = stat()
        guard withFileSystemPath(path, { stat($0, &info) }) == 0 else { return (false, false) }
        return (true, (info.st_mode & S_IFMT) == S_IFDIR)
    }
}

extension Path {
    /// The process's working directory (`getcwd`), or `.` when it cannot be read (removed folder).
    public static var currentDirectory: String {
        guard let pointer = getcwd(nil, 0) else { return "." }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// `path` with symlinks resolved when it exists, else unchanged.
    public static func resolvingSymlinksIfPossible(_ path: String) -> String {
        resolvingSymlinks(path) ?? path
    }
}

// File names are bytes; Homeport's paths are Swift strings. A name that is not UTF-8 is carried in a
// string with each byte that is not part of valid UTF-8 written as the private-use scalar U+10FF00 +
// byte (bytes 0x80–0xFF give U+10FF80–U+10FFFF), so it can be opened, scanned and reported like any
// other and written back to the file system exactly. A valid name that itself holds one of those
// scalars has the four bytes of each escaped too, so the mapping goes both ways for every name.
extension Path {
    private static let escapeBase: UInt32 = 0x10FF00

    /// `raw` (a file name or path as the file system holds it) as a string, invalid bytes escaped.
    public static func fromFileSystem(_ raw: some Collection<UInt8>) -> String {
        let bytes = Array(raw)
        guard UTF8Validation.firstInvalidOffset(bytes) != nil || bytes.contains(0xF4) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let length = UTF8Validation.sequenceLength(bytes, at: i)
            let isReserved = length == 4 && bytes[i] == 0xF4 && bytes[i + 1] == 0x8F && bytes[i + 2] >= 0xBE
            if length == 0 || isReserved {
                // A byte outside valid UTF-8 (or one of a reserved scalar's four): escaped one by one.
                for byte in bytes[i..<(i + max(length, 1))] {
                    scalars.append(Unicode.Scalar(escapeBase + UInt32(byte))!)
                }
                i += max(length, 1)
            } else {
                scalars.append(contentsOf: String(decoding: bytes[i..<(i + length)], as: UTF8.self).unicodeScalars)
                i += length
            }
        }
        return String(scalars)
    }

    /// The bytes the file system knows `path` by: `fromFileSystem` undone.
    public static func fileSystemBytes(_ path: String) -> [UInt8] {
        guard hasEscapes(path) else { return Array(path.utf8) }
        var bytes: [UInt8] = []
        for scalar in path.unicodeScalars {
            if isEscape(scalar) {
                bytes.append(UInt8(scalar.value - escapeBase))
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Whether `path` holds bytes that are not UTF-8 (escaped by `fromFileSystem`).
    public static func hasEscapes(_ path: String) -> Bool {
        // Every escape's UTF-8 starts with 0xF4: looked for in place (`utf8.contains` took ~25
        // instructions a byte, and this runs at every open and for every reported path).
        let mayHave = path.utf8.withContiguousStorageIfAvailable { $0.contains(0xF4) } ?? path.utf8.contains(0xF4)
        return mayHave && path.unicodeScalars.contains(where: isEscape)
    }

    /// Whether `scalar` stands for one byte of a name that is not UTF-8.
    private static func isEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= escapeBase + 0x80 && scalar.value <= escapeBase + 0xFF
    }

    /// `path` as people read it: each escaped byte shows as U+FFFD, as terminals show such bytes.
    public static func shown(_ path: String) -> String {
        guard hasEscapes(path) else { return path }
        return String(String.UnicodeScalarView(path.unicodeScalars.map {
            isEscape($0) ? "\u{FFFD}" : $0
        }))
    }

    /// Calls `body` with `path` as the NUL-terminated bytes system calls take.
    public static func withFileSystemPath<T>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        guard hasEscapes(path) else { return try path.withCString(body) }
        let bytes = fileSystemBytes(path).map { CChar(bitPattern: $0) } + [0]
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}
