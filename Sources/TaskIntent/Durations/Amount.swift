/// An amount of time as people say it: "2 weeks", "1h30m", "an hour and a half", "half an hour",
/// "1.5 hours", "2 days and 3 hours", "a quarter of an hour", "P1DT2H" (ISO 8601).
/// Calendar units stay calendar units (a month is not 30 days) until a date is computed.
struct Amount: Sendable, Hashable {
    var months = 0
    var days = 0
    var minutes = 0
    var businessDays = 0
    /// The largest unit said, for "for 3 weeks" after a repeat.
    var mainUnit: TimeUnit = .minute
    var mainCount = 0

    var isClockOnly: Bool { months == 0 && days == 0 && businessDays == 0 }

    /// Nominal length in seconds (a month is 30 days), for durations.
    var seconds: Int { ((months * 30 + days + businessDays) * 1440 + minutes) * 60 }

    mutating func add(_ unit: TimeUnit, _ count: Int, half: Bool = false) {
        switch unit {
        case .minute: minutes += count + (half ? 0 : 0)
        case .hour: minutes += count * 60 + (half ? 30 : 0)
        case .day:
            days += count
            if half { minutes += 720 }
        case .businessDay: businessDays += count
        case .week:
            days += count * 7
            if half {
                days += 3
                minutes += 720
            }
        case .fortnight:
            days += count * 14
            if half { days += 7 }
        case .month:
            months += count
            if half { days += 15 }
        case .quarter:
            months += count * 3
            if half { days += 45 }
        case .year:
            months += count * 12
            if half { months += 6 }
        }
        if unit.seconds >= mainUnit.seconds || mainCount == 0 {
            mainUnit = unit
            mainCount = count
        }
    }

    static func parse(_ s: Scanner, _ i: Int) -> (Amount, Int)? {
        if let iso = isoDuration(s, i) { return iso }
        var a = Amount()
        var j = i
        var parts = 0
        while true {
            guard let (part, n) = onePart(s, j, into: &a) else { break }
            _ = part
            parts += 1
            j += n
            // "1 hour and 30 minutes", "2 days, 3 hours", "1h30m"
            var k = j
            if s.isWord(k, "and") || s.isPunct(k, ",") { k += 1 }
            if k != j, s.isWord(k, "a"), s.isWord(k + 1, "half") { break }
            if let t = s.tok(k), t.kind == .number || (t.kind == .word && t.lex.number > 0 && t.text != "a") {
                var probe = a
                if onePart(s, k, into: &probe) != nil {
                    j = k
                    continue
                }
            }
            break
        }
        guard parts > 0 else { return nil }
        return (a, j - i)
    }

    /// One "<count> <unit>" (or "half an hour", "an hour and a half", "1.5 hours").
    private static func onePart(_ s: Scanner, _ i: Int, into a: inout Amount) -> (Bool, Int)? {
        // half an hour / half a day / a half hour / quarter of an hour
        var j = i
        if s.isWord(j, "a"), s.isWord(j + 1, ["half", "quarter"]) { j += 1 }
        if s.isWord(j, "half") || s.isWord(j, "quarter") {
            let quarter = s.isWord(j, "quarter")
            var k = j + 1
            if s.isWord(k, "of") { k += 1 }
            if s.isWord(k, ["an", "a"]) { k += 1 }
            guard let u = s.tok(k)?.lex.unit, u != .businessDay else { return nil }
            if quarter {
                guard u == .hour else { return nil }
                a.add(.minute, 15)
            } else if u == .hour {
                a.add(.minute, 30)
            } else {
                a.add(u, 0, half: true)
            }
            return (true, k + 1 - i)
        }
        guard let (n, cn) = s.count(j) else { return nil }
        j += cn
        // decimals: 1.5 hours
        var half = false
        if s.isPunct(j, "."), s.glued(j), let frac = s.tok(j + 1), frac.kind == .number, frac.glued {
            guard frac.text == "5" || frac.text == "50" else { return nil }
            half = true
            j += 2
        }
        if s.isWord(j, "and"), s.isWord(j + 1, "a"), s.isWord(j + 2, "half") {
            half = true
            j += 3
        }
        // "3 business days", "2 working days"
        if s.isWord(j, ["business", "working", "work"]), s.isWord(j + 1, ["day", "days"]) {
            guard n <= 10_000 else { return nil }
            a.add(.businessDay, n)
            return (true, j + 2 - i)
        }
        guard let unitTok = s.tok(j), let u = unitTok.lex.unit else { return nil }
        // Single-letter units only glued to the number ("3d", "1h30m"); "3 m" is not "3 minutes".
        if unitTok.text.count == 1 || unitTok.text == "mo" || unitTok.text == "mn" {
            guard unitTok.glued, s.tok(j - 1)?.kind == .number else { return nil }
        }
        if u == .businessDay, s.isWord(j - 1, ["a", "an"]) == false, n == 0 { return nil }
        j += 1
        if s.isWord(j, "and"), s.isWord(j + 1, "a"), s.isWord(j + 2, "half") {
            half = true
            j += 3
        }
        guard n <= 10_000 else { return nil }
        a.add(u, n, half: half)
        return (true, j - i)
    }

    /// P1D, P2W, PT1H30M, P1DT12H (ISO 8601 durations; years and months are calendar units).
    private static func isoDuration(_ s: Scanner, _ i: Int) -> (Amount, Int)? {
        guard let p = s.tok(i), p.kind == .word, p.text == "p" || p.text == "pt" else { return nil }
        var inTime = p.text == "pt"
        var j = i + 1
        var a = Amount()
        var parts = 0
        while let n = s.tok(j), n.kind == .number, n.glued, let u = s.tok(j + 1), u.kind == .word, u.glued {
            var letters = Array(u.text)
            var consumed = 2
            func apply(_ c: Character) -> Bool {
                switch (c, inTime) {
                case ("y", false): a.add(.year, n.number)
                case ("m", false): a.add(.month, n.number)
                case ("w", false): a.add(.week, n.number)
                case ("d", false): a.add(.day, n.number)
                case ("h", true): a.add(.hour, n.number)
                case ("m", true): a.add(.minute, n.number)
                case ("s", true): break
                default: return false
                }
                return true
            }
            guard let first = letters.first, apply(first) else { return nil }
            parts += 1
            letters.removeFirst()
            if letters == ["t"] {
                inTime = true
            } else if !letters.isEmpty {
                return nil
            }
            j += consumed
            consumed = 0
        }
        guard parts > 0 else { return nil }
        return (a, j - i)
    }
}
