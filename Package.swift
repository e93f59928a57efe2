// swift-tools-version:6.1
import PackageDescription

// The executables carry the Swift runtime and Foundation inside them (Linux; macOS always uses the
// system's): loading a dozen shared Swift libraries and relocating them was most of the chat's start-up
// time (docs/terminal.md, "Start-up"). The static Foundation needs its C parts named, and lld, which
// does not care about the order of static archives. Foundation finds its ICU time zone, calendar and
// locale by type name at run time, so nothing references them and the link would drop them, leaving
// TimeZone(identifier:) nil: --undefined keeps them. Packed relative relocations (glibc 2.36) shrink
// the 3 MB relocation table the loader reads at every start to a few KB.
let staticSwiftRuntime: [LinkerSetting] = [
    .unsafeFlags(
        ["-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"]
            + [
                "Foundation", "FoundationEssentials", "FoundationInternationalization", "CoreFoundation",
                "_FoundationICU", "_FoundationCShims", "_FoundationCollections",
            ].map { "-l\($0)" }
            + ["_TimeZoneICU", "_CalendarICU", "_LocaleICU"].flatMap { type in
                ["-Xlinker", "--undefined=$s30FoundationInternationalization\(type.count)\(type)CMn"]
            },
        .when(platforms: [.linux]))
]

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
            ],
            linkerSettings: staticSwiftRuntime
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
            ],
            linkerSettings: staticSwiftRuntime
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
        .testTarget(name: "ChatTUITests", dependencies: ["ChatTUI", "TodoCore", "TaskIntent", "EventPublisher"]),
    ]
)
