/// A whole frame written out from a cleared screen, for Ctrl-L and after a resize: one move per stretch
/// of text, the shortest the terminal has, and attributes off at the end (as curses leaves them).
enum ScreenRepaint {
    /// The bytes that repaint `frame`; where they leave the cursor is for the caller to correct. Without
    /// `colors` the cells' colour roles are ignored, as curses ignores them on a monochrome terminal.
    static func bytes(of frame: Frame, controls: TerminalControls, colors: Bool) -> [UInt8] {
        var writer = Writer(controls: controls, colors: colors, width: frame.width)
        writer.out += controls.reset
        writer.out += controls.clear
        for y in 0..<frame.height {
            let row = frame.cells(ofRow: y)
            var x = 0
            while x < row.count {
                let cell = row[x]
                if cell.isIdentical(to: .blank) || cell.isContinuation {
                    x += 1
                } else if let erased = writer.erase(row, from: x, y: y) {
                    x = erased
                } else {
                    writer.write(
                        cell, x: x, y: y, lastCell: y == frame.height - 1 && x + Int(cell.width) >= frame.width)
                    x += max(1, Int(cell.width))
                }
            }
        }
        writer.setStyle(.plain)
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

        /// A run of blanks coloured only by a background (eight or more, or the rest of the row) is erased
        /// rather than written, where erasing paints the background: returns the column after it, or nil
        /// when the cells at `x` are no such run.
        mutating func erase(_ row: [Cell], from x: Int, y: Int) -> Int? {
            let cell = row[x]
            guard colors, cell.isSpace, cell.width == 1, cell.style.attributes.isEmpty,
                cell.style.background != .default, let eraseCharacters = controls.eraseCharacters
            else { return nil }
            var end = x + 1
            while end < row.count, row[end].isIdentical(to: cell) { end += 1 }
            let toEnd = end == row.count && controls.eraseToEndOfLine != nil
            guard toEnd || end - x >= 8 else { return nil }
            moveTo(x: x, y: y)
            setStyle(cell.style)
            out += toEnd ? controls.eraseToEndOfLine! : eraseCharacters(end - x)
            return end
        }

        /// The shortest of the moves the terminal has: cup, vpa or hpa alone, vpa and one step left (down a
        /// column of text), a return, or a short gap written as spaces when the style is plain.
        private mutating func moveTo(x: Int, y: Int) {
            defer { at = Position(x: x, y: y) }
            if at == Position(x: x, y: y) { return }
            var best = controls.moveTo(y, x)
            func consider(_ move: [UInt8]?) {
                if let move, move.count < best.count { best = move }
            }
            if let at {
                if at.y == y {
                    if x > at.x, x - at.x <= 4, style == .plain {
                        consider(Array(repeating: UInt8(ascii: " "), count: x - at.x))
                    }
                    consider(controls.toColumn?(x))
                    if x == 0 { consider(controls.carriageReturn) }
                } else if let toRow = controls.toRow {
                    if at.x == x { consider(toRow(y)) }
                    if at.x == x + 1, let left = controls.left { consider(toRow(y) + left) }
                    if x == 0, let carriageReturn = controls.carriageReturn { consider(carriageReturn + toRow(y)) }
                }
            }
            out += best
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
