import Testing

@testable import TaskIntent

/// Spans: what the input line highlights while typing, in characters of the input.
struct SpanTests {
    static func spans(_ text: String) -> [(SpanKind, String)] {
        let r = Fixture.parse(text)
        let chars = Array(text)
        return r.spans.map { ($0.kind, String(chars[$0.start..<$0.end])) }
    }

    @Test func addLineSpans() {
        let s = Self.spans("buy milk tomorrow at 5pm #home p1")
        #expect(s.map(\.0) == [.title, .date, .time, .tag, .priority])
        #expect(s.map(\.1) == ["buy milk", "tomorrow", "at 5pm", "#home", "p1"])
    }

    @Test func recurrenceAndQuotedSpans() {
        let s = Self.spans("water \"the fern\" every monday at 9am")
        #expect(s.map(\.0) == [.title, .quoted, .recurrence, .time])
        #expect(s.map(\.1) == ["water", "\"the fern\"", "every monday", "at 9am"])
    }

    @Test func commandSpans() {
        let r = TaskIntentParser.parse("move 3 to friday 5pm", context: Fixture.context(tasks: Fixture.tasks))
        let chars = Array("move 3 to friday 5pm")
        let s = r.spans.map { ($0.kind, String(chars[$0.start..<$0.end])) }
        #expect(s.map(\.0) == [.verb, .reference, .date, .time])
        #expect(s.map(\.1) == ["move", "3", "friday", "5pm"])
    }

    @Test func aWeakVerbThatStartsATaskLeavesNoCommandSpans() {
        let s = Self.spans("please show the kids the museum on sunday #family")
        #expect(s.map(\.0) == [.verb, .title, .date, .tag])
        #expect(s.map(\.1) == ["please", "show the kids the museum", "on sunday", "#family"])
    }

    @Test func offsetsCountCharactersNotBytes() {
        let s = Self.spans("🎉 party für Jürgen tomorrow")
        #expect(s.last?.0 == .date)
        #expect(s.last?.1 == "tomorrow")
        let r = Fixture.parse("🎉 party für Jürgen tomorrow")
        #expect(r.spans.last?.start == 19)
    }

    @Test func summariesAndExplanations() {
        let r = Fixture.parse("pay rent every month on the 1st at 9am #home p1")
        #expect(
            r.summary
                == "Add 'pay rent' · due Tue 1 Dec 09:00 · every month on the 1st at 09:00 · urgent priority · #home")
        #expect(r.explanation.contains { $0.hasPrefix("\"every month on the 1st\" → recurrence") })
        #expect(r.explanation.contains { $0.hasPrefix("\"at 9am\" → time") })
    }
}
