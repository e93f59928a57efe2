import TodoCore

/// One grammar rule: a name for explanations, the tokens it can start with (so the engine calls it only
/// where it might match), and a matcher at a token index. `connected` says a preposition ("on", "at",
/// "by", "due") came right before.
struct Rule: Sendable {
    let name: String
    /// Words the rule can start with, besides those `startsWithEntry` accepts.
    var startWords: [String] = []
    var startsWithNumber = false
    var startPunct: [String] = []
    var startsWithEntry: @Sendable (LexEntry) -> Bool = { _ in false }
    let match: @Sendable (Scanner, Int, Bool) -> Match?
}

/// The registry: every rule, in the order that breaks ties between matches of equal length.
enum Registry {
    static let ordinalStarts = [
        "the", "last", "first", "second", "third", "fourth", "fifth", "twenty", "thirty", "sixth", "seventh", "eighth",
        "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
        "eighteenth", "nineteenth", "twentieth", "thirtieth",
    ]
    static let isCount: @Sendable (LexEntry) -> Bool = { $0.number >= 0 }

    static let recurrence: [Rule] = [
        Rule(name: "every ...", startWords: ["every", "each", "evry", "ev"], match: RecurrenceRules.every),
        Rule(
            name: "daily|weekly|...",
            startWords: [
                "daily", "everyday", "nightly", "weekly", "biweekly", "fortnightly", "monthly", "bimonthly",
                "quarterly",
                "semiannually", "biannually", "yearly", "annually", "hourly", "bi", "semi", "semimonthly",
                "semiweekly",
            ], match: RecurrenceRules.adverb),
        Rule(
            name: "<weekday>s", startWords: ["weekdays", "workdays", "weekends"],
            startsWithEntry: { $0.weekdayPlural || $0.weekday > 0 },
            match: RecurrenceRules.plural),
        Rule(
            name: "<n> times a <unit>", startsWithNumber: true, startsWithEntry: isCount,
            match: RecurrenceRules.timesPer),
        Rule(
            name: "the <nth> of every month", startWords: ordinalStarts, startsWithNumber: true,
            match: RecurrenceRules.ofEveryMonth),
        Rule(
            name: "starting <date>",
            startWords: [
                "as", "starting", "beginning", "effective", "commencing", "starts", "begins", "start", "from",
            ],
            match: RecurrenceBoundRules.starting),
        Rule(
            name: "until <date>", startWords: ["until", "till", "til", "through", "thru", "ending", "ends", "end"],
            match: RecurrenceBoundRules.until),
        Rule(
            name: "<n> times", startWords: ["for", "x"], startsWithNumber: true, startsWithEntry: isCount,
            match: RecurrenceBoundRules.count),
        Rule(
            name: "recur:<n><unit>", startsWithNumber: true, match: TaskwarriorDurationRules.attributeDuration),
    ]

