import TaskIntent
import Testing

@testable import TaskIntent

/// Dates/PeriodRules and Dates/NamedDateRules and Dates/NthWeekdayRules: period edges, Taskwarrior's named
/// dates, holidays, "the last friday of the month". Reference Fri 2026-11-27 (week Mon 23 - Sun 29 Nov).
struct PeriodRulesTests {
    static let periods: [(String, String)] = [
        ("plan next week", "2026-11-30"),
        ("plan next month", "2026-12-01"),
        ("plan next year", "2027-01-01"),
        ("plan this week", "2026-11-29"),
        ("plan this month", "2026-11-30"),
        ("plan this year", "2026-12-31"),
        ("plan this weekend", "2026-11-28"),
        ("plan on the weekend", "2026-11-28"),
        ("plan next weekend", "2026-12-05"),
        ("plan end of the week", "2026-11-29"),
        ("plan by end of week", "2026-11-29"),
        ("plan end of next week", "2026-12-06"),
        ("plan end of the month", "2026-11-30"),
        ("plan by the end of the month", "2026-11-30"),
        ("plan end of next month", "2026-12-31"),
        ("plan end of the year", "2026-12-31"),
        ("plan beginning of next month", "2026-12-01"),
        ("plan start of next week", "2026-11-30"),
        ("plan beginning of next year", "2027-01-01"),
        ("plan end of the quarter", "2026-12-31"),
        ("plan next quarter", "2027-01-01"),
        ("plan mid next month", "2026-12-15"),
        ("plan middle of next week", "2026-12-02"),
        ("plan end of march", "2027-03-31"),
        ("plan beginning of march", "2027-03-01"),
        ("plan mid-march", "2027-03-15"),
        ("plan end of december", "2026-12-31"),
        ("plan early december", "2026-12-01"),
        ("plan late december", "2026-12-31"),
        ("plan end of day", "2026-11-27"),
        ("plan by the end of the day", "2026-11-27"),
        ("plan by end of business day", "2026-11-27T17:00"),
        ("plan early next week", "2026-11-30"),
        ("plan end of february 2028", "2028-02-29"),
        ("plan next business day", "2026-11-30"),
        ("plan this coming weekend", "2026-11-28"),
        ("plan the weekend after next", "2026-12-05"),
        ("plan the week after next", "2026-12-07"),
        ("plan middle of the month", "2026-12-15"),
        ("plan beginning of the month", "2026-12-01"),
        ("plan later this week", "2026-11-29"),
        ("plan the 1st of next month", "2026-12-01"),
        ("plan first of next month", "2026-12-01"),
        ("plan mid december", "2026-12-15"),
        ("plan EOD friday", "2026-12-04"),
        ("plan end of day friday", "2026-12-04"),
        ("plan by COB tomorrow", "2026-11-28T17:00"),
        ("plan close of business", "2026-11-27T17:00"),
        ("plan next month on the 5th", "2026-12-05"),
        ("plan on the 5th of next month", "2026-12-05"),
        ("plan before end of month", "2026-11-30"),
        ("plan end of the week at 5pm", "2026-11-29T17:00"),
        ("plan next week friday", "2026-12-04"),
        ("plan this week on thursday", "2026-11-26"),
        ("plan end of the day tomorrow", "2026-11-28"),
        ("plan mid-week", "2026-12-02"),
        ("plan midweek", "2026-12-02"),
        ("plan midmonth", "2026-12-15"),
    ]

