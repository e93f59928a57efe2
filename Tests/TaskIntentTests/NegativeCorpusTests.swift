import Testing

/// Text that is not a date, a time, a repeat or a priority: the whole line stays the title.
struct NegativeCorpusTests {
    static let corpus = [
        "4:3 aspect ratio",
        "version 1.10.3",
        "call Jan",
        "buy 2 may flowers",
        "read chapter 3.2",
        "buy 3 apples",
        "pay the 5.30 fee",
        "print 3d model",
        "order 5m cable",
        "watch 24",
        "buy 12 eggs",
        "call mom",
        "email sue",
        "read the first chapter",
        "get a second opinion",
        "march with the band",
        "pick up sun cream",
        "sat exam prep",
        "10 minute abs workout",
        "top 10 list",
        "room 101",
        "call 555-1234",
        "buy a new year planner",
        "read 1984 by orwell",
        "meet at the station",
        "fix 2 bugs",
        "section 3.12 review",
        "the first step",
        "may the force be with you",
        "ask dec about the report",
        "watch the 3 body problem",
        "take 2 pills",
        "16:9 screenshots",
        "v2.1.0 release notes",
        "buy a 2-in-1 charger",
        "wed planner refill",
        "score 3-1 recap",
        "order 100 business cards",
        "learn the second movement",
        "write the last chapter",
        "call the night nurse",
        "plan the morning routine",
        "a day in the life essay",
        "count to 10",
    ]

    @Test(arguments: corpus) func staysTitle(_ text: String) {
        let d = Fixture.draft(text)
        #expect(d?.title == text)
        #expect(d?.due == nil)
        #expect(d?.recurrence == nil)
        #expect(d?.durationSeconds == nil)
    }

    @Test func nameBesideADate() {
        let d = Fixture.draft("ask Jan on monday")
        #expect(d?.title == "ask Jan")
        #expect(d?.due?.localString == "2026-11-30")
    }
}
