// Running a helper program (git) to completion: both output pipes drained, standard input closed.

import Foundation

public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data
}

public enum ProcessRunner {
    /// Runs `executable` with `arguments` (in `directory`), reading stdout and stderr concurrently
    /// so neither pipe fills up and blocks the child. Throws only when it cannot be started.
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                           environment: [String: String]? = nil) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus, stdout: data, stderr: errorData)
    }

    /// `git -C directory arguments…`: its standard output, or an error carrying git's message.
    static func git(_ arguments: [String], in directory: String) throws -> Data {
        let result: ProcessOutput
        do {
            result = try run("/usr/bin/env", ["git", "-C", directory] + arguments)
        } catch {
            throw GitError(description: "cannot run git: \(error.localizedDescription)")
        }
        guard result.status == 0 else {
            let message = String(decoding: result.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw GitError(description: "git \(arguments.first ?? ""): \(message)")
        }
        return result.stdout
    }
}

public struct GitError: Error, CustomStringConvertible {
    public var description: String
}
