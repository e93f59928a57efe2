import TodoCore

/// What the feed says about one task update: what happened to the task, not merely that it changed.
/// `before` is the task as the bus last reported it (nil when the bus has not reported it yet, even
/// if this chat already shows its own change to it), so the confirmation of a task this chat just
/// added reads "added", not "updated".
enum FeedWording {
    static func describe(before: Task?, after: Task, today: LocalDate?) -> String {
        let title = "'" + Sanitizer.clean(after.title) + "'"
        guard after.status != .deleted else { return "✗ \(title) deleted" }
        guard let before else { return "+ \(title) added" }
        if before.status == .deleted { return "↺ \(title) restored" }
        if before.status != after.status {
            return after.status == .completed ? "✓ \(title) done" : "↺ \(title) reopened"
        }
        if after.occurrencesDone > before.occurrencesDone {
            return "✓ \(title) done" + (after.due.map { " · next " + Formatting.due($0, today: today) } ?? "")
        }
        var changes: [String] = []
        if before.title != after.title { changes.append("renamed from '\(Sanitizer.clean(before.title))'") }
        if before.due != after.due {
            changes.append(after.due.map { "due " + Formatting.due($0, today: today) } ?? "no due date")
        }
        if before.priority != after.priority {
            changes.append(Formatting.priority(after.priority) ?? "no priority")
        }
        if before.tags != after.tags { changes.append(tagChange(before.tags, after.tags)) }
        if before.assignee != after.assignee {
            changes.append(after.assignee.map { "assigned to @" + Sanitizer.clean($0) } ?? "unassigned")
        }
        if before.comments.count < after.comments.count { changes.append("commented") }
        if before.recurrence != after.recurrence {
            changes.append(after.recurrence.map { "repeats " + Formatting.recurrence($0) } ?? "no longer repeats")
        }
        if before.reminders != after.reminders {
            changes.append(after.reminders.count > before.reminders.count ? "reminder set" : "reminders changed")
        }
        if before.description != after.description { changes.append("described") }
        guard !changes.isEmpty else { return "~ \(title) updated" }
        return "~ \(title) " + changes.prefix(2).joined(separator: " · ")
    }

    private static func tagChange(_ before: [String], _ after: [String]) -> String {
        let added = after.filter { !before.contains($0) }.map { "#" + Sanitizer.clean($0) }
        let removed = before.filter { !after.contains($0) }.map { "-#" + Sanitizer.clean($0) }
        let all = added + removed
        return all.isEmpty ? "tags reordered" : all.joined(separator: " ")
    }
}
