import Testing

@testable import ChatTUI

@Suite struct FrameTests {
    @Test func linesRoundTripAsText() {
        let frame = Frame(lines: ["hello", "wide 日本"])
        #expect(frame.width == 9)
        #expect(frame.text == "hello\nwide 日本")
        #expect(frame[5, 1].width == 2)
        #expect(frame[6, 1].isContinuation)
    }

    @Test func putClipsByDisplayWidthAndNeverSplitsAWideCharacter() {
        var frame = Frame(width: 6, height: 1)
        let end = frame.put("ab日本語", x: 0, y: 0, style: .plain)
        #expect(end == 6)
        #expect(frame.rows == ["ab日本"])
        var narrow = Frame(width: 5, height: 1)
        narrow.put("ab日本", x: 0, y: 0, style: .plain)
        #expect(narrow.rows == ["ab日 "])
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var frame = Frame(lines: ["日本"])
        frame.put("x", x: 1, y: 0, style: .plain)
        #expect(frame.rows == [" x本"])
        frame.put("y", x: 2, y: 0, style: .plain)
        #expect(frame.rows == [" xy "])
    }

    @Test func combiningMarksStayWithTheirBase() {
        var frame = Frame(width: 4, height: 1)
        frame.put("e\u{301}x", x: 0, y: 0, style: .plain)
        #expect(frame[0, 0].text == "e\u{301}")
        #expect(frame[1, 0].text == "x")
    }

    @Test func controlCharactersNeverReachACell() {
        var frame = Frame(width: 10, height: 1)
        frame.put("a\u{1B}b\u{07}c", x: 0, y: 0, style: .plain)
        #expect(frame.text == "abc")
    }

    @Test func diffSendsOnlyChangedRuns() {
        let old = Frame(lines: ["hello world", "second line"])
        var new = old
        new.put("W", x: 6, y: 0, style: .plain)
        let runs = new.diff(from: old)
        #expect(runs.map { "\($0.x),\($0.y):\($0.text)" } == ["6,0:W"])
        #expect(new.diff(from: new).isEmpty)
    }

    @Test func diffSendsAWideCharacterWholeWhenEitherHalfChanges() {
        let old = Frame(lines: ["ab日本"])
        var new = old
        new.put("語", x: 4, y: 0, style: .plain)
        #expect(new.diff(from: old).map { "\($0.x):\($0.text)" } == ["4:語"])
        var styled = old
        styled.restyle(x: 3, y: 0, count: 1) { $0.attributes = .bold }
        #expect(styled.diff(from: old).map { "\($0.x):\($0.text)" } == ["2:日"])
    }

    @Test func aFrameMadeFromAnotherSharesTheRowsItLeftAloneAndDiffsOnlyTheOthers() {
        var old = Frame(width: 12, height: 4)
        for y in 0..<4 { old.put("row \(y)", x: 0, y: y, style: .plain) }
        var new = old
        new.put("!", x: 5, y: 2, style: .plain)
        #expect((0..<4).map { new.sharesRow($0, with: old) } == [true, true, false, true])
        #expect(new.diff(from: old).map { "\($0.x),\($0.y):\($0.text)" } == ["5,2:!"])
        // Written back to what it was: stored apart now, but equal, so nothing to send.
        new.put(" ", x: 5, y: 2, style: .plain)
        #expect(!new.sharesRow(2, with: old))
        #expect(new.diff(from: old).isEmpty)
        // The same picture drawn from scratch shares nothing and still diffs to nothing.
        var redrawn = Frame(width: 12, height: 4)
        for y in 0..<4 { redrawn.put("row \(y)", x: 0, y: y, style: .plain) }
        #expect(!redrawn.sharesRow(0, with: old))
        #expect(redrawn.diff(from: old).isEmpty)
        #expect(redrawn == old)
    }

