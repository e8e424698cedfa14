// `homeport merge`: joins the SARIF of several shards into one run, as one unsharded scan writes it.

public struct SARIFMergeError: BilingualError {
    /// What went wrong, in both languages.
    public var text: LocalizedText

    public init(_ text: LocalizedText) { self.text = text }

    public func description(in language: MessageLanguage) -> String { text.text(in: language) }
}

/// GitHub code scanning's upload limits that a report can reach.
public enum SARIFLimits {
    public static let resultsPerRun = 25_000
    public static let rulesPerRun = 25_000
    public static let tagsPerRule = 20

    public static func warnings(results: Int, rules: Int) -> [LocalizedText] {
        var warnings: [LocalizedText] = []
        if results > resultsPerRun {
            warnings.append(CoreMessage.tooManyResults.filled(["count": String(results), "limit": String(resultsPerRun)]))
        }
        if rules > rulesPerRun {
            warnings.append(CoreMessage.tooManyRules.filled(["count": String(rules), "limit": String(rulesPerRun)]))
        }
        return warnings
    }
}

public enum SARIFMerge {
    /// One SARIF log with one run: the runs of `documents` (named for errors) joined, rules
    /// deduplicated by id and sorted, `ruleIndex` renumbered, results in report order (path,
    /// position, rule), one invocation that succeeded only if every input's did.
    public static func merge(_ documents: [(name: String, value: JSONValue)]) throws -> (sarif: String, warnings: [LocalizedText]) {
        var runs: [(name: String, run: [(String, JSONValue)])] = []
        for (name, document) in documents {
            guard case .object(let members) = document, case .array(let list)? = members.value("runs") else {
                throw SARIFMergeError(CoreMessage.notSARIFLog.filled(["path": name]))
            }
            guard members.value("version") == .string("2.1.0") else {
                throw SARIFMergeError(CoreMessage.notSARIF210.filled(["path": name]))
            }
            for run in list {
                guard case .object(let runMembers) = run else {
                    throw SARIFMergeError(CoreMessage.runNotObject.filled(["path": name]))
                }
                runs.append((name, runMembers))
            }
        }
        guard let first = runs.first else { throw SARIFMergeError(CoreMessage.noRunsToMerge.text) }
        let toolName = first.run.value("tool")?.member("driver")?.member("name")
        let category = first.run.value("automationDetails")?.member("id")
        var warnings: [LocalizedText] = []
        var rules: [String: JSONValue] = [:]
        var results: [JSONValue] = []
        var notifications: [JSONValue] = []
        var seenNotifications = Set<String>()
        var successful = true
        for (name, run) in runs {
            guard run.value("tool")?.member("driver")?.member("name") == toolName else {
                throw SARIFMergeError(CoreMessage.differentTool.filled(["path": name]))
            }
            guard run.value("automationDetails")?.member("id") == category else {
                throw SARIFMergeError(CoreMessage.differentCategory.filled(["path": name]))
            }
            if run.value("originalUriBaseIds") != first.run.value("originalUriBaseIds") {
                warnings.append(CoreMessage.differentSourceRoot.filled(["path": name]))
            }
            if case .array(let list)? = run.value("tool")?.member("driver")?.member("rules") {
                for rule in list {
                    guard case .string(let id)? = rule.member("id") else { continue }
                    if rules[id] == nil { rules[id] = rule }
                }
            }
            if case .array(let list)? = run.value("results") { results += list }
            if case .array(let invocations)? = run.value("invocations") {
                for invocation in invocations {
                    if invocation.member("executionSuccessful") == .bool(false) { successful = false }
                    if case .array(let list)? = invocation.member("toolExecutionNotifications") {
                        for notification in list where seenNotifications.insert(notification.serialized()).inserted {
                            notifications.append(notification)
                        }
                    }
                }
            }
        }
        let ruleIDs = rules.keys.sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        results = results.map { result in
            guard case .object(var members) = result, case .string(let id)? = members.value("ruleId"),
                  let index = ruleIndex[id] else { return result }
            members.set("ruleIndex", .int(index))
            return .object(members)
        }
        let keyed = results.map { (key: SortKey($0), result: $0) }
        results = keyed.sorted { $0.key < $1.key }.map(\.result)
        notifications = notifications.map { (key: SortKey($0), value: $0) }.sorted { $0.key < $1.key }.map(\.value)

        var merged = first.run
        if case .object(var tool)? = merged.value("tool"), case .object(var driver)? = tool.value("driver") {
            driver.set("rules", .array(ruleIDs.map { rules[$0]! }))
            tool.set("driver", .object(driver))
            merged.set("tool", .object(tool))
        }
        merged.set("invocations", .array([.object([
            ("executionSuccessful", .bool(successful)),
            ("toolExecutionNotifications", .array(notifications)),
        ])]))
        merged.set("results", .array(results))
        warnings += SARIFLimits.warnings(results: results.count, rules: ruleIDs.count)
        let document = JSONValue.object([
            ("$schema", .string(SARIFReporter.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(merged)])),
        ])
        return (document.serialized(), warnings)
    }

    /// Report order: file (percent-decoded URI), start line and column, rule, end.
    struct SortKey: Comparable {
        var path: String
        var numbers: [Int]
        var rule: String
        var tail: [Int]
        var text: String

        init(_ value: JSONValue) {
            let physical = value.member("locations")?.element(0)?.member("physicalLocation")
            path = physical?.member("artifactLocation")?.member("uri")?.stringValue.map(FileURI.percentDecode) ?? ""
            let region = physical?.member("region")
            numbers = ["startLine", "startColumn"].map { region?.member($0)?.intValue ?? 0 }
            rule = value.member("ruleId")?.stringValue ?? ""
            tail = ["endLine", "endColumn"].map { region?.member($0)?.intValue ?? 0 }
            text = value.member("message")?.member("text")?.stringValue ?? ""
        }

        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            if lhs.path != rhs.path { return lhs.path < rhs.path }
            if lhs.numbers != rhs.numbers { return lhs.numbers.lexicographicallyPrecedes(rhs.numbers) }
            if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
            if lhs.tail != rhs.tail { return lhs.tail.lexicographicallyPrecedes(rhs.tail) }
            return lhs.text < rhs.text
        }
    }
}
