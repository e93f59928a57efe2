import TodoCore

/// Clock times: "5pm", "5:30 pm", "17:30", "17h30", "noon", "midnight", "at 7", "9ish", "half past three",
/// "quarter to 5", "at 7 in the evening", "1730 hrs", "3-5pm" (a time and a length).
///
/// A bare hour with no am/pm ("at 7", "5:30") is read as people schedule todos: 1-7 are afternoon or
/// evening (13:00-19:00), 8-11 morning, 12 noon, 0 and 13-23 as written. A part of the day said beside it
/// ("7 in the morning", "at 8 tonight") overrides the guess.
enum ClockTimeRules {
    struct Clock {
        var hour: Int
        var minute: Int
        var ambiguous: Bool
        var length: Int
    }

    static func resolveHour(_ h: Int, _ m: Meridiem?) -> (Int, Bool)? {
        if let m {
            guard (1...12).contains(h) else { return h == 0 && m == .am ? (0, false) : nil }
            return (m == .am ? h % 12 : h % 12 + 12, false)
        }
        guard (0...23).contains(h) else { return nil }
        if h == 0 || h >= 12 { return (h, false) }
        return (h <= 7 ? h + 12 : h, true)
    }

    /// Reads am/pm after a number: "pm", " p.m.", glued "p".
    static func meridiem(_ s: Scanner, _ i: Int) -> (Meridiem, Int)? {
        guard let t = s.tok(i), t.kind == .word, let m = t.lex.meridiem else { return nil }
        if t.text == "a" || t.text == "p" {
            guard t.glued else { return nil }
        }
        return (m, 1)
    }

    /// The core clock, without surrounding words. `loose` allows a bare number ("at 5").
    static func clock(_ s: Scanner, _ i: Int, loose looseIn: Bool) -> Clock? {
        guard let h = s.tok(i) else { return nil }
        // "9ish" and "9-ish" are clock times without a preposition
        let loose =
            looseIn || (s.isWord(i + 1, "ish") && s.glued(i + 1)) || (s.isPunct(i + 1, "-") && s.isWord(i + 2, "ish"))
        if h.kind == .word {
            switch h.text {
            case "noon", "midday": return Clock(hour: 12, minute: 0, ambiguous: false, length: 1)
            case "midnight": return Clock(hour: 0, minute: 0, ambiguous: false, length: 1)
            default: break
            }
            // "three pm", "at seven", "seven o'clock"
            guard h.lex.number >= 1, h.lex.number <= 12, h.text != "a", h.text != "an", h.text != "once" else {
                return nil
            }
            if let (m, mn) = meridiem(s, i + 1), s.tok(i + 1)?.text != "a" {
                guard let (hh, _) = resolveHour(h.lex.number, m) else { return nil }
                return Clock(hour: hh, minute: 0, ambiguous: false, length: 1 + mn)
            }
            if s.isWord(i + 1, "o'clock") || loose {
                guard let (hh, amb) = resolveHour(h.lex.number, nil) else { return nil }
                return Clock(hour: hh, minute: 0, ambiguous: amb, length: s.isWord(i + 1, "o'clock") ? 2 : 1)
            }
            return nil
        }
        guard h.kind == .number else { return nil }
        var j = i + 1
        var minute = 0
        var hour = h.number
        var hasMinutes = false
        if h.digits <= 2 {
            if let sep = s.tok(j), sep.kind == .punct, sep.glued, sep.text == ":" || sep.text == ".",
                let mm = s.tok(j + 1), mm.kind == .number, mm.glued, mm.digits == 2
            {
                if sep.text == "." {
                    // "5.30" is a price unless am/pm follows or a preposition came first.
                    guard loose || meridiem(s, j + 2) != nil else { return nil }
                }
                minute = mm.number
                hasMinutes = true
                j += 2
                if s.isWord(j, "h"), s.glued(j) { j += 1 }  // 15:00h
                // seconds
                if s.isPunct(j, ":"), s.glued(j), let ss = s.tok(j + 1), ss.kind == .number, ss.glued, ss.digits == 2 {
                    j += 2
                }
            } else if s.isWord(j, "h"), s.glued(j) {
                // 17h30, 17h
                if let mm = s.tok(j + 1), mm.kind == .number, mm.glued, mm.digits == 2 {
                    minute = mm.number
                    hasMinutes = true
                    j += 2
                } else if hour >= 13 || loose, !(s.tok(j + 1)?.glued ?? false) {
                    j += 1
                    hasMinutes = true
                } else {
                    return nil
                }
            }
        } else if h.digits == 4, loose || s.isWord(j, ["h", "hrs", "hours"]) {
            hour = h.number / 100
            minute = h.number % 100
            hasMinutes = true
            if s.isWord(j, ["h", "hrs", "hours"]) { j += 1 }
            guard h.number >= 100 || h.text.hasPrefix("0") else { return nil }
        } else {
            return nil
        }
        guard minute < 60 else { return nil }
        if let (m, mn) = meridiem(s, j) {
            guard let (hh, _) = resolveHour(hour, m) else { return nil }
            return Clock(hour: hh, minute: minute, ambiguous: false, length: j + mn - i)
        }
        if s.isWord(j, "o'clock"), !hasMinutes {
            guard let (hh, amb) = resolveHour(hour, nil) else { return nil }
            return Clock(hour: hh, minute: 0, ambiguous: amb, length: j + 1 - i)
        }
        guard hasMinutes || loose else { return nil }
        if !hasMinutes, h.digits > 2 { return nil }
        // "17:30" and "05:30" are as written; "5:30" and "at 5" are guesses a part of the day may correct.
        if hasMinutes, h.digits >= 2 {
            guard hour < 24 else { return nil }
            return Clock(hour: hour, minute: minute, ambiguous: false, length: j - i)
        }
        guard let (hh, amb) = resolveHour(hour, nil) else { return nil }
        return Clock(hour: hh, minute: minute, ambiguous: amb, length: j - i)
    }

