import TodoCore

/// The one-line human summary of an intent. For an "add" it is written in the grammar's own words, so
/// that the summary parsed again gives the same task (a property the tests check).
enum Summary {
    static func day(_ d: LocalDate, _ today: LocalDate) -> String {
        var text = TextBuilder(capacity: 16)
        appendDay(d, today, to: &text)
        return text.string
    }

    /// "Tue 1 Dec", with the year when it is not this one.
    static func appendDay(_ d: LocalDate, _ today: LocalDate, to text: inout TextBuilder) {
        text.append(MonthNames.weekdaysShort[d.isoWeekday - 1])
        text.append(byte: 0x20)
        text.append(d.day)
        text.append(byte: 0x20)
        text.append(MonthNames.short[d.month - 1])
        if d.year != today.year || d < today {
            text.append(byte: 0x20)
            text.append(d.year)
        }
    }

    static func due(_ due: Due, _ today: LocalDate) -> String {
        var text = TextBuilder(capacity: 24)
        appendDue(due, today, to: &text)
        return text.string
    }

    static func appendDue(_ due: Due, _ today: LocalDate, to text: inout TextBuilder) {
        appendDay(due.date, today, to: &text)
        if let t = due.time {
            text.append(byte: 0x20)
            appendClock(t, to: &text)
        }
    }

    /// `HH:MM`.
    static func appendClock(_ t: LocalTime, to text: inout TextBuilder) {
        if t.hour < 10 { text.append(byte: 0x30) }
        text.append(t.hour)
        text.append(byte: 0x3A)
        if t.minute < 10 { text.append(byte: 0x30) }
        text.append(t.minute)
    }

    static func quoted(_ title: String) -> String {
        var text = TextBuilder(capacity: title.utf8.count + 2)
        appendQuoted(title, to: &text)
        return text.string
    }

    static func appendQuoted(_ title: String, to text: inout TextBuilder) {
        // a title with an apostrophe at a word's end ("the kids' room") goes in double quotes
        var title = title
        let double = title.withUTF8 { bytes in
            guard let last = bytes.last, bytes.contains(0x27) else { return false }
            if last == 0x27 { return true }
            for k in 1..<bytes.count where bytes[k] == 0x20 && bytes[k - 1] == 0x27 { return true }
            return false
        }
        let mark: UInt8 = double ? 0x22 : 0x27
        text.append(byte: mark)
        text.append(title)
        text.append(byte: mark)
    }

    static func ordinal(_ n: Int) -> String {
        if n == -1 { return "last day" }
        let suffix =
            (11...13).contains(n % 100) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th"
        return "\(n)\(suffix)"
    }

