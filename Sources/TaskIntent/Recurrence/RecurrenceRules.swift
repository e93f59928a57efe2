import TodoCore

/// Repeats, as an RRULE subset: "every day", "every weekday", "every monday and thursday",
/// "every other week", "every 3 days", "every month on the 1st", "every last friday of the month",
/// "every year on dec 25", "daily", "weekly", "biweekly", "each quarter", "mondays", "twice a week".
///
/// Documented meanings: "weekday(s)" = MO-FR; "weekend(s)" = SA,SU; "biweekly"/"fortnightly" = every
/// 2 weeks; "bimonthly" = every 2 months; "quarterly"/"each quarter" = every 3 months; "semiannually" =
/// every 6 months; "twice a week" = MO,TH; "three times a week" = MO,WE,FR; "four times a week" =
/// MO,TU,TH,FR; "twice a month" = the 1st and 15th; "twice a year" = every 6 months; "twice a day" =
/// 09:00 and 18:00; "three times a day" = 08:00, 13:00, 18:00; "every 2nd tuesday" = the 2nd Tuesday
/// of each month; "every morning" = daily at 09:00 (the parts of the day of `DayPartRules`).
/// Repeats more often than daily ("every hour") are outside the RRULE subset and get a warning.
enum RecurrenceRules {
    typealias Rule = RecurrenceRule

    static func spec(_ r: Rule, _ time: LocalTime? = nil, part: DayPart? = nil) -> Piece {
        .recurrence(RecurrenceSpec(rule: r, impliedTime: time, dayPart: part))
    }

    static let workdays = (1...5).map { Rule.WeekdayNum($0) }
    static let weekendDays = [Rule.WeekdayNum(6), Rule.WeekdayNum(7)]

    /// daily, weekly, monthly, yearly, annually, biweekly, fortnightly, bimonthly, quarterly, nightly, ...
    static func adverb(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard var w = s.word(i) else { return nil }
        var r: Rule
        var time: LocalTime?
        var j = i + 1
        // "bi-weekly", "semi-monthly", "semi-annually" come as three tokens
        if w == "bi" || w == "semi", s.isPunct(i + 1, "-"), s.glued(i + 1), s.glued(i + 2), let rest = s.word(i + 2) {
            w = w + "-" + rest
            j = i + 3
        }
        switch w {
        case "semi-monthly", "semimonthly": r = Rule(frequency: .monthly, byMonthDay: [1, 15])
        case "semi-weekly", "semiweekly": r = Rule(frequency: .weekly, byDay: [.init(1), .init(4)])
        case "daily", "everyday": r = Rule(frequency: .daily)
        case "nightly":
            r = Rule(frequency: .daily)
            time = LocalTime(hour: 21, minute: 0)
        case "weekly": r = Rule(frequency: .weekly)
        case "biweekly", "fortnightly", "bi-weekly": r = Rule(frequency: .weekly, interval: 2)
        case "monthly": r = Rule(frequency: .monthly)
        case "bimonthly", "bi-monthly": r = Rule(frequency: .monthly, interval: 2)
        case "quarterly": r = Rule(frequency: .monthly, interval: 3)
        case "semiannually", "biannually", "semi-annually": r = Rule(frequency: .monthly, interval: 6)
        case "yearly", "annually": r = Rule(frequency: .yearly)
        case "hourly":
            return Match(
                length: 1, piece: .warning("Repeats more often than daily are not supported; no repeat was set."),
                kind: .recurrence, rule: "hourly (unsupported)")
        default: return nil
        }
        // "weekly on monday", "monthly on the 15th", "yearly on dec 25"
        if s.isWord(j, "on"), let (refined, n) = onClause(s, j + 1, base: r) {
            r = refined
            j += 1 + n
        }
        // "daily except sundays"
        if r.frequency == .daily, s.isWord(j, ["except", "but", "excluding"]), let (skip, sn) = weekdayList(s, j + 1) {
            r.frequency = .weekly
            r.byDay = (1...7).filter { d in !skip.contains { $0.weekday == d } }.map { Rule.WeekdayNum($0) }
            j += 1 + sn
        }
        return Match(length: j - i, piece: spec(r, time), kind: .recurrence, rule: "daily|weekly|monthly|...")
    }

