import Foundation

/// The processor: commands become events (`decide`), events become state (`TaskState.apply`), and applied events
/// become the `task-updates` the live pane shows (`updates`). All pure: the clock, zone and ids come in.
///
///     let events = try TaskProcessor.decide(.complete(id), state: state, context: context)
///     for event in events { state.apply(event) }
///
/// Sequencing: the `task-events` of one decision take the task's next sequence numbers in order; the `reminders`
/// events beside them carry the task's sequence after those (they change no task, so they do not advance it).
public enum TaskProcessor {
    public static func decide(
        _ command: Command, state: TaskState, context: DecisionContext
    ) throws(DecisionError) -> [TaskEvent] {
        var decision = Decision(
            taskID: command.taskID, sequence: state[command.taskID]?.sequence ?? 0, context: context)
        if case .add(let id, let draft) = command {
            try decideAdd(id, draft, existing: state[id], into: &decision)
            return decision.events
        }
        guard let task = state[command.taskID], task.status != .deleted || reachesDeletedTasks(command) else {
            throw .taskNotFound(command.taskID)
        }
        try decide(command, task: task, into: &decision)
        return decision.events
    }

    /// Reopening brings a deleted task back (undo of delete); a reminder firing for one gets `reminder.failed`.
    private static func reachesDeletedTasks(_ command: Command) -> Bool {
        switch command {
        case .reopen, .triggerReminder: true
        default: false
        }
    }