    @Test(arguments: periods) func periodEdges(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == "plan")
    }

    static let named: [(String, String)] = [
        ("report black friday", "2026-11-27"),
        ("report labor day", "2027-09-06"),
        ("report memorial day", "2027-05-31"),
        ("report on mother's day", "2027-05-09"),
        ("report fathers day", "2027-06-20"),
        ("report independence day", "2027-07-04"),
        ("report mlk day", "2027-01-18"),
        ("report presidents day", "2027-02-15"),
        ("report boxing day", "2026-12-26"),
        ("report st patrick's day", "2027-03-17"),
        ("report eod", "2026-11-27"),
        ("report eow", "2026-11-29"),
        ("report eom", "2026-11-30"),
        ("report eoy", "2026-12-31"),
        ("report eoq", "2026-12-31"),
        ("report sow", "2026-11-23"),
        ("report som", "2026-11-01"),
        ("report soy", "2026-01-01"),
        ("report soq", "2026-10-01"),
        ("report eoww", "2026-11-27"),
        ("report soww", "2026-11-23"),
        ("report sonw", "2026-11-30"),
        ("report sonm", "2026-12-01"),
        ("report sony", "2027-01-01"),
        ("report sonq", "2027-01-01"),
        ("report now", "2026-11-27T10:00"),
        ("report due:eom", "2026-11-30"),
        ("report due:tomorrow", "2026-11-28"),
        ("report due:friday", "2026-12-04"),
        ("report christmas", "2026-12-25"),
        ("report xmas", "2026-12-25"),
        ("report christmas eve", "2026-12-24"),
        ("report new year's eve", "2026-12-31"),
        ("report new years day", "2027-01-01"),
        ("report valentine's day", "2027-02-14"),
        ("report halloween", "2027-10-31"),
        ("report easter", "2027-03-28"),
        ("report good friday", "2027-03-26"),
        ("report easter monday", "2027-03-29"),
        ("report thanksgiving", "2027-11-25"),
        ("report pentecost", "2027-05-16"),
        ("report ascension", "2027-05-06"),
        ("report before christmas", "2026-12-25"),
    ]

    @Test(arguments: named) func namedDates(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == "report")
    }

    @Test func somedayMeansNoDueDate() {
        let d = Fixture.draft("learn the cello someday")
        #expect(d?.title == "learn the cello")
        #expect(d?.due == nil)
        #expect(Fixture.title("call back later") == "call back later")
        #expect(Fixture.due("call back later") == nil)
    }

    static let nth: [(String, String)] = [
        ("invoice last friday of the month", "2026-11-27"),
        ("invoice first monday of december", "2026-12-07"),
        ("invoice second tuesday of next month", "2026-12-08"),
        ("invoice last day of the month", "2026-11-30"),
        ("invoice first day of next month", "2026-12-01"),
        ("invoice third thursday of january", "2027-01-21"),
        ("invoice last monday of the month", "2026-11-30"),
        ("invoice first friday of the month", "2026-12-04"),
        ("invoice last weekday of the month", "2026-11-30"),
        ("invoice first day of next year", "2027-01-01"),
        ("invoice last day of the year", "2026-12-31"),
        ("invoice on the 2nd monday of january 2028", "2028-01-10"),
        ("invoice the first monday", "2026-12-07"),
        ("invoice on the 2nd tuesday", "2026-12-08"),
        ("invoice the last friday", "2026-11-27"),
        // a week of a month is due on its first day; one under way is due today
        ("invoice first week of january", "2027-01-01"),
        ("invoice the second week of january", "2027-01-08"),
        ("invoice in the last week of january", "2027-01-25"),
        ("invoice 3rd week of december", "2026-12-15"),
        ("invoice first week of next month", "2026-12-01"),
        ("invoice last week of the month", "2026-11-27"),
        ("invoice first week of the month", "2026-12-01"),
        ("invoice first week in march 2027", "2027-03-01"),
    ]

    @Test(arguments: nth) func nthWeekdayOfMonth(_ text: String, _ due: String) {
        #expect(Fixture.due(text) == due)
        #expect(Fixture.title(text) == "invoice")
    }

    @Test func easterIsComputed() {
        #expect(NamedDateRulesProbe.easter(2026) == "2026-04-05")
        #expect(NamedDateRulesProbe.easter(2027) == "2027-03-28")
        #expect(NamedDateRulesProbe.easter(2038) == "2038-04-25")
        #expect(NamedDateRulesProbe.easter(2285) == "2285-03-22")
    }
}

enum NamedDateRulesProbe {
    static func easter(_ year: Int) -> String { NamedDateRules.easter(year).description }
}
