import Foundation
import TaskIntent
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

/// "Now" for grouping: computed once per batch of updates, not once per task.
struct BoardClock {
    let now: Double
    let today: LocalDate
    let nextMidnight: Double
    let zone: TimeZone

    init(now: Date, zone: TimeZone) {
        self.now = now.timeIntervalSinceReferenceDate
        self.zone = zone
        today = LocalDateTime(now, in: zone).date
        nextMidnight =
            LocalDateTime(date: today.adding(days: 1), time: LocalTime(hour: 0)).instant(in: zone)
            .timeIntervalSinceReferenceDate
    }
}

/// One task as the live pane holds it: the task, its display strings already sanitised, its sync mark.
struct BoardEntry: Sendable {
    var task: Task
    /// The task as the processor last reported it; nil while only our own (unconfirmed) change exists.
    var reported: Task?
    var title: String
    var tags: [String]
    var assignee: String?
    var sync: SyncMark
    /// The sequence our optimistic change will have once the processor confirms it.
    var awaitedSequence: Int
    var reminderInstants: [Double]
}

/// What grouping and sorting need of a task, as plain numbers (no reference counting when 10,000 of
/// them are sorted 30 times a second).
struct BoardKey {
    static let noGroup: Int8 = -1

    /// Index into `TaskGroup.allCases`, or `noGroup` for a deleted task.
    var group: Int8
    /// The group stays right until this instant (the due time passes, or the day turns).
    var validUntil: Double
    /// `TaskQuery`'s due order: a whole-day task at the start of its day, a timed one at its instant.
    var dueKey: Double
    var dueInstant: Double
    var timed: Bool
    var dueDay: Int
    var priority: Int8
    var created: Double
    var updated: Double
    var hasReminders: Bool

    init(_ task: Task, clock: BoardClock) {
        if let due = task.due {
            timed = due.time != nil
            let instant = due.instant().timeIntervalSinceReferenceDate
            dueInstant = instant
            dueKey =
                timed
                ? instant
                : LocalDateTime(date: due.date, time: LocalTime(hour: 0)).instant(in: due.zone)
                    .timeIntervalSinceReferenceDate
            // LivePane places a timed due on the viewer's calendar, a whole-day due on its own date.
            dueDay =
                timed
                ? LocalDateTime(Date(timeIntervalSinceReferenceDate: instant), in: clock.zone).date.dayNumber
                : due.date.dayNumber
        } else {
            timed = false
            dueInstant = .infinity
            dueKey = .infinity
            dueDay = Int.max
        }
        priority = Int8(task.priority.rank)
        created = task.createdAt.timeIntervalSinceReferenceDate
        updated = task.updatedAt.timeIntervalSinceReferenceDate
        hasReminders = !task.reminders.isEmpty
        group = BoardKey.noGroup
        validUntil = -.infinity
        regroup(task.status, hasDue: task.due != nil, clock: clock)
    }

    /// `LivePane.group(of:now:zone:)`'s rule on values computed once (the test suite checks they agree).
    mutating func regroup(_ status: TaskStatus, hasDue: Bool, clock: BoardClock) {
        func set(_ g: TaskGroup, until: Double) {
            group = Int8(TaskGroup.allCases.firstIndex(of: g)!)
            validUntil = until
        }
        switch status {
        case .deleted:
            group = BoardKey.noGroup
            validUntil = .infinity
        case .completed:
            set(.done, until: .infinity)
        case .open:
            guard hasDue else { return set(.someday, until: .infinity) }
            let overdue = timed ? dueInstant < clock.now : dueDay < clock.today.dayNumber
            if overdue { return set(.overdue, until: .infinity) }
            if dueDay == clock.today.dayNumber {
                set(.today, until: timed ? min(dueInstant, clock.nextMidnight) : clock.nextMidnight)
            } else {
                set(.upcoming, until: clock.nextMidnight)
            }
        }
    }
}

