import Foundation
import TaskIntent
import TodoCore

/// All tables resolve against fixed moments, as Duckling's corpus does. The default is
/// Friday 27 November 2026, 10:00 in Berlin: this week runs Mon 23 - Sun 29 Nov, next week Mon 30 Nov - Sun 6 Dec,
/// 1 Dec 2026 is a Tuesday, 1 Jan 2027 a Friday.
enum Fixture {
    static let reference = "2026-11-27T10:00"

    static func context(
        _ reference: String = Fixture.reference, zone: String = "Europe/Berlin",
        tasks: [ParseContext.VisibleTask] = [], last: TaskID? = nil
    ) -> ParseContext {
        ParseContext(
            reference: LocalDateTime(iso: reference)!, timeZone: TimeZone(identifier: zone)!, visibleTasks: tasks,
            lastTask: last, knownTags: ["work", "home"])
    }

    static func parse(_ text: String, _ reference: String = Fixture.reference, zone: String = "Europe/Berlin")
        -> ParseResult
    {
        TaskIntentParser.parse(text, context: context(reference, zone: zone))
    }

    /// The task a line describes: the added draft, or what a title-less line spelled out.
    static func draft(_ text: String, _ reference: String = Fixture.reference, zone: String = "Europe/Berlin")
        -> TaskDraft?
    {
        let r = parse(text, reference, zone: zone)
        if case .add(let d) = r.intent { return d }
        return r.draft
    }

    static func due(_ text: String, _ reference: String = Fixture.reference, zone: String = "Europe/Berlin") -> String?
    {
        draft(text, reference, zone: zone)?.due?.localString
    }

    static func rrule(_ text: String, _ reference: String = Fixture.reference) -> String? {
        draft(text, reference)?.recurrence?.rrule
    }

    static func title(_ text: String) -> String? {
        if case .add(let d) = parse(text).intent { return d.title }
        return nil
    }

    static let tasks: [ParseContext.VisibleTask] = [
        .init(number: 1, id: TaskID("a1b2c3d4-0000-4000-8000-000000000001"), title: "Buy milk", tags: ["home"]),
        .init(
            number: 2, id: TaskID("b2c3d4e5-0000-4000-8000-000000000002"), title: "Call the dentist",
            due: Due(
                date: LocalDate(year: 2026, month: 12, day: 1), time: LocalTime(hour: 9, minute: 0),
                timeZone: "Europe/Berlin")),
        .init(number: 3, id: TaskID("c3d4e5f6-0000-4000-8000-000000000003"), title: "File taxes", tags: ["work"]),
        .init(number: 4, id: TaskID("d4e5f6a7-0000-4000-8000-000000000004"), title: "Buy oat milk", tags: ["home"]),
        .init(
            number: 5, id: TaskID("e5f6a7b8-0000-4000-8000-000000000005"), title: "Renew passport",
            due: Due(date: LocalDate(year: 2026, month: 11, day: 30), timeZone: "Europe/Berlin")),
        .init(
            number: 6, id: TaskID("f6a7b8c9-0000-4000-8000-000000000006"), title: "Team offsite planning",
            tags: ["work"]),
    ]

    static func id(_ n: Int) -> TaskID { tasks[n - 1].id }

    static func intent(_ text: String, last: Int? = nil) -> Intent {
        TaskIntentParser.parse(text, context: context(tasks: tasks, last: last.map(id))).intent
    }
}