    /// Refines a frequency with "on <weekdays>", "on the <days>", "on the last friday", "on dec 25".
    static func onClause(_ s: Scanner, _ i: Int, base: Rule) -> (Rule, Int)? {
        var r = base
        if let (days, n) = weekdayList(s, i) {
            r.byDay = days
            if r.frequency == .daily { r.frequency = .weekly }
            return (r, n)
        }
        if let (ords, n) = monthDayList(s, i) {
            if r.frequency == .yearly, let (m, mn) = ofMonth(s, i + n) {
                r.byMonth = [m]
                r.byMonthDay = ords
                return (r, n + mn)
            }
            r.byMonthDay = ords
            if r.frequency != .yearly { r.frequency = .monthly }
            return (r, n)
        }
        if let (wd, n) = nthWeekday(s, i) {
            r.byDay = [wd]
            if r.frequency != .yearly { r.frequency = .monthly }
            return (r, n)
        }
        if let (m, d, n) = monthAndDay(s, i) {
            r.frequency = .yearly
            r.byMonth = [m]
            r.byMonthDay = [d]
            return (r, n)
        }
        // "yearly on 4/15", "monthly on 2027-01-15": the date's day (and month)
        if let m = Registry.temporal(s, i, connected: true), case .temporal(let t) = m.piece, let d = t.date,
            t.time == nil
        {
            if r.frequency == .yearly {
                r.byMonth = [d.month]
                r.byMonthDay = [d.day]
            } else if r.frequency == .monthly {
                r.byMonthDay = [d.day]
            } else {
                return nil
            }
            return (r, m.length)
        }
        return nil
    }

    /// "of december", "of each month" (consumed, December → BYMONTH).
    static func ofMonth(_ s: Scanner, _ i: Int) -> (Int, Int)? {
        guard s.isWord(i, "of"), let (m, n) = s.month(i + 1) else { return nil }
        return (m, n + 1)
    }

    /// "monday", "mon and thu", "mon, wed, fri", "tue/thu", "mondays and thursdays", "weekdays".
    static func weekdayList(_ s: Scanner, _ i: Int) -> ([Rule.WeekdayNum], Int)? {
        var j = i
        var days: [Rule.WeekdayNum] = []
        if s.isWord(j, ["weekday", "weekdays", "workday", "workdays"]) { return (workdays, 1) }
        if s.isWord(j, ["weekend", "weekends"]) { return (weekendDays, 1) }
        while let t = s.tok(j), t.kind == .word, t.lex.weekday > 0, t.text != "tu" || !days.isEmpty,
            t.text != "th" || !days.isEmpty
        {
            if !days.contains(where: { $0.weekday == t.lex.weekday }) { days.append(Rule.WeekdayNum(t.lex.weekday)) }
            j += 1
            if s.isPunct(j, "."), s.glued(j) { j += 1 }
            // "mon-fri", "monday through friday": every day between
            if s.isPunct(j, "-") || s.isWord(j, ["through", "thru", "to"]), let (b, bn) = s.weekday(j + 1),
                b > t.lex.weekday
            {
                for d in (t.lex.weekday + 1)...b where !days.contains(where: { $0.weekday == d }) {
                    days.append(Rule.WeekdayNum(d))
                }
                j += 1 + bn
            }
            var k = j
            if s.isPunct(k, ",") || s.isPunct(k, "/") || s.isPunct(k, "&") || s.isPunct(k, "+") { k += 1 }
            if s.isWord(k, ["and", "or"]) { k += 1 }
            // "mon, wed and fri", "tue/thu", and "mon wed fri" with nothing between
            if let u = s.tok(k), u.kind == .word, u.lex.weekday > 0, !u.lex.weekdayPlural || t.lex.weekdayPlural {
                j = k
            } else {
                break
            }
        }
        guard !days.isEmpty else { return nil }
        days.sort { $0.weekday < $1.weekday }
        return (days, j - i)
    }

