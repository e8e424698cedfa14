// Which files a folder scan picks, and by which language: the table lookups against the descriptors read directly.

import Testing
@testable import HomeportCore

@Suite struct PathLanguageTests {
    /// The language of a path the slow way: every descriptor asked in `allCases` order.
    static func referenceLanguage(_ path: String) -> Language? {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        for template in [".example", ".sample", ".dist", ".template"] where name.hasSuffix(template) {
            let stripped = name.dropLast(template.count)
            if let dot = stripped.lastIndex(of: "."), dot != stripped.startIndex,
               let language = Language.allCases.first(where: {
                   $0.descriptor.isConfiguration && $0.descriptor.extensions.contains { $0 == stripped[stripped.index(after: dot)...] }
               }) {
                return language
            }
        }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let suffix = name[name.index(after: dot)...]
            if let language = Language.allCases.first(where: { $0.descriptor.extensions.contains { $0 == suffix } }) {
                return language
            }
        }
        return Language.allCases.first { language in
            language.descriptor.fileNames.contains { $0 == name }
                || language.descriptor.fileNamePrefixes.contains { name.hasPrefix($0) && name.count > $0.count }
        }
    }

    /// Whether a found file is one to scan, the slow way: split into components.
    static func referenceCandidate(_ relative: String) -> Language?? {
        let components = relative.split(separator: "/")
        if components.dropLast().contains(where: { FileDiscovery.skippedDirectories.contains(String($0)) }) { return nil }
        let language = referenceLanguage(relative)
        if language == nil && components.last?.contains(".") == true { return nil }
        return .some(language)
    }

    static let folders = ["", "src/", "venv/", "a/.git/", "node_modules/x/", "x.y/", "deep/site-packages/", "a//b/",
                          "/abs/", "venvs/", "é/", ".venv/"]
    static let names = ["a.py", "a.PY", "b.pyi", "c.swift", "d.c", "e.h", "f.hpp", "g.m", "h.mm", "n.ipynb", ".env",
                        ".env.local", ".env.example", "prod.env", "secrets.toml.example", "config.yml.sample",
                        "config.yaml.dist", "x.template", "app.toml.template", "a.example", ".example", "Makefile",
                        "noext", "a.b.c", ".py", "x.", "é.py", "x.yml", "pyproject.toml", "venv", "README.md",
                        "a.py/", "", "archive.tar.gz", ".envrc", "docker-compose.yaml", "a.cc", "x.cpp.example"]

    @Test func forPathAgreesWithTheDescriptors() {
        for folder in Self.folders {
            for name in Self.names {
                let path = folder + name
                #expect(Language.forPath(path) == Self.referenceLanguage(path), "\(path)")
            }
        }
    }

    @Test func candidateAgreesWithSplittingThePath() {
        for folder in Self.folders {
            for name in Self.names {
                let path = folder + name
                let expected = Self.referenceCandidate(path)
                let actual = FileDiscovery.candidate(path)
                #expect((actual == nil) == (expected == nil), "\(path)")
                if let actual, let expected { #expect(actual.language == expected, "\(path)") }
            }
        }
    }
}
