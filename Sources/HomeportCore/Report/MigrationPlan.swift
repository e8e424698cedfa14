// The migration plan as data: what the text, JSON and HTML plans show, computed once from a scan
// report and the catalog so every format shows the same numbers.

public struct MigrationPlan: Sendable {
    /// One capability class the code uses (a model family's class: `chat-flagship`, `embedding` …).
    public struct ClassUse: Sendable {
        public var capability: String
        public var findings: Int
        /// The OpenAI models found for it, sorted.
        public var models: [String]
        /// No domestic provider serves it compatibly: migrate by hand.
        public var isManual: Bool
        /// The target's model for it when the target serves it through its OpenAI-compatible API.
        public var targetModel: String?
        /// Every provider that serves it through an OpenAI-compatible API, in catalog order.
        public var compatibleProviders: [String]
        /// Findings whose class was read from their call rather than the model ID, by why:
        /// `image-input` (the call sends images), `api` (the API called). Empty when none.
        public var fromCall: [(reason: String, count: Int)] = []
        public var fromCallCount: Int { fromCall.reduce(0) { $0 + $1.count } }
    }

    /// One file with findings and what `fix` does to it.
    public struct FileEntry: Sendable {
        public var path: String
        public var findings: [Finding]
        /// Findings `homeport fix` applies (their first suggestion is a safe edit).
        public var automatic: [Finding]
        /// Findings applied only with `--unsafe-fixes`.
        public var review: [Finding]
        public var manual: Int { findings.count - automatic.count - review.count }
    }

    public let target: Provider
    public let catalog: Catalog
    public let findings: Int
    public let filesScanned: Int
    public let isComplete: Bool
    /// Rule id -> findings, by id.
    public let byRule: [(rule: String, count: Int)]
    public let classes: [ClassUse]
    /// Endpoint families the code calls by URL (`chat`, `audio` …), sorted.
    public let endpointFamilies: [String]
    /// Providers that serve every class used (except manual ones) and every endpoint called, compatibly.
    public let coveringProviders: [Provider]
    /// When none covers everything: the three that lack the fewest classes, with what they lack.
    public let closestProviders: [(provider: Provider, missing: [String])]
    public let files: [FileEntry]

    public var automatic: Int { files.reduce(0) { $0 + $1.automatic.count } }
    public var review: Int { files.reduce(0) { $0 + $1.review.count } }
    public var manual: Int { findings - automatic - review }
    public var manualClasses: [String] { classes.filter(\.isManual).map(\.capability) }

    public init(report: ScanReport, catalog: Catalog, target: Provider) {
        self.target = target
        self.catalog = catalog
        findings = report.findings.count
        filesScanned = report.filesScanned
        isComplete = !report.isIncomplete

        var byRule: [String: Int] = [:]
        var models: [String: Set<String>] = [:]
        var classFindings: [String: Int] = [:]
        var fromCall: [String: [String: Int]] = [:]
        for finding in report.findings {
            byRule[finding.ruleID, default: 0] += 1
            if let capability = finding.details["class"] {
                models[capability, default: []].insert(finding.details["model"] ?? finding.matchedText)
                classFindings[capability, default: 0] += 1
                if let reason = finding.details["class-from"] { fromCall[capability, default: [:]][reason, default: 0] += 1 }
            }
        }
        self.byRule = byRule.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        classes = models.keys.sorted().map { capability in
            let isManual: Bool
            if case .manual? = catalog.mapping[capability] { isManual = true } else { isManual = false }
            return ClassUse(
                capability: capability, findings: classFindings[capability] ?? 0, models: models[capability]!.sorted(),
                isManual: isManual,
                targetModel: !isManual && catalog.serves(target, capability) ? target.models[capability]?.first : nil,
                compatibleProviders: isManual ? [] : catalog.providers.filter { catalog.serves($0, capability) }.map(\.id),
                fromCall: (fromCall[capability] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        endpointFamilies = Set(report.findings.filter { $0.ruleID == "openai-host" }.compactMap { finding -> String? in
            guard let range = finding.matchedText.firstRange(of: "/v1/") else { return nil }
            return catalog.endpointFamily(ofPath: String(finding.matchedText[finding.matchedText.index(before: range.upperBound)...]))
        }).sorted()

        let needed = classes.filter { !$0.isManual }.map(\.capability)
        let families = endpointFamilies
        coveringProviders = catalog.providers.filter { provider in
            needed.allSatisfy { catalog.serves(provider, $0) } && families.allSatisfy { provider.compatibleEndpoints.contains($0) }
        }
        closestProviders = coveringProviders.isEmpty
            ? Array(catalog.providers.map { provider in (provider, needed.filter { !catalog.serves(provider, $0) }.sorted()) }
                .sorted { $0.1.count < $1.1.count }.prefix(3))
            : []

        var byPath: [String: [Finding]] = [:]
        for finding in report.findings { byPath[finding.path, default: []].append(finding) }
        files = byPath.keys.sorted().map { path in
            let findings = byPath[path]!
            return FileEntry(path: path, findings: findings,
                             automatic: findings.filter { $0.suggestions.first?.applicability == .safe },
                             review: findings.filter { $0.suggestions.first?.applicability == .unsafe })
        }
    }
}
