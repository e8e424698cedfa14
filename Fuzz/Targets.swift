// libFuzzer entry points for the code that reads untrusted bytes: one binary, the target chosen by
// HOMEPORT_FUZZ_TARGET (scripts/fuzz.sh sets it). Built by scripts/fuzz.sh with swiftc into one module
// together with HomeportCore's sources and the LSP framing, so internal types need no `public`.

#if canImport(Glibc)
import Glibc
#endif

/// What each target does with one input. A target traps (crash) or loops (hang) on a bug; an input
/// the code under test rejects is a success.
let fuzzTargets: [String: (UnsafeRawBufferPointer) -> Void] = [
    "python": { bytes in
        let facts = Language.python.descriptor.frontend().facts(in: SourceFile(path: "fuzz.py", bytes: Array(bytes), language: .python))
        _ = facts.calls  // built when first asked for: asked here so that it runs too
    },
    "swift": { bytes in
        let facts = Language.swift.descriptor.frontend().facts(in: SourceFile(path: "fuzz.swift", bytes: Array(bytes), language: .swift))
        _ = facts.calls  // read when first asked for, by a second pass: asked here so that it runs too
    },
    // libclang's raw tokens, then literal decoding and string-macro splicing; the input's length
    // picks C, C++, Objective-C or Objective-C++.
    "clang": { bytes in
        let language: Language = [.c, .cpp, .objectiveC, .objectiveCpp][bytes.count % 4]
        let file = SourceFile(path: "fuzz." + language.descriptor.extensions[0], bytes: Array(bytes), language: language)
        _ = file.language.descriptor.frontend().facts(in: file)
    },
    // A notebook's cells through the Python frontend: every mapped span inside the input, and every
    // verbatim run reads back, in the file, as the bytes of the value it stands for.
    "notebook": { bytes in
        let input = Array(bytes)
        let facts = NotebookFrontend().facts(in: SourceFile(path: "fuzz.ipynb", bytes: input, language: .notebook))
        let spans = facts.imports.map(\.span) + facts.strings.map(\.span) + facts.comments.map(\.span) + facts.symbols.map(\.span)
        guard spans.allSatisfy({ $0.start >= 0 && $0.end <= input.count }) else { fatalError("notebook span outside the input") }
        for string in facts.strings where !string.runsStandVerbatim(in: input) {
            fatalError("notebook verbatim run does not read back")
        }
    },
    // The configuration frontends (first byte picks dotenv, YAML or TOML): every verbatim run of a
    // fact must hold exactly the value's bytes, since `fix` rewrites through them.
    "config": { bytes in
        guard let first = bytes.first else { return }
        let language: Language = [.dotenv, .yaml, .toml][Int(first) % 3]
        let input = Array(bytes.dropFirst())
        let facts = language.descriptor.frontend().facts(in: SourceFile(path: "fuzz", bytes: input, language: language))
        for literal in facts.strings where !literal.runsStandVerbatim(in: input) {
            fatalError("\(language) run is not verbatim")
        }
    },
    "yaml": { bytes in
        _ = try? YAMLReader.parse(String(decoding: bytes, as: UTF8.self))
    },
    // What reads must have every span inside the input, and each string value's span must read back as
    // that string on its own (a fix rewrites exactly those bytes).
    "toml": { bytes in
        let input = Array(bytes)
        guard let root = try? TOMLReader.parseDocument(input) else { return }
        var pending = [root]
        while let value = pending.popLast() {
            guard value.span.lowerBound >= 0, value.span.upperBound <= input.count else { fatalError("TOML span outside the input") }
            switch value.kind {
            case .table(let table):
                for (key, item) in table.entries {
                    guard key.span.upperBound <= input.count,
                          (try? TOMLReader.parse(Array(input[key.span]) + Array(" = 1".utf8)))?.entries.first?.key.name == key.name else {
                        fatalError("TOML key span does not hold the key")
                    }
                    pending.append(item)
                }
            case .array(let items), .arrayOfTables(let items): pending.append(contentsOf: items)
            case .string(let text, _):
                guard (try? TOMLReader.parse(Array("v = ".utf8) + Array(input[value.span])))?["v"]?.string == text else {
                    fatalError("TOML string span does not read back as the string")
                }
            default: break
            }
        }
    },
    // What parses must survive a round trip through our writer.
    "json": { bytes in
        guard let value = try? JSONParser.parse(Array(bytes)) else { return }
        guard let again = try? JSONParser.parse(value.compactBytes()), again == value else {
            fatalError("JSON round trip changed the value")
        }
    },
    // Pattern, NUL, input.
    "pattern": { bytes in
        let (pattern, input) = split(bytes)
        guard let compiled = try? Pattern(pattern) else { return }
        _ = compiled.wholeMatches(input)
    },
    // Glob, NUL, path.
    "glob": { bytes in
        let (glob, path) = split(bytes)
        guard let compiled = try? Glob(glob) else { return }
        _ = compiled.matches(path)
    },
    // The same stream read whole and in pieces (sizes taken from the input) must give the same messages.
    "lsp": { bytes in
        var whole = MessageReader()
        whole.append(bytes)
        var expected: [Result<[UInt8], FramingError>] = []
        while let message = whole.next() { expected.append(message) }

        var pieces = MessageReader()
        var received: [Result<[UInt8], FramingError>] = []
        var offset = 0
        var step = 1
        while offset < bytes.count {
            let size = min(bytes.count - offset, 1 + (step * 7 + Int(bytes[offset])) % 61)
            pieces.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size]))
            while let message = pieces.next() { received.append(message) }
            offset += size
            step += 1
        }
        let bodies = { (results: [Result<[UInt8], FramingError>]) in results.compactMap { try? $0.get() } }
        if bodies(received) != bodies(expected) {
            fatalError("LSP framing depends on how the bytes arrive: \(expected.count) vs \(received.count) messages")
        }
    },
]

/// Splits at the first NUL byte: two strings from one input.
func split(_ bytes: UnsafeRawBufferPointer) -> (String, String) {
    let cut = bytes.firstIndex(of: 0) ?? bytes.count
    return (String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<cut]), as: UTF8.self),
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[min(cut + 1, bytes.count)...]), as: UTF8.self))
}

nonisolated(unsafe) var selectedTarget: ((UnsafeRawBufferPointer) -> Void)?

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let name = getenv("HOMEPORT_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = fuzzTargets[name] else {
        let known = fuzzTargets.keys.sorted().joined(separator: " ")
        fputs("homeport-fuzz: set HOMEPORT_FUZZ_TARGET to one of: \(known)\n", stderr)
        exit(2)
    }
    selectedTarget = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selectedTarget?(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
