import Foundation
import Testing
import TodoCore

@testable import ChatTUI

/// Each editing key, observed on the input row of the screen.
@Suite struct InputKeyTests {
    /// The input row's text and where the cursor sits in it ("|").
    func line(_ model: Model) -> String {
        let frame = view(model)
        let layout = ScreenLayout(size: model.size)
        let row = (layout.input.x..<layout.input.maxX).map { frame[$0, layout.input.y] }.filter { !$0.isContinuation }
        let text = String(row.map(\.text).joined().dropFirst(2))
        guard let cursor = frame.cursor else { return text + " (no cursor)" }
        let column = cursor.x - 2
        let characters = Array(text)
        var width = 0
        var index = 0
        while index < characters.count, width < column {
            width += DisplayWidth.of(String(characters[index]))
            index += 1
        }
        var after = String(characters[index...])
        while after.hasSuffix(" ") { after.removeLast() }
        return String(characters[..<index]) + "|" + after
    }

    func typed(_ text: String, _ keys: Key...) -> Model {
        var model = StandIn.model()
        model.type(text)
        for key in keys { _ = model.update(.key(key)) }
        return model
    }

    @Test func movementKeys() {
        #expect(line(typed("buy milk")) == "buy milk|")
        #expect(line(typed("buy milk", .control("a"))) == "|buy milk")
        #expect(line(typed("buy milk", .home, .control("e"))) == "buy milk|")
        #expect(line(typed("buy milk", .control("b"), .left)) == "buy mi|lk")
        #expect(line(typed("buy milk", .home, .control("f"), .right)) == "bu|y milk")
        #expect(line(typed("buy milk", .end)) == "buy milk|")
        #expect(line(typed("buy oat milk", .alt("b"))) == "buy oat |milk")
        #expect(line(typed("buy oat milk", .alt("b"), .alt("b"))) == "buy |oat milk")
        #expect(line(typed("buy oat milk", .home, .alt("f"))) == "buy| oat milk")
    }

    @Test func deletionAndKillKeys() {
        #expect(line(typed("buy milk", .backspace)) == "buy mil|")
        #expect(line(typed("buy milk", .home, .delete)) == "|uy milk")
        #expect(line(typed("buy milk", .home, .control("d"))) == "|uy milk")
        #expect(line(typed("buy milk", .left, .left, .control("k"))) == "buy mi|")
        #expect(line(typed("buy milk", .left, .left, .control("u"))) == "|lk")
        #expect(line(typed("buy oat milk", .control("w"))) == "buy oat |")
        #expect(line(typed("buy oat milk", .control("w"), .control("w"))) == "buy |")
        #expect(line(typed("buy milk", .control("w"), .home, .control("y"))) == "milk|buy")
        #expect(line(typed("buy mlik", .left, .left, .control("t"))) == "buy mil|k")
    }

    @Test func typingAWideCharacterMovesTheCursorTwoCells() {
        var model = StandIn.model()
        model.type("日本")
        #expect(view(model).cursor == Position(x: 6, y: ScreenLayout(size: model.size).input.y))
    }

    @Test func aLongLineScrollsSidewaysToKeepTheCursorVisible() {
        var model = StandIn.model(columns: 40, rows: 12)
        model.type(String(repeating: "abcdefghij", count: 6))
        let frame = view(model)
        #expect(frame.cursor!.x < 40)
        #expect(frame.row(9).hasSuffix("hij "))
        _ = model.press(.home)
        #expect(view(model).row(9).hasPrefix("› abcdefghij"))
    }

    @Test func historyUpDownAndTheDraftComesBack() {
        var model = StandIn.model()
        _ = model.update(.historyLoaded(["first line", "second line"]))
        model.type("draft")
        _ = model.press(.up)
        #expect(line(model) == "second line|")
        _ = model.press(.up, .up)
        #expect(line(model) == "first line|")
        _ = model.press(.down)
        #expect(line(model) == "second line|")
        _ = model.press(.down)
        #expect(line(model) == "draft|")
    }

    @Test func enteredLinesJoinTheHistoryAndArePersisted() {
        var model = StandIn.model()
        let effects = model.enter("buy milk")
        #expect(effects.contains(.persistHistory("buy milk")))
        _ = model.press(.up)
        #expect(line(model) == "buy milk|")
    }

