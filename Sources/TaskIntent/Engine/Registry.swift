import TodoCore

/// One grammar rule: a name for explanations and a matcher at a token index.
/// `connected` says a preposition ("on", "at", "by", "due") came right before.
struct Rule: Sendable {
    let name: String
    let match: @Sendable (Scanner, Int, Bool) -> Match?
}

/// The registry: every rule, in the order that breaks ties between matches of equal length.
enum Registry {
    static let recurrence: [Rule] = [
        Rule(name: "every ...", match: RecurrenceRules.every),
        Rule(name: "daily|weekly|...", match: RecurrenceRules.adverb),
        Rule(name: "<weekday>s", match: RecurrenceRules.plural),
        Rule(name: "<n> times a <unit>", match: RecurrenceRules.timesPer),
        Rule(name: "the <nth> of every month", match: RecurrenceRules.ofEveryMonth),
        Rule(name: "starting <date>", match: RecurrenceBoundRules.starting),
        Rule(name: "until <date>", match: RecurrenceBoundRules.until),
        Rule(name: "<n> times", match: RecurrenceBoundRules.count),
    ]

    static let temporalRules: [Rule] = [
        Rule(name: "ISO date", match: CalendarDateRules.iso),
        Rule(name: "numeric date", match: CalendarDateRules.numeric),
        Rule(name: "<month> <day>", match: CalendarDateRules.monthDay),
        Rule(name: "<day> <month>", match: CalendarDateRules.dayMonth),
        Rule(name: "the <nth>", match: CalendarDateRules.dayOfMonth),
        Rule(name: "<nth> <weekday> of <month>", match: NthWeekdayRules.nthOfMonth),
        Rule(name: "<month>", match: CalendarDateRules.monthAlone),
        Rule(name: "today|tomorrow", match: RelativeDayRules.namedDay),
        Rule(name: "tonight|this <part of day>", match: RelativeDayRules.thisPartOfDay),
        Rule(name: "<weekday>", match: RelativeDayRules.weekday),
        Rule(name: "in <duration>", match: RelativeOffsetRules.inAmount),
        Rule(name: "<duration> from <day>", match: RelativeOffsetRules.amountFrom),
        Rule(name: "this|next <period>", match: PeriodRules.relativePeriod),
        Rule(name: "end of <period>", match: PeriodRules.periodEdge),
        Rule(name: "named date", match: NamedDateRules.named),
        Rule(name: "from <time> to <time>", match: ClockTimeRules.fromRange),
        Rule(name: "clock time", match: ClockTimeRules.clockTime),
        Rule(name: "<minutes> past|to <hour>", match: ClockTimeRules.pastTo),
        Rule(name: "<part of day>", match: DayPartRules.dayPart),
    ]

    static let other: [Rule] = [
        Rule(name: "for <duration>", match: DurationRules.forAmount),
        Rule(name: "compact duration", match: DurationRules.compact),
        Rule(name: "priority", match: PriorityRules.priority),
        Rule(name: "reminder", match: ReminderRules.reminder),
    ]

    static let all: [Rule] = recurrence + temporalRules + other
    static let afterConnector: [Rule] = recurrence + temporalRules

    @inline(__always) static func best(_ rules: [Rule], _ s: Scanner, _ i: Int, connected: Bool) -> Match? {
        var best: Match?
        for r in rules {
            if let m = r.match(s, i, connected), m.length > (best?.length ?? 0) { best = m }
        }
        return best
    }

    /// The longest date/time phrase at `i`.
    static func temporal(_ s: Scanner, _ i: Int, connected: Bool) -> Match? {
        guard let t = s.tok(i), t.kind != .word || t.lex.trigger else { return nil }
        return best(temporalRules, s, i, connected: connected)
    }

    /// A phrase that names a day ("tomorrow", "friday", "dec 3"), for "a week from <day>".
    static func anchorDate(_ s: Scanner, _ i: Int) -> (LocalDate, Int)? {
        guard let m = temporal(s, i, connected: true), case .temporal(let t) = m.piece, let d = t.date else {
            return nil
        }
        return (d, m.length)
    }

    /// How many tokens of a preposition that introduces a date or time start at `i` ("due on" = 2).
    static func connectorLength(_ s: Scanner, _ i: Int) -> Int {
        guard let t = s.tok(i) else { return 0 }
        if t.kind == .punct { return t.text == "@" || t.text == "~" ? 1 : 0 }
        guard t.kind == .word else { return 0 }
        switch t.text {
        case "due", "deadline", "scheduled", "sched", "dl":
            if s.isPunct(i + 1, ":") { return 2 }
            if s.isWord(i + 1, ["on", "by", "at", "before", "in", "for"]) { return 2 }
            return t.text == "due" || t.text == "deadline" ? 1 : 0
        case "on", "at", "by", "before", "around", "about", "approx", "approximately", "for", "in", "latest":
            if t.text == "by", s.isWord(i + 1, "the"), s.isWord(i + 2, "end") { return 0 }
            return 1
        case "no", "not":
            return s.isWord(i + 1, "later") && s.isWord(i + 2, "than") ? 3 : 0
        default: return 0
        }
    }
}
