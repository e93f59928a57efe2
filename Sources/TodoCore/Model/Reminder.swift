import Foundation

/// When to remind someone of a task.
public struct Reminder: Hashable, Sendable {
    public enum Trigger: Hashable, Sendable {
        /// A wall-clock moment in the task's zone ("at 5pm").
        case absolute(LocalDateTime)
        /// Minutes before the due time ("30 minutes before"); 0 means at the due time.
        case beforeDue(minutes: Int)
    }

    public var id: String
    public var trigger: Trigger

    public init(id: String, trigger: Trigger) {
        self.id = id
        self.trigger = trigger
    }

    /// A whole-day task has no time to count back from; reminders relative to it count back from 09:00 that day.
    public static let wholeDayReminderTime = LocalTime(hour: 9)

    /// The instant the reminder fires. An absolute trigger is read in the due's zone (or `zone` for a task with no
    /// due); a relative one needs a due and is `nil` without one.
    public func fireTime(due: Due?, zone: TimeZone) -> Date? {
        switch trigger {
        case .absolute(let wall):
            return wall.instant(in: due?.zone ?? zone)
        case .beforeDue(let minutes):
            guard let due else { return nil }
            let base = LocalDateTime(date: due.date, time: due.time ?? Self.wholeDayReminderTime)
            return base.instant(in: due.zone).addingTimeInterval(-Double(minutes) * 60)
        }
    }

    /// The reminder moved along with a due that moved `days` days (a recurring task rolling forward): an absolute
    /// reminder keeps its wall time on the shifted day, a relative one follows the due by itself.
    public func shifted(byDays days: Int) -> Reminder {
        guard case .absolute(let wall) = trigger, days != 0 else { return self }
        return Reminder(id: id, trigger: .absolute(LocalDateTime(date: wall.date.adding(days: days), time: wall.time)))
    }

    /// A one-off reminder `minutes` from `now`, rounded up to the next whole minute (reminders are to the minute).
    /// Its id is fixed per task, so snoozing again replaces the earlier snooze rather than piling them up.
    public static func snooze(task: TaskID, now: Date, minutes: Int, zone: TimeZone) -> Reminder {
        let target = now.addingTimeInterval(Double(minutes) * 60)
        var wall = LocalDateTime(target, in: zone)
        if wall.instant(in: zone) < target { wall = wall.adding(minutes: 1) }
        return Reminder(id: snoozeID(for: task), trigger: .absolute(wall))
    }

    public static func snoozeID(for task: TaskID) -> String { "snooze-" + task.rawValue }
}

/// Wire form: `{"id": "r1", "at": "2026-12-01T17:00"}` or `{"id": "r2", "minutesBeforeDue": 30}`.
extension Reminder: Codable {
    enum CodingKeys: String, CodingKey { case id, at, minutesBeforeDue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        if let text = try container.decodeIfPresent(String.self, forKey: .at) {
            guard let wall = LocalDateTime(iso: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .at, in: container, debugDescription: "'\(text)' is not YYYY-MM-DDTHH:MM")
            }
            trigger = .absolute(wall)
        } else if let minutes = try container.decodeIfPresent(Int.self, forKey: .minutesBeforeDue) {
            guard minutes >= 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .minutesBeforeDue, in: container, debugDescription: "must not be negative")
            }
            trigger = .beforeDue(minutes: minutes)
        } else {
            throw DecodingError.keyNotFound(
                CodingKeys.at,
                .init(codingPath: container.codingPath, debugDescription: "a reminder needs 'at' or 'minutesBeforeDue'")
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        switch trigger {
        case .absolute(let wall): try container.encode(wall.description, forKey: .at)
        case .beforeDue(let minutes): try container.encode(minutes, forKey: .minutesBeforeDue)
        }
    }
}

/// A reminder resolved to the moment it fires.
public struct ScheduledReminder: Hashable, Sendable {
    public var taskID: TaskID
    public var reminder: Reminder
    public var fireAt: Date

    public init(taskID: TaskID, reminder: Reminder, fireAt: Date) {
        self.taskID = taskID
        self.reminder = reminder
        self.fireAt = fireAt
    }
}

extension Task {
    /// This task's reminders that will still fire after `now`, soonest first. Only open tasks remind.
    public func pendingReminders(now: Date, zone: TimeZone) -> [ScheduledReminder] {
        guard status == .open else { return [] }
        return reminders.compactMap { reminder in
            guard let at = reminder.fireTime(due: due, zone: zone), at > now else { return nil }
            return ScheduledReminder(taskID: id, reminder: reminder, fireAt: at)
        }.sorted { ($0.fireAt, $0.reminder.id) < ($1.fireAt, $1.reminder.id) }
    }
}

extension Sequence<Task> {
    /// The next reminder to fire across tasks (the status bar's countdown).
    public func nextReminder(now: Date, zone: TimeZone) -> ScheduledReminder? {
        lazy.compactMap { $0.pendingReminders(now: now, zone: zone).first }.min {
            ($0.fireAt, $0.taskID, $0.reminder.id) < ($1.fireAt, $1.taskID, $1.reminder.id)
        }
    }
}
