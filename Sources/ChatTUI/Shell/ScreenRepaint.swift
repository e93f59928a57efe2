/// Ctrl-L's repaint: the last frame written out whole, from a cleared screen, in one write.
///
/// Curses' image of the screen is already right after a Ctrl-L, only the terminal may hold someone
/// else's output; asking curses to resend it (`clearok`) makes it plan a cursor move for every stretch of
/// text, and that planning is most of the cost of a redraw. This writes the same cells with at most one
/// move per stretch, and leaves the terminal as curses believes it to be: every cell as in its image,
/// attributes off, the cursor where it left it.
enum ScreenRepaint {
    /// The bytes that repaint `frame` and leave the cursor at `cursor`. Without `colors` the cells'
    /// colour roles are ignored, as curses ignores them on a monochrome terminal.
    static func bytes(of frame: Frame, cursorAt cursor: Position, controls: TerminalControls, colors: Bool)
        -> [UInt8]
    {
        var writer = Writer(controls: controls, colors: colors, width: frame.width)
        writer.out += controls.reset
        writer.out += controls.clear
        for y in 0..<frame.height {
            let row = frame.cells(ofRow: y)
            for x in row.indices where !row[x].isContinuation {
                writer.write(row[x], x: x, y: y, lastCell: y == frame.height - 1 && x + Int(row[x].width) >= frame.width)
            }
        }
        writer.setStyle(.plain)
        writer.out += controls.moveTo(cursor.y, cursor.x)
        return writer.out
    }

    private struct Writer {
        let controls: TerminalControls
        let colors: Bool
        let width: Int
        var out: [UInt8] = []
        var style = Style.plain
        /// Where the terminal's cursor is; nil after a write into the last column (it may wait to wrap).
        var at: Position? = Position(x: 0, y: 0)

        init(controls: TerminalControls, colors: Bool, width: Int) {
            self.controls = controls
            self.colors = colors
            self.width = width
            out.reserveCapacity(4096)
        }

        mutating func write(_ cell: Cell, x: Int, y: Int, lastCell: Bool) {
            let look = colors ? cell.style : Style(attributes: cell.style.attributes)
            // The cleared screen already holds plain blanks.
            if look == .plain, cell.isSpace { return }
            moveTo(x: x, y: y)
            setStyle(look)
            if lastCell, let margins = controls.marginsAroundLastCell { out += margins.off }
            cell.forEachScalar { scalar in UTF8.encode(scalar).map { out.append(contentsOf: $0) } }
            if lastCell, let margins = controls.marginsAroundLastCell { out += margins.on }
            let next = x + Int(cell.width)
            at = next >= width ? nil : Position(x: next, y: y)
        }

        /// A short gap on the same row in plain style is written as spaces, which is shorter than a move.
        private mutating func moveTo(x: Int, y: Int) {
            guard let at, at.y == y, at.x <= x else {
                out += controls.moveTo(y, x)
                at = Position(x: x, y: y)
                return
            }
            let gap = x - at.x
            if gap == 0 { return }
            if gap <= 4, style == .plain {
                out += repeatElement(UInt8(ascii: " "), count: gap)
            } else {
                out += controls.moveTo(y, x)
            }
            self.at = Position(x: x, y: y)
        }

        mutating func setStyle(_ next: Style) {
            guard next != style else { return }
            var current = style
            if !current.attributes.isSubset(of: next.attributes) {
                out += controls.reset
                if colors, !controls.resetRestoresColors,
                    current.foreground != .default || current.background != .default
                {
                    out += controls.defaultColors
                }
                current = .plain
            }
            if colors {
                if (next.foreground == .default && current.foreground != .default)
                    || (next.background == .default && current.background != .default)
                {
                    out += controls.defaultColors
                    current.foreground = .default
                    current.background = .default
                }
                if next.foreground != current.foreground {
                    out += controls.foregrounds[Int(FramePainter.colorNumber(next.foreground))]
                }
                if next.background != current.background {
                    out += controls.backgrounds[Int(FramePainter.colorNumber(next.background))]
                }
            }
            let added = next.attributes.subtracting(current.attributes)
            if added.contains(.bold) { out += controls.bold }
            if added.contains(.dim) { out += controls.dim }
            if added.contains(.reverse) { out += controls.reverse }
            if added.contains(.underline) { out += controls.underline }
            style = next
        }
    }
}
