import EventPublisher
import Foundation
import TodoCore

/// One event applied to one task's record: pure (the clock and new ids are inputs), so that the
/// decision can be made again, unchanged, when an ETag race forces a re-read.
public enum EventStep {
    public enum Outcome: Hashable, Sendable {
        case applied
        /// This event was applied before (a redelivery).
        case duplicate
        /// The task has moved past this event's sequence.
        case stale
        /// An event the worker itself published (`reminder.triggered`, `reminder.failed`): the chats
        /// show it; the worker has nothing to change.
        case notification
    }

    public struct Step: Sendable, Hashable {
        public var outcome: Outcome
        /// What must happen outside the store before the event is acknowledged.
        public var effects: [Effect]
    }

    /// Decides what `event` does to `record`: the record to write (`nil`: leave it) and the step.
    public static func decide(
        record: TaskRecord?, event: TaskEvent, now: Date, makeID: () -> String
    ) throws -> (write: TaskRecord?, result: Step) {
        var record = record ?? TaskRecord()
        if record.appliedEventIDs.contains(event.id) {
            // Performed before the first delivery was acknowledged, unless the worker stopped in
            // between: doing them again is harmless (same event ids, jobs overwritten).
            let redo = record.lastEffects.flatMap { $0.eventID == event.id ? $0.effects : nil } ?? []
            return (nil, Step(outcome: .duplicate, effects: redo))
        }
        var effects: [Effect] = []
        switch event.payload {
        case .reminderTriggered, .reminderFailed:
            return (nil, Step(outcome: .notification, effects: []))
        case .taskSync, .taskAssigneeChanged, .taskCommentsUpdated:
            throw WorkerRejection("\(event.type.rawValue) is published by the worker on task-updates, not consumed")
        case .reminderScheduled(let scheduled):
            // Scheduled even before the task's creation has arrived (another topic, another
            // partition): the trigger checks that the task is still open when it fires.
            let job = ReminderJob(
                taskID: event.taskID, reminderID: scheduled.reminder.id, fireAt: RFC3339.string(from: scheduled.fireAt),
                title: scheduled.title)
            record.reminderJobs[job.reminderID] = job.fireAt
            effects = [.scheduleReminder(job)]
        case .reminderRemoved(let removed):
            record.reminderJobs[removed.reminderId] = nil
            effects = [.cancelReminder(name: ReminderJob.name(taskID: event.taskID, reminderID: removed.reminderId))]
        case .taskCreated, .taskUpdated, .taskDeleted, .taskStatusChanged, .taskDueDateChanged:
            let before = record.task
            var state = TaskState(tasks: before.map { [$0] } ?? [])
            switch state.apply(event) {
            case .applied: break
            case .stale, .duplicate: return (nil, Step(outcome: .stale, effects: []))
            case .unknownTask:
                throw WorkerRejection("task \(event.taskID) does not exist: its task.created has not been applied")
            }
            guard let after = state[event.taskID] else {
                throw WorkerRejection("task \(event.taskID) vanished while applying \(event.type.rawValue)")
            }
            record.task = after
            effects = try updates(after: after, before: before, cause: event, now: now, makeID: makeID)
            effects += reminderEffects(record: &record, before: before, after: after, now: now)
        }
        record.remember(event.id)
        record.lastEffects = EffectBatch(eventID: event.id, effects: effects)
        return (record, Step(outcome: .applied, effects: effects))
    }

    /// The `task-updates` a change produces: always the whole task (`task.sync`), and the assignee
    /// and comment changes as their own events, for the feed.
    static func updates(
        after: Task, before: Task?, cause: TaskEvent, now: Date, makeID: () -> String
    ) throws -> [Effect] {
        var payloads: [EventPayload] = [.taskSync(TaskSync(task: after))]
        if let before, before.assignee != after.assignee {
            payloads.append(
                .taskAssigneeChanged(
                    TaskAssigneeChanged(taskId: after.id, assignee: after.assignee, previousAssignee: before.assignee)))
        }
        if let before, before.comments != after.comments {
            payloads.append(.taskCommentsUpdated(TaskCommentsUpdated(taskId: after.id, comments: after.comments)))
        }
        return try payloads.map { payload in
            let update = TaskEvent(
                id: makeID(), taskID: after.id, sequence: after.sequence, time: now,
                correlationID: cause.correlationID, userID: cause.userID, payload: payload)
            return .publish(
                topic: Topic.taskUpdates.rawValue, partitionKey: after.id.rawValue,
                cloudEvent: String(decoding: try wire(update), as: UTF8.self))
        }
    }

    /// Keeps the task's reminder jobs in line with the task: none once it is done or deleted; a
    /// reminder the task gained, or all of them after a change of due (a recurring task rolling
    /// forward included), at its new time; one the task lost, cancelled. Jobs that came from
    /// `reminder.scheduled` for reminders the task does not list stay until `reminder.removed`.
    static func reminderEffects(record: inout TaskRecord, before: Task?, after: Task, now: Date) -> [Effect] {
        var wanted = after.status == .open ? record.reminderJobs : [:]
        if after.status == .open {
            let dueMoved = before?.due != after.due
            for reminder in after.reminders where dueMoved || before?.reminders.contains(reminder) != true {
                if let due = after.due, let fireAt = reminder.fireTime(due: due, zone: due.zone), fireAt > now {
                    wanted[reminder.id] = RFC3339.string(from: fireAt)
                }
            }
            let kept = Set(after.reminders.map(\.id))
            for reminder in before?.reminders ?? [] where !kept.contains(reminder.id) {
                wanted[reminder.id] = nil
            }
        }
        var effects: [Effect] = []
        for (id, fireAt) in wanted.sorted(by: { $0.key < $1.key }) where record.reminderJobs[id] != fireAt {
            effects.append(
                .scheduleReminder(ReminderJob(taskID: after.id, reminderID: id, fireAt: fireAt, title: after.title)))
        }
        for id in record.reminderJobs.keys.sorted() where wanted[id] == nil {
            effects.append(.cancelReminder(name: ReminderJob.name(taskID: after.id, reminderID: id)))
        }
        record.reminderJobs = wanted
        return effects
    }

    static func reminderTriggered(_ job: ReminderJob, task: Task, now: Date, id: String) -> TaskEvent {
        // The sequence is the task's own: a notification must not take a number a change needs.
        TaskEvent(
            id: id, taskID: job.taskID, sequence: task.sequence, time: now, correlationID: job.name,
            payload: .reminderTriggered(
                ReminderTriggered(taskId: job.taskID, reminderId: job.reminderID, title: task.title, firedAt: now)))
    }

    static func reminderFailed(_ job: ReminderJob, reason: String, sequence: Int, now: Date, id: String) -> TaskEvent {
        TaskEvent(
            id: id, taskID: job.taskID, sequence: sequence, time: now, correlationID: job.name,
            payload: .reminderFailed(ReminderFailed(taskId: job.taskID, reminderId: job.reminderID, reason: reason)))
    }

    /// The structured CloudEvent the worker publishes for `event`.
    static func wire(_ event: TaskEvent) throws -> [UInt8] {
        try EventCatalogue.cloudEvent(for: event, source: EventCatalogue.workerSource).jsonBytes()
    }
}

/// An event the worker cannot apply as it stands; the delivery is retried, then dead-lettered.
public struct WorkerRejection: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
