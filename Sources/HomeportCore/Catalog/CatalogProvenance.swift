// Where each catalog fact comes from and how old it is: per-model source, check date, announced
// retirement and successor; the catalog's age; and the catalog as it stands on a given day, with
// retired models replaced by their successors.

#if canImport(Glibc)
import Glibc
#endif

/// What the catalog knows about one model ID beyond its capability class.
public struct ModelFacts: Sendable, Equatable {
    public var id: String
    /// The provider's own page naming the model (or a third party's, which `source` then says).
    public var source: String
    /// The day the model was checked against `source` (`YYYY-MM-DD`).
    public var checked: String
    /// The announced day the model stops being served (`YYYY-MM-DD`), if one is published.
    public var retires: String?
    /// The model the provider names in its place.
    public var successor: String?
    /// The context window in tokens, where the provider publishes it.
    public var context: Int?

    public init(id: String, source: String = "", checked: String = "", retires: String? = nil,
                successor: String? = nil, context: Int? = nil) {
        self.id = id
        self.source = source
        self.checked = checked
        self.retires = retires
        self.successor = successor
        self.context = context
    }

    /// Whether the model is no longer served on `day` (`YYYY-MM-DD`): its retirement day has come.
    public func isRetired(on day: String) -> Bool {
        guard let retires else { return false }
        return retires <= day
    }
}

/// A catalog model that was retired on the day a catalog was resolved, and what replaced it.
public struct Retirement: Sendable, Equatable {
    public var provider: String
    public var capability: String
    public var model: String
    public var retires: String
    /// The successor suggested instead, nil when the provider named none that is still served.
    public var successor: String?
}

/// Calendar days as `YYYY-MM-DD` text, in UTC.
public enum CatalogDate {
    /// Today in UTC. `HOMEPORT_TODAY` (`YYYY-MM-DD`) replaces the clock, so tests can age a catalog.
    public static func today() -> String {
        if let override = SystemInfo.environment("HOMEPORT_TODAY"), dayNumber(override) != nil { return override }
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return format(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    static func format(year: Int, month: Int, day: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date, nil when it is not one.
    public static func dayNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whole days from `earlier` to `later`, nil when either is not a date.
    public static func days(from earlier: String, to later: String) -> Int? {
        guard let start = dayNumber(earlier), let end = dayNumber(later) else { return nil }
        return end - start
    }
}

extension Provider {
    /// The facts of `model`, or an empty record naming only the ID (a user catalog's bare list entry).
    public func facts(of model: String) -> ModelFacts { modelFacts[model] ?? ModelFacts(id: model) }
}

extension Catalog {
    /// How old a catalog may get before `providers`, `plan` and `fix` say so.
    public static let staleAfterDays = 120

    /// The catalog's age in days on `day`, nil when its date is not a date.
    public func age(on day: String) -> Int? { CatalogDate.days(from: date, to: day) }

    /// Whether the catalog is older than `staleAfterDays` on `day`.
    public func isStale(on day: String) -> Bool { (age(on: day) ?? 0) > Catalog.staleAfterDays }

    /// The note `providers`, `plan` and `fix` print once when the catalog is stale on `day`, else nil.
    public func ageNote(on day: String) -> LocalizedText? {
        guard isStale(on: day), let days = age(on: day) else { return nil }
        return CatalogMessage.catalogStale.filled(["days": "\(days)", "date": date])
    }

    /// One line per model of `provider` that was replaced because it retired.
    public func retirementNotes(for provider: Provider, language: MessageLanguage) -> [String] {
        retirements.filter { $0.provider == provider.id }.map { retirement in
            var values = ["provider": provider.name(in: language), "model": retirement.model,
                          "class": retirement.capability, "date": retirement.retires]
            guard let successor = retirement.successor else {
                return CatalogMessage.modelRetiredNoSuccessor.format(language, values)
            }
            values["successor"] = successor
            return CatalogMessage.modelRetired.format(language, values)
        }
    }

    /// The catalog as it stands on `day`: each model past its `retires` date gives way to its named
    /// successor (followed while that is retired too), or is dropped when there is none; what was
    /// replaced is listed in `retirements`, for `plan` to flag.
    public func current(on day: String) -> Catalog {
        var result = self
        for index in result.providers.indices {
            let provider = result.providers[index]
            var models: [String: [String]] = [:]
            for (capability, list) in provider.models {
                var current: [String] = []
                for model in list {
                    let facts = provider.facts(of: model)
                    guard facts.isRetired(on: day) else {
                        if !current.contains(model) { current.append(model) }
                        continue
                    }
                    var successor = facts.successor
                    var seen: Set<String> = [model]
                    while let next = successor, provider.facts(of: next).isRetired(on: day), seen.insert(next).inserted {
                        successor = provider.facts(of: next).successor
                    }
                    if let next = successor, provider.facts(of: next).isRetired(on: day) { successor = nil }
                    let retirement = Retirement(provider: provider.id, capability: capability, model: model,
                                                         retires: facts.retires ?? "", successor: successor)
                    if !result.retirements.contains(retirement) { result.retirements.append(retirement) }
                    if let successor, !current.contains(successor) { current.append(successor) }
                }
                models[capability] = current
            }
            result.providers[index].models = models
        }
        result.retirements.sort { ($0.provider, $0.capability, $0.model) < ($1.provider, $1.capability, $1.model) }
        return result
    }
}
