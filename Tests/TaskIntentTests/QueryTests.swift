import Testing
import TodoCore

/// Commands/QueryRules: list/show/filter/search/sort.
struct QueryTests {
    static func query(_ text: String) -> TaskQuery? {
        if case .query(let q) = Fixture.intent(text) { return q }
        return nil
    }

    static let friday = LocalDate(year: 2026, month: 12, day: 4)

    static let cases: [(String, TaskQuery)] = [
        ("what's due today?", TaskQuery(due: .today)),
        ("what is due today", TaskQuery(due: .today)),
        ("show high priority tasks tagged work", TaskQuery(priority: .atLeast(.high), tags: ["work"])),
        ("overdue", TaskQuery(due: .overdue)),
        ("what's overdue", TaskQuery(due: .overdue)),
        ("list tasks sorted by due date", TaskQuery(sort: .init(.due))),
        ("show tasks sorted by priority", TaskQuery(sort: .init(.priority))),
        ("search milk", TaskQuery(text: "milk")),
        ("find passport", TaskQuery(text: "passport")),
        ("show completed tasks", TaskQuery(status: .completed, sort: .init(.due, .descending))),
        ("what's due tomorrow", TaskQuery(due: .tomorrow)),
        ("what do I have this week", TaskQuery(due: .thisWeek)),
        ("show tasks due next week", TaskQuery(due: .nextWeek)),
        ("show #work", TaskQuery(tags: ["work"])),
        ("list tasks assigned to @sam", TaskQuery(assignee: "sam")),
        ("what's due on friday", TaskQuery(due: .on(friday))),
        ("show tasks with no due date", TaskQuery(due: .noDate)),
        ("show urgent tasks", TaskQuery(priority: .atLeast(.urgent))),
        ("show low priority tasks", TaskQuery(priority: .equal(.low))),
        ("top 5 tasks by priority", TaskQuery(sort: .init(.priority), limit: 5)),
        ("show all tasks", TaskQuery(status: .any)),
        ("list", TaskQuery()),
        ("show p1 tasks", TaskQuery(priority: .atLeast(.urgent))),
        ("what's due in the next 3 days", TaskQuery(due: .nextDays(3))),
        ("show tasks tagged home sorted by title", TaskQuery(tags: ["home"], sort: .init(.title))),
        ("search \"oat milk\"", TaskQuery(text: "oat milk")),
        ("filter #home overdue", TaskQuery(due: .overdue, tags: ["home"])),
        ("show tasks newest first", TaskQuery(sort: .init(.created, .descending))),
        ("what's due before friday", TaskQuery(due: .before(friday))),
        ("agenda", TaskQuery()),
        ("show work tasks", TaskQuery(tags: ["work"])),
        ("what's due today at home", TaskQuery(due: .today, tags: ["home"])),
    ]

    @Test(arguments: cases) func queries(_ text: String, _ expected: TaskQuery) {
        #expect(Self.query(text) == expected)
    }

    @Test func aDateAloneAsksWhatIsDueThen() {
        #expect(Self.query("tomorrow") == TaskQuery(due: .on(LocalDate(year: 2026, month: 11, day: 28))))
        #expect(Self.query("next friday") == TaskQuery(due: .on(Self.friday)))
        // and the line's preview still knows the date it named
        #expect(Fixture.parse("next friday").draft?.due?.localString == "2026-12-04")
    }
}
