import Testing

@testable import TaskIntent

/// Dates/CalendarDateRules: ISO, numeric and month-name dates. Reference Fri 2026-11-27 10:00.
struct CalendarDateRulesTests {
    static let iso: [(String, String)] = [
        ("pay bills 2026-12-03", "2026-12-03"),
        ("2026-12-03 pay bills", "2026-12-03"),
        ("submit on 2027-01-15", "2027-01-15"),
        ("meeting 2026-12-03T17:30", "2026-12-03T17:30"),
        ("2026/12/03 deadline", "2026-12-03"),
        ("2026.12.03 party", "2026-12-03"),
        ("leap day 2028-02-29", "2028-02-29"),
        ("renew 2026-12-31", "2026-12-31"),
        ("2026-12-03 17:30 meeting", "2026-12-03T17:30"),
        ("due 2027-06-01 report", "2027-06-01"),
        ("2026-11-27 call", "2026-11-27"),
        ("taxes due:2027-04-15", "2027-04-15"),
    ]

    @Test(arguments: iso) func isoDates(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
    }

    static let numeric: [(String, String)] = [
        ("report due 12/3", "2026-12-03"),
        ("12/25 gifts", "2026-12-25"),
        ("1/15 dentist", "2027-01-15"),
        ("3/1 pay rent", "2027-03-01"),
        ("call 12/3/2026", "2026-12-03"),
        ("party 12/3/27", "2027-12-03"),
        ("13/3 day-first when the first number cannot be a month", "2027-03-13"),
        ("25/12 xmas dinner", "2026-12-25"),
        ("3.12.2026 invoice", "2026-12-03"),
        ("invoice 3.12.", "2026-12-03"),
        ("24.12.26 party", "2026-12-24"),
        ("11/27 thing", "2026-11-27"),
        ("11/26 next year's thing", "2027-11-26"),
        ("2/29 leap", "2028-02-29"),
        ("12-3-2026 dash with year", "2026-12-03"),
        ("12/3 at 5pm", "2026-12-03T17:00"),
        ("on 12/10 send card", "2026-12-10"),
        ("by 1/4 finish", "2027-01-04"),
        ("on 12/20 at noon", "2026-12-20T12:00"),
        ("20-12-2026 day-first with dashes", "2026-12-20"),
    ]

    @Test(arguments: numeric) func numericDates(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
    }

    static let monthNames: [(String, String)] = [
        ("call on march the 3rd", "2027-03-03"),
        ("call in 2027", "2027-01-01"),
        ("dentist dec 3rd", "2026-12-03"),
        ("dentist dec 3", "2026-12-03"),
        ("dentist december 3", "2026-12-03"),
        ("dentist 3 december", "2026-12-03"),
        ("dentist 3rd of december", "2026-12-03"),
        ("dentist on the 3rd of december", "2026-12-03"),
        ("dentist Dec. 3", "2026-12-03"),
        ("dentist december 3rd, 2027", "2027-12-03"),
        ("dentist 3 dec 2027", "2027-12-03"),
        ("dentist dec 3 '27", "2027-12-03"),
        ("dentist jan 15", "2027-01-15"),
        ("dentist january 15th", "2027-01-15"),
        ("dentist 15 jan", "2027-01-15"),
        ("dentist nov 30", "2026-11-30"),
        ("dentist nov 27", "2026-11-27"),
        ("dentist nov 26", "2027-11-26"),
        ("dentist feb 29", "2028-02-29"),
        ("dentist sept 5", "2027-09-05"),
        ("dentist sep 5th", "2027-09-05"),
        ("dentist fri dec 4", "2026-12-04"),
        ("dentist friday, december 4th", "2026-12-04"),
        ("dentist friday 4th december", "2026-12-04"),
        ("flowers on may 2", "2027-05-02"),
        ("may 2nd flowers", "2027-05-02"),
        ("buy flowers on 2 may", "2027-05-02"),
        ("party the twenty-third of december", "2026-12-23"),
        ("party december twenty third", "2026-12-23"),
        ("trip march 2027", "2027-03-01"),
        ("trip in december", "2026-12-01"),
        ("taxes by march", "2027-03-01"),
        ("ski trip in february", "2027-02-01"),
        ("dentist 4 july at 10am", "2027-07-04T10:00"),
        ("dentist aug 1 2027", "2027-08-01"),
        ("dentist October 31st", "2027-10-31"),
        ("dentist DEC 24", "2026-12-24"),
        ("dentist 31 dec", "2026-12-31"),
        ("dentist the 2nd of march", "2027-03-02"),
        ("dentist march 3 at 3pm", "2027-03-03T15:00"),
        ("dentist 20th dec", "2026-12-20"),
        ("dentist Dec 20th 2026", "2026-12-20"),
        ("dentist Sunday, 20 December 2026", "2026-12-20"),
    ]

    @Test(arguments: monthNames) func monthNameDates(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text)?.hasPrefix(text.hasPrefix("may") ? "flowers" : String(text.prefix(4))) == true)
    }

    static let dayOfMonth: [(String, String)] = [
        ("pay the 15th", "2026-12-15"),
        ("pay on the 1st", "2026-12-01"),
        ("pay on 15th", "2026-12-15"),
        ("pay the 27th", "2026-11-27"),
        ("pay the 31st", "2026-12-31"),
        ("pay on the first", "2026-12-01"),
        ("pay on the 30th", "2026-11-30"),
        ("pay by the 2nd", "2026-12-02"),
    ]

    @Test(arguments: dayOfMonth) func ordinalDays(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == "pay")
    }

    static let invalid: [String] = [
        "party feb 30", "party on april 31", "party 2026-02-30", "party 2/30", "party 31.4.2027", "party 2027-02-29",
        "party 2026-13-01",
    ]

    @Test(arguments: invalid) func invalidDatesAreRefused(_ text: String) {
        guard case .invalid(let reason) = Fixture.parse(text).intent else {
            Issue.record("\(text) was not refused")
            return
        }
        #expect(reason.hasPrefix("There is no"))
    }
}
