// `homeport providers [ID] --verify`: which catalog models each provider's account can see.

#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

extension Providers {
    /// Checks the providers asked (all when no ID) and exits: 0 every catalog model is served, 1 some
    /// are not, 3 a provider could not be checked (or was skipped), 2 usage errors.
    func runVerify() throws -> Never {
        let language = ProcessLanguage.language
        let entries = verifyEntries()
        var chosen = entries
        if let id {
            guard let entry = entries.first(where: { $0.provider.id == id }) else {
                fail(describe(UnknownNameError(kind: "provider", name: id, known: entries.map(\.provider.id))), code: .usage)
            }
            chosen = [entry]
        }
        let library: CurlLibrary
        switch CurlLibrary.shared {
        case .success(let loaded): library = loaded
        case .failure(let error): fail(error.description(in: language), code: .incomplete)
        }
        let verifier = CatalogVerifier(allowedHosts: allowedHosts, timeoutMilliseconds: timeout * 1000, library: library)
        var someMissing = false
        var someUnchecked = false
        for (provider, origin) in chosen {
            print(CatalogMessage.verifyChecking.format(language, ["provider": provider.name(in: language), "id": provider.id,
                                                                  "url": provider.baseURL + "/models"]))
            let outcome = verifier.verify(provider, origin: origin)
            switch outcome {
            case .notChecked(let reason):
                someUnchecked = true
                printError(reason.text(in: language))
            case .modelsNotOffered(let status):
                print(CatalogMessage.verifyNoModelsEndpoint.format(language, ["id": provider.id, "status": "\(status)"]))
            case .compared(let served, let missing, let listed):
                for (capability, models) in served {
                    print(CatalogMessage.verifyServed.format(language, ["class": capability, "models": models.joined(separator: ", ")]))
                }
                for (capability, models) in missing {
                    print(CatalogMessage.verifyNotServed.format(language, ["class": capability, "models": models.joined(separator: ", ")]))
                }
                if served.isEmpty && missing.isEmpty {
                    print(CatalogMessage.verifyNoCatalogModels.format(language, ["id": provider.id, "count": "\(listed)"]))
                } else if missing.isEmpty {
                    print(CatalogMessage.verifyAllServed.format(language, ["id": provider.id, "count": "\(listed)"]))
                }
                someMissing = someMissing || !missing.isEmpty
            }
        }
        exit((someUnchecked ? ExitCode32.incomplete : someMissing ? .findings : .clean).rawValue)
    }

    /// Every provider with where its definition came from: built in, a `--catalog FILE`, or the
    /// nearest `.homeport.yml` (or `--config FILE`). A later source replaces a provider of the same id,
    /// so a configuration that redefines `zhipu` makes it a configuration provider.
    func verifyEntries() -> [(provider: Provider, origin: ProviderOrigin)] {
        do {
            let bundled = try Catalog.bundled()
            var entries: [(provider: Provider, origin: ProviderOrigin)] = bundled.providers.map { ($0, .builtIn) }
            func add(_ providers: [Provider], _ origin: ProviderOrigin) {
                for provider in providers {
                    if let index = entries.firstIndex(where: { $0.provider.id == provider.id }) {
                        entries[index] = (provider, origin)
                    } else {
                        entries.append((provider, origin))
                    }
                }
            }
            let configFile = config.file ?? ConfigLoader.nearest(from: ".")
            if let configFile {
                let configuration = try ConfigLoader.load(configFile, root: ".")
                if let section = configuration.catalog {
                    add(try Catalog.loadAdditions(section), .configuration(file: section.file))
                }
            }
            if let catalog {
                let text: String
                do {
                    text = try String(decoding: TreeScan.readFile(catalog), as: UTF8.self)
                } catch {
                    fail(say(.fileError, ["path": catalog, "error": describe(error)]), code: .usage)
                }
                add(try Catalog.loadAdditions(text, file: catalog), .commandLine(file: catalog))
            }
            // Retired models are checked as their successors, as they are suggested.
            var combined = bundled
            combined.providers = entries.map(\.provider)
            let current = combined.current(on: CatalogDate.today())
            return zip(current.providers, entries).map { ($0, $1.origin) }
        } catch {
            fail(describe(error), code: .usage)
        }
    }
}
