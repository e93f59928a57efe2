// swift-tools-version:6.1
import PackageDescription

// Benchmarks: never run by CI. Each prints its figures; see the README of each folder.
let package = Package(
    name: "todo-chat-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "..")
    ],
    targets: [
        // Feeds a running chat's data directory with task updates (Benchmarks/terminal/flood.py drives it).
        .executableTarget(
            name: "TerminalFlood",
            dependencies: [.product(name: "ChatTUI", package: "todo-chat")],
            path: "Sources/TerminalFlood"
        )
    ]
)