    /// "the 1st", "the 1st and 15th", "1st and 15th", "the last day", "the 15th of the month".
    static func monthDayList(_ s: Scanner, _ i: Int) -> ([Int], Int)? {
        var j = i
        if s.isWord(j, "the") { j += 1 }
        var days: [Int] = []
        while true {
            if s.isWord(j, "last"), s.isWord(j + 1, "day") {
                days.append(-1)
                j += 2
            } else if let (d, n) = s.dayOrdinal(j, plain: false) {
                // "the first monday" is a weekday ordinal, not a month day
                if let next = s.tok(j + n), next.lex.weekday > 0 || next.lex.unit != nil && next.text != "day" {
                    break
                }
                guard d > 0 else { break }
                days.append(d)
                j += n
                if s.isWord(j, "day") { j += 1 }
            } else {
                break
            }
            var k = j
            if s.isPunct(k, ",") || s.isWord(k, "and") || s.isPunct(k, "&") { k += 1 }
            if s.isWord(k, "the") { k += 1 }
            if k != j, s.dayOrdinal(k, plain: false) != nil || s.isWord(k, "last") { j = k } else { break }
        }
        guard !days.isEmpty else { return nil }
        if s.isWord(j, "of"), s.isWord(j + 1, "the"), s.isWord(j + 2, "month") { j += 3 }
        return (days, j - i)
    }

    /// "1st and 3rd", "2nd, 4th and last": ordinals of weekdays within a month.
    static func ordinalList(_ s: Scanner, _ i: Int) -> ([Int], Int)? {
        var j = i
        var ords: [Int] = []
        while true {
            if s.isWord(j, "last") {
                ords.append(-1)
                j += 1
            } else if let (d, n) = s.dayOrdinal(j, plain: false), (1...5).contains(d) {
                ords.append(d)
                j += n
            } else {
                break
            }
            if s.isPunct(j, ",") || s.isWord(j, "and") || s.isPunct(j, "&") { j += 1 } else { break }
        }
        return ords.isEmpty ? nil : (ords, j - i)
    }

    /// "the last friday", "the first monday", "2nd tuesday" [of the month]
    static func nthWeekday(_ s: Scanner, _ i: Int) -> (Rule.WeekdayNum, Int)? {
        var j = i
        if s.isWord(j, "the") { j += 1 }
        var ord: Int
        if s.isWord(j, "last") {
            ord = -1
            j += 1
        } else if s.isWord(j, "second"), s.isWord(j + 1, "to"), s.isWord(j + 2, "last") {
            ord = -2
            j += 3
        } else if let (d, n) = s.dayOrdinal(j, plain: false), (1...5).contains(d) {
            ord = d
            j += n
        } else {
            return nil
        }
        guard let t = s.tok(j), t.kind == .word, t.lex.weekday > 0 else { return nil }
        j += 1
        if s.isWord(j, "of"), s.isWord(j + 1, "the"), s.isWord(j + 2, "month") { j += 3 }
        return (Rule.WeekdayNum(t.lex.weekday, ordinal: ord), j - i)
    }

    /// "dec 25", "25 december", "december 25th", "the 25th of december"
    static func monthAndDay(_ s: Scanner, _ i: Int) -> (Int, Int, Int)? {
        var j = i
        if let (m, mn) = s.month(j), let (d, dn) = s.dayOrdinal(j + mn, plain: true) {
            guard d <= LocalDate.daysIn(month: m, year: 2028) else { return nil }
            return (m, d, mn + dn)
        }
        if s.isWord(j, "the") { j += 1 }
        if let (d, dn) = s.dayOrdinal(j, plain: true) {
            var k = j + dn
            if s.isWord(k, "of") { k += 1 }
            if let (m, mn) = s.month(k) {
                guard d <= LocalDate.daysIn(month: m, year: 2028) else { return nil }
                return (m, d, k + mn - i)
            }
        }
        return nil
    }

