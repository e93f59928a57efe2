import Testing

/// Dates/DateRangeRules: ranges of whole days give the first day as due and their days as the length; the end
/// never lands in the title. Reference Fri 2026-11-27 10:00.
struct DateRangeRulesTests {
    static let ranges: [(String, String, String, Int?)] = [
        ("conference on March 3-5", "conference", "2027-03-03", 3 * 86_400),
        ("conference march 3rd-5th", "conference", "2027-03-03", 3 * 86_400),
        ("conference dec 1 to dec 3", "conference", "2026-12-01", 3 * 86_400),
        ("offsite from monday to wednesday", "offsite", "2026-11-30", 3 * 86_400),
        ("trip jan 4 through 8", "trip", "2027-01-04", 5 * 86_400),
        ("vacation dec 20 - jan 3", "vacation", "2026-12-20", 15 * 86_400),
        ("read pages 3-5 tomorrow", "read pages 3-5", "2026-11-28", nil),
        ("monday - call bob", "call bob", "2026-11-30", nil),
    ]

    @Test(arguments: ranges) func dayRanges(_ text: String, _ title: String, _ due: String, _ seconds: Int?) {
        let d = Fixture.draft(text)
        #expect(d?.title == title)
        #expect(d?.due?.localString == due)
        #expect(d?.durationSeconds == seconds)
    }

    @Test func aRangeAfterARepeatBoundsIt() {
        #expect(Fixture.rrule("walk every day dec 1-20") == "FREQ=DAILY;UNTIL=20261220")
        #expect(Fixture.due("from dec 1 to dec 20 walk every day") == "2026-12-01")
    }
}
