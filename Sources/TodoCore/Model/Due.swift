import Foundation

/// When a task is due: a whole day, or a day and a time, in a named (IANA) time zone.
/// The wall-clock values are kept as typed so that "9am every Monday" stays 9am across DST changes.
public struct Due: Hashable, Sendable {
    public var date: LocalDate
    public var time: LocalTime?
    public var timeZone: String

    public init(date: LocalDate, time: LocalTime? = nil, timeZone: String) {
        self.date = date
        self.time = time
        self.timeZone = timeZone
    }

    public var hasTime: Bool { time != nil }

    /// The zone the wall-clock values are in; an unknown identifier falls back to UTC.
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)! }

    /// `YYYY-MM-DD` for a day, `YYYY-MM-DDTHH:MM` when a time is known (local to `timeZone`).
    public var localString: String {
        if let time { return LocalDateTime(date: date, time: time).description }
        return date.description
    }

    /// Parses `localString`'s two forms back.
    public init?(localString text: some StringProtocol, timeZone: String) {
        if let dateTime = LocalDateTime(iso: text) {
            self.init(date: dateTime.date, time: dateTime.time, timeZone: timeZone)
        } else if let date = LocalDate(iso: text) {
            self.init(date: date, timeZone: timeZone)
        } else {
            return nil
        }
    }

    /// The instant this due time means: the given time, or the end of the day for a whole-day due.
    /// A wall time that does not exist (skipped by a DST jump) moves forward, as calendars do.
    public func instant() -> Date {
        LocalDateTime(date: date, time: time ?? LocalTime(hour: 23, minute: 59)).instant(in: zone)
    }
}

extension LocalDateTime {
    /// Seconds since 1970 of this wall time read as if it were UTC.
    var wallSeconds: Int { date.dayNumber * 86_400 + time.minutesSinceMidnight * 60 }

    /// The instant this wall time names in `zone`, per RFC 5545 §3.3.5: a time skipped by a DST jump is read
    /// with the offset in force before the jump (02:30 in a 02:00→03:00 gap becomes 03:30), and a time that
    /// occurs twice when clocks fall back means its first occurrence.
    public func instant(in zone: TimeZone) -> Date {
        let wall = Double(wallSeconds)
        let offsetBefore = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - 86_400)))
        let offsetAfter = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + 86_400)))
        // No change of offset within a day either side (all but two days a year): the wall time exists once.
        if offsetBefore == offsetAfter { return Date(timeIntervalSince1970: wall - offsetBefore) }
        let early = Date(timeIntervalSince1970: wall - max(offsetBefore, offsetAfter))
        let late = Date(timeIntervalSince1970: wall - min(offsetBefore, offsetAfter))
        if LocalDateTime(early, in: zone) == self { return early }
        if LocalDateTime(late, in: zone) == self { return late }
        return Date(timeIntervalSince1970: wall - offsetBefore)
    }

    /// The wall time, to the minute, that `instant` shows in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let minutes = (seconds - days * 86_400) / 60
        self.init(date: LocalDate(dayNumber: days), time: LocalTime(hour: minutes / 60, minute: minutes % 60))
    }
}

/// Wire form: `{"dueDate": "2026-12-01T09:00", "timeZone": "Europe/Berlin"}` (`dueDate` is `YYYY-MM-DD` for a day).
extension Due: Codable {
    enum CodingKeys: String, CodingKey { case dueDate, timeZone }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .dueDate)
        let zone = try container.decode(String.self, forKey: .timeZone)
        guard TimeZone(identifier: zone) != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeZone, in: container, debugDescription: "unknown time zone '\(zone)'")
        }
        guard let due = Due(localString: text, timeZone: zone) else {
            throw DecodingError.dataCorruptedError(
                forKey: .dueDate, in: container, debugDescription: "'\(text)' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM")
        }
        self = due
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(localString, forKey: .dueDate)
        try container.encode(timeZone, forKey: .timeZone)
    }
}
