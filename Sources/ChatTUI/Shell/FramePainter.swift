import CNcurses
import Glibc

/// Draws frames through curses, writing only the cells that changed since the last frame; curses then
/// sends the terminal only what its own screen image says is different (wnoutrefresh + doupdate).
final class FramePainter {
    private var previous: Frame?
    private var cursorVisible: Bool?
    private let palette: CursesPalette
    private let controls: TerminalControls?
    private let outputFD: Int32
    /// One character per style, blank, made by `setcchar` on first use (indexed by `lookIndex`): a cell's
    /// character is this one with the cell's scalars put in, so a full redraw asks curses nothing per cell.
    private var looks: [cchar_t?] = Array(repeating: nil, count: 1 << 10)
    /// One run's characters, handed to curses in one call (reused: no allocation per frame).
    private var line: [cchar_t] = []

    /// How many frames reached the terminal, for the redraw-coalescing benchmark.
    private(set) var framesPresented = 0

    /// With `controls`, and curses drawing on standard output (`outputFD`), a repaint of the whole screen
    /// is written by the painter; otherwise curses does it.
    init(palette: CursesPalette, controls: TerminalControls? = nil, outputFD: Int32 = STDOUT_FILENO) {
        self.palette = palette
        self.controls = controls
        self.outputFD = outputFD
    }

    /// The next `present` writes every cell (after a resize, or when the screen was cleared).
    func invalidate() {
        previous = nil
    }

    func present(_ frame: Frame) {
        let window = tc_stdscr()
        // Moved out of the object for the loop: no copy, and no exclusivity check per cell.
        var line: [cchar_t] = []
        var looks: [cchar_t?] = []
        swap(&line, &self.line)
        swap(&looks, &self.looks)
        let runs = frame.diff(from: previous)
        // Where curses will put the cursor: the frame's, or where the last run left the window's.
        let cursor =
            frame.cursor ?? runs.last.map { Position(x: $0.x, y: $0.y) }
            ?? Position(x: Int(getcurx(window)), y: Int(getcury(window)))
        let curscr = tc_curscr()
        // The terminal gets the frame first; curses' bookkeeping follows.
        let wroteWhole =
            framesPresented > 0 && is_cleared(curscr) && !isendwin() && outputFD == STDOUT_FILENO
            && tc_maxy(curscr) == Int32(frame.height) && tc_maxx(curscr) == Int32(frame.width)
            && writeWhole(frame, cursor: cursor)
        for run in runs {
            line.removeAll(keepingCapacity: true)
            run.cells.withUnsafeBufferPointer { cells in
                for cell in cells where !cell.isContinuation {
                    line.append(Self.character(for: cell, looks: &looks, palette: palette))
                }
            }
            // Copies the run into curses' window as it is: no wrapping, no cursor motion, no
            // interpretation of each character as `wadd_wch` does (a wide one still takes two columns).
            _ = line.withUnsafeBufferPointer {
                mvwadd_wchnstr(window, Int32(run.y), Int32(run.x), $0.baseAddress, Int32($0.count))
            }
        }
        swap(&line, &self.line)
        swap(&looks, &self.looks)
        previous = frame
        if let cursor = frame.cursor {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        }
        setCursorVisible(frame.cursor != nil)
        wnoutrefresh(window)
        if wroteWhole { adoptNewScreen(changedRows: runs.map(\.y), width: frame.width) }
        doupdate()
        if frame.bell { beep() }
        framesPresented += 1
    }

