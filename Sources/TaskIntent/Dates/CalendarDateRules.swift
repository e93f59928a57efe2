import TodoCore

/// Dates written as calendar dates: ISO (2026-12-03), numeric (12/3, 3.12.2026), and with month
/// names ("dec 3rd", "3 december 2027", "the 3rd of december", "friday, december 4th").
///
/// Locale choice: slashes read month first (US, as Todoist and chrono do: 12/3 is 3 December) unless
/// the first number cannot be a month (13/3 is 13 March); dots read day first (3.12.2026 is 3 December,
/// as in most of Europe). A date without a year is the next such day on or after the reference day.
enum CalendarDateRules {
    static func date(_ s: Scanner, _ date: LocalDate?, _ what: () -> String) -> Piece {
        if let date { return .temporal(Temporal(date: date)) }
        return .invalid("There is no \(what()).")
    }

    static func monthName(_ m: Int) -> String { MonthNames.full[m - 1] }

    static func resolve(_ s: Scanner, year: Int?, month: Int, day: Int) -> LocalDate? {
        if let year {
            return LocalDate.valid(year: year, month: month, day: day)
        }
        guard day <= LocalDate.daysIn(month: month, year: 2028) else { return nil }
        return s.upcoming(month: month, day: day)
    }

    /// 2026-12-03, 2026/12/03, 2026.12.03, optionally with T17:30.
    static func iso(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard let y = s.tok(i), y.kind == .number, y.digits == 4,
            let sep = s.tok(i + 1), sep.kind == .punct, sep.glued, ["-", "/", "."].contains(sep.text),
            let m = s.tok(i + 2), m.kind == .number, m.glued, m.digits <= 2,
            s.isPunct(i + 3, sep.text), s.glued(i + 3),
            let d = s.tok(i + 4), d.kind == .number, d.glued, d.digits <= 2
        else { return nil }
        if s.isPunct(i + 5, sep.text), s.glued(i + 5) { return nil }  // 2026-12-03-4 is not a date
        var piece = date(s, LocalDate.valid(year: y.number, month: m.number, day: d.number)) {
            "day \(y.text)-\(m.text)-\(d.text)"
        }
        // 2026-12-03T17:30
        if s.isWord(i + 5, "t"), s.glued(i + 5), s.glued(i + 6), let c = ClockTimeRules.clock(s, i + 6, loose: true),
            case .temporal(var t) = piece
        {
            t.time = LocalTime(hour: c.hour, minute: c.minute)
            piece = .temporal(t)
            return Match(length: 6 + c.length, piece: piece, kind: .date, rule: "ISO date-time <yyyy-mm-ddThh:mm>")
        }
        return Match(length: 5, piece: piece, kind: .date, rule: "ISO date <yyyy-mm-dd>")
    }

    /// 12/3, 12/3/2026, 12/3/26, 3.12.2026, 3.12.26, 3.12.
    static func numeric(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard let a = s.tok(i), a.kind == .number, a.digits <= 2,
            let sep = s.tok(i + 1), sep.kind == .punct, sep.glued,
            sep.text == "/" || sep.text == "." || sep.text == "-",
            let b = s.tok(i + 2), b.kind == .number, b.glued, b.digits <= 2
        else { return nil }
        if s.isWord(i - 1, ["version", "v", "ver", "release", "chapter", "section", "verse", "page", "rule"]) {
            return nil
        }
        if s.isPunct(i - 1, "."), s.glued(i) { return nil }
        var length = 3
        var year: Int?
        if s.isPunct(i + 3, sep.text), s.glued(i + 3) {
            if let y = s.tok(i + 4), y.kind == .number, y.glued, y.digits == 4 || y.digits == 2 {
                year = y.digits == 4 ? y.number : 2000 + y.number
                length = 5
                if s.isPunct(i + 5, sep.text), s.glued(i + 5), s.tok(i + 6)?.kind == .number { return nil }
            } else if sep.text == "." {
                length = 4  // "3.12." day.month.
            } else {
                return nil
            }
        } else if sep.text == "." || sep.text == "-" {
            return nil  // "3.12" is a number and "3-4" a range unless a year or a trailing dot says otherwise
        }
        if s.tok(i + length)?.glued == true, s.tok(i + length)?.kind == .number { return nil }
        var month = a.number
        var day = b.number
        if sep.text == "." || (month > 12 && day <= 12) { swap(&month, &day) }
        guard (1...12).contains(month) else { return nil }
        let piece = date(s, resolve(s, year: year, month: month, day: day)) {
            "\(day) \(monthName(month))" + (year.map { " \($0)" } ?? "")
        }
        return Match(length: length, piece: piece, kind: .date, rule: "numeric date <m/d[/y]> or <d.m.y>")
    }

    /// "dec 3", "december 3rd, 2027", "fri dec 4", "dec 3 '27".
    static func monthDay(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        var weekday: Int?
        if let (w, n) = s.weekday(j), s.month(j + n) != nil {
            weekday = w
            j += n
        }
        guard let (month, mn) = s.month(j) else { return nil }
        j += mn
        var ordinalSaid = false
        // "march the 3rd"
        if s.isWord(j, "the"), let (_, n) = s.dayOrdinal(j + 1, plain: false), n >= 1 { j += 1 }
        guard let (day, dn) = s.dayOrdinal(j, plain: true) else { return nil }
        if dn > 1 || s.tok(j)?.kind == .word { ordinalSaid = true }
        // "jan 15 apples" fine, but not "dec 3:30" (a time) or "may 2" in "buy 2 may flowers" (handled by dayMonth)
        if s.isPunct(j + dn, ":"), s.glued(j + dn) { return nil }
        if let next = s.tok(j + dn), next.kind == .word, next.glued, dn == 1, s.tok(j)?.kind == .number { return nil }
        j += dn
        var year: Int?
        let k = s.skipComma(j)
        if let (y, yn) = s.year(k) {
            year = y
            j = k + yn
        }
        if month == 5, s.tok(i)?.text == "may", weekday == nil, !connected, !ordinalSaid, year == nil, i > 0 {
            return nil  // "may 3" inside a sentence is too often the verb
        }
        return finish(s, i, j, year: year, month: month, day: day, weekday: weekday, rule: "<month> <day> [<year>]")
    }

