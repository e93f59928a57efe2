import EventPublisher
import Foundation
import Synchronization
import TaskWorker
import Testing
import TodoCore

private let start = Date(timeIntervalSince1970: 1_800_000_000)
private let taskID = TaskID("7f1c2a90-0000-4000-8000-000000000001")

private final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> String {
        value.withLock {
            $0 += 1
            return "out-\($0)"
        }
    }
}

private func makeWorker(_ sidecar: InMemorySidecar, now: Date = start) -> Worker {
    let ids = Counter()
    return Worker(sidecar: sidecar, clock: { now }, makeID: { ids.next() })
}

private func wire(_ event: TaskEvent) throws -> [UInt8] {
    try EventCatalogue.cloudEvent(for: event).jsonBytes()
}

private func event(_ id: String, sequence: Int, _ payload: EventPayload, task: TaskID = taskID) -> TaskEvent {
    TaskEvent(
        id: id, taskID: task, sequence: sequence, time: start, correlationID: "corr-\(id)", userID: "ana",
        payload: payload)
}

private func created(
    _ id: String = "e1", title: String = "pay rent", task: TaskID = taskID, due: Due? = nil,
    reminders: [Reminder] = [], recurrence: RecurrenceRule? = nil
) -> TaskEvent {
    event(
        id, sequence: 1,
        .taskCreated(
            TaskCreated(
                task: Task(
                    id: task, title: title, due: due, recurrence: recurrence, reminders: reminders, createdAt: start))),
        task: task)
}

private func retitled(_ id: String, sequence: Int, _ title: String) -> TaskEvent {
    event(id, sequence: sequence, .taskUpdated(TaskUpdated(taskId: taskID, title: title)))
}

private func syncs(_ sidecar: InMemorySidecar) throws -> [Task] {
    try sidecar.published.filter { $0.event.type == "task.sync" }.map {
        guard case .taskSync(let sync) = try EventCatalogue.taskEvent(from: $0.event).payload else {
            throw WorkerRejection("not a sync")
        }
        return sync.task
    }
}

