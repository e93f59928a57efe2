import EventPublisher
import Foundation
import TodoCore

// Writes task-updates into an embedded store at a steady rate, as another process on the same data directory
// does; a chat open on the directory hears them through the store (Benchmarks/terminal/flood.py). Usage:
//   TerminalFlood --data DIR --tasks 1000                       (seeds the tasks, then exits)
//   TerminalFlood --data DIR --tasks 1000 --rate 10000 --seconds 5 [--commits-per-second 100]
//                 [--mode updates|commands] [--final TITLE]
//
// Each commit carries rate / commits-per-second renames of distinct tasks, on a fixed schedule (a commit
// that falls behind goes at once and is counted as late). The last commit renames the first task to TITLE.
//
// --mode updates (the default): the renames are decided and applied here with TodoCore's processor
//   (`TaskProcessor.decide`, `TaskState.process`), and the `task.sync` updates it produces are published
//   through `LocalBus.publish`, which logs them as the embedded processor logs its own. This is the cheapest
//   honest source of real task-updates: it offers 10,000 a second on the 2-core machine.
// --mode commands: the renames are published as task-events and `LocalBus` processes them in its
//   transaction, as a second todo-chat does. Its ceiling on this machine is about 3,000 a second.
//
// Prints one JSON line: updates written, commits, late commits, the wall-clock times of the first commit's
// start and the last commit's end, and the writer's own CPU time.

struct Options {
    var data = ""
    var tasks = 1000
    var rate = 0
    var seconds = 0.0
    var commitsPerSecond = 100
    var mode = "updates"
    var final = "ZZ-FLOOD-DONE"
}

func parse() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let flag = arguments.next() {
        let value = arguments.next() ?? ""
        switch flag {
        case "--data": options.data = value
        case "--tasks": options.tasks = Int(value) ?? options.tasks
        case "--rate": options.rate = Int(value) ?? 0
        case "--seconds": options.seconds = Double(value) ?? 0
        case "--commits-per-second": options.commitsPerSecond = max(1, Int(value) ?? options.commitsPerSecond)
        case "--mode": options.mode = value
        case "--final": options.final = value
        default: fatalError("unknown flag \(flag)")
        }
    }
    guard ["updates", "commands"].contains(options.mode) else { fatalError("--mode is updates or commands") }
    return options
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

let options = parse()
let zone = TimeZone(identifier: "UTC")!
let bus = LocalBus(directory: URL(fileURLWithPath: options.data, isDirectory: true), zone: zone, syncEachCommit: false)
try await bus.start()
var state = TaskState(tasks: try await bus.snapshot())
let context = DecisionContext(now: Date(), zone: zone)

/// Publishes the commands' task-events for the bus to process; returns the task-updates that makes.
@MainActor func publishCommands(_ commands: [Command]) async throws -> Int {
    var events: [TaskEvent] = []
    var updates = 0
    for command in commands {
        let decided = try TaskProcessor.decide(command, state: state, context: context)
        for event in decided { updates += state.process(event) { "" }.1.count }
        events += decided
    }
    _ = try await bus.publish(events)
    return updates
}

/// Applies the commands here and publishes the task-updates the processor produced.
@MainActor func publishUpdates(_ commands: [Command]) async throws -> Int {
    var updates: [TaskEvent] = []
    for command in commands {
        for event in try TaskProcessor.decide(command, state: state, context: context) {
            updates += state.process(event) { UUID().uuidString.lowercased() }.1
        }
    }
    _ = try await bus.publish(updates)
    return updates.count
}

var ids: [TaskID] = state.visibleTasks.map(\.id)
while ids.count < options.tasks {
    let batch = (0..<min(500, options.tasks - ids.count)).map { _ in TaskID(UUID().uuidString.lowercased()) }
    _ = try await publishCommands(batch.map { .add($0, TaskDraft(title: "task \(ids.count)", priority: .low)) })
    ids += batch
    ids = Array(ids.prefix(options.tasks))
}

var written = 0
var commits = 0
var late = 0
var worstLateness = Duration.zero
var firstCommitUnix = Date().timeIntervalSince1970
var endUnix = firstCommitUnix
let cpuBefore = cpuSeconds()
let start = ContinuousClock.now
var lastCommitEnd = start
if options.rate > 0, options.seconds > 0, !ids.isEmpty {
    let publish = options.mode == "updates" ? publishUpdates : publishCommands
    let interval = Duration.seconds(1) / options.commitsPerSecond
    let perCommit = max(1, options.rate / options.commitsPerSecond)
    let total = Int(Double(options.rate) * options.seconds)
    var renamed = 0
    var due = start
    firstCommitUnix = Date().timeIntervalSince1970
    while renamed < total {
        let count = min(perCommit, total - renamed)
        var commands = (0..<count).map { i -> Command in
            .rename(ids[(renamed + i) % ids.count], title: "upd \(commits)-\(i)")
        }
        renamed += count
        if renamed == total { commands.append(.rename(ids[0], title: options.final)) }
        let lateness = ContinuousClock.now - due
        if lateness > interval {
            late += 1
            worstLateness = max(worstLateness, lateness)
        }
        written += try await publish(commands)
        commits += 1
        lastCommitEnd = ContinuousClock.now
        endUnix = Date().timeIntervalSince1970
        due = due + interval
        try await _Concurrency.Task.sleep(until: due, clock: .continuous)
    }
}
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}
let report: [String: Any] = [
    "mode": options.mode, "updates": written, "commits": commits, "late_commits": late,
    "worst_lateness_ms": milliseconds(worstLateness), "seconds": milliseconds(lastCommitEnd - start) / 1000,
    "first_commit_unix": firstCommitUnix, "end_unix": endUnix,
    "writer_cpu_s": cpuSeconds() - cpuBefore, "tasks": ids.count,
]
print(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self))
await bus.shutdown()
