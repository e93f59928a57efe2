/// What a person (or the reminder scheduler) asks for. `decide` turns a command into events.
public enum Command: Hashable, Sendable {
    case add(TaskID, TaskDraft)
    case complete(TaskID)
    case reopen(TaskID)
    case delete(TaskID)
    case rename(TaskID, title: String)
    case reschedule(TaskID, Due?)
    case setPriority(TaskID, Priority)
    case tag(TaskID, [String])
    case untag(TaskID, [String])
    case describe(TaskID, String)
    case assign(TaskID, String?)
    case comment(TaskID, text: String)
    case setRecurrence(TaskID, RecurrenceRule?)
    case remind(TaskID, Reminder)
    /// `nil` stops every reminder of the task.
    case stopReminding(TaskID, reminderID: String?)
    case snooze(TaskID, minutes: Int)
    /// The scheduler's trigger for a reminder that is due now.
    case triggerReminder(TaskID, reminderID: String)

    public var taskID: TaskID {
        switch self {
        case .add(let id, _), .complete(let id), .reopen(let id), .delete(let id), .rename(let id, _),
            .reschedule(let id, _), .setPriority(let id, _), .tag(let id, _), .untag(let id, _),
            .describe(let id, _), .assign(let id, _), .comment(let id, _), .setRecurrence(let id, _),
            .remind(let id, _), .stopReminding(let id, _), .snooze(let id, _), .triggerReminder(let id, _):
            id
        }
    }
}

/// A task as typed, before it has an id: what the parser understood of an "add" line.
public struct TaskDraft: Hashable, Sendable, Codable {
    public var title: String
    public var description: String
    public var due: Due?
    public var durationSeconds: Int?
    public var priority: Priority
    public var tags: [String]
    public var assignee: String?
    public var recurrence: RecurrenceRule?
    public var reminders: [Reminder]

    public init(
        title: String, description: String = "", due: Due? = nil, durationSeconds: Int? = nil,
        priority: Priority = .none, tags: [String] = [], assignee: String? = nil,
        recurrence: RecurrenceRule? = nil, reminders: [Reminder] = []
    ) {
        self.title = title
        self.description = description
        self.due = due
        self.durationSeconds = durationSeconds
        self.priority = priority
        self.tags = tags
        self.assignee = assignee
        self.recurrence = recurrence
        self.reminders = reminders
    }
}
