import Testing

/// Times/ClockTimeRules and Times/DayPartRules. Reference Fri 2026-11-27 10:00: a time alone is today
/// if still ahead, else tomorrow; bare hours 1-7 are afternoon/evening, 8-11 morning.
struct ClockTimeRulesTests {
    static let clock: [(String, String)] = [
        ("call at 5pm", "2026-11-27T17:00"),
        ("call 5pm", "2026-11-27T17:00"),
        ("call 5 pm", "2026-11-27T17:00"),
        ("call 5p", "2026-11-27T17:00"),
        ("call 5 p.m.", "2026-11-27T17:00"),
        ("call 5PM", "2026-11-27T17:00"),
        ("call 5:30pm", "2026-11-27T17:30"),
        ("call 5:30 pm", "2026-11-27T17:30"),
        ("call 17:30", "2026-11-27T17:30"),
        ("call at 17:30", "2026-11-27T17:30"),
        ("call 9am", "2026-11-28T09:00"),
        ("call 9:00 am", "2026-11-28T09:00"),
        ("call at 11am", "2026-11-27T11:00"),
        ("call at noon", "2026-11-27T12:00"),
        ("call at midnight", "2026-11-28T00:00"),
        ("call 12am", "2026-11-28T00:00"),
        ("call 12pm", "2026-11-27T12:00"),
        ("call at 5", "2026-11-27T17:00"),
        ("call at 9", "2026-11-28T09:00"),
        ("call at 7", "2026-11-27T19:00"),
        ("call at 12", "2026-11-27T12:00"),
        ("call at 20:00", "2026-11-27T20:00"),
        ("call half past three", "2026-11-27T15:30"),
        ("call half past 3", "2026-11-27T15:30"),
        ("call quarter past 9", "2026-11-28T09:15"),
        ("call quarter to 5", "2026-11-27T16:45"),
        ("call ten to six", "2026-11-27T17:50"),
        ("call 20 past 4", "2026-11-27T16:20"),
        ("call 5 minutes to 3", "2026-11-27T14:55"),
        ("call at 7 in the evening", "2026-11-27T19:00"),
        ("call 7 in the morning", "2026-11-28T07:00"),
        ("call at 8 tonight", "2026-11-27T20:00"),
        ("call at 10 at night", "2026-11-27T22:00"),
        ("call 3 in the afternoon", "2026-11-27T15:00"),
        ("call at 9ish", "2026-11-28T09:00"),
        ("call 9ish", "2026-11-28T09:00"),
        ("call around 3pm", "2026-11-27T15:00"),
        ("call 17h30", "2026-11-27T17:30"),
        ("call at 1730", "2026-11-27T17:30"),
        ("call 3 o'clock", "2026-11-27T15:00"),
        ("call at 5:30", "2026-11-27T17:30"),
        ("call at 05:30", "2026-11-28T05:30"),
        ("call tomorrow at 5", "2026-11-28T17:00"),
        ("call friday at 10:15am", "2026-12-04T10:15"),
        ("call @ 4pm", "2026-11-27T16:00"),
        ("call at 11:59pm", "2026-11-27T23:59"),
        ("call at three pm", "2026-11-27T15:00"),
        ("call by 6pm", "2026-11-27T18:00"),
        ("call 5pm tomorrow", "2026-11-28T17:00"),
        ("call at 10:00", "2026-11-28T10:00"),
        ("call 15:00h", "2026-11-27T15:00"),
        ("call 1500 hrs", "2026-11-27T15:00"),
        ("call at 0900", "2026-11-28T09:00"),
        ("call at 9.30", "2026-11-28T09:30"),
        ("call 9.30am", "2026-11-28T09:30"),
        ("call after 3pm", "2026-11-27T15:00"),
        ("call before noon", "2026-11-27T12:00"),
        ("call 3:00 PM", "2026-11-27T15:00"),
        ("call December 4, 2026 at 3 PM", "2026-12-04T15:00"),
        ("call Dec 31st 11:59pm", "2026-12-31T23:59"),
        ("call 31.12.2026 18:00", "2026-12-31T18:00"),
        ("call tomorrow at 9am sharp", "2026-11-28T09:00"),
        ("call at three thirty pm", "2026-11-27T15:30"),
        ("call at five forty-five pm", "2026-11-27T17:45"),
        ("call tomorrow at seven fifteen am", "2026-11-28T07:15"),
        ("call at half three", "2026-11-27T15:30"),
        ("call wed at noon", "2026-12-02T12:00"),
        ("call at 2030", "2026-11-27T20:30"),
    ]

