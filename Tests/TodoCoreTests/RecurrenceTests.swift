import Foundation
import Testing

@testable import TodoCore

struct RecurrenceTests {
    /// (rule, start, how many, the series from the start). Expected series were cross-checked against an independent
    /// RFC 5545 implementation; one deliberate difference: a date-only UNTIL includes its whole day.
    static let series: [(String, String, Int, String)] = [
        ("FREQ=DAILY", "2026-11-25T09:00", 3, "2026-11-25T09:00 2026-11-26T09:00 2026-11-27T09:00"),
        (
            "FREQ=DAILY;INTERVAL=3", "2026-11-25T09:00", 4,
            "2026-11-25T09:00 2026-11-28T09:00 2026-12-01T09:00 2026-12-04T09:00"
        ),
        (
            "FREQ=WEEKLY;BYDAY=MO,TH", "2026-11-23T09:00", 5,
            "2026-11-23T09:00 2026-11-26T09:00 2026-11-30T09:00 2026-12-03T09:00 2026-12-07T09:00"
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "2026-11-23T09:00", 5,
            "2026-11-23T09:00 2026-11-26T09:00 2026-12-07T09:00 2026-12-10T09:00 2026-12-21T09:00"
        ),
        (
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-27T08:30", 4,
            "2026-11-27T08:30 2026-11-30T08:30 2026-12-01T08:30 2026-12-02T08:30"
        ),
        ("FREQ=WEEKLY", "2026-12-31T18:00", 3, "2026-12-31T18:00 2027-01-07T18:00 2027-01-14T18:00"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31T09:00", 5,
            "2026-01-31T09:00 2026-03-31T09:00 2026-05-31T09:00 2026-07-31T09:00 2026-08-31T09:00"
        ),
        (
            "FREQ=MONTHLY", "2026-01-31T09:00", 5,
            "2026-01-31T09:00 2026-03-31T09:00 2026-05-31T09:00 2026-07-31T09:00 2026-08-31T09:00"
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31T09:00", 4,
            "2026-01-31T09:00 2026-02-28T09:00 2026-03-31T09:00 2026-04-30T09:00"
        ),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "2028-01-31T09:00", 3, "2028-01-31T09:00 2028-02-29T09:00 2028-03-31T09:00"),
        ("FREQ=MONTHLY;BYMONTHDAY=30", "2027-01-30T09:00", 3, "2027-01-30T09:00 2027-03-30T09:00 2027-04-30T09:00"),
        ("FREQ=MONTHLY;BYMONTHDAY=29", "2027-01-29T09:00", 3, "2027-01-29T09:00 2027-03-29T09:00 2027-04-29T09:00"),
        ("FREQ=YEARLY", "2024-02-29T09:00", 3, "2024-02-29T09:00 2028-02-29T09:00 2032-02-29T09:00"),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2024-02-29T09:00", 3,
            "2024-02-29T09:00 2028-02-29T09:00 2032-02-29T09:00"
        ),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "2026-02-28T09:00", 4,
            "2026-02-28T09:00 2027-02-28T09:00 2028-02-29T09:00 2029-02-28T09:00"
        ),
        ("FREQ=MONTHLY;BYDAY=1MO", "2026-12-07T09:00", 3, "2026-12-07T09:00 2027-01-04T09:00 2027-02-01T09:00"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "2026-11-27T17:00", 3, "2026-11-27T17:00 2026-12-25T17:00 2027-01-29T17:00"),
        (
            "FREQ=MONTHLY;BYDAY=5FR", "2026-01-30T09:00", 4,
            "2026-01-30T09:00 2026-05-29T09:00 2026-07-31T09:00 2026-10-30T09:00"
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR", "2026-02-13T09:00", 3,
            "2026-02-13T09:00 2026-03-13T09:00 2026-11-13T09:00"
        ),
        (
            "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "2026-11-26T12:00", 3,
            "2026-11-26T12:00 2027-11-25T12:00 2028-11-23T12:00"
        ),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", "2026-01-01T09:00", 4,
            "2026-01-01T09:00 2026-04-01T09:00 2026-07-01T09:00 2026-10-01T09:00"
        ),
        (
            "FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0", "2026-11-25T09:00", 4,
            "2026-11-25T09:00 2026-11-25T17:00 2026-11-26T09:00 2026-11-26T17:00"
        ),
        ("FREQ=DAILY;COUNT=3", "2026-11-25T09:00", 10, "2026-11-25T09:00 2026-11-26T09:00 2026-11-27T09:00"),
        (
            "FREQ=WEEKLY;BYDAY=WE;UNTIL=20261216", "2026-11-25T09:00", 10,
            "2026-11-25T09:00 2026-12-02T09:00 2026-12-09T09:00 2026-12-16T09:00"
        ),
        (
            "FREQ=DAILY;UNTIL=20261127T090000", "2026-11-25T09:00", 10,
            "2026-11-25T09:00 2026-11-26T09:00 2026-11-27T09:00"
        ),
        ("FREQ=YEARLY;BYDAY=20MO", "2026-05-18T09:00", 3, "2026-05-18T09:00 2027-05-17T09:00 2028-05-15T09:00"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=1,15", "2026-11-15T09:00", 4,
            "2026-11-15T09:00 2026-12-01T09:00 2026-12-15T09:00 2027-01-01T09:00"
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=1,-1", "2026-11-30T09:00", 4,
            "2026-11-30T09:00 2026-12-01T09:00 2026-12-31T09:00 2027-01-01T09:00"
        ),
        (
            "FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1", "2026-07-01T00:00", 3,
            "2026-07-01T00:00 2027-01-01T00:00 2027-07-01T00:00"
        ),
        (
            "FREQ=WEEKLY;BYMONTH=12;BYDAY=SA", "2026-12-26T10:00", 3,
            "2026-12-26T10:00 2027-12-04T10:00 2027-12-11T10:00"
        ),
        (
            "FREQ=DAILY;BYDAY=SA,SU", "2026-11-28T10:00", 4,
            "2026-11-28T10:00 2026-11-29T10:00 2026-12-05T10:00 2026-12-06T10:00"
        ),
        ("FREQ=YEARLY;INTERVAL=2", "2026-03-15T09:00", 3, "2026-03-15T09:00 2028-03-15T09:00 2030-03-15T09:00"),
        ("FREQ=MONTHLY;BYDAY=-2MO", "2026-11-23T09:00", 3, "2026-11-23T09:00 2026-12-21T09:00 2027-01-18T09:00"),
        (
            "FREQ=MONTHLY;BYDAY=1MO,3MO", "2026-11-02T09:00", 4,
            "2026-11-02T09:00 2026-11-16T09:00 2026-12-07T09:00 2026-12-21T09:00"
        ),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", "2024-02-29T06:00", 2, "2024-02-29T06:00 2028-02-29T06:00"),
        (
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1SU", "2026-11-29T09:00", 3,
            "2026-11-29T09:00 2027-01-31T09:00 2027-03-28T09:00"
        ),
        ("FREQ=WEEKLY;INTERVAL=3", "2026-11-25T09:00", 3, "2026-11-25T09:00 2026-12-16T09:00 2027-01-06T09:00"),
        (
            "FREQ=DAILY;BYHOUR=8;BYMINUTE=0,30", "2026-11-25T08:00", 3,
            "2026-11-25T08:00 2026-11-25T08:30 2026-11-26T08:00"
        ),
        (
            "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;BYHOUR=2;BYMINUTE=30", "2026-03-29T02:30", 2,
            "2026-03-29T02:30 2027-03-28T02:30"
        ),
        (
            "FREQ=MONTHLY;COUNT=4;BYMONTHDAY=31", "2026-01-31T09:00", 10,
            "2026-01-31T09:00 2026-03-31T09:00 2026-05-31T09:00 2026-07-31T09:00"
        ),
    ]

    @Test(arguments: series)
    func expandsTheSeries(_ rrule: String, _ start: String, _ limit: Int, _ expected: String) throws {
        let rule = try RecurrenceRule(rrule: rrule)
        let series = rule.occurrences(from: Fixture.dateTime(start), in: Fixture.berlin, limit: limit)
        #expect(series.map(\.description).joined(separator: " ") == expected, "\(rrule)")
    }

    /// (zone, rule, start, expected instants in UTC of the first occurrences).
    static let daylightSaving: [(String, String, String, [String])] = [
        // New York springs forward on 8 Mar 2026 (02:00 EST → 03:00 EDT): 02:30 does not exist and reads as 03:30 EDT.
        (
            "America/New_York", "FREQ=DAILY", "2026-03-07T02:30",
            ["2026-03-07T07:30", "2026-03-08T07:30", "2026-03-09T06:30"]
        ),
        // 9am stays 9am on the wall, so the instants are 23 hours apart over the change.
        (
            "America/New_York", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "2026-03-07T09:00",
            ["2026-03-07T14:00", "2026-03-08T13:00", "2026-03-09T13:00"]
        ),
        // New York falls back on 1 Nov 2026 (02:00 EDT → 01:00 EST): 01:30 happens twice; the first one counts.
        (
            "America/New_York", "FREQ=DAILY", "2026-10-31T01:30",
            ["2026-10-31T05:30", "2026-11-01T05:30", "2026-11-02T06:30"]
        ),
        (
            "America/New_York", "FREQ=WEEKLY;BYDAY=SU;BYHOUR=9;BYMINUTE=0", "2026-10-25T09:00",
            ["2026-10-25T13:00", "2026-11-01T14:00", "2026-11-08T14:00"]
        ),
        // Berlin springs forward on 29 Mar 2026 (02:00 CET → 03:00 CEST).
        (
            "Europe/Berlin", "FREQ=DAILY", "2026-03-28T02:30",
            ["2026-03-28T01:30", "2026-03-29T01:30", "2026-03-30T00:30"]
        ),
        (
            "Europe/Berlin", "FREQ=DAILY", "2026-03-28T09:00",
            ["2026-03-28T08:00", "2026-03-29T07:00", "2026-03-30T07:00"]
        ),
        // Berlin falls back on 25 Oct 2026 (03:00 CEST → 02:00 CET): 02:30 twice, the first (CEST) counts.
        (
            "Europe/Berlin", "FREQ=DAILY", "2026-10-24T02:30",
            ["2026-10-24T00:30", "2026-10-25T00:30", "2026-10-26T01:30"]
        ),
        // "Last Sunday of March at 02:30" lands in the gap every year.
        (
            "Europe/Berlin", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;BYHOUR=2;BYMINUTE=30", "2026-03-29T02:30",
            ["2026-03-29T01:30", "2027-03-28T01:30"]
        ),
    ]

    @Test(arguments: daylightSaving)
    func keepsWallClockAcrossDaylightSaving(_ zone: String, _ rrule: String, _ start: String, _ expected: [String])
        throws
    {
        let tz = try #require(TimeZone(identifier: zone))
        let rule = try RecurrenceRule(rrule: rrule)
        let instants = rule.occurrences(from: Fixture.dateTime(start), in: tz, limit: expected.count).map {
            LocalDateTime($0.instant(in: tz), in: Fixture.utc).description
        }
        #expect(instants == expected)
    }

    @Test func skippedWallTimeShowsAsTheLaterHour() {
        let instant = Fixture.dateTime("2026-03-08T02:30").instant(in: Fixture.newYork)
        #expect(LocalDateTime(instant, in: Fixture.newYork).description == "2026-03-08T03:30")
    }

    @Test(arguments: [
        ("Europe/Berlin", "2026-11-25T09:00 2026-11-26T09:00 2026-11-27T09:00"),
        ("America/New_York", "2026-11-25T09:00 2026-11-26T09:00"),
    ])
    func utcUntilIsAnInstant(_ zone: String, _ expected: String) throws {
        let rule = try RecurrenceRule(rrule: "FREQ=DAILY;UNTIL=20261127T080000Z")
        let tz = try #require(TimeZone(identifier: zone))
        let series = rule.occurrences(from: Fixture.dateTime("2026-11-25T09:00"), in: tz, limit: 10)
        #expect(series.map(\.description).joined(separator: " ") == expected)
    }

    @Test(arguments: [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=MONTHLY;BYMONTH=6;BYDAY=5SU;BYMONTHDAY=1",
    ])
    func impossibleDayEndsTheSeriesInsteadOfLooping(_ rrule: String) throws {
        let rule = try RecurrenceRule(rrule: rrule)
        #expect(rule.occurrence(after: Fixture.dateTime("2026-01-01T09:00"), in: Fixture.berlin) == nil)
    }

    // MARK: - Rolling a task forward

    /// (rule, due, now, occurrences done before, expected next due or "end", occurrences done after).
    static let rolls: [(String, String, String, Int, String, Int)] = [
        ("FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31T09:00", "2026-01-31T10:00", 0, "2026-03-31T09:00", 1),
        ("FREQ=MONTHLY", "2026-01-31", "2026-01-31T10:00", 0, "2026-03-31", 1),
        ("FREQ=YEARLY", "2024-02-29", "2024-02-29T10:00", 0, "2028-02-29", 1),
        // Completing early moves to the occurrence after the due, not after now.
        ("FREQ=WEEKLY;BYDAY=MO", "2026-11-30T09:00", "2026-11-25T10:00", 0, "2026-12-07T09:00", 1),
        // Overdue: missed occurrences are skipped (and counted); a whole-day task may land on today.
        ("FREQ=DAILY", "2026-11-20", "2026-11-25T10:00", 0, "2026-11-25", 5),
        ("FREQ=DAILY", "2026-11-20T09:00", "2026-11-25T10:00", 0, "2026-11-26T09:00", 6),
        ("FREQ=DAILY", "2026-11-20T11:00", "2026-11-25T10:00", 0, "2026-11-25T11:00", 5),
        // Alignment of "every other week" survives starting from a mid-series Thursday.
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "2026-11-26T09:00", "2026-11-25T10:00", 3, "2026-12-07T09:00", 4),
        // A rule with a time gives a whole-day task that time.
        ("FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "2026-11-25", "2026-11-25T10:00", 0, "2026-11-26T09:00", 1),
        ("FREQ=DAILY;COUNT=3", "2026-11-25", "2026-11-25T10:00", 0, "2026-11-26", 1),
        ("FREQ=DAILY;COUNT=3", "2026-11-26", "2026-11-25T10:00", 1, "2026-11-27", 2),
        ("FREQ=DAILY;COUNT=3", "2026-11-27", "2026-11-25T10:00", 2, "end", 0),
        ("FREQ=DAILY;COUNT=1", "2026-11-25", "2026-11-25T10:00", 0, "end", 0),
        // Skipped occurrences use up COUNT too.
        ("FREQ=DAILY;COUNT=4", "2026-11-20", "2026-11-25T10:00", 0, "end", 0),
        ("FREQ=WEEKLY;UNTIL=20261130", "2026-11-25", "2026-11-25T10:00", 0, "end", 0),
        ("FREQ=WEEKLY;UNTIL=20261202", "2026-11-25", "2026-11-25T10:00", 0, "2026-12-02", 1),
        ("FREQ=MONTHLY;BYDAY=-1FR", "2026-11-27T17:00", "2026-11-25T10:00", 0, "2026-12-25T17:00", 1),
        ("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "2026-11-26", "2026-11-25T10:00", 0, "2027-11-25", 1),
    ]

    @Test(arguments: rolls)
    func rollsToTheNextOccurrence(
        _ rrule: String, _ due: String, _ now: String, _ doneBefore: Int, _ expected: String, _ doneAfter: Int
    ) throws {
        let rule = try RecurrenceRule(rrule: rrule)
        let next = rule.next(after: Fixture.due(due), now: Fixture.instant(now), occurrencesDone: doneBefore)
        #expect((next?.due.localString ?? "end") == expected, "\(rrule) from \(due)")
        #expect((next?.occurrencesDone ?? 0) == doneAfter)
        #expect(next.map { $0.due.timeZone == "Europe/Berlin" } ?? true)
    }

    @Test func rollingOverSpringForwardKeepsTheWallTime() throws {
        let rule = try RecurrenceRule(rrule: "FREQ=DAILY")
        let due = Fixture.due("2026-03-07T02:30", zone: "America/New_York")
        let next = try #require(
            rule.next(after: due, now: Fixture.instant("2026-03-07T03:00", Fixture.newYork), occurrencesDone: 0))
        #expect(next.due.localString == "2026-03-08T02:30")
        #expect(LocalDateTime(next.due.instant(), in: Fixture.newYork).description == "2026-03-08T03:30")
        let after = try #require(rule.next(after: next.due, now: next.due.instant(), occurrencesDone: 1))
        #expect(after.due.localString == "2026-03-09T02:30")
    }
}

