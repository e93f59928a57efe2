// Publish benchmark (release, not CI): `swift run -c release PublishBenchmark` from Benchmarks/.
//
// Prints, each as the median of several runs made in this one process, with the load average beside it:
// Enter-to-accepted latency (publish of one command's event until it is durable in the outbox) while the
// outbox drains; sustained publish throughput through DaprBus for 1, 10 and 100 events per command from 1
// and 8 writers, to a minimal sink and to the stand-in sidecar; each partner's own ceiling beside our
// figure (the stand-in is Python, written for correctness); and the embedded mode's cold start and
// Enter-to-update latency with 10,000 tasks.
import BenchmarkSupport
import EventPublisher
import Foundation
import Hummingbird
import Synchronization
import TodoCore

/// Unbuffered, so that progress shows while it runs and nothing is lost if it is stopped.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let throughputRuns = 5
let latencyRuns = 3

/// Every store and broker file of the run lives under this directory, removed at the end (a run writes GBs).
let runDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "publish-bench-\(UUID().uuidString)")

func temporaryDirectory() -> URL {
    let url = runDirectory.appendingPathComponent(UUID().uuidString)
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

func median(_ values: [Double]) -> Double { percentile(values.sorted(), 0.5) }

func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "? ? ?"
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

func section(_ title: String) {
    say("== \(title) (load average \(loadAverage()))")
    watchdog.arm(title)
}

/// Ends the run with a message if one section takes far longer than it should, instead of hanging.
final class Watchdog: Sendable {
    private let current = Mutex<(title: String, started: ContinuousClock.Instant)?>(nil)
    private let limit: Duration

    init(limit: Duration) {
        self.limit = limit
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 1)
                if let (title, started) = current.withLock({ $0 }), ContinuousClock.now - started > limit {
                    say("!! \"\(title)\" did not finish within \(limit); stopping")
                    try? FileManager.default.removeItem(at: runDirectory)
                    exit(2)
                }
            }
        }
        thread.start()
    }

    func arm(_ title: String) { current.withLock { $0 = (title, ContinuousClock.now) } }
}

let watchdog = Watchdog(limit: .seconds(600))

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

/// How the publisher talked to the sink: how many single and bulk publish requests it made.
final class SinkRequests: Sendable {
    let single = Atomic(0)
    let bulk = Atomic(0)

    /// The counts since the last call.
    func take() -> (single: Int, bulk: Int) {
        (single.exchange(0, ordering: .relaxed), bulk.exchange(0, ordering: .relaxed))
    }
}

let sinkRequests = SinkRequests()

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
        sinkRequests.single.add(1, ordering: .relaxed)
        return Response(status: .noContent)
    }
    router.post("/v1.0-alpha1/publish/bulk/{pubsub}/{topic}") { request, _ in
        _ = try await request.body.collect(upTo: 64 << 20)
        sinkRequests.bulk.add(1, ordering: .relaxed)
        return Response(status: .noContent)
    }
    return try await serveOnFreePort(router)
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

/// The stand-in sidecar as a child process; its output goes to a file (no pipe to drain).
func startStandin(appPort: Int, directory: URL) throws -> (Process, Int) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "python3", repositoryRoot.appendingPathComponent("Tests/sidecar/daprd.py").path, "--app-id", "bench",
        "--app-port", String(appPort), "--dapr-http-port", "0", "--resources-path",
        repositoryRoot.appendingPathComponent("Tests/sidecar/fixtures/resources").path, "--broker",
        directory.appendingPathComponent("broker.sqlite").path, "--log-level", "warn",
    ]
    let out = directory.appendingPathComponent("standin.out")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
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

/// SIGKILL, not `terminate()`: Foundation spawns from a thread that blocks SIGTERM and the child inherits
/// that mask, so the stand-in never saw the SIGTERM and `waitUntilExit` waited forever (the hang of the
/// first version of this benchmark). The stand-in keeps nothing we need after the run.
func stopStandin(_ process: Process) {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
}

/// `count` events offered in commands of `perCommand` events, from `writers` concurrent callers; the clock
/// stops when the outbox is empty again. Returns events per second.
func sustained(_ bus: DaprBus, count: Int, perCommand: Int, writers: Int) async throws -> Double {
    let now = Date()
    let commands = max(1, count / perCommand / writers)
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
            group.addTask {
                for _ in 0..<commands {
                    _ = try await bus.publish((0..<perCommand).map { _ in event("w\(writer)", now: now) })
                }
            }
        }
        try await group.waitForAll()
    }
    await drained(bus)
    return Double(commands * perCommand * writers) / (ms(ContinuousClock.now - start) / 1000)
}

