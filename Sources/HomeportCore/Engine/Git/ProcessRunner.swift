// Running a helper program (git) to completion: both output pipes drained, standard input given
// or closed. posix_spawn + poll, so neither Foundation's Process nor a second thread is needed.

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
public struct SpawnError: BilingualError {
    public var executable: String
    public var code: Int32

    public func description(in language: MessageLanguage) -> String {
        CoreMessage.cannotRun.format(language, ["program": executable, "reason": String(cString: strerror(code))])
    }
}

public enum ProcessRunner {
    /// Runs `executable` with `arguments` (in `directory`; with `environment` instead of ours when
    /// given; `input` on its standard input, else /dev/null), writing the input and reading stdout
    /// and stderr as they come so no pipe fills up and blocks either side. Throws only when it
    /// cannot be started.
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                           environment: [String: String]? = nil, input: [UInt8]? = nil) throws -> ProcessOutput {
        try start(executable, arguments, in: directory, environment: environment, input: input).wait()
    }

    /// Starts `executable` like `run` and returns at once: the caller does other work while it runs,
    /// then collects its output with `wait()` (until then a full pipe pauses the child, nothing more).
    public static func start(_ executable: String, _ arguments: [String], in directory: String? = nil,
                             environment: [String: String]? = nil, input: [UInt8]? = nil) throws -> RunningProcess {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        // Standard input is a socket pair, not a pipe: send(MSG_NOSIGNAL) to a child that exits
        // without reading it all fails with EPIPE instead of killing this process with SIGPIPE.
        var inputPair: [Int32] = [-1, -1]
        guard makePipe(&outputPipe) else { throw SpawnError(executable: executable, code: errno) }
        guard makePipe(&errorPipe) else {
            let code = errno
            close(outputPipe[0]); close(outputPipe[1])
            throw SpawnError(executable: executable, code: code)
        }
        if input != nil {
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &inputPair) == 0 else {
                let code = errno
                for end in outputPipe + errorPipe { close(end) }
                throw SpawnError(executable: executable, code: code)
            }
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, inputPair[1], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
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
        if input != nil { close(inputPair[1]) }
        guard spawned == 0 else {
            close(outputPipe[0]); close(errorPipe[0])
            if input != nil { close(inputPair[0]) }
            throw SpawnError(executable: executable, code: spawned)
        }

        return RunningProcess(pid: pid, input: input ?? [], inputSocket: inputPair[0], output: outputPipe[0],
                              error: errorPipe[0])
    }

    /// A child started by `start`, whose pipes are drained and which is waited for by `wait()`.
    public struct RunningProcess: ~Copyable {
        let pid: pid_t
        let input: [UInt8]
        let inputSocket: Int32
        let output: Int32
        let error: Int32

        /// Writes the input, reads both outputs to their end and waits for the child to exit.
        public consuming func wait() -> ProcessOutput {
            var stdout: [UInt8] = []
            var stderr: [UInt8] = []
            ProcessRunner.exchange(input, to: inputSocket, output: output, into: &stdout, error: error, into: &stderr)
            close(output)
            close(error)

            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
            let signal = status & 0x7f
            let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
            return ProcessOutput(status: exitStatus, stdout: stdout, stderr: stderr)
        }
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

    /// Writes `input` to `inputSocket` (when it is open; closed once all is written or the child
    /// stops reading) while reading `output` and `error` until both reach end of file.
    fileprivate static func exchange(_ input: [UInt8], to inputSocket: Int32, output: Int32, into outputBytes: inout [UInt8],
                                 error: Int32, into errorBytes: inout [UInt8]) {
        var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: error, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: inputSocket, events: Int16(POLLOUT), revents: 0)]
        var written = 0
        if inputSocket >= 0 && input.isEmpty {
            close(inputSocket)
            fds[2].fd = -1
        }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while fds[0].fd >= 0 || fds[1].fd >= 0 {
            if poll(&fds, nfds_t(fds.count), -1) == -1 {
                if errno == EINTR { continue }
                return
            }
            if fds[2].fd >= 0 && fds[2].revents != 0 {
                // Writable means at least one pipe-atomic chunk fits: never more, so this never blocks.
                let chunk = min(input.count - written, Int(PIPE_BUF))
                let count = input.withUnsafeBytes { send(fds[2].fd, $0.baseAddress! + written, chunk, Int32(MSG_NOSIGNAL)) }
                if count > 0 { written += count }
                if written == input.count || (count < 0 && errno != EINTR && errno != EAGAIN) {
                    close(fds[2].fd)
                    fds[2].fd = -1  // poll ignores negative descriptors
                }
            }
            for index in 0..<2 where fds[index].fd >= 0 && fds[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if index == 0 { outputBytes.append(contentsOf: buffer[..<count]) }
                    else { errorBytes.append(contentsOf: buffer[..<count]) }
                } else if count == 0 || errno != EINTR {
                    fds[index].fd = -1
                }
            }
        }
        if fds[2].fd >= 0 { close(fds[2].fd) }
    }

    /// `git -C directory arguments…` (with `input` on its standard input): its standard output, or
    /// an error carrying git's message.
    public static func git(_ arguments: [String], in directory: String, input: [UInt8]? = nil) throws -> [UInt8] {
        try gitOutput(startGit(arguments, in: directory, input: input).wait(), arguments)
    }

    /// `git -C directory arguments…` started, for `gitOutput(_:_:)` once its output is wanted.
    public static func startGit(_ arguments: [String], in directory: String, input: [UInt8]? = nil) throws -> RunningProcess {
        do {
            return try start("/usr/bin/env", ["git", "-C", directory] + arguments, input: input)
        } catch {
            throw GitError(text: LocalizedText(en: MessageLanguage.english.describe(error),
                                               zh: MessageLanguage.simplifiedChinese.describe(error)))
        }
    }

    /// The standard output of a finished git, or an error carrying git's message.
    public static func gitOutput(_ result: ProcessOutput, _ arguments: [String]) throws -> [UInt8] {
        guard result.status == 0 else {
            let message = String(decoding: result.stderr, as: UTF8.self)
                .trimmingWhitespace()
            throw GitError(text: LocalizedText(untranslated: "git \(arguments.first ?? ""): \(message)"))
        }
        return result.stdout
    }
}

/// git could not be run, or failed: its own message (English only) after the subcommand.
public struct GitError: BilingualError {
    public var text: LocalizedText

    public func description(in language: MessageLanguage) -> String { text.text(in: language) }
}
