import Foundation
import Testing

@testable import TodoCore

/// A little harness: decide against a state, apply what was decided, keep the events.
struct Board {
    var state = TaskState()
    var log: [TaskEvent] = []
    var now = Fixture.now
    let ids = SequentialIDs(prefix: "e")

    var context: DecisionContext {
        let ids = self.ids
        return DecisionContext(
            now: now, zone: Fixture.berlin, userID: "ana", correlationID: "corr", makeID: { ids.next() })
    }

    @discardableResult
    mutating func run(_ command: Command) throws -> [TaskEvent] {
        let events = try TaskProcessor.decide(command, state: state, context: context)
        for event in events { #expect(state.apply(event) == .applied) }
        log += events
        return events
    }

    subscript(_ id: String) -> Task { state[TaskID(id)]! }

    static func types(_ events: [TaskEvent]) -> [String] { events.map(\.type.rawValue) }
}

let t1 = TaskID("t1")
let t2 = TaskID("t2")

func draft(
    _ title: String = "pay rent", due: String? = "2026-11-26T09:00", tags: [String] = [],
    recurrence: String? = nil, reminders: [Reminder] = []
) -> TaskDraft {
    TaskDraft(
        title: title, due: due.map { Fixture.due($0) }, tags: tags,
        recurrence: recurrence.map { try! RecurrenceRule(rrule: $0) }, reminders: reminders)
}

let before30 = Reminder(id: "r30", trigger: .beforeDue(minutes: 30))
let atFive = Reminder(id: "r5pm", trigger: .absolute(Fixture.dateTime("2026-11-25T17:00")))
let pastReminder = Reminder(id: "old", trigger: .absolute(Fixture.dateTime("2026-11-25T08:00")))

struct DecideTests {
    @Test func addCreatesTheTaskAndSchedulesFutureReminders() throws {
        var board = Board()
        let events = try board.run(
            .add(t1, draft(tags: ["#home", "Home", "bills"], reminders: [before30, pastReminder])))
        #expect(Board.types(events) == ["task.created", "reminder.scheduled"])
        #expect(events.map(\.sequence) == [1, 1])
        #expect(events.allSatisfy { $0.correlationID == "corr" && $0.userID == "ana" && $0.time == Fixture.now })
        #expect(Set(events.map(\.id)).count == 2)
        let task = board["t1"]
        #expect(task.title == "pay rent" && task.status == .open && task.sequence == 1)
        #expect(task.tags == ["home", "bills"])
        #expect(task.createdAt == Fixture.now)
        guard case .reminderScheduled(let scheduled) = events[1].payload else {
            Issue.record()
            return
        }
        #expect(scheduled.fireAt == Fixture.instant("2026-11-26T08:30"))
        #expect(scheduled.title == "pay rent")
    }

    @Test func addRefusesDuplicatesAndEmptyTitles() throws {
        var board = Board()
        try board.run(.add(t1, draft()))
        #expect(throws: DecisionError.taskExists(t1)) { try board.run(.add(t1, draft())) }
        #expect(throws: DecisionError.emptyTitle) { try board.run(.add(t2, draft("   "))) }
    }

    @Test func addOverADeletedTaskContinuesItsSequence() throws {
        var board = Board()
        try board.run(.add(t1, draft()))
        try board.run(.delete(t1))
        let events = try board.run(.add(t1, draft("again")))
        #expect(events.first?.sequence == 3)
        #expect(board["t1"].title == "again" && board["t1"].status == .open)
    }