    static func weekdays(_ days: [RecurrenceRule.WeekdayNum]) -> String {
        let names = days.map { MonthNames.weekdaysLower[$0.weekday - 1] }
        if names.count <= 1 { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    static func minutes(_ m: Int) -> String {
        let h = m / 60
        let r = m % 60
        return (h > 0 ? "\(h)h" : "") + (r > 0 || h == 0 ? "\(r)m" : "")
    }

    private struct RecurrenceQuestion: Equatable, Sendable {
        var rule: RecurrenceRule
        var today: LocalDate
    }

    /// The preview words the repeat again on every key while the rest of the line is typed.
    private static let lastRecurrence = LastAnswer<RecurrenceQuestion, String>()

    /// "every month on the 1st at 09:00", in words the recurrence grammar reads back.
    static func recurrence(_ r: RecurrenceRule, _ today: LocalDate) -> String {
        lastRecurrence.answer(RecurrenceQuestion(rule: r, today: today)) { words($0.rule, $0.today) }
    }

    private static func words(_ r: RecurrenceRule, _ today: LocalDate) -> String {
        let n = r.interval
        func every(_ unit: String) -> String { n > 1 ? "every \(n) \(unit)s" : "every \(unit)" }
        var text: String
        let workdays = r.byDay.count == 5 && r.byDay.allSatisfy { $0.ordinal == nil && $0.weekday <= 5 }
        let weekend = r.byDay.count == 2 && r.byDay.allSatisfy { $0.ordinal == nil && $0.weekday >= 6 }
        switch r.frequency {
        case .daily:
            text = every("day")
            if !r.byDay.isEmpty { text += " on " + weekdays(r.byDay) }
        case .weekly:
            if r.byDay.isEmpty {
                text = every("week")
            } else if n == 1, workdays {
                text = "every weekday"
            } else if n == 1, weekend {
                text = "every weekend"
            } else if n == 1 {
                text = "every " + weekdays(r.byDay)
            } else {
                text = every("week") + " on " + weekdays(r.byDay)
            }
        case .monthly:
            text = every("month")
            if !r.byMonthDay.isEmpty {
                text += " on the " + r.byMonthDay.map(ordinal).joined(separator: " and ")
            } else if let d = r.byDay.first, let o = d.ordinal {
                text +=
                    " on the " + (o == -1 ? "last" : ordinal(o)) + " " + MonthNames.weekdaysLower[d.weekday - 1]
            }
        case .yearly:
            text = every("year")
            if let m = r.byMonth.first, let d = r.byMonthDay.first, d > 0 {
                text += " on \(d) \(MonthNames.full[m - 1])"
            } else if let m = r.byMonth.first {
                text += " in \(MonthNames.full[m - 1])"
            }
        }
        if r.byHour.count == 1 {
            var clock = TextBuilder(capacity: 8)
            clock.append(" at ")
            appendClock(LocalTime(hour: r.byHour[0], minute: r.byMinute.first ?? 0), to: &clock)
            text += clock.string
        } else if r.byHour.count > 1 {
            text +=
                " at "
                + r.byHour.map { LocalTime(hour: $0, minute: r.byMinute.first ?? 0).description }.joined(
                    separator: " and ")
        }
        if let c = r.count { text += " for \(c) times" }
        if let u = r.until {
            switch u {
            case .date(let d): text += " until " + day(d, today)
            case .dateTime(let dt), .utc(let dt): text += " until " + day(dt.date, today)
            }
        }
        return text
    }

    static func draft(_ d: TaskDraft, _ today: LocalDate) -> String {
        var text = TextBuilder(capacity: 96)
        text.append("Add ")
        appendQuoted(d.title, to: &text)
        let dot = " · "
        if let due = d.due {
            text.append(" · due ")
            appendDue(due, today, to: &text)
        }
        if let r = d.recurrence {
            text.append(dot)
            text.append(recurrence(r, today))
        }
        if let s = d.durationSeconds {
            text.append(" · for ")
            text.append(minutes(s / 60))
        }
        if d.priority != .none {
            text.append(dot)
            text.append(d.priority.rawValue)
            text.append(" priority")
        }
        for t in d.tags {
            text.append(" · #")
            text.append(t)
        }
        if let a = d.assignee {
            text.append(" · @")
            text.append(a)
        }
        for r in d.reminders {
            text.append(dot)
            text.append(reminder(r.trigger, today))
        }
        if !d.description.isEmpty {
            let oneLine =
                d.description.utf8.contains(10)
                ? d.description.split(separator: "\n").joined(separator: " ") : d.description
            text.append(" · // ")
            text.append(oneLine)
        }
        return text.string
    }

    static func reminder(_ t: Reminder.Trigger, _ today: LocalDate) -> String {
        switch t {
        case .beforeDue(let m): m == 0 ? "remind me when due" : "remind me \(minutes(m)) before"
        case .absolute(let at): "remind me " + day(at.date, today) + " \(at.time)"
        }
    }

    static func of(_ intent: Intent, _ context: ParseContext) -> String {
        let today = context.reference.date
        func name(_ id: TaskID) -> String {
            if let t = context.visibleTasks.first(where: { $0.id == id }) { return "\(t.number) \(quoted(t.title))" }
            return id == context.lastTask ? "it" : id.short
        }
        switch intent {
        case .add(let d): return draft(d, today)
        case .commands(let cs): return cs.map { command($0, name, today) }.joined(separator: " · ")
        case .query(let q): return query(q, today)
        case .undo: return "Undo the last change"
        case .help(let topic): return "Help" + (topic.map { " on \($0)" } ?? "")
        case .why: return "Explain the last parse"
        case .clarify(let question, _): return question
        case .invalid(let reason): return "Not understood: " + reason
        }
    }

    static func command(_ c: Command, _ name: (TaskID) -> String, _ today: LocalDate) -> String {
        switch c {
        case .add(_, let d): return draft(d, today)
        case .complete(let id): return "Complete " + name(id)
        case .reopen(let id): return "Reopen " + name(id)
        case .delete(let id): return "Delete " + name(id)
        case .rename(let id, let title): return "Rename \(name(id)) to \(quoted(title))"
        case .reschedule(let id, let due):
            return "Move \(name(id)) to " + (due.map { Self.due($0, today) } ?? "no date")
        case .setPriority(let id, let p): return "Set \(name(id)) to \(p.rawValue) priority"
        case .tag(let id, let tags): return "Tag \(name(id)) " + tags.map { "#" + $0 }.joined(separator: " ")
        case .untag(let id, let tags): return "Untag \(name(id)) " + tags.map { "#" + $0 }.joined(separator: " ")
        case .describe(let id, let text): return "Describe \(name(id)): \(text)"
        case .assign(let id, let who): return who.map { "Assign \(name(id)) to @\($0)" } ?? "Unassign \(name(id))"
        case .comment(let id, let text): return "Comment on \(name(id)): \(text)"
        case .setRecurrence(let id, let r): return "Repeat \(name(id)) " + (r.map { recurrence($0, today) } ?? "never")
        case .remind(let id, let r): return "Remind about \(name(id)): " + reminder(r.trigger, today)
        case .stopReminding(let id, _): return "Stop reminders for \(name(id))"
        case .snooze(let id, let m): return "Snooze \(name(id)) for \(minutes(m))"
        case .triggerReminder(let id, _): return "Reminder for \(name(id))"
        }
    }

    static func query(_ q: TaskQuery, _ today: LocalDate) -> String {
        var parts = ["Show \(q.status == .any ? "all" : q.status.rawValue) tasks"]
        if let due = q.due {
            switch due {
            case .overdue: parts.append("overdue")
            case .today: parts.append("due today")
            case .tomorrow: parts.append("due tomorrow")
            case .thisWeek: parts.append("due this week")
            case .nextWeek: parts.append("due next week")
            case .nextDays(let n): parts.append("due in the next \(n) days")
            case .range(let a, let b): parts.append("due \(day(a, today)) to \(day(b, today))")
            case .on(let d): parts.append("due " + day(d, today))
            case .before(let d): parts.append("due before " + day(d, today))
            case .after(let d): parts.append("due after " + day(d, today))
            case .noDate: parts.append("with no due date")
            case .anyDate: parts.append("with a due date")
            }
        }
        if let p = q.priority {
            switch p {
            case .atLeast(let x): parts.append("\(x.rawValue) priority or higher")
            case .equal(let x): parts.append("\(x.rawValue) priority")
            case .atMost(let x): parts.append("\(x.rawValue) priority or lower")
            }
        }
        for t in q.tags { parts.append("#" + t) }
        if let a = q.assignee { parts.append("@" + a) }
        if let t = q.text { parts.append("matching \(quoted(t))") }
        parts.append("sorted by \(q.sort.key.rawValue) \(q.sort.direction == .ascending ? "ascending" : "descending")")
        if let l = q.limit { parts.append("first \(l)") }
        return parts.joined(separator: " · ")
    }
}
