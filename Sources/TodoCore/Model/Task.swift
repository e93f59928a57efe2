import Foundation

public enum TaskStatus: String, Sendable, Codable, CaseIterable {
    case open, completed, deleted
}

public struct Comment: Hashable, Sendable, Codable {
    public var id: String
    public var author: String
    public var text: String
    public var time: Date

    public init(id: String, author: String, text: String, time: Date) {
        self.id = id
        self.author = author
        self.text = text
        self.time = time
    }
}

/// A todo. `sequence` counts the changes applied to this task, so consumers can drop stale updates.
public struct Task: Hashable, Sendable, Identifiable {
    public var id: TaskID
    public var title: String
    public var description: String
    public var due: Due?
    /// How long the task takes ("for 2 hours"), in seconds.
    public var durationSeconds: Int?
    public var priority: Priority
    public var tags: [String]
    public var status: TaskStatus
    public var assignee: String?
    public var comments: [Comment]
    public var recurrence: RecurrenceRule?
    public var reminders: [Reminder]
    /// Occurrences of the recurrence already behind the current due (completed or skipped); COUNT is checked
    /// against it. Reset when the recurrence changes.
    public var occurrencesDone: Int
    public var sequence: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: TaskID, title: String, description: String = "", due: Due? = nil, durationSeconds: Int? = nil,
        priority: Priority = .none, tags: [String] = [], status: TaskStatus = .open, assignee: String? = nil,
        comments: [Comment] = [], recurrence: RecurrenceRule? = nil, reminders: [Reminder] = [],
        occurrencesDone: Int = 0, sequence: Int = 0, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.due = due
        self.durationSeconds = durationSeconds
        self.priority = priority
        self.tags = tags
        self.status = status
        self.assignee = assignee
        self.comments = comments
        self.recurrence = recurrence
        self.reminders = reminders
        self.occurrencesDone = occurrencesDone
        self.sequence = sequence
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
