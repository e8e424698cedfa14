// The effective `.homeport.yml` settings and what they decide per file: scanned or not, rule levels.

#if canImport(Glibc)
import Glibc
#endif

/// A rule's configured state: switched off, or reported at a chosen level.
public enum RuleSetting: Hashable, Sendable, CustomStringConvertible {
    case off
    case level(Severity)

    public init?(_ text: String) {
        if text == "off" { self = .off } else if let level = Severity(rawValue: text) { self = .level(level) } else { return nil }
    }

    public var description: String {
        switch self {
        case .off: return "off"
        case .level(let level): return level.rawValue
        }
    }
}

/// The lowest severity that fails the gate, or `never`.
public enum FailThreshold: String, CaseIterable, Sendable {
    case error, warning, note, never

    public var minimum: Severity? { Severity(rawValue: rawValue) }

    /// True when a finding of `severity` fails the gate.
    public func fails(_ severity: Severity) -> Bool {
        guard let minimum else { return false }
        return severity >= minimum
    }
}

/// The `catalog:` section of a configuration file: providers that add to or override the built-in
/// catalog, kept as read so that errors point into `file`.
public struct CatalogSection: Sendable {
    public var node: YAMLNode
    /// The configuration file the section is in.
    public var file: String
}

/// `per-path:` entry: rule settings for files matching any of `paths`.
public struct PathOverride: Sendable {
    public var paths: [Glob]
    public var rules: [(id: String, setting: RuleSetting)]
}

public struct Configuration: Sendable {
    /// The files read, nearest first (the file found, then what it extends); empty for defaults.
    public var files: [String] = []
    /// The absolute folder that globs are relative to.
    public var root: String
    public var target: String?
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    /// Rule settings in file order (later entries win).
    public var rules: [(id: String, setting: RuleSetting)] = []
    public var perPath: [PathOverride] = []
    public var failOn: FailThreshold?
    /// Absolute path of the baseline file.
    public var baseline: String?
    /// The `catalog:` section as read, until the provider catalog reads its providers.
    public var catalog: CatalogSection?
    /// `scan-data: true`: report findings in files that are data, not configuration (recorded HTTP
    /// traffic such as VCR cassettes, OpenAPI/Swagger descriptions); off by default.
    public var scanData = false

    public init(root: String) {
        self.root = root
    }

    /// `absolutePath` relative to `root`, or nil when it lies outside.
    public func relativePath(_ absolutePath: String) -> String? {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard absolutePath.hasPrefix(prefix) else { return nil }
        return String(absolutePath.dropFirst(prefix.count))
    }

    /// Whether a file found by walking a folder is scanned: it matches `include` (when given) and no
    /// `exclude`. Files outside `root` are only subject to globs without `/`.
    public func admits(_ absolutePath: String) -> Bool {
        let path = relativePath(absolutePath) ?? absolutePath
        if !include.isEmpty && !include.contains(where: { $0.matches(path) }) { return false }
        return !exclude.contains { $0.matches(path) }
    }

    /// The setting for `ruleID` in the file at `absolutePath`: the last matching `per-path` entry
    /// naming the rule, else `rules:`, else nil (the rule's own level).
    public func setting(for ruleID: String, at absolutePath: String) -> RuleSetting? {
        let path = relativePath(absolutePath) ?? absolutePath
        for override in perPath.reversed() where override.paths.contains(where: { $0.matches(path) }) {
            if let setting = override.rules.last(where: { $0.id == ruleID })?.setting { return setting }
        }
        return rules.last { $0.id == ruleID }?.setting
    }

    /// True when some setting could change a finding (so the per-finding work can be skipped).
    public var hasRuleSettings: Bool { !rules.isEmpty || !perPath.isEmpty }

    /// Applies rule settings: drops findings of rules that are off, re-levels the rest.
    /// `absolutePath` maps a finding's path to the file it came from.
    public func apply(to findings: [Finding], absolutePath: (String) -> String) -> [Finding] {
        guard hasRuleSettings else { return findings }
        return findings.compactMap { $0.applying(setting(for: $0.ruleID, at: absolutePath($0.path))) }
    }
}

extension Finding {
    /// The finding under a rule setting: nil when the rule is off, re-levelled for a level, itself
    /// when there is no setting.
    public func applying(_ setting: RuleSetting?) -> Finding? {
        switch setting {
        case nil: return self
        case .off?: return nil
        case .level(let level)?:
            var changed = self
            changed.severity = level
            return changed
        }
    }
}
