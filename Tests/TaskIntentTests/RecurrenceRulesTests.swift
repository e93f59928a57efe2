import Testing

/// Recurrence/RecurrenceRules and Recurrence/RecurrenceBoundRules: repeats as canonical RRULE strings, and the
/// first occurrence as the due date. Reference Fri 2026-11-27 10:00.
struct RecurrenceRulesTests {
    static let cases: [(String, String, String)] = [
        ("stretch every day", "FREQ=DAILY", "2026-11-27"),
        ("stretch daily", "FREQ=DAILY", "2026-11-27"),
        ("stretch every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-27"),
        ("stretch every weekend", "FREQ=WEEKLY;BYDAY=SA,SU", "2026-11-28"),
        ("stretch every monday", "FREQ=WEEKLY;BYDAY=MO", "2026-11-30"),
        ("stretch every monday and thursday", "FREQ=WEEKLY;BYDAY=MO,TH", "2026-11-30"),
        ("stretch every mon, wed and fri", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "2026-11-27"),
        ("stretch every tue/thu", "FREQ=WEEKLY;BYDAY=TU,TH", "2026-12-01"),
        ("stretch every other week", "FREQ=WEEKLY;INTERVAL=2", "2026-11-27"),
        ("stretch every 3 days", "FREQ=DAILY;INTERVAL=3", "2026-11-27"),
        ("stretch every 2 weeks", "FREQ=WEEKLY;INTERVAL=2", "2026-11-27"),
        ("stretch every 6 months", "FREQ=MONTHLY;INTERVAL=6", "2026-11-27"),
        ("stretch every month", "FREQ=MONTHLY", "2026-11-27"),
        ("stretch every month on the 1st", "FREQ=MONTHLY;BYMONTHDAY=1", "2026-12-01"),
        ("stretch every month on the 1st and 15th", "FREQ=MONTHLY;BYMONTHDAY=1,15", "2026-12-01"),
        ("stretch every 15th", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-12-15"),
        ("stretch every last friday of the month", "FREQ=MONTHLY;BYDAY=-1FR", "2026-11-27"),
        ("stretch every first monday of the month", "FREQ=MONTHLY;BYDAY=1MO", "2026-12-07"),
        ("stretch every 2nd tuesday", "FREQ=MONTHLY;BYDAY=2TU", "2026-12-08"),
        ("stretch every last day of the month", "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-11-30"),
        ("stretch every year", "FREQ=YEARLY", "2026-11-27"),
        ("stretch yearly", "FREQ=YEARLY", "2026-11-27"),
        ("stretch annually", "FREQ=YEARLY", "2026-11-27"),
        ("stretch every year on dec 25", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", "2026-12-25"),
        ("stretch every dec 25", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", "2026-12-25"),
        ("stretch every 25 december", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", "2026-12-25"),
        ("stretch every january", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", "2027-01-01"),
        ("stretch weekly", "FREQ=WEEKLY", "2026-11-27"),
        ("stretch biweekly", "FREQ=WEEKLY;INTERVAL=2", "2026-11-27"),
        ("stretch fortnightly", "FREQ=WEEKLY;INTERVAL=2", "2026-11-27"),
        ("stretch monthly", "FREQ=MONTHLY", "2026-11-27"),
        ("stretch bimonthly", "FREQ=MONTHLY;INTERVAL=2", "2026-11-27"),
        ("stretch quarterly", "FREQ=MONTHLY;INTERVAL=3", "2026-11-27"),
        ("stretch every quarter", "FREQ=MONTHLY;INTERVAL=3", "2026-11-27"),
        ("stretch each quarter", "FREQ=MONTHLY;INTERVAL=3", "2026-11-27"),
        ("stretch semiannually", "FREQ=MONTHLY;INTERVAL=6", "2026-11-27"),
        ("stretch twice a week", "FREQ=WEEKLY;BYDAY=MO,TH", "2026-11-30"),
        ("stretch three times a week", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "2026-11-27"),
        ("stretch once a week", "FREQ=WEEKLY", "2026-11-27"),
        ("stretch once a month", "FREQ=MONTHLY", "2026-11-27"),
        ("stretch twice a month", "FREQ=MONTHLY;BYMONTHDAY=1,15", "2026-12-01"),
        ("stretch every morning", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "2026-11-28T09:00"),
        ("stretch every evening", "FREQ=DAILY;BYHOUR=19;BYMINUTE=0", "2026-11-27T19:00"),
        ("stretch every monday morning", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "2026-11-30T09:00"),
        ("stretch every day at 9am", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "2026-11-28T09:00"),
        ("stretch every day at 5pm", "FREQ=DAILY;BYHOUR=17;BYMINUTE=0", "2026-11-27T17:00"),
        (
            "stretch every weekday at 8:30", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=30",
            "2026-11-30T08:30"
        ),
        ("stretch every monday at 9am", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "2026-11-30T09:00"),
        ("stretch every friday at 5pm", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=17;BYMINUTE=0", "2026-11-27T17:00"),
        ("stretch every friday at 9am", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=9;BYMINUTE=0", "2026-12-04T09:00"),
        ("stretch every 2 weeks on monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2026-11-30"),
        ("stretch every other tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-12-01"),
        ("stretch every day until dec 31", "FREQ=DAILY;UNTIL=20261231", "2026-11-27"),
        ("stretch every day until 2027-01-15", "FREQ=DAILY;UNTIL=20270115", "2026-11-27"),
        ("stretch every week for 10 times", "FREQ=WEEKLY;COUNT=10", "2026-11-27"),
        ("stretch every day 5 times", "FREQ=DAILY;COUNT=5", "2026-11-27"),
        ("stretch every monday starting dec 7", "FREQ=WEEKLY;BYDAY=MO", "2026-12-07"),
        ("stretch every month starting jan 1", "FREQ=MONTHLY", "2027-01-01"),
        ("stretch every day starting tomorrow", "FREQ=DAILY", "2026-11-28"),
        ("stretch every day for 2 weeks", "FREQ=DAILY;UNTIL=20261210", "2026-11-27"),
        ("stretch mondays", "FREQ=WEEKLY;BYDAY=MO", "2026-11-30"),
        ("stretch on mondays and thursdays", "FREQ=WEEKLY;BYDAY=MO,TH", "2026-11-30"),
        ("stretch on weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-27"),
        ("stretch every workday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-27"),
        ("stretch every business day", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-27"),
        ("stretch every other day", "FREQ=DAILY;INTERVAL=2", "2026-11-27"),
        ("stretch every 2nd week", "FREQ=WEEKLY;INTERVAL=2", "2026-11-27"),
        ("stretch every third month", "FREQ=MONTHLY;INTERVAL=3", "2026-11-27"),
        ("stretch on the 1st of every month", "FREQ=MONTHLY;BYMONTHDAY=1", "2026-12-01"),
        ("stretch the last friday of every month", "FREQ=MONTHLY;BYDAY=-1FR", "2026-11-27"),
        ("stretch monthly on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-12-15"),
        ("stretch weekly on friday", "FREQ=WEEKLY;BYDAY=FR", "2026-11-27"),
        ("stretch yearly on march 3", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3", "2027-03-03"),
        ("stretch nightly", "FREQ=DAILY;BYHOUR=21;BYMINUTE=0", "2026-11-27T21:00"),
        (
            "stretch every week on mon and wed at 10:30", "FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=10;BYMINUTE=30",
            "2026-11-30T10:30"
        ),
        ("stretch every saturday at 10", "FREQ=WEEKLY;BYDAY=SA;BYHOUR=10;BYMINUTE=0", "2026-11-28T10:00"),
        ("stretch each monday", "FREQ=WEEKLY;BYDAY=MO", "2026-11-30"),
        ("stretch every sunday evening", "FREQ=WEEKLY;BYDAY=SU;BYHOUR=19;BYMINUTE=0", "2026-11-29T19:00"),
        ("stretch every 4 weeks", "FREQ=WEEKLY;INTERVAL=4", "2026-11-27"),
        ("stretch every 2 years", "FREQ=YEARLY;INTERVAL=2", "2026-11-27"),
        ("stretch every 10 days until march 1", "FREQ=DAILY;INTERVAL=10;UNTIL=20270301", "2026-11-27"),
        ("stretch every day at 7am for 30 times", "FREQ=DAILY;BYHOUR=7;BYMINUTE=0;COUNT=30", "2026-11-28T07:00"),
        ("stretch every weekday starting next monday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-30"),
        ("stretch every month on the last friday", "FREQ=MONTHLY;BYDAY=-1FR", "2026-11-27"),
        ("stretch every month on the 31st", "FREQ=MONTHLY;BYMONTHDAY=31", "2026-12-31"),
        ("stretch every friday evening", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=19;BYMINUTE=0", "2026-11-27T19:00"),
        ("stretch every day at noon", "FREQ=DAILY;BYHOUR=12;BYMINUTE=0", "2026-11-27T12:00"),
        ("stretch every tuesday and friday at 6pm", "FREQ=WEEKLY;BYDAY=TU,FR;BYHOUR=18;BYMINUTE=0", "2026-11-27T18:00"),
        ("stretch every 2nd friday", "FREQ=MONTHLY;BYDAY=2FR", "2026-12-11"),
        ("stretch every first of the month", "FREQ=MONTHLY;BYMONTHDAY=1", "2026-12-01"),
        ("stretch 1st of every month", "FREQ=MONTHLY;BYMONTHDAY=1", "2026-12-01"),
        ("stretch once every two weeks", "FREQ=WEEKLY;INTERVAL=2", "2026-11-27"),
        ("stretch every few days", "FREQ=DAILY;INTERVAL=3", "2026-11-27"),
        ("stretch every couple of weeks", "FREQ=WEEKLY;INTERVAL=2", "2026-11-27"),
        (
            "stretch monday through friday at 9am", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0",
            "2026-11-30T09:00"
        ),
        ("stretch weekdays at 9", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0", "2026-11-30T09:00"),
        ("stretch every night at 10", "FREQ=DAILY;BYHOUR=22;BYMINUTE=0", "2026-11-27T22:00"),
        ("stretch every morning at 7:30", "FREQ=DAILY;BYHOUR=7;BYMINUTE=30", "2026-11-28T07:30"),
        ("stretch twice daily", "FREQ=DAILY;BYHOUR=9,18;BYMINUTE=0", "2026-11-27"),
        ("stretch every month until june", "FREQ=MONTHLY;UNTIL=20270601", "2026-11-27"),
        ("stretch every week until the end of the year", "FREQ=WEEKLY;UNTIL=20261231", "2026-11-27"),
        ("stretch annually on 4/15", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=15", "2027-04-15"),
        ("stretch every weekday except friday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH", "2026-11-30"),
        ("stretch every 1st and 3rd monday", "FREQ=MONTHLY;BYDAY=1MO,3MO", "2026-12-07"),
        ("stretch every year on the 1st of may", "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1", "2027-05-01"),
        ("stretch quarterly on the 1st", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", "2026-12-01"),
        ("stretch mon-fri", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-27"),
        ("stretch recur:weekly", "FREQ=WEEKLY", "2026-11-27"),
        ("stretch repeat every sunday at 2am", "FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0", "2026-11-29T02:00"),
        ("stretch recurring weekdays at 9", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0", "2026-11-30T09:00"),
        ("stretch every day until:eom", "FREQ=DAILY;UNTIL=20261130", "2026-11-27"),
        ("stretch every 2 days at 8pm", "FREQ=DAILY;INTERVAL=2;BYHOUR=20;BYMINUTE=0", "2026-11-27T20:00"),
        ("stretch every first sunday", "FREQ=MONTHLY;BYDAY=1SU", "2026-12-06"),
        ("stretch every weekend at 10am", "FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=10;BYMINUTE=0", "2026-11-28T10:00"),
        ("stretch each morning", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "2026-11-28T09:00"),
        ("stretch every mon wed fri", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "2026-11-27"),
        ("stretch mondays and wednesdays at 5", "FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=17;BYMINUTE=0", "2026-11-30T17:00"),
        ("stretch every third friday of the month", "FREQ=MONTHLY;BYDAY=3FR", "2026-12-18"),
        ("stretch first monday of every month", "FREQ=MONTHLY;BYDAY=1MO", "2026-12-07"),
        ("stretch every 90 days", "FREQ=DAILY;INTERVAL=90", "2026-11-27"),
        (
            "stretch every morning except weekends", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0",
            "2026-11-30T09:00"
        ),
        ("stretch every day but sunday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA", "2026-11-27"),
        ("stretch on the 15th and last day of every month", "FREQ=MONTHLY;BYMONTHDAY=15,-1", "2026-11-30"),
        ("stretch every 2nd and 4th thursday", "FREQ=MONTHLY;BYDAY=2TH,4TH", "2026-12-10"),
        (
            "stretch weekly on tuesday and thursday at 8am", "FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=8;BYMINUTE=0",
            "2026-12-01T08:00"
        ),
        ("stretch monthly on the 1st at 10am", "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=10;BYMINUTE=0", "2026-12-01T10:00"),
        ("stretch biweekly on friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2026-11-27"),
        ("stretch at 10 every monday", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0", "2026-11-30T10:00"),
        ("stretch at 9am daily", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "2026-11-28T09:00"),
        (
            "stretch every weekday at 9 starting next week", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0",
            "2026-11-30T09:00"
        ),
        // a day said apart from the repeat word is the repeat's day
        ("weekly stretch on friday at 4pm", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=16;BYMINUTE=0", "2026-12-04T16:00"),
        ("weekly stretch next tuesday", "FREQ=WEEKLY;BYDAY=TU", "2026-12-01"),
        ("monthly stretch on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-12-15"),
        ("monthly stretch on the first monday", "FREQ=MONTHLY;BYDAY=1MO", "2026-12-07"),
        ("monthly stretch the last friday", "FREQ=MONTHLY;BYDAY=-1FR", "2026-11-27"),
        ("quarterly stretch", "FREQ=MONTHLY;INTERVAL=3", "2026-11-27"),
        ("stretch bi-weekly", "FREQ=WEEKLY;INTERVAL=2", "2026-11-27"),
        ("stretch semi-monthly", "FREQ=MONTHLY;BYMONTHDAY=1,15", "2026-12-01"),
        ("stretch semi-annually", "FREQ=MONTHLY;INTERVAL=6", "2026-11-27"),
        ("stretch daily except sunday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA", "2026-11-27"),
        ("stretch weekly on mondays and fridays", "FREQ=WEEKLY;BYDAY=MO,FR", "2026-11-27"),
        ("stretch every mon-fri 9am", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0", "2026-11-30T09:00"),
        ("stretch every monday through wednesday", "FREQ=WEEKLY;BYDAY=MO,TU,WE", "2026-11-30"),
        ("stretch every year april 15", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=15", "2027-04-15"),
        ("stretch mon wed fri at 6am", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=6;BYMINUTE=0", "2026-11-30T06:00"),
    ]

    @Test(arguments: cases) func repeats(_ text: String, _ rrule: String, _ due: String) {
        let d = Fixture.draft(text)
        #expect(d?.recurrence?.rrule == rrule)
        #expect(d?.due?.localString == due)
        #expect(d?.title == "stretch")
    }

    @Test func designExample() {
        let d = Fixture.draft("remind me to pay rent every month on the 1st at 9am #home p1")
        #expect(d?.title == "pay rent")
        #expect(d?.recurrence?.rrule == "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0")
        #expect(d?.due?.localString == "2026-12-01T09:00")
        #expect(d?.tags == ["home"])
        #expect(d?.priority == .urgent)
        #expect(d?.reminders.count == 1)
    }

    @Test func subDailyRepeatsWarnAndSetNoRule() {
        let r = Fixture.parse("drink water every hour")
        guard case .add(let d) = r.intent else {
            Issue.record("not an add")
            return
        }
        #expect(d.recurrence == nil)
        #expect(d.title == "drink water")
        #expect(r.warnings.contains { $0.contains("more often than daily") })
    }

    @Test func aCountWithoutARepeatStaysInTheTitle() {
        #expect(Fixture.title("knock 3 times") == "knock 3 times")
    }

    @Test func firstOccurrenceRespectsLeapYears() {
        let d = Fixture.draft("leap party every feb 29")
        #expect(d?.recurrence?.rrule == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")
        #expect(d?.due?.localString == "2028-02-29")
    }
}
