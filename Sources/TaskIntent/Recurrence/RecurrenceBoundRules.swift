import TodoCore

/// What bounds a repeat: "starting next monday", "from dec 1", "until march", "through 2027-06-30",
/// "for 10 times", "10 times", "x10". Without a repeat in the same line, "starting"/"until" set the
/// due date instead and a bare count goes back into the title (see `Assembler`).
enum RecurrenceBoundRules {
    static func starting(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        if s.isWord(j, "as"), s.isWord(j + 1, "of") {
            j += 2
        } else if s.isWord(j, ["starting", "beginning", "effective", "commencing", "starts", "begins", "start"]) {
            j += 1
            if s.isWord(j, ["from", "on", "at"]) { j += 1 }
        } else if s.isWord(j, "from") {
            j += 1
        } else {
            return nil
        }
        guard let m = Registry.temporal(s, j, connected: true), case .temporal(let t) = m.piece,
            t.date != nil || t.time != nil, t.lengthMinutes == nil
        else {
            return nil  // "from 2 to 4pm" is a time range
        }
        return Match(length: j - i + m.length, piece: .recurrenceStart(t), kind: .recurrence, rule: "starting <date>")
    }

    static func until(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        guard s.isWord(i, ["until", "till", "til", "through", "thru", "ending", "ends", "end"]) else { return nil }
        var j = i + 1
        if s.isPunct(j, ":"), s.glued(j) { j += 1 }  // Taskwarrior's until:eom
        if s.isWord(i, ["ending", "ends", "end"]), s.isWord(j, ["on", "by", "in"]) {
            j += 1
        } else if s.isWord(i, ["ending", "ends", "end"]) {
            return nil
        }
        guard let m = Registry.temporal(s, j, connected: true), case .temporal(let t) = m.piece, let d = t.date else {
            return nil
        }
        return Match(length: j - i + m.length, piece: .recurrenceUntil(d), kind: .recurrence, rule: "until <date>")
    }

    static func count(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        if s.isWord(j, "for") { j += 1 }
        if s.isWord(j, "x"), let n = s.tok(j + 1), n.kind == .number, n.glued, j == i {
            return Match(length: 2, piece: .recurrenceCount(n.number), kind: .recurrence, rule: "x<count>")
        }
        guard let (n, nn) = s.count(j, allowArticle: false), s.isWord(j + nn, ["times", "occurrences", "repetitions"])
        else {
            return nil
        }
        if s.isWord(j + nn + 1, ["a", "per", "each", "every", "an"]) { return nil }
        guard n >= 1, n <= 10_000 else { return nil }
        j += nn + 1
        if s.isWord(j, "total") { j += 1 }
        return Match(length: j - i, piece: .recurrenceCount(n), kind: .recurrence, rule: "<n> times")
    }
}
