import Foundation

extension TaskProcessor {
    /// The commands that undo `command`, given the state and the moment it was decided against (call it before
    /// applying the command's events). `nil` when there is nothing to undo with: a comment (comments are never
    /// deleted) and a reminder firing. Undoing a recurring completion moves the task back to the occurrence it
    /// was on; its count of occurrences done stays advanced. Undoing an untag puts the tags back at the end. A done
    /// recurring task whose series still has occurrences (its rule was set after it was done) rolls forward when
    /// an undo completes it again.
    ///
    ///     let undo = TaskProcessor.inverse(of: .rename(id, title: "new"), before: state, now: now)
    ///     // [.rename(id, title: "old")]
    public static func inverse(of command: Command, before state: TaskState, now: Date) -> [Command]? {
        let id = command.taskID
        guard case .add = command else {
            guard let task = state[id] else { return nil }
            return inverse(of: command, task: task, now: now)
        }
        return [.delete(id)]
    }

    private static func inverse(of command: Command, task: Task, now: Date) -> [Command]? {
        let id = task.id
        switch command {
        case .add:
            return [.delete(id)]
        case .complete:
            // A recurring task rolled forward instead of closing: undo moves it back to the occurrence it was on.
            if task.recurrence != nil, task.due == nil { return [.reschedule(id, nil)] }
            if let rule = task.recurrence, let due = task.due,
                rule.next(after: due, now: now, occurrencesDone: task.occurrencesDone) != nil
            {
                return [.reschedule(id, due)]
            }
            return [.reopen(id)]
        case .reopen:
            return task.status == .deleted ? [.delete(id)] : [.complete(id)]
        case .delete:
            return task.status == .completed ? [.reopen(id), .complete(id)] : [.reopen(id)]
        case .rename:
            return [.rename(id, title: task.title)]
        case .reschedule:
            return [.reschedule(id, task.due)]
        case .setPriority:
            return [.setPriority(id, task.priority)]
        case .tag(_, let tags):
            let had = Set(task.tags.map(Tag.normalized))
            let added = tags.filter { !had.contains(Tag.normalized($0)) }
            return added.isEmpty ? [] : [.untag(id, added)]
        case .untag(_, let tags):
            let removing = Set(tags.map(Tag.normalized))
            let removed = task.tags.filter { removing.contains(Tag.normalized($0)) }
            return removed.isEmpty ? [] : [.tag(id, removed)]
        case .describe:
            return [.describe(id, task.description)]
        case .assign:
            return [.assign(id, task.assignee)]
        case .setRecurrence:
            return [.setRecurrence(id, task.recurrence)]
        case .remind(_, let reminder):
            if let previous = task.reminders.first(where: { $0.id == reminder.id }) { return [.remind(id, previous)] }
            return [.stopReminding(id, reminderID: reminder.id)]
        case .snooze:
            let snoozeID = Reminder.snoozeID(for: id)
            if let previous = task.reminders.first(where: { $0.id == snoozeID }) { return [.remind(id, previous)] }
            return [.stopReminding(id, reminderID: snoozeID)]
        case .stopReminding(_, let reminderID):
            return task.reminders.filter { reminderID == nil || $0.id == reminderID }.map { .remind(id, $0) }
        case .comment, .triggerReminder:
            return nil
        }
    }
}
