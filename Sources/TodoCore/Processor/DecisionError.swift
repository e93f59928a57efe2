/// Why a command was refused. `message` is the sentence the chat shows.
public enum DecisionError: Error, Hashable, Sendable, CustomStringConvertible {
    case taskNotFound(TaskID)
    case taskExists(TaskID)
    case emptyTitle
    case emptyComment
    case alreadyDone(title: String)
    case alreadyOpen(title: String)
    /// Reminders and snoozes only make sense for open tasks.
    case taskIsDone(title: String)
    case nothingToChange(String)
    case notTagged(title: String, tags: [String])
    case noDueForReminder(title: String)
    case reminderInPast
    case noSuchReminder(title: String, reminderID: String)
    case noReminders(title: String)
    case invalidSnooze

    public var message: String {
        switch self {
        case .taskNotFound(let id): "No task \(id.short)"
        case .taskExists(let id): "Task \(id.short) already exists"
        case .emptyTitle: "A task needs a title"
        case .emptyComment: "A comment needs some text"
        case .alreadyDone: "That task is already done"
        case .alreadyOpen: "That task is already open"
        case .taskIsDone(let title): "'\(title)' is done; reopen it first"
        case .nothingToChange(let what): what
        case .notTagged(let title, let tags):
            "'\(title)' isn't tagged " + tags.map { "#" + Tag.normalized($0) }.joined(separator: " ")
        case .noDueForReminder(let title): "'\(title)' has no due time to remind you before"
        case .reminderInPast: "That reminder time has already passed"
        case .noSuchReminder(let title, let id): "'\(title)' has no reminder \(id)"
        case .noReminders(let title): "'\(title)' has no reminders"
        case .invalidSnooze: "Snooze for at least a minute"
        }
    }

    public var description: String { message }
}
