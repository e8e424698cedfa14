// The catalog's age and retired models, said once on stderr by `providers`, `plan` and `fix`.

import HomeportCore

enum CatalogNotes {
    /// The age note when the catalog is older than 120 days, and for `target`, each of its models
    /// that retired and what is suggested instead.
    static func print(_ catalog: Catalog, target: Provider?, language: MessageLanguage = ProcessLanguage.language) {
        if let note = catalog.ageNote(on: CatalogDate.today()) { printError(note.text(in: language)) }
        if let target {
            for line in catalog.retirementNotes(for: target, language: language) { printError(line) }
        }
    }
}
