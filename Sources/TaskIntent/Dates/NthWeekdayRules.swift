import TodoCore

/// "the last friday of the month", "first monday of december", "2nd tuesday of next month",
/// "the last day of the month", "first day of next year", "first week of january" (its first day: the
/// weeks of a month are its days 1-7, 8-14...; "the last week" its last seven days). "of the month" means
/// this month, or next month when this month's one is already past.
enum NthWeekdayRules {
    static func nthOfMonth(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        if s.isWord(j, "the") { j += 1 }
        var ordinal: Int
        if s.isWord(j, "last") {
            ordinal = -1
            j += 1
        } else if let (d, n) = s.dayOrdinal(j, plain: false), (1...5).contains(d) {
            ordinal = d
            j += n
        } else {
            return nil
        }
        var weekday = 0
        var week = false
        var dayOfMonth: Int?
        if s.isWord(j, "of"), ordinal > 0 {
            // "the 1st of next month", "the 15th of this month"
            dayOfMonth = ordinal
            j -= 1
        } else if let t = s.tok(j), t.kind == .word, t.lex.weekday > 0, t.text != "tu", t.text != "th" {
            weekday = t.lex.weekday
        } else if s.isWord(j, ["week", "wk"]), ordinal <= 4 {
            week = true
        } else if s.isWord(j, ["day", "weekday", "workday", "business"]) {
            weekday = s.isWord(j, "day") ? 0 : -1
            if s.isWord(j, "business") {
                guard s.isWord(j + 1, "day") else { return nil }
                j += 1
            }
        } else {
            return nil
        }
        j += 1
        let thisMonth = LocalDate(year: s.today.year, month: s.today.month, day: 1)
        // "the first monday", "2nd tuesday": of this month, or next month once it is past ("the last friday"
        // needs "the": "last friday" alone is the one just gone)
        if !s.isWord(j, ["of", "in"]), weekday > 0, ordinal > 0 || s.isWord(i, "the") {
            for first in [thisMonth, thisMonth.adding(months: 1)] {
                if let d = day(in: first, ordinal: ordinal, weekday: weekday), d >= s.today {
                    return Match(
                        length: j - i, piece: .temporal(Temporal(date: d)), kind: .date,
                        rule: ordinal == -1 ? "the last <weekday>" : "the <nth> <weekday>")
                }
            }
            return nil
        }
        guard s.isWord(j, ["of", "in"]) else { return nil }
        j += 1
        // which month(s): "the month"/"this month" (rolling to next if past), "next month", "<month> [year]", "the year"
        var candidates: [LocalDate] = []  // first days of months to try, in order
        if s.isWord(j, ["the", "this", "each", "every"]), s.isWord(j + 1, "month") {
            candidates = [thisMonth, thisMonth.adding(months: 1)]
            j += 2
        } else if s.isWord(j, "next"), s.isWord(j + 1, "month") {
            candidates = [thisMonth.adding(months: 1)]
            j += 2
        } else if s.isWord(j, ["the", "this", "next"]), s.isWord(j + 1, "year"), weekday == 0, !week,
            ordinal == 1 || ordinal == -1
        {
            let y = s.today.year + (s.isWord(j, "next") ? 1 : 0)
            let d = ordinal == 1 ? LocalDate(year: y, month: 1, day: 1) : LocalDate(year: y, month: 12, day: 31)
            return Match(
                length: j + 2 - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "first|last day of the year")
        } else if let (m, mn) = s.month(j) {
            j += mn
            if let (y, yn) = s.year(j) {
                candidates = [LocalDate(year: y, month: m, day: 1)]
                j += yn
            } else {
                let y = m < s.today.month ? s.today.year + 1 : s.today.year
                candidates = [LocalDate(year: y, month: m, day: 1), LocalDate(year: y + 1, month: m, day: 1)]
            }
        } else {
            return nil
        }
        if let n = dayOfMonth {
            for first in candidates {
                if let d = LocalDate.valid(year: first.year, month: first.month, day: n),
                    d >= s.today || candidates.count == 1
                {
                    return Match(
                        length: j - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "<nth> of <month>")
                }
            }
            return nil
        }
        if week {
            // a week still under way is due today, not on its first day gone by
            for first in candidates {
                let length = LocalDate.daysIn(month: first.month, year: first.year)
                let start = first.adding(days: ordinal == -1 ? length - 7 : 7 * (ordinal - 1))
                let end = start.adding(days: 6)
                if end >= s.today || candidates.count == 1 {
                    let d = start <= s.today && s.today <= end ? s.today : start
                    return Match(
                        length: j - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "<nth> week of <month>")
                }
            }
            return nil
        }
        for first in candidates {
            if let d = day(in: first, ordinal: ordinal, weekday: weekday), d >= s.today || candidates.count == 1 {
                return Match(
                    length: j - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "<nth> <weekday> of <month>")
            }
        }
        return nil
    }

    /// weekday 0 = any day, -1 = a working day (Mon-Fri).
    static func day(in first: LocalDate, ordinal: Int, weekday: Int) -> LocalDate? {
        let length = LocalDate.daysIn(month: first.month, year: first.year)
        let days = (0..<length).map { first.adding(days: $0) }.filter {
            weekday == 0 || (weekday == -1 ? $0.isoWeekday <= 5 : $0.isoWeekday == weekday)
        }
        if ordinal == -1 { return days.last }
        return ordinal <= days.count ? days[ordinal - 1] : nil
    }
}
