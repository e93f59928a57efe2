// Events applied per second by one todo-worker replica (not run by CI).
//
//     cd Benchmarks && swift run -c release WorkerThroughput [events] [runs]
//
// The worker's cost per event is three sidecar calls (read the task's record, write it over its
// ETag, publish task.sync) plus its own work. Three partners are measured:
//   * sink: a minimal in-process sidecar (in-memory state with ETags, publishes counted), so that the
//     figure is the worker's own;
//   * stand-in: the project's Python stand-in sidecar (Tests/sidecar/daprd.py) with the resources of
//     deploy/dapr-worker;
//   * stand-in ceiling: the same three calls against the stand-in with no worker logic at all.
// One partition means one event at a time (Kafka delivers a partition sequentially); three is what
// one replica owns when it is alone on the topic.
import BenchmarkSupport
import Foundation
import Hummingbird
import Synchronization
import TaskWorker
import TodoCore

let arguments = CommandLine.arguments.dropFirst().compactMap(Int.init)
let eventCount = arguments.first ?? 3000
let runs = arguments.dropFirst().first ?? 5
let updatesPerTask = 10

// MARK: Inputs

let batches = Mutex(0)

/// `eventCount` events over `eventCount / updatesPerTask` new tasks: a creation, then renames.
func makeEvents() -> [[UInt8]] {
    let run = batches.withLock {
        $0 += 1
        return $0
    }
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    var out: [[UInt8]] = []
    for t in 0..<(eventCount / updatesPerTask) {
        let id = TaskID(String(format: "00000000-0000-4000-8000-%04d%08d", run, t))
        for sequence in 1...updatesPerTask {
            let payload: EventPayload =
                sequence == 1
                ? .taskCreated(TaskCreated(task: Task(id: id, title: "task \(t)", createdAt: start)))
                : .taskUpdated(TaskUpdated(taskId: id, title: "task \(t), take \(sequence)"))
            out.append(cloudEvent(id: "\(id)-\(sequence)", task: id, sequence: sequence, payload: payload))
        }
    }
    return out
}

/// The structured CloudEvent the chat publishes (docs/events.md), written by hand so that the
/// benchmark needs nothing but TodoCore and TaskWorker.
func cloudEvent(id: String, task: TaskID, sequence: Int, payload: EventPayload) -> [UInt8] {
    let sequenceText = String(format: "%010d", sequence)
    var json = #"{"specversion":"1.0","id":"\#(id)","source":"/todo-chat","type":"\#(payload.type.rawValue)","#
    json += #""subject":"task/\#(task)","time":"2027-01-15T08:00:00Z","datacontenttype":"application/json","#
    json += #""sequence":"\#(sequenceText)","correlationid":"bench","data":"#
    return Array(json.utf8) + Array(payload.encoded()) + Array("}".utf8)
}

/// Interleaves tasks the way partitions do: each task's events stay in order within its partition.
func partitioned(_ events: [[UInt8]], into partitions: Int) -> [[[UInt8]]] {
    var out = Array(repeating: [[UInt8]](), count: partitions)
    for (index, chunk) in stride(from: 0, to: events.count, by: updatesPerTask).enumerated() {
        out[index % partitions] += events[chunk..<min(chunk + updatesPerTask, events.count)]
    }
    return out
}

// MARK: Measuring

struct Figure {
    var eventsPerSecond: [Double] = []
    var latencies: [Double] = []

    func line(_ name: String) -> String {
        let rates = eventsPerSecond.sorted()
        let lat = latencies.sorted()
        func pct(_ p: Double) -> Double { lat.isEmpty ? 0 : lat[min(lat.count - 1, Int(Double(lat.count) * p))] }
        return String(
            format: "%-34@ median %8.0f events/s (min %.0f, max %.0f)   per event p50 %.2f ms, p99 %.2f ms",
            name as NSString, rates[rates.count / 2], rates.first!, rates.last!, pct(0.5) * 1000, pct(0.99) * 1000)
    }
}

