// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The directory holding `clang-c/Index.h` (from `libclang-dev`). Debian ships no pkg-config file for
/// libclang, so ask `llvm-config` (unversioned, then the newest versioned one), then look in /usr/lib.
func libclangIncludeDirectory() -> String? {
    let hasHeader = { (dir: String) in FileManager.default.fileExists(atPath: dir + "/clang-c/Index.h") }
    if let dir = ProcessInfo.processInfo.environment["HOMEPORT_LIBCLANG_INCLUDE"], hasHeader(dir) { return dir }
    for tool in ["llvm-config"] + (14...25).reversed().map({ "llvm-config-\($0)" }) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool, "--includedir"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { continue }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let dir = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if process.terminationStatus == 0, hasHeader(dir) { return dir }
    }
    let llvmDirs = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib"))?
        .filter { $0.hasPrefix("llvm-") }.sorted().reversed() ?? []
    return (llvmDirs.map { "/usr/lib/\($0)/include" } + ["/usr/local/include", "/usr/include"]).first(where: hasHeader)
}

/// Every target that sees the CClang module needs the header directory on the C include path.
let clangSettings: [SwiftSetting] = libclangIncludeDirectory().map { [.unsafeFlags(["-Xcc", "-I\($0)"])] } ?? []

/// A folder whose only library is a link to GCC's `libstdc++.a`, put first on the executable's
/// library path: Swift's `-static-stdlib` still links libstdc++ as a shared library (its
/// static-stdlib-args.lnk says `-lstdc++`), and loading it plus its ~1,700 symbol lookups was a
/// third of `homeport --version` (4.2 -> 2.7 ms). Symbols from static archives stay private
/// (`--exclude-libs ALL`), so libclang, loaded later, keeps its own shared libstdc++. Linux only;
/// without GCC's static library nothing changes.
func staticLibstdcxxDirectory() -> String? {
    #if os(Linux)
    let fileManager = FileManager.default
    var candidates: [(version: [Int], path: String)] = []
    for triple in (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/gcc")) ?? [] {
        for version in (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/gcc/\(triple)")) ?? [] {
            let path = "/usr/lib/gcc/\(triple)/\(version)/libstdc++.a"
            guard triple.hasPrefix(machineName()), fileManager.fileExists(atPath: path) else { continue }
            candidates.append((version.split(separator: ".").compactMap { Int($0) }, path))
        }
    }
    guard let archive = candidates.max(by: { $0.version.lexicographicallyPrecedes($1.version) })?.path else { return nil }
    let directory = Context.packageDirectory + "/.build/static-libstdc++"
    let link = directory + "/libstdc++.a"
    if (try? fileManager.destinationOfSymbolicLink(atPath: link)) != archive {
        try? fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? fileManager.removeItem(atPath: link)
        guard (try? fileManager.createSymbolicLink(atPath: link, withDestinationPath: archive)) != nil else { return nil }
    }
    return directory
    #else
    return nil
    #endif
}

/// The machine name (`x86_64`, `aarch64`), as GCC's target triples begin.
func machineName() -> String {
    var info = utsname()
    uname(&info)
    return withUnsafeBytes(of: &info.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
}

let package = Package(
    name: "Homeport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "homeport", targets: ["homeport"]),
        .library(name: "HomeportCore", targets: ["HomeportCore"]),
    ],
    targets: [
        .systemLibrary(name: "CClang"),
        // The prefilter's vector search (SSSE3/AVX2 shuffles Swift's SIMD types cannot express).
        .target(name: "CHomeportSIMD"),
        .target(
            name: "HomeportCore",
            dependencies: ["CClang", "CHomeportSIMD"],
            swiftSettings: clangSettings
        ),
        .target(
            name: "HomeportLSP",
            dependencies: ["HomeportCore"]
        ),
        .executableTarget(
            name: "homeport",
            dependencies: ["HomeportCore", "HomeportLSP"],
            swiftSettings: clangSettings,
            linkerSettings: staticLibstdcxxDirectory().map { [.unsafeFlags(["-L\($0)"])] } ?? []
        ),
        .target(
            name: "HomeportTestSupport",
            dependencies: ["HomeportCore"],
            path: "Tests/HomeportTestSupport"
        ),
        .testTarget(
            name: "HomeportCoreTests",
            dependencies: ["HomeportCore", "HomeportTestSupport"],
            swiftSettings: clangSettings
        ),
        .testTarget(
            name: "HomeportLSPTests",
            dependencies: ["HomeportLSP", "HomeportCore", "HomeportTestSupport"]
        ),
        .testTarget(
            name: "HomeportEndToEndTests",
            dependencies: ["HomeportCore", "HomeportTestSupport"],
            swiftSettings: clangSettings
        ),
    ]
)
