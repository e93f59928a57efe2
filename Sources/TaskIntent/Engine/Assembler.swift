import Foundation
import TodoCore

/// Turns what the rules recognised into a task draft: merges the date and time pieces, anchors a repeat
/// at its first occurrence, and reads the title from the tokens no rule claimed.
struct Assembly: Sendable {
    var draft: TaskDraft
    var invalid: String?
    var warnings: [String] = []
    /// Matches that made it into the draft (a second date, say, goes back to the title).
    var used: [Recognised] = []
    /// Byte ranges of the title words, and whether each is a quoted literal.
    var titleRanges: [(Int, Int, Bool)] = []
    var hasTemporal = false
    var noDate = false
    /// A date said with no clock time.
    var dueWasSaid: Bool { draft.due != nil }
}

enum Assembler {
    static let fillerAtEdges: Set<String> = ["and", "&", "then", "also", "plus"]
    /// Marks left out at the edges of a title.
    static let edgeMarks = [",", "-", ":", ";", "|", "&", "+", "/", "–"]

    static func assemble(_ s: Scanner, _ input: Input, _ range: Range<Int>, _ found: [Recognised], zone: TimeZone)
        -> Assembly
    {
        var a = Assembly(draft: TaskDraft(title: ""))
        var date: LocalDate?
        /// The rule that read the date, so "weekly review on friday" can bind the day to the repeat.
        var dateRule = ""
        var time: LocalTime?
        var timeIsDefault = false
        var ambiguous = false
        var part: DayPart?
        var exact = false
        var spanMinutes: Int?
        var recurrence: RecurrenceSpec?
        var recurrenceIndex: Int?
        var start: Temporal?
        var until: LocalDate?
        var count: Int?
        var durations: [(Int, TimeUnit, Int, Recognised)] = []
        // indexes into found, made when the first is released; a Set cost a hash table (and its metadata) per key
        var released: [Bool] = []
        var used: [Recognised] = []
        let occasions = occasions(s, found)
        func release(_ k: Int) {
            if released.isEmpty { released = [Bool](repeating: false, count: found.count) }
            released[k] = true
        }

        for (k, r) in found.enumerated() {
            switch r.match.piece {
            case .temporal(let t):
                a.hasTemporal = true
                if let d = t.date {
                    if let date, date != d {
                        release(k)
                        continue
                    }
                    if occasions.contains(k) {
                        release(k)
                        continue
                    }
                    if date == nil {
                        exact = t.exact
                        dateRule = r.match.rule
                    }
                    date = d
                }
                if let tm = t.time {
                    if time == nil || (timeIsDefault && !t.timeIsDefault) {
                        time = tm
                        timeIsDefault = t.timeIsDefault
                        ambiguous = t.ambiguousHour
                    } else if !t.timeIsDefault, !timeIsDefault, tm != time, t.date == nil {
                        release(k)
                        continue
                    }
                }
                if let p = t.dayPart { part = part ?? p }
                if let m = t.lengthMinutes { spanMinutes = spanMinutes ?? m }
            case .recurrence(let spec):
                // Two repeats: the longer phrase is the schedule ("quarterly review on the first monday of every
                // quarter"); the shorter one goes back to the title.
                if let previous = recurrenceIndex {
                    if found[previous].match.length >= r.match.length {
                        release(k)
                        continue
                    }
                    release(previous)
                }
                recurrence = spec
                recurrenceIndex = k
                if let p = spec.dayPart { part = part ?? p }
            case .recurrenceStart(let t): start = t
            case .recurrenceUntil(let d): until = d
            case .recurrenceCount(let n): count = n
            case .duration(let seconds, let unit, let n): durations.append((seconds, unit, n, r))
            case .priority(let p): if a.draft.priority == .none { a.draft.priority = p }
            case .tag(let tag):
                if !a.draft.tags.contains(where: { $0.lowercased() == tag.lowercased() }) { a.draft.tags.append(tag) }
            case .assignee(let who): if a.draft.assignee == nil { a.draft.assignee = who }
            case .description(let text):
                a.draft.description = a.draft.description.isEmpty ? text : a.draft.description + "\n" + text
            case .reminder(let trigger):
                a.draft.reminders.append(Reminder(id: "reminder-\(a.draft.reminders.count + 1)", trigger: trigger))
            case .noDate: a.noDate = true
            case .invalid(let reason): if a.invalid == nil { a.invalid = reason }
            case .warning(let w): a.warnings.append(w)
            }
            used.append(r)
        }

        // A bare count ("3 times") without a repeat was part of the title.
        if recurrence == nil, count != nil {
            for (k, r) in found.enumerated() {
                if case .recurrenceCount = r.match.piece { release(k) }
            }
            count = nil
        }
        if !released.isEmpty {
            used = found.indices.filter { !released[$0] }.map { found[$0] }
        }

        // A part of the day corrects a guessed hour ("at 7 tonight" is 19:00... and "8 tonight" 20:00).
        if var tm = time, ambiguous, let part, !timeIsDefault {
            if part.isAfterNoon, tm.hour < 12 {
                tm.hour += 12
            } else if !part.isAfterNoon, tm.hour > 12 {
                tm.hour -= 12
            }
            time = tm
        }

        // "midnight tonight" is the midnight that ends today
        if time == LocalTime(hour: 0, minute: 0), part == .tonight, let d = date { date = d.adding(days: 1) }
        let now = LocalDateTime(date: s.today, time: s.now)
        if var spec = recurrence {
            var rule = spec.rule
            let clock = time ?? spec.impliedTime
            if let clock, rule.byHour.isEmpty {
                rule.byHour = [clock.hour]
                rule.byMinute = [clock.minute]
            }
            // "weekly review on friday", "monthly rent on the 15th": a day said apart from the repeat is its day
            if rule.byDay.isEmpty, rule.byMonthDay.isEmpty, start == nil, let d = date {
                if rule.frequency == .weekly, dateRule.hasSuffix("<weekday>") {
                    rule.byDay = [RecurrenceRule.WeekdayNum(d.isoWeekday)]
                } else if rule.frequency == .monthly, dateRule == "the <ordinal day>" {
                    rule.byMonthDay = [d.day]
                } else if rule.frequency == .monthly, dateRule == "the <nth> <weekday>" {
                    rule.byDay = [RecurrenceRule.WeekdayNum(d.isoWeekday, ordinal: (d.day - 1) / 7 + 1)]
                } else if rule.frequency == .monthly, dateRule == "the last <weekday>" {
                    rule.byDay = [RecurrenceRule.WeekdayNum(d.isoWeekday, ordinal: -1)]
                }
            }
            // "every day from dec 1 to dec 20": a range of days bounds the repeat instead of lasting
            if until == nil, let m = spanMinutes, m % 1440 == 0, let d = start?.date ?? date {
                until = d.adding(days: m / 1440 - 1)
                spanMinutes = nil
            }
            if let until { rule.until = .date(until) }
            if let count { rule.count = count }
            // "every day for 2 weeks": a length after a repeat bounds it.
            let from = start?.date ?? date ?? s.today
            if let (_, unit, n, _) = durations.first(where: { $0.1 != .minute && $0.1 != .hour }), rule.until == nil,
                rule.count == nil
            {
                var amount = Amount()
                amount.add(unit, n)
                rule.until = .date(RelativeOffsetRules.apply(amount, to: from, at: nil).date!.adding(days: -1))
                durations.removeAll { $0.1 != .minute && $0.1 != .hour }
            }
            spec.rule = rule
            let firstTime = clock ?? (start?.time)
            if let first = FirstOccurrence.of(
                rule, from: from, time: firstTime, notBefore: now, zone: zone, zoneName: s.zone)
            {
                a.draft.due = Due(
                    date: first.date, time: firstTime == nil ? nil : first.time, timeZone: s.zone)
            } else {
                a.invalid = a.invalid ?? "That repeat never happens (\(rule.rrule))."
            }
            a.draft.recurrence = rule
        } else {
            if date == nil, let st = start?.date { date = st }
            if date == nil, let u = until { date = u }
            if let tm = time ?? start?.time, date == nil {
                // A time alone is the next such time: today if it is still ahead, else tomorrow.
                date = tm > s.now ? s.today : s.today.adding(days: 1)
                time = tm
            }
            if let date {
                a.draft.due = Due(date: date, time: time, timeZone: s.zone)
                let due = LocalDateTime(date: date, time: time ?? LocalTime(hour: 23, minute: 59))
                if date < s.today || (exact && due < now) || (time != nil && date == s.today && due < now) {
                    a.warnings.append("\(Summary.day(date, s.today)) is in the past.")
                }
            }
        }
        if let d = durations.first {
            a.draft.durationSeconds = d.0
        } else if let m = spanMinutes {
            a.draft.durationSeconds = m * 60
        }
        if durations.count > 1 {
            used.removeAll { r in durations.dropFirst().contains { $0.3.start == r.start } }
        }
        // "someday" means no date, unless a date was said as well ("next week sometime")
        if a.noDate, date == nil, recurrence == nil { a.draft.due = nil }

        // Title: the tokens nothing claimed, in order, quoted parts kept literally.
        var claimed = [Bool](repeating: false, count: s.count)
        for r in used { for k in r.start..<r.end { claimed[k] = true } }
        if a.draft.priority == .none, let (k, p) = lonePriority(s, range, claimed) {
            a.draft.priority = p
            claimed[k] = true
            used.append(
                Recognised(start: k, match: Match(length: 1, piece: .priority(p), kind: .priority, rule: "lone level")))
        }
        a.used = used
        var first = range.lowerBound
        var last = range.upperBound - 1
        func isEdgeFiller(_ k: Int) -> Bool {
            if claimed[k] { return false }
            if s[k].kind == .punct {
                return Self.edgeMarks.contains(s[k].text)
            }
            return s[k].kind == .word && s[k].lex.classes.contains(.edgeFiller)
        }
        while first <= last, claimed[first] || isEdgeFiller(first) { first += 1 }
        while last >= first, claimed[last] || isEdgeFiller(last) { last -= 1 }
        var title = TextBuilder(capacity: input.bytes.count)
        var previousClaimed = true
        if first <= last {
            for k in first...last {
                let t = s[k]
                // "talk to @bob about the budget": the name stays readable in the title
                if claimed[k], t.kind == .mention, k > first, k < last {
                    title.append(byte: 0x20)
                    title.append(t.text)
                    previousClaimed = false
                    continue
                }
                if claimed[k] {
                    previousClaimed = true
                    continue
                }
                if !title.isEmpty, !t.glued || previousClaimed { title.append(byte: 0x20) }
                if t.kind == .quoted {
                    title.append(t.text)
                    a.titleRanges.append((t.start, t.end, true))
                } else {
                    title.append(input.bytes[t.start..<t.end])
                    if let lastRange = a.titleRanges.last, !lastRange.2, !previousClaimed {
                        a.titleRanges[a.titleRanges.count - 1].1 = t.end
                    } else {
                        a.titleRanges.append((t.start, t.end, false))
                    }
                }
                previousClaimed = false
            }
        }
        a.draft.title = title.string
        return a
    }

