import Foundation
import Synchronization
import TodoCore

/// "Now" for the whole program: the system clock, or a fixed instant that only moves when a replay
/// says `@advance`. Read from any thread (the embedded bus stamps reminder triggers with it).
public final class ChatClock: Sendable {
    private let fixed: Mutex<Date?>

    public init(fixed: Date?) {
        self.fixed = Mutex(fixed)
    }

    public var now: Date { fixed.withLock { $0 } ?? Date() }

    public var isFixed: Bool { fixed.withLock { $0 != nil } }

    /// Moves a fixed clock forward; the system clock cannot be moved.
    public func advance(seconds: Int) {
        fixed.withLock { date in date = date.map { $0.addingTimeInterval(TimeInterval(seconds)) } }
    }
}

/// `--clock` values: an ISO local date-time, `2026-12-01T08:30` (seconds allowed and ignored).
public enum FixedClock {
    public static func parse(_ text: String) -> LocalDateTime? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let date = LocalDate(iso: parts[0]) else { return nil }
        let fields = parts[1].split(separator: ":")
        guard fields.count == 2 || fields.count == 3, let hour = Int(fields[0]), let minute = Int(fields[1]),
            let time = LocalTime.valid(hour: hour, minute: minute)
        else { return nil }
        return LocalDateTime(date: date, time: time)
    }

    /// The instant a local date-time names in `zone`.
    public static func instant(of local: LocalDateTime, in zone: TimeZone) -> Date {
        local.instant(in: zone)
    }
}
