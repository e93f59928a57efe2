import Foundation
import Testing
import TodoCore

@testable import TaskIntent

/// Empty lines, huge lines, control characters, past dates: each gets a clear answer.
struct BadInputTests {
    static func reason(_ text: String) -> String? {
        if case .invalid(let r) = Fixture.parse(text).intent { return r }
        return nil
    }

    @Test(arguments: ["", "   ", "\t", "\n"]) func emptyLines(_ text: String) {
        #expect(Self.reason(text)?.contains("empty") == true)
    }

    @Test func onlyControlCharacters() {
        #expect(Self.reason("\u{1B}[31m\u{07}")?.contains("control") == true)
    }

    @Test func controlCharactersAreBlankedAndSaid() {
        let r = Fixture.parse("buy\u{0}milk tomorrow\u{07}")
        guard case .add(let d) = r.intent else {
            Issue.record("not an add")
            return
        }
        #expect(d.title == "buy milk")
        #expect(d.due?.localString == "2026-11-28")
        #expect(r.explanation.contains { $0.contains("control character") })
        let esc = Fixture.draft("\u{1B}[2Jwipe screen\u{1B}]0;title\u{07} now")
        #expect(esc?.title == "wipe screen")
        let bidi = Fixture.draft("pay \u{202E}kcab\u{202C} invoice")
        #expect(bidi?.title == "pay kcab invoice")
    }

    @Test func aMegabyteLineIsRefusedQuickly() {
        let line = String(repeating: "buy milk tomorrow ", count: 60_000)
        let start = Date()
        let reason = Self.reason(line)
        #expect(Date().timeIntervalSince(start) < 0.5)
        #expect(reason?.contains("at most") == true)
    }

    @Test func longButAllowedLinesStillParse() {
        let title = String(repeating: "very ", count: 300) + "long task"
        #expect(Fixture.draft(title + " tomorrow")?.due?.localString == "2026-11-28")
    }

    @Test func pastDatesAreFlagged() {
        for text in [
            "log hours yesterday", "report 2026-11-01", "call last friday", "pay 3 days ago", "wake at 9am today",
        ] {
            let r = Fixture.parse(text)
            #expect(r.warnings.contains { $0.contains("in the past") }, "\(text)")
        }
        #expect(Fixture.parse("call tomorrow").warnings.isEmpty)
    }

    @Test func onlyPunctuation() {
        #expect(Self.reason("!!!") != nil || Fixture.draft("!!!")?.title.isEmpty == false)
        #expect(Self.reason("#") == nil)
    }
}