    /// "3 dec", "3rd of december 2027", "the 3rd of december", "friday 4th december", "4 dec."
    static func dayMonth(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        var weekday: Int?
        if let (w, n) = s.weekday(j) {
            weekday = w
            j += n
            if s.isWord(j, "the") { j += 1 }
        } else if s.isWord(j, "the") {
            j += 1
        }
        guard let (day, dn) = s.dayOrdinal(j, plain: true) else { return nil }
        let ordinalSaid = dn > 1 || s.tok(j)?.kind == .word
        j += dn
        var ofSaid = false
        if s.isWord(j, "of") {
            j += 1
            ofSaid = true
        }
        guard let (month, mn) = s.month(j) else { return nil }
        if month == 5, s.tok(j)?.text == "may", !connected, !ordinalSaid, !ofSaid, weekday == nil {
            // "buy 2 may flowers": only a year or an ordinal makes "2 may" a date mid-sentence.
            if s.year(j + mn) == nil { return nil }
        }
        j += mn
        var year: Int?
        let k = s.skipComma(j)
        if let (y, yn) = s.year(k) {
            year = y
            j = k + yn
        }
        return finish(
            s, i, j, year: year, month: month, day: day, weekday: weekday, rule: "<day> [of] <month> [<year>]")
    }

    private static func finish(
        _ s: Scanner, _ i: Int, _ j: Int, year: Int?, month: Int, day: Int, weekday: Int?, rule: String
    ) -> Match {
        var piece = date(s, resolve(s, year: year, month: month, day: day)) {
            "\(day) \(monthName(month))" + (year.map { " \($0)" } ?? "")
        }
        if case .temporal(let t) = piece, let d = t.date, let weekday, d.isoWeekday != weekday {
            // "fri dec 3" when Dec 3 is a Thursday: the day number wins, and the person is told.
            piece = .temporal(t)
            return Match(
                length: j - i, piece: piece, kind: .date,
                rule: rule
                    + " (note: \(d) is a \(MonthNames.weekdays[d.isoWeekday - 1]), not a \(MonthNames.weekdays[weekday - 1]))"
            )
        }
        return Match(length: j - i, piece: piece, kind: .date, rule: rule)
    }

    /// "the 15th", "on the 3rd", "15th": the next such day of the month.
    static func dayOfMonth(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        // "friday the 13th": the next 13th that falls on a Friday
        if let (wd, wn) = s.weekday(j), s.isWord(j + wn, "the"), let (day, dn) = s.dayOrdinal(j + wn + 1, plain: false),
            s.month(j + wn + 1 + dn) == nil && !s.isWord(j + wn + 1 + dn, "of")
        {
            var m = LocalDate(year: s.today.year, month: s.today.month, day: 1)
            for _ in 0..<120 {
                if let d = LocalDate.valid(year: m.year, month: m.month, day: day), d >= s.today, d.isoWeekday == wd {
                    return Match(
                        length: wn + 1 + dn, piece: .temporal(Temporal(date: d)), kind: .date,
                        rule: "<weekday> the <nth>")
                }
                m = m.adding(months: 1)
            }
            return nil
        }
        let the = s.isWord(j, "the")
        if the { j += 1 }
        guard let (day, dn) = s.dayOrdinal(j, plain: false) else { return nil }
        // An ordinal word ("the first") is a date only with "the" after a preposition ("on the first").
        if s.tok(j)?.kind == .word, !(the && connected) { return nil }
        if s.isWord(j + dn, ["of", "week", "time", "place", "floor", "grade", "attempt", "try"]) { return nil }
        if let next = s.tok(j + dn), next.kind == .word, next.lex.weekday > 0 { return nil }  // "the first monday"
        j += dn
        guard let d = s.upcoming(dayOfMonth: day) else { return nil }
        return Match(length: j - i, piece: .temporal(Temporal(date: d)), kind: .date, rule: "the <ordinal day>")
    }

    /// "in december", "by march", "march 2027", "december": the first day of the month's next occurrence.
    static func monthAlone(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard let (month, mn) = s.month(i) else { return nil }
        var j = i + mn
        var year: Int?
        if let (y, yn) = s.year(j) {
            year = y
            j += yn
        }
        guard connected || year != nil || (s.tok(i)?.text.count ?? 0) >= 6 && s.tok(i)?.text != "august" else {
            return nil  // "call jan", "march on"
        }
        if s.tok(i)?.text == "may", year == nil, !connected { return nil }
        let date: LocalDate
        if let year {
            date = LocalDate(year: year, month: month, day: 1)
        } else {
            let thisYear = LocalDate(year: s.today.year, month: month, day: 1)
            date =
                month == s.today.month
                ? s.today
                : thisYear > s.today ? thisYear : LocalDate(year: s.today.year + 1, month: month, day: 1)
        }
        return Match(length: j - i, piece: .temporal(Temporal(date: date)), kind: .date, rule: "<month> [<year>]")
    }
}

enum MonthNames {
    static let full = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let short = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let weekdaysShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let weekdaysLower = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let rrule = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
}
