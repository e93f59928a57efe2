// Publish benchmark (release, not CI): `swift run -c release PublishBenchmark` from Benchmarks/.
//
// Prints: Enter-to-accepted latency (publish of one command's event until it is durable in the outbox),
// sustained publish throughput through DaprBus to a minimal sink and to the stand-in sidecar, the stand-in's
// own ceiling beside it (it is Python, written for correctness), and the embedded mode's cold start and
// Enter-to-update latency with 10,000 tasks.
import EventPublisher
import Foundation
import Hummingbird
import TodoCore

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("publish-bench-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

func event(_ title: String, now: Date) -> TaskEvent {
    let id = TaskID(UUID().uuidString.lowercased())
    return TaskEvent(
        id: UUID().uuidString.lowercased(), taskID: id, sequence: 1, time: now,
        payload: .taskCreated(
            TaskCreated(task: Task(id: id, title: title, tags: ["home"], sequence: 1, createdAt: now))))
}

/// Waits until the bus reports an empty outbox.
func drained(_ bus: DaprBus) async {
    for await case .status(let status) in bus.subscribe() where status.pending == 0 { return }
}

func ready(_ bus: DaprBus) async {
    for await case .status(let status) in bus.subscribe() {
        if case .ready = status.sidecar { return }
    }
}

/// The minimal sink: answers the sidecar routes the bus uses, as fast as NIO can.
func startSink() async throws -> Int {
    let router = Router()
    router.get("/v1.0/healthz/outbound") { _, _ in Response(status: .noContent) }
    router.get("/v1.0/metadata") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(
                byteBuffer: ByteBuffer(
                    string:
                        #"{"id":"sink","runtimeVersion":"sink","components":[{"name":"kafka-pubsub","type":"pubsub.kafka","version":"v1"}]}"#
                )))
    }
    router.post("/v1.0/publish/{pubsub}/{topic}") { request, _ in
        _ = try await request.body.collect(upTo: 1 << 20)
        return Response(status: .noContent)
    }
    router.post("/v1.0-alpha1/publish/bulk/{pubsub}/{topic}") { request, _ in
        _ = try await request.body.collect(upTo: 64 << 20)
        return Response(status: .noContent)
    }
    let (port, continuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        })
    _Concurrency.Task { try await app.run() }
    var iterator = port.makeAsyncIterator()
    return await iterator.next()!
}

func freePort() -> Int {
    // Ask the kernel by listening on port 0 with a throwaway socket.
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// The stand-in sidecar, started from the main thread (so it gets an unblocked signal mask).
@MainActor func startStandin(appPort: Int, directory: URL) throws -> (Process, Int) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "python3", repositoryRoot.appendingPathComponent("Tests/sidecar/daprd.py").path, "--app-id", "bench",
        "--app-port", String(appPort), "--dapr-http-port", "0", "--resources-path",
        repositoryRoot.appendingPathComponent("Tests/sidecar/fixtures/resources").path, "--broker",
        directory.appendingPathComponent("broker.sqlite").path, "--log-level", "warn",
    ]
    let out = directory.appendingPathComponent("standin.out")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = FileHandle.nullDevice
    try process.run()
    for _ in 0..<600 {
        if let text = try? String(contentsOf: out, encoding: .utf8),
            let match = text.firstMatch(of: /listening on [0-9.]+:(\d+)/), let port = Int(match.1)
        {
            return (process, port)
        }
        Thread.sleep(forTimeInterval: 0.05)
    }
    fatalError("the stand-in did not start")
}

struct Throughput {
    var events: Int
    var seconds: Double
    var perSecond: Double { Double(events) / seconds }
}

/// `count` events offered in commands of `perCommand` events, from `writers` concurrent callers; the clock
/// stops when the outbox is empty again.
func sustained(_ bus: DaprBus, count: Int, perCommand: Int, writers: Int) async throws -> Throughput {
    let now = Date()
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
            group.addTask {
                let commands = count / perCommand / writers
                for _ in 0..<commands {
                    _ = try await bus.publish((0..<perCommand).map { _ in event("w\(writer)", now: now) })
                }
            }
        }
        try await group.waitForAll()
    }
    await drained(bus)
    return Throughput(
        events: count / perCommand / writers * perCommand * writers, seconds: ms(ContinuousClock.now - start) / 1000)
}

/// Enter-to-accepted: one command with one event, until `publish` returns (durable in the outbox).
func acceptLatency(_ bus: DaprBus, samples: Int) async throws -> [Double] {
    var latencies: [Double] = []
    let now = Date()
    for _ in 0..<samples {
        let e = event("latency", now: now)
        let start = ContinuousClock.now
        _ = try await bus.publish([e])
        latencies.append(ms(ContinuousClock.now - start))
        try await _Concurrency.Task.sleep(for: .milliseconds(2))  // a person types slower than this
    }
    return latencies.sorted()
}

func report(_ name: String, _ sorted: [Double]) {
    print(
        String(
            format: "%@: p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", name, percentile(sorted, 0.5),
            percentile(sorted, 0.99), sorted.last ?? 0, sorted.count))
}

func bus(daprPort: Int, appPort: Int, directory: URL, sync: Bool = false) -> DaprBus {
    DaprBus(
        configuration: .init(
            endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(daprPort)"), dataDirectory: directory, appPort: appPort,
            syncEachCommit: sync))
}

