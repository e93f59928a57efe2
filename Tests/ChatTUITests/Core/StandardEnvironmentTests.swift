import Foundation
import Testing
import TodoCore

@testable import ChatTUI

/// The chat with the real parser (TaskIntent) and processor (TodoCore) behind it.
@Suite struct StandardEnvironmentTests {
    func model() -> Model {
        var model = Model(
            mode: .embedded, zone: StandIn.zone, start: StandIn.start, environment: .standard, seed: 3,
            size: Size(columns: 160, rows: 30))
        _ = model.update(
            .tasksLoaded([task(1, "buy milk", due: due(27, 17)), task(2, "buy oat milk"), task(3, "call mum")]))
        return model
    }

    @Test(arguments: [
        ("quit", true), ("  Exit ", true), (":q", true), ("BYE", true), ("\u{3000}quit\u{3000}", true),
        ("quit now", false), ("quitter", false), ("q uit", false), ("exit 3", false), ("", false),
        ("the quick brown fox", false),
    ])
    func aQuitWordIsOneOfThemAloneOnTheLine(line: String, quits: Bool) {
        #expect(StandardInterpreter.isQuitWord(line) == quits)
    }

    @Test func thePreviewOfTheFamousLine() {
        var chat = model()
        chat.type("pay rent every month on the 1st at 9am #home p1")
        let frame = view(chat)
        let preview = frame.row(ScreenLayout(size: chat.size).preview.y)
        #expect(preview.hasPrefix("→ Add 'pay rent' · due Tue 1 Dec 09:00 · every month on the 1st at 09:00"))
        #expect(preview.contains("urgent priority · #…"))
        // "pay rent" is the title (plain); the recurrence, tag and priority are highlighted.
        #expect(frame.styleRow(ScreenLayout(size: chat.size).input.y).hasPrefix("bb.........uuuuu"))
        // The preview's action is in the terminal's own colours (typing a title then costs no colour
        // switch on the wire); the arrow stands out and the details after it are muted.
        let action = "Add 'pay rent'"
        #expect(
            frame.styleRow(ScreenLayout(size: chat.size).preview.y).hasPrefix(
                "bb" + String(repeating: ".", count: action.count) + "***"))
    }

    @Test func aQuitWordAloneQuitsAndInsideALineIsATask() {
        for line in ["quit", "  Exit ", "bye\t", ":q"] {
            var chat = model()
            #expect(chat.enter(line).contains(.quit), "\(line)")
        }
        for line in ["quit smoking", "exit the building tomorrow", "q", "quitting"] {
            var chat = model()
            #expect(!chat.enter(line).contains(.quit), "\(line)")
        }
    }

    @Test func enterPublishesWhatThePreviewSaid() {
        var chat = model()
        let events = published(chat.enter("pay rent every month on the 1st at 9am #home p1"))
        #expect(events.first?.type == .taskCreated)
        guard case .taskCreated(let created) = events.first?.payload else { return }
        #expect(created.task.title == "pay rent")
        #expect(created.task.priority == .urgent)
        #expect(
            created.task.due
                == Due(
                    date: LocalDate(year: 2026, month: 12, day: 1), time: LocalTime(hour: 9), timeZone: "Europe/Berlin")
        )
        #expect(
            conversationRows(chat).contains {
                $0.hasPrefix("10:00 ✓ Added 'pay rent' · due Tue 1 Dec 09:00 · every month on the 1st")
            })
    }

    @Test func anAmbiguousReferenceIsAskedAndAnswered() {
        var chat = model()
        #expect(published(chat.enter("done milk")).isEmpty)
        #expect(
            conversationRows(chat).suffix(4) == [
                "        Which task do you want to complete?",
                "          1) 1. buy milk",
                "          2) 2. buy oat milk",
                "        Answer with its number.",
            ])
        let events = published(chat.enter("2"))
        #expect(events.map(\.taskID) == [task(2, "").id])
        #expect(conversationRows(chat).last == "10:00 ✓ Completed 'buy oat milk'  (“undo” reverts)")
    }

    @Test func undoUsesTodoCoresInverse() {
        var chat = model()
        _ = chat.enter("done 3")
        let undone = published(chat.enter("undo"))
        guard case .taskStatusChanged(let change) = undone.first?.payload else {
            Issue.record("expected a status change, got \(undone)")
            return
        }
        #expect(change.status == .open)
        #expect(chat.board[task(3, "").id]?.task.status == .open)
    }

    @Test func aQueryIsAnsweredAndWhyExplainsIt() {
        var chat = model()
        #expect(published(chat.enter("what's due today?")).isEmpty)
        #expect(conversationRows(chat).suffix(2) == ["        1 task:", "          1. 'buy milk' · due today 17:00"])
        chat.enter("why")
        #expect(conversationRows(chat).contains { $0.hasPrefix("        “what's due today?” → Show open tasks") })
    }

    @Test func refusalsFromTheProcessorAreShown() {
        var chat = model()
        _ = chat.enter("done call mum")
        _ = chat.enter("done call mum")
        #expect(conversationRows(chat).last?.hasPrefix("10:00 ✗ ") == true)
    }

    @Test func editingFromTheTaskPaneRenamesThroughTheParser() {
        var chat = model()
        _ = chat.press(.tab, .down, .character("e"))
        #expect(chat.inputText == "edit 2 buy oat milk")
        _ = chat.press(.control("w"))
        chat.type("soy milk")
        let events = published(chat.press(.enter))
        #expect(events.map(\.type) == [.taskUpdated])
        #expect(conversationRows(chat).last == "10:00 ✓ Renamed 'buy oat milk' to 'buy oat soy milk'  (“undo” reverts)")
    }
}
