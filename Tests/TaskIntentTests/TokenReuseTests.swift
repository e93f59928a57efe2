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

    @Test func aGrowingLineKeepsTheTokensBeforeItsLastWord() {
        let context = Fixture.context()
        let (_, before) = TaskIntentParser.parse("pay rent every month on the 1st", context: context, after: nil)
        let after = Input("pay rent every month on the 1st at")
        #expect(before.map { $0.reusableTokens(in: after.bytes) } == 7)
    }
}