struct RRuleTextTests {
    static let canonical = [
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=MONTHLY;BYMONTHDAY=1,15,-1",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYDAY=1MO,3MO",
        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=30",
        "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
        "FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1",
        "FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0;COUNT=10",
        "FREQ=DAILY;UNTIL=20261231",
        "FREQ=DAILY;UNTIL=20261231T170000",
        "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20261231T160000Z",
    ]

    @Test(arguments: canonical)
    func roundTrips(_ text: String) throws {
        let rule = try RecurrenceRule(rrule: text)
        #expect(rule.rrule == text)
        #expect(try RecurrenceRule(rrule: rule.rrule) == rule)
    }

    @Test(arguments: [
        ("RRULE:freq=weekly;byday=th,mo", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("FREQ=MONTHLY;INTERVAL=1", "FREQ=MONTHLY"),
        ("BYMINUTE=0;FREQ=DAILY;BYHOUR=9", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1,1,-2", "FREQ=MONTHLY;BYMONTHDAY=1,-1,-2"),
        ("FREQ=DAILY;BYHOUR=17,9,9", "FREQ=DAILY;BYHOUR=9,17"),
        ("FREQ=MONTHLY;BYDAY=+1MO", "FREQ=MONTHLY;BYDAY=1MO"),
        ("FREQ=WEEKLY;WKST=MO;BYDAY=SU,MO", "FREQ=WEEKLY;BYDAY=MO,SU"),
        ("COUNT=5;UNTIL=;FREQ=DAILY", "error"),
        ("FREQ=YEARLY;UNTIL=20270101T000000z", "FREQ=YEARLY;UNTIL=20270101T000000Z"),
    ])
    func rendersCanonically(_ input: String, _ expected: String) {
        #expect(((try? RecurrenceRule(rrule: input))?.rrule ?? "error") == expected)
    }

    @Test func rendersAStructInCanonicalOrder() {
        let rule = RecurrenceRule(
            frequency: .weekly, interval: 2, byDay: [.init(4), .init(1)], byMonth: [12, 3], byHour: [9],
            byMinute: [0], count: 6)
        #expect(rule.rrule == "FREQ=WEEKLY;INTERVAL=2;BYMONTH=3,12;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0;COUNT=6")
        #expect(RecurrenceRule(frequency: .monthly, byDay: [.init(5, ordinal: -1)]).rrule == "FREQ=MONTHLY;BYDAY=-1FR")
    }

    @Test(arguments: [
        ("", RRuleError.missingFrequency),
        ("BYDAY=MO", .missingFrequency),
        ("FREQ=HOURLY", .unsupported("FREQ=HOURLY")),
        ("FREQ=DAILY;INTERVAL=0", .invalidValue("INTERVAL", "0")),
        ("FREQ=DAILY;INTERVAL=x", .invalidValue("INTERVAL", "X")),
        ("FREQ=DAILY;COUNT=0", .invalidValue("COUNT", "0")),
        ("FREQ=DAILY;BYMONTHDAY=0", .invalidValue("BYMONTHDAY", "0")),
        ("FREQ=DAILY;BYMONTHDAY=32", .invalidValue("BYMONTHDAY", "32")),
        ("FREQ=DAILY;BYMONTH=13", .invalidValue("BYMONTH", "13")),
        ("FREQ=DAILY;BYHOUR=24", .invalidValue("BYHOUR", "24")),
        ("FREQ=DAILY;BYMINUTE=60", .invalidValue("BYMINUTE", "60")),
        ("FREQ=WEEKLY;BYDAY=XX", .invalidValue("BYDAY", "XX")),
        ("FREQ=WEEKLY;BYDAY=0MO", .invalidValue("BYDAY", "0MO")),
        ("FREQ=WEEKLY;BYDAY=54MO", .invalidValue("BYDAY", "54MO")),
        ("FREQ=WEEKLY;BYDAY=MO,", .invalidValue("BYDAY", "")),
        ("FREQ=DAILY;COUNT=3;UNTIL=20261231", .countAndUntil),
        ("FREQ=DAILY;UNTIL=20260231", .invalidValue("UNTIL", "20260231")),
        ("FREQ=DAILY;UNTIL=2026-12-31", .invalidValue("UNTIL", "2026-12-31")),
        ("FREQ=DAILY;FREQ=WEEKLY", .duplicatePart("FREQ")),
        ("FREQ=DAILY;BYSETPOS=1", .unsupported("BYSETPOS=1")),
        ("FREQ=DAILY;WKST=SU", .unsupported("WKST=SU")),
        ("FREQ", .malformed("FREQ")),
        ("FREQ=DAILY;COUNT=", .malformed("COUNT=")),
    ])
    func rejectsWithAReason(_ text: String, _ expected: RRuleError) {
        #expect(throws: expected) { try RecurrenceRule(rrule: text) }
    }

    @Test func errorsReadAsSentences() {
        #expect(RRuleError.countAndUntil.description == "COUNT and UNTIL cannot both be given")
        #expect(RRuleError.invalidValue("BYMONTH", "13").description == "'13' is not a valid BYMONTH")
    }
}
