import EventPublisher
import TodoCore

/// A reminder as a Dapr job: one job per reminder of a task, due once at the reminder's time. The
/// job's data is this value; the sidecar posts it back, exactly, to `POST /job/<name>`.
public struct ReminderJob: Codable, Sendable, Hashable {
    public var taskID: TaskID
    public var reminderID: String
    /// RFC 3339, UTC.
    public var fireAt: String
    public var title: String

    public init(taskID: TaskID, reminderID: String, fireAt: String, title: String) {
        self.taskID = taskID
        self.reminderID = reminderID
        self.fireAt = fireAt
        self.title = title
    }

    /// Stable per reminder, so that rescheduling replaces the job (`overwrite`) instead of adding one.
    public var name: String { Self.name(taskID: taskID, reminderID: reminderID) }

    public static func name(taskID: TaskID, reminderID: String) -> String {
        "reminder-\(taskID.rawValue)-\(reminderID)"
    }

    var json: JSONValue {
        .object([
            .init("taskId", .string(taskID.rawValue)), .init("reminderId", .string(reminderID)),
            .init("fireAt", .string(fireAt)), .init("title", .string(title)),
        ])
    }

    init?(json bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(bytes),
            case .string(let task) = value["taskId"], case .string(let reminder) = value["reminderId"],
            case .string(let fireAt) = value["fireAt"], case .string(let title) = value["title"]
        else { return nil }
        self.init(taskID: TaskID(task), reminderID: reminder, fireAt: fireAt, title: title)
    }
}
