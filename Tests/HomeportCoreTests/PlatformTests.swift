// Path arithmetic, the child-process runner and the lock: the pieces that replaced Foundation's
// NSString, Process and NSLock.

import HomeportCore
import Testing

@Suite struct PathTests {
    @Test(arguments: [
        ("/a/b/../c", "/a/c"), ("/x/./y/", "/x/y"), ("//x//y", "/x/y"), ("/..", "/"), ("/../a", "/a"),
        ("a/b/..", "a"), ("../a/../../b", "../../b"), ("", "."), (".", "."), ("./", "."), ("/", "/"),
        ("a/./b/./", "a/b"), ("é/ü/../ß", "é/ß"),
    ])
    func standardize(input: String, expected: String) {
        #expect(Path.standardize(input) == expected)
    }

    @Test func absoluteJoinsOnlyRelativePaths() {
        #expect(Path.absolute("src/app.py", in: "/repo/") == "/repo/src/app.py")
        #expect(Path.absolute("../other", in: "/repo/sub") == "/repo/other")
        #expect(Path.absolute("/etc/x", in: "/repo") == "/etc/x")
    }

    @Test func parentAndLastComponent() {
        #expect(Path.parent(of: "a/b/c.py") == "a/b")
        #expect(Path.parent(of: "c.py") == "")
        #expect(Path.parent(of: "/c.py") == "/")
        #expect(Path.parent(of: "/a/b/") == "/a")
        #expect(Path.parent(of: "/") == "/")
        #expect(Path.lastComponent(of: "a/b/c.py") == "c.py")
        #expect(Path.lastComponent(of: "a/b/") == "b")
        #expect(Path.lastComponent(of: "c.py") == "c.py")
    }

    @Test func kindAndSymlinks() {
        #expect(Path.kind(of: "/") == (true, true))
        #expect(Path.kind(of: "/bin/sh") == (true, false))
        #expect(Path.kind(of: "/no/such/file") == (false, false))
        #expect(Path.resolvingSymlinks("/no/such/file") == nil)
        #expect(Path.resolvingSymlinks("/usr/../usr/bin") == "/usr/bin")
    }
}

/// Names that are not UTF-8 travel in strings with their odd bytes escaped; every name must come back
/// byte for byte, and a valid name must stay itself.
@Suite struct FileSystemNameTests {
    @Test func validNamesAreThemselves() {
        for name in ["app.py", "数据/客户 端.py", "emoji 🎉.swift", "line\nfeed.py", ""] {
            #expect(Path.fromFileSystem(Array(name.utf8)) == name)
            #expect(!Path.hasEscapes(name))
            #expect(Path.shown(name) == name)
        }
    }

    @Test func everyByteStringComesBack() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        // Random bytes, with the reserved scalars' own encodings (F4 8F BE/BF xx) mixed in.
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(next() % 12) {
                bytes += next() % 5 == 0 ? [0xF4, 0x8F, 0xBE + next() % 2, 0x80 + next() % 64] : [next()]
            }
            let name = Path.fromFileSystem(bytes)
            #expect(Path.fileSystemBytes(name) == bytes, "\(bytes)")
            #expect(FileURI.percentDecode(FileURI.percentEncode(name)) == name)
        }
    }

    @Test func oddBytesAreShownAsReplacementCharacters() {
        let name = Path.fromFileSystem(Array("caf".utf8) + [0xE9] + Array(".py".utf8))
        #expect(Path.hasEscapes(name))
        #expect(Path.shown(name) == "caf\u{FFFD}.py")
        #expect(FileURI.percentEncode(name) == "caf%E9.py")
    }
}

@Suite struct ProcessRunnerTests {
    @Test func capturesBothStreamsAndTheStatus() throws {
        let result = try ProcessRunner.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(result.status == 3)
        #expect(String(decoding: result.stdout, as: UTF8.self) == "out\n")
        #expect(String(decoding: result.stderr, as: UTF8.self) == "err\n")
    }