    static func temporal(_ c: Clock) -> Temporal {
        var t = Temporal(time: LocalTime(hour: c.hour, minute: c.minute))
        t.ambiguousHour = c.ambiguous
        return t
    }

    /// Reads "in the morning", "at night", "this evening", "tonight" right after a clock time.
    static func trailingPart(_ s: Scanner, _ i: Int) -> (DayPart, Int)? {
        var j = i
        if s.isWord(j, "in"), s.isWord(j + 1, "the") { j += 2 } else if s.isWord(j, ["at", "this", "in"]) { j += 1 }
        guard let p = s.tok(j)?.lex.dayPart, p != .noon, p != .lunch, s.tok(j)?.text != "am" else { return nil }
        if j == i, p != .tonight { return nil }
        return (p, j + 1 - i)
    }

    static func adjusted(_ c: Clock, _ part: DayPart) -> Clock {
        var c = c
        if part.isAfterNoon {
            if c.hour >= 1, c.hour < 12 { c.hour += 12 }
        } else if c.ambiguous, c.hour > 12 {
            c.hour -= 12
        }
        c.ambiguous = false
        return c
    }

    static func clockTime(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard let tok = s.tok(i), tok.kind == .number || tok.kind == .word else { return nil }
        // A bare hour is a time after a preposition, or when a range or a part of the day follows ("3-5pm",
        // "7 in the morning").
        var c: Clock
        if let strict = clock(s, i, loose: connected) {
            c = strict
        } else if let bare = clock(s, i, loose: true), bare.length == 1,
            trailingPart(s, i + 1) != nil || rangeEnd(s, i + 1).map({ !$0.0.ambiguous }) == true
        {
            c = bare
        } else {
            return nil
        }
        var j = i + c.length
        // 9ish, 9-ish, 9 sharp
        if s.isWord(j, "sharp") {
            j += 1
        } else if s.isWord(j, "ish"), s.glued(j) {
            j += 1
        } else if s.isPunct(j, "-"), s.glued(j), s.isWord(j + 1, "ish") {
            j += 2
        }
        // A number glued to letters or followed by a unit is not a time ("5 days", "3rd").
        if let next = s.tok(j), c.length == 1, tok.kind == .number, j == i + 1 {
            if next.kind == .word, next.glued { return nil }
            if next.lex.unit != nil || next.lex.month > 0 { return nil }
        }
        var t: Temporal
        var rule = "clock time"
        if let (part, pn) = trailingPart(s, j) {
            c = adjusted(c, part)
            j += pn
            t = temporal(c)
            t.dayPart = part
            if part == .tonight {
                t.date = s.today
            }
            rule = "clock time <part of day>"
        } else {
            t = temporal(c)
        }
        // "3-5pm", "9am-11am", "from 2 to 4pm": a start time and a length.
        if let (end, en) = rangeEnd(s, j), connected || tok.kind == .number {
            var start = c
            let minutes = rangeMinutes(&start, end)
            if minutes > 0 {
                var tt = temporal(start)
                tt.ambiguousHour = false
                tt.dayPart = t.dayPart
                tt.date = t.date
                tt.lengthMinutes = minutes
                return Match(
                    length: j + en - i, piece: .temporal(tt), kind: .time,
                    rule: "time range <start>-<end> (a start and a length)")
            }
        }
        return Match(length: j - i, piece: .temporal(t), kind: .time, rule: rule)
    }

