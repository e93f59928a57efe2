import Testing

@testable import ChatTUI

@Suite struct LayoutTests {
    @Test func wideTerminalsSplitConversationLeftAndTasksRight() {
        let layout = ScreenLayout(size: Size(columns: 120, rows: 40))
        #expect(layout.arrangement == .split)
        #expect(layout.status == Rect(x: 0, y: 39, width: 120, height: 1))
        #expect(layout.tasks.x > layout.conversation.maxX)
        #expect(layout.input.y == layout.conversation.maxY)
        #expect(layout.preview.y == layout.input.maxY)
        #expect(layout.feed.y == layout.tasks.maxY)
        #expect(layout.tasks.width + layout.conversation.width + 1 == 120)
    }

    @Test func narrowTerminalsStackThePanes() {
        let layout = ScreenLayout(size: Size(columns: 80, rows: 24))
        #expect(layout.arrangement == .stacked)
        #expect(layout.tasks.y == 0)
        #expect(layout.tasks.width == 80)
        #expect(layout.conversation.y > layout.tasks.maxY)
        #expect(layout.input.y == 21)
        #expect(layout.preview.y == 22)
        #expect(layout.status.y == 23)
    }

    @Test(arguments: [(39, 24), (80, 11), (10, 5), (0, 0)])
    func belowFortyByTwelveNothingIsLaidOut(columns: Int, rows: Int) {
        #expect(ScreenLayout(size: Size(columns: columns, rows: rows)).arrangement == .tooSmall)
    }

    @Test func theMinimumSizeStillHasEveryPart() {
        let layout = ScreenLayout(size: Size(columns: 40, rows: 12))
        #expect(layout.arrangement == .stacked)
        for rect in [layout.tasks, layout.conversation, layout.input, layout.preview, layout.status] {
            #expect(!rect.isEmpty)
        }
    }
}
