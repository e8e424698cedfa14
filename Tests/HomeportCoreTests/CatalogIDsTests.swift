// Model IDs appear once: the catalog. Every domestic model ID the READMEs, the rules' texts and the
// editor's texts name is checked against it, so a catalog change cannot leave a stale copy.

import Foundation
import HomeportCore
import HomeportTestSupport
import Testing

@Suite struct CatalogIDsTests {
    let catalog = try! Catalog.bundled()

    /// The shapes of the domestic providers' model IDs (what a stale copy would look like).
    static let domesticID = #"\b(?:glm-[0-9][0-9a-z.\-]*|ernie-[0-9a-z.\-]+|hy[0-9]-[a-z\-]+|hunyuan-[a-z0-9\-]+|sensenova-[0-9a-z.\-]+|deepseek-[0-9a-z.\-]+|qwen[0-9][0-9a-z.\-]*|qwen-[a-z\-]+|moonshot-v1-[0-9a-z]+|kimi-[0-9a-z.\-]+|doubao-[0-9a-z.\-]+|MiniMax-[0-9A-Za-z.\-]+|step-[0-9][0-9a-z.\-]*|embedding-(?:[0-9]+|v[0-9]+)|text-embedding-v[0-9]+|cogview-[0-9]+|HY-Image-[0-9A-Za-z.\-]+)"#

    /// Every model the catalog suggests today, whatever its provider or class.
    var currentIDs: Set<String> {
        let today = catalog.current(on: catalog.date)
        return Set(today.providers.flatMap { provider in provider.models.values.flatMap { $0 } })
    }

    func ids(in text: String) -> Set<String> {
        let regex = try! Regex(Self.domesticID)
        return Set(text.matches(of: regex).map { String(text[$0.range]).trimmingCharacters(in: CharacterSet(charactersIn: ".-")) })
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: TestPaths.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// A rule file without its `examples:` (which show code as users write it, other providers' IDs
    /// included on purpose).
    func ruleTexts() throws -> [(file: String, text: String)] {
        let directory = TestPaths.packageRoot.appendingPathComponent("rules")
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yml") }.sorted().map { name in
            let text = try read("rules/" + name)
            return ("rules/" + name, text.range(of: "\nexamples:").map { String(text[..<$0.lowerBound]) } ?? text)
        }
    }

    @Test func everyModelIDInTheReadmesRulesAndEditorTextsIsACurrentCatalogModel() throws {
        var texts = try ruleTexts()
        for path in ["README.md", "README.zh-CN.md", "docs/architecture.md"] { texts.append((path, try read(path))) }
        let sources = TestPaths.packageRoot.appendingPathComponent("Sources")
        for folder in ["HomeportLSP", "homeport"] {
            let root = sources.appendingPathComponent(folder)
            for case let file as String in FileManager.default.enumerator(atPath: root.path)! where file.hasSuffix(".swift") {
                texts.append(("Sources/\(folder)/\(file)", try read("Sources/\(folder)/\(file)")))
            }
        }
        let current = currentIDs
        var checked = 0
        for (file, text) in texts {
            for id in ids(in: text) {
                checked += 1
                #expect(current.contains(id), "\(file) names `\(id)`, which catalog/providers.yml does not suggest (unknown or retired)")
            }
        }
        #expect(checked > 10)  // the check reads what it claims to
    }

    /// The provider table in `openai-model`'s help (both languages): each cell is a model the
    /// catalog lists for that column's provider and that row's class.
    @Test func theModelRulesProviderTableMatchesTheCatalog() throws {
        let rows: [String: String] = ["chat (flagship)": "chat-flagship", "chat (small)": "chat-small", "reasoning": "reasoning",
                                      "embedding": "embedding", "对话（旗舰）": "chat-flagship", "对话（小模型）": "chat-small",
                                      "推理": "reasoning", "嵌入": "embedding",
                                      "对话旗舰": "chat-flagship", "对话小模型": "chat-small"]
        let names: [String: String] = ["Zhipu": "zhipu", "Baidu": "baidu", "Tencent": "tencent", "SenseTime": "sensetime",
                                       "DeepSeek": "deepseek", "Qwen": "qwen", "智谱": "zhipu", "百度": "baidu", "腾讯": "tencent",
                                       "商汤": "sensetime", "通义千问": "qwen", "阿里云百炼": "qwen"]
        let text = try read("rules/openai-model.yml")
        var header: [[String]] = []
        var cells = 0
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) where line.hasPrefix("|") {
            let columns = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if columns.first == "capability" || columns.first == "能力" {
                header = columns.dropFirst().map { column in
                    column.split(separator: "/").compactMap { names[$0.trimmingCharacters(in: .whitespaces)] }
                }
                continue
            }
            guard let capability = columns.first.flatMap({ rows[$0] }) else { continue }
            for (index, cell) in columns.dropFirst().enumerated() where index < header.count {
                for id in ids(in: cell) {
                    cells += 1
                    let providers = header[index].compactMap { catalog.provider(id: $0) }
                    #expect(providers.contains { $0.models[capability]?.contains(id) == true },
                            "openai-model help: `\(id)` is not a \(capability) model of \(header[index]) in the catalog")
                }
            }
        }
        #expect(cells >= 30)
    }
}
