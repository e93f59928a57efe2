import Foundation

/// The live pane's sections, in the order they are shown.
public enum TaskGroup: String, Hashable, Sendable, CaseIterable {
    case overdue, today, upcoming, someday, done
}

public struct TaskSection: Hashable, Sendable {
    public var group: TaskGroup
    public var tasks: [Task]

    public init(group: TaskGroup, tasks: [Task]) {
        self.group = group
        self.tasks = tasks
    }
}

public enum LivePane {
    /// Which section an open or completed task belongs in; `nil` for a deleted one.
    public static func group(of task: Task, now: Date, zone: TimeZone) -> TaskGroup? {
        group(of: task, clock: ViewerClock(now: now, zone: zone))
    }

    /// All five sections, always in `TaskGroup` order (empty ones included, so the view decides what to hide).
    /// Overdue, today and upcoming run by due time (a whole-day task before that day's timed ones); someday by
    /// priority, then newest first; done by most recently changed first, at most `doneLimit` of them.
    public static func sections(
        of tasks: some Sequence<Task>, now: Date, zone: TimeZone, doneLimit: Int = 10
    ) -> [TaskSection] {
        let clock = ViewerClock(now: now, zone: zone)
        var buckets: [TaskGroup: [Task]] = [:]
        for task in tasks {
            if let group = group(of: task, clock: clock) { buckets[group, default: []].append(task) }
        }
        return TaskGroup.allCases.map { group in
            var list = buckets[group] ?? []
            switch group {
            case .overdue, .today, .upcoming:
                list = TaskOrdering.sorted(list, by: TaskQuery.Sort(.due))
            case .someday:
                list = TaskOrdering.sorted(list, by: TaskQuery.Sort(.priority))
            case .done:
                list.sort { ($0.updatedAt, $1.id) > ($1.updatedAt, $0.id) }
                if list.count > doneLimit { list.removeLast(list.count - max(doneLimit, 0)) }
            }
            return TaskSection(group: group, tasks: list)
        }
    }

    static func group(of task: Task, clock: ViewerClock) -> TaskGroup? {
        switch task.status {
        case .deleted: return nil
        case .completed: return .done
        case .open:
            guard let due = task.due else { return .someday }
            if clock.isOverdue(due) { return .overdue }
            return clock.localDate(of: due) == clock.today ? .today : .upcoming
        }
    }
}
