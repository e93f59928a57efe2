import Foundation
import TodoCore

/// Where a task stands between this chat and the processor.
public enum SyncMark: Hashable, Sendable {
    /// The processor's update for our latest change has come back.
    case synced
    /// Published (or queued), not yet confirmed.
    case pending
    /// The bus refused it.
    case failed
}

extension TaskGroup {
    var title: String {
        switch self {
        case .overdue: "Overdue"
        case .today: "Today"
        case .upcoming: "Upcoming"
        case .someday: "Someday"
        case .done: "Done"
        }
    }
}

/// One task as the live pane holds it: the task, its display strings already sanitised, its sync mark,
/// and what grouping and sorting need, computed once per change instead of once per frame.
struct BoardEntry: Sendable {
    var task: Task
    var title: String
    var tags: [String]
    var assignee: String?
    var sync: SyncMark
    /// The sequence our optimistic change will have once the processor confirms it.
    var awaitedSequence: Int
    /// `TaskQuery`'s due order: a whole-day task at the start of its day, a timed one at its instant.
    var dueKey: Double
    var reminderInstants: [Double]
    /// `LivePane.group(of:)` as of `groupedAt`; it stays right until `groupValidUntil` (the due time
    /// passes or the day turns), so regrouping 10,000 tasks mostly reuses it.
    var group: TaskGroup?
    var groupValidUntil: Double

    init(task: Task, sync: SyncMark, awaitedSequence: Int, now: Date, zone: TimeZone) {
        self.task = task
        self.title = Sanitizer.clean(task.title)
        self.tags = task.tags.map(Sanitizer.clean)
        self.assignee = task.assignee.map(Sanitizer.clean)
        self.sync = sync
        self.awaitedSequence = awaitedSequence
        if let due = task.due {
            let start =
                due.time == nil
                ? LocalDateTime(date: due.date, time: LocalTime(hour: 0)).instant(in: due.zone) : due.instant()
            dueKey = start.timeIntervalSinceReferenceDate
        } else {
            dueKey = .infinity
        }
        reminderInstants =
            task.status == .open
            ? task.reminders.compactMap { $0.fireTime(due: task.due, zone: zone)?.timeIntervalSinceReferenceDate } : []
        group = nil
        groupValidUntil = -.infinity
        regroup(now: now, zone: zone)
    }

    mutating func regroup(now: Date, zone: TimeZone) {
        group = LivePane.group(of: task, now: now, zone: zone)
        guard task.status == .open, let due = task.due else {
            groupValidUntil = .infinity
            return
        }
        let local = LocalDateTime(now, in: zone)
        let midnight = LocalDateTime(date: local.date.adding(days: 1), time: LocalTime(hour: 0)).instant(in: zone)
        let dueAt = due.time == nil ? Double.infinity : due.instant().timeIntervalSinceReferenceDate
        groupValidUntil = min(
            midnight.timeIntervalSinceReferenceDate, dueAt > now.timeIntervalSinceReferenceDate ? dueAt : .infinity)
    }
}

/// The numbered, grouped order of the live pane at one moment.
struct BoardOrder: Sendable {
    var groups: [(group: TaskGroup, ids: [TaskID])]
    /// List number n is `numbered[n - 1]`.
    var numbered: [TaskID]
    var numberOf: [TaskID: Int]
    /// Every open task's reminder instants after the moment the order was made, ascending.
    var upcomingReminders: [Double]
}

/// All tasks the chat knows, deleted ones kept as tombstones (late events stay stale, undo can bring
/// them back). Absorbing an update is O(1); the grouped order is derived on demand and cached.
struct TaskBoard: Sendable {
    /// Done tasks shown (and numbered): the most recently finished, as `LivePane.sections` does.
    static let doneLimit = 10

    private(set) var entries: [TaskID: BoardEntry] = [:] {
        didSet { stamp = Stamp() }
    }
    /// The same tasks as a plain dictionary, kept alongside so the parser's context costs nothing to build.
    private(set) var tasks: [TaskID: Task] = [:]
    private(set) var stamp = Stamp()

    subscript(id: TaskID) -> BoardEntry? { entries[id] }

    /// A task as the processor reports it. Stale (lower sequence) and duplicate updates are ignored.
    mutating func absorb(_ task: Task, now: Date, zone: TimeZone) {
        if let current = entries[task.id] {
            if task.sequence < current.task.sequence { return }
            if task.sequence == current.task.sequence, current.sync == .synced { return }
            let confirmed = task.sequence >= current.awaitedSequence
            entries[task.id] = BoardEntry(
                task: task, sync: confirmed ? .synced : current.sync, awaitedSequence: current.awaitedSequence,
                now: now, zone: zone)
        } else {
            entries[task.id] = BoardEntry(
                task: task, sync: .synced, awaitedSequence: task.sequence, now: now, zone: zone)
        }
        tasks[task.id] = task
    }

    /// Our own change, shown before the processor confirms it.
    mutating func anticipate(_ task: Task, sequence: Int, now: Date, zone: TimeZone) {
        entries[task.id] = BoardEntry(task: task, sync: .pending, awaitedSequence: sequence, now: now, zone: zone)
        tasks[task.id] = task
    }

    mutating func mark(_ id: TaskID, _ sync: SyncMark) {
        guard let entry = entries[id], entry.sync != sync else { return }
        entries[id]?.sync = sync
    }

    /// Groups and numbers the tasks for the moment `now` (overdue depends on it).
    func order(now: Date, zone: TimeZone) -> BoardOrder {
        let nowValue = now.timeIntervalSinceReferenceDate
        var buckets: [[BoardEntry]] = Array(repeating: [], count: TaskGroup.allCases.count)
        var reminders: [Double] = []
        for var entry in entries.values {
            if entry.groupValidUntil <= nowValue { entry.regroup(now: now, zone: zone) }
            guard let group = entry.group else { continue }
            buckets[TaskGroup.allCases.firstIndex(of: group)!].append(entry)
            for instant in entry.reminderInstants where instant > nowValue { reminders.append(instant) }
        }
        var groups: [(group: TaskGroup, ids: [TaskID])] = []
        var numbered: [TaskID] = []
        numbered.reserveCapacity(entries.count)
        for (index, group) in TaskGroup.allCases.enumerated() where !buckets[index].isEmpty {
            var list = buckets[index]
            switch group {
            case .overdue, .today, .upcoming:
                list.sort { a, b in
                    if a.dueKey != b.dueKey { return a.dueKey < b.dueKey }
                    return (a.task.createdAt, a.task.id) < (b.task.createdAt, b.task.id)
                }
            case .someday:
                list.sort { a, b in
                    if a.task.priority != b.task.priority { return a.task.priority > b.task.priority }
                    return (a.task.createdAt, a.task.id) < (b.task.createdAt, b.task.id)
                }
            case .done:
                list.sort { a, b in (a.task.updatedAt, a.task.id) > (b.task.updatedAt, b.task.id) }
                if list.count > TaskBoard.doneLimit { list.removeLast(list.count - TaskBoard.doneLimit) }
            }
            let ids = list.map(\.task.id)
            groups.append((group, ids))
            numbered.append(contentsOf: ids)
        }
        var numberOf: [TaskID: Int] = [:]
        numberOf.reserveCapacity(numbered.count)
        for (i, id) in numbered.enumerated() { numberOf[id] = i + 1 }
        return BoardOrder(groups: groups, numbered: numbered, numberOf: numberOf, upcomingReminders: reminders.sorted())
    }
}
