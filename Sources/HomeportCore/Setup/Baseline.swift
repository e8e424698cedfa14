// Baselines: today's findings recorded by content, so a scan reports and fails only on new ones.

#if canImport(Glibc)
import Glibc
#endif

/// Findings recorded by `homeport baseline`, keyed on content, not line numbers: the rule, the file,
/// the finding's line text with runs of spaces and tabs collapsed, and which occurrence of that
/// combination in the file it is (the same key as the SARIF `homeport/v1` fingerprint). Inserting
/// lines above a finding keeps its key; editing the finding's line changes it.
public struct Baseline: Sendable {
    public static let formatVersion = 1
    public var keys: Set<String>

    public init(keys: Set<String>) {
        self.keys = keys
    }

    /// Content keys of `findings` (in report order), with paths as `path(finding)` gives them
    /// (relative to the baseline file's folder, so the baseline does not depend on the working directory).
    public static func keys(of findings: [Finding], path: (Finding) -> String) -> [String] {
        Fingerprints.compute(findings.map { finding in
            var rebased = finding
            rebased.path = path(finding)
            return rebased
        })
    }

    /// The baseline file for `findings`: sorted, one entry per finding, no secrets (line text is not stored).
    public static func render(_ findings: [Finding], path: (Finding) -> String) -> String {
        let keys = keys(of: findings, path: path)
        let entries = zip(findings, keys).map { finding, key in
            (path: path(finding), line: finding.start.line, rule: finding.ruleID, key: key, hash: finding.lineHash)
        }.sorted { ($0.path, $0.line, $0.rule, $0.key) < ($1.path, $1.line, $1.rule, $1.key) }
        return JSONValue.object([
            ("version", .int(formatVersion)),
            ("tool", .string("\(ToolInfo.name) \(ToolInfo.version)")),
            ("findings", .array(entries.map { entry in
                var members: [(String, JSONValue)] = [
                    ("rule", .string(entry.rule)),
                    ("path", .string(entry.path)),
                    ("line", .int(entry.line)),
                    ("key", .string(entry.key)),
                ]
                if let hash = entry.hash { members.append(("primaryLocationLineHash", .string(hash))) }
                return .object(members)
            })),
        ]).serialized()
    }

    /// The baseline in `file`, read from `source` (the git index for `scan --staged`).
    public static func load(_ file: String, from source: FileSource = .fileSystem) throws -> Baseline {
        guard let data = try? source.read(file) else {
            throw FileProblem(file: file, .cannotReadBaseline)
        }
        guard let object = try? JSONParser.parse(data), case .array(let findings)? = object.member("findings") else {
            throw FileProblem(file: file, .notABaseline)
        }
        guard object.member("version")?.intValue == formatVersion else {
            throw FileProblem(file: file, .baselineVersion, ["version": String(formatVersion)])
        }
        var keys = Set<String>()
        for (index, entry) in findings.enumerated() {
            guard let key = entry.member("key")?.stringValue else {
                throw FileProblem(file: file, .baselineEntryWithoutKey, ["index": String(index + 1)])
            }
            keys.insert(key)
        }
        return Baseline(keys: keys)
    }

    /// Splits findings (in report order) into those not in the baseline and those in it.
    public func partition(_ findings: [Finding], path: (Finding) -> String) -> (new: [Finding], known: [Finding]) {
        var new: [Finding] = []
        var known: [Finding] = []
        for (finding, key) in zip(findings, Baseline.keys(of: findings, path: path)) {
            if keys.contains(key) { known.append(finding) } else { new.append(finding) }
        }
        return (new, known)
    }
}
