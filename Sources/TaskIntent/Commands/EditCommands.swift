import TodoCore

/// Commands that change a field of a task: rename, reschedule, priority, tags, description, comment,
/// assignee, reminders, snooze, repeat.
extension LineParse {
    /// rename <ref> to|as <new title>
    mutating func rename(verbStart: Int, argStart: Int, end: Int, strong: Bool) -> ParseResult? {
        let refEnd = referenceEnd(argStart, end, stops: ["to", "as", "into"])
        var titleStart = refEnd
        if s.isWord(titleStart, ["to", "as", "into"]) || s.isPunct(titleStart, ":") { titleStart += 1 }
        guard titleStart < end else {
            if !strong { return nil }
            return finish(.invalid(reason: "Rename to what? e.g. \"rename 3 to buy oat milk\"."))
        }
        let newTitle: String
        if end - titleStart == 1, let q = s.tok(titleStart), q.kind == .quoted {
            newTitle = q.text
        } else {
            newTitle = text(titleStart, end)
        }
        span(.verb, verbStart, argStart)
        let outcome = references(argStart, refEnd)
        span(.title, titleStart, end)
        notes.append(.text("New title: \"\(newTitle)\" (taken literally)."))
        return act(outcome, strong: strong, verb: "rename") { .rename($0.id, title: newTitle) }
    }

    /// reschedule|move|postpone <ref> [to|for|until|on] <date> | by|for <amount> | (nothing: one day later)
    mutating func reschedule(verbStart: Int, argStart: Int, end: Int, strong: Bool) -> ParseResult? {
        // by|for <amount>: a shift of the current due date
        var k = argStart
        var shift: (Amount, Int)?
        while k < end {
            if s.isWord(k, ["by", "for"]) || (s.isWord(k, "back") && s.isWord(k + 1, ["by", "for"])) {
                let a0 = s.isWord(k, "back") ? k + 2 : k + 1
                if let (a, n) = Amount.parse(s, a0), a0 + n == end || s.isWord(a0 + n, ["more", "later"]) {
                    shift = (a, a0)
                    _ = n
                    break
                }
            }
            k += 1
        }
        if let (amount, amountStart) = shift {
            span(.verb, verbStart, argStart)
            span(.date, k, end)
            let outcome = references(argStart, k)
            notes.append(.match(s[k].start, s[end - 1].end, .date, "a shift of the current due date"))
            _ = amountStart
            let (scanner, zoneID) = (s, zone.identifier)
            return act(outcome, strong: true, verb: "reschedule") { t in
                .reschedule(t.id, Self.shifted(t, by: amount, scanner, zoneID))
            }
        }
        // the target date: the first date/time the engine finds after the reference
        let found = scan(argStart..<end)
        let dateHits = found.filter {
            switch $0.match.piece {
            case .temporal, .noDate, .recurrenceStart, .recurrenceUntil: true
            case .invalid: true
            default: false
            }
        }
        var targetStart = dateHits.first?.start
        var refEnd = targetStart ?? end
        // "remove the due date of 3", "move 3 to no date"
        var clear = false
        if targetStart == nil, let nd = noDateStart(argStart, end) {
            clear = true
            refEnd = nd
            targetStart = nd
        }
        guard let targetStart else {
            if phraseIsPostpone(verbStart), strong || s.tok(argStart)?.kind == .number {
                span(.verb, verbStart, argStart)
                let (scanner, zoneID) = (s, zone.identifier)
                var one = Amount()
                one.add(.day, 1)
                return act(references(argStart, end), strong: true, verb: "postpone") { t in
                    .reschedule(t.id, Self.shifted(t, by: one, scanner, zoneID))
                }
            }
            if !strong { return nil }
            return finish(.invalid(reason: "Move it to when? e.g. \"move 3 to friday 5pm\"."))
        }
        while refEnd > argStart,
            s.isWord(refEnd - 1, ["to", "for", "until", "till", "on", "at", "back", "till", "due", "into"])
        {
            refEnd -= 1
        }
        span(.verb, verbStart, argStart)
        let outcome = references(argStart, refEnd)
        if case .missing(_, true) = outcome, !strong { return nil }
        if clear {
            span(.date, targetStart, end)
            return act(outcome, strong: true, verb: "reschedule") { .reschedule($0.id, nil) }
        }
        let a = Assembler.assemble(s, input, targetStart..<end, found.filter { $0.start >= targetStart }, zone: zone)
        for r in a.used { span(r.match.kind, r.start, r.end) }
        warnings.append(contentsOf: a.warnings)
        if let invalid = a.invalid { return finish(.invalid(reason: invalid)) }
        if a.noDate { return act(outcome, strong: true, verb: "reschedule") { .reschedule($0.id, nil) } }
        guard let due = a.draft.due else { return finish(.invalid(reason: "Move it to when?")) }
        for r in a.used {
            notes.append(.match(s[r.start].start, s[r.end - 1].end, r.match.kind, r.match.rule))
        }
        return act(outcome, strong: true, verb: "reschedule") { .reschedule($0.id, due) }
    }

