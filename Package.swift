// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "todo-chat",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "todo-chat", targets: ["todo-chat"]),
        .executable(name: "todo-worker", targets: ["todo-worker"]),
        // For /Benchmarks, which depends on this package by path.
        .library(name: "TaskIntent", targets: ["TaskIntent", "TodoCore"]),
        .library(name: "ChatTUI", targets: ["ChatTUI"]),
        .library(name: "EventPublisher", targets: ["EventPublisher", "TodoCore"]),
        .library(name: "TaskWorker", targets: ["TaskWorker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CEditLine",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "TodoCore"),
        .target(name: "TaskIntent", dependencies: ["TodoCore"]),
        .target(
            name: "EventPublisher",
            dependencies: [
                "TodoCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
            ]
        ),
        .target(
            name: "ChatTUI",
            dependencies: [
                "TodoCore", "TaskIntent", "EventPublisher", "CNcurses", "CEditLine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "todo-chat",
            dependencies: [
                "ChatTUI", "TaskIntent", "TodoCore", "EventPublisher",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TaskWorker",
            dependencies: [
                "TodoCore", "EventPublisher",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "todo-worker",
            dependencies: [
                "TaskWorker", "TodoCore", "EventPublisher",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "TodoCoreTests", dependencies: ["TodoCore"]),
        .testTarget(name: "TaskIntentTests", dependencies: ["TaskIntent", "TodoCore"]),
        .testTarget(
            name: "EventPublisherTests",
            dependencies: ["EventPublisher", "TodoCore"],
            // Read by path from here and by the Python schema check, not bundled.
            exclude: ["Fixtures", "test_event_schemas.py"]
        ),
        .testTarget(
            name: "TaskWorkerTests",
            dependencies: [
                "TaskWorker", "TodoCore", "EventPublisher",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "ChatTUITests", dependencies: ["ChatTUI", "TodoCore", "TaskIntent"]),
    ]
)
