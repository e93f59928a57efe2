import Foundation
import Testing
import TodoCore

@testable import TaskIntent

/// Deterministic pseudo-random generator (SplitMix64), so a failure is reproducible from its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Properties: no input crashes or hangs the parser, spans stay inside the line, and the summary of an
/// "add" parses back to the same task.
struct PropertyTests {
    static let vocabulary = [
        "every", "other", "day", "monday", "mon", "next", "last", "this", "the", "1st", "15th", "of", "month", "at",
        "9", "5pm", "17:30", "noon", "tomorrow", "today", "in", "3", "days", "half", "an", "hour", "and", "a",
        "week", "from", "now", "until", "dec", "31", "2026-12-03", "12/3", "3.12.2026", "for", "2", "hours", "p1",
        "!!", "#home", "@sam", "//", "note", "\"quoted", "words\"", "'", "mark", "done", "delete", "move", "to",
        "friday", "it", "that", "show", "overdue", "sorted", "by", "due", "undo", "why", "help", "times", "twice",
        "quarter", "past", "eod", "eom", "easter", "feb", "30", "-", ",", ".", ":", "!", "?", "🎉", "für", "\u{1B}[31m",
        "\u{0}", "\t", "1h30m", "PT1H", "x10", "3-5pm", "9ish", "o'clock", "starting", "ending", "remind", "me",
        "before", "snooze", "tag", "untag", "assign", "rename", "as", "weekday", "weekend", "mornings", "fridays",
    ]

    static let references = [
        "2026-11-27T10:00", "2026-02-28T23:59", "2028-02-29T00:00", "2026-12-31T23:30", "2026-03-29T02:30",
    ]
    static let zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Lord_Howe", "UTC"]

    @Test func randomInputNeverCrashesAndSpansStayInside() {
        var rng = SplitMix(state: 20_261_127)
        for round in 0..<4000 {
            var line: String
            if round % 4 == 0 {
                // raw bytes, valid UTF-8 or not
                let bytes = (0..<Int.random(in: 0...60, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng)
                }
                line = String(decoding: bytes, as: UTF8.self)
            } else {
                line = (0..<Int.random(in: 0...14, using: &rng)).map { _ in Self.vocabulary.randomElement(using: &rng)!
                }
                .joined(separator: round % 3 == 0 ? "" : " ")
            }
            let context = Fixture.context(
                Self.references.randomElement(using: &rng)!, zone: Self.zones.randomElement(using: &rng)!,
                tasks: Fixture.tasks,
                last: round % 2 == 0 ? Fixture.id(2) : nil)
            let r = TaskIntentParser.parse(line, context: context)
            let length = line.count
            for s in r.spans {
                #expect(s.start >= 0 && s.start < s.end && s.end <= length, "\(line.debugDescription): \(s)")
            }
            #expect(!r.summary.isEmpty)
            _ = r.explanation
        }
    }

    static let titles = ["pay rent", "call mom", "water the fern", "send invoice", "book flights", "walk the dog"]
    static let dates = [
        "", "tomorrow", "next friday", "dec 3", "on 2027-01-15", "in 3 days", "in 2 hours", "this weekend", "eom",
        "the 15th", "last friday", "2 weeks from now", "tonight", "monday morning",
    ]
    static let times = ["", "at 5pm", "at 9am", "at 17:30", "at noon", "at 7 in the evening"]
    static let repeats = [
        "", "", "every day", "every monday", "every weekday", "every month on the 1st", "every other week",
        "every last friday of the month", "every 3 days until dec 31", "every year on march 3", "twice a week",
        "every week for 10 times",
    ]
    static let extras = ["", "p1", "!!", "#home", "#home #errands", "@sam", "for 2 hours", "for 45m", "low priority"]

    @Test func summaryParsesBackToTheSameTask() {
        var rng = SplitMix(state: 42)
        var checked = 0
        for _ in 0..<600 {
            let parts = [
                Self.titles.randomElement(using: &rng)!, Self.repeats.randomElement(using: &rng)!,
                Self.dates.randomElement(using: &rng)!,
                Self.times.randomElement(using: &rng)!, Self.extras.randomElement(using: &rng)!,
                Self.extras.randomElement(using: &rng)!,
            ]
            let line = parts.filter { !$0.isEmpty }.joined(separator: " ")
            let context = Fixture.context(
                Self.references.randomElement(using: &rng)!, zone: Self.zones.randomElement(using: &rng)!)
            guard case .add(let first) = TaskIntentParser.parse(line, context: context).intent else { continue }
            let summary = TaskIntentParser.parse(line, context: context).summary
            guard case .add(let again) = TaskIntentParser.parse(summary, context: context).intent else {
                Issue.record("summary of \(line.debugDescription) did not parse as an add: \(summary)")
                continue
            }
            #expect(again == first, "\(line) → \(summary)")
            checked += 1
        }
        #expect(checked > 400)
    }

    @Test func parsingIsDeterministic() {
        let line = "pay rent every month on the 1st at 9am #home p1 // bank transfer"
        let a = Fixture.parse(line)
        for _ in 0..<50 { #expect(Fixture.parse(line) == a) }
    }
}
