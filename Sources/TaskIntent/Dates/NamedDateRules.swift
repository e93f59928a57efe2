import TodoCore

/// Taskwarrior's named dates and a few holidays.
///
/// so*/eo* are the start/end of the current period (sod/eod today, sow/eow this week's Monday/Sunday,
/// soww/eoww Monday/Friday, som/eom, soq/eoq, soy/eoy); sonw/sonm/sonq/sony the start of the next one.
/// "later"/"someday" mean "no due date" (Taskwarrior's 9999-12-30 is a sentinel, not a day anyone means).
/// Holidays are the next occurrence on or after today: easter, good friday, easter monday, ascension,
/// pentecost, christmas (eve), new year's (eve), valentine's day, halloween, thanksgiving (US, 4th Thursday
/// of November), black friday (the day after), labor/memorial/mother's/father's/independence/MLK/presidents'
/// day (US), boxing day, st patrick's day. Skipped: midsommar, juhannus and other regional holidays.
enum NamedDateRules {
    static func named(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard let t = s.tok(i), t.kind == .word else { return nil }
        // multi-word holidays first
        if let m = holidayPhrase(s, i) { return m }
        // close of business: 17:00, today or on the day that follows ("cob friday")
        var cobLength = 0
        if t.text == "cob" || t.text == "eob" {
            cobLength = 1
        } else if s.isWord(i, ["close", "end"]), s.isWord(i + 1, "of"), s.isWord(i + 2, "business"),
            !s.isWord(i + 3, "day")
        {
            cobLength = 3
        }
        if cobLength > 0 {
            var day = s.today
            var n = cobLength
            if let (d, dn) = Registry.anchorDate(s, i + cobLength) {
                day = d
                n += dn
            }
            let tt = Temporal(date: day, time: LocalTime(hour: 17, minute: 0))
            return Match(length: n, piece: .temporal(tt), kind: .date, rule: "close of business (17:00)")
        }
        // seasons (northern hemisphere, astronomical starts), only after a preposition: "before summer"
        if connected, let (month, day) = seasons[t.text] {
            guard let d = s.upcoming(month: month, day: day) else { return nil }
            return Match(length: 1, piece: .temporal(Temporal(date: d)), kind: .date, rule: "season")
        }
        guard let n = t.lex.named else { return nil }
        // "eod friday", "eow next week": the edge of the day or week that follows
        if n == .eod || n == .sod, let (d, dn) = Registry.anchorDate(s, i + 1) {
            return Match(length: 1 + dn, piece: .temporal(Temporal(date: d)), kind: .date, rule: "eod <day>")
        }
        let today = s.today
        func date(_ d: LocalDate, _ rule: String) -> Match {
            Match(length: 1, piece: .temporal(Temporal(date: d)), kind: .date, rule: rule)
        }
        switch n {
        case .now:
            var tt = Temporal(date: today, time: s.now)
            tt.exact = true
            return Match(length: 1, piece: .temporal(tt), kind: .date, rule: "now")
        case .sod: return date(today, "sod (start of today)")
        case .eod: return date(today, "eod (end of today)")
        case .sow: return date(PeriodRules.start(.week, s, offset: 0), "sow (this week's Monday)")
        case .eow: return date(PeriodRules.end(.week, s, offset: 0), "eow (this week's Sunday)")
        case .soww: return date(PeriodRules.start(.workweek, s, offset: 0), "soww (this work week's Monday)")
        case .eoww: return date(PeriodRules.end(.workweek, s, offset: 0), "eoww (this work week's Friday)")
        case .som: return date(PeriodRules.start(.month, s, offset: 0), "som (1st of this month)")
        case .eom: return date(PeriodRules.end(.month, s, offset: 0), "eom (last day of this month)")
        case .soq: return date(PeriodRules.start(.quarter, s, offset: 0), "soq (start of this quarter)")
        case .eoq: return date(PeriodRules.end(.quarter, s, offset: 0), "eoq (end of this quarter)")
        case .soy: return date(PeriodRules.start(.year, s, offset: 0), "soy (1 January this year)")
        case .eoy: return date(PeriodRules.end(.year, s, offset: 0), "eoy (31 December this year)")
        case .sonw: return date(PeriodRules.start(.week, s, offset: 1), "sonw (next Monday)")
        case .sonm: return date(PeriodRules.start(.month, s, offset: 1), "sonm (1st of next month)")
        case .sonq: return date(PeriodRules.start(.quarter, s, offset: 1), "sonq (start of next quarter)")
        case .sony: return date(PeriodRules.start(.year, s, offset: 1), "sony (1 January next year)")
        case .later:
            guard connected || t.text != "later" else { return nil }  // "call back later" keeps its word
            return Match(length: 1, piece: .noDate, kind: .date, rule: "someday (no due date)")
        case .weekend, .weekday: return nil
        default:
            guard let d = holiday(n, s) else { return nil }
            return date(d, "holiday")
        }
    }

    static let seasons: [String: (Int, Int)] = [
        "spring": (3, 20), "summer": (6, 21), "autumn": (9, 22), "fall": (9, 22), "winter": (12, 21),
    ]

