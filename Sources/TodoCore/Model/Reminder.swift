/// When to remind someone of a task.
public struct Reminder: Hashable, Sendable, Codable {
    public enum Trigger: Hashable, Sendable, Codable {
        /// A wall-clock moment in the task's zone ("at 5pm").
        case absolute(LocalDateTime)
        /// Minutes before the due time ("30 minutes before"); 0 means at the due time.
        case beforeDue(minutes: Int)
    }

    public var id: String
    public var trigger: Trigger

    public init(id: String, trigger: Trigger) {
        self.id = id
        self.trigger = trigger
    }
}
