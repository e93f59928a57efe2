import Testing

/// Durations/DurationRules and Durations/Amount: how long a task takes.
struct DurationRulesTests {
    static let cases: [(String, Int)] = [
        ("study for 2 hours", 7200),
        ("study for 30 minutes", 1800),
        ("study for an hour", 3600),
        ("study for half an hour", 1800),
        ("study for an hour and a half", 5400),
        ("study for 1.5 hours", 5400),
        ("study for 1h30m", 5400),
        ("study for 90 min", 5400),
        ("study for 45m", 2700),
        ("study lasting 2 hours", 7200),
        ("study takes 20 minutes", 1200),
        ("study 2h", 7200),
        ("study 30min", 1800),
        ("study 1h30m", 5400),
        ("study PT1H30M", 5400),
        ("study P1D", 86400),
        ("study for 3 days", 259_200),
        ("study for a day", 86400),
        ("study for a quarter of an hour", 900),
        ("study for 2 hrs", 7200),
        ("study for 10 mins", 600),
        ("study for about 40 minutes", 2400),
        ("study for 1 hour 15 minutes", 4500),
        ("study P1DT12H", 129_600),
        ("study for twenty minutes", 1200),
    ]

    @Test(arguments: cases) func durations(_ text: String, _ seconds: Int) {
        let d = Fixture.draft(text)
        #expect(d?.durationSeconds == seconds)
        #expect(d?.title == "study")
        #expect(d?.due == nil)
    }

    @Test func durationBesideADate() {
        let d = Fixture.draft("study for 2 hours tomorrow at 9")
        #expect(d?.durationSeconds == 7200)
        #expect(d?.due?.localString == "2026-11-28T09:00")
        #expect(d?.title == "study")
    }

    static let notDurations = ["print 3d model", "order 5m cable", "watch 24", "buy 2 weeks of food"]

    @Test(arguments: notDurations) func lettersAloneAreNotDurations(_ text: String) {
        let d = Fixture.draft(text)
        #expect(d?.durationSeconds == nil)
        #expect(d?.due == nil)
        #expect(d?.title == text)
    }
}
