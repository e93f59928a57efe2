import EventPublisher
import Foundation
import TodoCore

// Writes tasks and task updates into an embedded store, as another chat on the same machine would,
// at a fixed rate. Usage:
//   TerminalFlood --data DIR --tasks 1000 [--rate 10000 --seconds 5] [--final TITLE]
// Prints one JSON line: events written, seconds taken, and the wall-clock time of the last commit.

struct Options {
    var data = ""
    var tasks = 1000
    var rate = 0
    var seconds = 0.0
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
        case "--final": options.final = value
        default: fatalError("unknown flag \(flag)")
        }
    }
    return options
}

let options = parse()
let zone = TimeZone(identifier: "UTC")!
let bus = LocalBus(directory: URL(fileURLWithPath: options.data, isDirectory: true), zone: zone, syncEachCommit: false)
try await bus.start()
var state = TaskState(tasks: try await bus.snapshot())
let context = DecisionContext(now: Date(), zone: zone)

@MainActor func publish(_ commands: [Command]) async throws -> Int {
    var events: [TaskEvent] = []
    for command in commands {
        let decided = try TaskProcessor.decide(command, state: state, context: context)
        for event in decided { state.apply(event) }
        events += decided
    }
    _ = try await bus.publish(events)
    return events.count
}

var ids: [TaskID] = state.visibleTasks.map(\.id)
while ids.count < options.tasks {
    let batch = (0..<min(500, options.tasks - ids.count)).map { _ in TaskID(UUID().uuidString.lowercased()) }
    _ = try await publish(batch.map { .add($0, TaskDraft(title: "task \(ids.count)", priority: .low)) })
    ids += batch
    ids = Array(ids.prefix(options.tasks))
}

var written = 0
let start = ContinuousClock.now
if options.rate > 0, options.seconds > 0, !ids.isEmpty {
    // Batches every 10 ms, each as many renames as the rate asks for in that slot.
    let perBatch = max(1, options.rate / 100)
    let total = Int(Double(options.rate) * options.seconds)
    var next = start
    var round = 0
    while written < total {
        let commands = (0..<min(perBatch, total - written)).map { i -> Command in
            let id = ids[(written + i) % ids.count]
            return .rename(id, title: "upd \(round)-\(i)")
        }
        written += try await publish(commands)
        round += 1
        next = next + .milliseconds(10)
        try await _Concurrency.Task.sleep(until: next, clock: .continuous)
    }
    written += try await publish([.rename(ids[0], title: options.final)])
}
let elapsed = ContinuousClock.now - start
print(
    "{\"events\": \(written), \"seconds\": \(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18), \"end_unix\": \(Date().timeIntervalSince1970), \"tasks\": \(ids.count)}"
)
await bus.shutdown()