print("== publish to a minimal sink (in-process Hummingbird answering 204)")
let sinkPort = try await startSink()
do {
    let b = bus(daprPort: sinkPort, appPort: freePort(), directory: temporaryDirectory())
    try await b.start()
    await ready(b)
    report("Enter-to-accepted (in the outbox's WAL: survives a crash)", try await acceptLatency(b, samples: 2000))
    await drained(b)
    for (perCommand, writers) in [(1, 1), (1, 8), (10, 4), (100, 2)] {
        let t = try await sustained(b, count: 20_000, perCommand: perCommand, writers: writers)
        print(
            String(
                format: "sustained: %d events, %d per command, %d writers: %.0f events/s", t.events, perCommand,
                writers, t.perSecond))
    }
    await b.shutdown()
    let synced = bus(daprPort: sinkPort, appPort: freePort(), directory: temporaryDirectory(), sync: true)
    try await synced.start()
    await ready(synced)
    report(
        "Enter-to-accepted with syncEachCommit (fsync: survives a power cut)",
        try await acceptLatency(synced, samples: 300))
    await synced.shutdown()
}
// The sink's ceiling, so that our figure is read against it.
do {
    let client = DaprClient(endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(sinkPort)"))
    let body = try EventCatalogue.cloudEvent(for: event("ceiling", now: Date())).jsonBytes()
    let entries = (0..<100).map { DaprClient.BulkEntry(entryID: String($0), cloudEvent: body) }
    let start = ContinuousClock.now
    for _ in 0..<200 {
        _ = try await client.bulkPublish(pubsub: "kafka-pubsub", topic: "task-events", entries: entries)
    }
    print(
        String(
            format: "sink ceiling (bulk of 100, one caller): %.0f events/s",
            20_000 / (ms(ContinuousClock.now - start) / 1000)))
}

print("== publish to the stand-in sidecar (Python)")
do {
    let directory = temporaryDirectory()
    let appPort = freePort()
    let (standin, port) = try await MainActor.run { try startStandin(appPort: appPort, directory: directory) }
    let b = bus(daprPort: port, appPort: appPort, directory: directory.appendingPathComponent("bus"))
    try await b.start()
    await ready(b)
    report("Enter-to-accepted (in the outbox's WAL)", try await acceptLatency(b, samples: 500))
    await drained(b)
    for (perCommand, writers) in [(1, 1), (100, 2)] {
        let t = try await sustained(b, count: 5_000, perCommand: perCommand, writers: writers)
        print(
            String(
                format: "sustained: %d events, %d per command, %d writers: %.0f events/s", t.events, perCommand,
                writers, t.perSecond))
    }
    await b.shutdown()
    let client = DaprClient(endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(port)"))
    let body = try EventCatalogue.cloudEvent(for: event("ceiling", now: Date())).jsonBytes()
    let entries = (0..<100).map {
        DaprClient.BulkEntry(entryID: String($0), cloudEvent: body, metadata: ["partitionKey": "k"])
    }
    var start = ContinuousClock.now
    for _ in 0..<30 { _ = try await client.bulkPublish(pubsub: "kafka-pubsub", topic: "task-events", entries: entries) }
    print(
        String(
            format: "stand-in ceiling (bulk of 100, raw client): %.0f events/s",
            3_000 / (ms(ContinuousClock.now - start) / 1000)))
    start = ContinuousClock.now
    for _ in 0..<500 { try await client.publish(pubsub: "kafka-pubsub", topic: "task-events", cloudEvent: body) }
    print(
        String(
            format: "stand-in ceiling (single publish, raw client): %.0f events/s",
            500 / (ms(ContinuousClock.now - start) / 1000)))
    await MainActor.run {
        standin.terminate()
        standin.waitUntilExit()
    }
}

print("== embedded mode (LocalBus) with 10,000 tasks")
do {
    let directory = temporaryDirectory()
    let seed = LocalBus(directory: directory, syncEachCommit: false)
    try await seed.start()
    let now = Date()
    for _ in 0..<100 { _ = try await seed.publish((0..<100).map { _ in event("seeded task with a title", now: now) }) }
    await seed.shutdown()
    var starts: [Double] = []
    for _ in 0..<5 {
        let start = ContinuousClock.now
        let bus = LocalBus(directory: directory)
        try await bus.start()
        let tasks = try await bus.snapshot()
        starts.append(ms(ContinuousClock.now - start))
        precondition(tasks.count == 10_000)
        await bus.shutdown()
    }
    report("cold start: open + snapshot of 10,000 tasks", starts.sorted())
    let bus = LocalBus(directory: directory)
    try await bus.start()
    var iterator = bus.subscribe().makeAsyncIterator()
    _ = await iterator.next()  // the status
    var latencies: [Double] = []
    for _ in 0..<500 {
        let start = ContinuousClock.now
        _ = try await bus.publish([event("typed", now: Date())])
        while let next = await iterator.next() { if case .update = next { break } }
        latencies.append(ms(ContinuousClock.now - start))
    }
    report("embedded Enter-to-update (publish, apply, task.sync heard)", latencies.sorted())
    await bus.shutdown()
}
exit(0)
