import Foundation

/// One event of the catalogue, with the envelope fields every consumer needs.
/// `id` is unique per event (a UUID, never derived from the task id and the type).
public struct TaskEvent: Hashable, Sendable {
    public var id: String
    public var taskID: TaskID
    /// The task's sequence number after this event. Events that change the task (`task-events`, `task.sync`)
    /// advance it by one each, and consumers drop those at or below what they have; `reminders` events and the
    /// feed's `task.assignee.changed`/`task.comments.updated` carry the sequence they belong to without advancing it
    /// (see `TaskState` for how duplicates of those are told apart).
    public var sequence: Int
    public var time: Date
    public var correlationID: String?
    public var userID: String?
    public var payload: EventPayload

    public init(
        id: String, taskID: TaskID, sequence: Int, time: Date, correlationID: String? = nil,
        userID: String? = nil, payload: EventPayload
    ) {
        self.id = id
        self.taskID = taskID
        self.sequence = sequence
        self.time = time
        self.correlationID = correlationID
        self.userID = userID
        self.payload = payload
    }

    public var type: EventType { payload.type }
    public var topic: Topic { payload.type.topic }
}
