import Foundation

/// What list/show/filter/search/sort asks for. Every part is optional; the default lists open tasks by due date.
///
///     // "show high priority tasks tagged work due this week"
///     TaskQuery(due: .thisWeek, priority: .atLeast(.high), tags: ["work"])
public struct TaskQuery: Hashable, Sendable {
    public enum StatusFilter: String, Hashable, Sendable, CaseIterable {
        case open, completed, deleted
        /// Open and completed (deleted tasks stay hidden).
        case any
    }

    /// Windows are calendar days in the viewer's zone; weeks run Monday to Sunday (ISO 8601).
    public enum DueWindow: Hashable, Sendable {
        /// Due before now (a whole-day task is overdue from the day after).
        case overdue
        case today
        case tomorrow
        /// Monday to Sunday of the current week.
        case thisWeek
        case nextWeek
        /// From today through the given number of days ahead ("in the next 3 days").
        case nextDays(Int)
        /// Inclusive on both ends.
        case range(LocalDate, LocalDate)
        case on(LocalDate)
        case before(LocalDate)
        case after(LocalDate)
        case noDate
        case anyDate
    }

    public enum PriorityFilter: Hashable, Sendable {
        case atLeast(Priority)
        case equal(Priority)
        case atMost(Priority)
    }

    public enum SortKey: String, Hashable, Sendable, CaseIterable {
        case due, priority, created, title

        /// What people mean without a direction: soonest due, most urgent, newest, A to Z.
        public var naturalDirection: SortDirection {
            switch self {
            case .due, .title: .ascending
            case .priority, .created: .descending
            }
        }
    }

    public enum SortDirection: String, Hashable, Sendable {
        case ascending, descending
    }

    public struct Sort: Hashable, Sendable {
        public var key: SortKey
        public var direction: SortDirection

        public init(_ key: SortKey, _ direction: SortDirection? = nil) {
            self.key = key
            self.direction = direction ?? key.naturalDirection
        }
    }

    public var status: StatusFilter
    public var due: DueWindow?
    public var priority: PriorityFilter?
    /// The task must carry all of these (compared without case and without a leading `#`).
    public var tags: [String]
    public var assignee: String?
    /// Every word must occur (case- and accent-insensitively) in the title, description, tags or comments.
    public var text: String?
    public var sort: Sort
    public var limit: Int?

    public init(
        status: StatusFilter = .open, due: DueWindow? = nil, priority: PriorityFilter? = nil, tags: [String] = [],
        assignee: String? = nil, text: String? = nil, sort: Sort = Sort(.due), limit: Int? = nil
    ) {
        self.status = status
        self.due = due
        self.priority = priority
        self.tags = tags
        self.assignee = assignee
        self.text = text
        self.sort = sort
        self.limit = limit
    }

    /// The matching tasks, sorted and limited. Ties fall back to due, then creation, then id, so the order is stable.
    public func evaluate(_ tasks: some Sequence<Task>, now: Date, zone: TimeZone) -> [Task] {
        let clock = ViewerClock(now: now, zone: zone)
        var matching = TaskOrdering.sorted(tasks.filter { matches($0, clock: clock) }, by: sort)
        if let limit, limit >= 0, matching.count > limit { matching.removeLast(matching.count - limit) }
        return matching
    }

    public func matches(_ task: Task, now: Date, zone: TimeZone) -> Bool {
        matches(task, clock: ViewerClock(now: now, zone: zone))
    }

    func matches(_ task: Task, clock: ViewerClock) -> Bool {
        switch status {
        case .any: if task.status == .deleted { return false }
        case .open: if task.status != .open { return false }
        case .completed: if task.status != .completed { return false }
        case .deleted: if task.status != .deleted { return false }
        }
        if let due, !Self.matches(task.due, window: due, clock: clock) { return false }
        if let priority {
            switch priority {
            case .atLeast(let p): if task.priority < p { return false }
            case .equal(let p): if task.priority != p { return false }
            case .atMost(let p): if task.priority > p { return false }
            }
        }
        if !tags.isEmpty {
            if task.tags.count < tags.count { return false }
            let own = task.tags.map(Tag.normalized)
            if !tags.allSatisfy({ own.contains(Tag.normalized($0)) }) { return false }
        }
        if let assignee, Tag.normalizedPerson(task.assignee ?? "") != Tag.normalizedPerson(assignee) { return false }
        if let text, !Self.matches(task, words: text) { return false }
        return true
    }

