import Testing

/// Lines the parser used to misread, as a person would read them. Reference Fri 2026-11-27 10:00.
struct ParserMissesTests {
    @Test func aWeekOfAMonthLeavesNoWordsInTheTitle() {
        let d = Fixture.draft("plan budget first week of january")
        #expect(d?.title == "plan budget")
        #expect(d?.due?.localString == "2027-01-01")
    }

    /// A day after "for" is the occasion; the deadline said with "by", "due" or "before" is the due date.
    static let occasions: [(String, String, String)] = [
        ("book flights for christmas by next weekend", "book flights for christmas", "2026-12-05"),
        ("book flights by next weekend for christmas", "book flights for christmas", "2026-12-05"),
        ("buy cake for friday's party due tomorrow", "buy cake for friday's party", "2026-11-28"),
        ("order costume for halloween before oct 20", "order costume for halloween", "2027-10-20"),
    ]

    @Test(arguments: occasions) func theDeadlineWinsOverTheOccasion(_ text: String, _ title: String, _ due: String) {
        #expect(Fixture.title(text) == title)
        #expect(Fixture.due(text) == due)
    }

    @Test func anOccasionAloneIsStillTheDueDate() {
        #expect(Fixture.title("book flights for christmas") == "book flights")
        #expect(Fixture.due("book flights for christmas") == "2026-12-25")
        #expect(Fixture.due("call bob for friday by friday") == "2026-12-04")
    }

    /// "next monday's meeting": the day qualifies the noun, so the task is due then and the title keeps the noun.
    static let possessives: [(String, String, String?)] = [
        ("prepare presentation for next monday's meeting", "prepare presentation for meeting", "2026-11-30"),
        ("print slides for tomorrow's call", "print slides for call", "2026-11-28"),
        ("prepare presentation for next Monday’s meeting", "prepare presentation for meeting", "2026-11-30"),
        ("send friday's report", "send report", "2026-12-04"),
        // a day gone by is what the words are about, not when they are due
        ("file last friday's minutes", "file last friday's minutes", nil),
        ("read yesterday's notes", "read yesterday's notes", nil),
    ]

    @Test(arguments: possessives) func aPossessiveDayIsTheDueDate(_ text: String, _ title: String, _ due: String?) {
        #expect(Fixture.title(text) == title)
        #expect(Fixture.due(text) == due)
    }
}
