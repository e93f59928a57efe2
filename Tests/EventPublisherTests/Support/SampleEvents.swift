import Foundation
import TodoCore

/// One event of every type in the catalogue, with optional fields filled, for mapping and schema tests.
func sampleEvents() -> [TaskEvent] {
    let id = TaskID("3f2a91c0-8d1e-4b7a-9c55-0a1b2c3d4e5f")
    let due = Due(
        date: LocalDate(year: 2026, month: 12, day: 1), time: LocalTime(hour: 9, minute: 0), timeZone: "Europe/Berlin")
    let comment = Comment(id: "c1", author: "ana", text: "bought \"oat\" milk 🥛", time: fixedTime)
    let reminder = Reminder(id: "r1", trigger: .beforeDue(minutes: 30))
    let task = Task(
        id: id, title: "pay rent", description: "flat 3", due: due, durationSeconds: 600, priority: .urgent,
        tags: ["home"], assignee: "ana", comments: [comment],
        recurrence: RecurrenceRule(frequency: .monthly), reminders: [reminder], sequence: 4,
        createdAt: fixedTime)
    let payloads: [EventPayload] = [
        .taskCreated(TaskCreated(task: task)),
        .taskUpdated(TaskUpdated(taskId: id, title: "pay the rent", tags: ["home", "money"], clear: [.assignee])),
        .taskDeleted(TaskDeleted(taskId: id)),
        .taskStatusChanged(TaskStatusChanged(taskId: id, from: .open, status: .completed, nextDue: due)),
        .taskDueDateChanged(TaskDueDateChanged(taskId: id, dueDate: due, previousDueDate: nil)),
        .reminderScheduled(ReminderScheduled(taskId: id, reminder: reminder, fireAt: fixedTime, title: "pay rent")),
        .reminderRemoved(ReminderRemoved(taskId: id, reminderId: "r1")),
        .reminderTriggered(ReminderTriggered(taskId: id, reminderId: "r1", title: "pay rent", firedAt: fixedTime)),
        .reminderFailed(ReminderFailed(taskId: id, reminderId: "r1", reason: "the scheduler refused the job")),
        .taskSync(TaskSync(task: task)),
        .taskAssigneeChanged(TaskAssigneeChanged(taskId: id, assignee: "bo", previousAssignee: "ana")),
        .taskCommentsUpdated(TaskCommentsUpdated(taskId: id, comments: [comment])),
    ]
    return payloads.enumerated().map { index, payload in
        TaskEvent(
            id: "0b5e\(index)000-0000-4000-8000-000000000000", taskID: id, sequence: index + 1, time: fixedTime,
            correlationID: "corr-\(index)", userID: "ana", payload: payload)
    }
}
