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

let package = Package(
    name: "Homeport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "homeport", targets: ["homeport"]),
        .library(name: "HomeportCore", targets: ["HomeportCore"]),
    ],
    targets: [
        .systemLibrary(name: "CClang"),
        .target(
            name: "HomeportCore",
            dependencies: ["CClang"],
            swiftSettings: clangSettings
        ),
        .executableTarget(
            name: "homeport",
            dependencies: ["HomeportCore"],
            swiftSettings: clangSettings
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
            name: "HomeportEndToEndTests",
            dependencies: ["HomeportCore", "HomeportTestSupport"],
            swiftSettings: clangSettings
        ),
    ]
)