    private func phraseIsPostpone(_ i: Int) -> Bool {
        s.isWord(i, ["postpone", "defer", "delay", "push", "bump", "put"])
    }

    private func noDateStart(_ from: Int, _ to: Int) -> Int? {
        for k in from..<to {
            if s.isWord(k, "no"), s.isWord(k + 1, ["date", "due"]) { return k }
            if s.isWord(k, "without"), s.isWord(k + 1, ["a", "date", "due"]) { return k }
        }
        return nil
    }

    static func shifted(_ t: ParseContext.VisibleTask, by a: Amount, _ s: Scanner, _ zone: String) -> Due {
        let base = t.due ?? Due(date: s.today, timeZone: zone)
        let r = RelativeOffsetRules.apply(a, to: base.date, at: base.time ?? (a.isClockOnly ? s.now : nil))
        return Due(date: r.date ?? base.date, time: r.time ?? base.time, timeZone: base.timeZone)
    }

    /// set priority of <ref> to <level>, prioritize <ref>, make <ref> urgent, deprioritize <ref>
    mutating func priority(verbStart: Int, argStart: Int, end: Int, strong: Bool, lower: Bool) -> ParseResult? {
        var levelStart: Int?
        var level: Priority?
        var k = argStart
        while k < end {
            if let m = PriorityRules.priority(s, k, false) {
                if case .priority(let p) = m.piece {
                    level = p
                    levelStart = k
                }
                break
            }
            if let (p, n) = PriorityRules.level(s, k), k + n == end,
                s.tok(k)?.kind != .number || k > argStart + 0 && s.isWord(k - 1, ["to", "as"])
            {
                level = p
                levelStart = k
                break
            }
            k += 1
        }
        var refEnd = levelStart ?? end
        while refEnd > argStart, s.isWord(refEnd - 1, ["to", "as", "a", "an", "priority", "of", "is"]) { refEnd -= 1 }
        if level == nil {
            guard strong else { return nil }
            level = lower ? .low : .high
        }
        guard let level else { return nil }
        span(.verb, verbStart, argStart)
        if let levelStart { span(.priority, levelStart, end) }
        let outcome = references(argStart, refEnd)
        return act(outcome, strong: strong || levelStart != nil, verb: "set the priority of") {
            .setPriority($0.id, level)
        }
    }

    /// tag <ref> [with|as] work #home, add tag work to <ref>, untag <ref> work, remove tag work from <ref>
    mutating func tags(verbStart: Int, argStart: Int, end: Int, remove: Bool, nounForm: Bool, strong: Bool)
        -> ParseResult?
    {
        var tagNames: [String] = []
        var refFrom = argStart
        var refTo = end
        if nounForm {
            // add tag work to 3 / remove tag work from 3
            var k = argStart
            while k < end, !s.isWord(k, ["to", "from", "on", "for"]) {
                if let t = s.tok(k) {
                    if t.kind == .tag || t.kind == .plusTag || t.kind == .word && t.text != "and" {
                        tagNames.append(t.kind == .word ? t.text : t.text)
                    }
                }
                k += 1
            }
            span(.tag, argStart, k)
            refFrom = min(k + 1, end)
        } else {
            let refEnd = referenceEnd(argStart, end, stops: ["with", "as", "to"])
            refTo = refEnd
            var k = refEnd
            if s.isWord(k, ["with", "as", "to"]) { k += 1 }
            if s.isWord(k, ["tag", "tags", "label", "labels"]) { k += 1 }
            span(.tag, k, end)
            while k < end {
                if let t = s.tok(k), t.kind == .tag || t.kind == .plusTag || (t.kind == .word && t.text != "and") {
                    tagNames.append(t.text)
                }
                k += 1
            }
        }
        guard !tagNames.isEmpty else {
            if !strong { return nil }
            return finish(.invalid(reason: remove ? "Remove which tag?" : "Tag it with what? e.g. \"tag 3 #work\"."))
        }
        span(.verb, verbStart, argStart)
        let outcome = references(refFrom, refTo)
        return act(outcome, strong: strong, verb: remove ? "untag" : "tag") {
            remove ? .untag($0.id, tagNames) : .tag($0.id, tagNames)
        }
    }

