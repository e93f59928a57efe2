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
        if s.isWord(i, "this"), s.isWord(i + 1, ["coming", "upcoming"]) { return (0, 2) }
        if s.isWord(i, "the"), s.isWord(i + 1, ["next", "following"]) { return (1, 2) }
        if s.isWord(i, "the"), s.isWord(i + 1, "last") { return (-1, 2) }
        if s.isWord(i, ["this", "the", "current"]) { return (0, 1) }
        if s.isWord(i, ["next", "following", "coming"]) { return (1, 1) }
        if s.isWord(i, ["last", "previous"]) { return (-1, 1) }
        return (0, 0)
    }

    /// "next business day", "next working day", "next weekday": the next Monday-to-Friday day after today.
    static func nextWorkday(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard s.isWord(i, ["next", "following"]) else { return nil }
        var j = i + 1
        if s.isWord(j, ["business", "working", "work"]), s.isWord(j + 1, "day") {
            j += 2
        } else if s.isWord(j, ["weekday", "workday"]) {
            j += 1
        } else {
            return nil
        }
        var d = s.today.adding(days: 1)
        while d.isoWeekday > 5 { d = d.adding(days: 1) }
        return Match(length: j - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "next business day")
    }

    /// next week, next month, next year, next quarter, this week, this weekend, weekend, next weekend
    static func relativePeriod(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        let (offset, mn) = modifier(s, i)
        guard mn > 0 || s.isWord(i, "weekend") && connected else { return nil }
        if s.isWord(i, "the"), mn == 1, !s.isWord(i + 1, "weekend"),
            !(s.isWord(i + 2, "after") && s.isWord(i + 3, "next"))
        {
            return nil
        }
        guard let w = s.word(i + mn), let p = period(w), p != .day else { return nil }
        // "the week after next", "the weekend after next"
        if s.isWord(i + mn + 1, "after"), s.isWord(i + mn + 2, "next"), offset == 0 {
            let d = p == .weekend ? start(.weekend, s, offset: 1) : start(p, s, offset: 2)
            return Match(length: mn + 3, piece: .temporal(Temporal(date: d)), kind: .date, rule: "<period> after next")
        }
        if s.isWord(i + mn + 1, ["of", "after"]) { return nil }
        // "next week friday", "this week on thursday"
        if p == .week, offset >= 0 {
            var k = i + mn + 1
            if s.isWord(k, "on") { k += 1 }
            if let (wd, wn) = s.weekday(k) {
                let d = start(.week, s, offset: offset).adding(days: wd - 1)
                return Match(
                    length: k + wn - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "next week <weekday>")
            }
        }
        // "next month on the 5th"
        if p == .month, s.isWord(i + mn + 1, "on"), s.isWord(i + mn + 2, "the"),
            let (day, dn) = s.dayOrdinal(i + mn + 3, plain: true)
        {
            let first = start(.month, s, offset: offset)
            if let d = LocalDate.valid(year: first.year, month: first.month, day: day) {
                return Match(
                    length: mn + 3 + dn, piece: .temporal(Temporal(date: d)), kind: .date,
                    rule: "next month on the <nth>")
            }
        }
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
        var named: Period?  // "midweek", "midmonth": the period is in the word
        switch edge {
        case "midweek": (kind, named) = (0, .week)
        case "midmonth": (kind, named) = (0, .month)
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
        let (saidOffset, mn) = modifier(s, j)
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
            return Match(
                length: k - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "end|beginning|middle of <month>"
            )
        }
        if let named {
            j -= mn  // "midweek next week" is rare; "midweek" reads this week's or next week's Wednesday
            let thisOne = start(named, s, offset: 0).adding(days: named == .week ? 2 : 14)
            let d = thisOne >= s.today ? thisOne : start(named, s, offset: 1).adding(days: named == .week ? 2 : 14)
            return Match(length: j - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "midweek|midmonth")
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
        if p == .day, mn <= 1, saidOffset == 0, let (d, dn) = Registry.anchorDate(s, j) {
            return Match(length: j + dn - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "end of day <day>")
        }
        // "the beginning of the month" said late in the month means the next one; "this" keeps it
        var offset = saidOffset
        let explicitThis = mn > 0 && s.isWord(j - 2, ["this", "current"])
        if !explicitThis, mn <= 1, p != .day, kind != 1, start(p, s, offset: offset) < s.today, kind == -1 {
            offset += 1
        } else if !explicitThis, mn <= 1, p == .month, kind == 0, start(p, s, offset: offset).adding(days: 14) < s.today
        {
            offset += 1
        } else if !explicitThis, mn <= 1, p == .week, kind == 0, start(p, s, offset: offset).adding(days: 2) < s.today {
            offset += 1  // "mid-week" said on a Friday is next Wednesday
        }
        let date: LocalDate
        switch kind {
        case -1: date = start(p, s, offset: offset)
        case 1: date = end(p, s, offset: offset)
        default:
            // the middle: the 15th of a month, Wednesday of a week, 1 July, halfway through a quarter
            let a = start(p, s, offset: offset)
            switch p {
            case .month: date = a.adding(days: 14)
            case .week, .workweek: date = a.adding(days: 2)
            case .year: date = LocalDate(year: a.year, month: 7, day: 1)
            case .quarter: date = a.adding(months: 1).adding(days: 14)
            case .day, .weekend: date = a
            }
        }
        return Match(
            length: j - i, piece: .temporal(Temporal(date: date)), kind: .date, rule: "end|beginning|middle of <period>"
        )
    }
}
