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

/// The live pane's groups, in display order.
public enum TaskGroup: Int, Hashable, Sendable, CaseIterable {
    case overdue
    case today
    case upcoming
    case someday
    case done

    public var title: String {
        switch self {
        case .overdue: "Overdue"
        case .today: "Today"
        case .upcoming: "Upcoming"
        case .someday: "Someday"
        case .done: "Done"
        }
    }
}

/// One task as the live pane holds it: the task, its display strings already sanitised, its sync mark
/// and the keys it sorts by (computed once per change, not per frame).
struct BoardEntry: Sendable {
    var task: Task
    var title: String
    var tags: [String]
    var assignee: String?
    var sync: SyncMark
    /// The sequence our optimistic change will have once the processor confirms it.
    var awaitedSequence: Int
    var dueInstant: Double
    var reminderInstants: [Double]

    init(task: Task, sync: SyncMark, awaitedSequence: Int) {
        self.task = task
        self.title = Sanitizer.clean(task.title)
        self.tags = task.tags.map(Sanitizer.clean)
        self.assignee = task.assignee.map(Sanitizer.clean)
        self.sync = sync
        self.awaitedSequence = awaitedSequence
        let due = task.due?.instant()
        self.dueInstant = due?.timeIntervalSinceReferenceDate ?? .infinity
        self.reminderInstants = task.reminders.compactMap { reminder in
            switch reminder.trigger {
            case .absolute(let moment):
                let zone = task.due.flatMap { TimeZone(identifier: $0.timeZone) } ?? TimeZone(secondsFromGMT: 0)!
                return moment.instant(in: zone).timeIntervalSinceReferenceDate
            case .beforeDue(let minutes):
                return due.map { $0.timeIntervalSinceReferenceDate - Double(minutes * 60) }
            }
        }
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

/// All tasks the chat knows, absorbing updates in O(1) each; the grouped order is derived on demand
/// and cached by the caller.
struct TaskBoard: Sendable {
    private(set) var entries: [TaskID: BoardEntry] = [:] {
        didSet { stamp = Stamp() }
    }
    /// The same tasks as a plain dictionary, kept alongside so the parser's context costs nothing to build.
    private(set) var tasks: [TaskID: Task] = [:]
    /// Deleted tasks' last sequence, so a late update cannot bring one back.
    private var tombstones: [TaskID: Int] = [:]
    private(set) var stamp = Stamp()

    subscript(id: TaskID) -> BoardEntry? { entries[id] }

    /// A task as the processor reports it. Stale (lower sequence) and duplicate updates are ignored.
    mutating func absorb(_ task: Task) {
        if let dead = tombstones[task.id], dead >= task.sequence { return }
        if let current = entries[task.id] {
            if task.sequence < current.task.sequence { return }
            if task.sequence == current.task.sequence, current.sync == .synced { return }
            let confirmed = task.sequence >= current.awaitedSequence
            entries[task.id] = BoardEntry(
                task: task, sync: confirmed ? .synced : current.sync, awaitedSequence: current.awaitedSequence)
        } else {
            entries[task.id] = BoardEntry(task: task, sync: .synced, awaitedSequence: task.sequence)
        }
        tasks[task.id] = task
    }

    /// Our own change, shown before the processor confirms it.
    mutating func anticipate(_ task: Task?, id: TaskID, sequence: Int) {
        if let task {
            entries[id] = BoardEntry(task: task, sync: .pending, awaitedSequence: sequence)
        } else {
            entries[id] = nil
            tombstones[id] = sequence
        }
        tasks[id] = task
    }

    mutating func remove(_ id: TaskID, sequence: Int) {
        if let current = entries[id], current.task.sequence > sequence { return }
        entries[id] = nil
        tasks[id] = nil
        tombstones[id] = max(sequence, tombstones[id] ?? 0)
    }

    mutating func mark(_ id: TaskID, _ sync: SyncMark) {
        guard entries[id] != nil, entries[id]?.sync != sync else { return }
        entries[id]?.sync = sync
    }

    /// Groups and numbers the tasks for the moment `now` (overdue depends on it).
    func order(now: Date, zone: TimeZone) -> BoardOrder {
        let today = LocalDateTime(now, in: zone).date
        let nowValue = now.timeIntervalSinceReferenceDate
        var buckets: [[BoardEntry]] = Array(repeating: [], count: TaskGroup.allCases.count)
        var reminders: [Double] = []
        for entry in entries.values {
            let group: TaskGroup
            switch entry.task.status {
            case .deleted: continue
            case .completed: group = .done
            case .open:
                if let due = entry.task.due {
                    if entry.dueInstant < nowValue || due.date < today {
                        group = .overdue
                    } else if due.date == today {
                        group = .today
                    } else {
                        group = .upcoming
                    }
                } else {
                    group = .someday
                }
                for instant in entry.reminderInstants where instant > nowValue { reminders.append(instant) }
            }
            buckets[group.rawValue].append(entry)
        }
        for group in TaskGroup.allCases {
            switch group {
            case .overdue, .today, .upcoming:
                buckets[group.rawValue].sort { a, b in
                    if a.dueInstant != b.dueInstant { return a.dueInstant < b.dueInstant }
                    if a.task.priority != b.task.priority { return a.task.priority > b.task.priority }
                    return (a.task.createdAt, a.task.id) < (b.task.createdAt, b.task.id)
                }
            case .someday:
                buckets[group.rawValue].sort { a, b in
                    if a.task.priority != b.task.priority { return a.task.priority > b.task.priority }
                    return (a.task.createdAt, a.task.id) < (b.task.createdAt, b.task.id)
                }
            case .done:
                buckets[group.rawValue].sort { a, b in
                    (a.task.updatedAt, a.task.id) > (b.task.updatedAt, b.task.id)
                }
            }
        }
        var groups: [(group: TaskGroup, ids: [TaskID])] = []
        var numbered: [TaskID] = []
        numbered.reserveCapacity(entries.count)
        for group in TaskGroup.allCases where !buckets[group.rawValue].isEmpty {
            let ids = buckets[group.rawValue].map(\.task.id)
            groups.append((group, ids))
            numbered.append(contentsOf: ids)
        }
        var numberOf: [TaskID: Int] = [:]
        numberOf.reserveCapacity(numbered.count)
        for (i, id) in numbered.enumerated() { numberOf[id] = i + 1 }
        return BoardOrder(groups: groups, numbered: numbered, numberOf: numberOf, upcomingReminders: reminders.sorted())
    }
}