    static let temporalRules: [Rule] = [
        Rule(name: "ISO date", startsWithNumber: true, match: CalendarDateRules.iso),
        Rule(name: "numeric date", startsWithNumber: true, match: CalendarDateRules.numeric),
        Rule(
            name: "<month> <day>", startsWithEntry: { $0.month > 0 || $0.weekday > 0 },
            match: CalendarDateRules.monthDay),
        Rule(
            name: "<day> <month>", startWords: ordinalStarts, startsWithNumber: true,
            startsWithEntry: { $0.weekday > 0 },
            match: CalendarDateRules.dayMonth),
        Rule(
            name: "the <nth>", startWords: ordinalStarts, startsWithNumber: true, startsWithEntry: { $0.weekday > 0 },
            match: CalendarDateRules.dayOfMonth),
        Rule(
            name: "<nth> <weekday> of <month>", startWords: ordinalStarts, startsWithNumber: true,
            match: NthWeekdayRules.nthOfMonth),
        Rule(name: "<month>", startsWithEntry: { $0.month > 0 }, match: CalendarDateRules.monthAlone),
        Rule(
            name: "today|tomorrow", startWords: ["the", "day"], startsWithEntry: { $0.relativeDay != nil },
            match: RelativeDayRules.namedDay),
        Rule(name: "this time tomorrow", startWords: ["this", "same"], match: RelativeDayRules.sameTime),
        Rule(
            name: "tonight|this <part of day>", startWords: ["this"], startsWithEntry: { $0.dayPart != nil },
            match: RelativeDayRules.thisPartOfDay),
        Rule(
            name: "<weekday>",
            startWords: ["the", "this", "next", "last", "coming", "upcoming", "following", "previous", "past"],
            startsWithEntry: { $0.weekday > 0 }, match: RelativeDayRules.weekday),
        Rule(name: "in <duration>", startWords: ["in", "within", "after"], match: RelativeOffsetRules.inAmount),
        Rule(
            name: "<duration> from <day>", startWords: ["half"], startsWithNumber: true, startsWithEntry: isCount,
            match: RelativeOffsetRules.amountFrom),
        Rule(
            name: "this|next <period>",
            startWords: ["the", "this", "current", "next", "following", "coming", "last", "previous", "weekend"],
            match: PeriodRules.relativePeriod),
        Rule(name: "next business day", startWords: ["next", "following"], match: PeriodRules.nextWorkday),
        Rule(
            name: "end of <period>",
            startWords: [
                "at", "by", "the", "end", "close", "beginning", "start", "middle", "mid", "early", "late", "midweek",
                "midmonth",
            ],
            match: PeriodRules.periodEdge),
        Rule(
            name: "named date",
            startWords: [
                "good", "easter", "christmas", "xmas", "new", "valentine's", "valentines", "valentine", "ascension",
                "thanksgiving", "cob", "eob", "close", "end", "spring", "summer", "autumn", "fall", "winter",
                "black", "labor", "labour", "memorial", "mother's", "mothers", "mothers'", "father's", "fathers",
                "fathers'", "independence", "mlk", "presidents", "president's", "presidents'", "boxing", "st", "saint",
            ], startsWithEntry: { $0.named != nil }, match: NamedDateRules.named),
        Rule(name: "from <time> to <time>", startWords: ["from", "between"], match: ClockTimeRules.fromRange),
        Rule(
            name: "clock time", startWords: ["noon", "midday", "midnight"], startsWithNumber: true,
            startsWithEntry: isCount,
            match: ClockTimeRules.clockTime),
        Rule(
            name: "<minutes> past|to <hour>", startWords: ["half", "quarter"], startsWithNumber: true,
            startsWithEntry: isCount, match: ClockTimeRules.pastTo),
        Rule(
            name: "<part of day>",
            startWords: ["in", "during", "at", "around", "by", "early", "late", "after", "before", "first"],
            startsWithEntry: { $0.dayPart != nil }, match: DayPartRules.dayPart),
    ]

    static let other: [Rule] = [
        Rule(
            name: "for <duration>",
            startWords: ["for", "lasting", "takes", "taking", "duration", "est", "estimate", "estimated"],
            match: DurationRules.forAmount),
        Rule(name: "compact duration", startWords: ["p", "pt"], startsWithNumber: true, match: DurationRules.compact),
        Rule(
            name: "priority", startWords: ["p", "priority", "prio", "pri"] + PriorityRules.words.keys.sorted(),
            startPunct: ["!"], match: PriorityRules.priority),
        Rule(
            name: "reminder",
            startWords: ["with", "remind", "alert", "notify", "ping", "nudge", "warn", "reminder", "notification"],
            match: ReminderRules.reminder),
    ]

    static let all: [Rule] = recurrence + temporalRules + other
    /// Bits of `all` that may follow a preposition.
    static let afterConnectorMask: UInt64 = (UInt64(1) << UInt64(recurrence.count + temporalRules.count)) - 1
    static let temporalMask: UInt64 = afterConnectorMask & ~((UInt64(1) << UInt64(recurrence.count)) - 1)
    static let numberMask: UInt64 = mask { $0.startsWithNumber }
    static let bangMask: UInt64 = mask { $0.startPunct.contains("!") }