@Suite struct ApplyingEvents {
    @Test func appliedEventsBecomeTaskStateAndSyncUpdatesKeyedByTask() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        #expect(await worker.handleDelivery(topic: "task-events", body: try wire(created())) == .success)
        #expect(
            await worker.handleDelivery(
                topic: "task-events", body: try wire(retitled("e2", sequence: 2, "pay the rent"))) == .success)

        let task = try #require(try await worker.task(taskID))
        #expect(task.title == "pay the rent")
        #expect(task.sequence == 2)
        let updates = sidecar.published
        #expect(updates.map(\.topic) == ["task-updates", "task-updates"])
        #expect(updates.allSatisfy { $0.partitionKey == taskID.rawValue })
        #expect(try syncs(sidecar).map(\.title) == ["pay rent", "pay the rent"])
        #expect(updates.map { $0.event[extension: "correlationid"] } == [.string("corr-e1"), .string("corr-e2")])
        #expect(worker.metrics.total(.eventsApplied) == 2)
    }

    @Test func aRedeliveryChangesNothing() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        _ = await worker.handleDelivery(topic: "task-events", body: try wire(created()))
        _ = await worker.handleDelivery(topic: "task-events", body: try wire(retitled("e2", sequence: 2, "b")))
        let before = sidecar.raw(key: "task:\(taskID)")

        // An older event again: nothing happens at all.
        #expect(await worker.handleDelivery(topic: "task-events", body: try wire(created())) == .success)
        #expect(sidecar.raw(key: "task:\(taskID)") == before)
        #expect(sidecar.published.count == 2)
        // The last event again: its updates go out once more with the same ids, which consumers ignore.
        #expect(
            await worker.handleDelivery(topic: "task-events", body: try wire(retitled("e2", sequence: 2, "b")))
                == .success)
        #expect(sidecar.raw(key: "task:\(taskID)") == before)
        #expect(sidecar.published.count == 3)
        #expect(sidecar.published[2].event.id == sidecar.published[1].event.id)
        #expect(worker.metrics.total(.duplicatesIgnored) == 2)
        #expect(worker.metrics.total(.eventsApplied) == 2)
    }

    @Test func aStaleSequenceIsDropped() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        _ = await worker.handleDelivery(topic: "task-events", body: try wire(created()))
        _ = await worker.handleDelivery(topic: "task-events", body: try wire(retitled("e3", sequence: 3, "newer")))
        #expect(
            await worker.handleDelivery(topic: "task-events", body: try wire(retitled("e2", sequence: 2, "older")))
                == .success)
        #expect(try await worker.task(taskID)?.title == "newer")
        #expect(worker.metrics.total(.staleDropped) == 1)
    }

    @Test func aLostETagRaceIsReappliedOnTheFreshValueNotWrittenOver() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        _ = await worker.handleDelivery(topic: "task-events", body: try wire(created()))
        // Another replica applies a reminder between our read and our write.
        let other = makeWorker(sidecar)
        let scheduled = event(
            "r1", sequence: 1,
            .reminderScheduled(
                ReminderScheduled(
                    taskId: taskID, reminder: Reminder(id: "r1", trigger: .beforeDue(minutes: 0)),
                    fireAt: start.addingTimeInterval(3600), title: "pay rent")))
        let otherBody = try wire(scheduled)
        let done = Mutex(false)
        sidecar.beforeNextWrite(of: "task:\(taskID)") {
            _ = await other.handleDelivery(topic: "reminders", body: otherBody)
            done.withLock { $0 = true }
        }
        #expect(
            await worker.handleDelivery(topic: "task-events", body: try wire(retitled("e2", sequence: 2, "b")))
                == .success)
        #expect(done.withLock { $0 })
        #expect(worker.metrics.total(.etagConflicts) == 1)
        #expect(try await worker.task(taskID)?.title == "b")
        // Both writes survive: the retitle did not overwrite the reminder the other replica recorded.
        let record = try WorkerJSON.decoder.decode(
            TaskRecord.self, from: Data(try #require(sidecar.raw(key: "task:\(taskID)"))))
        #expect(record.reminderJobs["r1"] != nil)
        #expect(Set(record.appliedEventIDs) == ["e1", "r1", "e2"])
    }

    @Test func anEventForAnUnknownTaskIsRetriedAndItsFailureNoted() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        #expect(
            await worker.handleDelivery(topic: "task-events", body: try wire(retitled("e2", sequence: 2, "x")))
                == .retry)
        #expect(
            await worker.handleDelivery(topic: "task-events", body: try wire(retitled("e2", sequence: 2, "x")))
                == .retry)
        #expect(worker.metrics.total(.deliveryRetries) == 2)
        let note = try #require(sidecar.raw(key: "failure:e2"))
        #expect(String(decoding: note, as: UTF8.self).contains("\"attempts\":2"))
    }

    @Test func assigneeAndCommentChangesGetTheirOwnUpdates() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        _ = await worker.handleDelivery(topic: "task-events", body: try wire(created()))
        let assign = event("e2", sequence: 2, .taskUpdated(TaskUpdated(taskId: taskID, assignee: "bo")))
        let comment = Comment(id: "c1", author: "ana", text: "paid half", time: start)
        let comments = event("e3", sequence: 3, .taskUpdated(TaskUpdated(taskId: taskID, comments: [comment])))
        _ = await worker.handleDelivery(topic: "task-events", body: try wire(assign))
        _ = await worker.handleDelivery(topic: "task-events", body: try wire(comments))
        #expect(
            sidecar.published.map(\.event.type) == [
                "task.sync", "task.sync", "task.assignee.changed", "task.sync", "task.comments.updated",
            ])
    }
}

/// The chat's side of the bus: decides commands against its own view, as ChatTUI does.
private final class ChatSide: @unchecked Sendable {
    var state = TaskState()
    let ids = Counter()

    func decide(_ command: Command, now: Date = start) throws -> [TaskEvent] {
        let context = DecisionContext(
            now: now, zone: TimeZone(identifier: "UTC")!, makeID: { [ids] in "chat-" + ids.next() })
        let events = try TaskProcessor.decide(command, state: state, context: context)
        for event in events { state.apply(event) }
        return events
    }

