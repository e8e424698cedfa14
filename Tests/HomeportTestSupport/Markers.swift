// Test helpers shared by the test targets: marker-annotated snippets, locating the built binary and the SARIF validator.

import Foundation
import HomeportCore

/// Source text written with `⟪…⟫` around each span that must be reported.
public struct MarkedSource {
    /// The text with the markers removed.
    public let text: String
    /// Byte ranges (into `text`'s UTF-8) that the markers enclosed, in order.
    public let spans: [Range<Int>]

    public static let open = "⟪"
    public static let close = "⟫"

    public init(_ marked: String) {
        var bytes: [UInt8] = []
        var spans: [Range<Int>] = []
        var openAt: [Int] = []
        let source = Array(marked.utf8)
        let openBytes = Array(MarkedSource.open.utf8)
        let closeBytes = Array(MarkedSource.close.utf8)
        var i = 0
        while i < source.count {
            if source[i...].starts(with: openBytes) {
                openAt.append(bytes.count)
                i += openBytes.count
            } else if source[i...].starts(with: closeBytes), let start = openAt.popLast() {
                spans.append(start..<bytes.count)
                i += closeBytes.count
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        precondition(openAt.isEmpty, "unbalanced ⟪ in test source")
        self.text = String(decoding: bytes, as: UTF8.self)
        self.spans = spans.sorted { $0.lowerBound < $1.lowerBound }
    }
}

public enum TestPaths {
    /// The package root (the directory holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The `homeport` executable built beside the test bundle (or `HOMEPORT_BIN`).
    public static let homeportBinary: URL = {
        if let override = ProcessInfo.processInfo.environment["HOMEPORT_BIN"] {
            return URL(fileURLWithPath: override)
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("homeport")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/homeport")
    }()

    /// The SARIF validator kept in the repository (schema and GitHub checks; see its README), so the
    /// tests need nothing beside the clone.
    public static let sarifValidator = packageRoot.appendingPathComponent("Tests/SARIFValidation/validate-sarif.py")
}

/// What a finished process printed and returned.
public struct ProcessResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum Run {
    /// Runs `executable` with `arguments` in `directory`, standard input closed.
    public static func process(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                               environment: [String: String]? = nil) throws -> ProcessResult {
        let output = try runRetryingWhileBusy(executable.path, arguments, in: directory?.path, environment: environment)
        return ProcessResult(status: output.status,
                             stdout: String(decoding: output.stdout, as: UTF8.self),
                             stderr: String(decoding: output.stderr, as: UTF8.self))
    }

    /// ProcessRunner.run, again when the executable is "busy": one a test has just written (a copied
    /// homeport, a git wrapper) stays so while a child that another test thread is spawning at that
    /// moment holds the inherited write descriptor, until that child's exec — microseconds.
    private static func runRetryingWhileBusy(_ executable: String, _ arguments: [String], in directory: String?,
                                             environment: [String: String]?) throws -> ProcessOutput {
        for attempt in 1... {
            do {
                return try ProcessRunner.run(executable, arguments, in: directory, environment: environment)
            } catch let error as SpawnError where error.code == ETXTBSY && attempt < 50 {
                usleep(20_000)
            }
        }
        fatalError("unreachable")
    }

    /// Runs the built `homeport` (with `environment` instead of ours when given, plus `extra`) in a
    /// neutral locale: HOMEPORT_LANG, LC_ALL, LC_MESSAGES and LANG are removed unless `extra` sets
    /// them, so output does not depend on the machine running the tests.
    public static func homeport(_ arguments: [String], in directory: URL? = nil,
                                environment: [String: String]? = nil,
                                adding extra: [String: String] = [:]) throws -> ProcessResult {
        var environment = environment ?? ProcessInfo.processInfo.environment
        for name in localeVariables { environment[name] = nil }
        environment.merge(extra) { $1 }
        return try process(TestPaths.homeportBinary, arguments, in: directory, environment: environment)
    }

    /// Runs git with a committer identity and defaults that do not depend on the machine's
    /// configuration (branch name, signing).
    public static func git(_ arguments: [String], in directory: URL) throws -> ProcessResult {
        try process(URL(fileURLWithPath: "/usr/bin/env"),
                    ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                     "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"] + arguments,
                    in: directory)
    }

    /// `validate-sarif.py` on `sarif`: status 0 when it is valid SARIF 2.1.0 that GitHub accepts.
    public static func sarifValidator(on sarif: URL) throws -> ProcessResult {
        try process(URL(fileURLWithPath: "/usr/bin/env"), ["python3", TestPaths.sarifValidator.path, sarif.path])
    }

    /// `Run.git`, which must succeed: a failure is thrown with git's message.
    public static func requireGit(_ arguments: [String], in directory: URL) throws {
        let result = try git(arguments, in: directory)
        guard result.status == 0 else { throw CommandFailed(description: "git \(arguments): \(result.stderr)") }
    }

    /// The variables that choose Homeport's language.
    public static let localeVariables = ["HOMEPORT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]

    /// A new empty directory under the system's temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("homeport-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A helper command that a test needed to succeed, and its message.
public struct CommandFailed: Error, CustomStringConvertible {
    public var description: String
}

/// Writes `text` to `name` (a relative path, folders made as needed) in `directory`.
public func write(_ text: String, to name: String, in directory: URL) throws {
    let url = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}