    @Test(arguments: clock) func clockTimes(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == "call")
    }

    static let ranges: [(String, String, Int)] = [
        ("meeting 3-5pm", "2026-11-27T15:00", 7200),
        ("meeting from 2 to 4pm", "2026-11-27T14:00", 7200),
        ("meeting between 2 and 4pm", "2026-11-27T14:00", 7200),
        ("meeting 9am-11am", "2026-11-28T09:00", 7200),
        ("meeting tomorrow 10:00-10:30", "2026-11-28T10:00", 1800),
        ("meeting from 9 to 5", "2026-11-28T09:00", 28800),
    ]

    @Test(arguments: ranges) func timeRangesGiveALength(_ text: String, _ due: String, _ seconds: Int) {
        let d = Fixture.draft(text)
        #expect(d?.due?.localString == due)
        #expect(d?.durationSeconds == seconds)
        #expect(d?.title == "meeting")
    }

    static let dayParts: [(String, String)] = [
        ("run in the morning", "2026-11-28T09:00"),
        ("run in the afternoon", "2026-11-27T15:00"),
        ("run in the evening", "2026-11-27T19:00"),
        ("run at night", "2026-11-27T21:00"),
        ("run at lunch", "2026-11-27T12:00"),
        ("run at lunchtime", "2026-11-27T12:00"),
        ("run after work", "2026-11-27T18:00"),
        ("run before work", "2026-11-28T08:00"),
        ("run in the early morning", "2026-11-28T07:00"),
        ("run late afternoon", "2026-11-27T17:00"),
        ("run first thing tomorrow", "2026-11-28T08:00"),
        ("run tomorrow in the morning", "2026-11-28T09:00"),
        ("run monday afternoon", "2026-11-30T15:00"),
        ("run this morning", "2026-11-27T09:00"),
    ]

    @Test(arguments: dayParts) func partsOfTheDay(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == "run")
    }

    /// A lone hour right after a day is its time, with the same morning/afternoon guess as "at <hour>".
    static let hourAfterADay: [(String, String, String)] = [
        ("call mom tomorrow 10", "2026-11-28T10:00", "call mom"),
        ("call mom tomorrow 2", "2026-11-28T14:00", "call mom"),
        ("pay bills on monday 9", "2026-11-30T09:00", "pay bills"),
        ("pay bills monday 9 #home", "2026-11-30T09:00", "pay bills"),
        ("call mom dec 3 11", "2026-12-03T11:00", "call mom"),
        ("call mom tomorrow 10 p1", "2026-11-28T10:00", "call mom"),
    ]

    @Test(arguments: hourAfterADay) func aLoneHourAfterADayIsItsTime(_ text: String, _ due: String, _ title: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == title)
    }

    /// A number that goes on into words is a count, not an hour: the task keeps it.
    static let countAfterADay: [(String, String, String)] = [
        ("buy tickets tomorrow 2 adults", "2026-11-28", "buy tickets 2 adults"),
        ("order pizza friday 3 large", "2026-12-04", "order pizza 3 large"),
        ("tomorrow 2026 planning", "2026-11-28", "2026 planning"),
    ]

    @Test(arguments: countAfterADay) func aCountAfterADayStaysInTheTitle(_ text: String, _ due: String, _ title: String)
    {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == title)
    }
}