    /// The length of "<start> to <end>", settling guessed hours so the range reads forward ("8-9pm" is 20-21,
    /// "9 to 5" is 09-17, "from 3 to 11" is 15-23).
    static func rangeMinutes(_ start: inout Clock, _ end: Clock) -> Int {
        var e = end
        if start.ambiguous, start.hour < 12, start.hour + 12 < e.hour { start.hour += 12 }
        if e.ambiguous, e.hour < 12, e.hour < start.hour, e.hour + 12 > start.hour { e.hour += 12 }
        return (e.hour * 60 + e.minute) - (start.hour * 60 + start.minute)
    }

    /// "-5pm", "to 5pm", "until 17:00" after a start time.
    static func rangeEnd(_ s: Scanner, _ i: Int) -> (Clock, Int)? {
        guard s.isPunct(i, "-") || s.isWord(i, ["to", "till", "until", "til"]) else { return nil }
        guard let c = clock(s, i + 1, loose: true) else { return nil }
        if let next = s.tok(i + 1 + c.length), next.lex.unit != nil { return nil }
        return (c, 1 + c.length)
    }

    /// "from 3 to 5pm", "between 2 and 4pm": the range as a time with a length.
    static func fromRange(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard s.isWord(i, ["from", "between"]), var start = clock(s, i + 1, loose: true) else { return nil }
        let j = i + 1 + start.length
        let sepOK =
            s.isWord(i, "between")
            ? s.isWord(j, "and") : (s.isWord(j, ["to", "till", "until", "til"]) || s.isPunct(j, "-"))
        guard sepOK, let end = clock(s, j + 1, loose: true) else { return nil }
        let minutes = rangeMinutes(&start, end)
        guard minutes > 0 else { return nil }
        var t = temporal(start)
        t.ambiguousHour = false
        t.lengthMinutes = minutes
        return Match(
            length: j + 1 + end.length - i, piece: .temporal(t), kind: .time,
            rule: "from <time> to <time> (a start and a length)")
    }

    /// half past three, quarter past 9, quarter to 5, ten to six, 20 past 4, 5 minutes to 3
    static func pastTo(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        var minutes: Int
        if s.isWord(j, "half") {
            minutes = 30
            j += 1
        } else if s.isWord(j, "quarter") || (s.isWord(j, "a") && s.isWord(j + 1, "quarter")) {
            if s.isWord(j, "a") { j += 1 }
            minutes = 15
            j += 1
        } else if let (n, nn) = s.count(j, allowArticle: false), (1...59).contains(n) {
            minutes = n
            j += nn
            if s.isWord(j, ["minutes", "minute", "mins", "min"]) { j += 1 }
        } else {
            return nil
        }
        guard s.isWord(j, ["past", "after", "to", "before", "til", "till"]) else { return nil }
        let before = s.isWord(j, ["to", "before", "til", "till"])
        if minutes == 30, before { return nil }
        j += 1
        guard var c = clock(s, j, loose: true) else { return nil }
        j += c.length
        let total = c.hour * 60 + (before ? -minutes : minutes)
        c.hour = ((total + 1440) % 1440) / 60
        c.minute = ((total + 1440) % 1440) % 60
        if let (part, pn) = trailingPart(s, j) {
            c = adjusted(c, part)
            j += pn
        }
        return Match(length: j - i, piece: .temporal(temporal(c)), kind: .time, rule: "<minutes> past|to <hour>")
    }
}
