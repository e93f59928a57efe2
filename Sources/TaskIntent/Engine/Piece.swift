import TodoCore

/// A date and/or a time a rule recognised, already resolved against the reference moment.
struct Temporal: Sendable {
    var date: LocalDate?
    var time: LocalTime?
    /// The time comes from a part of the day ("tomorrow morning" → 09:00), so an explicit clock time wins.
    var timeIsDefault = false
    /// A bare hour with no am/pm ("at 7"), which a part of the day may still move past noon.
    var ambiguousHour = false
    /// A part of the day said beside a clock time ("7 in the evening").
    var dayPart: DayPart?
    /// "in 2 hours": date and time are exact and must not be moved forward.
    var exact = false
    /// "3-5pm", "from 2 to 4": the time is the start of a span this long.
    var lengthMinutes: Int?

    init(date: LocalDate? = nil, time: LocalTime? = nil) {
        self.date = date
        self.time = time
    }
}

/// What a recurrence phrase said, before the start date and the time are known.
struct RecurrenceSpec: Sendable {
    var rule: RecurrenceRule
    /// "every morning": the phrase implies a clock time.
    var impliedTime: LocalTime?
    /// The part of the day the phrase named, which corrects a guessed hour ("every night at 10" is 22:00).
    var dayPart: DayPart?
}

/// A piece of meaning one grammar rule recognised. The assembler turns pieces into an intent.
indirect enum Piece: Sendable {
    case temporal(Temporal)
    case recurrence(RecurrenceSpec)
    case recurrenceStart(Temporal)
    case recurrenceUntil(LocalDate)
    case recurrenceCount(Int)
    /// "for 2 hours" (a task length) or, after a recurrence, "for 3 weeks" (how long it repeats).
    case duration(seconds: Int, unit: TimeUnit, count: Int)
    case priority(Priority)
    case tag(String)
    case assignee(String)
    case description(String)
    case reminder(Reminder.Trigger)
    /// Words with no date meaning that were there to say "no date" ("someday").
    case noDate
    case invalid(String)
    case warning(String)
}

/// A rule's result: how many tokens it used and what they mean.
struct Match: Sendable {
    var length: Int
    var piece: Piece
    var kind: SpanKind
    var rule: String
}
