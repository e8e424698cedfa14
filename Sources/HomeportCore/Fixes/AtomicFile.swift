// Writing a whole file so that readers see the old bytes or the new ones, never half of each.

#if canImport(Glibc)
import Glibc
#endif

public enum AtomicFile {
    /// Called with the temporary file's path once it is written and synced, just before the rename:
    /// the point a crash test stops the writer at (see `Fix.stopBeforeRenameForTests` in the CLI).
    nonisolated(unsafe) public static var beforeRename: ((String) -> Void)?

    /// Writes `bytes` through a sibling temporary file renamed over `path`, so readers never see a
    /// half-written file. An existing file keeps its permission bits and owner (a symbolic link's
    /// target is rewritten, not the link); a new one gets the usual `0666 & ~umask`. A device, FIFO
    /// or socket (`-o /dev/null`, `-o /dev/stdout`) is written in place: renaming over it would
    /// replace it with a regular file.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let target = Path.resolvingSymlinksIfPossible(path)
        var info = stat()
        let exists = Path.withFileSystemPath(target) { stat($0, &info) } == 0
        guard exists || errno == ENOENT else { throw POSIXError(errno) }
        if exists && (info.st_mode & S_IFMT) != S_IFREG {
            let descriptor = Path.withFileSystemPath(target) { open($0, O_WRONLY | O_TRUNC | O_CLOEXEC) }
            guard descriptor >= 0 else { throw POSIXError(errno) }
            defer { close(descriptor) }
            if let failure = bytes.withUnsafeBytes({ FileDescriptor.writeAll($0, to: descriptor) }) { throw POSIXError(failure) }
            return
        }
        let directory = Path.parent(of: target)
        let temporary = (directory.isEmpty ? "." : directory) + "/.homeport-\(getpid())-" + Path.lastComponent(of: target)
        let mode = exists ? info.st_mode & 0o7777 : 0o666
        // Names are bytes: one that is not UTF-8 is written back exactly (see `Path.fromFileSystem`).
        let descriptor = Path.withFileSystemPath(temporary) { open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        guard descriptor >= 0 else { throw POSIXError(errno) }
        if let writeFailed = bytes.withUnsafeBytes({ FileDescriptor.writeAll($0, to: descriptor) }) {
            close(descriptor)
            Path.withFileSystemPath(temporary) { _ = unlink($0) }
            throw POSIXError(writeFailed)
        }
        if exists {
            fchmod(descriptor, info.st_mode & 0o7777)
            _ = fchown(descriptor, info.st_uid, info.st_gid)
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            let code = errno
            Path.withFileSystemPath(temporary) { _ = unlink($0) }
            throw POSIXError(code)
        }
        beforeRename?(temporary)
        let renamed = Path.withFileSystemPath(temporary) { from in Path.withFileSystemPath(target) { rename(from, $0) } }
        guard renamed == 0 else {
            let code = errno
            Path.withFileSystemPath(temporary) { _ = unlink($0) }
            throw POSIXError(code)
        }
    }
}

/// A system call's failure, described as the system describes it (`strerror`).
public struct POSIXError: Error, CustomStringConvertible {
    public var code: Int32
    public init(_ code: Int32) { self.code = code }
    public var description: String { String(cString: strerror(code)) }
}
