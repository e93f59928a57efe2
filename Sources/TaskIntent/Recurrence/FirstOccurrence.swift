import Foundation
import TodoCore

/// Where a newly said repeat starts: its first occurrence on or after the start day (today unless
/// "starting ..." says otherwise) that is not already past: a timed one later than now, a whole-day one
/// today or later. The series is anchored there, so "every 2 weeks on monday" said on a Friday starts on
/// the coming Monday. The stepping itself is TodoCore's recurrence engine.
enum FirstOccurrence {
    private struct Question: Equatable, Sendable {
        var rule: RecurrenceRule
        var start: LocalDate
        var time: LocalTime?
        var now: LocalDateTime
        var zone: TimeZone
        /// `zone.identifier`, which stands for the zone: comparing two `TimeZone`s costs more than the rest.
        var zoneName: String

        static func == (a: Question, b: Question) -> Bool {
            a.start == b.start && a.time == b.time && a.now == b.now && a.zoneName == b.zoneName && a.rule == b.rule
        }
    }

    /// Stepping through the rule costs more than the rest of the parse; the answer stays the same while the words
    /// around the repeat are typed.
    private static let last = LastAnswer<Question, LocalDateTime?>()

    static func of(
        _ rule: RecurrenceRule, from start: LocalDate, time: LocalTime?, notBefore now: LocalDateTime, zone: TimeZone,
        zoneName: String
    ) -> LocalDateTime? {
        last.answer(Question(rule: rule, start: start, time: time, now: now, zone: zone, zoneName: zoneName)) {
            search($0.rule, from: $0.start, time: $0.time, notBefore: $0.now, zone: $0.zone)
        }
    }

    private static func search(
        _ rule: RecurrenceRule, from start: LocalDate, time: LocalTime?, notBefore now: LocalDateTime, zone: TimeZone
    ) -> LocalDateTime? {
        let timed = time != nil || !rule.byHour.isEmpty
        let t = time ?? LocalTime(hour: 0, minute: 0)
        let unconstrained = rule.byDay.isEmpty && rule.byMonthDay.isEmpty && rule.byMonth.isEmpty
        func acceptable(_ c: LocalDateTime) -> Bool { timed ? c > now : c.date >= now.date }
        // A rule with no BYxxx day starts on the start day itself and steps by its interval from there; one with
        // BYxxx days is searched day by day (interval 1), so period alignment cannot skip its first matching day.
        var probe = rule.withoutBounds
        if !unconstrained { probe.interval = 1 }
        var cursor: LocalDateTime
        if unconstrained {
            cursor = LocalDateTime(date: start, time: t)
            if acceptable(cursor) { return within(rule, cursor) }
        } else {
            cursor = LocalDateTime(date: start.adding(days: -1), time: LocalTime(hour: 23, minute: 59))
        }
        var first: LocalDateTime?
        for _ in 0..<5_000 {
            guard let d = probe.occurrence(after: cursor, in: zone) else { break }
            let candidate = timed ? d : LocalDateTime(date: d.date, time: t)
            if acceptable(candidate) {
                first = candidate
                break
            }
            cursor = d
        }
        guard let first else { return nil }
        return within(rule, first)
    }

    private static func within(_ rule: RecurrenceRule, _ first: LocalDateTime) -> LocalDateTime? {
        if let until = rule.until, case .date(let last) = until, first.date > last { return nil }
        return first
    }
}

extension RecurrenceRule {
    /// The same rule without COUNT and UNTIL, for finding where a series starts.
    fileprivate var withoutBounds: RecurrenceRule {
        var r = self
        r.count = nil
        r.until = nil
        return r
    }
}