    @Test func aKeystrokeDiffsOnlyTheInputPreviewAndStatusRows() {
        var model = StandIn.model(columns: 120, rows: 40)
        model.type("fix bik")
        let before = view(model)
        model.type("e")
        let after = view(model)
        let layout = ScreenLayout(size: model.size)
        let written = (0..<after.height).filter { !after.sharesRow($0, with: before) }
        #expect(Set(written).isSubset(of: [layout.input.y, layout.preview.y, layout.status.y]))
        #expect(after.diff(from: before).map(\.y) == [layout.input.y, layout.preview.y])
    }

    @Test func diffAgainstAnotherSizeRedrawsEveryRow() {
        let old = Frame(lines: ["ab"])
        let new = Frame(lines: ["abc", "def"])
        #expect(new.diff(from: old).map(\.text) == ["abc", "def"])
        #expect(new.diff(from: nil).count == 2)
    }

    @Test func cellsCompareAsTheirBytesExactlyAsTheyCompareFieldByField() {
        // The diff compares cells as 16 bytes; that is only the same as == while a cell has no padding.
        #expect(MemoryLayout<Cell>.size == 16 && MemoryLayout<Cell>.stride == 16)
        var marked = Cell(scalar: "e", width: 1)
        marked.appendMark("\u{301}")
        let cells: [Cell] = [
            .blank, .blank(Style(attributes: .bold)), .blank(Style(foreground: .accent)),
            .blank(Style(background: .info)), .continuation(.plain), Cell(scalar: "e", width: 1), marked,
            Cell(scalar: "日", width: 2), Cell(scalar: "日", width: 2, style: Style(attributes: .underline)),
        ]
        for a in cells {
            for b in cells {
                let identical = withUnsafePointer(to: a) { a in withUnsafePointer(to: b) { Cell.identical(a, $0) } }
                #expect(identical == (a == b), "\(a) vs \(b)")
                #expect(a.isIdentical(to: b) == (a == b), "\(a) vs \(b)")
            }
        }
    }

    @Test func slicesAndGraphemesArePutAsTheWholeStringIs() {
        let text = "cafe\u{301} 買い物 🍎 · ok"
        var whole = Frame(width: 30, height: 1)
        whole.put(text, x: 1, y: 0, style: .plain)
        var sliced = Frame(width: 30, height: 1)
        let middle = text.index(text.startIndex, offsetBy: 6)
        let x = sliced.put(text[..<middle], x: 1, y: 0, style: .plain)
        sliced.put(text[middle...], x: x, y: 0, style: .plain)
        var graphemes = Frame(width: 30, height: 1)
        var column = 1
        for character in text { column = graphemes.put(character, x: column, y: 0, style: .plain) }
        #expect(sliced == whole)
        #expect(graphemes == whole)
        #expect(whole.row(0).hasPrefix(" cafe\u{301} 買い物 🍎 · ok"))
    }

    @Test func aKeystrokeFrameFromWarmCachesEqualsOneRenderedFromNothing() {
        var model = StandIn.model(columns: 120, rows: 40)
        model.type("water plants saturday #garden")
        _ = view(model)
        model.type(" p2")
        let warm = view(model)
        // The same state in a model that has never rendered: every pane drawn afresh.
        var cold = StandIn.model(columns: 120, rows: 40)
        cold.type("water plants saturday #garden p2")
        let fresh = view(cold)
        #expect(warm == fresh)
        #expect(warm.diff(from: fresh).isEmpty)
    }

    @Test(arguments: ["walk the dog", "walk the dög", "walk the 犬"])
    func aLineLongerThanTheInputRowScrollsSoTheCursorStaysOnIt(ending: String) {
        var model = StandIn.model(columns: 60, rows: 20)
        let line = String(repeating: "buy more milk and ", count: 5) + ending
        model.type(line)
        let frame = view(model)
        let input = ScreenLayout(size: model.size).input
        let cursor = frame.cursor!
        #expect(cursor.y == input.y && cursor.x < input.maxX)
        var row = frame.row(input.y)
        while row.hasSuffix(" ") { row.removeLast() }
        // The prompt stays, and the end of the line is on screen right before the cursor.
        #expect(row.hasPrefix(InputView.prompt))
        #expect(row.hasSuffix("milk and " + ending))
        #expect(DisplayWidth.of(row) == cursor.x)
    }
}
