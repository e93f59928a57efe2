import Testing

@testable import ChatTUI

/// Frames written in made-up controls ("<cup 3,4>", "<V 3>" for a row address) and played back on a small
/// model of a terminal: what they leave on screen must be the frame, cell for cell, style for style.
@Suite struct FrameEncoderTests {
    private static func controls(margins: Bool = false, colors: Bool = true) -> TerminalControls {
        let controls = TerminalControls(
            clear: Array("<clear>".utf8), reset: Array("<reset>".utf8), resetRestoresColors: true,
            bold: Array("<bold>".utf8), dim: Array("<dim>".utf8), reverse: Array("<rev>".utf8),
            underline: Array("<ul>".utf8), moveTo: ParameterizedControl { Array("<cup \($0),\($1)>".utf8) })
        controls.defaultColors = Array("<op>".utf8)
        controls.foregrounds = (0..<8).map { Array("<fg \($0)>".utf8) }
        controls.backgrounds = (0..<8).map { Array("<bg \($0)>".utf8) }
        controls.toRow = ParameterizedControl { row, _ in Array("<V \(row)>".utf8) }
        controls.toColumn = ParameterizedControl { column, _ in Array("<H \(column)>".utf8) }
        controls.right = ParameterizedControl { count, _ in Array("<C \(count)>".utf8) }
        controls.clearToEndOfLine = Array("<el>".utf8)
        controls.colors = colors
        controls.carriageReturn = Array("<R>".utf8)
        controls.left = Array("<L>".utf8)
        controls.eraseCharacters = ParameterizedControl { count, _ in Array("<ech \(count)>".utf8) }
        if margins { controls.marginsAroundLastCell = (Array("<rmam>".utf8), Array("<smam>".utf8)) }
        return controls
    }

    /// A screen full of what the chat draws: styles, colours, a divider, wide and combining characters,
    /// underlined blanks and a coloured status bar that ends in the bottom-right cell.
    private static func busyFrame() -> Frame {
        var frame = Frame(width: 40, height: 8)
        for y in 0..<7 { frame.put("│", x: 25, y: y, style: Style(foreground: .muted)) }
        frame.put("12:05", x: 0, y: 1, style: Style(foreground: .muted))
        frame.put("› buy milk   and bread", x: 6, y: 1, style: Style(attributes: .bold))
        frame.put("買い物 🍎 café", x: 2, y: 2, style: .plain)
        frame.put("cafe\u{301} ok", x: 2, y: 3, style: Style(foreground: .alert, attributes: [.bold, .underline]))
        frame.put("    ", x: 2, y: 4, style: Style(attributes: .underline))
        frame.put("Tasks", x: 27, y: 0, style: Style(foreground: .accent, attributes: .bold))
        frame.put("1 pay rent", x: 27, y: 1, style: Style(attributes: .reverse))
        frame.put("#home", x: 27, y: 2, style: Style(foreground: .tag))
        frame.fill(Rect(x: 0, y: 7, width: 40, height: 1), style: Style(background: .info))
        frame.put(" embedded", x: 0, y: 7, style: Style(background: .info))
        frame.put("12:05 ", x: 34, y: 7, style: Style(background: .info))
        frame.cursor = Position(x: 17, y: 1)
        return frame
    }

