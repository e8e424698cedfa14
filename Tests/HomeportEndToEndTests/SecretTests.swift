// Keys of every OpenAI shape planted in Python, Swift, C and C++: no output of any command, the
// baseline file or the language server ever holds one of them.

import Foundation
import HomeportTestSupport
import Testing
@testable import HomeportCore

@Suite struct SecretTests {
    /// Legacy, project, service-account and admin keys; each body is unique, so any leak is found.
    static let keys: [String] = ["", "proj-", "svcacct-", "admin-"].enumerated().map { index, kind in
        "sk-" + kind + "Leak\(index)" + String(repeating: "Q", count: 16) + "T3BlbkFJ" + String(repeating: "z", count: 16) + "End\(index)"
    }

    /// Files that hold every key, in a call (a fix rewrites that line), a constant and a macro.
    static let files: [(name: String, language: String, text: String)] = [
        ("app.py", "python", """
            import openai
            client = openai.OpenAI(api_key="\(keys[1])", base_url="https://api.openai.com/v1")
            KEYS = ["\(keys[0])", "\(keys[2])", "\(keys[3])"]
            MODEL = "gpt-4o"

            """),
        ("App.swift", "swift", """
            let key = "\(keys[0])"; let model = "gpt-4o"; let url = "https://api.openai.com/v1"
            let keys = ["\(keys[1])", "\(keys[2])", "\(keys[3])"]

            """),
        ("client.c", "c", """
            #define KEY "\(keys[3])"
            static const char *url = "https://api.openai.com/v1"; static const char *k = "\(keys[0])";
            const char *ks[] = {"\(keys[1])", "\(keys[2])", "gpt-4o"};

            """),
        ("client.cpp", "cpp", """
            auto k = "\(keys[2])"; auto url = "https://api.openai.com/v1/chat/completions";
            std::string ks[] = {"\(keys[0])", "\(keys[1])", "\(keys[3])", "gpt-4o"};

            """),
    ]

    /// Where a key's secret part shows: the part after what the finding may reveal (`sk-proj-`).
    static func leaks(in text: String) -> [String] {
        keys.filter { key in text.contains(key) || text.contains(String(key.dropFirst(12))) }
    }

    func tree() throws -> URL {
        let folder = try Run.temporaryDirectory()
        for file in Self.files { try write(file.text, to: "src/" + file.name, in: folder) }
        return folder
    }

    @Test func noCommandOutputHoldsAKey() throws {
        let folder = try tree()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [(String, ProcessResult)] = []
        for format in ["text", "json", "sarif", "github"] {
            outputs.append(("scan --format \(format)", try Run.homeport(["scan", "src", "--format", format, "--no-color"], in: folder)))
        }
        for target in ["deepseek", "qwen"] {
            outputs.append(("fix --diff --target \(target)",
                            try Run.homeport(["fix", "src", "--diff", "--unsafe-fixes", "--target", target], in: folder)))
        }
        outputs.append(("plan", try Run.homeport(["plan", "src"], in: folder)))
        outputs.append(("baseline", try Run.homeport(["baseline", "src", "-o", "baseline.json"], in: folder)))
        outputs.append(("scan --baseline", try Run.homeport(["scan", "src", "--baseline", "baseline.json", "--format", "sarif"], in: folder)))
        // Each file's key findings are there to leak from.
        let sarif = try #require(outputs.first { $0.0 == "scan --format sarif" }?.1.stdout)
        #expect(sarif.components(separatedBy: "\"openai-key\"").count > 16)
        for (command, result) in outputs {
            #expect(Self.leaks(in: result.stdout + result.stderr) == [], "\(command) prints a key")
        }
        let baseline = try String(contentsOf: folder.appendingPathComponent("baseline.json"), encoding: .utf8)
        #expect(Self.leaks(in: baseline) == [], "the baseline file holds a key")
        // Fixing for real still leaves the keys in the files (a key is never rewritten) and prints none.
        let fix = try Run.homeport(["fix", "src", "--unsafe-fixes", "--target", "deepseek"], in: folder)
        #expect(Self.leaks(in: fix.stdout + fix.stderr) == [])
        let fixed = try String(contentsOf: folder.appendingPathComponent("src/app.py"), encoding: .utf8)
        #expect(fixed.contains(Self.keys[1]) && fixed.contains("api.deepseek.com"))
    }

    @Test func theLanguageServerShowsNoKey() throws {
        let server = LanguageServerTests()
        let (client, _) = try server.started()
        var everything: [JSONValue] = []
        for file in Self.files {
            let uri = "file:///tmp/homeport-secret-test/" + file.name
            server.open(client, uri: uri, text: file.text, language: file.language)
            let diagnostics = try client.diagnostics(for: uri, version: 1)
            #expect(diagnostics.filter { $0.member("code") == .string("openai-key") }.count >= 4, "\(file.name)")
            everything += diagnostics
            for (line, text) in file.text.split(separator: "\n").enumerated() {
                for character in stride(from: 0, to: text.utf16.count, by: 7) {
                    everything.append(try client.request("textDocument/hover", #"""
                        {"textDocument":{"uri":"\#(uri)"},"position":{"line":\#(line),"character":\#(character)}}
                        """#))
                    everything += try server.codeActions(client, uri: uri, line: line, character: character)
                }
            }
        }
        let text = String(decoding: JSONValue.array(everything).compactBytes(), as: UTF8.self)
        #expect(Self.leaks(in: text) == [])
        try server.shutDown(client)
        #expect(Self.leaks(in: client.stderr) == [])
    }
}
