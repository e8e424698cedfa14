// A command line that forgives typos, and completion scripts that shells accept and that complete.

import Foundation
import HomeportTestSupport
import Testing

@Suite struct TypoTests {
    @Test(arguments: [("sacn", "scan"), ("fxi", "fix"), ("pln", "plan"), ("explian", "explain"),
                      ("provders", "providers"), ("Scan", "scan"), ("completoins", "completions")])
    func aMistypedCommandIsAUsageErrorWithTheSuggestion(typed: String, meant: String) throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let result = try Run.homeport([typed, "."], in: temp)
        #expect(result.status == 2)
        #expect(result.stderr == "homeport: unknown command `\(typed)`; did you mean `\(meant)`? (see `homeport --help`)\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func anExistingPathIsScannedEvenWhenItLooksLikeATypo() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try FileManager.default.createDirectory(at: temp.appendingPathComponent("sacn"), withIntermediateDirectories: true)
        try Data("x = 1\n".utf8).write(to: temp.appendingPathComponent("sacn/app.py"))
        let result = try Run.homeport(["sacn", "--no-color"], in: temp)
        #expect(result.status == 0)
        #expect(result.stdout == "No OpenAI dependencies found in 1 file.\n")
    }

    @Test func aMissingPathFarFromEveryCommandIsStillAMissingPath() throws {
        let temp = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        for missing in ["src", "app.py", "lib/scan"] {
            let result = try Run.homeport([missing], in: temp)
            #expect(result.status == 3, "\(missing)")
            #expect(result.stderr == "homeport: \(missing): error: no such file or directory\n")
        }
    }

    @Test func theSuggestionIsInTheChosenLanguage() throws {
        let result = try Run.homeport(["sacn"], adding: ["HOMEPORT_LANG": "zh-CN"])
        #expect(result.status == 2)
        #expect(result.stderr == "homeport: 未知命令 `sacn`；你是想用 `scan` 吗？（参见 `homeport --help`）\n")
    }

    @Test func aSwappedPairInAnOptionIsOneTypo() throws {
        let result = try Run.homeport(["scan", "--fromat", "json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean `--format`?"))
    }
}

@Suite struct CompletionTests {
    func script(_ shell: String) throws -> URL {
        let result = try Run.homeport(["completions", shell])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("homeport-completion-\(UUID().uuidString)")
        try Data(result.stdout.utf8).write(to: url)
        return url
    }

    /// What bash's completion function offers for a command line whose last word is being typed.
    func bashCompletions(_ script: URL, _ words: [String], in directory: URL? = nil) throws -> [String] {
        let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
        let program = """
            source '\(script.path)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()
            _homeport
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try Run.process(URL(fileURLWithPath: "/bin/bash"), ["--norc", "-c", program], in: directory)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func bashAcceptsTheScriptAndRegistersIt() throws {
        let url = try script("bash")
        defer { try? FileManager.default.removeItem(at: url) }
        let syntax = try Run.process(URL(fileURLWithPath: "/bin/bash"), ["-n", url.path])
        #expect(syntax.status == 0, "\(syntax.stderr)")
        let registered = try Run.process(URL(fileURLWithPath: "/bin/bash"), ["--norc", "-c", "source '\(url.path)'; complete -p homeport"])
        #expect(registered.stdout == "complete -F _homeport homeport\n")
    }

    @Test func bashCompletesCommandsOptionsRuleIDsProvidersFormatsAndLanguages() throws {
        let url = try script("bash")
        defer { try? FileManager.default.removeItem(at: url) }
        let empty = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(try bashCompletions(url, ["homeport", "p"], in: empty) == ["plan", "providers"])
        #expect(try bashCompletions(url, ["homeport", "c"], in: empty) == ["config", "completions"])
        #expect(try bashCompletions(url, ["homeport", "scan", "--rule", "openai-m"]) == ["openai-model", "openai-model-shape"])
        #expect(try bashCompletions(url, ["homeport", "scan", "--format", ""]) == ["text", "json", "sarif", "github"])
        #expect(try bashCompletions(url, ["homeport", "fix", "--target", "d"]) == ["deepseek"])
        #expect(try bashCompletions(url, ["homeport", "explain", "azure"]) == ["azure-openai-host"])
        #expect(try bashCompletions(url, ["homeport", "providers", "q"]) == ["qwen"])
        #expect(try bashCompletions(url, ["homeport", "scan", "--lang", "z"]) == ["zh-CN"])
        #expect(try bashCompletions(url, ["homeport", "scan", "--fail-on", "n"]) == ["note", "never"])
        #expect(try bashCompletions(url, ["homeport", "completions", ""]) == ["bash", "zsh", "fish"])
        // Options of the command named, and of `scan` when none is.
        #expect(try bashCompletions(url, ["homeport", "scan", "--no-c"]) == ["--no-color"])
        #expect(try bashCompletions(url, ["homeport", "--qu"]) == ["--quiet"])
        #expect(try bashCompletions(url, ["homeport", "explain", "--qu"]).isEmpty)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh"), "zsh is not installed"))
    func zshAcceptsTheScript() throws {
        let url = try script("zsh")
        defer { try? FileManager.default.removeItem(at: url) }
        let syntax = try Run.process(URL(fileURLWithPath: "/usr/bin/zsh"), ["-n", url.path])
        #expect(syntax.status == 0, "\(syntax.stderr)")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasPrefix("#compdef homeport\n"))
        #expect(text.contains("--rule) compadd -- azure-openai-host openai-env"))
    }

    /// fish completes a whole command line itself (`complete -C`): a real check of the script.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/fish"), "fish is not installed"))
    func fishAcceptsTheScriptAndCompletes() throws {
        let url = try script("fish")
        defer { try? FileManager.default.removeItem(at: url) }
        let fish = URL(fileURLWithPath: "/usr/bin/fish")
        let syntax = try Run.process(fish, ["--no-execute", url.path])
        #expect(syntax.status == 0, "\(syntax.stderr)")
        func complete(_ line: String) throws -> [String] {
            let result = try Run.process(fish, ["--no-config", "-c", "source '\(url.path)'; complete -C '\(line)'"])
            #expect(result.stderr.isEmpty, "\(result.stderr)")
            return result.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
        }
        #expect(try complete("homeport scan --rule openai-m") == ["openai-model", "openai-model-shape"])
        #expect(try complete("homeport fix --target deeps") == ["deepseek"])
        #expect(try complete("homeport explain openai-k") == ["openai-key"])
        #expect(try complete("homeport pro").contains("providers"))
    }

    @Test func anUnknownShellIsAUsageError() throws {
        let result = try Run.homeport(["completions", "powershell"])
        #expect(result.status == 2)
        #expect(result.stderr == "homeport: unknown shell `powershell`; valid: bash, zsh, fish\n")
        let missing = try Run.homeport(["completions"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "homeport: missing <shell>: `homeport completions` needs one of bash, zsh, fish\n")
    }
}
