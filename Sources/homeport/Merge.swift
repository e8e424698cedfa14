// `homeport merge`: joins the SARIF of CI shards into one run.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

struct Merge: Command {
    static let spec = CommandSpec(
        name: "merge",
        abstract: LocalizedText(en: "Merge SARIF files from `scan --shard K/N` runs into one SARIF run.", zh: "把 `scan --shard K/N` 各次运行的 SARIF 文件合并为一次 SARIF 运行。"),
        discussion: LocalizedText(en: """
            Rules are deduplicated by id, results sorted as one scan sorts them, the invocation \
            succeeds only if every shard's did, and notifications are kept once each. The result is \
            what one unsharded scan writes.
            """, zh: """
            规则按 ID 去重，结果按一次扫描的顺序排序，只有每个分片都成功时调用才算成功，每条通知只保留一次。结果与一次不分片的扫描写出的完全相同。
            """),
        positional: PositionalSpec(name: "sarif-file", help: "SARIF files written by `homeport scan --format sarif`.", zh: "由 `homeport scan --format sarif` 写出的 SARIF 文件。",
                                   isList: true),
        groups: [.options([
            .value("output", short: "o", "file", "Write the merged SARIF here instead of standard output.", zh: "把合并后的 SARIF 写到这里，而不是标准输出。"),
        ])])

    var inputs: [String]
    var output: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        inputs = arguments.positionals
        output = arguments.value("output")
        if inputs.isEmpty { throw UsageError(description: say(.mergeNeedsFiles)) }
    }

    func run() throws {
        var documents: [(name: String, value: JSONValue)] = []
        for input in inputs {
            guard let data = try? TreeScan.readFile(input) else {
                fail(say(.cannotRead, ["path": input]), code: .usage)
            }
            do {
                documents.append((input, try JSONParser.parse(data)))
            } catch {
                fail(say(.fileError, ["path": input, "error": describe(error)]), code: .usage)
            }
        }
        let merged: (sarif: String, warnings: [LocalizedText])
        do { merged = try SARIFMerge.merge(documents) } catch { fail(describe(error), code: .usage) }
        for warning in merged.warnings { printError(say(.warningPrefix, ["message": warning.text(in: ProcessLanguage.language)])) }
        writeResult(merged.sarif, to: output, failure: .cannotWrite)
    }
}