    /// describe <ref> as|: <text>, note <ref>: <text>, comment on <ref>: <text>
    mutating func textCommand(verbStart: Int, argStart: Int, end: Int, comment: Bool, strong: Bool) -> ParseResult? {
        let refEnd = referenceEnd(argStart, end, stops: ["as", "with", "saying", "that"])
        var textStart = refEnd
        if s.isWord(textStart, ["as", "with", "saying", "that"]) || s.isPunct(textStart, ":")
            || s.isPunct(textStart, "-")
        {
            textStart += 1
        }
        var body = text(textStart, end)
        if let t = s.tok(textStart), t.kind == .quoted || t.kind == .description, textStart + 1 == end { body = t.text }
        guard !body.isEmpty else {
            if !strong { return nil }
            return finish(
                .invalid(
                    reason: comment
                        ? "What is the comment? e.g. \"comment on 3: called, no answer\"."
                        : "What is the note? e.g. \"note 3: gate code 1234\"."))
        }
        span(.verb, verbStart, argStart)
        span(.description, textStart, end)
        let outcome = references(argStart, refEnd)
        return act(outcome, strong: strong, verb: comment ? "comment on" : "describe") {
            comment ? .comment($0.id, text: body) : .describe($0.id, body)
        }
    }

    /// assign <ref> to @bob, give <ref> to bob, assign @bob to <ref>, unassign <ref>
    mutating func assign(verbStart: Int, argStart: Int, end: Int, unassign: Bool, strong: Bool) -> ParseResult? {
        span(.verb, verbStart, argStart)
        if unassign {
            var stop = end
            if s.isWord(stop - 1, "from"), stop - 1 > argStart { stop -= 1 }
            return act(references(argStart, stop), strong: true, verb: "unassign") { .assign($0.id, nil) }
        }
        // "assign @bob to 3"
        if let m = s.tok(argStart), m.kind == .mention, s.isWord(argStart + 1, "to") {
            span(.assignee, argStart, argStart + 1)
            return act(references(argStart + 2, end), strong: true, verb: "assign") { .assign($0.id, m.text) }
        }
        let refEnd = referenceEnd(argStart, end, stops: ["to"])
        var k = refEnd
        if s.isWord(k, "to") { k += 1 }
        guard k < end, let who = s.tok(k), who.kind == .mention || who.kind == .word else {
            if !strong { return nil }
            return finish(.invalid(reason: "Assign it to whom? e.g. \"assign 3 to @sam\"."))
        }
        let name = who.kind == .mention ? who.text : text(k, end)
        if who.kind == .word, end - k > 2 {
            return strong ? finish(.invalid(reason: "Assign it to whom? Use @name.")) : nil
        }
        span(.assignee, k, end)
        return act(references(argStart, refEnd), strong: strong, verb: "assign") { .assign($0.id, name) }
    }

