import TodoCore

/// Offsets from now or from another day: "in 3 days", "in half an hour", "2 weeks from now",
/// "a week from tomorrow", "3 days after friday", "in 3 business days", "2 days ago".
/// Minutes and hours give an exact time; days and longer give a day (a time may be said beside it).
enum RelativeOffsetRules {
    static func apply(_ a: Amount, to base: LocalDate, at time: LocalTime?, sign: Int = 1) -> Temporal {
        var date = base.adding(months: sign * a.months).adding(days: sign * a.days)
        var left = a.businessDays
        while left > 0 {
            date = date.adding(days: sign)
            if date.isoWeekday <= 5 { left -= 1 }
        }
        var t = Temporal(date: date)
        if a.minutes != 0 {
            let start = time ?? LocalTime(hour: 0, minute: 0)
            let total = start.minutesSinceMidnight + sign * a.minutes
            let dayShift = Int((Double(total) / 1440).rounded(.down))
            let m = total - dayShift * 1440
            t.date = date.adding(days: dayShift)
            t.time = LocalTime(hour: m / 60, minute: m % 60)
            t.exact = true
        } else if a.isClockOnly {
            t.time = time
            t.exact = true
        }
        return t
    }

    /// in|within|after <amount>
    static func inAmount(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard s.isWord(i, ["in", "within", "after"]) else { return nil }
        var j = i + 1
        if s.isWord(i, "in"), s.isWord(j, ["about", "around", "roughly", "approximately", "like"]) { j += 1 }
        // "in the next hour", "within the next 2 days", "within the hour"
        if s.isWord(j, "the") {
            j += 1
            if s.isWord(j, ["next", "coming"]) { j += 1 }
            if let u = s.tok(j)?.lex.unit, !(s.tok(j)?.lex.unitPlural ?? true), u != .businessDay {
                var a = Amount()
                a.add(u, 1)
                return Match(
                    length: j + 1 - i, piece: .temporal(apply(a, to: s.today, at: s.now)), kind: .date,
                    rule: "within the <unit>")
            }
            if s.isWord(j - 1, ["next", "coming"]), let (a, n) = Amount.parse(s, j) {
                return Match(
                    length: j + n - i, piece: .temporal(apply(a, to: s.today, at: s.now)), kind: .date,
                    rule: "in the next <duration>")
            }
            return nil
        }
        // "in 2027": the first day of that year (a clock time "in 2027" would be 20:27)
        if s.isWord(i, "in"), let (y, yn) = s.year(j), y > s.today.year, s.tok(j + yn)?.lex.unit == nil {
            return Match(
                length: j + yn - i, piece: .temporal(Temporal(date: LocalDate(year: y, month: 1, day: 1))),
                kind: .date, rule: "in <year>")
        }
        guard let (a, n) = Amount.parse(s, j) else { return nil }
        if s.isWord(i, "after"), a.isClockOnly { return nil }  // "after 5 minutes of..." is not a date
        j += n
        if s.isWord(j, ["time", "time's"]) { j += 1 }
        let t = apply(a, to: s.today, at: s.now)
        return Match(length: j - i, piece: .temporal(t), kind: .date, rule: "in <duration>")
    }

    /// <amount> from now|today|tomorrow|<weekday>, <amount> after|before <day>, <amount> later|ago|hence
    static func amountFrom(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard let tok = s.tok(i), tok.kind == .number || tok.lex.number > 0 || tok.text == "half" else { return nil }
        guard let (a, n) = Amount.parse(s, i) else { return nil }
        var j = i + n
        if s.isWord(j, ["from", "after"]) {
            j += 1
            if s.isWord(j, ["now", "today"]) {
                return Match(
                    length: j + 1 - i, piece: .temporal(apply(a, to: s.today, at: s.now)), kind: .date,
                    rule: "<duration> from now")
            }
            if let base = Registry.anchorDate(s, j) {
                let t = apply(a, to: base.0, at: nil)
                return Match(length: j + base.1 - i, piece: .temporal(t), kind: .date, rule: "<duration> from <day>")
            }
            return nil
        }
        if s.isWord(j, ["later", "hence"]) {
            return Match(
                length: j + 1 - i, piece: .temporal(apply(a, to: s.today, at: s.now)), kind: .date,
                rule: "<duration> later")
        }
        if s.isWord(j, "ago") {
            return Match(
                length: j + 1 - i, piece: .temporal(apply(a, to: s.today, at: s.now, sign: -1)), kind: .date,
                rule: "<duration> ago")
        }
        if s.isWord(j, "before"), let base = Registry.anchorDate(s, j + 1) {
            let t = apply(a, to: base.0, at: nil, sign: -1)
            return Match(length: j + 1 + base.1 - i, piece: .temporal(t), kind: .date, rule: "<duration> before <day>")
        }
        return nil
    }
}
