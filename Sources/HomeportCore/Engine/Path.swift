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
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` itself (not a symbolic link's target) is a regular file.
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether `path` is a symbolic link whose target (resolved) lies outside `directory`.
    public static func linksOutside(_ path: String, of directory: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return false }
        guard let target = resolvingSymlinks(path) else { return true }
        let root = resolvingSymlinksIfPossible(directory)
        return !(target + "/").hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// Whether `path` exists, and whether it is a directory (symlinks followed).
    public static func kind(of path: String) -> (exists: Bool, isDirectory: Bool) {
        var info = stat()
        guard stat(path, &info) == 0 else { return (false, false) }
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