    /// "book flights for christmas by next weekend", "buy cake for friday's party due tomorrow": a day after
    /// "for" or a possessive day names the occasion when another day is said as well; that one is the due date,
    /// and the occasion stays in the title. Indexes into `found`.
    static func occasions(_ s: Scanner, _ found: [Recognised]) -> [Int] {
        guard found.count > 1 else { return [] }
        func day(_ r: Recognised) -> LocalDate? {
            if case .temporal(let t) = r.match.piece { return t.date }
            return nil
        }
        func isOccasion(_ r: Recognised) -> Bool {
            s.isWord(r.start, "for") || Engine.hasPossessive(s, r.start, r.match.length)
        }
        guard let due = found.lazy.filter({ !isOccasion($0) }).compactMap(day).first else { return [] }
        return found.indices.filter { isOccasion(found[$0]) && day(found[$0]).map { $0 != due } == true }
    }

    /// Level words that read as a priority when they stand alone; "top" and "none" stay words.
    static let loneLevels: Set<String> = ["high", "highest", "low", "lowest", "medium", "normal"]

    /// "pay rent every month at 9am high #home": a level word cut off from the title by what the rules
    /// recognised, with nothing but recognised parts after it, is the priority. "pay rent high" and
    /// "buy high chair tomorrow" keep the word in the title.
    static func lonePriority(_ s: Scanner, _ range: Range<Int>, _ claimed: [Bool]) -> (Int, Priority)? {
        guard let k = (range.lowerBound..<range.upperBound).last(where: { !claimed[$0] }), k > range.lowerBound,
            claimed[k - 1], let word = s.word(k), loneLevels.contains(word), let p = PriorityRules.words[word],
            (range.lowerBound..<k - 1).contains(where: { !claimed[$0] })
        else { return nil }
        return (k, p)
    }
}
