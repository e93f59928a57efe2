import Testing

/// Dates/RelativeDayRules: today/tomorrow/..., parts of named days, weekdays with this/next/last.
/// Reference Fri 2026-11-27 10:00: a bare weekday is the next one after today; "next" is next week's.
struct RelativeDayRulesTests {
    static let named: [(String, String)] = [
        ("call today", "2026-11-27"),
        ("call tomorrow", "2026-11-28"),
        ("call tmrw", "2026-11-28"),
        ("call tmr", "2026-11-28"),
        ("call tomorow", "2026-11-28"),
        ("call Tomorrow", "2026-11-28"),
        ("call yesterday", "2026-11-26"),
        ("call day after tomorrow", "2026-11-29"),
        ("call the day after tomorrow", "2026-11-29"),
        ("call overmorrow", "2026-11-29"),
        ("call the day before yesterday", "2026-11-25"),
        ("call tomorrow morning", "2026-11-28T09:00"),
        ("call tomorrow night", "2026-11-28T21:00"),
        ("call tomorrow evening", "2026-11-28T19:00"),
        ("call tomorrow afternoon", "2026-11-28T15:00"),
        ("call tonight", "2026-11-27T20:00"),
        ("call this evening", "2026-11-27T19:00"),
        ("call this afternoon", "2026-11-27T15:00"),
        ("call tomorrow at noon", "2026-11-28T12:00"),
        ("call today at 5pm", "2026-11-27T17:00"),
        ("call tomorrow in the evening", "2026-11-28T19:00"),
        ("call by tomorrow", "2026-11-28"),
        ("call due tomorrow", "2026-11-28"),
    ]

    @Test(arguments: named) func namedDays(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == "call")
    }

    static let weekdays: [(String, String)] = [
        ("gym monday", "2026-11-30"),
        ("gym mon", "2026-11-30"),
        ("gym tuesday", "2026-12-01"),
        ("gym tue", "2026-12-01"),
        ("gym tues", "2026-12-01"),
        ("gym wednesday", "2026-12-02"),
        ("gym on wed", "2026-12-02"),
        ("gym thursday", "2026-12-03"),
        ("gym thu", "2026-12-03"),
        ("gym thurs", "2026-12-03"),
        ("gym friday", "2026-12-04"),
        ("gym fri", "2026-12-04"),
        ("gym saturday", "2026-11-28"),
        ("gym on sat", "2026-11-28"),
        ("gym sunday", "2026-11-29"),
        ("gym on sun", "2026-11-29"),
        ("gym this friday", "2026-11-27"),
        ("gym this monday", "2026-11-30"),
        ("gym this saturday", "2026-11-28"),
        ("gym next monday", "2026-11-30"),
        ("gym next friday", "2026-12-04"),
        ("gym next wednesday", "2026-12-02"),
        ("gym next saturday", "2026-12-05"),
        ("gym next sunday", "2026-12-06"),
        ("gym coming monday", "2026-11-30"),
        ("gym this coming tuesday", "2026-12-01"),
        ("gym last friday", "2026-11-20"),
        ("gym last monday", "2026-11-23"),
        ("gym monday next week", "2026-11-30"),
        ("gym friday next week", "2026-12-04"),
        ("gym wednesday this week", "2026-11-25"),
        ("gym friday after next", "2026-12-11"),
        ("gym monday week", "2026-12-07"),
        ("gym following monday", "2026-11-30"),
        ("gym next monday at 9am", "2026-11-30T09:00"),
        ("gym friday at 3pm", "2026-12-04T15:00"),
        ("gym monday morning", "2026-11-30T09:00"),
        ("gym friday evening", "2026-12-04T19:00"),
        ("gym on tuesday at noon", "2026-12-01T12:00"),
        ("gym Monday", "2026-11-30"),
        ("gym friday morning at 8", "2026-12-04T08:00"),
        ("gym friday evening at 8", "2026-12-04T20:00"),
        ("gym sat 10am", "2026-11-28T10:00"),
        ("gym friday the 13th", "2027-08-13"),
        ("gym sat at 2pm", "2026-11-28T14:00"),
        ("gym this time tomorrow", "2026-11-28T10:00"),
        ("gym tonight at 11", "2026-11-27T23:00"),
        ("gym midnight tonight", "2026-11-28T00:00"),
        ("gym 3pm next wednesday", "2026-12-02T15:00"),
        ("gym at 3 pm on friday", "2026-12-04T15:00"),
        ("gym later today", "2026-11-27"),
        ("gym early tomorrow", "2026-11-28"),
        ("gym first thing monday", "2026-11-30T08:00"),
        ("gym next tuesday evening", "2026-12-01T19:00"),
        ("gym tomorrow at 8 in the morning", "2026-11-28T08:00"),
        ("gym 8:30 tonight", "2026-11-27T20:30"),
        ("gym tonight 8pm", "2026-11-27T20:00"),
        ("gym thursday 9:30", "2026-12-03T09:30"),
        ("gym thu 9:30am", "2026-12-03T09:30"),
        ("gym wed 3pm", "2026-12-02T15:00"),
        ("gym the day after tomorrow at 5", "2026-11-29T17:00"),
        ("gym noon on friday", "2026-12-04T12:00"),
        ("gym tomorrow @ 3", "2026-11-28T15:00"),
        ("gym at 3 tomorrow afternoon", "2026-11-28T15:00"),
        ("gym this sunday at 6", "2026-11-29T18:00"),
        ("gym 6pm sunday", "2026-11-29T18:00"),
        ("gym by next friday", "2026-12-04"),
    ]

    @Test(arguments: weekdays) func weekdayDates(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == "gym")
    }

    @Test func sameLineInOtherZonesUsesTheirReference() {
        // Sunday 2026-03-29 23:30 in Tokyo; Monday in New York is still the coming one.
        #expect(Fixture.due("gym tomorrow", "2026-03-29T23:30", zone: "Asia/Tokyo") == "2026-03-30")
        #expect(Fixture.due("gym monday", "2026-03-29T23:30", zone: "America/New_York") == "2026-03-30")
        #expect(Fixture.due("gym next monday", "2026-03-29T23:30", zone: "Australia/Sydney") == "2026-03-30")
        #expect(Fixture.draft("gym tomorrow", zone: "America/New_York")?.due?.timeZone == "America/New_York")
    }
}
