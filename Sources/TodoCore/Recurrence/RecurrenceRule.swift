/// The RFC 5545 RRULE subset that covers what people say about repeating todos.
public struct RecurrenceRule: Hashable, Sendable {
    public enum Frequency: String, Sendable, CaseIterable {
        case daily = "DAILY"
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
        case yearly = "YEARLY"
    }

    /// A BYDAY entry: a weekday (1 = Monday ... 7 = Sunday, ISO) with an optional ordinal (`1MO`, `-1FR`).
    public struct WeekdayNum: Hashable, Sendable {
        public var ordinal: Int?
        public var weekday: Int

        public init(_ weekday: Int, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }
    }

    /// The last moment an occurrence may fall on (inclusive).
    public enum Until: Hashable, Sendable {
        /// `UNTIL=20261231`: occurrences on or before that day.
        case date(LocalDate)
        /// `UNTIL=20261231T170000`: a wall time in the task's zone.
        case dateTime(LocalDateTime)
        /// `UNTIL=20261231T160000Z`: an instant, written as its UTC wall time (RFC 5545's form with a zoned start).
        case utc(LocalDateTime)
    }

    public var frequency: Frequency
    public var interval: Int
    public var byDay: [WeekdayNum]
    public var byMonthDay: [Int]
    public var byMonth: [Int]
    public var byHour: [Int]
    public var byMinute: [Int]
    public var count: Int?
    public var until: Until?

    public init(
        frequency: Frequency, interval: Int = 1, byDay: [WeekdayNum] = [], byMonthDay: [Int] = [],
        byMonth: [Int] = [], byHour: [Int] = [], byMinute: [Int] = [], count: Int? = nil, until: Until? = nil
    ) {
        self.frequency = frequency
        self.interval = interval
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.byMonth = byMonth
        self.byHour = byHour
        self.byMinute = byMinute
        self.count = count
        self.until = until
    }
}
