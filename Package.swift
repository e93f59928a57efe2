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
            // The driver exports every symbol of an executable; nothing looks ours up by name (crash
            // backtraces read the symbol table, not the dynamic one), and the loader would otherwise
            // search those 43,000 names for every symbol a shared C library asks for: 2.5 MB resident.
            + ["-Xlinker", "--no-export-dynamic"]
            + [
                "Foundation", "FoundationEssentials", "FoundationInternationalization", "CoreFoundation",
                "_FoundationICU", "_FoundationCShims", "_FoundationCollections",
            ].map { "-l\($0)" }
            + ["_TimeZoneICU", "_CalendarICU", "_LocaleICU"].flatMap { type in
                ["-Xlinker", "--undefined=$s30FoundationInternationalization\(type.count)\(type)CMn"]
            },
        .when(platforms: [.linux]))
]

// Release builds give each function of our own modules a section of its own (swiftc puts a whole file's
// code in one section otherwise), so that the linker can drop what is unused and place what runs at
// start-up together (`chatMemoryLayout`). `make release` does the same for the dependencies.
let functionSections: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release))
]

// What keeps the release chat's memory small (docs/terminal.md, "Memory after start"); the files are in
// Sources/todo-chat/Linking:
// - symbol-order.txt: the code the chat runs at start-up and per key, placed together at the start of
//   .text. The kernel maps up to 16 neighbouring pages on every fault, so scattered, this code made
//   13 MB resident. scripts/link-order.py writes the list from a profile;
// - unnamed-thunks.ld puts the metadata thunks that have no symbol (and so no place in the list) in
//   front of it;
// - libstdc++.so, a linker script, makes the driver's -lstdc++ link the static archive, so that the few
//   functions in use are ordered with the rest instead of mapping the whole shared library.
let linking = "\(Context.packageDirectory)/Sources/todo-chat/Linking"
let chatMemoryLayout: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-Xlinker", "--symbol-ordering-file=\(linking)/symbol-order.txt", "-Xlinker", "--no-warn-symbol-ordering",
            "-Xlinker", "-T", "-Xlinker", "\(linking)/unnamed-thunks.ld", "-L", linking,
        ],
        .when(platforms: [.linux], configuration: .release))
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
        .target(name: "TodoCore", swiftSettings: functionSections),
        .target(name: "TaskIntent", dependencies: ["TodoCore"], swiftSettings: functionSections),
        .target(
            name: "EventPublisher",
            dependencies: [
                "TodoCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
            ],
            swiftSettings: functionSections
        ),
        .target(
            name: "ChatTUI",
            dependencies: [
                "TodoCore", "TaskIntent", "EventPublisher", "CNcurses", "CEditLine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Collections", package: "swift-collections"),
            ],
            swiftSettings: functionSections
        ),
        .executableTarget(
            name: "todo-chat",
            dependencies: [
                "ChatTUI", "TaskIntent", "TodoCore", "EventPublisher",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Linking"],
            swiftSettings: functionSections,
            linkerSettings: staticSwiftRuntime + chatMemoryLayout
        ),
        .target(
            name: "TaskWorker",
            dependencies: [
                "TodoCore", "EventPublisher",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: functionSections
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
            swiftSettings: functionSections,
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
