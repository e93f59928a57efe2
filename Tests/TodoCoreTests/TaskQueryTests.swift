import Foundation
import Testing

@testable import TodoCore

struct TaskQueryTests {
    /// A small board around Wed 25 Nov 2026 10:00 Berlin (week Mon 23 – Sun 29 Nov).
    static let board: [Task] = [
        Fixture.task("a", "pay rent", due: "2026-11-24", priority: .urgent, tags: ["home"], created: 1),
        Fixture.task("b", "call mum", due: "2026-11-25T09:00", priority: .low, created: 2),
        Fixture.task("c", "buy milk", due: "2026-11-25T18:00", tags: ["Shopping"], created: 3),
        Fixture.task("d", "review PR", due: "2026-11-25", priority: .high, tags: ["work"], assignee: "ana", created: 4),
        Fixture.task("e", "dentist", due: "2026-11-26T08:30", priority: .medium, created: 5),
        Fixture.task("f", "plan trip", due: "2026-11-29", tags: ["home", "travel"], created: 6),
        Fixture.task("g", "tax return", due: "2026-12-02", priority: .high, tags: ["work", "home"], created: 7),
        Fixture.task("h", "learn Café français", priority: .medium, created: 8),
        Fixture.task("i", "old report", due: "2026-11-20", status: .completed, created: 9, updated: 100),
        Fixture.task("j", "gone", due: "2026-11-25", status: .deleted, created: 10),
        Fixture.task("k", "read book", tags: ["home"], created: 11),
    ]

    static func ids(_ query: TaskQuery) -> String {
        query.evaluate(board, now: Fixture.now, zone: Fixture.berlin).map(\.id.rawValue).joined()
    }

    static let cases: [(String, TaskQuery, String)] = [
        ("default lists open tasks by due, undated last, oldest first", TaskQuery(), "adbcefghk"),
        ("overdue: whole day before today, timed before now", TaskQuery(due: .overdue), "ab"),
        ("today", TaskQuery(due: .today), "dbc"),
        ("tomorrow", TaskQuery(due: .tomorrow), "e"),
        ("this week runs Monday to Sunday", TaskQuery(due: .thisWeek), "adbcef"),
        ("next week", TaskQuery(due: .nextWeek), "g"),
        ("next 1 days", TaskQuery(due: .nextDays(1)), "dbce"),
        ("range inclusive", TaskQuery(due: .range(Fixture.date("2026-11-26"), Fixture.date("2026-11-29"))), "ef"),
        ("no date", TaskQuery(due: .noDate), "hk"),
        ("before a day", TaskQuery(due: .before(Fixture.date("2026-11-25"))), "a"),
        ("priority at least high", TaskQuery(priority: .atLeast(.high)), "adg"),
        ("priority equal medium", TaskQuery(priority: .equal(.medium)), "eh"),
        ("tags all-of, case and # ignored", TaskQuery(tags: ["#HOME", "work"]), "g"),
        ("tag case-insensitive", TaskQuery(tags: ["shopping"]), "c"),
        ("assignee with @", TaskQuery(assignee: "@Ana"), "d"),
        ("text: every word, any case", TaskQuery(text: "PAY rent"), "a"),
        ("text: accents ignored", TaskQuery(text: "cafe"), "h"),
        ("text: matches tags too", TaskQuery(text: "travel"), "f"),
        ("completed only", TaskQuery(status: .completed), "i"),
        (
            "any status hides deleted",
            TaskQuery(status: .any, due: .range(Fixture.date("2026-11-20"), Fixture.date("2026-11-25"))), "iadbc"
        ),
        ("sort by priority, most urgent first", TaskQuery(sort: .init(.priority), limit: 4), "adge"),
        ("sort by priority ascending", TaskQuery(due: .thisWeek, sort: .init(.priority, .ascending)), "cfbeda"),
        ("sort by title", TaskQuery(sort: .init(.title)), "cbehafkdg"),
        ("sort by created, newest first", TaskQuery(sort: .init(.created), limit: 3), "khg"),
        ("due descending keeps undated last", TaskQuery(sort: .init(.due, .descending), limit: 11), "gfecbdahk"),
        ("limit", TaskQuery(limit: 2), "ad"),
        ("limit zero", TaskQuery(limit: 0), ""),
    ]

    @Test(arguments: cases)
    func evaluates(_ name: String, _ query: TaskQuery, _ expected: String) {
        #expect(Self.ids(query) == expected, "\(name)")
    }

    @Test func timedDueIsPlacedOnTheViewersCalendar() {
        // 23:30 in New York on the 25th is already the 26th in Berlin.
        let task = Task(
            id: TaskID("x"), title: "x", due: Fixture.due("2026-11-25T23:30", zone: "America/New_York"),
            createdAt: Fixture.now)
        #expect(TaskQuery(due: .tomorrow).matches(task, now: Fixture.now, zone: Fixture.berlin))
        #expect(TaskQuery(due: .today).matches(task, now: Fixture.now, zone: Fixture.newYork))
    }
}

struct LivePaneTests {
    @Test func groupsEveryTaskOnceInDisplayOrder() {
        let sections = LivePane.sections(of: TaskQueryTests.board, now: Fixture.now, zone: Fixture.berlin)
        let summary = sections.map { "\($0.group.rawValue):" + $0.tasks.map(\.id.rawValue).joined() }
        #expect(summary == ["overdue:ab", "today:dc", "upcoming:efg", "someday:hk", "done:i"])
    }

    @Test(arguments: [
        ("2026-11-25T09:59", TaskGroup.overdue),
        ("2026-11-25T10:01", .today),
        ("2026-11-24", .overdue),
        ("2026-11-25", .today),
        ("2026-11-26T00:00", .upcoming),
    ])
    func groupAroundNow(_ due: String, _ expected: TaskGroup) {
        let task = Fixture.task("x", due: due)
        #expect(LivePane.group(of: task, now: Fixture.now, zone: Fixture.berlin) == expected)
    }

    @Test func doneIsNewestFirstAndLimited() {
        let done = (0..<5).map { (i: Int) in Fixture.task("t\(i)", status: .completed, updated: i) }
        let sections = LivePane.sections(of: done, now: Fixture.now, zone: Fixture.berlin, doneLimit: 2)
        #expect(sections.last?.tasks.map(\.id.rawValue) == ["t4", "t3"])
        #expect(LivePane.group(of: Fixture.task("z", status: .deleted), now: Fixture.now, zone: Fixture.berlin) == nil)
    }
}
