import Foundation

/// The recurrence engine: which wall-clock moments a rule yields.
///
/// A series is walked period by period (a day, an ISO week starting Monday, a month or a year, per FREQ), counting
/// INTERVAL periods from the period of the occurrence in hand. Every occurrence lies in an aligned period, so
/// starting from any occurrence keeps "every other week" on the same weeks as its start. Within a period the BYxxx
/// parts expand or limit as RFC 5545 §3.3.10 lays out; days that do not exist (the 31st in April, Feb 29 in 2027,
/// the fifth Friday of a four-Friday month) are skipped, never moved. Times are wall times in the task's zone;
/// turning them into instants (`LocalDateTime.instant(in:)`) moves a time skipped by DST forward.
extension RecurrenceRule {
    /// The first occurrence strictly after `current`, which is an occurrence of the series or its start.
    /// Honours UNTIL; COUNT needs the number of occurrences already passed, see `next(after:now:occurrencesDone:)`.
    /// `nil` when the series has ended or no day can ever match (BYMONTH=2;BYMONTHDAY=30).
    public func occurrence(after current: LocalDateTime, in zone: TimeZone) -> LocalDateTime? {
        let times = timesOfDay(default: current.time)
        for period in 0..<periodLimit {
            let days = self.days(inPeriod: period, anchor: current.date)
            for day in days where day >= current.date {
                for time in times {
                    let candidate = LocalDateTime(date: day, time: time)
                    guard candidate > current else { continue }
                    return isWithinUntil(candidate, zone: zone) ? candidate : nil
                }
            }
            if let first = days.first, !isWithinUntil(LocalDateTime(date: first, time: LocalTime(hour: 0)), zone: zone)
            {
                return nil
            }
        }
        return nil
    }

    /// The series from `start` (which counts as its first occurrence, as DTSTART does), at most `limit` of them,
    /// honouring COUNT and UNTIL.
    public func occurrences(from start: LocalDateTime, in zone: TimeZone, limit: Int) -> [LocalDateTime] {
        var result: [LocalDateTime] = []
        var current: LocalDateTime? = start
        let cap = min(limit, count ?? Int.max)
        while let occurrence = current, result.count < cap {
            result.append(occurrence)
            current = self.occurrence(after: occurrence, in: zone)
        }
        return result
    }

    /// Where a task goes when its current occurrence is done: the first later occurrence that is not already
    /// past at `now` (occurrences missed while the task was overdue are skipped, as Todoist does, and count
    /// towards COUNT). A whole-day due stays a whole day unless the rule names a time.
    /// `nil` when COUNT or UNTIL has ended the series.
    public func next(after due: Due, now: Date, occurrencesDone: Int) -> NextOccurrence? {
        let zone = due.zone
        let keepsTime = due.time != nil || !byHour.isEmpty || !byMinute.isEmpty
        let today = LocalDateTime(now, in: zone).date
        // A whole-day due under a timed rule stands for that day's occurrences, so the next one is on a later day.
        let dayTime = due.time ?? (keepsTime ? timesOfDay(default: LocalTime(hour: 0)).last! : LocalTime(hour: 0))
        var current = LocalDateTime(date: due.date, time: dayTime)
        var done = occurrencesDone + 1
        for _ in 0..<100_000 {
            if let count, done >= count { return nil }
            guard let candidate = occurrence(after: current, in: zone) else { return nil }
            let next = Due(date: candidate.date, time: keepsTime ? candidate.time : nil, timeZone: due.timeZone)
            let isFuture = keepsTime ? next.instant() > now : next.date >= today
            if isFuture { return NextOccurrence(due: next, occurrencesDone: done) }
            done += 1
            current = candidate
        }
        return nil
    }

    /// 400 years of periods: the Gregorian calendar repeats after that, so a combination of days that has not
    /// come up by then (BYMONTH=2;BYMONTHDAY=30) never will, and the search ends instead of running forever.
    private var periodLimit: Int {
        let days: Int
        switch frequency {
        case .daily: days = 1
        case .weekly: days = 7
        case .monthly: days = 30
        case .yearly: days = 365
        }
        return max(146_097 / (days * max(interval, 1)), 1) + 1
    }

    private func timesOfDay(default time: LocalTime) -> [LocalTime] {
        let hours = byHour.isEmpty ? [time.hour] : Array(Set(byHour)).sorted()
        let minutes = byMinute.isEmpty ? [time.minute] : Array(Set(byMinute)).sorted()
        return hours.flatMap { h in minutes.map { LocalTime(hour: h, minute: $0) } }
    }

    private func isWithinUntil(_ candidate: LocalDateTime, zone: TimeZone) -> Bool {
        switch until {
        case nil: true
        case .date(let last): candidate.date <= last
        case .dateTime(let last): candidate <= last
        case .utc(let last): candidate.instant(in: zone) <= last.instant(in: TimeZone(secondsFromGMT: 0)!)
        }
    }