    /// Both pipes are drained together: a child that fills stderr before writing stdout must not
    /// deadlock, and nothing is lost beyond the 64 KiB pipe buffer.
    @Test func largeOutputOnBothStreamsDoesNotBlock() throws {
        let script = "head -c 300000 /dev/zero >&2; head -c 500000 /dev/zero; head -c 200000 /dev/zero >&2"
        let result = try ProcessRunner.run("/bin/sh", ["-c", script])
        #expect(result.status == 0)
        #expect(result.stdout.count == 500_000)
        #expect(result.stderr.count == 500_000)
    }

    @Test func runsInTheGivenDirectoryWithTheGivenEnvironment() throws {
        let result = try ProcessRunner.run("/bin/sh", ["-c", "pwd; echo \"$HOMEPORT_PROBE\"; read x || echo eof"],
                                           in: "/usr", environment: ["HOMEPORT_PROBE": "é"])
        #expect(String(decoding: result.stdout, as: UTF8.self) == "/usr\né\neof\n")
    }

    @Test func largeInputIsFedWhileOutputIsRead() throws {
        // Larger than any pipe or socket buffer: writing it all before reading would deadlock.
        let input = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let result = try ProcessRunner.run("/bin/cat", [], input: input)
        #expect(result.status == 0)
        #expect(result.stdout == input)
    }

    @Test func childThatStopsReadingDoesNotKillUs() throws {
        // Without MSG_NOSIGNAL the write after the child exits would raise SIGPIPE in this process.
        let result = try ProcessRunner.run("/bin/sh", ["-c", "head -c 10 >/dev/null; echo done"],
                                           input: [UInt8](repeating: 0x61, count: 5_000_000))
        #expect(result.status == 0)
        #expect(String(decoding: result.stdout, as: UTF8.self) == "done\n")
    }

    @Test func killedChildReportsTheSignal() throws {
        let result = try ProcessRunner.run("/bin/sh", ["-c", "kill -9 $$"])
        #expect(result.status == 128 + 9)
    }

    @Test func aMissingProgramIsAnError() {
        #expect(throws: SpawnError.self) { try ProcessRunner.run("/no/such/program", []) }
    }
}

@Suite struct LockTests {
    @Test func guardsACounterAcrossThreads() async {
        final class Counter: @unchecked Sendable {
            let lock = Lock()
            var value = 0
        }
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<10_000 { counter.lock.withLock { counter.value += 1 } }
                }
            }
        }
        #expect(counter.value == 80_000)
    }
}

@Suite struct StringHelperTests {
    @Test func trimming() {
        #expect("  a b \t\n".trimmingWhitespace() == "a b")
        #expect(" \n ".trimmingWhitespace() == "")
        #expect("\u{3000}漢字\u{00A0}".trimmingWhitespace() == "漢字")
        #expect("/repo root \n\r\n".trimmingTrailingNewlines() == "/repo root ")
        #expect("\n".trimmingTrailingNewlines() == "")
    }

    @Test func padding() {
        #expect("ab".padded(to: 4) == "ab  ")
        #expect("abcdef".padded(to: 3) == "abc")
        #expect("漢字".padded(to: 3) == "漢字 ")
    }
}

@Suite struct SystemInfoTests {
    @Test func processorsAndEnvironment() throws {
        // coreutils' nproc counts the same affinity mask.
        let nproc = try ProcessRunner.run("/usr/bin/env", ["nproc"])
        #expect(String(decoding: nproc.stdout, as: UTF8.self) == "\(SystemInfo.activeProcessorCount)\n")
        #expect(SystemInfo.environment("PATH") != nil)
        #expect(SystemInfo.environment("HOMEPORT_SURELY_UNSET_VARIABLE") == nil)
        #expect(Path.currentDirectory.hasPrefix("/"))
    }
}
