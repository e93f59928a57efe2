import TodoCore

/// Periods and their edges: "next week" (its Monday), "next month" (its 1st), "this weekend"
/// (Saturday), "end of day/week/month/quarter/year" (the period's last day; a week ends on Sunday),
/// "beginning of next month", "mid next month" (the 15th), "early next week" (Monday), "end of march".
/// Whole-day dues mean "by the end of that day", so "end of day" is today with no clock time.
enum PeriodRules {
    enum Period { case day, week, workweek, month, quarter, year, weekend }

    static func period(_ w: String) -> Period? {
        switch w {
        case "day": .day
        case "week", "wk": .week
        case "workweek": .workweek
        case "month", "mo": .month
        case "quarter", "qtr": .quarter
        case "year", "yr": .year
        case "weekend": .weekend
        default: nil
        }
    }

    static func start(_ p: Period, _ s: Scanner, offset: Int) -> LocalDate {
        let t = s.today
        switch p {
        case .day: return t.adding(days: offset)
        case .week, .workweek: return s.mondayOfWeek(offset)
        case .weekend: return s.mondayOfWeek(offset).adding(days: 5)
        case .month: return LocalDate(year: t.year, month: t.month, day: 1).adding(months: offset)
        case .quarter:
            return LocalDate(year: t.year, month: (t.month - 1) / 3 * 3 + 1, day: 1).adding(months: 3 * offset)
        case .year: return LocalDate(year: t.year + offset, month: 1, day: 1)
        }
    }

    static func end(_ p: Period, _ s: Scanner, offset: Int) -> LocalDate {
        switch p {
        case .day: return s.today.adding(days: offset)
        case .week, .weekend: return s.mondayOfWeek(offset).adding(days: 6)
        case .workweek: return s.mondayOfWeek(offset).adding(days: 4)
        case .month: return start(.month, s, offset: offset + 1).adding(days: -1)
        case .quarter: return start(.quarter, s, offset: offset + 1).adding(days: -1)
        case .year: return LocalDate(year: s.today.year + offset, month: 12, day: 31)
        }
    }

    /// Reads "this|next|last|the|the following" before a period word; returns (offset, tokens).
    static func modifier(_ s: Scanner, _ i: Int) -> (Int, Int) {
        if s.isWord(i, "the"), s.isWord(i + 1, ["next", "following"]) { return (1, 2) }
        if s.isWord(i, "the"), s.isWord(i + 1, "last") { return (-1, 2) }
        if s.isWord(i, ["this", "the", "current"]) { return (0, 1) }
        if s.isWord(i, ["next", "following", "coming"]) { return (1, 1) }
        if s.isWord(i, ["last", "previous"]) { return (-1, 1) }
        return (0, 0)
    }

    /// next week, next month, next year, next quarter, this week, this weekend, weekend, next weekend
    static func relativePeriod(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        let (offset, mn) = modifier(s, i)
        guard mn > 0 || s.isWord(i, "weekend") && connected else { return nil }
        if s.isWord(i, "the"), mn == 1, !s.isWord(i + 1, "weekend") { return nil }
        guard let w = s.word(i + mn), let p = period(w), p != .day else { return nil }
        if s.isWord(i + mn + 1, ["of", "after"]) { return nil }
        let date: LocalDate
        var rule = "this|next <period>"
        switch (p, offset) {
        case (.weekend, _): date = start(.weekend, s, offset: offset)
        case (_, 0):
            date = end(p, s, offset: 0)  // "this week": by the end of it
            rule = "this <period> (its last day)"
        default: date = start(p, s, offset: offset)
        }
        return Match(length: mn + 1, piece: .temporal(Temporal(date: date)), kind: .date, rule: rule)
    }

    /// end|beginning|start|middle|mid|early|late [of] [the] [this|next] <period|month>
    static func periodEdge(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        if s.isWord(j, ["at", "by"]), s.isWord(j + 1, "the") { j += 2 } else if s.isWord(j, "the") { j += 1 }
        guard let edge = s.word(j) else { return nil }
        let kind: Int  // -1 start, 0 middle, 1 end
        switch edge {
        case "end", "close": kind = 1
        case "beginning", "start": kind = -1
        case "middle", "mid": kind = 0
        case "early": kind = -1
        case "late": kind = 1
        default: return nil
        }
        j += 1
        if s.isPunct(j, "-"), s.glued(j) { j += 1 }
        let ofSaid = s.isWord(j, "of")
        if ofSaid { j += 1 }
        if edge == "early" || edge == "late" || edge == "mid", ofSaid { return nil }
        if edge == "end" || edge == "beginning" || edge == "start" || edge == "middle" || edge == "close", !ofSaid {
            // "end of", but also Taskwarrior-ish "end month" is not English; require "of".
            return nil
        }
        let (offset, mn) = modifier(s, j)
        j += mn
        if let (month, n) = s.month(j) {
            var year = s.today.year
            var k = j + n
            if let (y, yn) = s.year(k) {
                year = y
                k += yn
            } else if month < s.today.month {
                year += 1
            }
            let first = LocalDate(year: year, month: month, day: 1)
            let day = kind == -1 ? 1 : kind == 0 ? 15 : LocalDate.daysIn(month: month, year: year)
            let d = LocalDate(year: first.year, month: month, day: day)
            return Match(length: k - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "\(edge) of <month>")
        }
        guard let w = s.word(j), let p = period(w) else {
            if edge == "end", s.isWord(j, ["business", "work", "working"]), s.isWord(j + 1, "day") {
                return Match(
                    length: j + 2 - i,
                    piece: .temporal(Temporal(date: s.today, time: LocalTime(hour: 17, minute: 0))),
                    kind: .date, rule: "end of business day (17:00)")
            }
            return nil
        }
        j += 1
        let date: LocalDate
        switch kind {
        case -1: date = start(p, s, offset: offset)
        case 1: date = end(p, s, offset: offset)
        default:
            let a = start(p, s, offset: offset)
            let b = end(p, s, offset: offset)
            date = LocalDate(dayNumber: (a.dayNumber + b.dayNumber) / 2)
        }
        return Match(length: j - i, piece: .temporal(Temporal(date: date)), kind: .date, rule: "\(edge) of <period>")
    }
}
