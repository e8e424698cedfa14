// Running a helper program (git) to completion: both output pipes drained, standard input closed.
// posix_spawn + poll, so neither Foundation's Process nor a second thread is needed.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: [UInt8]
}

/// A program that could not be started, with the system's reason.
public struct SpawnError: Error, CustomStringConvertible {
    public var executable: String
    public var code: Int32
    public var description: String { "cannot run \(executable): \(String(cString: strerror(code)))" }
}

public enum ProcessRunner {
    /// Runs `executable` with `arguments` (in `directory`; with `environment` instead of ours when
    /// given), reading stdout and stderr as they come so neither pipe fills up and blocks the
    /// child. Throws only when it cannot be started.
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                           environment: [String: String]? = nil) throws -> ProcessOutput {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard makePipe(&outputPipe) else { throw SpawnError(executable: executable, code: errno) }
        guard makePipe(&errorPipe) else {
            let code = errno
            close(outputPipe[0]); close(outputPipe[1])
            throw SpawnError(executable: executable, code: code)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        // Nothing else this process has open reaches the child: a descriptor another thread just
        // opened (a pipe before its close-on-exec flag is set, a file being written) would otherwise
        // stay open in the child — keeping pipes from reaching end of file, or making an executable
        // that is being copied "busy".
        _ = addClosefromAction?(&actions, 3)
        if let directory {
            guard let addChdir = addChdirAction else { throw SpawnError(executable: executable, code: ENOSYS) }
            _ = addChdir(&actions, directory)
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        // The given environment, else ours as it is.
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp ?? [] { free(pointer) }
        }

        var pid: pid_t = 0
        let spawned = envp.map { posix_spawn(&pid, executable, &actions, nil, argv, $0) }
            ?? posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(outputPipe[1])
        close(errorPipe[1])
        guard spawned == 0 else {
            close(outputPipe[0]); close(errorPipe[0])
            throw SpawnError(executable: executable, code: spawned)
        }

        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        drain(outputPipe[0], into: &stdout, and: errorPipe[0], into: &stderr)
        close(outputPipe[0])
        close(errorPipe[0])

        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
        let signal = status & 0x7f
        let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return ProcessOutput(status: exitStatus, stdout: stdout, stderr: stderr)
    }

    /// A pipe whose ends are closed in the child on exec (the child's copies made by dup2 stay open).
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// glibc 2.29's `posix_spawn_file_actions_addchdir_np`, which the Glibc module does not export.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                 UnsafePointer<CChar>) -> Int32
    private static let addChdirAction = SystemInfo.libcFunction("posix_spawn_file_actions_addchdir_np",
                                                                as: AddChdir.self)

    /// glibc 2.34's `posix_spawn_file_actions_addclosefrom_np`.
    private typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addClosefromAction = SystemInfo.libcFunction("posix_spawn_file_actions_addclosefrom_np",
                                                                    as: AddClosefrom.self)

    /// Reads both descriptors until both reach end of file.
    private static func drain(_ first: Int32, into firstBytes: inout [UInt8],
                              and second: Int32, into secondBytes: inout [UInt8]) {
        var fds = [pollfd(fd: first, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while fds.contains(where: { $0.fd >= 0 }) {
            if poll(&fds, nfds_t(fds.count), -1) == -1 {
                if errno == EINTR { continue }
                return
            }
            for index in fds.indices where fds[index].fd >= 0 && fds[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if index == 0 { firstBytes.append(contentsOf: buffer[..<count]) }
                    else { secondBytes.append(contentsOf: buffer[..<count]) }
                } else if count == 0 || errno != EINTR {
                    fds[index].fd = -1  // poll ignores negative descriptors
                }
            }
        }
    }

    /// `git -C directory arguments…`: its standard output, or an error carrying git's message.
    static func git(_ arguments: [String], in directory: String) throws -> [UInt8] {
        let result: ProcessOutput
        do {
            result = try run("/usr/bin/env", ["git", "-C", directory] + arguments)
        } catch {
            throw GitError(description: "\(error)")
        }
        guard result.status == 0 else {
            let message = String(decoding: result.stderr, as: UTF8.self)
                .trimmingWhitespace()
            throw GitError(description: "git \(arguments.first ?? ""): \(message)")
        }
        return result.stdout
    }
}

public struct GitError: Error, CustomStringConvertible {
    public var description: String
}
