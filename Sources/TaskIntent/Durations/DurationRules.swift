import TodoCore

/// How long a task takes: "for 2 hours", "for an hour and a half", "lasting 30 min", "takes 45m",
/// "1h30m", "2h", "PT1H30M", "P1D". A bare "3d" or "2w" stays text ("print 3d model"); only hours and
/// minutes stand alone.
enum DurationRules {
    static func forAmount(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard s.isWord(i, ["for", "lasting", "takes", "taking", "duration", "est", "estimate", "estimated"]) else {
            return nil
        }
        var j = i + 1
        if s.isPunct(j, ":") { j += 1 }
        if s.isWord(j, ["about", "around", "roughly", "approximately", "approx", "like"]) { j += 1 }
        guard let (a, n) = Amount.parse(s, j) else { return nil }
        // "for 3 days" after a date is a length too; "for tomorrow" is not an amount and never reaches here.
        return Match(
            length: j + n - i, piece: .duration(seconds: a.seconds, unit: a.mainUnit, count: a.mainCount),
            kind: .duration,
            rule: "for <duration>")
    }

    static func compact(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard let t = s.tok(i) else { return nil }
        if t.kind == .word, t.text == "p" || t.text == "pt", let (a, n) = Amount.parse(s, i) {
            return Match(
                length: n, piece: .duration(seconds: a.seconds, unit: a.mainUnit, count: a.mainCount), kind: .duration,
                rule: "ISO 8601 duration")
        }
        guard t.kind == .number, let u = s.tok(i + 1), u.glued, u.kind == .word,
            ["h", "hr", "hrs", "min", "mins", "m", "hours", "minutes", "hour", "minute"].contains(u.text)
        else { return nil }
        if u.text == "m" { return nil }  // "5m" alone may be metres or millions
        guard let (a, n) = Amount.parse(s, i), a.isClockOnly, a.minutes > 0 else { return nil }
        return Match(
            length: n, piece: .duration(seconds: a.seconds, unit: a.mainUnit, count: a.mainCount), kind: .duration,
            rule: "<n>h<m>m duration")
    }
}
