// The migration plan as text: what `homeport plan` prints by default.

public enum PlanTextReporter {
    public static func render(_ plan: MigrationPlan, language: MessageLanguage = .english) -> String {
        func say(_ message: PlanMessage, _ values: [String: String] = [:]) -> String { message.format(language, values) }
        let target = plan.target
        var out = say(plan.findings == 1 ? .headerOne : .headerMany, [
            "count": String(plan.findings), "files": String(plan.files.count), "scanned": String(plan.filesScanned),
            "target": target.title(in: language)]) + "\n"
        guard plan.findings > 0 else { return out + "\n" + say(.nothingToMigrate) + "\n" }
        let list = say(.listSeparator)

        out += "\n" + say(.capabilitiesHeader) + "\n"
        for use in plan.classes {
            let mapped: String
            if use.isManual {
                mapped = say(.manualMigration)
            } else if let model = use.targetModel {
                mapped = say(.targetModel, ["provider": target.name(in: language), "model": model])
            } else {
                mapped = say(.noCompatibleModel, ["provider": target.name(in: language), "class": CapabilityClass.name(use.capability, in: language)])
            }
            out += "  \(CapabilityClass.name(use.capability, in: language).paddedToCells(18))\(use.models.joined(separator: list)) -> \(mapped)"
                + PlanTextReporter.fromCall(use, language: language) + "\n"
        }
        if !plan.endpointFamilies.isEmpty {
            out += "  " + say(.endpointsByURL, ["families": plan.endpointFamilies
                .map { language == .simplifiedChinese ? "`\($0)`" : $0 }.joined(separator: list)]) + "\n"
        }

        out += "\n" + say(.providersHeader) + "\n"
        if plan.coveringProviders.isEmpty {
            out += "  " + say(.noneClosest) + "\n"
            for (provider, missing) in plan.closestProviders {
                out += "  \(provider.id.padded(to: 11)) " + say(.lacks, ["classes": CapabilityClass.names(missing, in: language, separator: list)]) + "\n"
            }
        } else {
            for provider in plan.coveringProviders {
                out += "  \(provider.id.padded(to: 11)) \(provider.name(in: language))\(language == .simplifiedChinese ? "，" : ", ")\(provider.baseURL)\n"
            }
        }
        if !plan.manualClasses.isEmpty {
            out += "  " + say(.manualEverywhere, ["classes": CapabilityClass.names(plan.manualClasses, in: language, separator: list)]) + "\n"
        }

        out += "\n" + say(.perFileHeader, ["target": target.id]) + "\n"
        for file in plan.files {
            var parts: [String] = []
            if !file.automatic.isEmpty {
                let edits = file.automatic.compactMap { finding -> String? in
                    finding.suggestions.first?.replacement.map { "\(finding.matchedText) -> \($0)" }
                }
                parts.append(say(file.automatic.count == 1 ? .editsOne : .editsMany,
                                 ["count": String(file.automatic.count), "edits": edits.joined(separator: list)]))
            }
            if !file.review.isEmpty { parts.append(say(.withUnsafeFixes, ["count": String(file.review.count)])) }
            if file.manual > 0 { parts.append(say(.manualCount, ["count": String(file.manual)])) }
            out += "  \(Path.shown(file.path))\(language == .simplifiedChinese ? "：" : ": ")" + parts.joined(separator: say(.partSeparator)) + "\n"
        }
        return out
    }

    /// ` (3 by what the call does: it sends images)`, empty when every class came from the model IDs.
    static func fromCall(_ use: MigrationPlan.ClassUse, language: MessageLanguage) -> String {
        guard use.fromCallCount > 0 else { return "" }
        let reasons = use.fromCall.map { entry in
            (entry.reason == "image-input" ? PlanMessage.fromCallImages : .fromCallAPI).format(language)
        }
        return PlanMessage.fromCall.format(language, ["count": String(use.fromCallCount),
                                                      "reasons": reasons.joined(separator: PlanMessage.listSeparator.format(language))])
    }
}