    @Test func completeClosesAndRemovesReminders() throws {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30, atFive])))
        let events = try board.run(.complete(t1))
        #expect(Board.types(events) == ["task.status.changed", "reminder.removed", "reminder.removed"])
        #expect(board["t1"].status == .completed)
        #expect(throws: DecisionError.alreadyDone(title: "pay rent")) { try board.run(.complete(t1)) }
        #expect(DecisionError.alreadyDone(title: "pay rent").message == "That task is already done")
    }

    @Test func completingARecurringTaskRollsItForward() throws {
        var board = Board()
        try board.run(
            .add(
                t1,
                draft(due: "2026-11-30T09:00", recurrence: "FREQ=MONTHLY;BYMONTHDAY=-1", reminders: [before30, atFive]))
        )
        let events = try board.run(.complete(t1))
        #expect(Board.types(events) == ["task.status.changed", "reminder.scheduled", "reminder.scheduled"])
        guard case .taskStatusChanged(let change) = events[0].payload else {
            Issue.record()
            return
        }
        #expect(change.status == .completed && change.nextDue == Fixture.due("2026-12-31T09:00"))
        let task = board["t1"]
        #expect(task.status == .open && task.due == Fixture.due("2026-12-31T09:00") && task.occurrencesDone == 1)
        // The absolute reminder moved with the due (30 Nov → 31 Dec is 31 days); the relative one follows the due.
        #expect(task.reminders.last?.trigger == .absolute(Fixture.dateTime("2026-12-26T17:00")))
        let fireTimes = events.dropFirst().compactMap { event -> Date? in
            if case .reminderScheduled(let s) = event.payload { return s.fireAt }
            return nil
        }
        #expect(fireTimes == [Fixture.instant("2026-12-31T08:30"), Fixture.instant("2026-12-26T17:00")])
    }

    @Test func theLastOccurrenceCompletesTheTask() throws {
        var board = Board()
        try board.run(.add(t1, draft(due: "2026-11-25", recurrence: "FREQ=DAILY;COUNT=2")))
        try board.run(.complete(t1))
        #expect(board["t1"].status == .open && board["t1"].due == Fixture.due("2026-11-26"))
        try board.run(.complete(t1))
        #expect(board["t1"].status == .completed)
    }

    @Test func recurringTaskWithoutDueRollsFromToday() throws {
        var board = Board()
        try board.run(.add(t1, draft(due: nil, recurrence: "FREQ=WEEKLY;BYDAY=MO")))
        try board.run(.complete(t1))
        #expect(board["t1"].due == Due(date: Fixture.date("2026-11-30"), timeZone: "Europe/Berlin"))
    }

    @Test func reopenRestoresAndReschedules() throws {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30])))
        #expect(throws: DecisionError.alreadyOpen(title: "pay rent")) { try board.run(.reopen(t1)) }
        try board.run(.complete(t1))
        let events = try board.run(.reopen(t1))
        #expect(Board.types(events) == ["task.status.changed", "reminder.scheduled"])
        #expect(board["t1"].status == .open)
    }

    @Test func deleteLeavesATombstoneThatOnlyReopenReaches() throws {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30])))
        let events = try board.run(.delete(t1))
        #expect(Board.types(events) == ["task.deleted", "reminder.removed"])
        #expect(board["t1"].status == .deleted)
        #expect(board.state.visibleTasks.isEmpty)
        #expect(throws: DecisionError.taskNotFound(t1)) { try board.run(.delete(t1)) }
        #expect(throws: DecisionError.taskNotFound(t1)) { try board.run(.rename(t1, title: "x")) }
        try board.run(.reopen(t1))
        #expect(board["t1"].status == .open)
    }

    @Test func deletingADoneTaskHasNoRemindersToRemove() throws {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30])))
        try board.run(.complete(t1))
        #expect(Board.types(try board.run(.delete(t1))) == ["task.deleted"])
    }

    @Test func unknownTask() {
        let board = Board()
        #expect(throws: DecisionError.taskNotFound(TaskID("3f2a91c0-dead"))) {
            try TaskProcessor.decide(.complete(TaskID("3f2a91c0-dead")), state: board.state, context: board.context)
        }
        #expect(DecisionError.taskNotFound(TaskID("3f2a91c0-dead")).message == "No task 3f2a91c0")
    }

    @Test func editsChangeOneFieldEach() throws {
        var board = Board()
        try board.run(.add(t1, draft(tags: ["home"])))
        try board.run(.rename(t1, title: "  pay the rent "))
        try board.run(.setPriority(t1, .urgent))
        try board.run(.tag(t1, ["#Money", "HOME", "bills"]))
        try board.run(.untag(t1, ["home"]))
        try board.run(.describe(t1, "by the 1st"))
        try board.run(.assign(t1, "@ben"))
        try board.run(.setRecurrence(t1, try RecurrenceRule(rrule: "FREQ=MONTHLY;BYMONTHDAY=1")))
        try board.run(.reschedule(t1, Fixture.due("2026-12-01")))
        let task = board["t1"]
        #expect(task.title == "pay the rent")
        #expect(task.priority == .urgent)
        #expect(task.tags == ["Money", "bills"])
        #expect(task.description == "by the 1st")
        #expect(task.assignee == "ben")
        #expect(task.recurrence?.rrule == "FREQ=MONTHLY;BYMONTHDAY=1")
        #expect(task.due == Fixture.due("2026-12-01"))
        #expect(task.sequence == 9)
        #expect(board.log.map(\.sequence) == Array(1...9))
        try board.run(.describe(t1, ""))
        try board.run(.assign(t1, nil))
        try board.run(.setRecurrence(t1, nil))
        #expect(board["t1"].description == "" && board["t1"].assignee == nil && board["t1"].recurrence == nil)
    }

    /// (command on a fresh "pay rent" task tagged home, due 26 Nov 09:00, the error).
    static let refusals: [(Command, DecisionError, String)] = [
        (.rename(t1, title: "pay rent"), .nothingToChange("It is already called 'pay rent'"), ""),
        (.rename(t1, title: ""), .emptyTitle, "A task needs a title"),
        (.setPriority(t1, .none), .nothingToChange("'pay rent' already has priority none"), ""),
        (.tag(t1, ["HOME"]), .nothingToChange("'pay rent' already has #home"), ""),
        (.untag(t1, ["work"]), .notTagged(title: "pay rent", tags: ["work"]), "'pay rent' isn't tagged #work"),
        (.describe(t1, ""), .nothingToChange("'pay rent' already has that description"), ""),
        (.assign(t1, nil), .nothingToChange("'pay rent' is not assigned to anyone"), ""),
        (.assign(t1, "@"), .nothingToChange("'pay rent' is not assigned to anyone"), ""),
        (.comment(t1, text: "  "), .emptyComment, "A comment needs some text"),
        (.setRecurrence(t1, nil), .nothingToChange("'pay rent' does not repeat"), ""),
        (
            .reschedule(t1, Fixture.due("2026-11-26T09:00")),
            .nothingToChange("'pay rent' is already due 2026-11-26T09:00"), ""
        ),
        (.remind(t1, pastReminder), .reminderInPast, "That reminder time has already passed"),
        (.stopReminding(t1, reminderID: nil), .noReminders(title: "pay rent"), "'pay rent' has no reminders"),
        (.snooze(t1, minutes: 0), .invalidSnooze, "Snooze for at least a minute"),
        (.complete(t2), .taskNotFound(t2), "No task t2"),
    ]

    @Test(arguments: refusals)
    func refusesWithAReason(_ command: Command, _ error: DecisionError, _ message: String) throws {
        var board = Board()
        try board.run(.add(t1, draft(tags: ["home"])))
        #expect(throws: error) { try board.run(command) }
        if !message.isEmpty { #expect(error.message == message) }
    }

    @Test func commentRecordsAuthorAndTime() throws {
        var board = Board()
        try board.run(.add(t1, draft()))
        try board.run(.comment(t1, text: " paid half "))
        let comment = try #require(board["t1"].comments.first)
        #expect(comment.author == "ana" && comment.text == "paid half" && comment.time == Fixture.now)
        #expect(!comment.id.isEmpty)
    }

    @Test func remindNeedsADueForRelativeReminders() throws {
        var board = Board()
        try board.run(.add(t1, draft(due: nil)))
        #expect(throws: DecisionError.noDueForReminder(title: "pay rent")) { try board.run(.remind(t1, before30)) }
        let events = try board.run(.remind(t1, atFive))
        #expect(Board.types(events) == ["task.updated", "reminder.scheduled"])
        #expect(board["t1"].reminders == [atFive])
        // The same id again replaces it.
        let later = Reminder(id: "r5pm", trigger: .absolute(Fixture.dateTime("2026-11-25T18:00")))
        try board.run(.remind(t1, later))
        #expect(board["t1"].reminders == [later])
    }

    @Test func remindersOnlyForOpenTasks() throws {
        var board = Board()
        try board.run(.add(t1, draft()))
        try board.run(.complete(t1))
        #expect(throws: DecisionError.taskIsDone(title: "pay rent")) { try board.run(.remind(t1, before30)) }
        #expect(throws: DecisionError.taskIsDone(title: "pay rent")) { try board.run(.snooze(t1, minutes: 5)) }
    }

    @Test func stopRemindingOneOrAll() throws {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30, atFive])))
        #expect(throws: DecisionError.noSuchReminder(title: "pay rent", reminderID: "nope")) {
            try board.run(.stopReminding(t1, reminderID: "nope"))
        }
        #expect(
            Board.types(try board.run(.stopReminding(t1, reminderID: "r30"))) == ["task.updated", "reminder.removed"])
        #expect(board["t1"].reminders == [atFive])
        try board.run(.stopReminding(t1, reminderID: nil))
        #expect(board["t1"].reminders.isEmpty)
    }

    @Test func snoozeReplacesTheEarlierSnooze() throws {
        var board = Board()
        try board.run(.add(t1, draft()))
        try board.run(.snooze(t1, minutes: 10))
        board.now = Fixture.now.addingTimeInterval(600)
        let events = try board.run(.snooze(t1, minutes: 15))
        guard case .reminderScheduled(let scheduled) = events.last?.payload else {
            Issue.record()
            return
        }
        #expect(scheduled.fireAt == Fixture.instant("2026-11-25T10:25"))
        #expect(board["t1"].reminders.map(\.id) == ["snooze-t1"])
    }

    @Test func addRefusesARelativeReminderWithoutADue() {
        var board = Board()
        #expect(throws: DecisionError.noDueForReminder(title: "pay rent")) {
            try board.run(.add(t1, draft(due: nil, reminders: [before30])))
        }
    }

    @Test func changingTheDuesZoneMovesAbsoluteRemindersToo() throws {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30, atFive])))
        let moved = try board.run(.reschedule(t1, Fixture.due("2026-11-26T09:00", zone: "Europe/London")))
        let fireTimes = moved.compactMap { event -> String? in
            guard case .reminderScheduled(let s) = event.payload else { return nil }
            return s.reminder.id + "@" + LocalDateTime(s.fireAt, in: Fixture.utc).description
        }
        #expect(fireTimes == ["r30@2026-11-26T08:30", "r5pm@2026-11-25T17:00"])
    }

    @Test func reschedulingADoneTaskSchedulesNothing() throws {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30])))
        try board.run(.complete(t1))
        #expect(Board.types(try board.run(.reschedule(t1, Fixture.due("2026-12-01")))) == ["task.due.date.changed"])
    }

    @Test func reschedulingMovesRelativeRemindersOnly() throws {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30, atFive])))
        let moved = try board.run(.reschedule(t1, Fixture.due("2026-11-27T12:00")))
        #expect(Board.types(moved) == ["task.due.date.changed", "reminder.scheduled"])
        let cleared = try board.run(.reschedule(t1, nil))
        #expect(Board.types(cleared) == ["task.due.date.changed", "reminder.removed"])
        #expect(board["t1"].due == nil)
    }

    @Test func triggerAnswersEvenWhenTheReminderCannotFire() throws {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30])))
        #expect(Board.types(try board.run(.triggerReminder(t1, reminderID: "r30"))) == ["reminder.triggered"])
        #expect(Board.types(try board.run(.triggerReminder(t1, reminderID: "zz"))) == ["reminder.failed"])
        try board.run(.complete(t1))
        let failed = try board.run(.triggerReminder(t1, reminderID: "r30"))
        guard case .reminderFailed(let f) = failed.first?.payload else {
            Issue.record()
            return
        }
        #expect(f.reason == "task is completed")
        try board.run(.delete(t1))
        #expect(Board.types(try board.run(.triggerReminder(t1, reminderID: "r30"))) == ["reminder.failed"])
    }

    @Test func reminderEventsCarryTheTasksSequenceWithoutAdvancingIt() throws {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30])))
        let events = try board.run(.complete(t1))
        #expect(events.map(\.sequence) == [2, 2])
        #expect(board["t1"].sequence == 2)
        #expect(events.map(\.topic) == [.taskEvents, .reminders])
    }
}