    /// every|each [other|N|Nth] <unit|weekdays|part of day|month day>
    static func every(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard s.isWord(i, ["every", "each", "evry", "ev"]) else { return nil }
        var j = i + 1
        if s.isWord(j, "single") { j += 1 }
        var interval = 1
        if s.isWord(j, "other") {
            interval = 2
            j += 1
        } else if let (n, nn) = s.count(j, allowArticle: false), let u = s.tok(j + nn),
            u.lex.unit != nil
                || (s.isPunct(j + nn, ".") && s.tok(j + nn + 2)?.lex.unit != nil)
        {
            _ = u
            interval = n
            j += nn
        } else if let (d, dn) = s.dayOrdinal(j, plain: false), (2...12).contains(d),
            let u = s.tok(j + dn)?.lex.unit, u != .businessDay
        {
            interval = d  // "every 2nd week", "every third month"
            j += dn
        }
        guard interval >= 1, interval <= 1000 else { return nil }
        var part: DayPart?
        func done(_ r: Rule, _ time: LocalTime? = nil, _ rule: String) -> Match {
            var r = r
            var k = j
            // "every week on monday", "every month on the 1st", "every year on the 3rd of june"
            if s.isWord(k, "on") || s.isWord(k, "in"), let (refined, n) = onClause(s, k + 1, base: r) {
                r = refined
                r.interval = max(r.interval, interval)
                k += 1 + n
            } else if r.frequency == .yearly, s.isWord(k, "in"), let (m, mn) = s.month(k + 1) {
                r.byMonth = [m]
                k += 1 + mn
            } else if r.frequency == .yearly, r.byMonth.isEmpty, let (m, d, n) = monthAndDay(s, k) {
                r.byMonth = [m]  // "every year april 15"
                r.byMonthDay = [d]
                k += n
            }
            // "every morning except weekends", "every day but sunday"
            if r.frequency == .daily || r.frequency == .weekly, s.isWord(k, ["except", "but", "excluding"]),
                let (skip, sn) = weekdayList(s, k + 1)
            {
                let base = r.byDay.isEmpty ? (1...7).map { Rule.WeekdayNum($0) } : r.byDay
                r.byDay = base.filter { d in !skip.contains { $0.weekday == d.weekday } }
                r.frequency = .weekly
                k += 1 + sn
            }
            return Match(length: k - i, piece: spec(r, time, part: part), kind: .recurrence, rule: rule)
        }
        // unit: day/week/month/year/quarter/fortnight/weekday/weekend
        if let t = s.tok(j), let u = t.lex.unit {
            if t.text.count == 1 && t.text != "d" && t.text != "w" { return nil }
            j += 1
            var r: Rule
            switch u {
            case .minute, .hour:
                return Match(
                    length: j - i,
                    piece: .warning("Repeats more often than daily are not supported; no repeat was set."),
                    kind: .recurrence, rule: "every <n> hours (unsupported)")
            case .day: r = Rule(frequency: .daily, interval: interval)
            case .week: r = Rule(frequency: .weekly, interval: interval)
            case .fortnight: r = Rule(frequency: .weekly, interval: 2 * interval)
            case .month: r = Rule(frequency: .monthly, interval: interval)
            case .quarter: r = Rule(frequency: .monthly, interval: 3 * interval)
            case .year: r = Rule(frequency: .yearly, interval: interval)
            case .businessDay:
                r = Rule(frequency: .weekly, interval: interval, byDay: workdays)
                if s.isWord(j, ["except", "but", "excluding"]), let (skip, sn) = weekdayList(s, j + 1) {
                    r.byDay.removeAll { d in skip.contains { $0.weekday == d.weekday } }
                    j += 1 + sn
                }
                if let p = s.tok(j)?.lex.dayPart, s.tok(j)?.text != "am" {
                    j += 1
                    part = p
                    return done(r, LocalTime(hour: p.time.hour, minute: p.time.minute), "every weekday <part of day>")
                }
            }
            return done(r, nil, "every [n|other] <unit>")
        }
        if s.isWord(j, ["business", "work", "working"]), s.isWord(j + 1, ["day", "days"]) {
            j += 2
            return done(Rule(frequency: .weekly, interval: interval, byDay: workdays), nil, "every business day")
        }
        if s.isWord(j, ["workday", "weekend", "weekends", "workdays"]) {
            let days = s.isWord(j, ["weekend", "weekends"]) ? weekendDays : workdays
            j += 1
            return done(Rule(frequency: .weekly, interval: interval, byDay: days), nil, "every weekday|weekend")
        }
        // every monday [and thursday] [morning], every weekday except friday
        if let (listed, n) = weekdayList(s, j) {
            var days = listed
            j += n
            if s.isWord(j, ["except", "but", "excluding"]), let (skip, sn) = weekdayList(s, j + 1) {
                days.removeAll { d in skip.contains { $0.weekday == d.weekday } }
                j += 1 + sn
            }
            var time: LocalTime?
            if let p = s.tok(j)?.lex.dayPart, s.tok(j)?.text != "am" {
                time = LocalTime(hour: p.time.hour, minute: p.time.minute)
                part = p
                j += 1
            }
            return done(Rule(frequency: .weekly, interval: interval, byDay: days), time, "every <weekdays>")
        }
        // every morning / evening / night
        if let p = s.tok(j)?.lex.dayPart, s.tok(j)?.text != "am" {
            j += 1
            part = p
            return done(
                Rule(frequency: .daily, interval: interval), LocalTime(hour: p.time.hour, minute: p.time.minute),
                "every <part of day>")
        }
        // every 1st and 3rd monday
        if let (ords, on) = ordinalList(s, j), ords.count > 1, let t = s.tok(j + on), t.kind == .word, t.lex.weekday > 0
        {
            j += on + 1
            if s.isWord(j, "of"), s.isWord(j + 1, "the"), s.isWord(j + 2, "month") { j += 3 }
            let days = ords.map { Rule.WeekdayNum(t.lex.weekday, ordinal: $0) }
            return done(
                Rule(frequency: .monthly, interval: interval, byDay: days), nil, "every <nth> and <nth> <weekday>")
        }
        // every last friday [of the month], every 2nd tuesday
        if let (wd, n) = nthWeekday(s, j) {
            j += n
            return done(Rule(frequency: .monthly, interval: interval, byDay: [wd]), nil, "every <nth> <weekday>")
        }
        // every dec 25 / every 25th of december
        if let (m, d, n) = monthAndDay(s, j) {
            j += n
            return done(
                Rule(frequency: .yearly, interval: interval, byMonthDay: [d], byMonth: [m]), nil, "every <date>")
        }
        // every 1st (and 15th) [of the month], every last day of the month
        if let (days, n) = monthDayList(s, j) {
            j += n
            return done(
                Rule(frequency: .monthly, interval: interval, byMonthDay: days), nil, "every <nth> of the month")
        }
        // every january
        if let (m, n) = s.month(j) {
            j += n
            return done(
                Rule(frequency: .yearly, interval: interval, byMonthDay: [1], byMonth: [m]), nil, "every <month>")
        }
        return nil
    }

