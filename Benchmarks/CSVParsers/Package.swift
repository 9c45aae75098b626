// swift-tools-version:6.0
import PackageDescription

// Reads a facility register export with the CSV package Gridcase used first (CSV.swift) and with Gridcase's own
// DelimitedTextParser, side by side. Run by scripts/bench/csv-parsers.
let package = Package(
    name: "csv-parsers",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "gridcase", path: "../.."),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "csv-parsers",
            dependencies: [
                .product(name: "GridcaseDomain", package: "gridcase"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
    ]
)