    private static func decideAdd(_ id: TaskID, _ draft: TaskDraft, existing: Task?, into d: inout Decision)
        throws(DecisionError)
    {
        if let existing, existing.status != .deleted { throw .taskExists(id) }
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw .emptyTitle }
        if draft.due == nil, draft.reminders.contains(where: { $0.fireTime(due: nil, zone: d.context.zone) == nil }) {
            throw .noDueForReminder(title: title)
        }
        let now = d.context.now
        let task = Task(
            id: id, title: title, description: draft.description, due: draft.due,
            durationSeconds: draft.durationSeconds, priority: draft.priority, tags: Tags.merge([], draft.tags),
            assignee: draft.assignee, recurrence: draft.recurrence, reminders: draft.reminders,
            sequence: d.sequence + 1, createdAt: now, updatedAt: now)
        d.emit(.taskCreated(TaskCreated(task: task)))
        d.schedule(task.reminders, of: task)
    }

    private static func decide(_ command: Command, task: Task, into d: inout Decision) throws(DecisionError) {
        let context = d.context
        switch command {
        case .add:
            preconditionFailure("handled by decideAdd")
        case .complete:
            guard task.status == .open else { throw .alreadyDone(title: task.title) }
            if let rule = task.recurrence {
                let due =
                    task.due
                    ?? Due(date: LocalDateTime(context.now, in: context.zone).date, timeZone: context.zone.identifier)
                if let next = rule.next(after: due, now: context.now, occurrencesDone: task.occurrencesDone) {
                    d.emit(
                        .taskStatusChanged(
                            TaskStatusChanged(
                                taskId: task.id, from: .open, status: .completed, nextDue: next.due,
                                occurrencesDone: next.occurrencesDone)))
                    var rolled = task
                    rolled.rollForward(to: next.due, occurrencesDone: next.occurrencesDone)
                    d.reschedule(rolled.reminders, of: rolled)
                    return
                }
            }
            d.emit(.taskStatusChanged(TaskStatusChanged(taskId: task.id, from: .open, status: .completed)))
            d.unschedule(task.reminders, of: task)
        case .reopen:
            guard task.status != .open else { throw .alreadyOpen(title: task.title) }
            d.emit(.taskStatusChanged(TaskStatusChanged(taskId: task.id, from: task.status, status: .open)))
            var reopened = task
            reopened.status = .open
            d.schedule(reopened.reminders, of: reopened)
        case .delete:
            d.emit(.taskDeleted(TaskDeleted(taskId: task.id)))
            if task.status == .open { d.unschedule(task.reminders, of: task) }
        case .rename(_, let title):
            let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty else { throw .emptyTitle }
            guard title != task.title else { throw .nothingToChange("It is already called '\(title)'") }
            d.emit(.taskUpdated(TaskUpdated(taskId: task.id, title: title)))
        case .reschedule(_, let due):
            guard due != task.due else {
                throw .nothingToChange(
                    due.map { "'\(task.title)' is already due \($0.localString)" }
                        ?? "'\(task.title)' has no due date")
            }
            d.emit(.taskDueDateChanged(TaskDueDateChanged(taskId: task.id, dueDate: due, previousDueDate: task.due)))
            var moved = task
            moved.due = due
            // Relative reminders follow the due; an absolute one moves only if the due's zone changed.
            let affected = task.reminders.filter {
                $0.fireTime(due: task.due, zone: context.zone) != $0.fireTime(due: due, zone: context.zone)
            }
            if task.status == .open { d.reschedule(affected, of: moved) }
        case .setPriority(_, let priority):
            guard priority != task.priority else {
                throw .nothingToChange("'\(task.title)' already has priority \(priority.rawValue)")
            }
            d.emit(.taskUpdated(TaskUpdated(taskId: task.id, priority: priority)))
        case .tag(_, let tags):
            let merged = Tags.merge(task.tags, tags)
            guard merged != task.tags else {
                throw .nothingToChange("'\(task.title)' already has " + Tags.display(tags))
            }
            d.emit(.taskUpdated(TaskUpdated(taskId: task.id, tags: merged)))
        case .untag(_, let tags):
            let removing = Set(tags.map(Tag.normalized))
            let kept = task.tags.filter { !removing.contains(Tag.normalized($0)) }
            guard kept.count < task.tags.count else { throw .notTagged(title: task.title, tags: tags) }
            d.emit(.taskUpdated(TaskUpdated(taskId: task.id, tags: kept)))
        case .describe(_, let text):
            guard text != task.description else {
                throw .nothingToChange("'\(task.title)' already has that description")
            }
            d.emit(
                .taskUpdated(
                    text.isEmpty
                        ? TaskUpdated(taskId: task.id, clear: [.description])
                        : TaskUpdated(taskId: task.id, description: text)))
        case .assign(_, let person):
            let person = person.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }.flatMap {
                $0.isEmpty ? nil : $0
            }
            guard person != task.assignee else {
                throw .nothingToChange(
                    person.map { "'\(task.title)' is already assigned to \($0)" }
                        ?? "'\(task.title)' is not assigned to anyone")
            }
            d.emit(
                .taskUpdated(
                    person.map { TaskUpdated(taskId: task.id, assignee: $0) }
                        ?? TaskUpdated(taskId: task.id, clear: [.assignee])))
        case .comment(_, let text):
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw .emptyComment }
            let comment = Comment(id: context.makeID(), author: context.userID ?? "me", text: text, time: context.now)
            d.emit(.taskUpdated(TaskUpdated(taskId: task.id, comments: task.comments + [comment])))
        case .setRecurrence(_, let rule):
            guard rule != task.recurrence else {
                throw .nothingToChange(
                    rule.map { _ in "'\(task.title)' already repeats that way" }
                        ?? "'\(task.title)' does not repeat")
            }
            d.emit(
                .taskUpdated(
                    rule.map { TaskUpdated(taskId: task.id, recurrence: $0) }
                        ?? TaskUpdated(taskId: task.id, clear: [.recurrence])))
        case .remind(_, let reminder):
            guard task.status == .open else { throw .taskIsDone(title: task.title) }
            guard let fireAt = reminder.fireTime(due: task.due, zone: context.zone) else {
                throw .noDueForReminder(title: task.title)
            }
            guard fireAt > context.now else { throw .reminderInPast }
            let reminders = task.reminders.filter { $0.id != reminder.id } + [reminder]
            d.emit(.taskUpdated(TaskUpdated(taskId: task.id, reminders: reminders)))
            d.schedule([reminder], of: task)
        case .stopReminding(_, let reminderID):
            guard !task.reminders.isEmpty else { throw .noReminders(title: task.title) }
            let stopping = task.reminders.filter { reminderID == nil || $0.id == reminderID }
            guard !stopping.isEmpty else { throw .noSuchReminder(title: task.title, reminderID: reminderID ?? "") }
            let kept = task.reminders.filter { r in !stopping.contains { $0.id == r.id } }
            d.emit(.taskUpdated(TaskUpdated(taskId: task.id, reminders: kept)))
            if task.status == .open { d.unschedule(stopping, of: task) }
        case .snooze(_, let minutes):
            guard minutes >= 1 else { throw .invalidSnooze }
            guard task.status == .open else { throw .taskIsDone(title: task.title) }
            let snooze = Reminder.snooze(
                task: task.id, now: context.now, minutes: minutes, zone: task.due?.zone ?? context.zone)
            let reminders = task.reminders.filter { $0.id != snooze.id } + [snooze]
            d.emit(.taskUpdated(TaskUpdated(taskId: task.id, reminders: reminders)))
            d.schedule([snooze], of: task)
        case .triggerReminder(_, let reminderID):
            // The scheduler needs an answer either way, so a reminder that cannot fire is an event, not an error.
            if task.status != .open {
                d.emit(
                    .reminderFailed(
                        ReminderFailed(
                            taskId: task.id, reminderId: reminderID, reason: "task is \(task.status.rawValue)")))
            } else if !task.reminders.contains(where: { $0.id == reminderID }) {
                d.emit(
                    .reminderFailed(
                        ReminderFailed(
                            taskId: task.id, reminderId: reminderID, reason: "no such reminder")))
            } else {
                d.emit(
                    .reminderTriggered(
                        ReminderTriggered(
                            taskId: task.id, reminderId: reminderID, title: task.title, firedAt: context.now)))
            }
        }
    }

    /// The `task-updates` an applied `task-events` event produces: always a `task.sync` with the whole task, plus
    /// `task.assignee.changed` or `task.comments.updated` when those changed. They carry the task's sequence;
    /// only `task.sync` is compared by sequence downstream (the other two share it and are deduplicated by id).
    /// `previous` is the task before the event, `current` after it.
    public static func updates(
        after event: TaskEvent, previous: Task?, current: Task, makeID: () -> String
    ) -> [TaskEvent] {
        guard event.topic == .taskEvents else { return [] }
        func make(_ payload: EventPayload) -> TaskEvent {
            TaskEvent(
                id: makeID(), taskID: current.id, sequence: current.sequence, time: event.time,
                correlationID: event.correlationID, userID: event.userID, payload: payload)
        }
        var out = [make(.taskSync(TaskSync(task: current)))]
        if let previous, previous.assignee != current.assignee {
            out.append(
                make(
                    .taskAssigneeChanged(
                        TaskAssigneeChanged(
                            taskId: current.id, assignee: current.assignee, previousAssignee: previous.assignee))))
        }
        if let previous, previous.comments != current.comments {
            out.append(make(.taskCommentsUpdated(TaskCommentsUpdated(taskId: current.id, comments: current.comments))))
        }
        return out
    }
}

