// Run-level SARIF facts the scan itself does not know: the analysis category and version control.

#if canImport(Glibc)
import Glibc
#endif

/// `run.automationDetails` and `run.versionControlProvenance`, as GitHub code scanning reads them.
public struct SARIFRunDetails: Sendable {
    /// `automationDetails.id`: GitHub keys alerts by category, the part before the last `/`.
    public var automationID: String?
    public var versionControl: VersionControl?

    public struct VersionControl: Sendable, Equatable {
        public var repositoryURI: String
        public var revision: String?
        public var branch: String?
        /// True when `%SRCROOT%` is the repository's top folder (so `mappedTo` may say so).
        public var sourceRootIsRepositoryRoot: Bool

        public init(repositoryURI: String, revision: String?, branch: String?, sourceRootIsRepositoryRoot: Bool) {
            self.repositoryURI = repositoryURI
            self.revision = revision
            self.branch = branch
            self.sourceRootIsRepositoryRoot = sourceRootIsRepositoryRoot
        }
    }

    public init(automationID: String? = nil, versionControl: VersionControl? = nil) {
        self.automationID = automationID
        self.versionControl = versionControl
    }

    /// `--sarif-category python` gives the id `python/`: a category with no run-specific part.
    public static func automationID(category: String) -> String {
        category.hasSuffix("/") ? category : category + "/"
    }

    var members: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if let automationID {
            members.append(("automationDetails", .object([("id", .string(automationID))])))
        }
        if let versionControl {
            var details: [(String, JSONValue)] = [("repositoryUri", .string(versionControl.repositoryURI))]
            if let revision = versionControl.revision { details.append(("revisionId", .string(revision))) }
            if let branch = versionControl.branch { details.append(("branch", .string(branch))) }
            if versionControl.sourceRootIsRepositoryRoot {
                details.append(("mappedTo", .object([("uriBaseId", .string("%SRCROOT%"))])))
            }
            members.append(("versionControlProvenance", .array([.object(details)])))
        }
        return members
    }

    /// The repository, commit and branch of the git work tree holding `directory`; nil outside one
    /// or when it has no `origin` remote to name it.
    public static func versionControl(of directory: String, sourceRoot: String) -> VersionControl? {
        func git(_ arguments: [String]) -> String? {
            guard let output = try? ChangedLines.git(arguments, in: directory) else { return nil }
            let text = output.trimmingWhitespace()
            return text.isEmpty ? nil : text
        }
        guard let top = git(["rev-parse", "--show-toplevel"]),
              let remote = git(["remote", "get-url", "origin"]),
              let uri = repositoryURI(fromRemote: remote) else { return nil }
        let resolvedRoot = Path.resolvingSymlinksIfPossible(sourceRoot)
        let resolvedTop = Path.resolvingSymlinksIfPossible(top)
        return VersionControl(repositoryURI: uri, revision: git(["rev-parse", "--verify", "--quiet", "HEAD"]),
                              branch: git(["symbolic-ref", "--short", "--quiet", "HEAD"]),
                              sourceRootIsRepositoryRoot: resolvedRoot == resolvedTop)
    }

    /// A remote URL as a URI without credentials: `git@host:owner/repo.git` becomes
    /// `https://host/owner/repo`, `https://user:token@host/x` loses `user:token@`.
    public static func repositoryURI(fromRemote remote: String) -> String? {
        var url = remote.trimmingWhitespace()
        guard !url.isEmpty else { return nil }
        if !url.contains("://"), let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") {
            let host = url[..<colon].split(separator: "@").last.map(String.init) ?? ""
            url = "https://" + host + "/" + url[url.index(after: colon)...]
        }
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        var rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        var scheme = String(url[..<schemeEnd.lowerBound])
        if scheme == "ssh" || scheme == "git" { scheme = "https" }
        var result = scheme + "://" + rest
        if scheme == "https", result.hasSuffix(".git") { result.removeLast(4) }
        return result
    }
}