/// The numbered, grouped order of the live pane at one moment. The look-ups only some callers need
/// (numbers by id, the parser's view of the list) are made on first use.
final class BoardOrder: @unchecked Sendable {
    let groups: [(group: TaskGroup, ids: [TaskID])]
    /// List number n is `numbered[n - 1]`.
    let numbered: [TaskID]
    /// Every open task's reminder instants after the moment the order was made, ascending.
    let upcomingReminders: [Double]
    private let lock = NSLock()
    private var numbers: [TaskID: Int]?
    private var parserView: (visible: [ParseContext.VisibleTask], tags: [String])?

    init(groups: [(group: TaskGroup, ids: [TaskID])], numbered: [TaskID], upcomingReminders: [Double]) {
        self.groups = groups
        self.numbered = numbered
        self.upcomingReminders = upcomingReminders
    }

    var numberOf: [TaskID: Int] {
        lock.lock()
        defer { lock.unlock() }
        if let numbers { return numbers }
        var made: [TaskID: Int] = [:]
        made.reserveCapacity(numbered.count)
        for (i, id) in numbered.enumerated() { made[id] = i + 1 }
        numbers = made
        return made
    }

    /// The numbered tasks and the tags in use, as the parser's context wants them. `tasks` must be the
    /// board's tasks this order was made from (the order does not keep them: holding them would make
    /// the board copy its whole dictionary on the next update).
    func parserContext(tasks: [TaskID: Task]) -> (visible: [ParseContext.VisibleTask], tags: [String]) {
        lock.lock()
        defer { lock.unlock() }
        if let parserView { return parserView }
        var visible: [ParseContext.VisibleTask] = []
        visible.reserveCapacity(numbered.count)
        var tags: Set<String> = []
        for (i, id) in numbered.enumerated() {
            guard let task = tasks[id] else { continue }
            visible.append(
                ParseContext.VisibleTask(number: i + 1, id: id, title: task.title, tags: task.tags, due: task.due))
            tags.formUnion(task.tags)
        }
        let made = (visible, tags.sorted())
        parserView = made
        return made
    }
}

/// All tasks the chat knows, deleted ones kept as tombstones (late events stay stale, undo can bring
/// them back). Absorbing an update is O(1); the grouped order is derived on demand and cached.
struct TaskBoard: Sendable {
    /// Done tasks shown (and numbered): the most recently finished, as `LivePane.sections` does.
    static let doneLimit = 10

    /// Per slot; a task keeps its slot for the life of the board.
    private(set) var entries: [BoardEntry] = []
    private var keys: [BoardKey] = []
    private var slotOf: [TaskID: Int] = [:]
    /// The same tasks as a plain dictionary, kept alongside so the parser's context costs nothing to build.
    private(set) var tasks: [TaskID: Task] = [:]
    private(set) var stamp = Stamp()

    subscript(id: TaskID) -> BoardEntry? { slotOf[id].map { entries[$0] } }

    var allEntries: [BoardEntry] { entries }

    /// Tasks as the processor reports them. Stale (lower sequence) and duplicate updates are ignored.
    mutating func absorb(_ incoming: some Sequence<Task>, now: Date, zone: TimeZone) {
        let clock = BoardClock(now: now, zone: zone)
        let expected = entries.count + incoming.underestimatedCount
        if expected > slotOf.capacity {
            slotOf.reserveCapacity(expected)
            tasks.reserveCapacity(expected)
            entries.reserveCapacity(expected)
            keys.reserveCapacity(expected)
        }
        for task in incoming { absorb(task, clock: clock) }
    }

    /// One task as the processor reports it; `clock` is made once for a whole batch of updates. True if it is
    /// now the board's report of the task (false for a stale or duplicate one).
    @discardableResult
    mutating func absorb(_ task: Task, clock: BoardClock) -> Bool {
        guard let slot = slotOf[task.id] else {
            store(task, reported: task, sync: .synced, awaited: task.sequence, clock: clock)
            return true
        }
        let (sequence, sync, awaited) = (entries[slot].task.sequence, entries[slot].sync, entries[slot].awaitedSequence)
        if task.sequence < sequence {
            // The processor confirming an earlier step of our own changes: the list keeps showing the newer
            // task, but the report moves on, so that the feed tells each step.
            guard task.sequence > entries[slot].reported?.sequence ?? 0 else { return false }
            entries[slot].reported = task
            return true
        }
        if task.sequence == sequence, sync == .synced { return false }
        store(task, reported: task, sync: task.sequence >= awaited ? .synced : sync, awaited: awaited, clock: clock)
        return true
    }

