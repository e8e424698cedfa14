// The built binary where libclang cannot be loaded: Python and Swift still scanned, C and C++ files
// reported once on one line, and the exit code says the scan was partial.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct ClangAbsenceTests {
    func tree() throws -> URL {
        let temp = try Run.temporaryDirectory()
        let files = [
            "app.py": "MODEL = 'gpt-4o'\n",
            "client.c": "const char *u = \"https://api.openai.com/v1\";\n",
            "chat.cpp": "#include \"liboai.h\"\n",
            "quiet.c": "int main(void) { return 0; }\n",  // no trigger literal: needs no libclang
        ]
        for (name, text) in files {
            try Data(text.utf8).write(to: temp.appendingPathComponent(name))
        }
        return temp
    }

    func scan(in directory: URL, libclang: String?) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["HOMEPORT_LIBCLANG"] = libclang
        return try Run.process(TestPaths.homeportBinary, ["scan", "--format", "json"], in: directory,
                               environment: environment)
    }

    @Test func missingLibclangIsOneErrorLineAndAnIncompleteScan() throws {
        let temp = try tree()
        defer { try? FileManager.default.removeItem(at: temp) }
        let result = try scan(in: temp, libclang: "/nonexistent/libclang.so")
        #expect(result.status == 3)
        #expect(result.stderr == "homeport: chat.cpp: error: libclang not found (tried /nonexistent/libclang.so); "
                + "2 C/C++ files not scanned (this one and 1 more) — install libclang-dev (apt-get install -y libclang-dev)\n")
        #expect(result.stdout.contains("\"match\": \"gpt-4o\""))
        #expect(!result.stdout.contains("api.openai.com/v1\""))
        #expect(result.stdout.contains("\"complete\": false"))
    }

    @Test func withLibclangTheSameTreeIsScannedFully() throws {
        let temp = try tree()
        defer { try? FileManager.default.removeItem(at: temp) }
        let result = try scan(in: temp, libclang: nil)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout.contains("\"match\": \"https://api.openai.com/v1\""))
        #expect(result.stdout.contains("\"match\": \"liboai.h\""))
    }
}
