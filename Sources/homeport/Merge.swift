// `homeport merge`: joins the SARIF of CI shards into one run.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Merge: Command {
    static let spec = CommandSpec(
        name: "merge",
        abstract: "Merge SARIF files from `scan --shard K/N` runs into one SARIF run.",
        discussion: """
            Rules are deduplicated by id, results sorted as one scan sorts them, the invocation \
            succeeds only if every shard's did, and notifications are kept once each. The result is \
            what one unsharded scan writes.
            """,
        positional: PositionalSpec(name: "sarif-file", help: "SARIF files written by `homeport scan --format sarif`.",
                                   isList: true),
        groups: [OptionGroupSpec(title: "Options", options: [
            .value("output", short: "o", "file", "Write the merged SARIF here instead of standard output."),
        ])])

    var inputs: [String]
    var output: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        inputs = arguments.positionals
        output = arguments.value("output")
        if inputs.isEmpty { throw UsageError(description: "name at least one SARIF file to merge") }
    }

    func run() throws {
        var documents: [(name: String, value: JSONValue)] = []
        for input in inputs {
            guard let data = try? TreeScan.readFile(input) else {
                fail("\(input): cannot read", code: .usage)
            }
            do {
                documents.append((input, try JSONParser.parse(data)))
            } catch {
                fail("\(input): \(error)", code: .usage)
            }
        }
        let merged: (sarif: String, warnings: [String])
        do { merged = try SARIFMerge.merge(documents) } catch { fail(describe(error), code: .usage) }
        for warning in merged.warnings { printError("warning: " + warning) }
        if let output {
            do {
                try AtomicFile.write(Array(merged.sarif.utf8), to: output)
            } catch {
                fail("\(output): cannot write: \(error)", code: .usage)
            }
        } else {
            StandardStream.output.write(merged.sarif)
        }
    }
}
