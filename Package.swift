// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Homeport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "homeport", targets: ["homeport"]),
        .library(name: "HomeportCore", targets: ["HomeportCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "HomeportCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "homeport",
            dependencies: [
                "HomeportCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "HomeportTestSupport",
            path: "Tests/HomeportTestSupport"
        ),
        .testTarget(
            name: "HomeportCoreTests",
            dependencies: ["HomeportCore", "HomeportTestSupport"]
        ),
        .testTarget(
            name: "HomeportEndToEndTests",
            dependencies: ["HomeportCore", "HomeportTestSupport"]
        ),
    ]
)