    @Test func ctrlRSearchesHistoryNewestFirstAndEscRestores() {
        var model = StandIn.model()
        _ = model.update(.historyLoaded(["pay rent", "buy milk", "pay bills", "call mum"]))
        model.type("draft")
        _ = model.press(.control("r"))
        model.type("pay")
        #expect(view(model).row(21).hasPrefix("search “pay”: pay bills"))
        _ = model.press(.control("r"))
        #expect(view(model).row(21).hasPrefix("search “pay”: pay rent"))
        _ = model.press(.escape)
        #expect(line(model) == "draft|")
        _ = model.press(.control("r"))
        model.type("milk")
        _ = model.press(.right)
        #expect(line(model) == "buy milk|")
    }

    @Test func ctrlREnterRunsTheFoundLine() {
        var model = StandIn.model()
        _ = model.update(.historyLoaded(["plan trip #travel"]))
        _ = model.press(.control("r"))
        model.type("trip")
        let effects = model.press(.enter)
        #expect(effects.contains { if case .publish = $0 { true } else { false } })
        #expect(view(model).text.contains("Added 'plan trip' · #travel"))
    }

    @Test func tabCompletesVerbsTagsAndTitles() {
        var model = StandIn.model()
        _ = model.update(.tasksLoaded([task(1, "buy milk", tags: ["shopping"]), task(2, "buy bread", tags: ["shop"])]))
        model.type("resch")
        _ = model.press(.tab)
        #expect(line(model) == "reschedule |")

        var tags = StandIn.model()
        _ = tags.update(.tasksLoaded([task(1, "buy milk", tags: ["shopping"]), task(2, "x", tags: ["home"])]))
        tags.type("bread #sh")
        _ = tags.press(.tab)
        #expect(line(tags) == "bread #shopping |")

        var titles = StandIn.model()
        _ = titles.update(.tasksLoaded([task(1, "buy milk"), task(2, "buy bread"), task(3, "call mum")]))
        titles.type("done buy")
        _ = titles.press(.tab)
        #expect(line(titles) == "done buy bread|")
        #expect(view(titles).row(22).hasPrefix("Tab: buy bread · buy milk"))
        _ = titles.press(.tab)
        #expect(line(titles) == "done buy milk|")
    }

    @Test func bracketedPasteInsertsOneLineWithoutRunningIt() {
        var model = StandIn.model()
        let effects = model.update(.paste("buy milk\nbuy bread\r\n\u{1B}[31mred"))
        #expect(effects.isEmpty)
        #expect(line(model) == "buy milk buy bread  red|")
        #expect(!view(model).text.contains("Added"))
    }

    @Test func ctrlCClearsALineThenQuits() {
        var model = StandIn.model()
        model.type("half typed")
        #expect(model.press(.control("c")).isEmpty)
        #expect(line(model) == "|")
        #expect(model.press(.control("c")) == [.quit])
    }

    @Test func terminalKeysBecomeEffects() {
        var model = StandIn.model()
        #expect(model.press(.control("z")) == [.suspend])
        #expect(model.press(.control("l")) == [.redraw])
        #expect(model.press(.control("d")) == [.quit])
    }

    @Test func pageUpAndDownScrollTheConversation() {
        var model = StandIn.model(columns: 100, rows: 12)
        for i in 1...30 { model.enter("task number \(i)") }
        #expect(view(model).text.contains("Added 'task number 30'"))
        _ = model.press(.pageUp)
        let scrolled = view(model).text
        #expect(!scrolled.contains("Added 'task number 30'"))
        #expect(scrolled.contains("↓ 8 more"))
        _ = model.press(.pageDown)
        #expect(view(model).text.contains("Added 'task number 30'"))
    }

    @Test func scrolledBackTheViewStaysPutWhileLinesArrive() {
        var model = StandIn.model(columns: 100, rows: 12)
        for i in 1...30 { model.enter("task number \(i)") }
        _ = model.press(.pageUp)
        let reading = view(model).text
        _ = model.update(.publishResult(PublishResult(eventIDs: [], outcome: .failed("a new line below"))))
        #expect(view(model).text.replacingOccurrences(of: "↓ 9 more", with: "↓ 8 more") == reading)
    }

    @Test func theLinesTextFollowsEveryKindOfEdit() {
        var line = InputLine("pay rent")
        var texts: [String] = []
        func check() {
            texts.append(line.text)
            #expect(line.text == String(line.characters))
        }
        line.insert(" tomorrow")
        check()
        line.moveWordLeft()
        line.insert("on ")
        check()
        line.moveEnd()
        line.insert("e")
        line.insert("\u{301}")
        check()
        line.deleteBackward()
        check()
        line.killWordBackward()
        check()
        line.yank()
        check()
        line.transpose()
        check()
        line.moveHome()
        line.killToEnd()
        check()
        #expect(texts.first == "pay rent tomorrow")
        #expect(texts[1] == "pay rent on tomorrow")
        #expect(texts.last == "")
    }
}
