import Foundation
import Testing
import TodoCore

@testable import EventPublisher

@Suite struct LocalBusTests {
    @Test func acceptedTaskIsInTheSnapshotAndSurvivesARestart() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let event = created("buy milk")
        do {
            let bus = LocalBus(directory: dir.url)
            try await bus.start()
            let receipt = try await bus.publish([event])
            #expect(receipt == PublishReceipt(accepted: [event.id], pending: 0))
            await bus.shutdown()
        }
        let reopened = LocalBus(directory: dir.url)
        try await reopened.start()
        let tasks = try await reopened.snapshot()
        #expect(tasks.map(\.title) == ["buy milk"])
        #expect(tasks.first?.id == event.taskID)
        await reopened.shutdown()
    }

    @Test func subscriberHearsTheTaskSyncOfAPublishedCommand() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let bus = LocalBus(directory: dir.url)
        try await bus.start()
        let recorder = Recorder(bus.subscribe())
        let event = created("call mum", correlation: "c-1")
        _ = try await bus.publish([event])
        #expect(await recorder.wait { $0.updates.count == 1 })
        let update = try #require(recorder.updates.first)
        #expect(update.type == .taskSync)
        #expect(update.taskID == event.taskID)
        #expect(update.correlationID == "c-1")
        guard case .status(let status) = recorder.all.first else {
            Issue.record("a new stream starts with the status")
            return
        }
        #expect(status == BusStatus(mode: .embedded, sidecar: .notUsed, pending: 0))
        await bus.shutdown()
    }

    @Test func aRepublishedEventIsNotAppliedTwice() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let bus = LocalBus(directory: dir.url)
        try await bus.start()
        let recorder = Recorder(bus.subscribe())
        let event = created("water plants")
        _ = try await bus.publish([event])
        let second = try await bus.publish([event])
        #expect(second.accepted.isEmpty)
        #expect(await recorder.wait { $0.updates.count == 1 })
        try await _Concurrency.Task.sleep(for: .milliseconds(100))
        #expect(recorder.updates.count == 1)
        await bus.shutdown()
    }

    @Test func publishBeforeStartIsRefused() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let bus = LocalBus(directory: dir.url)
        await #expect(throws: BusError.notStarted) { try await bus.publish([created("x")]) }
    }

    @Test func twoProcessesOnOneFileSeeEachOthersChangesWithinASecond() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        // Two buses are two connections with their own watchers, as two terminals would have.
        let first = LocalBus(directory: dir.url)
        let second = LocalBus(directory: dir.url)
        try await first.start()
        try await second.start()
        let heardBySecond = Recorder(second.subscribe())
        let heardByFirst = Recorder(first.subscribe())
        let started = ContinuousClock.now
        let event = created("from the first terminal")
        _ = try await first.publish([event])
        #expect(await heardBySecond.wait(within: 1) { $0.updates.contains { $0.taskID == event.taskID } })
        #expect(ContinuousClock.now - started < .seconds(1))
        let reply = created("from the second terminal")
        _ = try await second.publish([reply])
        #expect(await heardByFirst.wait(within: 1) { $0.updates.contains { $0.taskID == reply.taskID } })
        #expect(try await first.snapshot().count == 2)
        await first.shutdown()
        await second.shutdown()
    }

    @Test func reminderFiresAtItsTimeAndOnlyOnceAcrossTwoProcesses() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let first = LocalBus(directory: dir.url)
        let second = LocalBus(directory: dir.url)
        try await first.start()
        try await second.start()
        let heardByFirst = Recorder(first.subscribe())
        let heardBySecond = Recorder(second.subscribe())
        let task = created("stretch", reminders: [Reminder(id: "r1", trigger: .beforeDue(minutes: 0))])
        let fireAt = Date().addingTimeInterval(0.4)
        let schedule = TaskEvent(
            id: newID(), taskID: task.taskID, sequence: 2, time: Date(),
            payload: .reminderScheduled(
                ReminderScheduled(
                    taskId: task.taskID, reminder: Reminder(id: "r1", trigger: .beforeDue(minutes: 0)),
                    fireAt: fireAt, title: "stretch")))
        _ = try await first.publish([task, schedule])
        try await _Concurrency.Task.sleep(for: .milliseconds(200))
        // Checked only while it is still early (a loaded machine may take longer than that to get here).
        let early = heardByFirst.reminders
        let checkedAt = Date()
        if checkedAt < fireAt { #expect(early.isEmpty, "not before its time") }
        #expect(await heardByFirst.wait(within: 8) { !$0.reminders.isEmpty })
        #expect(await heardBySecond.wait(within: 3) { !$0.reminders.isEmpty })
        try await _Concurrency.Task.sleep(for: .milliseconds(300))
        #expect(heardByFirst.reminders.count == 1)
        #expect(heardBySecond.reminders.count == 1)
        let trigger = try #require(heardByFirst.reminders.first)
        #expect(trigger.time >= fireAt)
        guard case .reminderTriggered(let payload) = trigger.payload else {
            Issue.record("expected a reminder.triggered payload")
            return
        }
        #expect(payload.reminderId == "r1")
        #expect(payload.title == "stretch")
        await first.shutdown()
        await second.shutdown()
    }

    @Test func aReminderDueWhileNobodyRanFiresAtTheNextStart() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let task = created("renew passport", reminders: [Reminder(id: "r1", trigger: .beforeDue(minutes: 0))])
        do {
            let bus = LocalBus(directory: dir.url)
            try await bus.start()
            let schedule = TaskEvent(
                id: newID(), taskID: task.taskID, sequence: 2, time: Date(),
                payload: .reminderScheduled(
                    ReminderScheduled(
                        taskId: task.taskID, reminder: Reminder(id: "r1", trigger: .beforeDue(minutes: 0)),
                        fireAt: Date().addingTimeInterval(3600), title: "renew passport")))
            _ = try await bus.publish([task, schedule])
            await bus.shutdown()
        }
        // An hour later, by the clock of the next run.
        let later = LocalBus(directory: dir.url, clock: { Date().addingTimeInterval(3601) })
        let recorder = Recorder(later.subscribe())
        try await later.start()
        #expect(await recorder.wait { $0.reminders.count == 1 })
        await later.shutdown()
    }

    /// A large store is decoded in slices on several threads: every live task comes back, once, in the
    /// table's order (by id), and deleted ones stay out.
    @Test func aLargeSnapshotHasEveryLiveTaskOnceInOrder() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try EventStore(directory: dir.url)
        let titles = (0..<2_501).map { "task \($0)" }
        try await store.pool.write { db in
            for (index, title) in titles.enumerated() {
                var task = Task(id: TaskID("t\(index)"), title: title, sequence: 1, createdAt: fixedTime)
                if index % 7 == 0 { task.status = .deleted }
                try EventStore.save(task, db)
            }
        }
        let bus = LocalBus(directory: dir.url)
        try await bus.start()
        let snapshot = try await bus.snapshot()
        await bus.shutdown()
        let live = titles.indices.filter { $0 % 7 != 0 }
        #expect(snapshot.map(\.id.rawValue) == live.map { "t\($0)" }.sorted())
        #expect(snapshot.allSatisfy { $0.title == "task \($0.id.rawValue.dropFirst())" })
    }

    /// Retention keeps the newest entries and whatever a live reader has not read, however old; a reader
    /// whose process is gone no longer holds anything back. The tasks themselves are never pruned.
    @Test func theLogIsPrunedButNeverPastALiveReader() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let bus = LocalBus(directory: dir.url, retainEvents: 10)
        try await bus.start()
        let store = try EventStore(directory: dir.url)
        func logPositions() async throws -> [Int64] {
            try await store.pool.read { try Int64.fetchAll($0, sql: "SELECT position FROM event ORDER BY position") }
        }
        func publish(_ count: Int) async throws {
            for index in 0..<count { _ = try await bus.publish([created("task \(index)")]) }
        }
        func settled(_ condition: @escaping ([Int64]) -> Bool) async throws -> Bool {
            for _ in 0..<200 {
                if condition(try await logPositions()) { return true }
                try await _Concurrency.Task.sleep(for: .milliseconds(10))
            }
            return false
        }
        // Each command logs two entries (task.created, task.sync).
        try await publish(10)
        #expect(try await settled { $0.count == 10 })
        let lagging = try await logPositions()[3]
        // A reader in another live process (ours stands in for it) that has read only up to `lagging`.
        try await store.pool.write { db in try EventStore.recordReader("lagging", position: lagging, db) }
        try await publish(30)
        #expect(try await settled { $0.first == lagging + 1 }, "everything after the lagging reader's position stays")
        #expect(try await logPositions().count == 80 - Int(lagging))

        // Its process is gone (no process has this pid): it holds nothing back any more.
        try await store.pool.write { db in
            try db.execute(sql: "UPDATE log_reader SET pid = ? WHERE id = 'lagging'", arguments: [Int32.max])
        }
        try await publish(5)
        #expect(try await settled { $0.count <= 10 + 2 }, "the newest entries stay, the rest go")
        let readers = try await store.pool.read { try String.fetchAll($0, sql: "SELECT id FROM log_reader") }
        #expect(!readers.contains("lagging"))
        #expect(try await bus.snapshot().count == 45)
        await bus.shutdown()
        #expect(try await store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM log_reader") } == 0)
    }

    /// Another program (a newer version, a damaged copy) put entries in the log this one cannot read: each is
    /// skipped with the reason, and the updates before and after it still arrive, in order.
    @Test func unreadableLogEntriesAreSkippedAndTheOnesAroundThemArrive() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let bus = LocalBus(directory: dir.url)
        try await bus.start()
        let recorder = Recorder(bus.subscribe())
        let first = created("first")
        _ = try await bus.publish([first])
        #expect(await recorder.wait { $0.updates.count == 1 })
        let other = try EventStore(directory: dir.url)
        let start = try await other.pool.read(EventStore.lastPosition)
        try await other.pool.write { db in
            for (id, type, topic, data) in [
                ("garbled", "task.sync", "task-updates", "{not json"),
                ("no-title", "task.sync", "task-updates", #"{"taskId":"t","status":"open","sequence":1}"#),
                ("from-the-future", "task.archived", "task-updates", "{}"),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO event (id, taskId, type, topic, sequence, time, data)
                        VALUES (?, 't', ?, ?, 1, 0, ?)
                        """, arguments: [id, type, topic, Data(data.utf8)])
            }
        }
        let second = created("second")
        _ = try await bus.publish([second])
        #expect(await recorder.wait { $0.updates.count == 2 })
        #expect(recorder.updates.map(\.taskID) == [first.taskID, second.taskID])

        let entries = try await other.pool.read { db in
            try EventStore.events(after: start, decoding: { _ in true }, db)
        }
        let reasons = entries.compactMap { entry -> String? in
            guard case .failure(let error) = entry.event else { return nil }
            return error.description
        }
        #expect(reasons.count == 3)
        #expect(reasons[0].contains("event garbled at position") && reasons[0].contains("not a JSON object"))
        #expect(reasons[1].contains("event no-title") && reasons[1].contains("missing field"))
        #expect(reasons[2].contains("unknown type 'task.archived'"))
        #expect(entries.filter { (try? $0.event?.get()) != nil }.count == 2, "second's task.created and task.sync")
        await bus.shutdown()
    }
}
