import Foundation
import Synchronization
import TodoCore

@testable import EventPublisher

let fixedTime = Date(timeIntervalSince1970: 1_795_000_000)

func newID() -> String { UUID().uuidString.lowercased() }

func created(
    _ title: String, id: TaskID = TaskID(newID()), correlation: String? = nil, reminders: [Reminder] = []
) -> TaskEvent {
    TaskEvent(
        id: newID(), taskID: id, sequence: 1, time: fixedTime, correlationID: correlation, userID: "ana",
        payload: .taskCreated(
            TaskCreated(task: Task(id: id, title: title, reminders: reminders, sequence: 1, createdAt: fixedTime))))
}

/// A fresh directory under the system temp dir, removed by `remove()`.
struct TempDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("todo-chat-test-\(newID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Records everything a bus stream yields, so a test can wait for what it expects.
final class Recorder: Sendable {
    private let events = Mutex<[BusEvent]>([])

    /// Records until the stream ends (when the bus shuts down).
    init(_ stream: AsyncStream<BusEvent>) {
        _Concurrency.Task { [self] in
            for await event in stream { record(event) }
        }
    }

    private func record(_ event: BusEvent) { events.withLock { $0.append(event) } }

    var all: [BusEvent] { events.withLock { $0 } }

    var updates: [TaskEvent] {
        all.flatMap { event -> [TaskEvent] in
            guard case .updates(let events) = event else { return [] }
            return events
        }
    }

    /// The status a screen would show now (deliveries may have come after it).
    var latestStatus: BusStatus? {
        all.lazy.reversed().compactMap { if case .status(let s) = $0 { s } else { nil } }.first
    }

    var reminders: [TaskEvent] {
        all.compactMap { if case .reminderTriggered(let e) = $0 { e } else { nil } }
    }

    /// Polls the record until `condition` holds or `seconds` pass; `true` if it held.
    func wait(within seconds: Double = 3, until condition: @Sendable (Recorder) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            try? await _Concurrency.Task.sleep(for: .milliseconds(10))
        }
        return condition(self)
    }
}