func measure(_ name: String, sidecarURL: String, partitions: Int, clean: () async throws -> Void) async throws -> Figure
{
    var figure = Figure()
    for _ in 0..<runs {
        try await clean()
        let worker = Worker(sidecar: DaprWorkerSidecar(baseURL: sidecarURL))
        let lanes = partitioned(makeEvents(), into: partitions)
        let began = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for lane in lanes {
                group.addTask {
                    var times: [Double] = []
                    for body in lane {
                        let t0 = ContinuousClock.now
                        let outcome = await worker.handleDelivery(topic: "task-events", body: body)
                        guard outcome == .success else { throw BenchmarkError("delivery answered \(outcome)") }
                        let d = ContinuousClock.now - t0
                        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
                    }
                    return times
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let elapsed = ContinuousClock.now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        figure.eventsPerSecond.append(Double(latencies.count) / seconds)
        figure.latencies += latencies
        guard worker.metrics.total(.eventsApplied) == latencies.count else {
            throw BenchmarkError("applied \(worker.metrics.total(.eventsApplied)) of \(latencies.count)")
        }
    }
    print(figure.line(name + " (\(partitions) partition\(partitions == 1 ? "" : "s"))"))
    return figure
}

/// The three calls the worker makes per event, with nothing else: what the partner itself allows.
func ceiling(_ name: String, sidecarURL: String) async throws {
    var figure = Figure()
    let sidecar = DaprWorkerSidecar(baseURL: sidecarURL)
    let value = Array(#"{"task":{"title":"x"},"appliedEventIDs":[]}"#.utf8)
    let event = cloudEvent(
        id: "c", task: TaskID("ceiling"), sequence: 1,
        payload: .taskUpdated(TaskUpdated(taskId: TaskID("ceiling"), title: "x")))
    for run in 0..<runs {
        let began = ContinuousClock.now
        let count = max(eventCount / 3, 300)
        for i in 0..<count {
            let key = "ceiling:\(run):\(i % 100)"
            let stored = try await sidecar.readState(key: key)
            try await sidecar.writeState(key: key, value: value, etag: stored?.etag)
            try await sidecar.publish(topic: "task-updates", cloudEvent: event, partitionKey: key)
        }
        let elapsed = ContinuousClock.now - began
        figure.eventsPerSecond.append(
            Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    }
    print(figure.line(name + " (1 partition)"))
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: Partners

/// A sidecar that does the least it can: state in a dictionary with integer ETags, publishes counted.
func startSink() async throws -> (url: String, clear: @Sendable () -> Void) {
    struct Store {
        var entries: [String: (value: Data, etag: Int)] = [:]
        var nextETag = 1
    }
    let state = Mutex(Store())
    let router = Router()
    router.get("/v1.0/state/{store}/{key}") { _, context -> Response in
        let key = try context.parameters.require("key")
        guard let entry = state.withLock({ $0.entries[key] }) else { return Response(status: .noContent) }
        return Response(
            status: .ok, headers: [.contentType: "application/json", .eTag: String(entry.etag)],
            body: .init(byteBuffer: ByteBuffer(bytes: entry.value)))
    }
    router.post("/v1.0/state/{store}") { request, _ -> Response in
        var request = request
        let body = try await request.collectBody(upTo: 1 << 22)
        let items = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]] ?? []
        for item in items {
            guard let key = item["key"] as? String, let value = item["value"] else { continue }
            let bytes = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
            let etag = item["etag"] as? String
            let ok = state.withLock { state -> Bool in
                if let etag {
                    guard state.entries[key].map({ String($0.etag) == etag }) == true else { return false }
                } else if state.entries[key] != nil {
                    return false
                }
                state.nextETag += 1
                state.entries[key] = (bytes, state.nextETag)
                return true
            }
            if !ok { return Response(status: .conflict) }
        }
        return Response(status: .noContent)
    }
    router.delete("/v1.0/state/{store}/{key}") { _, context -> Response in
        let key = try context.parameters.require("key")
        _ = state.withLock { $0.entries.removeValue(forKey: key) }
        return Response(status: .noContent)
    }
    router.post("/v1.0/publish/{pubsub}/**") { _, _ in Response(status: .noContent) }
    router.post("/v1.0-alpha1/jobs/{name}") { _, _ in Response(status: .noContent) }
    router.delete("/v1.0-alpha1/jobs/{name}") { _, _ in Response(status: .noContent) }
    router.get("/v1.0/healthz/outbound") { _, _ in Response(status: .noContent) }
    let port = try await serveOnFreePort(router)
    return ("http://127.0.0.1:\(port)", { state.withLock { $0.entries.removeAll() } })
}

/// The stand-in, started from the repository root so that deploy/dapr-worker's paths resolve.
func startStandIn() throws -> (url: String, process: Process) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("worker-bench-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "python3", "Tests/sidecar/daprd.py", "--app-id", "todo-worker", "--dapr-http-port", "0",
        "--resources-path", "deploy/dapr-worker", "--broker", scratch.appendingPathComponent("broker.sqlite").path,
        "--topic-partitions", "Tests/sidecar/fixtures/topics.yaml", "--log-level", "warn",
    ]
    process.currentDirectoryURL = root
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    var text = ""
    while !text.contains("\n") {
        let chunk = output.fileHandleForReading.availableData
        guard !chunk.isEmpty else { throw BenchmarkError("the stand-in exited: \(text)") }
        text += String(decoding: chunk, as: UTF8.self)
    }
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("standin-daprd listening on ") }),
        let port = line.split(separator: ":").last
    else { throw BenchmarkError("unexpected stand-in output: \(text)") }
    return ("http://127.0.0.1:\(port)", process)
}

/// SIGTERM, then SIGKILL after 5 s: a stand-in left behind keeps the benchmark's output pipe open
/// (a top-level `defer` never ran, and one stand-in ignored SIGTERM while its stdout pipe was full).
func stop(_ process: Process) {
    process.terminate()
    for _ in 0..<50 where process.isRunning { usleep(100_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
}

// MARK: Main

print(
    "todo-worker throughput: \(eventCount) events (\(eventCount / updatesPerTask) tasks x \(updatesPerTask)), \(runs) runs"
)
let sink = try await startSink()
_ = try await measure("worker vs minimal sink", sidecarURL: sink.url, partitions: 1) { sink.clear() }
_ = try await measure("worker vs minimal sink", sidecarURL: sink.url, partitions: 3) { sink.clear() }
try await ceiling("minimal sink alone", sidecarURL: sink.url)

let standIn = try startStandIn()
_ = try await measure("worker vs stand-in", sidecarURL: standIn.url, partitions: 1) {}
_ = try await measure("worker vs stand-in", sidecarURL: standIn.url, partitions: 3) {}
try await ceiling("stand-in alone (its ceiling)", sidecarURL: standIn.url)
stop(standIn.process)