    static func mask(_ accepts: (Rule) -> Bool) -> UInt64 {
        var m: UInt64 = 0
        for (k, r) in all.enumerated() where accepts(r) { m |= 1 << UInt64(k) }
        return m
    }

    /// The rules each start word opens.
    static let startWordMasks: [String: UInt64] = {
        var masks: [String: UInt64] = [:]
        for (k, r) in all.enumerated() { for w in r.startWords { masks[w, default: 0] |= 1 << UInt64(k) } }
        return masks
    }()

    /// Which rules may start at a word with this lexicon entry (computed once per word of the lexicon).
    static func startMask(word: String, entry: LexEntry) -> UInt64 {
        (startWordMasks[word] ?? 0) | mask { $0.startsWithEntry(entry) }
    }

    static let connectorWords = [
        "due", "deadline", "scheduled", "sched", "dl", "on", "at", "by", "before", "around", "about", "approx",
        "approximately", "for", "in", "latest", "no", "not", "after", "later", "early", "sometime", "until", "till",
        "til", "over", "recur", "recurs", "repeat", "repeats", "repeating", "recurring",
    ]

    /// Rules that may start at token `i`.
    @inline(__always) static func startMask(_ s: Scanner, _ i: Int) -> UInt64 {
        switch s[i].kind {
        case .word: return s[i].lex.rules
        case .number: return numberMask
        case .punct: return s[i].text == "!" ? bangMask : 0
        default: return 0
        }
    }

    /// The longest match among the rules in `allowed` at `i`; ties go to the earlier rule.
    @inline(__always) static func best(_ allowed: UInt64, _ s: Scanner, _ i: Int, connected: Bool) -> Match? {
        var m = allowed & startMask(s, i)
        var best: Match?
        while m != 0 {
            let k = m.trailingZeroBitCount
            m &= m - 1
            if let found = all[k].match(s, i, connected), found.length > (best?.length ?? 0) { best = found }
        }
        return best
    }

    /// The longest date/time phrase at `i`.
    static func temporal(_ s: Scanner, _ i: Int, connected: Bool) -> Match? {
        guard s.has(i) else { return nil }
        return best(temporalMask, s, i, connected: connected)
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
        guard s.has(i) else { return 0 }
        if s[i].kind == .punct { return s[i].text == "@" || s[i].text == "~" ? 1 : 0 }
        guard s[i].kind == .word, s[i].lex.classes.contains(.connector) else { return 0 }
        let t = s[i]
        switch t.text {
        case "due", "deadline", "scheduled", "sched", "dl":
            if s.isPunct(i + 1, ":") { return 2 }
            // "project deadline friday" keeps its noun; "due friday" and "deadline: friday" introduce the date
            guard t.text == "due" else { return 0 }
            if s.isWord(i + 1, ["on", "by", "at", "before"]) { return 2 }
            return 1
        case "on", "at", "by", "before", "around", "about", "approx", "approximately", "for", "in", "latest", "after",
            "later", "early", "sometime", "until", "till", "til":
            if t.text == "by", s.isWord(i + 1, "the"), s.isWord(i + 2, "end") { return 0 }
            return 1
        // "over the weekend", "over the holidays" keep "over" out of the title; "hand over" stays a title word
        case "over":
            return s.isWord(i + 1, "the") && s.isWord(i + 2, ["weekend", "next"]) ? 1 : 0
        // Taskwarrior's recur:weekly, and "repeat every monday" inside a line
        case "recur", "recurs", "repeat", "repeats", "repeating", "recurring":
            return s.isPunct(i + 1, ":") ? 2 : 1
        case "no", "not":
            return s.isWord(i + 1, "later") && s.isWord(i + 2, "than") ? 3 : 0
        default: return 0
        }
    }
}