    /// "mondays", "on mondays and thursdays", "on weekdays", "weekends", "mornings" (plural = repeated).
    static func plural(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard let t = s.tok(i), t.kind == .word else { return nil }
        if t.lex.weekdayPlural {
            var days: [Rule.WeekdayNum] = []
            var j = i
            while let u = s.tok(j), u.lex.weekdayPlural {
                days.append(Rule.WeekdayNum(u.lex.weekday))
                j += 1
                var k = j
                if s.isPunct(k, ",") || s.isPunct(k, "/") || s.isPunct(k, "&") { k += 1 }
                if s.isWord(k, "and") { k += 1 }
                if k != j, s.tok(k)?.lex.weekdayPlural == true { j = k } else { break }
            }
            days.sort { $0.weekday < $1.weekday }
            var time: LocalTime?
            if let p = s.tok(j)?.lex.dayPart, s.tok(j)?.text != "am" {
                time = LocalTime(hour: p.time.hour, minute: p.time.minute)
                j += 1
            }
            return Match(
                length: j - i, piece: spec(Rule(frequency: .weekly, byDay: days), time), kind: .recurrence,
                rule: "<weekday>s")
        }
        // "monday through friday", "mon-fri"
        if let (a, an) = s.weekday(i),
            s.isWord(i + an, ["through", "thru", "to", "till", "until"]) || s.isPunct(i + an, "-"),
            let (b, bn) = s.weekday(i + an + 1), b > a
        {
            let days = (a...b).map { Rule.WeekdayNum($0) }
            return Match(
                length: an + 1 + bn, piece: spec(Rule(frequency: .weekly, byDay: days)), kind: .recurrence,
                rule: "<weekday> through <weekday>")
        }
        // "gym monday wednesday friday": two or more weekdays named together repeat
        if t.lex.weekday > 0, let (days, n) = weekdayList(s, i), days.count >= 2, s.weekday(i) != nil {
            var j = i + n
            var time: LocalTime?
            var part: DayPart?
            if let p = s.tok(j)?.lex.dayPart, s.tok(j)?.text != "am" {
                time = LocalTime(hour: p.time.hour, minute: p.time.minute)
                part = p
                j += 1
            }
            return Match(
                length: j - i, piece: spec(Rule(frequency: .weekly, byDay: days), time, part: part), kind: .recurrence,
                rule: "<weekday> <weekday> ...")
        }
        if t.text == "weekdays" || t.text == "workdays" {
            return Match(
                length: 1, piece: spec(Rule(frequency: .weekly, byDay: workdays)), kind: .recurrence,
                rule: "on weekdays")
        }
        if t.text == "weekends" {
            return Match(
                length: 1, piece: spec(Rule(frequency: .weekly, byDay: weekendDays)), kind: .recurrence,
                rule: "on weekends")
        }
        return nil
    }

