// swift-tools-version:6.1
// Benchmarks for todo-chat. Not run by CI: `swift run -c release <target>` from this folder.
import PackageDescription

let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "todo-chat", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // What several benchmarks share: a minimal local server for their sinks.
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "BenchmarkSupport"
        ),
        .executableTarget(
            name: "ParseBenchmark",
            dependencies: [.product(name: "TaskIntent", package: "todo-chat")],
            path: "ParseBenchmark"
        ),
        // The chat core's share of the terminal budgets: keystroke, task-update flood, cold start, memory.
        .executableTarget(
            name: "ChatCoreBenchmark",
            dependencies: [
                .product(name: "ChatTUI", package: "todo-chat"), .product(name: "TaskIntent", package: "todo-chat"),
            ],
            path: "ChatCoreBenchmark"
        ),
        // EventPublisher: publish throughput to the stand-in sidecar and to a minimal sink, Enter-to-accepted
        // latency, embedded cold start with 10,000 tasks.
        .executableTarget(
            name: "PublishBenchmark",
            dependencies: [
                .product(name: "EventPublisher", package: "todo-chat"),
                .product(name: "Hummingbird", package: "hummingbird"), "BenchmarkSupport",
            ],
            path: "PublishBenchmark"
        ),
        // Events applied per second by one todo-worker replica (vs a minimal sink and vs the stand-in).
        .executableTarget(
            name: "WorkerThroughput",
            dependencies: [
                .product(name: "TaskWorker", package: "todo-chat"),
                .product(name: "Hummingbird", package: "hummingbird"), "BenchmarkSupport",
            ],
            path: "WorkerThroughput"
        ),
        // Writes task updates into a running chat's store at a fixed rate (Benchmarks/terminal/flood.py).
        .executableTarget(
            name: "TerminalFlood",
            dependencies: [.product(name: "EventPublisher", package: "todo-chat")],
            path: "TerminalFlood"
        ),
    ]
)
