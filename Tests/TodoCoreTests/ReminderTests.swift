import Foundation
import Testing

@testable import TodoCore

struct ReminderTests {
    /// (trigger, due or nil, expected fire time as UTC wall time or "none").
    static let resolutions: [(Reminder.Trigger, Due?, String)] = [
        (
            .absolute(Fixture.dateTime("2026-11-25T17:00")), Fixture.due("2026-11-26", zone: "America/New_York"),
            "2026-11-25T22:00"
        ),
        (.absolute(Fixture.dateTime("2026-11-25T17:00")), nil, "2026-11-25T16:00"),
        (.beforeDue(minutes: 30), Fixture.due("2026-11-26T09:00"), "2026-11-26T07:30"),
        (.beforeDue(minutes: 0), Fixture.due("2026-11-26T09:00"), "2026-11-26T08:00"),
        (.beforeDue(minutes: 1440), Fixture.due("2026-11-26T09:00"), "2026-11-25T08:00"),
        // A whole-day task counts back from 09:00.
        (.beforeDue(minutes: 60), Fixture.due("2026-11-26"), "2026-11-26T07:00"),
        (.beforeDue(minutes: 30), nil, "none"),
        // An hour before 03:30 on the morning Berlin springs forward is 01:30 standard time.
        (.beforeDue(minutes: 60), Fixture.due("2026-03-29T03:30"), "2026-03-29T00:30"),
        // An absolute reminder inside the DST gap fires at the later wall time.
        (.absolute(Fixture.dateTime("2026-03-29T02:30")), Fixture.due("2026-03-30"), "2026-03-29T01:30"),
    ]

    @Test(arguments: resolutions)
    func resolvesToAnInstant(_ trigger: Reminder.Trigger, _ due: Due?, _ expected: String) {
        let fire = Reminder(id: "r", trigger: trigger).fireTime(due: due, zone: Fixture.berlin)
        #expect((fire.map { LocalDateTime($0, in: Fixture.utc).description } ?? "none") == expected)
    }

    @Test(arguments: [(0.0, 10, "2026-11-25T10:10"), (20.0, 10, "2026-11-25T10:11"), (0.0, 90, "2026-11-25T11:30")])
    func snoozeRoundsUpToTheMinute(_ seconds: Double, _ minutes: Int, _ expected: String) {
        let now = Fixture.now.addingTimeInterval(seconds)
        let snooze = Reminder.snooze(task: TaskID("t1"), now: now, minutes: minutes, zone: Fixture.berlin)
        #expect(snooze.trigger == .absolute(Fixture.dateTime(expected)))
        #expect(snooze.id == "snooze-t1")
        #expect(snooze.fireTime(due: nil, zone: Fixture.berlin)! >= now.addingTimeInterval(Double(minutes) * 60))
    }

    @Test func shiftingMovesOnlyAbsoluteReminders() {
        let absolute = Reminder(id: "a", trigger: .absolute(Fixture.dateTime("2026-11-30T17:00")))
        let relative = Reminder(id: "b", trigger: .beforeDue(minutes: 15))
        #expect(absolute.shifted(byDays: 3).trigger == .absolute(Fixture.dateTime("2026-12-03T17:00")))
        #expect(relative.shifted(byDays: 3) == relative)
    }

    @Test func pendingAndNextReminder() {
        var a = Fixture.task("a", due: "2026-11-25T12:00")
        a.reminders = [
            Reminder(id: "late", trigger: .beforeDue(minutes: 5)),
            Reminder(id: "past", trigger: .absolute(Fixture.dateTime("2026-11-25T09:00"))),
            Reminder(id: "early", trigger: .beforeDue(minutes: 60)),
        ]
        var b = Fixture.task("b", due: "2026-11-25T10:30")
        b.reminders = [Reminder(id: "b1", trigger: .beforeDue(minutes: 0))]
        var done = b
        done.id = TaskID("c")
        done.status = .completed
        done.reminders = [Reminder(id: "c1", trigger: .beforeDue(minutes: 25))]
        #expect(a.pendingReminders(now: Fixture.now, zone: Fixture.berlin).map(\.reminder.id) == ["early", "late"])
        #expect(done.pendingReminders(now: Fixture.now, zone: Fixture.berlin).isEmpty)
        let next = [a, b, done].nextReminder(now: Fixture.now, zone: Fixture.berlin)
        #expect(next?.reminder.id == "b1")
        #expect(next?.fireAt == Fixture.instant("2026-11-25T10:30"))
    }
}