    private static func holidayPhrase(_ s: Scanner, _ i: Int) -> Match? {
        var n: NamedDate?
        var len = 0
        let w0 = s.word(i) ?? ""
        let w1 = s.word(i + 1) ?? ""
        let w2 = s.word(i + 2) ?? ""
        switch (w0, w1) {
        case ("good", "friday"): (n, len) = (.goodFriday, 2)
        case ("easter", "monday"): (n, len) = (.easterMonday, 2)
        case ("easter", "sunday"): (n, len) = (.easter, 2)
        case ("christmas", "eve"), ("xmas", "eve"): (n, len) = (.christmasEve, 2)
        case ("christmas", "day"), ("xmas", "day"): (n, len) = (.christmas, 2)
        case ("new", "year's"), ("new", "years"), ("new", "year"):
            if w2 == "eve" { (n, len) = (.newYearsEve, 3) } else if w2 == "day" { (n, len) = (.newYear, 3) }
        case ("valentine's", "day"), ("valentines", "day"), ("valentine", "day"): (n, len) = (.valentines, 2)
        case ("ascension", "day"): (n, len) = (.ascension, 2)
        case ("thanksgiving", "day"): (n, len) = (.thanksgiving, 2)
        case ("valentine's", _): (n, len) = (.valentines, 1)
        case ("black", "friday"): (n, len) = (.blackFriday, 2)
        case ("labor", "day"), ("labour", "day"): (n, len) = (.laborDay, 2)
        case ("memorial", "day"): (n, len) = (.memorialDay, 2)
        case ("mother's", "day"), ("mothers", "day"), ("mothers'", "day"): (n, len) = (.mothersDay, 2)
        case ("father's", "day"), ("fathers", "day"), ("fathers'", "day"): (n, len) = (.fathersDay, 2)
        case ("independence", "day"): (n, len) = (.independenceDay, 2)
        case ("mlk", "day"), ("presidents", "day"), ("president's", "day"), ("presidents'", "day"):
            (n, len) = (w0 == "mlk" ? .mlkDay : .presidentsDay, 2)
        case ("boxing", "day"): (n, len) = (.boxingDay, 2)
        case ("st", "patrick's"), ("st", "patricks"), ("saint", "patrick's"), ("saint", "patricks"):
            (n, len) = (.stPatricks, w2 == "day" ? 3 : 2)
        default: return nil
        }
        guard let n, let d = holiday(n, s) else { return nil }
        return Match(length: len, piece: .temporal(Temporal(date: d)), kind: .date, rule: "holiday")
    }

    static func holiday(_ n: NamedDate, _ s: Scanner) -> LocalDate? {
        for year in s.today.year...(s.today.year + 1) {
            let d: LocalDate
            switch n {
            case .easter: d = easter(year)
            case .goodFriday: d = easter(year).adding(days: -2)
            case .easterMonday: d = easter(year).adding(days: 1)
            case .ascension: d = easter(year).adding(days: 39)
            case .pentecost: d = easter(year).adding(days: 49)
            case .christmas: d = LocalDate(year: year, month: 12, day: 25)
            case .christmasEve: d = LocalDate(year: year, month: 12, day: 24)
            case .newYear:
                d = LocalDate(year: year + (s.today.month == 1 && s.today.day == 1 ? 0 : 1), month: 1, day: 1)
            case .newYearsEve: d = LocalDate(year: year, month: 12, day: 31)
            case .valentines: d = LocalDate(year: year, month: 2, day: 14)
            case .halloween: d = LocalDate(year: year, month: 10, day: 31)
            case .thanksgiving, .blackFriday:
                let first = LocalDate(year: year, month: 11, day: 1)
                d = first.adding(days: (4 - first.isoWeekday + 7) % 7 + 21 + (n == .blackFriday ? 1 : 0))
            // US federal holidays and the days people plan around (nth weekday of a month)
            case .laborDay: d = nth(1, 1, 9, year)
            case .memorialDay: d = nth(-1, 1, 5, year)
            case .mothersDay: d = nth(2, 7, 5, year)
            case .fathersDay: d = nth(3, 7, 6, year)
            case .mlkDay: d = nth(3, 1, 1, year)
            case .presidentsDay: d = nth(3, 1, 2, year)
            case .independenceDay: d = LocalDate(year: year, month: 7, day: 4)
            case .boxingDay: d = LocalDate(year: year, month: 12, day: 26)
            case .stPatricks: d = LocalDate(year: year, month: 3, day: 17)
            default: return nil
            }
            if d >= s.today { return d }
        }
        return nil
    }

    static func nth(_ ordinal: Int, _ weekday: Int, _ month: Int, _ year: Int) -> LocalDate {
        NthWeekdayRules.day(in: LocalDate(year: year, month: month, day: 1), ordinal: ordinal, weekday: weekday)!
    }

    /// Gregorian Easter Sunday (the anonymous Gregorian algorithm).
    static func easter(_ y: Int) -> LocalDate {
        let a = y % 19
        let b = y / 100
        let c = y % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: y, month: month, day: day)
    }
}