    /// The sorted days of the `period`-th period after the one holding `anchor`.
    func days(inPeriod period: Int, anchor: LocalDate) -> [LocalDate] {
        let step = interval * period
        switch frequency {
        case .daily:
            let day = anchor.adding(days: step)
            return limitsDay(day) ? [day] : []
        case .weekly:
            let weekStart = anchor.adding(days: 1 - anchor.isoWeekday + 7 * step)
            let weekdays = byDay.isEmpty ? [anchor.isoWeekday] : Array(Set(byDay.map(\.weekday))).sorted()
            return weekdays.map { weekStart.adding(days: $0 - 1) }.filter(limitsDay)
        case .monthly:
            let month = LocalDate(year: anchor.year, month: anchor.month, day: 1).adding(months: step)
            guard byMonth.isEmpty || byMonth.contains(month.month) else { return [] }
            return days(inMonth: month.month, of: month.year, defaultDay: anchor.day)
        case .yearly:
            let year = anchor.year + step
            if !byMonth.isEmpty {
                return Array(Set(byMonth)).sorted().flatMap { days(inMonth: $0, of: year, defaultDay: anchor.day) }
            }
            if !byMonthDay.isEmpty {
                // Without BYMONTH, BYDAY ordinals count within the year ("-2FR" is the year's second-last Friday).
                let first = LocalDate(year: year, month: 1, day: 1)
                let length = LocalDate.isLeap(year) ? 366 : 365
                return (1...12).flatMap { month in
                    days(inMonth: month, of: year, defaultDay: anchor.day, filteringByDay: false).filter { day in
                        byDay.isEmpty || byDay.contains { Self.matches($0, day, periodFirst: first, length: length) }
                    }
                }
            }
            if !byDay.isEmpty { return weekdays(inYear: year) }
            return LocalDate.valid(year: year, month: anchor.month, day: anchor.day).map { [$0] } ?? []
        }
    }

    /// DAILY and WEEKLY only narrow: BYMONTH, BYMONTHDAY and (for DAILY) BYDAY's weekdays must all hold.
    private func limitsDay(_ day: LocalDate) -> Bool {
        if !byMonth.isEmpty, !byMonth.contains(day.month) { return false }
        if !byMonthDay.isEmpty, !byMonthDay.contains(where: { Self.resolve($0, in: day) == day.day }) { return false }
        if frequency == .daily, !byDay.isEmpty, !byDay.contains(where: { $0.weekday == day.isoWeekday }) {
            return false
        }
        return true
    }

    private func days(inMonth month: Int, of year: Int, defaultDay: Int, filteringByDay: Bool = true) -> [LocalDate] {
        let length = LocalDate.daysIn(month: month, year: year)
        let first = LocalDate(year: year, month: month, day: 1)
        var days: [LocalDate]
        if !byMonthDay.isEmpty {
            days = Set(byMonthDay.compactMap { Self.resolve($0, in: first) }).sorted().map {
                LocalDate(year: year, month: month, day: $0)
            }
            if filteringByDay, !byDay.isEmpty {
                days = days.filter { day in byDay.contains { Self.matches($0, day, periodFirst: first, length: length) }
                }
            }
        } else if !byDay.isEmpty {
            days = (0..<length).map { first.adding(days: $0) }.filter { day in
                byDay.contains { Self.matches($0, day, periodFirst: first, length: length) }
            }
        } else {
            days = defaultDay <= length ? [LocalDate(year: year, month: month, day: defaultDay)] : []
        }
        return days
    }

    /// BYDAY in a YEARLY rule without BYMONTH: ordinals count within the year ("the 20th Monday").
    private func weekdays(inYear year: Int) -> [LocalDate] {
        let first = LocalDate(year: year, month: 1, day: 1)
        let length = LocalDate.isLeap(year) ? 366 : 365
        return (0..<length).map { first.adding(days: $0) }.filter { day in
            byDay.contains { Self.matches($0, day, periodFirst: first, length: length) }
        }
    }

    /// A BYMONTHDAY value as a day of `day`'s month (-1 is the last day); `nil` when the month is too short.
    private static func resolve(_ monthDay: Int, in day: LocalDate) -> Int? {
        let length = LocalDate.daysIn(month: day.month, year: day.year)
        let resolved = monthDay > 0 ? monthDay : length + 1 + monthDay
        return (1...length).contains(resolved) ? resolved : nil
    }

    /// Whether `day` is the weekday, and if an ordinal is given the n-th (or n-th from last) one, of its period.
    private static func matches(_ entry: WeekdayNum, _ day: LocalDate, periodFirst: LocalDate, length: Int) -> Bool {
        guard day.isoWeekday == entry.weekday else { return false }
        guard let ordinal = entry.ordinal else { return true }
        let offset = day.dayNumber - periodFirst.dayNumber
        return ordinal > 0 ? offset / 7 + 1 == ordinal : (length - 1 - offset) / 7 + 1 == -ordinal
    }
}

/// The occurrence a recurring task rolls to, and how many occurrences of the series are behind it.
public struct NextOccurrence: Hashable, Sendable {
    public var due: Due
    public var occurrencesDone: Int

    public init(due: Due, occurrencesDone: Int) {
        self.due = due
        self.occurrencesDone = occurrencesDone
    }
}
