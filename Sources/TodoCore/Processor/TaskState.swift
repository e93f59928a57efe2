import Foundation

/// The authoritative tasks, built by applying events. The worker, the embedded bus and the live pane each keep one.
///
/// Idempotency and ordering: every event that changes a task (topic `task-events`, or `task.sync` on
/// `task-updates`) carries the task's sequence number after it. An event at or below the task's current sequence
/// has been applied already or is superseded, so it is dropped: redelivery of any state-changing event, however
/// late, can never change the state, and no unbounded set of event ids is needed for that. Events that change no
/// task (`reminders`, `task.assignee.changed`, `task.comments.updated`) only drive side effects; the last
/// `recentIDLimit` event ids per task tell a redelivery of those apart, so a consumer does not schedule or show
/// the same thing twice. Memory is therefore one sequence and at most `recentIDLimit` ids per task.
///
/// Deleted tasks stay as tombstones (status `deleted`) so that late events for them are recognised as stale and
/// "undo" can bring them back.
public struct TaskState: Hashable, Sendable {
    public private(set) var tasks: [TaskID: Task]
    private var recentIDs: [TaskID: [String]]

    public static let recentIDLimit = 16

    public init(tasks: some Sequence<Task> = []) {
        self.tasks = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { $0.sequence >= $1.sequence ? $0 : $1 })
        recentIDs = [:]
    }

    public subscript(id: TaskID) -> Task? { tasks[id] }

    /// Tasks that are not deleted, in a stable order (oldest first).
    public var visibleTasks: [Task] {
        tasks.values.filter { $0.status != .deleted }.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    public enum ApplyOutcome: Hashable, Sendable {
        case applied
        /// The same event id was applied before.
        case duplicate
        /// The task has already moved past this event's sequence.
        case stale
        /// The event is about a task this state has never seen (its creation has not arrived).
        case unknownTask
    }

    /// The state after `event`; duplicates, stale events and events for unknown tasks leave it unchanged.
    public func applying(_ event: TaskEvent) -> TaskState {
        var copy = self
        copy.apply(event)
        return copy
    }

    @discardableResult
    public mutating func apply(_ event: TaskEvent) -> ApplyOutcome {
        let id = event.taskID
        if recentIDs[id]?.contains(event.id) == true { return .duplicate }
        let outcome: ApplyOutcome
        switch event.payload {
        case .taskCreated(let p):
            guard replace(with: p.task, at: event) else { return .stale }
            outcome = .applied
        case .taskSync(let p):
            guard replace(with: p.task, at: event) else { return .stale }
            outcome = .applied
        case .taskUpdated, .taskDeleted, .taskStatusChanged, .taskDueDateChanged:
            guard var task = tasks[id] else { return .unknownTask }
            guard event.sequence > task.sequence else { return .stale }
            Self.change(&task, by: event.payload)
            task.sequence = event.sequence
            task.updatedAt = event.time
            tasks[id] = task
            outcome = .applied
        case .reminderScheduled, .reminderRemoved, .reminderTriggered, .reminderFailed, .taskAssigneeChanged,
            .taskCommentsUpdated:
            guard tasks[id] != nil else { return .unknownTask }
            outcome = .applied
        }
        remember(event.id, for: id)
        return outcome
    }

    /// A whole task replaces what is known unless that is as new already.
    private mutating func replace(with task: Task, at event: TaskEvent) -> Bool {
        if let existing = tasks[task.id], existing.sequence >= event.sequence { return false }
        var task = task
        task.sequence = event.sequence
        tasks[task.id] = task
        return true
    }

    private mutating func remember(_ eventID: String, for task: TaskID) {
        var ids = recentIDs[task] ?? []
        ids.append(eventID)
        if ids.count > Self.recentIDLimit { ids.removeFirst(ids.count - Self.recentIDLimit) }
        recentIDs[task] = ids
    }

    static func change(_ task: inout Task, by payload: EventPayload) {
        switch payload {
        case .taskUpdated(let p):
            if let v = p.title { task.title = v }
            if let v = p.description { task.description = v }
            if let v = p.priority { task.priority = v }
            if let v = p.tags { task.tags = v }
            if let v = p.assignee { task.assignee = v }
            if let v = p.comments { task.comments = v }
            if let v = p.recurrence {
                if v != task.recurrence { task.occurrencesDone = 0 }
                task.recurrence = v
            }
            if let v = p.reminders { task.reminders = v }
            if let v = p.durationSeconds { task.durationSeconds = v }
            for field in p.clear {
                switch field {
                case .description: task.description = ""
                case .assignee: task.assignee = nil
                case .recurrence:
                    task.recurrence = nil
                    task.occurrencesDone = 0
                case .durationSeconds: task.durationSeconds = nil
                }
            }
        case .taskDeleted:
            task.status = .deleted
        case .taskStatusChanged(let p):
            if let next = p.nextDue {
                task.rollForward(to: next, occurrencesDone: p.occurrencesDone ?? task.occurrencesDone + 1)
            } else {
                task.status = p.status
            }
        case .taskDueDateChanged(let p):
            task.due = p.dueDate
        default:
            break
        }
    }
}

extension Task {
    /// A recurring task's current occurrence is done: it stays open with the next due, and absolute reminders
    /// move by as many days as the due did.
    mutating func rollForward(to next: Due, occurrencesDone done: Int) {
        let days = due.map { next.date.dayNumber - $0.date.dayNumber } ?? 0
        reminders = reminders.map { $0.shifted(byDays: days) }
        due = next
        occurrencesDone = done
        status = .open
    }
}