    @Test func theRepaintLeavesExactlyTheFrameOnScreen() {
        let frame = Self.busyFrame()
        let output = FrameEncoder.repaint(frame, controls: Self.controls())
        var terminal = ModelTerminal(width: 40, height: 8)
        terminal.play(output.bytes)
        Self.expectShows(terminal, frame)
        #expect(terminal.look == Look(), "attributes are left off, as curses believes them")
        #expect(
            output.cursor == frame.cursor && terminal.cursor == frame.cursor, "the cursor is where the frame wants it")
    }

    @Test func withoutColoursOnlyAttributesAreWritten() {
        let frame = Self.busyFrame()
        let bytes = FrameEncoder.repaint(frame, controls: Self.controls(colors: false)).bytes
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("<fg") && !text.contains("<bg") && !text.contains("<ech") && !text.contains("<op>"))
        var terminal = ModelTerminal(width: 40, height: 8)
        terminal.play(bytes)
        for y in 0..<frame.height {
            #expect(terminal.rowText(y) == frame.row(y), "row \(y)")
            #expect(terminal.rowLooks(y) == Self.looks(frame, y, colors: false), "row \(y)")
        }
    }

    @Test func theBottomRightCellIsWrittenWithAutomaticMarginsOffWhereWritingItWouldScroll() {
        let frame = Self.busyFrame()
        var plain = frame
        // A status bar of text to the last column, so that the cell is written, not erased.
        plain.put(String(repeating: "x", count: 40), x: 0, y: 7, style: Style(attributes: .reverse))
        let text = String(
            decoding: FrameEncoder.repaint(plain, controls: Self.controls(margins: true)).bytes, as: UTF8.self)
        #expect(text.contains("<rmam>x<smam>"))
        let without = String(decoding: FrameEncoder.repaint(plain, controls: Self.controls()).bytes, as: UTF8.self)
        #expect(!without.contains("<rmam>"))
    }

    @Test func withoutAWayToTurnTheMarginsOffTheBottomRightCellIsLeftAlone() {
        let controls = Self.controls()
        controls.bottomRightCellScrolls = true
        var frame = Frame(width: 40, height: 8)
        frame.put(String(repeating: "x", count: 39) + "Z", x: 0, y: 7, style: .plain)
        frame.put("Q", x: 39, y: 6, style: .plain)
        let repaint = String(decoding: FrameEncoder.repaint(frame, controls: controls).bytes, as: UTF8.self)
        #expect(repaint.contains("x") && repaint.contains("Q") && !repaint.contains("Z"), "writing Z would scroll")
        var changed = frame
        changed.put("Y", x: 39, y: 7, style: .plain)
        changed.put("w", x: 0, y: 7, style: .plain)
        let changes = String(
            decoding: FrameEncoder.changes(from: frame, to: changed, cursor: nil, controls: controls).bytes,
            as: UTF8.self)
        #expect(changes.contains("w") && !changes.contains("Y"))
    }

    @Test func aColumnOfTextAndAColouredBarCostFewBytes() {
        let frame = Self.busyFrame()
        let text = String(decoding: FrameEncoder.repaint(frame, controls: Self.controls()).bytes, as: UTF8.self)
        // Down the divider by row address and one step left, not a full address per row.
        #expect(text.contains("│<V 5><L>│<V 6><L>│"))
        // The status bar's blanks are erased, not written out.
        #expect(text.contains("<ech "))
        #expect(!text.contains(String(repeating: " ", count: 8)))
    }

    @Test func typingAtTheCursorSendsOnlyTheCharacter() {
        var before = Frame(width: 40, height: 8)
        before.put("> buy mil", x: 0, y: 7, style: .plain)
        before.cursor = Position(x: 9, y: 7)
        var after = before
        after.put("k", x: 9, y: 7, style: .plain)
        after.cursor = Position(x: 10, y: 7)
        let output = FrameEncoder.changes(from: before, to: after, cursor: before.cursor, controls: Self.controls())
        #expect(String(decoding: output.bytes, as: UTF8.self) == "k")
        #expect(output.cursor == after.cursor)
        let same = FrameEncoder.changes(from: after, to: after, cursor: after.cursor, controls: Self.controls())
        #expect(same.bytes.isEmpty, "an unchanged frame sends nothing")
    }

    @Test func aCursorInAnUnknownPlaceIsAddressedAbsolutely() {
        var before = Frame(width: 40, height: 8)
        before.put("abc", x: 0, y: 3, style: .plain)
        var after = before
        after.put("d", x: 3, y: 3, style: .plain)
        let text = String(
            decoding: FrameEncoder.changes(from: before, to: after, cursor: nil, controls: Self.controls()).bytes,
            as: UTF8.self)
        #expect(text == "<cup 3,3>d")
    }

    @Test func aShortGapIsCrossedByWritingItsOwnCharactersAgain() {
        var before = Frame(width: 40, height: 8)
        before.put("one two", x: 0, y: 2, style: .plain)
        var after = before
        after.put("X", x: 0, y: 2, style: .plain)
        after.put("Y", x: 4, y: 2, style: .plain)
        let text = String(
            decoding: FrameEncoder.changes(
                from: before, to: after, cursor: Position(x: 0, y: 2), controls: Self.controls()
            ).bytes, as: UTF8.self)
        #expect(text == "Xne Y")
    }

    @Test func anErasedLineEndIsOneControl() {
        var before = Frame(width: 40, height: 8)
        before.put("> a long line typed and then erased", x: 0, y: 7, style: .plain)
        var after = Frame(width: 40, height: 8)
        after.put("> ", x: 0, y: 7, style: .plain)
        after.cursor = Position(x: 2, y: 7)
        let output = FrameEncoder.changes(
            from: before, to: after, cursor: Position(x: 35, y: 7), controls: Self.controls())
        var terminal = ModelTerminal(width: 40, height: 8)
        terminal.play(FrameEncoder.repaint(before, controls: Self.controls()).bytes)
        terminal.play(output.bytes)
        Self.expectShows(terminal, after)
        #expect(String(decoding: output.bytes, as: UTF8.self) == "<H 2><el>")
    }

    @Test func attributesTheTerminalCannotColourAreLeftOffColouredCells() {
        let controls = Self.controls()
        controls.attributesWithoutColor = TerminalControls.attributes(fromNoColorVideo: 18)
        #expect(controls.attributesWithoutColor == [.underline, .dim])
        var frame = Frame(width: 40, height: 8)
        frame.put("alert", x: 0, y: 0, style: Style(foreground: .alert, attributes: [.bold, .underline]))
        frame.put("plain", x: 0, y: 1, style: Style(attributes: .underline))
        let text = String(decoding: FrameEncoder.repaint(frame, controls: controls).bytes, as: UTF8.self)
        #expect(text.contains("<fg 1><bold>alert"))
        #expect(!text.contains("<fg 1><bold><ul>"))
        #expect(text.contains("<ul>plain"))
    }

    /// A screen changed over and over the way the chat changes it (typing, erasing, styles coming and
    /// going, wide characters replaced by narrow ones and back, the bottom-right cell): after each change
    /// the terminal must show the new frame exactly, with its cursor where the frame has it.
    @Test(arguments: [false, true])
    func everyChangeLeavesExactlyTheNewFrameOnScreen(margins: Bool) {
        let controls = Self.controls(margins: margins)
        // Knuth's multiplicative hash of a counter: spread out, and the same on every run.
        var counter = margins ? 7 : 11
        func pick(_ count: Int) -> Int {
            counter += 1
            return (counter &* 2_654_435_761 >> 7) % count
        }
        var frame = Self.busyFrame()
        var terminal = ModelTerminal(width: 40, height: 8)
        var output = FrameEncoder.repaint(frame, controls: controls)
        terminal.play(output.bytes)
        let texts = ["a", "buy milk", "買い物", "🍎 x", "cafe\u{301}", "    ", "│", "1 pay rent #home", "zz"]
        let styles = [
            Style.plain, Style(attributes: .bold), Style(foreground: .alert, attributes: [.bold, .underline]),
            Style(background: .info), Style(attributes: .reverse), Style(foreground: .tag), Style(attributes: .dim),
        ]
        for step in 0..<300 {
            var next = frame
            for _ in 0..<(1 + pick(3)) {
                let text = texts[pick(texts.count)]
                let style = styles[pick(styles.count)]
                if pick(6) == 0 {
                    next.fill(Rect(x: pick(40), y: pick(8), width: pick(40), height: 1), style: style)
                } else {
                    next.put(text, x: pick(40), y: pick(8), style: style)
                }
            }
            next.cursor = pick(5) == 0 ? nil : Position(x: pick(40), y: pick(8))
            output = FrameEncoder.changes(from: frame, to: next, cursor: output.cursor, controls: controls)
            terminal.play(output.bytes)
            frame = next
            Self.expectShows(terminal, frame, step: step)
            if let cursor = frame.cursor { #expect(terminal.cursor == cursor, "step \(step)") }
            #expect(terminal.look == Look(), "step \(step): attributes are left off")
        }
    }

    private static func expectShows(_ terminal: ModelTerminal, _ frame: Frame, step: Int = 0) {
        for y in 0..<frame.height {
            #expect(terminal.rowText(y) == frame.row(y), "step \(step) row \(y)")
            #expect(terminal.rowLooks(y) == Self.looks(frame, y, colors: true), "step \(step) row \(y)")
        }
    }

    private static func looks(_ frame: Frame, _ y: Int, colors: Bool) -> [Look] {
        frame.cells(ofRow: y).filter { !$0.isContinuation }.map { cell in
            let style = cell.style
            // A blank in the terminal's own colours looks the same whatever attributes it has but these.
            let shown = style.attributes.intersection([.reverse, .underline])
            if cell.isSpace, style.background == .default || !colors, shown.isEmpty { return Look() }
            return Look(
                attributes: style.attributes,
                foreground: colors ? Int16(FrameEncoder.colorNumber(style.foreground)) : -1,
                background: colors ? Int16(FrameEncoder.colorNumber(style.background)) : -1)
        }
    }
}

