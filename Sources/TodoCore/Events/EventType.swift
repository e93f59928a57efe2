/// The Kafka topics of the event contract. Each has a dead-letter topic `<topic>-dlq`.
public enum Topic: String, Sendable, Codable, CaseIterable {
    case taskEvents = "task-events"
    case reminders = "reminders"
    case taskUpdates = "task-updates"

    public var deadLetter: String { rawValue + "-dlq" }
}

/// The twelve event types of the contract; the raw value is the CloudEvent `type`.
public enum EventType: String, Sendable, Codable, CaseIterable {
    case taskCreated = "task.created"
    case taskUpdated = "task.updated"
    case taskDeleted = "task.deleted"
    case taskStatusChanged = "task.status.changed"
    case taskDueDateChanged = "task.due.date.changed"
    case reminderScheduled = "reminder.scheduled"
    case reminderRemoved = "reminder.removed"
    case reminderTriggered = "reminder.triggered"
    case reminderFailed = "reminder.failed"
    case taskSync = "task.sync"
    case taskAssigneeChanged = "task.assignee.changed"
    case taskCommentsUpdated = "task.comments.updated"

    public var topic: Topic {
        switch self {
        case .taskCreated, .taskUpdated, .taskDeleted, .taskStatusChanged, .taskDueDateChanged: .taskEvents
        case .reminderScheduled, .reminderRemoved, .reminderTriggered, .reminderFailed: .reminders
        case .taskSync, .taskAssigneeChanged, .taskCommentsUpdated: .taskUpdates
        }
    }
}