    static func matches(_ due: Due?, window: DueWindow, clock: ViewerClock) -> Bool {
        if case .noDate = window { return due == nil }
        guard let due else { return false }
        if case .overdue = window { return clock.isOverdue(due) }
        let day = clock.localDate(of: due)
        switch window {
        case .overdue, .noDate: return false
        case .anyDate: return true
        case .today: return day == clock.today
        case .tomorrow: return day == clock.today.adding(days: 1)
        case .thisWeek: return day >= clock.weekStart && day <= clock.weekStart.adding(days: 6)
        case .nextWeek: return day >= clock.weekStart.adding(days: 7) && day <= clock.weekStart.adding(days: 13)
        case .nextDays(let n): return day >= clock.today && day <= clock.today.adding(days: max(n, 0))
        case .range(let from, let to): return day >= from && day <= to
        case .on(let date): return day == date
        case .before(let date): return day < date
        case .after(let date): return day > date
        }
    }

    static func matches(_ task: Task, words: String) -> Bool {
        let haystack = ([task.title, task.description] + task.tags + task.comments.map(\.text)).joined(separator: "\n")
        return words.split(whereSeparator: \.isWhitespace).allSatisfy {
            haystack.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
    }
}

/// Tags and people compare without case and without their `#`/`@` sigil.
enum Tag {
    static func normalized(_ tag: String) -> String {
        (tag.hasPrefix("#") ? String(tag.dropFirst()) : tag).lowercased()
    }

    static func normalizedPerson(_ name: String) -> String {
        (name.hasPrefix("@") ? String(name.dropFirst()) : name).lowercased()
    }
}

/// "Now" as the viewer sees it: the instant plus the calendar day and week in the viewer's zone.
struct ViewerClock {
    let now: Date
    let zone: TimeZone
    let today: LocalDate
    let weekStart: LocalDate

    init(now: Date, zone: TimeZone) {
        self.now = now
        self.zone = zone
        today = LocalDateTime(now, in: zone).date
        weekStart = today.adding(days: 1 - today.isoWeekday)
    }

    /// A whole-day due is a floating day; a timed one is placed on the viewer's calendar (in the viewer's own
    /// zone that is its date: DST moves a time by an hour or two, never to another day).
    func localDate(of due: Due) -> LocalDate {
        if due.time == nil || due.timeZone == zone.identifier { return due.date }
        return LocalDateTime(due.instant(), in: zone).date
    }

    /// Only a due within a day or two of today needs its instant; offsets never exceed ±14 hours.
    func isOverdue(_ due: Due) -> Bool {
        if due.time == nil { return due.date < today }
        let distance = due.date.dayNumber - today.dayNumber
        if distance < -2 { return true }
        if distance > 2 { return false }
        return due.instant() < now
    }
}

/// Sorting computes each task's keys once (a due's instant is not free), then sorts indices by them, so no
/// task is copied while sorting.
enum TaskOrdering {
    private static let tieBreakers: [TaskQuery.SortKey] = [.due, .created]

    static func sorted(_ tasks: [Task], by sort: TaskQuery.Sort) -> [Task] {
        let dues = tasks.map { $0.due.map(dueKey) }
        let order = tasks.indices.sorted { precedes($0, $1, in: tasks, dues: dues, by: sort) }
        return order.map { tasks[$0] }
    }

    /// Tasks without a due date sort after every dated task in both directions, as people expect "someday" last.
    /// Ties fall back to due, then creation (oldest first), then id.
    private static func precedes(_ i: Int, _ j: Int, in tasks: [Task], dues: [Date?], by sort: TaskQuery.Sort) -> Bool {
        if sort.key == .due, (dues[i] == nil) != (dues[j] == nil) { return dues[i] != nil }
        let primary = compare(i, j, in: tasks, dues: dues, key: sort.key)
        if primary != 0 { return sort.direction == .ascending ? primary < 0 : primary > 0 }
        for key in tieBreakers where key != sort.key {
            let c = compare(i, j, in: tasks, dues: dues, key: key)
            if c != 0 { return c < 0 }
        }
        return tasks[i].id < tasks[j].id
    }

    private static func compare(_ i: Int, _ j: Int, in tasks: [Task], dues: [Date?], key: TaskQuery.SortKey) -> Int {
        switch key {
        case .due:
            switch (dues[i], dues[j]) {
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            case (let x?, let y?): return three(x, y)
            }
        case .priority: return three(tasks[i].priority.rank, tasks[j].priority.rank)
        case .created: return three(tasks[i].createdAt, tasks[j].createdAt)
        case .title:
            switch tasks[i].title.compare(tasks[j].title, options: [.caseInsensitive, .diacriticInsensitive, .numeric])
            {
            case .orderedAscending: return -1
            case .orderedDescending: return 1
            case .orderedSame: return 0
            }
        }
    }

    /// A whole-day due sorts at the start of its day, before that day's timed tasks.
    static func dueKey(_ due: Due) -> Date {
        due.time == nil ? LocalDateTime(date: due.date, time: LocalTime(hour: 0)).instant(in: due.zone) : due.instant()
    }

    private static func three<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
}
