import TodoCore

/// Parts of the day with their documented default times: early morning 07:00, morning 09:00,
/// late morning 11:00, noon/lunch 12:00, afternoon 15:00, late afternoon 17:00, after work 18:00,
/// evening 19:00, tonight 20:00, night 21:00, before work 08:00, "first thing" 08:00.
/// An explicit clock time said in the same line wins over these defaults.
enum DayPartRules {
    static func dayPart(_ s: Scanner, _ i: Int, _ connected: Bool) -> Match? {
        var j = i
        if s.isWord(j, "in"), s.isWord(j + 1, "the") {
            j += 2
        } else if s.isWord(j, "during"), s.isWord(j + 1, "the") {
            j += 2
        } else if s.isWord(j, ["at", "in", "during", "around", "by"]) {
            j += 1
        }
        var part: DayPart?
        var extra = 0
        if s.isWord(j, "early"), s.isWord(j + 1, "morning") {
            part = .earlyMorning
            extra = 1
        } else if s.isWord(j, "late"), s.isWord(j + 1, "morning") {
            part = .lateMorning
            extra = 1
        } else if s.isWord(j, "late"), s.isWord(j + 1, "afternoon") {
            part = .lateAfternoon
            extra = 1
        } else if s.isWord(j, "late"), s.isWord(j + 1, ["evening", "night"]) {
            part = .night
            extra = 1
        } else if s.isWord(j, ["after", "before"]), s.isWord(j + 1, "work") {
            part = s.isWord(j, "after") ? .afterWork : .beforeWork
            extra = 1
        } else if s.isWord(j, "first"), s.isWord(j + 1, "thing") {
            part = .beforeWork
            extra = 1
            if s.isWord(j + 2, "in"), s.isWord(j + 3, "the"), s.isWord(j + 4, "morning") { extra = 4 }
        } else if let p = s.tok(j)?.lex.dayPart, s.tok(j)?.text != "am", p != .tonight {
            // a bare "morning" or "night" inside a title ("night shift") needs a preposition
            if j == i, !connected, p != .noon { return nil }
            part = p
        } else {
            return nil
        }
        guard let part else { return nil }
        j += extra + 1
        var t = Temporal(time: LocalTime(hour: part.time.hour, minute: part.time.minute))
        t.timeIsDefault = true
        t.dayPart = part
        return Match(length: j - i, piece: .temporal(t), kind: .time, rule: "<part of day> (its default time)")
    }
}
