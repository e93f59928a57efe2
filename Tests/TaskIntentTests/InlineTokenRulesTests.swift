import Testing
import TodoCore

/// InlineTokens: priority, #tags, @people, // descriptions, "quoted words", reminders.
struct InlineTokenRulesTests {
    static let priorities: [(String, Priority)] = [
        ("fix bug p1", .urgent),
        ("fix bug p2", .high),
        ("fix bug p3", .medium),
        ("fix bug p4", .low),
        ("fix bug !high", .high),
        ("fix bug !low", .low),
        ("fix bug !medium", .medium),
        ("fix bug !urgent", .urgent),
        ("fix bug !1", .urgent),
        ("fix bug !!", .high),
        ("fix bug !!!", .urgent),
        ("fix bug high priority", .high),
        ("fix bug low priority", .low),
        ("fix bug priority high", .high),
        ("fix bug priority: low", .low),
        ("fix bug prio 2", .high),
        ("fix bug urgent", .urgent),
        ("fix bug asap", .urgent),
        ("fix bug important", .high),
        ("fix bug priority:H", .high),
        ("fix bug pri:M", .medium),
        ("fix bug pri:L", .low),
        ("fix bug top priority", .urgent),
        ("fix bug medium priority", .medium),
        ("P1 fix bug", .urgent),
    ]

    @Test(arguments: priorities) func priority(_ text: String, _ p: Priority) {
        let d = Fixture.draft(text)
        #expect(d?.priority == p)
        #expect(d?.title == "fix bug")
    }

    @Test(arguments: ["fix bug!", "fix bug p5", "fix mp3 player", "fix bug, p.s. test"]) func notPriorities(
        _ text: String
    ) {
        #expect(Fixture.draft(text)?.priority == Priority.none)
    }

    /// A level word that the recognised parts cut off from the title is the priority; one inside the title
    /// stays a word.
    static let lonePriorities: [(String, String, Priority)] = [
        ("pay rent every month on the 1st at 9am high #home", "pay rent", .high),
        ("pay rent tomorrow low", "pay rent", .low),
        ("water plants friday medium #garden", "water plants", .medium),
        ("pay rent high", "pay rent high", .none),
        ("buy high chair tomorrow", "buy high chair", .none),
        ("turn the heating low tomorrow", "turn the heating low", .none),
    ]

    @Test(arguments: lonePriorities) func lonePriority(_ text: String, _ title: String, _ p: Priority) {
        let d = Fixture.draft(text)
        #expect(d?.priority == p)
        #expect(d?.title == title)
    }

    static let tags: [(String, String, [String])] = [
        ("buy milk #home", "buy milk", ["home"]),
        ("#home buy milk", "buy milk", ["home"]),
        ("buy milk #home #errands", "buy milk", ["home", "errands"]),
        ("buy milk +home", "buy milk", ["home"]),
        ("buy milk #home #HOME", "buy milk", ["home"]),
        ("review #work/q4 budget", "review budget", ["work/q4"]),
        ("buy milk #shopping-list", "buy milk", ["shopping-list"]),
    ]

    @Test(arguments: tags) func hashTags(_ text: String, _ title: String, _ tags: [String]) {
        let d = Fixture.draft(text)
        #expect(d?.title == title)
        #expect(d?.tags == tags)
    }

    @Test func peopleDescriptionsQuotes() {
        let a = Fixture.draft("send slides @sam")
        #expect(a?.assignee == "sam")
        #expect(a?.title == "send slides")
        let b = Fixture.draft("talk to @bob about the budget")
        #expect(b?.assignee == "bob")
        #expect(b?.title == "talk to bob about the budget")
        let c = Fixture.draft("call the bank tomorrow // ask about the fee, bring ID")
        #expect(c?.description == "ask about the fee, bring ID")
        #expect(c?.title == "call the bank")
        #expect(c?.due?.localString == "2026-11-28")
        let d = Fixture.draft("buy \"next friday\" tickets")
        #expect(d?.title == "buy next friday tickets")
        #expect(d?.due == nil)
        let e = Fixture.draft("read 'The Day After Tomorrow' on sunday")
        #expect(e?.title == "read The Day After Tomorrow")
        #expect(e?.due?.localString == "2026-11-29")
        let f = Fixture.draft("watch “Monday Night Football” replay")
        #expect(f?.title == "watch Monday Night Football replay")
        #expect(f?.due == nil)
        let g = Fixture.draft("don't forget mom's birthday")
        #expect(g?.title == "mom's birthday")
    }

    @Test func reminders() {
        let a = Fixture.draft("dentist friday 3pm remind me 30 minutes before")
        #expect(a?.reminders.first?.trigger == .beforeDue(minutes: 30))
        #expect(a?.due?.localString == "2026-12-04T15:00")
        #expect(a?.title == "dentist")
        let b = Fixture.draft("dentist friday 3pm with a reminder 1 hour before")
        #expect(b?.reminders.first?.trigger == .beforeDue(minutes: 60))
        let c = Fixture.draft("dentist friday 3pm alert me tomorrow at 9")
        let expected = LocalDateTime(
            date: LocalDate(year: 2026, month: 11, day: 28), time: LocalTime(hour: 9, minute: 0))
        #expect(c?.reminders.first?.trigger == .absolute(expected))
        #expect(c?.due?.localString == "2026-12-04T15:00")
        let d = Fixture.draft("remind me to call mom at 6pm")
        #expect(d?.title == "call mom")
        #expect(d?.reminders.first?.trigger == .beforeDue(minutes: 0))
        #expect(d?.due?.localString == "2026-11-27T18:00")
    }
}
