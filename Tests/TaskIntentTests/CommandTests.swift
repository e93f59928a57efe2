import Testing
import TodoCore

@testable import TaskIntent

/// Commands/: verbs and their synonyms on listed tasks (see `Fixture.tasks`: 1 Buy milk, 2 Call the dentist,
/// 3 File taxes, 4 Buy oat milk, 5 Renew passport, 6 Team offsite planning).
struct CommandTests {
    static func commands(_ text: String, last: Int? = nil) -> [Command]? {
        if case .commands(let c) = Fixture.intent(text, last: last) { return c }
        return nil
    }

    static let complete: [(String, Int)] = [
        ("done 3", 3), ("complete 3", 3), ("finish 3", 3), ("finished 3", 3), ("mark 3 done", 3),
        ("mark 3 as done", 3), ("mark 3 complete", 3), ("mark 3 as completed", 3), ("check off 3", 3),
        ("tick off 3", 3), ("3 done", 3), ("#3 done", 3), ("task 3 done", 3), ("3 is done", 3),
        ("mark the taxes one done", 3), ("done with taxes", 3), ("mark #5 as finished", 5), ("close 6", 6),
        ("complete the passport task", 5), ("cross off 1", 1), ("please mark 2 done", 2), ("done 2!", 2),
        ("mark c3d4e5f6 done", 3), ("done c3d4", 3), ("passport done", 5), ("the offsite is done", 6),
        ("could you mark 4 as done please", 4), ("i finished 1", 1),
    ]

    @Test(arguments: complete) func completeSynonyms(_ text: String, _ n: Int) {
        #expect(Self.commands(text) == [.complete(Fixture.id(n))])
    }

