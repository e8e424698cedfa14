// The `host` matcher: URLs and host names of listed domains in string literals.

public struct HostMatcher: MatcherKind {
    /// Reported when the host is one of these or a subdomain of one.
    public var domains: [String] {
        didSet { requiredBytes = HostMatcher.requiredBytes(domains + subdomainsOf) }
    }
    /// Reported only for strict subdomains (`x.openai.azure.com`, not `openai.azure.com` itself).
    public var subdomainsOf: [String] {
        didSet { requiredBytes = HostMatcher.requiredBytes(domains + subdomainsOf) }
    }
    /// A byte of each domain that is not a letter (the first `.`), or nil if one is all letters: a
    /// literal holding none of them holds no domain in any case, and is rejected in one pass.
    private var requiredBytes: ByteSet?

    public init(domains: [String], subdomainsOf: [String]) {
        self.domains = domains
        self.subdomainsOf = subdomainsOf
        self.requiredBytes = HostMatcher.requiredBytes(domains + subdomainsOf)
    }

    private static func requiredBytes(_ needles: [String]) -> ByteSet? {
        var set = ByteSet()
        for needle in needles {
            guard let byte = needle.utf8.first(where: { !ASCII.isLetter($0) }) else { return nil }
            set.insert(byte)
        }
        return set
    }

    static let kind = "host"

    static func parse(_ match: YAMLMap, _ context: MatcherContext) throws -> HostMatcher {
        try match.checkKeys(["kind", "domains", "subdomains"], in: "a host matcher")
        let domains = try match.stringList("domains").map { $0.lowercased() }
        let subdomains = try match.stringList("subdomains").map { $0.lowercased() }
        guard !(domains.isEmpty && subdomains.isEmpty) else {
            throw match.problem(at: match.node, "a host matcher needs `domains` or `subdomains`")
        }
        return HostMatcher(domains: domains, subdomainsOf: subdomains)
    }

    public var triggers: [Trigger] { (domains + subdomainsOf).map(Trigger.literal) }

    public func matches(in facts: Facts, of file: SourceFile) -> [Match] { matches(in: facts) }

    func matches(in facts: Facts) -> [Match] {
        var found: [Match] = []
        let needles = domains.map { ($0, false) } + subdomainsOf.map { ($0, true) }
        for index in facts.strings.indices where !facts.strings[index].isDocumentation
            && requiredBytes?.containsAny(of: facts.strings[index].value) ?? true
            && needles.contains(where: { ASCII.contains($0.0, in: facts.strings[index].value) }) {
            let literal = facts.strings[index]
            let value = Array(literal.value.utf8)
            var reportedUpTo = 0
            for (needle, strict) in needles {
                for occurrence in ASCII.occurrences(of: needle, in: value) {
                    guard occurrence >= reportedUpTo,
                          let url = url(around: occurrence, needleLength: needle.utf8.count,
                                        strictSubdomain: strict, in: value) else { continue }
                    reportedUpTo = url.range.upperBound
                    found.append(Match(
                        span: reportedSpan(of: url.range, in: literal),
                        text: ASCII.showingPlaceholders(String(decoding: value[url.range], as: UTF8.self)),
                        variables: ["host": ASCII.showingPlaceholders(url.host)]))
                }
            }
        }
        return found
    }

    /// The host containing the needle at `index`, checked against the domain rule, widened to the
    /// whole URL around it when there is one.
    private func url(around index: Int, needleLength: Int, strictSubdomain: Bool,
                     in value: [UInt8]) -> (range: Range<Int>, host: String)? {
        var hostStart = index
        // An interpolated label (`https://{resource}.openai.azure.com`) is part of the host.
        while hostStart > 0 {
            if ASCII.isHostCharacter(value[hostStart - 1]) {
                hostStart -= 1
            } else if hostStart >= 3, value[(hostStart - 3)..<hostStart].elementsEqual(ASCII.placeholder) {
                hostStart -= 3
            } else {
                break
            }
        }
        let hostEnd = index + needleLength
        if hostEnd < value.count {
            let next = value[hostEnd]
            if ASCII.isHostCharacter(next) && next != UInt8(ascii: ".") { return nil }
            if next == UInt8(ascii: "."), hostEnd + 1 < value.count,
               ASCII.isHostCharacter(value[hostEnd + 1]) { return nil }  // api.openai.com.evil.org
        }
        if hostStart < index {
            // Anything left of the needle must be whole labels: `eu.` + `api.openai.com`.
            guard value[index - 1] == UInt8(ascii: ".") else { return nil }
            // `.openai.azure.com`, `*.openai.azure.com`: a suffix to test hosts against
            // (`host.hasSuffix(…)`), no more an endpoint than the bare domain is.
            if strictSubdomain, value[hostStart] == UInt8(ascii: ".") { return nil }
        } else if strictSubdomain {
            return nil
        }
        var start = hostStart
        // Widen to `scheme://` before the host.
        if hostStart >= 3, value[hostStart - 1] == UInt8(ascii: "/"), value[hostStart - 2] == UInt8(ascii: "/"),
           value[hostStart - 3] == UInt8(ascii: ":") {
            var schemeStart = hostStart - 3
            while schemeStart > 0, ASCII.isSchemeCharacter(value[schemeStart - 1]) { schemeStart -= 1 }
            if schemeStart < hostStart - 3, ASCII.isLetter(value[schemeStart]) { start = schemeStart }
        }
        var end = hostEnd
        while end < value.count, ASCII.isURLCharacter(value[end]) { end += 1 }
        while end > hostEnd, ".,;:!?)".utf8.contains(value[end - 1]) { end -= 1 }
        let host = String(decoding: value[hostStart..<hostEnd], as: UTF8.self).lowercased()
        return (start..<end, host)
    }
}