    /// remind me about <ref> at 5pm | 30 minutes before | tomorrow
    mutating func remind(verbStart: Int, argStart: Int, end: Int) -> ParseResult? {
        span(.verb, verbStart, argStart)
        var k = argStart
        var trigger: Reminder.Trigger?
        var whenStart = end
        while k < end {
            if let (a, n) = Amount.parse(s, k), s.isWord(k + n, ["before", "early", "ahead", "prior"]) {
                trigger = .beforeDue(minutes: a.seconds / 60)
                whenStart = k
                break
            }
            if s.isWord(k, "in"), let (a, n) = Amount.parse(s, k + 1), k + 1 + n == end, a.isClockOnly {
                let at = LocalDateTime(date: s.today, time: s.now).adding(minutes: a.minutes)
                trigger = .absolute(at)
                whenStart = k
                break
            }
            let c = Registry.connectorLength(s, k)
            if let m = Registry.temporal(s, k + c, connected: c > 0), case .temporal = m.piece {
                let found = scan(k..<end)
                let a = Assembler.assemble(s, input, k..<end, found, zone: zone)
                if let due = a.draft.due {
                    let time = due.time ?? LocalTime(hour: 9, minute: 0)
                    trigger = .absolute(LocalDateTime(date: due.date, time: time))
                    whenStart = k
                }
                break
            }
            k += 1
        }
        let refTo = whenStart
        span(.reminder, whenStart, end)
        let t = trigger ?? .beforeDue(minutes: 0)
        if trigger == nil { notes.append(.text("No time given: a reminder at the due time.")) }
        return act(references(argStart, refTo), strong: true, verb: "set a reminder for") {
            .remind($0.id, Reminder(id: "reminder-1", trigger: t))
        }
    }

    /// snooze [<ref>] [for] [10 min | until 5pm]; 10 minutes when no length is said.
    mutating func snooze(verbStart: Int, argStart: Int, end: Int) -> ParseResult? {
        span(.verb, verbStart, argStart)
        var minutes = 10
        var refTo = end
        var k = argStart
        while k < end {
            var a0 = k
            if s.isWord(k, ["for", "by"]) { a0 += 1 }
            if let (a, n) = Amount.parse(s, a0), a0 + n == end {
                // "snooze 3 10 min": the first number is the task
                minutes = max(1, a.seconds / 60)
                refTo = k
                break
            }
            if s.isWord(k, ["until", "till", "til"]) {
                let found = scan(k + 1..<end)
                let a = Assembler.assemble(s, input, k + 1..<end, found, zone: zone)
                if let due = a.draft.due {
                    let target = LocalDateTime(date: due.date, time: due.time ?? LocalTime(hour: 9, minute: 0))
                    let now = LocalDateTime(date: s.today, time: s.now)
                    minutes = max(
                        1,
                        (target.date.dayNumber - now.date.dayNumber) * 1440 + target.time.minutesSinceMidnight
                            - now.time.minutesSinceMidnight)
                    refTo = k
                    break
                }
            }
            k += 1
        }
        if refTo < end { span(.duration, refTo, end) }
        let m = minutes
        notes.append(.text("Snooze for \(m) minutes."))
        return act(references(argStart, refTo), strong: true, verb: "snooze") { .snooze($0.id, minutes: m) }
    }

    /// repeat <ref> every monday, make <ref> repeat weekly, stop repeating <ref>
    mutating func repeats(verbStart: Int, argStart: Int, end: Int, stop: Bool, strong: Bool) -> ParseResult? {
        span(.verb, verbStart, argStart)
        if stop {
            return act(references(argStart, end), strong: true, verb: "stop repeating") { .setRecurrence($0.id, nil) }
        }
        let found = scan(argStart..<end)
        guard let first = found.first(where: { $0.match.kind == .recurrence }) else {
            if !strong { return nil }
            return finish(.invalid(reason: "Repeat how often? e.g. \"repeat 3 every monday\"."))
        }
        var refEnd = first.start
        while refEnd > argStart, s.isWord(refEnd - 1, ["to", "as", "repeat", "repeats", "recurring", "on"]) {
            refEnd -= 1
        }
        let a = Assembler.assemble(s, input, first.start..<end, found.filter { $0.start >= first.start }, zone: zone)
        guard let rule = a.draft.recurrence else { return finish(.invalid(reason: "Repeat how often?")) }
        for r in a.used { span(r.match.kind, r.start, r.end) }
        return act(references(argStart, refEnd), strong: true, verb: "repeat") { .setRecurrence($0.id, rule) }
    }
}
