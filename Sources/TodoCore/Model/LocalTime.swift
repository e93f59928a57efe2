/// A wall-clock time of day, minute precision: what people say ("5pm", "17:30").
public struct LocalTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int = 0) {
        self.hour = hour
        self.minute = minute
    }

    public static func valid(hour: Int, minute: Int) -> LocalTime? {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return LocalTime(hour: hour, minute: minute)
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    /// `HH:MM`.
    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }
}

/// A date and wall-clock time with no zone; the zone travels beside it (see `Due`).
public struct LocalDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var date: LocalDate
    public var time: LocalTime

    public init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// `YYYY-MM-DDTHH:MM`.
    public var description: String { "\(date)T\(time)" }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.time) < (rhs.date, rhs.time)
    }
}

extension LocalTime {
    /// Parses `HH:MM`.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            let time = LocalTime.valid(hour: h, minute: m)
        else { return nil }
        self = time
    }
}

extension LocalDateTime {
    /// Parses `YYYY-MM-DDTHH:MM`.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = LocalDate(iso: parts[0]), let time = LocalTime(iso: parts[1]) else {
            return nil
        }
        self.init(date: date, time: time)
    }

    public func adding(minutes: Int) -> LocalDateTime {
        let total = date.dayNumber * 1440 + time.minutesSinceMidnight + minutes
        let days = total >= 0 ? total / 1440 : (total - 1439) / 1440
        let rest = total - days * 1440
        return LocalDateTime(date: LocalDate(dayNumber: days), time: LocalTime(hour: rest / 60, minute: rest % 60))
    }
}