    /// Curses was asked to clear the screen and send every cell again (after a resize, for Ctrl-L). It
    /// would plan a cursor move for every stretch of text, and write each move out on its own: most of
    /// the time of a redraw, and dozens of writes. Instead the painter writes the frame out whole, in one
    /// write, and tells curses where that leaves the cursor; `adoptNewScreen` then makes curses' image of
    /// the screen the frame, so that `doupdate` finds nothing to send. False when the terminal lacks the
    /// controls, and curses repaints as usual.
    private func writeWhole(_ frame: Frame, cursor: Position) -> Bool {
        guard let controls else { return false }
        let bytes = ScreenRepaint.bytes(of: frame, controls: controls, colors: palette.hasColors)
        let written = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(outputFD, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        guard written else { return false }
        // From an unknown position: an absolute move, which also tells curses where the cursor is. The
        // public `mvcur` writes through stdio's standard output (hence the painter does this only when
        // that is the terminal), so it is flushed at once, behind the frame.
        mvcur(-1, -1, Int32(cursor.y), Int32(cursor.x))
        fflush(tc_stdout())
        return true
    }

    /// After `writeWhole`: curses' image of the screen becomes `newscr`, which holds the frame (only the
    /// rows painted just now differ from the image), and the pending clear is dropped.
    private func adoptNewScreen(changedRows: [Int], width: Int) {
        let newscr = tc_newscr()
        // Runs come row by row, top to bottom: each stretch of consecutive rows is copied at once.
        var index = 0
        while index < changedRows.count {
            let first = changedRows[index]
            var last = first
            while index + 1 < changedRows.count, changedRows[index + 1] <= last + 1 {
                index += 1
                last = max(last, changedRows[index])
            }
            index += 1
            let right = Int32(width - 1)
            // A failed copy leaves the clear pending: curses then repaints everything itself.
            guard copywin(newscr, tc_curscr(), Int32(first), 0, Int32(first), 0, Int32(last), right, 0) == OK else {
                return
            }
        }
        clearok(tc_curscr(), false)
    }

    private static func character(for cell: Cell, looks: inout [cchar_t?], palette: CursesPalette) -> cchar_t {
        let index = lookIndex(cell.style)
        if looks[index] == nil { looks[index] = makeLook(cell.style, palette: palette) }
        var character = looks[index].unsafelyUnwrapped
        // A cell holds one spacing scalar plus at most three combining marks (CCHARW_MAX is 5), the rest
        // of `chars` stays zero as `setcchar` leaves it.
        var count = 0
        cell.forEachScalar { scalar in
            let value = wchar_t(bitPattern: scalar.value)
            switch count {
            case 0: character.chars.0 = value
            case 1: character.chars.1 = value
            case 2: character.chars.2 = value
            default: character.chars.3 = value
            }
            count += 1
        }
        return character
    }

    /// A style as a number below 1,024: three bits per colour role, four of attributes.
    private static func lookIndex(_ style: Style) -> Int {
        Int(style.foreground.rawValue) << 7 | Int(style.background.rawValue) << 4 | Int(style.attributes.rawValue)
    }

    private static func makeLook(_ style: Style, palette: CursesPalette) -> cchar_t {
        var attributes = tc_a_normal()
        if style.attributes.contains(.bold) { attributes |= tc_a_bold() }
        if style.attributes.contains(.dim) { attributes |= tc_a_dim() }
        if style.attributes.contains(.reverse) { attributes |= tc_a_reverse() }
        if style.attributes.contains(.underline) { attributes |= tc_a_underline() }
        let pair = palette.pair(
            foreground: colorNumber(style.foreground), background: colorNumber(style.background))
        var character = cchar_t()
        var blank: [wchar_t] = [0x20, 0]
        _ = setcchar(&character, &blank, attributes, pair, nil)
        return character
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }

    /// The eight ANSI colours every colour terminal has; -1 keeps the user's own foreground or background.
    static func colorNumber(_ role: ColorRole) -> Int16 {
        switch role {
        case .default: -1
        case .accent: Int16(COLOR_CYAN)
        case .muted: Int16(COLOR_BLUE)
        case .alert: Int16(COLOR_RED)
        case .warning: Int16(COLOR_YELLOW)
        case .success: Int16(COLOR_GREEN)
        case .info: Int16(COLOR_BLUE)
        case .tag: Int16(COLOR_MAGENTA)
        }
    }
}