    /// once|twice|three times|N times a|per|each day|week|month|year
    static func timesPer(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        guard let (n, nn) = s.count(j, allowArticle: false) else { return nil }
        j += nn
        let word = s.word(i) ?? ""
        // "once every two weeks" is "every two weeks"
        if word == "once", s.isWord(j, ["every", "each"]), var m = every(s, j, connected) {
            m.length += 1
            return m
        }
        // "twice daily", "3 times weekly"
        var k = j
        if word != "once" && word != "twice" && word != "thrice", s.isWord(k, ["times", "x"]) { k += 1 }
        if k > j || word == "once" || word == "twice" || word == "thrice",
            let adverb = s.word(k),
            let unit: TimeUnit = ["daily": .day, "weekly": .week, "monthly": .month, "yearly": .year][adverb]
        {
            return perUnit(s, i, n, unit, k + 1)
        }
        if word != "once" && word != "twice" && word != "thrice" {
            guard s.isWord(j, ["times", "x"]) else { return nil }
            j += 1
        }
        guard s.isWord(j, ["a", "per", "each", "every", "an"]), let u = s.tok(j + 1)?.lex.unit else { return nil }
        return perUnit(s, i, n, u, j + 2)
    }

    /// The documented meaning of "<n> times a <unit>".
    static func perUnit(_ s: Scanner, _ i: Int, _ n: Int, _ u: TimeUnit, _ j: Int) -> Match? {
        var r: Rule
        var piece: Piece?
        switch (u, n) {
        case (.day, 1): r = Rule(frequency: .daily)
        case (.day, 2): r = Rule(frequency: .daily, byHour: [9, 18], byMinute: [0])
        case (.day, 3): r = Rule(frequency: .daily, byHour: [8, 13, 18], byMinute: [0])
        case (.week, 1): r = Rule(frequency: .weekly)
        case (.week, 2): r = Rule(frequency: .weekly, byDay: [.init(1), .init(4)])
        case (.week, 3): r = Rule(frequency: .weekly, byDay: [.init(1), .init(3), .init(5)])
        case (.week, 4): r = Rule(frequency: .weekly, byDay: [.init(1), .init(2), .init(4), .init(5)])
        case (.week, 5): r = Rule(frequency: .weekly, byDay: workdays)
        case (.week, 6): r = Rule(frequency: .weekly, byDay: (1...6).map { .init($0) })
        case (.week, 7): r = Rule(frequency: .daily)
        case (.month, 1): r = Rule(frequency: .monthly)
        case (.month, 2): r = Rule(frequency: .monthly, byMonthDay: [1, 15])
        case (.quarter, 1): r = Rule(frequency: .monthly, interval: 3)
        case (.year, 1): r = Rule(frequency: .yearly)
        case (.year, 2): r = Rule(frequency: .monthly, interval: 6)
        case (.year, 4): r = Rule(frequency: .monthly, interval: 3)
        case (.year, 12): r = Rule(frequency: .monthly)
        default:
            r = Rule(frequency: .daily)
            piece = .warning("\(n) times per \(u) has no clear schedule; no repeat was set.")
        }
        return Match(length: j - i, piece: piece ?? spec(r), kind: .recurrence, rule: "<n> times a <unit>")
    }

    /// "on the 1st of every month", "the last friday of each month", "the 15th of every month"
    static func ofEveryMonth(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        var r: Rule
        if let (wd, n) = nthWeekday(s, j), s.isWord(j + n, "of"), s.isWord(j + n + 1, ["every", "each"]) {
            r = Rule(frequency: .monthly, byDay: [wd])
            j += n
        } else if let (days, n) = monthDayList(s, j), s.isWord(j + n, "of"), s.isWord(j + n + 1, ["every", "each"]) {
            r = Rule(frequency: .monthly, byMonthDay: days)
            j += n
        } else {
            return nil
        }
        j += 2
        guard let u = s.tok(j)?.lex.unit else { return nil }
        switch u {
        case .month: break
        case .quarter: r.interval = 3
        default: return nil
        }
        return Match(length: j + 1 - i, piece: spec(r), kind: .recurrence, rule: "the <nth> of every month")
    }
}
