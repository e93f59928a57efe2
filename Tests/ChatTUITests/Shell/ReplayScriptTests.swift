import CNcurses
import Foundation
import Testing

@testable import ChatTUI

@Suite struct ReplayScriptTests {
    @Test func typedLinesDirectivesAndComments() throws {
        let script = try ReplayScript(
            parsing: """
                # the demo
                buy milk tomorrow #errands

                @type show
                @key Tab
                @key Ctrl-R
                @key Alt-f
                @pause 1.5
                @advance 2h
                @resize 80x24
                \\#not a comment
                """)
        #expect(
            script.steps == [
                .type("buy milk tomorrow #errands", enter: true),
                .type("show", enter: false),
                .key(.scalar("\t")),
                .key(.scalar("\u{12}")),
                .key(.alt("f")),
                .pause(seconds: 1.5),
                .advanceClock(seconds: 7200),
                .resize(cols: 80, rows: 24),
                .type("#not a comment", enter: true),
            ])
    }

    @Test func namedKeysAreTheTerminalsCodes() throws {
        let script = try ReplayScript(parsing: "@key Down\n@key F1\n@key PgUp\n@key Escape")
        #expect(
            script.steps == [
                .key(.keyCode(KEY_DOWN)), .key(.keyCode(tc_key_f(1))), .key(.keyCode(KEY_PPAGE)), .key(.escape),
            ])
    }

    @Test(arguments: [
        ("@pause soon", 1), ("@key Hyper-Q", 1), ("@advance 3 weeks", 1), ("@resize 80", 1), ("ok\n@jump", 2),
    ])
    func mistakesNameTheirLine(text: String, line: Int) {
        #expect(throws: ReplayScript.ParseError.self) { try ReplayScript(parsing: text) }
        do {
            _ = try ReplayScript(parsing: text)
        } catch {
            #expect(error.line == line)
        }
    }

    @Test func timelineTypesCharacterByCharacterAndWaitsAfterEnter() throws {
        let timeline = ReplayTimeline(try ReplayScript(parsing: "ab\n@pause 2\n@key Tab"))
        #expect(
            timeline.entries.map(\.action) == [
                .input(.scalar("a")), .input(.scalar("b")), .submit, .input(.scalar("\t")),
            ])
        // The key after the line waits for the reading pause after Enter plus the scripted pause.
        #expect(timeline.entries[3].delay == ReplayTimeline.afterEnter + .seconds(2) + ReplayTimeline.beforeKey)
        #expect(timeline.duration(speed: 2) * 2 == timeline.duration(speed: 1))
    }

    @Test func theDemoInAssetsPlaysInUnderNinetySeconds() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../assets/demo.replay").standardized.path
        let timeline = ReplayTimeline(try ReplayFile.load(path))
        let duration = timeline.duration(speed: 1)
        #expect(duration < .seconds(90), "the demo takes \(duration) at --speed 1")
        #expect(duration > .seconds(30), "a demo this short shows little: \(duration)")
    }

    @Test func playerHandsOutActionsWhenDueAndHoldsWhileTheBusIsBusy() throws {
        var player = ReplayPlayer(script: try ReplayScript(parsing: "a\nb"), speed: 1)
        let start = ContinuousClock.now
        var (actions, wait) = player.due(at: start, busy: false)
        #expect(actions.isEmpty && wait == ReplayTimeline.perCharacter)
        (actions, _) = player.due(at: start + .seconds(1), busy: false)
        #expect(actions == [.input(.scalar("a")), .submit])
        (actions, _) = player.due(at: start + .seconds(10), busy: true)
        #expect(actions.isEmpty)
        (actions, wait) = player.due(at: start + .seconds(10), busy: false)
        #expect(actions == [.input(.scalar("b")), .submit] && wait == .milliseconds(20))
        (actions, wait) = player.due(at: start + .seconds(11), busy: false)
        #expect(actions.isEmpty && wait == nil && player.isFinished)
    }

    @Test func demoScriptParsesAndPlaysInUnderNinetySeconds() throws {
        let path = #filePath.split(separator: "/").dropLast(4).joined(separator: "/") + "/assets/demo.replay"
        let script = try ReplayFile.load("/" + path)
        let duration = ReplayTimeline(script).duration(speed: 1)
        #expect(duration < .seconds(90))
        #expect(duration > .seconds(30))
    }
}