struct ApplyTests {
    static func history() throws -> Board {
        var board = Board()
        try board.run(.add(t1, draft(reminders: [before30])))
        try board.run(.add(t2, draft("buy milk", due: nil)))
        try board.run(.rename(t1, title: "pay the rent"))
        try board.run(.assign(t2, "ben"))
        try board.run(.complete(t1))
        try board.run(.comment(t2, text: "oat"))
        try board.run(.tag(t2, ["shop"]))
        try board.run(.reopen(t1))
        try board.run(.delete(t2))
        return board
    }

    @Test func duplicateDeliveryChangesNothing() throws {
        let board = try Self.history()
        var state = board.state
        for event in board.log {
            #expect([.duplicate].contains(state.apply(event)))
        }
        #expect(state == board.state)
    }

    @Test func redeliveryLongAfterIsStillHarmless() throws {
        let board = try Self.history()
        var replay = TaskState()
        for event in board.log + board.log.reversed() + board.log { replay.apply(event) }
        #expect(replay.tasks == board.state.tasks)
    }

    @Test func staleEventsAreDropped() throws {
        var board = Board()
        try board.run(.add(t1, draft()))
        let rename = try board.run(.rename(t1, title: "first"))
        try board.run(.rename(t1, title: "second"))
        var fresh = TaskState(tasks: [board["t1"]])
        #expect(fresh.apply(rename[0]) == .stale)
        #expect(fresh[t1]?.title == "second")
        // An event of the same sequence from another writer loses too.
        var rival = rename[0]
        rival.id = "other"
        #expect(fresh.apply(rival) == .stale)
    }

