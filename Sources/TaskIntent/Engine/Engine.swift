import TodoCore

/// A match at a token index.
struct Recognised: Sendable {
    var start: Int
    var match: Match
    var end: Int { start + match.length }
}

/// Runs the registry over a token range, left to right, keeping the longest match at each position
/// (chrono's overlap rule). Tokens no rule claims are the title.
enum Engine {
    static func scan(_ s: Scanner, _ range: Range<Int>) -> [Recognised] {
        var found: [Recognised] = []
        found.reserveCapacity(range.count)
        /// What `bareHour` found at the token after the hour, which the loop reaches next.
        var lookedAhead: (index: Int, match: Match?)?
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            // fields read in place: a copy of the token costs a retain and a release
            switch s.tokens[i].kind {
            case .tag, .plusTag:
                found.append(
                    Recognised(
                        start: i, match: Match(length: 1, piece: .tag(s.tokens[i].text), kind: .tag, rule: "#tag")))
                i += 1
                continue
            case .mention:
                found.append(
                    Recognised(
                        start: i,
                        match: Match(length: 1, piece: .assignee(s.tokens[i].text), kind: .assignee, rule: "@person")))
                i += 1
                continue
            case .description:
                found.append(
                    Recognised(
                        start: i,
                        match: Match(
                            length: 1, piece: .description(s.tokens[i].text), kind: .description,
                            rule: "// description")
                    ))
                i += 1
                continue
            case .quoted, .reference, .keyValue:
                i += 1
                continue
            case .word:
                if !s.tokens[i].lex.trigger {
                    i += 1
                    continue
                }
            case .number, .punct:
                break
            }
            var best = lookedAhead?.index == i ? lookedAhead!.match : Registry.best(~0, s, i, connected: false)
            let c = Registry.connectorLength(s, i)
            // "for next monday's meeting": the preposition belongs to the noun the possessive day qualifies
            if c > 0, i + c < end, let m = Registry.best(Registry.afterConnectorMask, s, i + c, connected: true),
                m.length + c > (best?.length ?? 0), !hasPossessive(s, i + c, m.length)
            {
                var m = m
                m.length += c
                best = m
            }
            // "march 3-5", "from monday to wednesday": a whole-day date may open a range
            if var m = best, i + m.length < end {
                switch m.piece {
                case .temporal(var t) where t.time == nil && t.lengthMinutes == nil:
                    if let d = t.date, let (n, days) = DateRangeRules.extend(s, i + m.length, from: d),
                        i + m.length + n <= end
                    {
                        t.lengthMinutes = days * 1440
                        m.length += n
                        m.piece = .temporal(t)
                        best = m
                    }
                case .recurrenceStart(var t) where t.time == nil:
                    if let d = t.date, let (n, days) = DateRangeRules.extend(s, i + m.length, from: d),
                        i + m.length + n <= end
                    {
                        t.lengthMinutes = days * 1440
                        m.length += n
                        m.piece = .temporal(t)
                        m.kind = .date
                        best = m
                    }
                default: break
                }
            }
            // "last friday's minutes" name a day gone by, not a due date: the words stay in the title
            if let m = best, case .temporal(let t) = m.piece, let d = t.date, d < s.today, hasPossessive(s, i, m.length)
            {
                i += m.length
                continue
            }
            if let m = best, i + m.length <= end {
                found.append(Recognised(start: i, match: m))
                i += m.length
                if let hour = bareHour(after: m, s, i, end, lookedAhead: &lookedAhead) {
                    found.append(Recognised(start: i, match: hour))
                    i += hour.length
                }
            } else {
                i += 1
            }
        }
        return found
    }

    static func hasPossessive(_ s: Scanner, _ i: Int, _ length: Int) -> Bool {
        for k in i..<min(i + length, s.count) where s.tokens[k].lex.classes.contains(.possessive) { return true }
        return false
    }

    /// "tomorrow 10", "on friday 2 #work": a lone hour straight after a whole-day date is its time, read
    /// as "at 10". Only at the end of the line, or before a tag, a mark or words another rule claims ("p1",
    /// "every week"), so that "tomorrow 2 tickets" keeps its count in the title.
    private static func bareHour(
        after date: Match, _ s: Scanner, _ i: Int, _ end: Int, lookedAhead: inout (index: Int, match: Match?)?
    ) -> Match? {
        guard case .temporal(let t) = date.piece, t.date != nil, t.time == nil, t.lengthMinutes == nil,
            i < end, let tok = s.tok(i), tok.kind == .number, !tok.glued, tok.digits <= 2,
            let hour = ClockTimeRules.clockTime(s, i, true), hour.length == 1, hour.kind == .time
        else { return nil }
        if i + 1 < end, let next = s.tok(i + 1), next.kind == .word || next.kind == .number {
            let following = Registry.best(~0, s, i + 1, connected: false)
            if following == nil { return nil }
            lookedAhead = (i + 1, following)
        }
        return hour
    }
}