    @Test func pronounsAndLists() {
        #expect(Self.commands("it's done", last: 2) == [.complete(Fixture.id(2))])
        #expect(Self.commands("done", last: 2) == [.complete(Fixture.id(2))])
        #expect(Self.commands("mark it done", last: 5) == [.complete(Fixture.id(5))])
        #expect(Self.commands("complete that", last: 6) == [.complete(Fixture.id(6))])
        #expect(Self.commands("complete 1 and 3") == [.complete(Fixture.id(1)), .complete(Fixture.id(3))])
        #expect(Self.commands("done 1, 3") == [.complete(Fixture.id(1)), .complete(Fixture.id(3))])
        #expect(
            Self.commands("delete 1-3") == [.delete(Fixture.id(1)), .delete(Fixture.id(2)), .delete(Fixture.id(3))])
    }

    static let others: [(String, Command)] = [
        ("reopen 3", .reopen(Fixture.id(3))),
        ("mark 3 as not done", .reopen(Fixture.id(3))),
        ("undo done 3", .reopen(Fixture.id(3))),
        ("uncheck 3", .reopen(Fixture.id(3))),
        ("unmark 1", .reopen(Fixture.id(1))),
        ("delete 3", .delete(Fixture.id(3))),
        ("remove 3", .delete(Fixture.id(3))),
        ("drop 3", .delete(Fixture.id(3))),
        ("del 3", .delete(Fixture.id(3))),
        ("delete the passport one", .delete(Fixture.id(5))),
        ("get rid of 6", .delete(Fixture.id(6))),
        ("cancel 2", .delete(Fixture.id(2))),
        ("rename 3 to file 2026 taxes", .rename(Fixture.id(3), title: "file 2026 taxes")),
        ("rename the dentist one to call Dr. Who", .rename(Fixture.id(2), title: "call Dr. Who")),
        ("change title of 6 to offsite agenda", .rename(Fixture.id(6), title: "offsite agenda")),
        ("rename 1 to \"buy milk tomorrow\"", .rename(Fixture.id(1), title: "buy milk tomorrow")),
        ("set priority of 3 to high", .setPriority(Fixture.id(3), .high)),
        ("make 3 urgent", .setPriority(Fixture.id(3), .urgent)),
        ("prioritize 3", .setPriority(Fixture.id(3), .high)),
        ("deprioritize 6", .setPriority(Fixture.id(6), .low)),
        ("mark 3 as high priority", .setPriority(Fixture.id(3), .high)),
        ("set priority 2 p1", .setPriority(Fixture.id(2), .urgent)),
        ("change priority of 5 to low", .setPriority(Fixture.id(5), .low)),
        ("tag 3 #work", .tag(Fixture.id(3), ["work"])),
        ("tag 1 groceries", .tag(Fixture.id(1), ["groceries"])),
        ("tag 1 with groceries", .tag(Fixture.id(1), ["groceries"])),
        ("add tag errands to 1", .tag(Fixture.id(1), ["errands"])),
        ("untag 3 work", .untag(Fixture.id(3), ["work"])),
        ("remove tag work from 3", .untag(Fixture.id(3), ["work"])),
        ("describe 3 as bring receipts", .describe(Fixture.id(3), "bring receipts")),
        ("note 2: ask about the bill", .describe(Fixture.id(2), "ask about the bill")),
        ("add note to 5: photos at the drugstore", .describe(Fixture.id(5), "photos at the drugstore")),
        ("comment on 6: venue booked", .comment(Fixture.id(6), text: "venue booked")),
        ("comment 6 called them twice", .comment(Fixture.id(6), text: "called them twice")),
        ("assign 6 to @sam", .assign(Fixture.id(6), "sam")),
        ("give 3 to alex", .assign(Fixture.id(3), "alex")),
        ("assign @kim to 2", .assign(Fixture.id(2), "kim")),
        ("unassign 6", .assign(Fixture.id(6), nil)),
        ("delegate 5 to @lee", .assign(Fixture.id(5), "lee")),
        (
            "remind me about 2 30 minutes before",
            .remind(Fixture.id(2), Reminder(id: "reminder-1", trigger: .beforeDue(minutes: 30)))
        ),
        (
            "remind me about 3 tomorrow at 9am",
            .remind(
                Fixture.id(3),
                Reminder(
                    id: "reminder-1",
                    trigger: .absolute(
                        LocalDateTime(
                            date: LocalDate(year: 2026, month: 11, day: 28), time: LocalTime(hour: 9, minute: 0)))))
        ),
        ("stop reminding me about 2", .stopReminding(Fixture.id(2), reminderID: nil)),
        ("cancel reminder for 5", .stopReminding(Fixture.id(5), reminderID: nil)),
        ("snooze 2", .snooze(Fixture.id(2), minutes: 10)),
        ("snooze 2 for 30 minutes", .snooze(Fixture.id(2), minutes: 30)),
        ("snooze 2 1 hour", .snooze(Fixture.id(2), minutes: 60)),
        ("repeat 3 every monday", .setRecurrence(Fixture.id(3), RecurrenceRule(frequency: .weekly, byDay: [.init(1)]))),
        ("make 6 repeat monthly", .setRecurrence(Fixture.id(6), RecurrenceRule(frequency: .monthly))),
        ("stop repeating 3", .setRecurrence(Fixture.id(3), nil)),
    ]

    @Test(arguments: others) func otherCommands(_ text: String, _ command: Command) {
        #expect(Self.commands(text) == [command])
    }

    static func due(_ y: Int, _ m: Int, _ d: Int, _ h: Int? = nil, _ min: Int = 0) -> Due {
        Due(
            date: LocalDate(year: y, month: m, day: d), time: h.map { LocalTime(hour: $0, minute: min) },
            timeZone: "Europe/Berlin")
    }

    static let reschedules: [(String, Int, Due?)] = [
        ("move 3 to friday", 3, due(2026, 12, 4)),
        ("reschedule 2 to tomorrow at 10am", 2, due(2026, 11, 28, 10)),
        ("postpone 5 by 2 days", 5, due(2026, 12, 2)),
        ("push 2 by 1 hour", 2, due(2026, 12, 1, 10)),
        ("postpone 5", 5, due(2026, 12, 1)),
        ("move 3 to no date", 3, nil),
        ("push the passport one to next week", 5, due(2026, 11, 30)),
        ("move 6 to dec 10 at 2pm", 6, due(2026, 12, 10, 14)),
        ("defer 1 until monday", 1, due(2026, 11, 30)),
        ("push 2 back by a week", 2, due(2026, 12, 8, 9)),
        ("reschedule it to 5pm", 4, due(2026, 11, 27, 17)),
        ("move the dentist one to in 3 days", 2, due(2026, 11, 30)),
    ]

    @Test(arguments: reschedules) func reschedule(_ text: String, _ n: Int, _ due: Due?) {
        #expect(Self.commands(text, last: 4) == [.reschedule(Fixture.id(n), due)])
    }

    @Test func controlWords() {
        #expect(Fixture.intent("undo") == .undo)
        #expect(Fixture.intent("undo that") == .undo)
        #expect(Fixture.intent("oops") == .undo)
        #expect(Fixture.intent("help") == .help(topic: nil))
        #expect(Fixture.intent("help dates") == .help(topic: "dates"))
        #expect(Fixture.intent("help with repeats") == .help(topic: "repeats"))
        #expect(Fixture.intent("?") == .help(topic: nil))
        #expect(Fixture.intent("why") == .why)
        #expect(Fixture.intent("why?") == .why)
        #expect(Fixture.intent("explain") == .why)
    }

    @Test func ambiguousReferencesAskInsteadOfGuessing() {
        guard case .clarify(let question, let choices) = Fixture.intent("mark the milk one done") else {
            Issue.record("expected a question")
            return
        }
        #expect(question.contains("1. Buy milk") && question.contains("4. Buy oat milk"))
        #expect(
            choices.map(\.intent) == [.commands([.complete(Fixture.id(1))]), .commands([.complete(Fixture.id(4))])])
        guard case .clarify(_, let bare) = Fixture.intent("3") else {
            Issue.record("a bare number asks what to do")
            return
        }
        #expect(bare.count == 3)
        #expect(bare[0].intent == .commands([.complete(Fixture.id(3))]))
    }

    static let refused = [
        "delete task 9", "mark 9 done", "delete it", "mark the unicorn one done", "rename 3", "snooze 12",
    ]

    @Test(arguments: refused) func unknownReferencesAreRefused(_ text: String) {
        guard case .invalid(let reason) = Fixture.intent(text) else {
            Issue.record("\(text): \(Fixture.intent(text))")
            return
        }
        #expect(!reason.isEmpty)
    }

    static let newTasks: [(String, String, String?)] = [
        ("remove the snow from the driveway", "remove the snow from the driveway", nil),
        ("finish the report by friday", "finish the report", "2026-12-04"),
        ("check email", "check email", nil),
        ("move couch to the garage", "move couch to the garage", nil),
        ("add buy bread tomorrow", "buy bread", "2026-11-28"),
        ("add task: call the bank", "call the bank", nil),
        ("new task water plants at 6pm", "water plants", "2026-11-27T18:00"),
        ("todo: renew library card", "renew library card", nil),
        ("remember to lock the door tonight", "lock the door", "2026-11-27T20:00"),
        ("delete old photos on sunday", "delete old photos", "2026-11-29"),
        ("create invoice for acme", "create invoice for acme", nil),
        ("push code to github", "push code to github", nil),
        ("cancel gym membership", "cancel gym membership", nil),
        ("i need to call the landlord", "call the landlord", nil),
        ("help mom move on saturday", "help mom move", "2026-11-28"),
        ("show the kids the museum sunday", "show the kids the museum", "2026-11-29"),
    ]

    @Test(arguments: newTasks) func linesThatAreNewTasks(_ text: String, _ title: String, _ due: String?) {
        guard case .add(let d) = Fixture.intent(text) else {
            Issue.record("\(text): \(Fixture.intent(text))")
            return
        }
        #expect(d.title == title)
        #expect(d.due?.localString == due)
    }
}