/// What a cell shows besides its text: attributes and colour numbers (-1 the terminal's own).
struct Look: Equatable {
    var attributes: TextAttributes = []
    var foreground: Int16 = -1
    var background: Int16 = -1
}

/// Just enough of a terminal to play back the made-up controls: a grid, a cursor, the current look.
struct ModelTerminal {
    let width: Int
    let height: Int
    var text: [[String]]
    var looks: [[Look]]
    var cursor = Position(x: 0, y: 0)
    var look = Look()

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        text = Array(repeating: Array(repeating: " ", count: width), count: height)
        looks = Array(repeating: Array(repeating: Look(), count: width), count: height)
    }

    func rowText(_ y: Int) -> String { text[y].joined() }

    /// The looks of the row's cells, one per character (the second cell of a wide one left out), blanks
    /// that show nothing counted as plain.
    func rowLooks(_ y: Int) -> [Look] {
        (0..<width).filter { text[y][$0] != "" }.map { x in
            let l = looks[y][x]
            let shown = l.attributes.intersection([.reverse, .underline])
            return text[y][x] == " " && l.background == -1 && shown.isEmpty ? Look() : l
        }
    }

    mutating func play(_ bytes: [UInt8]) {
        var rest = Substring(String(decoding: bytes, as: UTF8.self))
        while let first = rest.first {
            if first == "<", let close = rest.firstIndex(of: ">") {
                control(String(rest[rest.index(after: rest.startIndex)..<close]))
                rest = rest[rest.index(after: close)...]
                continue
            }
            for scalar in first.unicodeScalars { put(scalar) }
            rest = rest.dropFirst()
        }
    }

    private mutating func put(_ scalar: Unicode.Scalar) {
        let w = DisplayWidth.of(scalar)
        if w == 0 {
            let x = cursor.x - 1
            if x >= 0 {
                let base = text[cursor.y][x] == "" ? x - 1 : x
                text[cursor.y][base].unicodeScalars.append(scalar)
            }
            return
        }
        text[cursor.y][cursor.x] = String(scalar)
        looks[cursor.y][cursor.x] = look
        if w == 2 {
            text[cursor.y][cursor.x + 1] = ""
            looks[cursor.y][cursor.x + 1] = look
        }
        cursor.x = min(width - 1, cursor.x + w)
    }

    private mutating func control(_ token: String) {
        let parts = token.split(separator: " ")
        let numbers = parts.dropFirst().first.map { $0.split(separator: ",").compactMap { Int($0) } } ?? []
        switch parts[0] {
        case "clear":
            self = ModelTerminal(width: width, height: height)
        case "reset": look = Look()
        case "op":
            look.foreground = -1
            look.background = -1
        case "bold": look.attributes.insert(.bold)
        case "dim": look.attributes.insert(.dim)
        case "rev": look.attributes.insert(.reverse)
        case "ul": look.attributes.insert(.underline)
        case "fg": look.foreground = Int16(numbers[0])
        case "bg": look.background = Int16(numbers[0])
        case "cup": cursor = Position(x: numbers[1], y: numbers[0])
        case "V": cursor.y = numbers[0]
        case "H": cursor.x = numbers[0]
        case "C": cursor.x = min(width - 1, cursor.x + numbers[0])
        case "R": cursor.x = 0
        case "L": cursor.x -= 1
        case "ech", "el":
            let count = parts[0] == "el" ? width - cursor.x : numbers[0]
            for x in cursor.x..<min(width, cursor.x + count) {
                text[cursor.y][x] = " "
                looks[cursor.y][x] = Look(background: look.background)
            }
        case "rmam", "smam": break
        default: Issue.record("unknown control \(token)")
        }
    }
}