    /// Our own change, shown before the processor confirms it.
    mutating func anticipate(_ task: Task, sequence: Int, now: Date, zone: TimeZone) {
        store(
            task, reported: self[task.id]?.reported, sync: .pending, awaited: sequence,
            clock: BoardClock(now: now, zone: zone))
    }

    mutating func mark(_ id: TaskID, _ sync: SyncMark) {
        guard let slot = slotOf[id], entries[slot].sync != sync else { return }
        entries[slot].sync = sync
        stamp = Stamp()
    }

    private mutating func store(_ task: Task, reported: Task?, sync: SyncMark, awaited: Int, clock: BoardClock) {
        let key = BoardKey(task, clock: clock)
        let entry = BoardEntry(
            task: task, reported: reported, title: Sanitizer.clean(task.title), tags: task.tags.map(Sanitizer.clean),
            assignee: task.assignee.map(Sanitizer.clean), sync: sync, awaitedSequence: awaited,
            reminderInstants: task.status == .open && key.hasReminders
                ? task.reminders.compactMap {
                    $0.fireTime(due: task.due, zone: clock.zone)?.timeIntervalSinceReferenceDate
                }
                : [])
        if let slot = slotOf[task.id] {
            entries[slot] = entry
            keys[slot] = key
        } else {
            slotOf[task.id] = entries.count
            entries.append(entry)
            keys.append(key)
        }
        tasks[task.id] = task
        stamp = Stamp()
    }

    /// Groups and numbers the tasks for the moment `now` (overdue depends on it).
    func order(now: Date, zone: TimeZone) -> BoardOrder {
        let nowValue = now.timeIntervalSinceReferenceDate
        var clock: BoardClock?
        typealias Sortable = (primary: Double, secondary: Double, slot: Int32)
        var buckets: [[Sortable]] = Array(repeating: [], count: TaskGroup.allCases.count)
        var reminders: [Double] = []
        for slot in keys.indices {
            var key = keys[slot]
            if key.validUntil <= nowValue {
                if clock == nil { clock = BoardClock(now: now, zone: zone) }
                key.regroup(entries[slot].task.status, hasDue: entries[slot].task.due != nil, clock: clock!)
            }
            guard key.group != BoardKey.noGroup else { continue }
            let sortable: Sortable
            switch TaskGroup.allCases[Int(key.group)] {
            case .overdue, .today, .upcoming: sortable = (key.dueKey, key.created, Int32(slot))
            case .someday: sortable = (-Double(key.priority), key.created, Int32(slot))
            case .done: sortable = (-key.updated, 0, Int32(slot))
            }
            buckets[Int(key.group)].append(sortable)
            if key.hasReminders {
                for instant in entries[slot].reminderInstants where instant > nowValue { reminders.append(instant) }
            }
        }
        var groups: [(group: TaskGroup, ids: [TaskID])] = []
        var numbered: [TaskID] = []
        for (index, group) in TaskGroup.allCases.enumerated() where !buckets[index].isEmpty {
            var list = buckets[index]
            list.sort { a, b in
                if a.primary != b.primary { return a.primary < b.primary }
                if a.secondary != b.secondary { return a.secondary < b.secondary }
                return entries[Int(a.slot)].task.id < entries[Int(b.slot)].task.id
            }
            if group == .done, list.count > TaskBoard.doneLimit { list.removeLast(list.count - TaskBoard.doneLimit) }
            let ids = list.map { entries[Int($0.slot)].task.id }
            groups.append((group, ids))
            numbered.append(contentsOf: ids)
        }
        return BoardOrder(groups: groups, numbered: numbered, upcomingReminders: reminders.sorted())
    }
}