/// Enter-to-accepted: one command with one event, until `publish` returns (durable in the outbox), while the
/// publisher drains the previous ones to the partner.
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

/// CPU seconds this process has used (user + system), every thread.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func formatted(_ value: Double) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    return formatter.string(from: NSNumber(value: value)) ?? String(Int(value))
}

/// Runs `measure` `runs` times and prints the median events per second with every run beside it.
func reportThroughput(_ name: String, runs: Int, _ measure: () async throws -> Double) async rethrows {
    var values: [Double] = []
    for _ in 0..<runs { values.append(try await measure()) }
    say(
        "\(name): median \(formatted(median(values))) events/s (runs: \(values.map(formatted).joined(separator: ", ")); load \(loadAverage()))"
    )
}

/// Runs `measure` `runs` times; prints the medians of the runs' p50 and p99.
func reportLatency(_ name: String, runs: Int, _ measure: () async throws -> [Double]) async rethrows {
    var p50s: [Double] = []
    var p99s: [Double] = []
    var count = 0
    for _ in 0..<runs {
        let sorted = try await measure()
        p50s.append(percentile(sorted, 0.5))
        p99s.append(percentile(sorted, 0.99))
        count = sorted.count
    }
    let runs = p99s.map { String(format: "%.2f", $0) }.joined(separator: ", ")
    say(
        String(
            format: "%@: p50 %.2f ms, p99 %.2f ms (medians of %d runs of %d; p99 per run: %@; load %@)", name,
            median(p50s), median(p99s), p50s.count, count, runs, loadAverage()))
}

func bus(daprPort: Int, appPort: Int, directory: URL, sync: Bool = false) -> DaprBus {
    DaprBus(
        configuration: .init(
            endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(daprPort)"), dataDirectory: directory, appPort: appPort,
            syncEachCommit: sync))
}

let grid = [(1, 1), (1, 8), (10, 1), (10, 8), (100, 1), (100, 8)]
/// `PublishBenchmark sink standin embedded` (the default is all three; name some to run only those).
let chosen = Set(CommandLine.arguments.dropFirst())
func wants(_ name: String) -> Bool { chosen.isEmpty || chosen.contains(name) }