    /// Delivers each event to the worker on its topic, as the sidecar would.
    func send(_ command: Command, to worker: Worker) async throws {
        for event in try decide(command) {
            #expect(await worker.handleDelivery(topic: event.topic.rawValue, body: try wire(event)) == .success)
        }
    }
}

@Suite struct Reminders {
    // 2027-01-15, an hour after `start`.
    private let due = Due(date: LocalDate(year: 2027, month: 1, day: 15), time: LocalTime(hour: 9), timeZone: "UTC")
    private let name = "reminder-\(taskID)-r1"

    private func add(_ chat: ChatSide, _ worker: Worker, recurrence: RecurrenceRule? = nil) async throws {
        try await chat.send(.add(taskID, TaskDraft(title: "pay rent", due: due, recurrence: recurrence)), to: worker)
        try await chat.send(.remind(taskID, Reminder(id: "r1", trigger: .beforeDue(minutes: 30))), to: worker)
    }

    @Test func aReminderBecomesAJobAtItsTimeAndStoppingItDeletesTheJob() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        let chat = ChatSide()
        try await add(chat, worker)
        #expect(sidecar.jobs[name]?.dueTime == "2027-01-15T08:30:00Z")
        try await chat.send(.stopReminding(taskID, reminderID: "r1"), to: worker)
        #expect(sidecar.jobs[name] == nil)
        #expect(sidecar.deletedJobs == [name])
    }

    @Test func completingATaskDeletesItsReminderJobs() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        let chat = ChatSide()
        try await add(chat, worker)
        // Only the status change arrives (the reminders topic is late): the job goes anyway.
        let done = try chat.decide(.complete(taskID))
        let statusChange = try #require(done.first { $0.topic == .taskEvents })
        _ = await worker.handleDelivery(topic: "task-events", body: try wire(statusChange))
        #expect(sidecar.jobs[name] == nil)
        for late in done where late.topic == .reminders {
            #expect(await worker.handleDelivery(topic: "reminders", body: try wire(late)) == .success)
        }
        #expect(sidecar.jobs.isEmpty)
    }

    @Test func completingARecurringTaskSchedulesTheNextOccurrencesReminder() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        let chat = ChatSide()
        try await add(chat, worker, recurrence: try RecurrenceRule(rrule: "FREQ=WEEKLY"))
        try await chat.send(.complete(taskID), to: worker)
        let task = try #require(try await worker.task(taskID))
        #expect(task.status == .open)
        #expect(task.due?.localString == "2027-01-22T09:00")
        #expect(sidecar.jobs[name]?.dueTime == "2027-01-22T08:30:00Z")
    }

    @Test func aJobTriggerPublishesReminderTriggeredOnlyWhileTheReminderStands() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        let chat = ChatSide()
        try await add(chat, worker)
        let data = try #require(sidecar.jobs[name]).data.serialized
        #expect(await worker.handleJob(name: name, body: data) == .done)
        let triggered = try #require(sidecar.published.last)
        #expect(triggered.topic == "reminders")
        #expect(triggered.event.type == "reminder.triggered")
        #expect(triggered.partitionKey == taskID.rawValue)
        #expect(worker.metrics.total(.remindersTriggered) == 1)

        // Moved to another day: the old trigger (a late retry, say) fires nothing; the new job stands.
        let moved = Due(date: LocalDate(year: 2027, month: 1, day: 16), time: LocalTime(hour: 9), timeZone: "UTC")
        try await chat.send(.reschedule(taskID, moved), to: worker)
        let count = sidecar.published.count
        #expect(await worker.handleJob(name: name, body: data) == .done)
        #expect(sidecar.published.count == count)
        #expect(sidecar.jobs[name]?.dueTime == "2027-01-16T08:30:00Z")
    }

    @Test func aTriggerThatCannotBeDeliveredBecomesReminderFailedAfterTheRetries() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        try await add(ChatSide(), worker)
        let data = try #require(sidecar.jobs[name]).data.serialized
        sidecar.failNextPublishes(4)
        for _ in 0..<3 { #expect(await worker.handleJob(name: name, body: data) == .failed) }
        // The scheduler's last retry: the broker is still down, so the reminder is reported failed.
        #expect(await worker.handleJob(name: name, body: data) == .done)
        #expect(sidecar.published.last?.event.type == "reminder.failed")
        #expect(worker.metrics.total(.remindersFailed) == 1)
    }

    @Test func retriesOfOneFiringCountedAcrossReplicasEndInReminderFailed() async throws {
        let sidecar = InMemorySidecar()
        let replicas = [makeWorker(sidecar), makeWorker(sidecar)]
        try await add(ChatSide(), replicas[0])
        let data = try #require(sidecar.jobs[name]).data.serialized
        sidecar.failNextPublishes(4)
        // The scheduler sends each retry to whichever replica's sidecar it reaches: here, in turn.
        for attempt in 0..<3 {
            #expect(await replicas[attempt % 2].handleJob(name: name, body: data) == .failed)
        }
        #expect(await replicas[1].handleJob(name: name, body: data) == .done)
        #expect(sidecar.published.last?.event.type == "reminder.failed")
        #expect(replicas.map { $0.metrics.total(.remindersFailed) }.reduce(0, +) == 1)

        // The count went with the firing: the same job firing again later starts from zero.
        sidecar.failNextPublishes(1)
        #expect(await replicas[0].handleJob(name: name, body: data) == .failed)
        #expect(await replicas[1].handleJob(name: name, body: data) == .done)
        #expect(sidecar.published.last?.event.type == "reminder.triggered")
    }

    @Test func aJobTheSchedulerRefusesBecomesReminderFailed() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        let chat = ChatSide()
        try await chat.send(.add(taskID, TaskDraft(title: "pay rent", due: due)), to: worker)
        sidecar.refuseJobs(true)
        try await chat.send(.remind(taskID, Reminder(id: "r1", trigger: .beforeDue(minutes: 30))), to: worker)
        #expect(sidecar.published.map(\.event.type) == ["task.sync", "task.sync", "reminder.failed"])
    }
}

