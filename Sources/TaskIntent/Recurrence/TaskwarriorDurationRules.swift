import TodoCore

/// Taskwarrior's durations as attribute values: "recur:2w" (every 2 weeks), "recur:3d", "due:1w" (a week
/// from now), "wait:2d". Only right after "recur:"/"due:"/"scheduled:" so "print 3d model" keeps its words.
enum TaskwarriorDurationRules {
    static func attributeDuration(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard connected, s.isPunct(i - 1, ":"), let key = s.word(i - 2),
            let n = s.tok(i), n.kind == .number, n.digits <= 3, let u = s.tok(i + 1), u.glued, let unit = u.lex.unit
        else { return nil }
        if s.tok(i + 2)?.glued == true { return nil }  // "2w3" is not a duration
        switch key {
        case "recur", "recurs", "repeat", "repeats":
            let r: RecurrenceRule
            switch unit {
            case .day: r = RecurrenceRule(frequency: .daily, interval: n.number)
            case .week: r = RecurrenceRule(frequency: .weekly, interval: n.number)
            case .fortnight: r = RecurrenceRule(frequency: .weekly, interval: 2 * n.number)
            case .month: r = RecurrenceRule(frequency: .monthly, interval: n.number)
            case .quarter: r = RecurrenceRule(frequency: .monthly, interval: 3 * n.number)
            case .year: r = RecurrenceRule(frequency: .yearly, interval: n.number)
            default: return nil
            }
            return Match(length: 2, piece: RecurrenceRules.spec(r), kind: .recurrence, rule: "recur:<n><unit>")
        case "due", "scheduled", "sched":
            var a = Amount()
            a.add(unit, n.number)
            let t = RelativeOffsetRules.apply(a, to: s.today, at: s.now)
            return Match(length: 2, piece: .temporal(t), kind: .date, rule: "due:<n><unit>")
        default: return nil
        }
    }
}