say("PublishBenchmark, load average at start \(loadAverage())")
if wants("sink") {
    section("publish to a minimal sink (in-process Hummingbird answering 204)")
    let sinkPort = try await startSink()
    do {
        let b = bus(daprPort: sinkPort, appPort: freePort(), directory: temporaryDirectory())
        try await b.start()
        await ready(b)
        try await reportLatency(
            "Enter-to-accepted while draining (in the outbox's WAL: survives a crash)", runs: latencyRuns
        ) {
            let latencies = try await acceptLatency(b, samples: 2000)
            await drained(b)
            return latencies
        }
        for (perCommand, writers) in grid {
            _ = sinkRequests.take()
            let cpuBefore = cpuSeconds()
            try await reportThroughput(
                "sustained, \(perCommand) per command, \(writers) writer\(writers == 1 ? "" : "s")",
                runs: throughputRuns
            ) {
                try await sustained(b, count: 20_000, perCommand: perCommand, writers: writers)
            }
            let requests = sinkRequests.take()
            let cpuPerEvent = (cpuSeconds() - cpuBefore) / Double(20_000 * throughputRuns) * 1e6
            say(
                String(
                    format:
                        "  CPU %.0f µs per event (this process, the sink's side included); %d single and %d bulk requests",
                    cpuPerEvent, requests.single, requests.bulk))
        }
        await b.shutdown()
        let synced = bus(daprPort: sinkPort, appPort: freePort(), directory: temporaryDirectory(), sync: true)
        try await synced.start()
        await ready(synced)
        try await reportLatency(
            "Enter-to-accepted with syncEachCommit (fsync: survives a power cut)", runs: latencyRuns
        ) {
            try await acceptLatency(synced, samples: 300)
        }
        await synced.shutdown()
    }
    // The sink's ceiling, so that our figure is read against it.
    do {
        let client = DaprClient(endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(sinkPort)"))
        let body = try EventCatalogue.structuredJSON(for: event("ceiling", now: Date()))
        let entries = (0..<100).map { DaprClient.BulkEntry(entryID: String($0), cloudEvent: body) }
        try await reportThroughput("sink ceiling, bulk of 100, one caller", runs: throughputRuns) {
            let start = ContinuousClock.now
            for _ in 0..<200 {
                _ = try await client.bulkPublish(pubsub: "kafka-pubsub", topic: "task-events", entries: entries)
            }
            return 20_000 / (ms(ContinuousClock.now - start) / 1000)
        }
        try await reportThroughput("sink ceiling, single publish, one caller", runs: throughputRuns) {
            let start = ContinuousClock.now
            for _ in 0..<5_000 {
                try await client.publish(pubsub: "kafka-pubsub", topic: "task-events", cloudEvent: body)
            }
            return 5_000 / (ms(ContinuousClock.now - start) / 1000)
        }
    }
}

if wants("standin") {
    section("publish to the stand-in sidecar (Python)")
    do {
        let directory = temporaryDirectory()
        let appPort = freePort()
        let (standin, port) = try startStandin(appPort: appPort, directory: directory)
        let b = bus(daprPort: port, appPort: appPort, directory: directory.appendingPathComponent("bus"))
        try await b.start()
        await ready(b)
        try await reportLatency("Enter-to-accepted while draining (in the outbox's WAL)", runs: latencyRuns) {
            let latencies = try await acceptLatency(b, samples: 500)
            await drained(b)
            return latencies
        }
        for (perCommand, writers) in [(1, 1), (1, 8), (100, 1)] {
            try await reportThroughput(
                "sustained, \(perCommand) per command, \(writers) writer\(writers == 1 ? "" : "s")", runs: latencyRuns
            ) {
                try await sustained(b, count: 3_000, perCommand: perCommand, writers: writers)
            }
        }
        await b.shutdown()
        let client = DaprClient(endpoint: DaprEndpoint(baseURL: "http://127.0.0.1:\(port)"))
        let body = try EventCatalogue.structuredJSON(for: event("ceiling", now: Date()))
        let entries = (0..<100).map {
            DaprClient.BulkEntry(entryID: String($0), cloudEvent: body, metadata: ["partitionKey": "k"])
        }
        try await reportThroughput("stand-in ceiling, bulk of 100, raw client", runs: latencyRuns) {
            let start = ContinuousClock.now
            for _ in 0..<30 {
                _ = try await client.bulkPublish(pubsub: "kafka-pubsub", topic: "task-events", entries: entries)
            }
            return 3_000 / (ms(ContinuousClock.now - start) / 1000)
        }
        try await reportThroughput("stand-in ceiling, single publish, raw client", runs: latencyRuns) {
            let start = ContinuousClock.now
            for _ in 0..<500 {
                try await client.publish(pubsub: "kafka-pubsub", topic: "task-events", cloudEvent: body)
            }
            return 500 / (ms(ContinuousClock.now - start) / 1000)
        }
        stopStandin(standin)
    }
}

if wants("embedded") {
    section("embedded mode (LocalBus) with 10,000 tasks")
    do {
        let directory = temporaryDirectory()
        let seed = LocalBus(directory: directory, syncEachCommit: false)
        try await seed.start()
        let now = Date()
        for _ in 0..<100 {
            _ = try await seed.publish((0..<100).map { _ in event("seeded task with a title", now: now) })
        }
        await seed.shutdown()
        try await reportLatency("cold start: open + snapshot of 10,000 tasks", runs: latencyRuns) {
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
            return starts.sorted()
        }
        let bus = LocalBus(directory: directory)
        try await bus.start()
        try await reportLatency("embedded Enter-to-update (publish, apply, task.sync heard)", runs: latencyRuns) {
            var iterator = bus.subscribe().makeAsyncIterator()
            _ = await iterator.next()  // the status
            var latencies: [Double] = []
            for _ in 0..<500 {
                let start = ContinuousClock.now
                _ = try await bus.publish([event("typed", now: Date())])
                while let next = await iterator.next() { if case .update = next { break } }
                latencies.append(ms(ContinuousClock.now - start))
            }
            return latencies.sorted()
        }
        await bus.shutdown()
    }
}
say("PublishBenchmark done, load average at end \(loadAverage())")
try? FileManager.default.removeItem(at: runDirectory)
exit(0)
