import CNcurses

/// Draws frames through curses, writing only the cells that changed since the last frame; curses then
/// sends the terminal only what its own screen image says is different (wnoutrefresh + doupdate).
final class FramePainter {
    private var previous: Frame?
    private var cursorVisible: Bool?
    private var looks: [Style: (attributes: attr_t, pair: Int16)] = [:]
    private let palette: CursesPalette
    /// One run's characters, handed to curses in one call (reused: no allocation per frame).
    private var line: [cchar_t] = []

    /// How many frames reached the terminal, for the redraw-coalescing benchmark.
    private(set) var framesPresented = 0

    init(palette: CursesPalette) {
        self.palette = palette
    }

    /// The next `present` writes every cell (after a resize, or when the screen was cleared).
    func invalidate() {
        previous = nil
    }

    func present(_ frame: Frame) {
        let window = tc_stdscr()
        for run in frame.diff(from: previous) {
            line.removeAll(keepingCapacity: true)
            for cell in run.cells where !cell.isContinuation { line.append(character(for: cell)) }
            // Copies the run into curses' window as it is: no wrapping, no cursor motion, no
            // interpretation of each character as `wadd_wch` does (a wide one still takes two columns).
            _ = line.withUnsafeBufferPointer {
                mvwadd_wchnstr(window, Int32(run.y), Int32(run.x), $0.baseAddress, Int32($0.count))
            }
        }
        previous = frame
        if let cursor = frame.cursor {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        }
        setCursorVisible(frame.cursor != nil)
        wnoutrefresh(window)
        doupdate()
        if frame.bell { beep() }
        framesPresented += 1
    }

    private func character(for cell: Cell) -> cchar_t {
        let look = look(of: cell.style)
        var character = cchar_t()
        // A cell holds one spacing scalar plus at most three combining marks (CCHARW_MAX is 5).
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: 6) { buffer in
            var count = 0
            cell.forEachScalar { scalar in
                guard count < 5 else { return }
                buffer[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            if count == 0 {
                buffer[0] = 0x20
                count = 1
            }
            buffer[count] = 0
            _ = setcchar(&character, buffer.baseAddress, look.attributes, look.pair, nil)
        }
        return character
    }

    private func look(of style: Style) -> (attributes: attr_t, pair: Int16) {
        if let cached = looks[style] { return cached }
        var attributes = tc_a_normal()
        if style.attributes.contains(.bold) { attributes |= tc_a_bold() }
        if style.attributes.contains(.dim) { attributes |= tc_a_dim() }
        if style.attributes.contains(.reverse) { attributes |= tc_a_reverse() }
        if style.attributes.contains(.underline) { attributes |= tc_a_underline() }
        let pair = palette.pair(
            foreground: Self.colorNumber(style.foreground), background: Self.colorNumber(style.background))
        looks[style] = (attributes, pair)
        return (attributes, pair)
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }

    /// The eight ANSI colours every colour terminal has; -1 keeps the user's own foreground or background.
    private static func colorNumber(_ role: ColorRole) -> Int16 {
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
