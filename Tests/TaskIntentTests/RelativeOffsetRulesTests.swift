import Testing

/// Dates/RelativeOffsetRules: "in 3 days", "2 weeks from now", "a week from tomorrow", "3 days ago".
/// Reference Fri 2026-11-27 10:00; minutes and hours give a time, days and longer a day.
struct RelativeOffsetRulesTests {
    static let cases: [(String, String)] = [
        ("water plants in 3 days", "2026-11-30"),
        ("water plants in three days", "2026-11-30"),
        ("water plants in a day", "2026-11-28"),
        ("water plants in 2 weeks", "2026-12-11"),
        ("water plants in a week", "2026-12-04"),
        ("water plants in two weeks", "2026-12-11"),
        ("water plants in 1 month", "2026-12-27"),
        ("water plants in 3 months", "2027-02-27"),
        ("water plants in a year", "2027-11-27"),
        ("water plants in 30 minutes", "2026-11-27T10:30"),
        ("water plants in 30 mins", "2026-11-27T10:30"),
        ("water plants in 90 min", "2026-11-27T11:30"),
        ("water plants in 2 hours", "2026-11-27T12:00"),
        ("water plants in an hour", "2026-11-27T11:00"),
        ("water plants in half an hour", "2026-11-27T10:30"),
        ("water plants in an hour and a half", "2026-11-27T11:30"),
        ("water plants in 1.5 hours", "2026-11-27T11:30"),
        ("water plants in 1h30m", "2026-11-27T11:30"),
        ("water plants in 2 and a half hours", "2026-11-27T12:30"),
        ("water plants in a couple of days", "2026-11-29"),
        ("water plants in a few days", "2026-11-30"),
        ("water plants in a fortnight", "2026-12-11"),
        ("water plants in 3 business days", "2026-12-02"),
        ("water plants in 15 hours", "2026-11-28T01:00"),
        ("water plants in 3d", "2026-11-30"),
        ("water plants in 2w", "2026-12-11"),
        ("water plants within 3 days", "2026-11-30"),
        ("water plants in 1 hour and 15 minutes", "2026-11-27T11:15"),
        ("water plants in twenty minutes", "2026-11-27T10:20"),
        ("water plants in twenty-five minutes", "2026-11-27T10:25"),
        ("water plants 2 weeks from now", "2026-12-11"),
        ("water plants 3 days from today", "2026-11-30"),
        ("water plants a week from tomorrow", "2026-12-05"),
        ("water plants 2 days after tomorrow", "2026-11-30"),
        ("water plants a week from monday", "2026-12-07"),
        ("water plants 10 days from now", "2026-12-07"),
        ("water plants 2 days later", "2026-11-29"),
        ("water plants 3 days ago", "2026-11-24"),
        ("water plants a week ago", "2026-11-20"),
        ("water plants 2 days before friday", "2026-12-02"),
        ("water plants in 2 weeks at 10am", "2026-12-11T10:00"),
        ("water plants one month from now", "2026-12-27"),
        ("water plants 3 hours from now", "2026-11-27T13:00"),
        ("water plants in 6 weeks", "2027-01-08"),
        ("water plants in the next hour", "2026-11-27T11:00"),
        ("water plants within the hour", "2026-11-27T11:00"),
        ("water plants in 1 yr", "2027-11-27"),
        ("water plants in 3 wks", "2026-12-18"),
        ("water plants in 10 mins", "2026-11-27T10:10"),
        ("water plants one week from today", "2026-12-04"),
        ("water plants a month from now", "2026-12-27"),
        ("water plants in 2 working days", "2026-12-01"),
        ("water plants in 24 hours", "2026-11-28T10:00"),
        ("water plants in 48h", "2026-11-29T10:00"),
        ("water plants 24h from now", "2026-11-28T10:00"),
        ("water plants in 2 days time", "2026-11-29"),
        ("water plants 3 weeks later", "2026-12-18"),
        ("water plants within 2 weeks", "2026-12-11"),
        ("water plants due in 3 days", "2026-11-30"),
        ("water plants in three weeks time", "2026-12-18"),
    ]

    @Test(arguments: cases) func offsets(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == "water plants")
    }

    @Test func monthEndsClamp() {
        // Jan 31 + 1 month is the last day of February.
        #expect(Fixture.due("rent in 1 month", "2027-01-31T09:00") == "2027-02-28")
        #expect(Fixture.due("rent in 1 month", "2028-01-31T09:00") == "2028-02-29")
        #expect(Fixture.due("rent in a year", "2028-02-29T09:00") == "2029-02-28")
    }

    @Test func hoursCrossMidnight() {
        #expect(Fixture.due("check in 3 hours", "2026-12-31T22:30") == "2027-01-01T01:30")
    }
}
