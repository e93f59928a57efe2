import Foundation
import GRDB
import Synchronization
import Testing
import TodoCore

@testable import EventPublisher

/// Waits (polling) until `condition` holds; `false` after `seconds`.
private func eventually(within seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await _Concurrency.Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

@Suite(.timeLimit(.minutes(1)))
struct GroupCommitTests {
    struct Refused: Error {}

    /// The first commit is held until three more requests queue up behind it; they go into one
    /// transaction, in arrival order, and each caller gets its own answer.
    @Test func requestsArrivingDuringACommitShareTheNextOne() async throws {
        let gate = DispatchSemaphore(value: 0)
        let groups = Mutex<[[Int]]>([])
        let commit = GroupCommit<Int, Int> { requests in
            if groups.withLock({ $0.isEmpty }) { gate.wait() }
            groups.withLock { $0.append(requests) }
            return requests.map { $0 == 2 ? .failure(Refused()) : .success($0 * 10) }
        }
        let first = _Concurrency.Task(executorPreference: BlockingExecutor()) { try await commit.submit(0) }
        #expect(await eventually { commit.queue.writing })
        var others: [_Concurrency.Task<Int, any Error>] = []
        for request in 1...3 {
            others.append(_Concurrency.Task { try await commit.submit(request) })
            #expect(await eventually { commit.queue.waiting == request })
        }
        gate.signal()
        #expect(try await first.value == 0)
        #expect(try await others[0].value == 10)
        await #expect(throws: Refused.self) { try await others[1].value }
        #expect(try await others[2].value == 30)
        #expect(groups.withLock { $0 } == [[0], [1, 2, 3]])
        #expect(commit.queue == (writing: false, waiting: 0))
    }
}

/// The outbox's group commit on a real SQLite file.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct OutboxGroupCommitTests {
    func entry(_ eventID: String = newID(), task: String = "t") -> Outbox.NewEntry {
        Outbox.NewEntry(eventID: eventID, taskID: task, topic: Topic.taskEvents.rawValue, body: Array("{}".utf8))
    }

    /// A second connection that holds the write lock, so that our requests pile up behind it.
    func lockHolder(_ store: EventStore) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: store.path, configuration: configuration)
        try holder.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        return holder
    }

    func release(_ holder: DatabaseQueue) throws {
        try holder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
    }

    @Test func aFailedGroupCommitFailsEveryCallerInItAndAcceptsNone() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try EventStore(directory: dir.url, fileName: EventStore.daprFileName)
        let outbox = try Outbox(pool: store.pool, capacity: 100)
        // The disk refuses one event; the transaction it is in fails.
        try await store.pool.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse BEFORE INSERT ON outbox WHEN NEW.eventId = 'poison'
                    BEGIN SELECT RAISE(ABORT, 'the disk refused'); END
                    """)
        }
        let holder = try lockHolder(store)
        let leader = _Concurrency.Task(executorPreference: BlockingExecutor()) {
            try await outbox.enqueue([entry("first")])
        }
        #expect(await eventually { outbox.writeQueue.writing })
        let followers = [[entry("b1"), entry("b2")], [entry("poison")], [entry("d1")]]
        var tasks: [_Concurrency.Task<Outbox.Change, any Error>] = []
        for (index, entries) in followers.enumerated() {
            tasks.append(_Concurrency.Task { try await outbox.enqueue(entries) })
            #expect(await eventually { outbox.writeQueue.waiting == index + 1 })
        }
        try release(holder)

        #expect(try await leader.value == Outbox.Change(accepted: ["first"], pending: 1))
        for task in tasks {
            await #expect { try await task.value } throws: { "\($0)".contains("the disk refused") }
        }
        #expect(try outbox.head(limit: 10).map(\.eventID) == ["first"])
        #expect(outbox.pending == 1)
        // The failure was that group's only: the next command goes through.
        #expect(try await outbox.enqueue([entry("after")]).pending == 2)
    }

    @Test func eachTasksOrderHoldsAcrossGroups() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try EventStore(directory: dir.url, fileName: EventStore.daprFileName)
        let outbox = try Outbox(pool: store.pool, capacity: 10_000)
        let holder = try lockHolder(store)
        // Eight callers, one task each, five commands of three events; the first commands queue up behind
        // the lock, the rest race each other into whatever group is next.
        let writers = (0..<8).map { writer in
            _Concurrency.Task(executorPreference: BlockingExecutor()) {
                for command in 0..<5 {
                    _ = try await outbox.enqueue(
                        (0..<3).map { entry("\(writer)-\(command * 3 + $0)", task: "task-\(writer)") })
                }
            }
        }
        #expect(await eventually { outbox.writeQueue.waiting == 7 })
        try release(holder)
        for writer in writers { try await writer.value }

        let entries = try outbox.head(limit: 1000)
        #expect(entries.count == 120)
        #expect(outbox.pending == 120)
        for writer in 0..<8 {
            let sequence = entries.filter { $0.taskID == "task-\(writer)" }.map(\.eventID)
            #expect(sequence == (0..<15).map { "\(writer)-\($0)" })
        }
    }

    @Test func removalsShareGroupsWithCommandsAndTheCountStaysExact() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try EventStore(directory: dir.url, fileName: EventStore.daprFileName)
        let outbox = try Outbox(pool: store.pool, capacity: 10_000)
        _ = try await outbox.enqueue((0..<10).map { entry("old-\($0)") })
        let holder = try lockHolder(store)
        let command = _Concurrency.Task(executorPreference: BlockingExecutor()) {
            try await outbox.enqueue([entry("new")])
        }
        #expect(await eventually { outbox.writeQueue.writing })
        let removal = _Concurrency.Task { try await outbox.remove(try outbox.head(limit: 4).map(\.position)) }
        #expect(await eventually { outbox.writeQueue.waiting == 1 })
        try release(holder)
        #expect(try await command.value.pending == 11)
        try await removal.value
        #expect(outbox.pending == 7)
        #expect(try await store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM outbox") } == 7)
        // A fresh outbox on the same file reads the count the triggers kept.
        #expect(try Outbox(pool: store.pool, capacity: 10).pending == 7)
    }
}
