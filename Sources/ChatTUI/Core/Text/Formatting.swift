import Foundation
import TodoCore

/// Dates, times and task fields in the words the screen uses ("Mon 1 Dec 09:00", "every month").
enum Formatting {
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Mon 1 Dec".
    static func day(_ date: LocalDate) -> String {
        "\(weekdays[date.isoWeekday - 1]) \(date.day) \(months[date.month - 1])"
    }

    /// "Mon 1 Dec 09:00", or "today 09:00" / "tomorrow" relative to `today`.
    static func due(_ due: Due, today: LocalDate?) -> String {
        var text: String
        if let today, due.date == today {
            text = "today"
        } else if let today, due.date == today.adding(days: 1) {
            text = "tomorrow"
        } else {
            text = day(due.date)
        }
        if let time = due.time { text += " \(time)" }
        return text
    }

    /// "09:05" for an instant in `zone`.
    static func clock(_ instant: Date, zone: TimeZone) -> String {
        LocalDateTime(instant, in: zone).time.description
    }

    /// "in 25m", "in 3h 10m", "in 2d"; "now" when due.
    static func countdown(from now: Date, to instant: Date) -> String {
        let minutes = Int((instant.timeIntervalSince(now) / 60).rounded(.up))
        if minutes <= 0 { return "now" }
        if minutes < 60 { return "in \(minutes)m" }
        if minutes < 24 * 60 {
            return minutes % 60 == 0 ? "in \(minutes / 60)h" : "in \(minutes / 60)h \(minutes % 60)m"
        }
        return "in \(minutes / (24 * 60))d"
    }

    static func priority(_ priority: Priority) -> String? {
        switch priority {
        case .none: nil
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .urgent: "urgent"
        }
    }

    /// "every month", "every 2 weeks on Mon, Thu", "every year".
    static func recurrence(_ rule: RecurrenceRule) -> String {
        let unit: String
        switch rule.frequency {
        case .daily: unit = "day"
        case .weekly: unit = "week"
        case .monthly: unit = "month"
        case .yearly: unit = "year"
        }
        var text = rule.interval > 1 ? "every \(rule.interval) \(unit)s" : "every \(unit)"
        if !rule.byDay.isEmpty {
            let days = rule.byDay.map { entry -> String in
                let name = weekdays[max(1, min(7, entry.weekday)) - 1]
                guard let ordinal = entry.ordinal else { return name }
                return ordinal == -1 ? "last \(name)" : "\(ordinal)\(ordinalSuffix(ordinal)) \(name)"
            }
            text += " on " + days.joined(separator: ", ")
        }
        if !rule.byMonthDay.isEmpty {
            let days = rule.byMonthDay.map { $0 == -1 ? "the last day" : "the \($0)\(ordinalSuffix($0))" }
            text += " on " + days.joined(separator: ", ")
        }
        if let count = rule.count { text += ", \(count) times" }
        return text
    }

    static func ordinalSuffix(_ n: Int) -> String {
        if (11...13).contains(abs(n) % 100) { return "th" }
        switch abs(n) % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    /// "'pay rent' · due Tue 1 Dec 09:00 · every month · urgent · #home · @ann": the task as a reply
    /// confirms it. Every field comes from outside and is sanitised.
    static func summary(_ task: Task, today: LocalDate?) -> String {
        var parts = ["'\(Sanitizer.clean(task.title))'"]
        if let due = task.due { parts.append("due " + Formatting.due(due, today: today)) }
        if let rule = task.recurrence { parts.append(recurrence(rule)) }
        if let p = priority(task.priority) { parts.append(p) }
        if !task.tags.isEmpty { parts.append(task.tags.map { "#" + Sanitizer.clean($0) }.joined(separator: " ")) }
        if let assignee = task.assignee { parts.append("@" + Sanitizer.clean(assignee)) }
        return parts.joined(separator: " · ")
    }
}
