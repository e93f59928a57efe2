import Foundation

/// The typed data of each event type. Property names are the JSON field names of the contract.
public enum EventPayload: Hashable, Sendable {
    case taskCreated(TaskCreated)
    case taskUpdated(TaskUpdated)
    case taskDeleted(TaskDeleted)
    case taskStatusChanged(TaskStatusChanged)
    case taskDueDateChanged(TaskDueDateChanged)
    case reminderScheduled(ReminderScheduled)
    case reminderRemoved(ReminderRemoved)
    case reminderTriggered(ReminderTriggered)
    case reminderFailed(ReminderFailed)
    case taskSync(TaskSync)
    case taskAssigneeChanged(TaskAssigneeChanged)
    case taskCommentsUpdated(TaskCommentsUpdated)

    public var type: EventType {
        switch self {
        case .taskCreated: .taskCreated
        case .taskUpdated: .taskUpdated
        case .taskDeleted: .taskDeleted
        case .taskStatusChanged: .taskStatusChanged
        case .taskDueDateChanged: .taskDueDateChanged
        case .reminderScheduled: .reminderScheduled
        case .reminderRemoved: .reminderRemoved
        case .reminderTriggered: .reminderTriggered
        case .reminderFailed: .reminderFailed
        case .taskSync: .taskSync
        case .taskAssigneeChanged: .taskAssigneeChanged
        case .taskCommentsUpdated: .taskCommentsUpdated
        }
    }
}

public struct TaskCreated: Hashable, Sendable, Codable {
    public var task: Task
    public init(task: Task) { self.task = task }
}

/// Only the fields that changed are present; `clear` names optional fields set back to nothing.
public struct TaskUpdated: Hashable, Sendable, Codable {
    public enum Field: String, Hashable, Sendable, Codable {
        case description, assignee, recurrence, durationSeconds
    }

    public var taskId: TaskID
    public var title: String?
    public var description: String?
    public var priority: Priority?
    public var tags: [String]?
    public var assignee: String?
    public var comments: [Comment]?
    public var recurrence: RecurrenceRule?
    public var reminders: [Reminder]?
    public var durationSeconds: Int?
    public var clear: [Field]

    public init(
        taskId: TaskID, title: String? = nil, description: String? = nil, priority: Priority? = nil,
        tags: [String]? = nil, assignee: String? = nil, comments: [Comment]? = nil,
        recurrence: RecurrenceRule? = nil, reminders: [Reminder]? = nil, durationSeconds: Int? = nil,
        clear: [Field] = []
    ) {
        self.taskId = taskId
        self.title = title
        self.description = description
        self.priority = priority
        self.tags = tags
        self.assignee = assignee
        self.comments = comments
        self.recurrence = recurrence
        self.reminders = reminders
        self.durationSeconds = durationSeconds
        self.clear = clear
    }
}

public struct TaskDeleted: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public init(taskId: TaskID) { self.taskId = taskId }
}

/// Completing a recurring task carries the next occurrence's due time, so the task rolls forward.
public struct TaskStatusChanged: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public var from: TaskStatus
    public var status: TaskStatus
    public var nextDue: Due?

    public init(taskId: TaskID, from: TaskStatus, status: TaskStatus, nextDue: Due? = nil) {
        self.taskId = taskId
        self.from = from
        self.status = status
        self.nextDue = nextDue
    }
}

public struct TaskDueDateChanged: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public var dueDate: Due?
    public var previousDueDate: Due?

    public init(taskId: TaskID, dueDate: Due?, previousDueDate: Due?) {
        self.taskId = taskId
        self.dueDate = dueDate
        self.previousDueDate = previousDueDate
    }
}

public struct ReminderScheduled: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public var reminder: Reminder
    /// The instant the reminder fires (UTC), resolved from the trigger and the due time.
    public var fireAt: Date
    public var title: String

    public init(taskId: TaskID, reminder: Reminder, fireAt: Date, title: String) {
        self.taskId = taskId
        self.reminder = reminder
        self.fireAt = fireAt
        self.title = title
    }
}

public struct ReminderRemoved: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public var reminderId: String

    public init(taskId: TaskID, reminderId: String) {
        self.taskId = taskId
        self.reminderId = reminderId
    }
}

public struct ReminderTriggered: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public var reminderId: String
    public var title: String
    public var firedAt: Date

    public init(taskId: TaskID, reminderId: String, title: String, firedAt: Date) {
        self.taskId = taskId
        self.reminderId = reminderId
        self.title = title
        self.firedAt = firedAt
    }
}

public struct ReminderFailed: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public var reminderId: String
    public var reason: String

    public init(taskId: TaskID, reminderId: String, reason: String) {
        self.taskId = taskId
        self.reminderId = reminderId
        self.reason = reason
    }
}

/// The whole task after a change: what the live pane shows.
public struct TaskSync: Hashable, Sendable, Codable {
    public var task: Task
    public init(task: Task) { self.task = task }
}

public struct TaskAssigneeChanged: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public var assignee: String?
    public var previousAssignee: String?

    public init(taskId: TaskID, assignee: String?, previousAssignee: String?) {
        self.taskId = taskId
        self.assignee = assignee
        self.previousAssignee = previousAssignee
    }
}

public struct TaskCommentsUpdated: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public var comments: [Comment]

    public init(taskId: TaskID, comments: [Comment]) {
        self.taskId = taskId
        self.comments = comments
    }
}