@Suite struct DeadLetters {
    @Test func aPoisonEventIsListedWithItsReasonAndCanBeRepublishedUnchanged() async throws {
        let sidecar = InMemorySidecar()
        let worker = makeWorker(sidecar)
        let poison = try wire(retitled("e9", sequence: 2, "orphan"))
        for _ in 0..<3 { #expect(await worker.handleDelivery(topic: "task-events", body: poison) == .retry) }
        // The sidecar gave up and published it to the dead-letter topic, which the worker reads.
        #expect(await worker.handleDeadLetter(deadLetterTopic: "task-events-dlq", body: poison) == .success)
        #expect(await worker.handleDeadLetter(deadLetterTopic: "task-events-dlq", body: poison) == .success)
        let letters = try await worker.deadLetters.list()
        #expect(letters.count == 1)
        let letter = try #require(letters.first)
        #expect(letter.id == "e9")
        #expect(letter.topic == "task-events")
        #expect(letter.attempts == 3)
        #expect(letter.reason.contains("does not exist"))
        #expect(worker.metrics.total(.deadLetters) == 1)

        let republished = try await worker.deadLetters.republish(id: "e9")
        #expect(republished?.id == "e9")
        let sent = try #require(sidecar.published.last)
        #expect(sent.topic == "task-events")
        #expect(sent.cloudEvent == poison)
        #expect(sent.partitionKey == taskID.rawValue)
        #expect(try await worker.deadLetters.list().isEmpty)
        #expect(try await worker.deadLetters.republish(id: "e9") == nil)
    }

    @Test func somethingThatIsNotACloudEventIsRetriedThenDroppedAsADeadLetter() async throws {
        let worker = makeWorker(InMemorySidecar())
        let junk = Array(#"{"id":"x1","hello":"world"}"#.utf8)
        #expect(await worker.handleDelivery(topic: "task-events", body: junk) == .retry)
        #expect(await worker.handleDeadLetter(deadLetterTopic: "task-events-dlq", body: junk) == .drop)
    }
}