    @Test func eventsBeforeCreationAreUnknown() throws {
        var board = Board()
        let created = try board.run(.add(t1, draft()))
        let renamed = try board.run(.rename(t1, title: "x"))
        var state = TaskState()
        #expect(state.apply(renamed[0]) == .unknownTask)
        #expect(state.apply(created[0]) == .applied)
        #expect(state[t1]?.title == "pay rent")
    }

    @Test(arguments: 0..<12)
    func anyInterleavingAcrossTasksConverges(_ seed: Int) throws {
        let board = try Self.history()
        var generator = SplitMix(seed: UInt64(seed))
        // Keep each task's own order (one Kafka partition per task), shuffle across tasks, and duplicate some.
        var queues = Dictionary(grouping: board.log, by: \.taskID)
        var delivered: [TaskEvent] = []
        while let key = queues.keys.sorted().filter({ !queues[$0]!.isEmpty }).randomElement(using: &generator) {
            let event = queues[key]!.removeFirst()
            delivered.append(event)
            if Bool.random(using: &generator) { delivered.append(event) }
        }
        var state = TaskState()
        for event in delivered { state.apply(event) }
        #expect(state.tasks == board.state.tasks)
    }

    @Test func reminderEventsAreDeduplicatedById() throws {
        var board = Board()
        let events = try board.run(.add(t1, draft(reminders: [before30])))
        var state = TaskState()
        #expect(state.apply(events[0]) == .applied)
        #expect(state.apply(events[1]) == .applied)
        #expect(state.apply(events[1]) == .duplicate)
    }

