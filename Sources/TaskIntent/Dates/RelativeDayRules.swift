import TodoCore

/// Days named relative to today, and weekdays with their modifiers.
///
/// Documented choices: a bare weekday ("friday") is the next one strictly after today (Taskwarrior,
/// Duckling); "this friday" includes today; "next friday" is the Friday of next week (weeks start on
/// Monday, as chrono and Todoist read it); "last friday" is the most recent one before today.
enum RelativeDayRules {
    /// today, tomorrow, tmrw, yesterday, the day after tomorrow, the day before yesterday, overmorrow,
    /// optionally with a part of the day ("tomorrow morning", "tomorrow night").
    static func namedDay(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        var offset: Int
        if s.isWord(j, "the"), s.isWord(j + 1, "day") { j += 1 }
        if s.isWord(j, "day"), s.isWord(j + 1, ["after", "before"]), let rel = s.tok(j + 2)?.lex.relativeDay,
            rel != 0
        {
            offset = rel + (s.isWord(j + 1, "after") ? 1 : -1)
            j += 3
        } else if s.isWord(j, "day"), s.isWord(j + 1, ["after", "before"]), let (d, dn) = Registry.anchorDate(s, j + 2)
        {
            // "the day before thanksgiving", "the day after christmas"
            let t = Temporal(date: d.adding(days: s.isWord(j + 1, "after") ? 1 : -1))
            return Match(length: j + 2 + dn - i, piece: .temporal(t), kind: .date, rule: "the day before|after <day>")
        } else if let rel = s.tok(j)?.lex.relativeDay, j == i {
            // "tom" and "tod" are names as often as dates: only after a preposition.
            if s.isWord(j, ["tom", "tod", "tdy"]), !connected { return nil }
            offset = rel
            j += 1
        } else {
            return nil
        }
        var t = Temporal(date: s.today.adding(days: offset))
        // "tomorrow morning", "today at noon" are parsed by the time rules; "tomorrow night" is one phrase here.
        if let part = s.tok(j)?.lex.dayPart, part != .noon, part != .lunch, s.tok(j)?.text != "am" {
            t.time = LocalTime(hour: part.time.hour, minute: part.time.minute)
            t.timeIsDefault = true
            t.dayPart = part
            j += 1
        }
        return Match(length: j - i, piece: .temporal(t), kind: .date, rule: "today|tomorrow|yesterday [<part of day>]")
    }

    /// "this time tomorrow", "same time next week": a day with the reference's clock time.
    static func sameTime(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard s.isWord(i, ["this", "same", "the"]), s.isWord(i + 1, "time") else { return nil }
        var j = i + 2
        if s.isWord(i, "the"), s.isWord(i + 1, "time") { return nil }
        if s.isWord(j, "on") { j += 1 }
        guard let m = Registry.temporal(s, j, connected: true), case .temporal(let t) = m.piece, let d = t.date,
            t.time == nil
        else { return nil }
        var tt = Temporal(date: d, time: s.now)
        tt.exact = true
        return Match(length: j + m.length - i, piece: .temporal(tt), kind: .date, rule: "this time <day>")
    }

    /// "tonight", "this morning", "this afternoon", "this evening": today with the part's default time.
    static func thisPartOfDay(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        if s.isWord(j, "this") { j += 1 }
        guard let part = s.tok(j)?.lex.dayPart, s.tok(j)?.text != "am" else { return nil }
        if j == i, part != .tonight { return nil }
        if j > i, part == .noon || part == .lunch { return nil }
        var t = Temporal(date: s.today, time: LocalTime(hour: part.time.hour, minute: part.time.minute))
        t.timeIsDefault = true
        t.dayPart = part
        return Match(length: j - i + 1, piece: .temporal(t), kind: .date, rule: "tonight|this <part of day>")
    }

    /// [this|next|last|coming|this coming|following] <weekday> [next week|after next|this week|week]
    static func weekday(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        var modifier = ""
        // "the monday after next"
        if s.isWord(j, "the"), s.weekday(j + 1) != nil, s.isWord(j + 2, "after") || s.isWord(j + 3, "after") {
            j += 1
        }
        if s.isWord(j, "this"), s.isWord(j + 1, ["coming", "upcoming"]) {
            modifier = "this"
            j += 2
        } else if let w = s.word(j),
            ["this", "next", "last", "coming", "upcoming", "following", "previous", "past"].contains(w)
        {
            modifier = w
            j += 1
        }
        guard let (wd, wn) = s.weekday(j) else { return nil }
        let name = s.tok(j)!.text
        // "sat", "sun", "wed" and "mon" are words too: alone they need a preposition, a modifier, a time after
        // them, or (for "mon" and "wed") the end of the line.
        if modifier.isEmpty, !connected, ["sat", "sun", "mon", "wed"].contains(name) {
            let atEnd = !s.has(j + wn) && (name == "mon" || name == "wed")
            let timeFollows =
                s.tok(j + wn).map { $0.kind == .number || $0.lex.dayPart != nil } ?? false
                || (s.isWord(j + wn, "at") || s.isPunct(j + wn, "@"))
                    && (s.tok(j + wn + 1)?.kind == .number || s.isWord(j + wn + 1, ["noon", "midday", "midnight"]))
            if !atEnd, !timeFollows { return nil }
        }
        j += wn
        var days: Int
        switch modifier {
        case "this": days = s.daysUntil(weekday: wd, includingToday: true)
        case "next", "following":
            days = (s.mondayOfWeek(1).dayNumber - s.today.dayNumber) + wd - 1
        case "last", "previous", "past":
            let back = (s.today.isoWeekday - wd + 7) % 7
            days = -(back == 0 ? 7 : back)
        default: days = s.daysUntil(weekday: wd)
        }
        var rule = "[this|next|last] <weekday>"
        if s.isWord(j, "next"), s.isWord(j + 1, "week") {
            days = (s.mondayOfWeek(1).dayNumber - s.today.dayNumber) + wd - 1
            j += 2
            rule = "<weekday> next week"
        } else if s.isWord(j, "this"), s.isWord(j + 1, "week") {
            days = (s.mondayOfWeek(0).dayNumber - s.today.dayNumber) + wd - 1
            j += 2
            rule = "<weekday> this week"
        } else if s.isWord(j, "after"), s.isWord(j + 1, "next") {
            days = s.daysUntil(weekday: wd) + 7
            j += 2
            rule = "<weekday> after next"
        } else if modifier.isEmpty || modifier == "next", s.isWord(j, "week"), !s.isWord(j + 1, ["of", "and"]) {
            // British "friday week", "next friday week": a week after that day
            days = (modifier.isEmpty ? s.daysUntil(weekday: wd) : days) + 7
            j += 1
            rule = "<weekday> week"
        }
        var t = Temporal(date: s.today.adding(days: days))
        if let part = s.tok(j)?.lex.dayPart, part != .noon, part != .lunch, s.tok(j)?.text != "am" {
            t.time = LocalTime(hour: part.time.hour, minute: part.time.minute)
            t.timeIsDefault = true
            t.dayPart = part
            j += 1
        }
        return Match(length: j - i, piece: .temporal(t), kind: .date, rule: rule)
    }
}
