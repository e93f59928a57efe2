import Testing

@testable import TaskIntent

/// The chat parses the line after every key, keeping the tokens of the previous line where the two agree. Every
/// line typed, erased and edited that way must parse exactly as it does from scratch.
struct TokenReuseTests {
    static let lines = [
        "pay rent every month on the 1st at 9am high #home",
        "call mom tomorrow 10",
        "remind me to water plants in 2 hours",
        "done 3",
        "move dentist to next friday 4pm",
        "meeting at 7 a.m. with @sam.lee-x/y about \"the 5pm plan\"",
        "buy milk #shop.food. #3 +errand 'quoted words' don't // bring bags",
        "standup 9:30-10am every weekday until dec 31 p1 !!",
        "Prepare “next friday” slides · for Monday’s review — 2h",
        "rename 2 to call the plumber #12a at 5p.m.",
        "every 2 weeks on mon, wed & fri starting 2027-01-04 for 10 times",
        "\u{1B}[31mred\u{1B}[0m task tomorrow",
        "remind me to call the plumber about the tap next tuesday at 8:30am #home p2 // ask about the boiler",
        "weekly sync with @alex every monday at 10am starting dec 7 until march 31 #work !high",
        "book flights for christmas by next weekend, then call mom tomorrow 10 for 2 hours",
        "move 3 to friday 4pm",
    ]

    /// Each step's line after the one before it: typing the line key by key, erasing it, and edits inside it.
    static func edits(of line: String) -> [String] {
        let characters = Array(line)
        var steps = (0...characters.count).map { String(characters.prefix($0)) }
        steps += (0..<characters.count).reversed().map { String(characters.prefix($0)) }
        for cut in stride(from: 1, to: characters.count, by: 3) {
            steps.append(String(characters.prefix(cut)) + String(characters.dropFirst(cut + 1)))
            steps.append(String(characters.prefix(cut)) + "x" + String(characters.dropFirst(cut)))
            steps.append(line)
        }
        return steps
    }

    @Test(arguments: lines) func typingErasingAndEditingParseAsFromScratch(_ line: String) {
        let context = Fixture.context(tasks: Fixture.tasks)
        var previous: TokenizedLine?
        for step in Self.edits(of: line) {
            let (reused, next) = TaskIntentParser.parse(step, context: context, after: previous)
            let (fresh, _) = TaskIntentParser.parse(step, context: context, after: nil)
            #expect(
                reused == fresh,
                "\(step.debugDescription) after \(previous.map { String(decoding: $0.bytes, as: UTF8.self) } ?? "nothing")"
            )
            previous = next
        }
    }

    @Test func aLineParsedAtAnotherMomentReadsItsDatesAgain() {
        var previous: TokenizedLine?
        for moment in ["2026-11-27T09:00", "2026-11-27T18:00", "2026-11-28T18:00"] {
            let context = Fixture.context(moment)
            for step in ["call mom tomorrow at 5pm for 1 hour #x", "call mom tomorrow at 5pm for 1 hour #xy"] {
                let (reused, next) = TaskIntentParser.parse(step, context: context, after: previous)
                #expect(reused == TaskIntentParser.parse(step, context: context, after: nil).0, "\(step) at \(moment)")
                previous = next
            }
        }
    }

    @Test func aGrowingLineKeepsTheMatchesBeforeItsLastWord() throws {
        let context = Fixture.context()
        let (_, before) = TaskIntentParser.parse(
            "pay rent every month on the 1st at 9am high #hom", context: context, after: nil)
        let (_, after) = TaskIntentParser.parse(
            "pay rent every month on the 1st at 9am high #home", context: context, after: before)
        let earlier = try #require(before?.scans.first)
        let now = try #require(after?.scans.first)
        // "pay", "rent", "every month on the 1st", "at 9am": the tag and the word before it are read again
        #expect(earlier.reusableSteps(for: now.range, kept: 12) == 4)
        #expect(now.found.map(\.match.rule) == earlier.found.map(\.match.rule))
    }

    @Test func aGrowingLineKeepsTheTokensBeforeItsLastWord() {
        let context = Fixture.context()
        let (_, before) = TaskIntentParser.parse("pay rent every month on the 1st", context: context, after: nil)
        let after = Input("pay rent every month on the 1st at")
        #expect(before.map { $0.reusableTokens(in: after.bytes) } == 7)
    }
}
