// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "gridcase",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gridcase", targets: ["gridcase"]),
        // The domain library on its own, for tools and benchmarks (see Benchmarks/).
        .library(name: "GridcaseDomain", targets: ["GridcaseDomain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // Already in the build through Vapor; named here for the SMTP client (sockets and TLS).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
    ],
    targets: [
        // The domain: identifiers, rules and policies. Builds and tests without Vapor.
        .target(name: "GridcaseDomain"),
        // The web application: HTTP, persistence, templates, commands.
        .target(
            name: "GridcaseApp",
            dependencies: [
                "GridcaseDomain",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(name: "gridcase", dependencies: ["GridcaseApp"]),
        .testTarget(
            name: "GridcaseDomainTests",
            dependencies: [
                "GridcaseDomain",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "GridcaseAppTests",
            dependencies: [
                "GridcaseApp",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
