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

/// On the wire the payload is the task's own fields (see `Task`'s coding).
public struct TaskCreated: Hashable, Sendable, Codable {
    public var task: Task
    public init(task: Task) { self.task = task }

    public init(from decoder: any Decoder) throws { task = try Task(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try task.encode(to: encoder) }
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

    enum CodingKeys: String, CodingKey {
        case taskId, title, description, priority, tags, assignee, comments, recurrence, reminders, durationSeconds
        case clear
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            taskId: try c.decode(TaskID.self, forKey: .taskId),
            title: try c.decodeIfPresent(String.self, forKey: .title),
            description: try c.decodeIfPresent(String.self, forKey: .description),
            priority: try c.decodeIfPresent(Priority.self, forKey: .priority),
            tags: try c.decodeIfPresent([String].self, forKey: .tags),
            assignee: try c.decodeIfPresent(String.self, forKey: .assignee),
            comments: try c.decodeIfPresent([Comment].self, forKey: .comments),
            recurrence: try c.decodeIfPresent(RecurrenceRule.self, forKey: .recurrence),
            reminders: try c.decodeIfPresent([Reminder].self, forKey: .reminders),
            durationSeconds: try c.decodeIfPresent(Int.self, forKey: .durationSeconds),
            clear: try c.decodeIfPresent([Field].self, forKey: .clear) ?? [])
        if title?.isEmpty == true {
            throw DecodingError.dataCorruptedError(forKey: .title, in: c, debugDescription: "title is empty")
        }
    }
}

public struct TaskDeleted: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public init(taskId: TaskID) { self.taskId = taskId }
}

/// Completing a recurring task carries the next occurrence's due time, so the task rolls forward: `status` is
/// `completed` and `nextDue` is set, and the task stays open with the new due (`occurrencesDone` says how many
/// occurrences are now behind it). Without `nextDue`, `status` is the task's new status.
///
/// Wire form: `{"taskId", "previousStatus", "status", "nextDueDate", "timeZone", "occurrencesDone"}`.
public struct TaskStatusChanged: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public var from: TaskStatus
    public var status: TaskStatus
    public var nextDue: Due?
    public var occurrencesDone: Int?

    public init(taskId: TaskID, from: TaskStatus, status: TaskStatus, nextDue: Due? = nil, occurrencesDone: Int? = nil)
    {
        self.taskId = taskId
        self.from = from
        self.status = status
        self.nextDue = nextDue
        self.occurrencesDone = occurrencesDone
    }

    enum CodingKeys: String, CodingKey { case taskId, previousStatus, status, nextDueDate, timeZone, occurrencesDone }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            taskId: try c.decode(TaskID.self, forKey: .taskId),
            from: try c.decode(TaskStatus.self, forKey: .previousStatus),
            status: try c.decode(TaskStatus.self, forKey: .status),
            nextDue: try DueFields.decode(c, date: .nextDueDate, zone: .timeZone),
            occurrencesDone: try c.decodeIfPresent(Int.self, forKey: .occurrencesDone))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(taskId, forKey: .taskId)
        try c.encode(from, forKey: .previousStatus)
        try c.encode(status, forKey: .status)
        try DueFields.encode(nextDue, into: &c, date: .nextDueDate, zone: .timeZone)
        try c.encodeIfPresent(occurrencesDone, forKey: .occurrencesDone)
    }
}

/// Wire form: `{"taskId", "dueDate", "timeZone", "previousDueDate", "previousTimeZone"}`; a cleared due leaves
/// `dueDate` out.
public struct TaskDueDateChanged: Hashable, Sendable, Codable {
    public var taskId: TaskID
    public var dueDate: Due?
    public var previousDueDate: Due?

    public init(taskId: TaskID, dueDate: Due?, previousDueDate: Due?) {
        self.taskId = taskId
        self.dueDate = dueDate
        self.previousDueDate = previousDueDate
    }

    enum CodingKeys: String, CodingKey { case taskId, dueDate, timeZone, previousDueDate, previousTimeZone }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            taskId: try c.decode(TaskID.self, forKey: .taskId),
            dueDate: try DueFields.decode(c, date: .dueDate, zone: .timeZone),
            previousDueDate: try DueFields.decode(c, date: .previousDueDate, zone: .previousTimeZone))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(taskId, forKey: .taskId)
        try DueFields.encode(dueDate, into: &c, date: .dueDate, zone: .timeZone)
        try DueFields.encode(previousDueDate, into: &c, date: .previousDueDate, zone: .previousTimeZone)
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

    public init(from decoder: any Decoder) throws { task = try Task(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try task.encode(to: encoder) }
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