    @Test func updatesFollowAppliedTaskEvents() throws {
        var board = Board()
        var worker = TaskState()
        let ids = SequentialIDs(prefix: "u")
        var published: [TaskEvent] = []
        func deliver(_ events: [TaskEvent]) {
            for event in events {
                let (_, updates) = worker.process(event, makeID: ids.next)
                published += updates
            }
        }
        deliver(try board.run(.add(t1, draft(reminders: [before30]))))
        #expect(Board.types(published) == ["task.sync"])
        published = []
        deliver(try board.run(.assign(t1, "ben")))
        #expect(Board.types(published) == ["task.sync", "task.assignee.changed"])
        guard case .taskAssigneeChanged(let change) = published[1].payload else {
            Issue.record()
            return
        }
        #expect(change.assignee == "ben" && change.previousAssignee == nil)
        published = []
        let commented = try board.run(.comment(t1, text: "hi"))
        deliver(commented)
        #expect(Board.types(published) == ["task.sync", "task.comments.updated"])
        #expect(published.allSatisfy { $0.sequence == 3 && $0.correlationID == "corr" })
        published = []
        deliver(commented)
        #expect(published.isEmpty, "a redelivery publishes nothing")
        deliver(try board.run(.triggerReminder(t1, reminderID: "r30")))
        #expect(published.isEmpty, "reminder events produce no task-updates")
    }

