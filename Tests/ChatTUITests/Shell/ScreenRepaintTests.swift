import Testing

@testable import ChatTUI

/// Ctrl-L's repaint, written in made-up controls ("<cup 3,4>", "<V 3>" for a row address) and played back on a small model of a
/// terminal: what it leaves on screen must be the frame, cell for cell, style for style.
@Suite struct ScreenRepaintTests {
    private static func controls(margins: Bool = false) -> TerminalControls {
        var controls = TerminalControls(
            clear: Array("<clear>".utf8), reset: Array("<reset>".utf8), resetRestoresColors: true,
            bold: Array("<bold>".utf8), dim: Array("<dim>".utf8), reverse: Array("<rev>".utf8),
            underline: Array("<ul>".utf8), moveTo: { Array("<cup \($0),\($1)>".utf8) })
        controls.defaultColors = Array("<op>".utf8)
        controls.foregrounds = (0..<8).map { Array("<fg \($0)>".utf8) }
        controls.backgrounds = (0..<8).map { Array("<bg \($0)>".utf8) }
        controls.toRow = { Array("<V \($0)>".utf8) }
        controls.toColumn = { Array("<H \($0)>".utf8) }
        controls.carriageReturn = Array("<R>".utf8)
        controls.left = Array("<L>".utf8)
        controls.eraseCharacters = { Array("<ech \($0)>".utf8) }
        controls.eraseToEndOfLine = Array("<el>".utf8)
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
        let bytes = ScreenRepaint.bytes(
            of: frame, controls: Self.controls(), colors: true)
        var terminal = ModelTerminal(width: 40, height: 8)
        terminal.play(bytes)
        for y in 0..<frame.height {
            #expect(terminal.rowText(y) == frame.row(y), "row \(y)")
            #expect(terminal.rowLooks(y) == Self.looks(frame, y, colors: true), "row \(y)")
        }
        #expect(terminal.look == Look(), "attributes are left off, as curses believes them")
    }

    @Test func withoutColoursOnlyAttributesAreWritten() {
        let frame = Self.busyFrame()
        let bytes = ScreenRepaint.bytes(
            of: frame, controls: Self.controls(), colors: false)
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
            decoding: ScreenRepaint.bytes(
                of: plain, controls: Self.controls(margins: true), colors: true),
            as: UTF8.self)
        #expect(text.contains("<rmam>x<smam>"))
        let without = String(
            decoding: ScreenRepaint.bytes(of: plain, controls: Self.controls(), colors: true),
            as: UTF8.self)
        #expect(!without.contains("<rmam>"))
    }

    @Test func aColumnOfTextAndAColouredBarCostFewBytes() {
        let frame = Self.busyFrame()
        let text = String(
            decoding: ScreenRepaint.bytes(of: frame, controls: Self.controls(), colors: true),
            as: UTF8.self)
        // Down the divider by row address and one step left, not a full address per row.
        #expect(text.contains("│<V 5><L>│<V 6><L>│"))
        // The status bar's blanks are erased, not written out.
        #expect(text.contains("<ech "))
        #expect(!text.contains(String(repeating: " ", count: 8)))
    }

    private static func looks(_ frame: Frame, _ y: Int, colors: Bool) -> [Look] {
        frame.cells(ofRow: y).filter { !$0.isContinuation }.map { cell in
            let style = cell.style
            // A blank in the terminal's own colours looks the same whatever attributes it has but these.
            let shown = style.attributes.intersection([.reverse, .underline])
            if cell.isSpace, style.background == .default || !colors, shown.isEmpty { return Look() }
            return Look(
                attributes: style.attributes,
                foreground: colors ? FramePainter.colorNumber(style.foreground) : -1,
                background: colors ? FramePainter.colorNumber(style.background) : -1)
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