extension TaskState {
    /// Applies `event` and returns what happened with the `task-updates` to publish (none unless applied): the
    /// worker's and the embedded bus's whole step.
    public mutating func process(_ event: TaskEvent, makeID: () -> String) -> (ApplyOutcome, [TaskEvent]) {
        let previous = self[event.taskID]
        let outcome = apply(event)
        guard outcome == .applied, let current = self[event.taskID] else { return (outcome, []) }
        return (outcome, TaskProcessor.updates(after: event, previous: previous, current: current, makeID: makeID))
    }
}

/// The events of one decision, numbered as they are emitted.
struct Decision {
    let taskID: TaskID
    var sequence: Int
    let context: DecisionContext
    private(set) var events: [TaskEvent] = []

    init(taskID: TaskID, sequence: Int, context: DecisionContext) {
        self.taskID = taskID
        self.sequence = sequence
        self.context = context
    }

    mutating func emit(_ payload: EventPayload) {
        if payload.type.topic == .taskEvents { sequence += 1 }
        events.append(
            TaskEvent(
                id: context.makeID(), taskID: taskID, sequence: sequence, time: context.now,
                correlationID: context.correlationID, userID: context.userID, payload: payload))
        if payload.type.topic == .taskEvents {
            // Reminder events emitted earlier in this decision carry the final sequence.
            for index in events.indices where events[index].topic == .reminders { events[index].sequence = sequence }
        }
    }

    /// `reminder.scheduled` for each reminder that will still fire; the others are left alone.
    mutating func schedule(_ reminders: [Reminder], of task: Task) {
        for reminder in reminders {
            guard let at = reminder.fireTime(due: task.due, zone: context.zone), at > context.now else { continue }
            emit(
                .reminderScheduled(
                    ReminderScheduled(taskId: task.id, reminder: reminder, fireAt: at, title: task.title)))
        }
    }

    /// A new `reminder.scheduled` (which replaces the earlier schedule of that reminder id) where the reminder
    /// still fires, otherwise `reminder.removed`.
    mutating func reschedule(_ reminders: [Reminder], of task: Task) {
        for reminder in reminders {
            if let at = reminder.fireTime(due: task.due, zone: context.zone), at > context.now {
                emit(
                    .reminderScheduled(
                        ReminderScheduled(taskId: task.id, reminder: reminder, fireAt: at, title: task.title)))
            } else {
                emit(.reminderRemoved(ReminderRemoved(taskId: task.id, reminderId: reminder.id)))
            }
        }
    }

    mutating func unschedule(_ reminders: [Reminder], of task: Task) {
        for reminder in reminders {
            emit(.reminderRemoved(ReminderRemoved(taskId: task.id, reminderId: reminder.id)))
        }
    }
}

/// Tags are kept as first typed, without their `#`, and never twice (compared without case).
enum Tags {
    static func merge(_ existing: [String], _ adding: [String]) -> [String] {
        var result = existing
        var seen = Set(existing.map(Tag.normalized))
        for tag in adding {
            let bare = tag.hasPrefix("#") ? String(tag.dropFirst()) : tag
            guard !bare.isEmpty, seen.insert(Tag.normalized(bare)).inserted else { continue }
            result.append(bare)
        }
        return result
    }

    static func display(_ tags: [String]) -> String {
        tags.map { "#" + Tag.normalized($0) }.joined(separator: " ")
    }
}
