import Testing

/// Whole lines as people type them into a todo app: title, due and repeat together. Reference Fri 2026-11-27 10:00.
struct RealWorldLinesTests {
    static let lines: [(String, String, String?, String?)] = [
        (
            "Gym Monday Wednesday Friday at 6am", "Gym", "2026-11-30T06:00",
            "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=6;BYMINUTE=0"
        ),
        ("call bob monday and thursday", "call bob", "2026-11-30", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("Submit report by Friday 5pm", "Submit report", "2026-12-04T17:00", nil),
        ("Dentist appointment on March 3rd at 2:30pm", "Dentist appointment", "2027-03-03T14:30", nil),
        ("Call mom every Sunday", "Call mom", "2026-11-29", "FREQ=WEEKLY;BYDAY=SU"),
        ("Pay rent on the 1st of every month", "Pay rent", "2026-12-01", "FREQ=MONTHLY;BYMONTHDAY=1"),
        (
            "Team meeting every Monday at 10am", "Team meeting", "2026-11-30T10:00",
            "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0"
        ),
        ("Renew passport in 6 months", "Renew passport", "2027-05-27", nil),
        ("Buy groceries tomorrow morning", "Buy groceries", "2026-11-28T09:00", nil),
        ("Doctor appointment next Tuesday at 10:30", "Doctor appointment", "2026-12-01T10:30", nil),
        ("Project deadline end of month", "Project deadline", "2026-11-30", nil),
        (
            "Take out trash every Thursday night", "Take out trash", "2026-12-03T21:00",
            "FREQ=WEEKLY;BYDAY=TH;BYHOUR=21;BYMINUTE=0"
        ),
        ("Lunch with Sarah at 12:30", "Lunch with Sarah", "2026-11-27T12:30", nil),
        ("Mom's birthday every year on June 12", "Mom's birthday", "2027-06-12", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=12"),
        (
            "Quarterly review on the first Monday of every quarter", "Quarterly review", "2026-12-07",
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO"
        ),
        ("Backup server every night at 2am", "Backup server", "2026-11-28T02:00", "FREQ=DAILY;BYHOUR=2;BYMINUTE=0"),
        (
            "Standup at 9:15 every weekday", "Standup", "2026-11-30T09:15",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=15"
        ),
        (
            "Review PRs Mon-Fri 4pm", "Review PRs", "2026-11-27T16:00",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=16;BYMINUTE=0"
        ),
        ("Pick up dry cleaning Saturday", "Pick up dry cleaning", "2026-11-28", nil),
        (
            "Send newsletter every other Thursday at 8am starting Dec 3", "Send newsletter", "2026-12-03T08:00",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;BYHOUR=8;BYMINUTE=0"
        ),
        ("Book vacation before summer", "Book vacation", "2027-06-21", nil),
        ("Clean the kitchen tonight after dinner", "Clean the kitchen after dinner", "2026-11-27T20:00", nil),
        ("Dinner at 7:30pm on Sat", "Dinner", "2026-11-28T19:30", nil),
        ("water plants recur:weekly due:sat", "water plants", "2026-11-28", "FREQ=WEEKLY;BYDAY=SA"),
        ("file report until:eom", "file report", "2026-11-30", nil),
        ("Call the plumber the monday after next", "Call the plumber", "2026-12-07", nil),
        ("Visit grandma over the weekend", "Visit grandma", "2026-11-28", nil),
        ("Hand over keys", "Hand over keys", nil, nil),
        ("Buy black paint", "Buy black paint", nil, nil),
        ("send report recur:2w", "send report", "2026-11-27", "FREQ=WEEKLY;INTERVAL=2"),
        ("send report recur:3d due:tomorrow", "send report", "2026-11-28", "FREQ=DAILY;INTERVAL=3"),
        ("send report due:1w", "send report", "2026-12-04", nil),
        ("send report next week sometime", "send report", "2026-11-30", nil),
        ("print 3d model", "print 3d model", nil, nil),
        ("Call grandma the day after christmas", "Call grandma", "2026-12-26", nil),
        ("Bake pies the day before thanksgiving", "Bake pies", "2027-11-24", nil),
        ("Memorial service tomorrow", "Memorial service", "2026-11-28", nil),
        ("Call mom at three thirty pm", "Call mom", "2026-11-27T15:30", nil),
        ("Buy three twenty packs", "Buy three twenty packs", nil, nil),
        ("Read half the book", "Read half the book", nil, nil),
        ("Send invoice on the 1st of next month", "Send invoice", "2026-12-01", nil),
        ("Report due in 3 days", "Report", "2026-11-30", nil),
        ("Report due: dec 3", "Report", "2026-12-03", nil),
        ("Quarterly report every quarter", "Quarterly report", "2026-11-27", "FREQ=MONTHLY;INTERVAL=3"),
        ("Change oil every 6 months starting january", "Change oil", "2027-01-01", "FREQ=MONTHLY;INTERVAL=6"),
    ]

    @Test(arguments: lines) func wholeLines(_ text: String, _ title: String, _ due: String?, _ rrule: String?) {
        let d = Fixture.draft(text)
        #expect(d?.title == title)
        #expect(d?.due?.localString == due)
        #expect(d?.recurrence?.rrule == rrule)
    }
}
