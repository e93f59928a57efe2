import TodoCore

/// Reminders said inside a line: "remind me 30 minutes before", "with a reminder 1 hour before",
/// "alert me at 5pm", "reminder tomorrow at 9", "30 min before" (after "remind"). A relative reminder
/// counts back from the due time; an absolute one is a wall-clock moment in the task's zone.
enum ReminderRules {
    static func reminder(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        if s.isWord(j, "with"), s.isWord(j + 1, ["a", "an"]) { j += 2 }
        if s.isWord(j, ["remind", "alert", "notify", "ping", "nudge", "warn"]), s.isWord(j + 1, ["me", "us"]) {
            j += 2
        } else if s.isWord(j, ["reminder", "alert", "notification"]) {
            j += 1
            if s.isPunct(j, ":") { j += 1 }
        } else {
            return nil
        }
        if s.isWord(j, ["to", "that", "about", "of"]) { return nil }  // "remind me to ..." is a command
        if let (a, n) = Amount.parse(s, j), s.isWord(j + n, ["before", "early", "ahead", "prior"]) {
            var k = j + n + 1
            if s.isWord(k, ["it's", "its"]) || s.isWord(k, "it") { k += 1 }
            if s.isWord(k, "due") { k += 1 }
            return Match(
                length: k - i, piece: .reminder(.beforeDue(minutes: a.seconds / 60)), kind: .reminder,
                rule: "remind me <duration> before")
        }
        if s.isWord(j, ["when", "on", "at"]), s.isWord(j + 1, ["due", "time"]) || s.isWord(j + 1, "it's") {
            return Match(
                length: j + 2 - i, piece: .reminder(.beforeDue(minutes: 0)), kind: .reminder, rule: "remind me when due"
            )
        }
        // an absolute moment: the temporal pieces that follow are read as the reminder time
        var k = j
        var first: Temporal?
        var last = j
        while let m = Registry.temporal(s, k, connected: true) ?? connectorTemporal(s, k),
            case .temporal(let t) = m.piece
        {
            if var f = first {
                if f.date == nil { f.date = t.date }
                if f.time == nil || f.timeIsDefault { f.time = t.time ?? f.time }
                first = f
            } else {
                first = t
            }
            k += m.length
            last = k
        }
        guard var t = first else { return nil }
        if t.time == nil { t.time = LocalTime(hour: 9, minute: 0) }
        let time = t.time!
        var date = t.date ?? s.today
        if t.date == nil, time <= s.now { date = date.adding(days: 1) }
        return Match(
            length: last - i, piece: .reminder(.absolute(LocalDateTime(date: date, time: time))), kind: .reminder,
            rule: "remind me at <time>")
    }

    private static func connectorTemporal(_ s: Scanner, _ i: Int) -> Match? {
        let c = Registry.connectorLength(s, i)
        guard c > 0, var m = Registry.temporal(s, i + c, connected: true) else { return nil }
        m.length += c
        return m
    }
}
