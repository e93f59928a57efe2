import Foundation

/// When a task is due: a whole day, or a day and a time, in a named (IANA) time zone.
/// The wall-clock values are kept as typed so that "9am every Monday" stays 9am across DST changes.
public struct Due: Hashable, Sendable, Codable {
    public var date: LocalDate
    public var time: LocalTime?
    public var timeZone: String

    public init(date: LocalDate, time: LocalTime? = nil, timeZone: String) {
        self.date = date
        self.time = time
        self.timeZone = timeZone
    }

    public var hasTime: Bool { time != nil }

    /// `YYYY-MM-DD` for a day, `YYYY-MM-DDTHH:MM` when a time is known (local to `timeZone`).
    public var localString: String {
        if let time { return LocalDateTime(date: date, time: time).description }
        return date.description
    }

    /// The instant this due time means: the given time, or the end of the day for a whole-day due.
    /// A wall time that does not exist (skipped by a DST jump) moves forward, as calendars do.
    public func instant() -> Date {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!
        return LocalDateTime(date: date, time: time ?? LocalTime(hour: 23, minute: 59)).instant(in: zone)
    }
}

extension LocalDateTime {
    public func instant(in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        self.init(
            date: LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1),
            time: LocalTime(hour: c.hour ?? 0, minute: c.minute ?? 0))
    }
}
