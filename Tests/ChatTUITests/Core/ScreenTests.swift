import Foundation
import Testing
import TodoCore

@testable import ChatTUI

/// Whole screens, compared as text: each expectation reads like a screenshot.
@Suite struct ScreenTests {
    static let tasks = [
        task(1, "pay rent", due: due(26, 9), priority: .urgent, tags: ["home"]),
        task(2, "buy milk", due: due(27, 17)),
        task(3, "plan trip", due: due(3, month: 12), priority: .high),
        task(4, "call mum"),
        task(5, "file taxes", status: .completed),
    ]

    @Test func wideScreenShowsConversationLeftAndTheLivePaneRight() {
        var model = StandIn.model(columns: 100, rows: 16)
        _ = model.update(.tasksLoaded(Self.tasks))
        model.enter("water plants tomorrow #garden p2")
        model.type("fix bike")
        let frame = view(model)
        #expect(
            frame.text == """
                                                                           │─ Tasks · 5 open ───────────────────────
                                                                           │ Overdue (1)
                                                                           │ 1 !! pay rent  Thu 26 Nov 09:00 #home
                                                                           │ Today (1)
                                                                           │ 2    buy milk             today 17:00
                                                                           │ Upcoming (2)
                                                                           │ 3 !  water plants    tomorrow #garden …
                                                                           │ 4 !  plan trip              Thu 3 Dec
                                                                           │ Someday (1)
                ── Fri 27 Nov ─────────────────────────────────────────────│ 5    call mum
                10:00 › water plants tomorrow #garden p2                   │ Done (1)
                10:00 ✓ Added 'water plants' · due tomorrow · high ·       │ 6    file taxes
                        #garden (3)  (“undo” reverts)                      │
                › fix bike                                                 │
                → Add 'fix bike'                                           │
                 embedded · 0 pending                                                              Fri 27 Nov 10:00
                """)
        #expect(frame.cursor == Position(x: 10, y: 13))
    }

    @Test func theFirstFrameSaysTasksAreLoadingAndAnEmptyStoreGreetsTheNewUser() {
        var model = StandIn.model(columns: 100, rows: 16)
        // Drawn before the store has opened: no "No tasks yet." that would be wrong a moment later.
        #expect(view(model).text.contains("Loading tasks…"))
        #expect(!view(model).text.contains("No tasks yet."))
        _ = model.update(.tasksLoaded([]))
        let frame = view(model).text
        #expect(frame.contains("No tasks yet."))
        #expect(frame.contains("Welcome! Type a task as you would say it"))
        // A store with tasks in it is no first run: no greeting.
        var returning = StandIn.model(columns: 100, rows: 16)
        _ = returning.update(.tasksLoaded(Self.tasks))
        #expect(!view(returning).text.contains("Welcome!"))
    }

    @Test func narrowScreenStacksTasksOverTheConversation() {
        var model = StandIn.model(columns: 60, rows: 14)
        _ = model.update(.tasksLoaded(Array(Self.tasks.prefix(2))))
        model.enter("list")
        #expect(
            view(model).text == """
                ─ Tasks · 2 open ───────────────────────────────────────────
                 Overdue (1)
                 1 !! pay rent                      Thu 26 Nov 09:00 #home
                 Today (1)
                ── Chat ────────────────────────────────────────────────────
                ── Fri 27 Nov ──────────────────────────────────────────────
                10:00 › list
                        2 tasks:
                          1. 'pay rent' · due Thu 26 Nov 09:00 · urgent ·
                        #home
                          2. 'buy milk' · due today 17:00
                ›
                Type a task or a question · ? keys
                 embedded · 0 pending                      Fri 27 Nov 10:00
                """)
    }

    @Test(arguments: [(39, 20), (80, 11)])
    func belowTheMinimumTheScreenSaysItIsTooSmall(columns: Int, rows: Int) {
        let frame = view(StandIn.model(columns: columns, rows: rows))
        let lines = frame.rows.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines == ["Terminal too small", "need 40×12, have \(columns)×\(rows)"])
        #expect(frame.cursor == nil)
    }

    @Test func theMinimumSizeStillShowsEveryPart() {
        var model = StandIn.model(columns: 40, rows: 12)
        _ = model.update(.tasksLoaded(Self.tasks))
        model.type("milk")
        #expect(
            view(model).text == """
                ─ Tasks · 4 open ───────────────────────
                 Overdue (1)
                 1 !! pay rent  Thu 26 Nov 09:00 #home
                ── Chat ────────────────────────────────





                › milk
                → Add 'milk'
                 embedded · 0 pending  Fri 27 Nov 10:00
                """)
    }

    @Test func anEscapeLadenTitleFromOutsideRendersAsPlainText() {
        var model = StandIn.model(columns: 60, rows: 14)
        let hostile = task(9, "\u{1B}[2J\u{1B}]0;pwned\u{07}rent\u{1B}[31m due\u{202E}gnp.exe\u{9B}1m")
        _ = model.update(.taskUpdates([sync(hostile)]))
        let frame = view(model)
        #expect(frame.rows[2].contains("rent duegnp.exe"))
        #expect(
            frame.cells.allSatisfy { cell in
                cell.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
            })
    }

    @Test func wideCharactersAndEmojiTakeTheirCellsAndAreClippedWhole() {
        var model = StandIn.model(columns: 40, rows: 12)
        _ = model.update(.tasksLoaded([task(1, "日本語のタスクとても長いタイトル 👨‍👩‍👧 family")]))
        let frame = view(model)
        #expect(frame.rows[2] == " 1    日本語のタスクとても長いタイト…   ")
        for row in frame.rows { #expect(DisplayWidth.of(row) == 40) }
    }

    @Test func emojiInTheConversationKeepColumnsAligned() {
        var model = StandIn.model(columns: 40, rows: 12)
        model.enter("🎉 party 👍🏽 prep")
        let frame = view(model)
        #expect(frame.rows.contains { $0.hasPrefix("10:00 › 🎉 party 👍 prep") })
        for row in frame.rows { #expect(DisplayWidth.of(row) == 40) }
    }

    @Test func longLinesWrapUnderTheGutter() {
        var model = StandIn.model(columns: 40, rows: 12)
        _ = model.update(
            .reminderFired(
                ReminderTriggered(
                    taskId: TaskID("x"), reminderId: "r", title: "a reminder with a long title that wraps around",
                    firedAt: StandIn.start)))
        let rows = view(model).rows.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        #expect(rows[7...9] == ["10:00 ⏰Reminder: 'a reminder with a", "        long title that wraps around'", "›"])
    }

    @Test func helpOverlayListsTheKeysAndAnyKeyClosesIt() {
        var model = StandIn.model(columns: 100, rows: 20)
        _ = model.press(.function(1))
        let frame = view(model)
        #expect(frame.text.contains("┌─ Keys ─"))
        #expect(frame.text.contains("Ctrl-R  search it"))
        #expect(frame.text.contains("D or Del delete · e edit"))
        #expect(frame.cursor == nil)
        _ = model.press(.escape)
        #expect(!view(model).text.contains("Keys"))
        _ = model.press(.character("?"))
        #expect(view(model).text.contains("┌─ Keys ─"))
    }

    @Test func monochromeUsesNoColourAndStillMarksEveryDistinction() {
        var color = StandIn.model(columns: 100, rows: 16)
        var mono = StandIn.model(columns: 100, rows: 16, colors: .monochrome)
        for i in [0, 1] {
            var model = i == 0 ? color : mono
            _ = model.update(.tasksLoaded(Self.tasks))
            model.type("buy milk tomorrow #shop")
            if i == 0 { color = model } else { mono = model }
        }
        let colorFrame = view(color)
        let monoFrame = view(mono)
        #expect(colorFrame.text == monoFrame.text)
        #expect(monoFrame.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        #expect(colorFrame.cells.contains { $0.style.foreground != .default })
        // The recognised parts of the input stay visible: underlined in both.
        #expect(monoFrame.styleRow(13).hasPrefix("bb.........uuuuuuuu.uuuuu.."))
        // The status bar stands out by reverse video; the overdue group by bold.
        #expect(monoFrame.styleRow(15).allSatisfy { $0 == "r" })
        #expect(monoFrame.styleRow(1).contains("bbbbbbb"))
    }

    @Test func statusBarShowsModeHealthPendingCountdownAndClock() {
        var model = Model(
            mode: .dapr, zone: StandIn.zone, start: StandIn.start, environment: StandIn.environment, seed: 1,
            size: Size(columns: 100, rows: 14))
        var rent = task(1, "pay rent", due: due(27, 12))
        rent.reminders = [Reminder(id: "r1", trigger: .beforeDue(minutes: 30))]
        _ = model.update(.tasksLoaded([rent]))
        _ = model.update(.busStatus(BusStatus(mode: .dapr, health: .down, pendingCount: 3)))
        #expect(
            view(model).rows[13]
                == " dapr · sidecar down · 3 pending                                    ⏰ in 1h 30m · Fri 27 Nov 10:00 "
        )
        _ = model.update(.tick(StandIn.start.addingTimeInterval(65 * 60)))
        #expect(view(model).rows[13].hasSuffix("⏰ in 25m · Fri 27 Nov 11:05 "))
    }

    @Test func aResizeRedrawsAtTheNewSizeAndSwitchesArrangement() {
        var model = StandIn.model(columns: 100, rows: 16)
        _ = model.update(.tasksLoaded(Self.tasks))
        model.enter("fix bike")
        let wide = view(model)
        #expect(wide.rows[0].contains("│─ Tasks"))
        #expect(model.update(.resize(columns: 60, rows: 14)).isEmpty)
        let narrow = view(model)
        #expect(narrow.width == 60)
        #expect(narrow.height == 14)
        #expect(narrow.rows[0].hasPrefix("─ Tasks · 5 open"))
        #expect(narrow.diff(from: wide).count == 14)
        _ = model.update(.resize(columns: 30, rows: 10))
        #expect(view(model).text.contains("Terminal too small"))
        _ = model.update(.resize(columns: 100, rows: 16))
        #expect(view(model) == wide)
    }

    @Test func aTaskRowShowsNumberPriorityTitleDueTagsAssigneeAndSyncMark() {
        var model = StandIn.model(columns: 160, rows: 16)
        var shared = task(1, "review budget", due: due(28, 14), priority: .high, tags: ["work", "q4"])
        shared.assignee = "ann"
        _ = model.update(.tasksLoaded([shared]))
        _ = model.update(.publishResult(PublishResult(eventIDs: [], outcome: .accepted)))
        #expect(view(model).rows[2].hasSuffix("│ 1 !  review budget              tomorrow 14:00 @ann #work #q4  "))
        // Narrower, the tags go first.
        _ = model.update(.resize(columns: 120, rows: 16))
        #expect(view(model).rows[2].hasSuffix("│ 1 !  review budget        tomorrow 14:00 @ann  "))
    }
}
