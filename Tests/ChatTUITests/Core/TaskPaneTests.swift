import Foundation
import Testing
import TodoCore

@testable import ChatTUI

/// Tab into the live pane, select with arrows or j/k, act with single keys.
@Suite struct TaskPaneTests {
    static let tasks = [
        task(1, "buy milk", due: due(27, 17)),
        task(2, "buy oat milk"),
        task(3, "call mum"),
    ]

    func focused() -> Model {
        var model = StandIn.model(columns: 100, rows: 16)
        _ = model.update(.tasksLoaded(Self.tasks))
        _ = model.press(.tab)
        return model
    }

    func selectedRow(_ model: Model) -> String? {
        let frame = view(model)
        let rect = ScreenLayout(size: model.size).tasks
        for y in rect.y + 1..<rect.maxY where frame[rect.x + 2, y].style.attributes.contains(.reverse) {
            return (rect.x..<rect.maxX).map { frame[$0, y].text }.joined().trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    @Test func tabOnAnEmptyLineFocusesTheTaskPaneAndSelectsTheFirst() {
        let model = focused()
        #expect(model.focus == .tasks)
        #expect(selectedRow(model) == "1    buy milk             today 17:00")
        #expect(view(model).cursor == nil)
        #expect(view(model).text.contains("↑↓/jk select · x done · D delete · e edit · Tab back"))
    }

    @Test func arrowsAndJKMoveTheSelectionWithinTheList() {
        var model = focused()
        _ = model.press(.down)
        #expect(selectedRow(model) == "2    buy oat milk")
        _ = model.press(.character("j"), .character("j"), .character("j"))
        #expect(selectedRow(model) == "3    call mum")
        _ = model.press(.character("k"))
        #expect(selectedRow(model) == "2    buy oat milk")
        _ = model.press(.up, .up)
        #expect(selectedRow(model) == "1    buy milk             today 17:00")
        _ = model.press(.end)
        #expect(selectedRow(model) == "3    call mum")
    }

    @Test func xCompletesTheSelectedTaskAndXAgainReopensIt() {
        var model = focused()
        _ = model.press(.down)
        let done = published(model.press(.character("x")))
        guard case .taskStatusChanged(let change) = done.first?.payload else {
            Issue.record("no status change in \(done)")
            return
        }
        #expect(change.status == .completed)
        #expect(done.first?.taskID == Self.tasks[1].id)
        #expect(view(model).text.contains("Completed 'buy oat milk'"))
        let reopened = published(model.press(.character("d")))
        guard case .taskStatusChanged(let back) = reopened.first?.payload else { return }
        #expect(back.status == .open)
    }

    @Test func deleteAsksFirstAndOnlyYDeletes() {
        var model = focused()
        _ = model.press(.character("j"), .character("j"))
        #expect(model.press(.character("D")).isEmpty)
        #expect(view(model).text.contains("Delete 'call mum'? y/n"))
        #expect(model.press(.character("n")).isEmpty)
        #expect(view(model).text.contains("Kept 'call mum'."))
        _ = model.press(.delete)
        let deleted = published(model.press(.character("y")))
        #expect(deleted.map(\.type) == [.taskDeleted])
        #expect(deleted.first?.taskID == Self.tasks[2].id)
        #expect(!view(model).text.contains("Delete 'call mum'?"))
    }

    @Test func eMovesTheTaskIntoTheInputLineForEditing() {
        var model = focused()
        _ = model.press(.down, .character("e"))
        #expect(model.focus == .input)
        #expect(model.inputText == "edit 2 buy oat milk")
    }

    @Test func tabOrEscGoesBackAndOtherLettersStartTyping() {
        var model = focused()
        _ = model.press(.tab)
        #expect(model.focus == .input)
        _ = model.press(.backTab)
        #expect(model.focus == .tasks)
        _ = model.press(.escape)
        #expect(model.focus == .input)
        _ = model.press(.tab, .character("b"))
        #expect(model.focus == .input)
        #expect(model.inputText == "b")
    }

    @Test func theSelectionScrollsIntoViewInALongList() {
        var model = StandIn.model(columns: 100, rows: 14)
        _ = model.update(.tasksLoaded((1...40).map { task($0, "task \($0)") }))
        _ = model.press(.tab, .pageDown, .pageDown, .pageDown)
        #expect(selectedRow(model) == "31    task 31")
        _ = model.press(.end)
        #expect(selectedRow(model) == "40    task 40")
    }
}
