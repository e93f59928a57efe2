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
        record: TaskRecord?, event: TaskEvent, makeID: () -> String
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
            var state = TaskState(tasks: record.task.map { [$0] } ?? [])
            let (applied, updates) = state.process(event, makeID: makeID)
            switch applied {
            case .applied: break
            case .stale, .duplicate: return (nil, Step(outcome: .stale, effects: []))
            case .unknownTask:
                throw WorkerRejection("task \(event.taskID) does not exist: its task.created has not been applied")
            }
            guard let after = state[event.taskID] else {
                throw WorkerRejection("task \(event.taskID) vanished while applying \(event.type.rawValue)")
            }
            record.task = after
            effects = try updates.map { update in
                .publish(
                    topic: Topic.taskUpdates.rawValue, partitionKey: after.id.rawValue,
                    cloudEvent: String(decoding: try wire(update), as: UTF8.self))
            }
            // The chat's decision sends reminder.removed for these too, but on another topic, so
            // possibly later: a job must not fire for a task that is already done or deleted.
            if after.status != .open {
                effects += record.reminderJobs.keys.sorted().map {
                    .cancelReminder(name: ReminderJob.name(taskID: after.id, reminderID: $0))
                }
                record.reminderJobs = [:]
            }
        }
        record.remember(event.id)
        record.lastEffects = EffectBatch(eventID: event.id, effects: effects)
        return (record, Step(outcome: .applied, effects: effects))
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
