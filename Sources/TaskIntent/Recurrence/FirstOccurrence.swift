import Foundation
import TodoCore

/// Where a newly said repeat starts: its first occurrence on or after the start day (today unless
/// "starting ..." says otherwise), later than now when the start is today and the rule has a time.
/// The stepping itself is TodoCore's recurrence engine.
enum FirstOccurrence {
    static func of(
        _ rule: RecurrenceRule, from start: LocalDate, time: LocalTime?, notBefore now: LocalDateTime, zone: TimeZone
    ) -> LocalDateTime? {
        let t = time ?? LocalTime(hour: 0, minute: 0)
        let unconstrained = rule.byDay.isEmpty && rule.byMonthDay.isEmpty && rule.byMonth.isEmpty
        let startAt = LocalDateTime(date: start, time: t)
        if unconstrained {
            if time == nil || startAt > now || start > now.date { return startAt }
            return rule.occurrence(after: startAt, in: zone)
        }
        // Is the start day itself an occurrence? Ask with interval 1 so period alignment cannot skip it.
        var probe = rule
        probe.interval = 1
        probe.count = nil
        probe.until = nil
        var cursor = LocalDateTime(date: start.adding(days: -1), time: LocalTime(hour: 23, minute: 59))
        for _ in 0..<24 {
            guard let d = probe.occurrence(after: cursor, in: zone), d.date == start else { break }
            let candidate = time == nil && rule.byHour.isEmpty ? LocalDateTime(date: start, time: t) : d
            if time == nil && rule.byHour.isEmpty || candidate > now { return candidate }
            cursor = d
        }
        let after = LocalDateTime(date: start, time: LocalTime(hour: 23, minute: 59))
        guard let next = rule.occurrence(after: after, in: zone) else { return nil }
        return time == nil && rule.byHour.isEmpty ? LocalDateTime(date: next.date, time: t) : next
    }
}
