// swift-tools-version:6.1
// Benchmarks for todo-chat. Never run by CI: `swift run -c release <target>` from this folder.
import PackageDescription

let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "todo-chat", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // Events applied per second by one todo-worker replica (vs a minimal sink and vs the stand-in).
        .executableTarget(
            name: "WorkerThroughput",
            dependencies: [
                .product(name: "TaskWorker", package: "todo-chat"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "WorkerThroughput"
        )
    ]
)
