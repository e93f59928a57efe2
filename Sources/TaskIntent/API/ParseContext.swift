import Foundation
import TodoCore

/// Everything a parse depends on besides the text. The parser reads no clock and no global state:
/// the reference moment and the zone are inputs, so the same line and context always parse the same.
public struct ParseContext: Sendable {
    /// A task as the person sees it in the list, for "3", "#3", "the milk one", an id prefix.
    public struct VisibleTask: Sendable, Hashable {
        public var number: Int
        public var id: TaskID
        public var title: String
        public var tags: [String]
        /// Lets "push 3 by 2 days" move the current due date; nil when the task has none.
        public var due: Due?

        public init(number: Int, id: TaskID, title: String, tags: [String] = [], due: Due? = nil) {
            self.number = number
            self.id = id
            self.title = title
            self.tags = tags
            self.due = due
        }
    }

    /// The local wall-clock moment "now" means, in `timeZone`.
    public var reference: LocalDateTime
    public var timeZone: TimeZone
    public var visibleTasks: [VisibleTask]
    /// The task last talked about, for "it" and "that".
    public var lastTask: TaskID?
    public var knownTags: [String]

    public init(
        reference: LocalDateTime, timeZone: TimeZone, visibleTasks: [VisibleTask] = [], lastTask: TaskID? = nil,
        knownTags: [String] = []
    ) {
        self.reference = reference
        self.timeZone = timeZone
        self.visibleTasks = visibleTasks
        self.lastTask = lastTask
        self.knownTags = knownTags
    }
}