    @Test func theLivePaneRebuildsTheWorkersStateFromSyncs() throws {
        let board = try Self.history()
        var worker = TaskState()
        var pane = TaskState()
        let ids = SequentialIDs(prefix: "u")
        var syncs: [TaskEvent] = []
        for event in board.log { syncs += worker.process(event, makeID: ids.next).1 }
        for event in syncs.reversed() + syncs { pane.apply(event) }
        #expect(pane.tasks == worker.tasks)
    }
}

struct UndoTests {
    /// Commands on a task with tags, a reminder and a due, each undone by its inverse.
    static let undoable: [Command] = [
        .complete(t1), .delete(t1), .rename(t1, title: "renamed"), .reschedule(t1, Fixture.due("2026-12-24")),
        .reschedule(t1, nil), .setPriority(t1, .urgent), .tag(t1, ["new", "home"]), .untag(t1, ["home", "zzz"]),
        .describe(t1, "details"), .assign(t1, "ben"), .setRecurrence(t1, RecurrenceRule(frequency: .daily)),
        .remind(t1, atFive), .remind(t1, Reminder(id: "r30", trigger: .beforeDue(minutes: 5))),
        .stopReminding(t1, reminderID: nil), .stopReminding(t1, reminderID: "r30"), .snooze(t1, minutes: 20),
    ]

    static func visible(_ task: Task) -> [String] {
        [
            task.title, task.description, task.due?.localString ?? "-", task.priority.rawValue,
            task.tags.joined(separator: ","), task.status.rawValue, task.assignee ?? "-",
            task.recurrence?.rrule ?? "-",
            task.reminders.map { "\($0.id)=\($0.trigger)" }.sorted().joined(separator: ","),
        ]
    }

    @Test(arguments: undoable)
    func inverseRestoresTheTask(_ command: Command) throws {
        var board = Board()
        try board.run(.add(t1, draft(tags: ["home"], reminders: [before30])))
        let original = Self.visible(board["t1"])
        let undo = try #require(TaskProcessor.inverse(of: command, before: board.state, now: board.now))
        try board.run(command)
        #expect(Self.visible(board["t1"]) != original, "the command changed something")
        for step in undo { try board.run(step) }
        #expect(Self.visible(board["t1"]) == original)
    }

    @Test func undoingARecurringCompletionGoesBackToTheOccurrence() throws {
        var board = Board()
        try board.run(.add(t1, draft(due: "2026-11-25", recurrence: "FREQ=WEEKLY")))
        let undo = TaskProcessor.inverse(of: .complete(t1), before: board.state, now: board.now)
        #expect(undo == [.reschedule(t1, Fixture.due("2026-11-25"))])
        try board.run(.complete(t1))
        for step in undo ?? [] { try board.run(step) }
        #expect(board["t1"].due == Fixture.due("2026-11-25") && board["t1"].status == .open)
    }

    @Test func undoOfAddDeletes() throws {
        let board = Board()
        #expect(TaskProcessor.inverse(of: .add(t1, draft()), before: board.state, now: board.now) == [.delete(t1)])
    }

    @Test func deletedDoneTaskComesBackDone() throws {
        var board = Board()
        try board.run(.add(t1, draft()))
        try board.run(.complete(t1))
        let undo = try #require(TaskProcessor.inverse(of: .delete(t1), before: board.state, now: board.now))
        try board.run(.delete(t1))
        for step in undo { try board.run(step) }
        #expect(board["t1"].status == .completed)
    }

    @Test func commentsCannotBeUndone() throws {
        var board = Board()
        try board.run(.add(t1, draft()))
        #expect(TaskProcessor.inverse(of: .comment(t1, text: "x"), before: board.state, now: board.now) == nil)
    }
}

/// A small seeded generator so shuffles are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
